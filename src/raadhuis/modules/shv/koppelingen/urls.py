"""Screens of the links. No app_name: the lead includes these in modules/shv/urls.py, so the
names land in the `shv` namespace (each starts with signaal_, migratie_ or koppeling_)."""

from django.urls import path

from raadhuis.modules.shv.koppelingen import views

urlpatterns = [
    path("signalen/", views.signaal_wachtrij_view, name="signaal_wachtrij"),
    path("signalen/importeren/", views.signaal_importeren_view, name="signaal_importeren"),
    path("signalen/<uuid:uuid>/", views.signaal_view, name="signaal_detail"),
    path("signalen/<uuid:uuid>/oppakken/", views.signaal_oppakken_view, name="signaal_oppakken"),
    path("signalen/<uuid:uuid>/omzetten/", views.signaal_omzetten_view, name="signaal_omzetten"),
    path("signalen/<uuid:uuid>/afsluiten/", views.signaal_afsluiten_view, name="signaal_afsluiten"),
    path("migratie/", views.migratie_view, name="migratie_overzicht"),
    path("migratie/<uuid:uuid>/", views.migratie_upload_view, name="migratie_upload"),
    path(
        "migratie/<uuid:uuid>/importeren/",
        views.migratie_importeren_view,
        name="migratie_importeren",
    ),
]
