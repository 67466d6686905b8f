"""The URLs of the letter pages (included by raadhuis.web.urls under the web namespace)."""

from __future__ import annotations

from django.urls import path

from raadhuis.web.views.brieven.briefhoofd import briefhoofd_view, briefhoofd_voorbeeld_view
from raadhuis.web.views.brieven.printwachtrij import (
    printwachtrij_geprint_view,
    printwachtrij_pdf_view,
    printwachtrij_view,
)
from raadhuis.web.views.brieven.sjablonen import (
    sjablonen_export_view,
    sjablonen_import_view,
    sjablonen_view,
    sjabloon_actief_view,
    sjabloon_create_view,
    sjabloon_edit_view,
    sjabloon_vergelijken_view,
    sjabloon_versie_restore_view,
    sjabloon_versies_view,
    sjabloon_voorbeeld_view,
)
from raadhuis.web.views.brieven.zaak import (
    verzending_retry_view,
    zaak_brief_create_view,
    zaak_brief_voorbeeld_view,
    zaak_brieven_view,
)

urlpatterns = [
    path("brieven/sjablonen/", sjablonen_view, name="brieven_sjablonen"),
    path("brieven/sjablonen/nieuw/", sjabloon_create_view, name="brieven_sjabloon_nieuw"),
    path("brieven/sjablonen/export/", sjablonen_export_view, name="brieven_sjablonen_export"),
    path("brieven/sjablonen/import/", sjablonen_import_view, name="brieven_sjablonen_import"),
    path(
        "brieven/sjablonen/voorbeeld/", sjabloon_voorbeeld_view, name="brieven_sjabloon_voorbeeld"
    ),
    path("brieven/sjablonen/<uuid:uuid>/", sjabloon_edit_view, name="brieven_sjabloon"),
    path(
        "brieven/sjablonen/<uuid:uuid>/versies/",
        sjabloon_versies_view,
        name="brieven_sjabloon_versies",
    ),
    path(
        "brieven/sjablonen/<uuid:uuid>/vergelijken/",
        sjabloon_vergelijken_view,
        name="brieven_sjabloon_vergelijken",
    ),
    path(
        "brieven/sjablonen/<uuid:uuid>/actief/",
        sjabloon_actief_view,
        name="brieven_sjabloon_actief",
    ),
    path(
        "brieven/sjablonen/<uuid:uuid>/versies/<int:versie>/terugzetten/",
        sjabloon_versie_restore_view,
        name="brieven_sjabloon_versie_terugzetten",
    ),
    path("brieven/briefhoofd/", briefhoofd_view, name="brieven_briefhoofd"),
    path(
        "brieven/briefhoofd/voorbeeld/",
        briefhoofd_voorbeeld_view,
        name="brieven_briefhoofd_voorbeeld",
    ),
    path("brieven/printwachtrij/", printwachtrij_view, name="brieven_printwachtrij"),
    path("brieven/printwachtrij/pdf/", printwachtrij_pdf_view, name="brieven_printwachtrij_pdf"),
    path(
        "brieven/printwachtrij/geprint/",
        printwachtrij_geprint_view,
        name="brieven_printwachtrij_geprint",
    ),
    path("zaken/<uuid:uuid>/brieven/", zaak_brieven_view, name="zaak_brieven"),
    path("zaken/<uuid:uuid>/brieven/nieuw/", zaak_brief_create_view, name="zaak_brief_nieuw"),
    path(
        "zaken/<uuid:uuid>/brieven/voorbeeld/",
        zaak_brief_voorbeeld_view,
        name="zaak_brief_voorbeeld",
    ),
    path(
        "zaken/<uuid:uuid>/brieven/<uuid:verzending>/opnieuw/",
        verzending_retry_view,
        name="zaak_brief_opnieuw",
    ),
]
