"""A demo process for `make demo` (tools/demo.py calls this; the debt-assistance processes
come from modules/shv as JSON through the same import).

Complaints (Awb art. 9:11: handled within six weeks): an acknowledgement task at the start and
a reminder after 20 working days in "In behandeling". Idempotent (import by code + version);
skipped when the organisation has no KLACHT case type with these statuses."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.models import ProcesVersie
from raadhuis.kernel.workflow.uitwisseling import FORMAAT, proces_importeren


def klacht_proces(team: str) -> dict:
    wie = {"toewijzen_aan": "behandelaar", "team": team}
    return {
        "formaat": FORMAAT,
        "code": "klachtbehandeling",
        "naam": "Klachtbehandeling (Awb hoofdstuk 9)",
        "omschrijving": "Een klacht wordt binnen zes weken afgehandeld (Awb art. 9:11).",
        "zaaktype": {"identificatie": "KLACHT"},
        "versie": 1,
        "toelichting": "Standaardproces van de demo",
        "stappen": [
            {
                "code": "ontvangst",
                "naam": "Ontvangst",
                "statustype_omschrijving": "Ontvangen",
                "doorlooptijd_werkdagen": 5,
                "toelichting": "Bevestig de ontvangst en wijs de klacht toe.",
                "acties": [
                    {
                        "trigger": "bij_start_stap",
                        "soort": "taak_aanmaken",
                        "parameters": {
                            "titel": "Ontvangstbevestiging sturen",
                            "termijn_werkdagen": 2,
                            **wie,
                        },
                    }
                ],
            },
            {
                "code": "behandeling",
                "naam": "Behandeling",
                "statustype_omschrijving": "In behandeling",
                "doorlooptijd_werkdagen": 20,
                "acties": [
                    {
                        "trigger": "na_werkdagen_in_stap",
                        "werkdagen": 20,
                        "soort": "herinnering",
                        "parameters": {
                            "tekst": "De termijn van zes weken (Awb 9:11) nadert",
                            "termijn_werkdagen": 5,
                            **wie,
                        },
                    }
                ],
            },
            {
                "code": "hoorgesprek",
                "naam": "Hoorgesprek",
                "statustype_omschrijving": "Hoorgesprek",
                "doorlooptijd_werkdagen": 5,
                "acties": [],
            },
        ],
    }


def processen_demo_laden(organisatie: Organisatie, *, team: str = "KCC") -> list[ProcesVersie]:
    """Load the demo processes into `organisatie`; returns what was loaded (or already was)."""
    try:
        return [proces_importeren(None, organisatie, klacht_proces(team))]
    except ValidationError:
        return []  # not this organisation's catalogue (no KLACHT, other statuses, no team)
