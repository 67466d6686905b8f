"""Bank statements in (mounted at /budget/bank/, namespace `budget`)."""

from django.urls import path

from raadhuis.modules.budget import views_bank

urlpatterns = [
    path("import/", views_bank.bank_import_view, name="bank_import"),
    path("wachtrij/", views_bank.bank_wachtrij_view, name="bank_wachtrij"),
    path("wachtrij/<uuid:uuid>/", views_bank.bank_mutatie_view, name="bank_mutatie"),
    path(
        "wachtrij/<uuid:uuid>/matchen/",
        views_bank.bank_mutatie_matchen_view,
        name="bank_mutatie_matchen",
    ),
    path(
        "wachtrij/<uuid:uuid>/negeren/",
        views_bank.bank_mutatie_negeren_view,
        name="bank_mutatie_negeren",
    ),
    path("afschriften/", views_bank.bank_afschriften_view, name="bank_afschriften"),
    path("afschriften/<uuid:uuid>/", views_bank.bank_afschrift_view, name="bank_afschrift"),
]
