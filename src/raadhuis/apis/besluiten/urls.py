"""Besluiten API 1.1.0 at /besluiten/api/v1/."""

from django.urls import URLPattern, URLResolver, path
from rest_framework.routers import SimpleRouter

from raadhuis.apis.besluiten import views
from raadhuis.apis.common.schema import api_urlpatterns

app_name = "besluiten"

router = SimpleRouter(trailing_slash=False)
router.register("besluiten", views.BesluitViewSet, basename="besluit")
router.register(
    "besluitinformatieobjecten",
    views.BesluitInformatieObjectViewSet,
    basename="besluitinformatieobject",
)

audittrail_list = views.BesluitAuditTrailViewSet.as_view({"get": "list"})
audittrail_detail = views.BesluitAuditTrailViewSet.as_view({"get": "retrieve"})

resource_urlpatterns: list[URLPattern | URLResolver] = [
    *router.urls,
    path("besluiten/<str:besluit_uuid>/audittrail", audittrail_list, name="audittrail-list"),
    path(
        "besluiten/<str:besluit_uuid>/audittrail/<str:uuid>",
        audittrail_detail,
        name="audittrail-detail",
    ),
]
urlpatterns = api_urlpatterns("besluiten", resource_urlpatterns)
