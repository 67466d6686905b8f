"""Demo data for the VTLB module, called by the lead's tools/demo.py:
`demo_load(organisatie)` seeds the published norm versions and stores one example
calculation (a single parent, no case), so the norm screens and a PDF are there to show."""

from __future__ import annotations

from datetime import date

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.shv.vtlb.models import VtlbBerekening
from raadhuis.modules.shv.vtlb.services import vtlb_bereken, vtlb_normen_ensure

VOORBEELD = {
    "peildatum": date(2025, 9, 1),  # July 2025: every maximum published
    "leefsituatie": "alleenstaande_ouder",
    "netto_inkomen": "1650.00",
    "woonlasten": "720.00",
    "zorgpremie": "152.00",
    "toeslagen": {
        "huurtoeslag": "260.00",
        "zorgtoeslag": "131.00",
        "kindgebonden_budget": "395.00",
    },
    "kinderen": [6, 11],
    "aantal_werkenden": 1,
    "correcties": [{"soort": "lokale_lasten", "bedrag": "28.50"}],
}


def demo_load(organisatie: Organisatie) -> int:
    """Idempotent: the norms are ensured, the example is stored once. Returns the number of
    norm versions."""
    versies = vtlb_normen_ensure(organisatie)
    if not VtlbBerekening.objects.filter(organisatie=organisatie).exists():
        actor = Actor.system(organisatie, weergave="Demogegevens (load-demo)")
        vtlb_bereken(actor=actor, invoer=VOORBEELD)
    return len(versies)
