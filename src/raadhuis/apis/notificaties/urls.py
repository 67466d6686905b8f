"""Notificaties API 1.0.1 under /notificaties/api/v1/."""

from rest_framework.routers import SimpleRouter

from raadhuis.apis.common.schema import api_urlpatterns
from raadhuis.apis.notificaties import views

app_name = "notificaties"
router = SimpleRouter(trailing_slash=False)
router.register("kanaal", views.KanaalViewSet, basename="kanaal")
router.register("abonnement", views.AbonnementViewSet, basename="abonnement")
router.register("notificaties", views.NotificatieViewSet, basename="notificaties")
resource_urlpatterns = router.urls
urlpatterns = api_urlpatterns("notificaties", resource_urlpatterns)
