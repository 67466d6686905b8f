"""Catalogi API 1.3.3 at /catalogi/api/v1/ (paths as in the specification, no trailing slash)."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from raadhuis.apis.catalogi import views
from raadhuis.apis.common.schema import api_urlpatterns

app_name = "catalogi"

router = SimpleRouter(trailing_slash=False)
router.register("catalogussen", views.CatalogusViewSet, basename="catalogus")
router.register("zaaktypen", views.ZaakTypeViewSet, basename="zaaktype")
router.register("statustypen", views.StatusTypeViewSet, basename="statustype")
router.register("roltypen", views.RolTypeViewSet, basename="roltype")
router.register("resultaattypen", views.ResultaatTypeViewSet, basename="resultaattype")
router.register(
    "informatieobjecttypen", views.InformatieObjectTypeViewSet, basename="informatieobjecttype"
)
router.register(
    "zaaktype-informatieobjecttypen",
    views.ZaakTypeInformatieObjectTypeViewSet,
    basename="zaaktypeinformatieobjecttype",
)
router.register("eigenschappen", views.EigenschapViewSet, basename="eigenschap")
router.register("besluittypen", views.BesluitTypeViewSet, basename="besluittype")
router.register("zaakobjecttypen", views.ZaakObjectTypeViewSet, basename="zaakobjecttype")

resource_urlpatterns: list[URLPattern | URLResolver] = list(router.urls)
urlpatterns = api_urlpatterns("catalogi", resource_urlpatterns)
