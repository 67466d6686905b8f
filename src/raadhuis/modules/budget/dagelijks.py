"""The daily work of budget management, for `raadhuis werker` (registered in apps.py).

Per organisation with an active beheerrekening, on its own date: on working days the day's
payment proposal (made by the system, approved by a person), then the signals and the bank
reconciliation, then the monthly statements that are due. Every step is idempotent, so the
worker may run this every hour: a second run the same day adds nothing.
"""

from __future__ import annotations

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.calendar import is_werkdag, vandaag
from raadhuis.modules.budget.aansluiting import budget_dagelijks
from raadhuis.modules.budget.betalingen.dagvoorstel import dagvoorstellen_maken
from raadhuis.modules.budget.models import Beheerrekening
from raadhuis.modules.budget.overzicht import overzichten_dagelijks


def budget_werk(organisatie: Organisatie) -> int:
    """One organisation's daily budget work; returns the number of new items (proposals,
    signals, statements)."""
    datum = vandaag(organisatie.tijdzone)
    nieuw = 0
    if is_werkdag(datum, organisatie.land):
        systeem = Actor.system(organisatie, weergave="Dagelijkse betaalrun")
        nieuw += len(dagvoorstellen_maken(actor=systeem, organisatie=organisatie, datum=datum))
    nieuw += budget_dagelijks(organisatie, datum)["signalen"]
    nieuw += overzichten_dagelijks(organisatie, datum).gemaakt
    return nieuw


def budget_werk_alle() -> int:
    """The worker's job: `budget_werk` for every organisation that runs budget management."""
    organisaties = Organisatie.objects.filter(
        pk__in=Beheerrekening.objects.filter(actief=True).values("organisatie_id")
    )
    return sum(budget_werk(organisatie) for organisatie in organisaties)
