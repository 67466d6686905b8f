"""What every payment step shares: who may act, the four-eyes error, locking client accounts
for a bulk booking, and the consultant's signal.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.budget.catalogus import require_budget_toegang
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening
from raadhuis.modules.budget.models import (
    Budgetrekening,
    Grootboekrekening,
    GrootboekSoort,
)
from raadhuis.modules.budget.signalen import signaal_geven

NUL = Decimal("0.00")


class VierOgenFout(ToegangGeweigerd):
    """The same person may not both make (or ask) and approve (or allow)."""


# --- who may do this ---------------------------------------------------------------------------


def require_betalingen_toegang(actor: Actor) -> None:
    """Consultants and finance staff: role medewerker with the Budgetbeheer grant (403 without
    the role, 404 without the grant)."""
    require_budget_toegang(actor)


def require_persoon(actor: Actor) -> None:
    """Four-eyes steps need a person, never the system or an application."""
    require_betalingen_toegang(actor)
    if actor.medewerker is None:
        raise VierOgenFout(_("Alleen een medewerker kan dit doen, niet het systeem."))


# --- booking many at once ------------------------------------------------------------------------


def budgetrekeningen_vergrendelen(ids: Iterable[int]) -> None:
    """Lock the client accounts a bulk booking touches (lowest id first, like grootboek.boeken
    does), so no other booking changes their balance between our check and our write."""
    ids = sorted(set(ids))
    for i in range(0, len(ids), 500):
        list(
            Budgetrekening.objects.select_for_update(of=("self",))
            .filter(pk__in=ids[i : i + 500])
            .order_by("pk")
            .values_list("pk", flat=True)
        )


def clientrekeningen_per_budgetrekening(
    rekeningen: Iterable[Budgetrekening],
) -> dict[int, Grootboekrekening]:
    """The CLIENT ledger account of each budget account, in one query (made when missing)."""
    per_id = {r.pk: r for r in rekeningen}
    gevonden: dict[int, Grootboekrekening] = {}
    ids = sorted(per_id)
    for i in range(0, len(ids), 500):
        for g in Grootboekrekening.objects.filter(
            soort=GrootboekSoort.CLIENT, budgetrekening_id__in=ids[i : i + 500]
        ):
            g.budgetrekening = per_id[g.budgetrekening_id]
            gevonden[g.budgetrekening_id] = g
    for pk in set(per_id) - set(gevonden):
        gevonden[pk] = grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=per_id[pk])
    return gevonden


def signaal(
    *,
    organisatie: Organisatie,
    rekening: Budgetrekening,
    soort: str,
    sleutel: str,
    tekst: str,
    datum: date,
) -> None:
    """A signal for the consultant, when signalen.py is there (it owns the rules for them)."""
    signaal_geven(
        organisatie=organisatie,
        budgetrekening=rekening,
        soort=soort,
        sleutel=sleutel[:100],
        tekst=tekst[:300],
        datum=datum,
    )
