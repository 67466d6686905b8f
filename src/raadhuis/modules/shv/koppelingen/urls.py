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
    path("koppelingen/", views.koppelingen_view, name="koppelingen"),
    path(
        "dossiers/<uuid:uuid>/koppelingen/",
        views.koppeling_dossier_view,
        name="koppeling_dossier",
    ),
    path(
        "dossiers/<uuid:uuid>/koppelingen/saldoverzoeken/",
        views.koppeling_skn_saldoverzoeken_view,
        name="koppeling_skn_saldoverzoeken",
    ),
    path(
        "koppelingen/vish/<uuid:uuid>/opnieuw/",
        views.koppeling_vish_opnieuw_view,
        name="koppeling_vish_opnieuw",
    ),
    path(
        "koppelingen/skn/versturen/",
        views.koppeling_skn_versturen_view,
        name="koppeling_skn_versturen",
    ),
    path(
        "koppelingen/skn/antwoorden/",
        views.koppeling_skn_antwoorden_view,
        name="koppeling_skn_antwoorden",
    ),
    path(
        "koppelingen/skn/opnieuw/",
        views.koppeling_skn_opnieuw_view,
        name="koppeling_skn_opnieuw",
    ),
]
