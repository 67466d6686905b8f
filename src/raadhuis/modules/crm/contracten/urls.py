"""The contract screens, namespace `crm:contracten` at /crm/contracten/."""

from django.urls import path

from raadhuis.modules.crm.contracten import views

app_name = "contracten"

urlpatterns = [
    path("", views.lijst_view, name="lijst"),
    path("nieuw/", views.nieuw_view, name="nieuw"),
    path("<uuid:uuid>/", views.detail_view, name="detail"),
    path("<uuid:uuid>/wijzigen/", views.wijzigen_view, name="wijzigen"),
    path("<uuid:uuid>/opzeggen/", views.opzeggen_view, name="opzeggen"),
    path("<uuid:uuid>/social-return/", views.realisatie_view, name="realisatie"),
    path("<uuid:uuid>/mvoi/", views.indicator_view, name="indicator"),
    path("<uuid:uuid>/brief/", views.brief_view, name="brief"),
]
