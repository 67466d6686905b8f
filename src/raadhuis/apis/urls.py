"""The standard ZGW APIs, each under the base path its specification names."""

from django.urls import include, path

urlpatterns = [
    path("zaken/api/v1/", include("raadhuis.apis.zaken.urls")),
    path("catalogi/api/v1/", include("raadhuis.apis.catalogi.urls")),
    path("documenten/api/v1/", include("raadhuis.apis.documenten.urls")),
    path("besluiten/api/v1/", include("raadhuis.apis.besluiten.urls")),
    path("autorisaties/api/v1/", include("raadhuis.apis.autorisaties.urls")),
    path("notificaties/api/v1/", include("raadhuis.apis.notificaties.urls")),
]
