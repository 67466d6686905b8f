"""Zaken API 1.7.0 at /zaken/api/v1/."""

from rest_framework.routers import SimpleRouter

from raadhuis.apis.common.schema import api_urlpatterns
from raadhuis.apis.zaken.views import onderdelen, overig, zaken

app_name = "zaken"
router = SimpleRouter(trailing_slash=False)
router.register("klantcontacten", overig.KlantContactViewSet, basename="klantcontact")
router.register("resultaten", onderdelen.ResultaatViewSet, basename="resultaat")
router.register("rollen", onderdelen.RolViewSet, basename="rol")
router.register("statussen", onderdelen.StatusViewSet, basename="status")
router.register(
    "zaakcontactmomenten", overig.ZaakContactMomentViewSet, basename="zaakcontactmoment"
)
router.register(
    "zaakinformatieobjecten", overig.ZaakInformatieObjectViewSet, basename="zaakinformatieobject"
)
router.register("zaaknotities", overig.ZaakNotitieViewSet, basename="zaaknotitie")
router.register(
    "zaaknummer_reserveren", onderdelen.ZaakNummerReserverenViewSet, basename="zaaknummer"
)
router.register("zaakobjecten", overig.ZaakObjectViewSet, basename="zaakobject")
router.register("zaakverzoeken", overig.ZaakVerzoekViewSet, basename="zaakverzoek")
router.register("zaken", zaken.ZaakViewSet, basename="zaak")
router.register(
    r"zaken/(?P<zaak_uuid>[^/.]+)/audittrail", onderdelen.AuditTrailViewSet, basename="audittrail"
)
router.register(
    r"zaken/(?P<zaak_uuid>[^/.]+)/besluiten", overig.ZaakBesluitViewSet, basename="zaakbesluit"
)
router.register(
    r"zaken/(?P<zaak_uuid>[^/.]+)/zaakeigenschappen",
    onderdelen.ZaakEigenschapViewSet,
    basename="zaakeigenschap",
)
resource_urlpatterns = router.urls
urlpatterns = api_urlpatterns("zaken", resource_urlpatterns)
