"""The CRM screens, namespace `crm` at /crm/."""

from django.urls import include, path

app_name = "crm"

urlpatterns: list = [
    path("klachten/", include("raadhuis.modules.crm.klachten.urls")),
    path("contracten/", include("raadhuis.modules.crm.contracten.urls")),
]
