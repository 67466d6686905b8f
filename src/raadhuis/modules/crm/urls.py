"""The CRM screens, namespace `crm` at /crm/."""

from django.urls import include, path

from raadhuis.modules.crm import views

app_name = "crm"

urlpatterns: list = [
    path("relaties/", views.relaties_view, name="relaties"),
    path("relaties/nieuw/", views.relatie_nieuw_view, name="relatie_nieuw"),
    # <uuid> is the kernel Partij's uuid: every CRM part links a relation by its party.
    path("relaties/<uuid:uuid>/", views.relatie_view, name="relatie"),
    path("relaties/<uuid:uuid>/verversen/", views.relatie_verversen_view, name="relatie_verversen"),
    path("relaties/<uuid:uuid>/bewerken/", views.relatie_bewerken_view, name="relatie_bewerken"),
    path(
        "relaties/<uuid:uuid>/contactpersonen/nieuw/",
        views.contactpersoon_nieuw_view,
        name="contactpersoon_nieuw",
    ),
    path(
        "relaties/<uuid:uuid>/contactpersonen/<uuid:contactpersoon>/beeindigen/",
        views.contactpersoon_beeindigen_view,
        name="contactpersoon_beeindigen",
    ),
    path(
        "relaties/<uuid:uuid>/vertegenwoordiging/nieuw/",
        views.vertegenwoordiging_nieuw_view,
        name="vertegenwoordiging_nieuw",
    ),
    path(
        "relaties/<uuid:uuid>/klantcontacten/nieuw/",
        views.klantcontact_nieuw_view,
        name="klantcontact_nieuw",
    ),
    path(
        "relaties/<uuid:uuid>/opvolgingen/<uuid:taak>/afronden/",
        views.opvolging_afronden_view,
        name="opvolging_afronden",
    ),
    path("klachten/", include("raadhuis.modules.crm.klachten.urls")),
    path("contracten/", include("raadhuis.modules.crm.contracten.urls")),
    path("leads/", include("raadhuis.modules.crm.leads.urls")),
    path("mailings/", include("raadhuis.modules.crm.mailing.urls")),
    path("migratie/", include("raadhuis.modules.crm.migratie.urls")),
    path("kpi/", include("raadhuis.modules.crm.kpi.urls")),
    path("zoeken/", include("raadhuis.modules.crm.urls_zoeken")),
]
