"""Migration screens at /crm/migratie/, namespace crm:migratie."""

from django.urls import path

from raadhuis.modules.crm.migratie import views

app_name = "migratie"

urlpatterns: list = [
    path("", views.overzicht_view, name="overzicht"),
    path("<uuid:uuid>/koppelen/", views.koppelen_view, name="koppelen"),
    path("<uuid:uuid>/koppeling.json", views.mapping_json_view, name="mapping_json"),
    path("<uuid:uuid>/", views.verslag_view, name="verslag"),
    path("<uuid:uuid>/importeren/", views.importeren_view, name="importeren"),
]
