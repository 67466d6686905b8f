"""The VTLB API under /api/shv/v1/ (included by raadhuis.modules.shv.api.urls, namespace
`shv-api`): calculations, their PDF, distributions, and the OpenAPI document."""

from django.urls import path

from raadhuis.modules.shv.vtlb.api import views
from raadhuis.modules.shv.vtlb.api.schema import schema_yaml_view

resource_urlpatterns = [
    path(
        "vtlb-berekeningen",
        views.VtlbBerekeningenView.as_view(),
        name="vtlb-berekeningen",
    ),
    path(
        "vtlb-berekeningen/<uuid:uuid>",
        views.VtlbBerekeningDetailView.as_view(),
        name="vtlb-berekening-detail",
    ),
    path(
        "vtlb-berekeningen/<uuid:uuid>/pdf",
        views.VtlbBerekeningPdfView.as_view(),
        name="vtlb-berekening-pdf",
    ),
    path("verdelingen", views.VerdelingenView.as_view(), name="verdelingen"),
]

urlpatterns = [
    *resource_urlpatterns,
    path("schema/vtlb/openapi.yaml", schema_yaml_view, name="vtlb-schema"),
]
