"""Autorisaties API 1.1.0 at /autorisaties/api/v1/."""

from rest_framework.routers import SimpleRouter

from raadhuis.apis.autorisaties import views
from raadhuis.apis.common.schema import api_urlpatterns

app_name = "autorisaties"
router = SimpleRouter(trailing_slash=False)
router.register("applicaties", views.ApplicatieViewSet, basename="applicatie")
resource_urlpatterns = router.urls
urlpatterns = api_urlpatterns("autorisaties", resource_urlpatterns)
