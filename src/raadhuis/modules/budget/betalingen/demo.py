"""Demo data: a day's proposal on the demo organisation."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.calendar import is_werkdag, vandaag
from raadhuis.modules.budget.betalingen.dagvoorstel import dagvoorstellen_maken
from raadhuis.modules.budget.betalingen.goedkeuring import voorstel_goedkeuren
from raadhuis.modules.budget.models import (
    Betaalvoorstel,
    VoorstelStatus,
)


def betalingen_demo_load(
    organisatie: Organisatie,
    *,
    consulent: Any,  # noqa: ANN401 - Medewerker
    collega: Any,  # noqa: ANN401 - Medewerker
    datum: date | None = None,
) -> list[Betaalvoorstel]:
    """Demo data for the payment screens, after the plans and some income are in place:
    yesterday's (last working day's) proposal made by the system and approved by `collega`
    (so there is a pain.001 to download), and today's proposal made by `consulent`, waiting
    for `collega`'s four eyes. Idempotent like the daily run itself."""
    datum = datum or vandaag(organisatie.tijdzone)
    vorige = datum - timedelta(days=1)
    while not is_werkdag(vorige, organisatie.land):
        vorige -= timedelta(days=1)
    systeem = Actor.system(organisatie, "Dagelijkse betaalrun")
    ik = Actor.for_medewerker(consulent)
    tweede = Actor.for_medewerker(collega)
    gemaakt = []
    for voorstel in dagvoorstellen_maken(actor=systeem, organisatie=organisatie, datum=vorige):
        if voorstel.status == VoorstelStatus.TER_GOEDKEURING:
            voorstel = voorstel_goedkeuren(actor=tweede, voorstel=voorstel)
        gemaakt.append(voorstel)
    gemaakt += dagvoorstellen_maken(actor=ik, organisatie=organisatie, datum=datum)
    return gemaakt
