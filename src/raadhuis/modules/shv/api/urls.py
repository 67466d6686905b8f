"""The debt-assistance API (/api/shv/v1/): VTLB calculations, distributions and, later, dossiers."""

from django.urls import include, path

app_name = "shv-api"

urlpatterns = [
    path("", include("raadhuis.modules.shv.vtlb.api.urls")),
]
