from django.urls import include, path

from raadhuis.web.views import applicaties, audit, partijen, team, werkvoorraad, zaken

app_name = "web"

urlpatterns = [
    path("", werkvoorraad.werkvoorraad_view, name="werkvoorraad"),
    path("taken/<uuid:uuid>/afronden/", werkvoorraad.taak_complete_view, name="taak_complete"),
    path("zaken/", zaken.zaken_view, name="zaken"),
    path("zaken/nieuw/", zaken.zaak_create_view, name="zaak_create"),
    path("zaken/<uuid:uuid>/", zaken.zaak_detail_view, name="zaak_detail"),
    path("zaken/<uuid:uuid>/status/", zaken.zaak_status_view, name="zaak_status"),
    path(
        "zaken/<uuid:uuid>/documenten/nieuw/",
        zaken.zaak_document_add_view,
        name="zaak_document_add",
    ),
    path(
        "zaken/<uuid:uuid>/documenten/<uuid:document>/versie/",
        zaken.document_versie_add_view,
        name="document_versie_add",
    ),
    path("zaken/<uuid:uuid>/taken/nieuw/", zaken.zaak_taak_add_view, name="zaak_taak_add"),
    path(
        "zaken/<uuid:uuid>/eigenschappen/",
        zaken.zaak_eigenschap_view,
        name="zaak_eigenschap_set",
    ),
    path(
        "documenten/<uuid:uuid>/download/", zaken.document_download_view, name="document_download"
    ),
    path("partijen/", partijen.partijen_view, name="partijen"),
    path("partijen/nieuw/", partijen.partij_create_view, name="partij_create"),
    path("partijen/kiezen/", partijen.partij_kiezen_view, name="partij_kiezen"),
    path("partijen/<uuid:uuid>/", partijen.partij_detail_view, name="partij_detail"),
    path("team/", team.team_view, name="team"),
    path("audit/", audit.audit_view, name="audit"),
    path("api-koppelingen/", applicaties.applicaties_view, name="applicaties"),
    path("api-koppelingen/nieuw/", applicaties.applicatie_create_view, name="applicatie_create"),
    path(
        "api-koppelingen/<uuid:uuid>/", applicaties.applicatie_detail_view, name="applicatie_detail"
    ),
    path(
        "api-koppelingen/<uuid:uuid>/wijzigen/",
        applicaties.applicatie_update_view,
        name="applicatie_update",
    ),
    path(
        "api-koppelingen/<uuid:uuid>/verwijderen/",
        applicaties.applicatie_delete_view,
        name="applicatie_delete",
    ),
    path(
        "api-koppelingen/<uuid:uuid>/secret/",
        applicaties.applicatie_secret_view,
        name="applicatie_secret",
    ),
    # Kernel areas with their own URL lists (BRP search, letters, processes, destruction).
    path("", include("raadhuis.web.views.brp")),
    path("", include("raadhuis.web.views.brieven")),
    path("", include("raadhuis.web.views.processen")),
    path("", include("raadhuis.web.views.vernietiging")),
    path("", include("raadhuis.web.views.post")),
    # Login, second factor, choice of organisation, logout, OIDC: raadhuis.web.auth.
    path("", include("raadhuis.web.auth.urls")),
]
