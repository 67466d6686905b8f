"""Documenten API 1.7.0 at /documenten/api/v1/ (paths as in the specification)."""

from django.urls import URLPattern, URLResolver, path
from rest_framework.routers import SimpleRouter

from raadhuis.apis.common.schema import api_urlpatterns
from raadhuis.apis.documenten import views, views_relaties

app_name = "documenten"

router = SimpleRouter(trailing_slash=False)
router.register(
    "enkelvoudiginformatieobjecten",
    views.EnkelvoudigInformatieObjectViewSet,
    basename="enkelvoudiginformatieobject",
)
router.register("bestandsdelen", views.BestandsDeelViewSet, basename="bestandsdeel")
router.register(
    "gebruiksrechten", views_relaties.GebruiksrechtenViewSet, basename="gebruiksrechten"
)
router.register(
    "objectinformatieobjecten",
    views_relaties.ObjectInformatieObjectViewSet,
    basename="objectinformatieobject",
)
router.register("verzendingen", views_relaties.VerzendingViewSet, basename="verzending")

audittrail_list = views.AuditTrailViewSet.as_view({"get": "list"})
audittrail_detail = views.AuditTrailViewSet.as_view({"get": "retrieve"})

resource_urlpatterns: list[URLPattern | URLResolver] = [
    *router.urls,
    path(
        "enkelvoudiginformatieobjecten/<str:enkelvoudiginformatieobject_uuid>/audittrail",
        audittrail_list,
        name="audittrail-list",
    ),
    path(
        "enkelvoudiginformatieobjecten/<str:enkelvoudiginformatieobject_uuid>/audittrail/<str:uuid>",
        audittrail_detail,
        name="audittrail-detail",
    ),
]

urlpatterns = api_urlpatterns("documenten", resource_urlpatterns)
