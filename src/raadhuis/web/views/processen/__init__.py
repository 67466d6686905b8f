"""Processes in the staff UI.

For the functional administrator (role functioneel_beheerder): the processes per case type,
a new process (empty or from an existing one), the editor of a concept version (steps with
up/down buttons, automatic actions whose settings are a form built from the action registry),
publishing, the version history with how many cases run each version (counts only, never
which cases), migrating running cases to a newer version, and export/import as JSON.

For the medewerker: a case's process (current step, step history, planned and done actions)
with "next step" and "choose a step". Every write goes through kernel.workflow's services.

One module per part (lijst, versies, stappen, acties, migreren; the forms in formulieren);
this package holds the URL patterns that web/urls.py includes.
"""

from __future__ import annotations

from django.urls import path

from raadhuis.web.views.processen.acties import (
    procesactie_add_view,
    procesactie_delete_view,
    procesactie_update_view,
)
from raadhuis.web.views.processen.lijst import (
    proces_create_view,
    proces_import_view,
    processen_view,
)
from raadhuis.web.views.processen.migreren import proces_migrate_view
from raadhuis.web.views.processen.stappen import (
    processtap_add_view,
    processtap_delete_view,
    processtap_move_view,
    processtap_update_view,
)
from raadhuis.web.views.processen.versies import (
    proces_detail_view,
    proces_export_view,
    procesversie_concept_view,
    procesversie_detail_view,
    procesversie_discard_view,
    procesversie_publish_view,
)
from raadhuis.web.views.zaak_proces import zaak_proces_view, zaak_processtap_view

urlpatterns = [
    path("processen/", processen_view, name="processen"),
    path("processen/nieuw/", proces_create_view, name="proces_create"),
    path("processen/importeren/", proces_import_view, name="proces_import"),
    path("processen/<uuid:uuid>/", proces_detail_view, name="proces_detail"),
    path("processen/<uuid:uuid>/concept/", procesversie_concept_view, name="procesversie_concept"),
    path("processen/versies/<uuid:uuid>/", procesversie_detail_view, name="procesversie_detail"),
    path("processen/versies/<uuid:uuid>/export/", proces_export_view, name="proces_export"),
    path(
        "processen/versies/<uuid:uuid>/stappen/nieuw/", processtap_add_view, name="processtap_add"
    ),
    path(
        "processen/versies/<uuid:uuid>/publiceren/",
        procesversie_publish_view,
        name="procesversie_publish",
    ),
    path(
        "processen/versies/<uuid:uuid>/verwijderen/",
        procesversie_discard_view,
        name="procesversie_discard",
    ),
    path("processen/versies/<uuid:uuid>/migreren/", proces_migrate_view, name="proces_migrate"),
    path("processen/stappen/<uuid:uuid>/", processtap_update_view, name="processtap_update"),
    path(
        "processen/stappen/<uuid:uuid>/verplaatsen/", processtap_move_view, name="processtap_move"
    ),
    path(
        "processen/stappen/<uuid:uuid>/verwijderen/",
        processtap_delete_view,
        name="processtap_delete",
    ),
    path(
        "processen/stappen/<uuid:uuid>/acties/nieuw/", procesactie_add_view, name="procesactie_add"
    ),
    path("processen/acties/<uuid:uuid>/", procesactie_update_view, name="procesactie_update"),
    path(
        "processen/acties/<uuid:uuid>/verwijderen/",
        procesactie_delete_view,
        name="procesactie_delete",
    ),
    path("zaken/<uuid:uuid>/proces/", zaak_proces_view, name="zaak_proces"),
    path("zaken/<uuid:uuid>/proces/stap/", zaak_processtap_view, name="zaak_processtap"),
]
