"""The consultant's screens of debt assistance, mounted at /shv/ (namespace `shv`)."""

from django.urls import include, path

from raadhuis.modules.shv import views

app_name = "shv"

urlpatterns = [
    path("", views.caseload_view, name="caseload"),
    path("aanmelding/", views.aanmelding_view, name="aanmelding"),
    path("dossiers/<uuid:uuid>/", views.dossier_view, name="dossier"),
    path("dossiers/<uuid:uuid>/eerste-gesprek/", views.eerste_gesprek_view, name="eerste_gesprek"),
    path("dossiers/<uuid:uuid>/toelating/", views.toelating_view, name="toelating"),
    path("dossiers/<uuid:uuid>/fase/", views.fase_view, name="fase"),
    path("dossiers/<uuid:uuid>/afsluiten/", views.afsluiten_view, name="afsluiten"),
    path("dossiers/<uuid:uuid>/financien/", views.financien_view, name="financien"),
    path(
        "dossiers/<uuid:uuid>/financien/<slug:soort>/",
        views.financien_add_view,
        name="financien_add",
    ),
    path(
        "dossiers/<uuid:uuid>/financien/<slug:soort>/<int:pk>/verwijderen/",
        views.financien_remove_view,
        name="financien_remove",
    ),
    path(
        "dossiers/<uuid:uuid>/schulden/opvragen/",
        views.schulden_opvragen_view,
        name="schulden_opvragen",
    ),
    path("dossiers/<uuid:uuid>/schulden/nieuw/", views.schuld_add_view, name="schuld_add"),
    path("dossiers/<uuid:uuid>/schulden/<uuid:schuld>/", views.schuld_view, name="schuld"),
    path("schuldeisers/", views.schuldeisers_view, name="schuldeisers"),
    path("schuldeisers/nieuw/", views.schuldeiser_create_view, name="schuldeiser_create"),
    path("schuldeisers/<uuid:uuid>/", views.schuldeiser_view, name="schuldeiser"),
    # The parts with their own package; their names land in this namespace (vtlb in shv:vtlb).
    # Settlement offers, payments, court requests and the team dashboard: regeling_…, team.
    path("", include("raadhuis.modules.shv.regeling.urls")),
    # Early-warning signals and the migration import: signaal_…, migratie_….
    path("", include("raadhuis.modules.shv.koppelingen.urls")),
    # VTLB calculations and norms: shv:vtlb:….
    path("vtlb/", include("raadhuis.modules.shv.vtlb.urls")),
]
