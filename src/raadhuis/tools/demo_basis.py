"""What the demo loader's parts share: the seeded random source, the tally of what was
written, and the texts the cases are made of (the benchmark generator uses the same texts)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings

from raadhuis.kernel.workflow.calendar import werkdagen_terug
from raadhuis.tools import fictitious as fx

DEFAULT_SEED = 2026

# Relative frequency of each case type in the demo.
ZAAKTYPE_GEWICHT = {"SHV": 3, "KLACHT": 4, "SUBSIDIE-VER": 2, "EVENEMENT": 2, "VERLOF": 2}

OMSCHRIJVINGEN: dict[str, list[str]] = {
    "SHV": [
        "Aanmelding schuldhulpverlening",
        "Hulpvraag betalingsachterstanden",
        "Aanvraag schuldregeling",
        "Crisisinterventie dreigende huisuitzetting",
        "Budgetbeheer na stabilisatie",
    ],
    "KLACHT": [
        "Klacht over bejegening aan de balie",
        "Klacht over afvalinzameling",
        "Klacht over late beantwoording brief",
        "Klacht over parkeerbeleid",
        "Klacht over onderhoud speeltuin",
        "Klacht over geluidsoverlast evenement",
    ],
    "SUBSIDIE-VER": [
        "Jaarsubsidie sportvereniging",
        "Projectsubsidie buurtfeest",
        "Subsidie jeugdactiviteiten",
        "Subsidie vrijwilligerswerk",
    ],
    "EVENEMENT": [
        "Zomerfestival Proefpark",
        "Braderie Voorbeeldstraat",
        "Koningsdagmarkt Demoplein",
        "Sportdag Oefenveld",
        "Kerstmarkt Testweg",
    ],
    "VERLOF": [
        "Aanvraag vakantieverlof",
        "Aanvraag bijzonder verlof",
        "Aanvraag ouderschapsverlof",
        "Aanvraag zorgverlof",
    ],
}

TAKEN: dict[str, list[str]] = {
    "SHV": ["Intakegesprek plannen", "Inkomsten en uitgaven opvragen", "Schuldeisers aanschrijven"],
    "KLACHT": ["Klager terugbellen", "Hoorgesprek plannen", "Reactie afdeling opvragen"],
    "SUBSIDIE-VER": ["Begroting controleren", "Aanvullende stukken opvragen", "Besluit opstellen"],
    "EVENEMENT": ["Advies brandweer opvragen", "Veiligheidsplan beoordelen", "Besluit opstellen"],
    "VERLOF": ["Verlofsaldo controleren", "Vervanging regelen"],
}


# How an open demo task's due date falls, as shares of the open tasks: a few overdue, some due
# within the work queue's "binnenkort" window (settings.DUE_SOON_WORKING_DAYS), most later.
TAAK_AANDEEL_TE_LAAT = 0.12
TAAK_AANDEEL_BINNENKORT = 0.20
TAAK_LATER_WERKDAGEN = 25  # the furthest due date of a demo task, in working days from today


def taak_termijn(
    rng: random.Random, vandaag: date, land: str = "NL", *, gesloten: bool = False
) -> dict[str, Any]:
    """The due date of a demo task, relative to `vandaag`: a date in the past for a task of a
    closed case (done long ago), else an overdue date in working days or a term in working
    days (what a person picks in the task form). Reproducible from the seed of `rng`."""
    soort = rng.random()
    if gesloten:
        return {"vervaldatum": vandaag - timedelta(days=rng.randint(1, 30))}
    if soort < TAAK_AANDEEL_TE_LAAT:
        return {"vervaldatum": werkdagen_terug(vandaag, rng.randint(1, 10), land)}
    binnenkort = settings.DUE_SOON_WORKING_DAYS
    if soort < TAAK_AANDEEL_TE_LAAT + TAAK_AANDEEL_BINNENKORT:
        return {"termijn_werkdagen": rng.randint(0, binnenkort)}
    return {"termijn_werkdagen": rng.randint(binnenkort + 2, TAAK_LATER_WERKDAGEN)}


@dataclass
class DemoResultaat:
    """What was created, per kind, and how many service calls it took."""

    aantallen: Counter = field(default_factory=Counter)
    service_calls: int = 0


def minimal_pdf(regels: list[str]) -> bytes:
    """A small but valid one-page PDF showing `regels` (ASCII), so downloads open."""
    safe = [r.encode("ascii", "replace").decode().replace("\\", "/") for r in regels]
    text = "".join(f"({r.replace('(', '[').replace(')', ']')}) Tj T* " for r in safe)
    stream = f"BT /F1 11 Tf 14 TL 56 780 Td {text}ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


class DemoBasis:
    """The state every part of the demo loader draws on: one random source, so the whole
    demo is reproducible from its seed, and the tally of service calls."""

    def __init__(self, *, seed: int = DEFAULT_SEED, log: Callable[[str], None] | None = None):
        self.rng = random.Random(seed)
        self.log = log or (lambda _msg: None)
        self.resultaat = DemoResultaat()
        self.bsns = fx.demo_bsns()
        self.kvk_index = 0
        self.kbo_index = 0
        self.vestiging_index = 0

    # -- bookkeeping ----------------------------------------------------------------------
    def _write(self, soort: str, value: Any) -> Any:
        self.resultaat.aantallen[soort] += 1
        self.resultaat.service_calls += 1
        return value
