"""The consultant's screens of debt assistance: caseload, intake from the BRP, the dossier page
(client, household, terms, next actions, debts, communications), income/costs/assets, the
creditor register and the debts of a dossier.

Every view: `staff_required(roles=[medewerker])` (a team leader gets 403), a selector that
applies case access and logs the read (a consultant without a debt track gets 404), one service
call, render. An htmx request gets the partial, a normal one the full page.

One module per part (dossier.py, financien.py, schulden.py); urls.py names them through this
package, so `views.dossier_view` keeps working.
"""

from raadhuis.modules.shv.views.dossier import (
    aanmelding_view,
    afsluiten_view,
    caseload_view,
    dossier_view,
    eerste_gesprek_view,
    fase_view,
    toelating_view,
)
from raadhuis.modules.shv.views.financien import (
    financien_add_view,
    financien_remove_view,
    financien_view,
)
from raadhuis.modules.shv.views.schulden import (
    schuld_add_view,
    schuld_view,
    schuldeiser_create_view,
    schuldeiser_view,
    schuldeisers_view,
    schulden_opvragen_view,
)

__all__ = [
    "aanmelding_view",
    "afsluiten_view",
    "caseload_view",
    "dossier_view",
    "eerste_gesprek_view",
    "fase_view",
    "financien_add_view",
    "financien_remove_view",
    "financien_view",
    "schuld_add_view",
    "schuld_view",
    "schuldeiser_create_view",
    "schuldeiser_view",
    "schuldeisers_view",
    "schulden_opvragen_view",
    "toelating_view",
]
