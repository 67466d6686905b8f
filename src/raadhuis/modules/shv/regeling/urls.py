"""Settlement, its settings and the team figures. Included by raadhuis.modules.shv.urls without
a namespace of its own, so the names read shv:regeling…, shv:team."""

from django.urls import path

from raadhuis.modules.shv.regeling import views

DOSSIER = "dossiers/<uuid:uuid>/regeling/"

urlpatterns = [
    path(DOSSIER, views.regeling_view, name="regeling"),
    path(f"{DOSSIER}aanbod/", views.regeling_aanbod_view, name="regeling_aanbod"),
    path(
        f"{DOSSIER}<uuid:regeling>/versturen/",
        views.regeling_versturen_view,
        name="regeling_versturen",
    ),
    path(
        f"{DOSSIER}reacties/<uuid:aanbod>/",
        views.regeling_reactie_view,
        name="regeling_reactie",
    ),
    path(
        f"{DOSSIER}<uuid:regeling>/mislukt/",
        views.regeling_mislukt_view,
        name="regeling_mislukt",
    ),
    path(f"{DOSSIER}verzoeken/", views.regeling_verzoek_view, name="regeling_verzoek"),
    path(
        f"{DOSSIER}verzoeken/<uuid:verzoek>/",
        views.regeling_verzoek_status_view,
        name="regeling_verzoek_status",
    ),
    path(
        f"{DOSSIER}<uuid:regeling>/ontvangsten/",
        views.regeling_ontvangst_view,
        name="regeling_ontvangst",
    ),
    path(
        f"{DOSSIER}<uuid:regeling>/maanden/<int:volgnummer>/uitbetalen/",
        views.regeling_uitbetalen_view,
        name="regeling_uitbetalen",
    ),
    path(
        f"{DOSSIER}<uuid:regeling>/afsluiten/",
        views.regeling_afsluiten_view,
        name="regeling_afsluiten",
    ),
    path("regeling/instellingen/", views.regeling_instellingen_view, name="regeling_instellingen"),
    path("team/", views.team_view, name="team"),
]
