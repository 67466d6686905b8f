"""The ledger, reconciliation and signals pages (namespace `budget`)."""

from django.urls import path

from raadhuis.modules.budget import views_grootboek as views

urlpatterns = [
    path("rekeningen/<uuid:uuid>/boekingen/", views.boekingen_view, name="boekingen"),
    path(
        "rekeningen/<uuid:uuid>/boekingen/correctie/",
        views.correctie_view,
        name="boeking_correctie",
    ),
    path(
        "rekeningen/<uuid:uuid>/boekingen/<uuid:post>/tegenboeken/",
        views.tegenboeken_view,
        name="boeking_tegenboeken",
    ),
    path(
        "rekeningen/<uuid:uuid>/roodstand/<uuid:verzoek>/",
        views.roodstand_beoordelen_view,
        name="roodstand_beoordelen",
    ),
    path("aansluiting/", views.aansluiting_view, name="aansluiting"),
    path("signalen/", views.signalen_view, name="signalen"),
    path("signalen/<int:pk>/afhandelen/", views.signaal_afhandelen_view, name="signaal_afhandelen"),
]
