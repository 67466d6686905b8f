"""The normalised bank statement both readers produce, the import report, and the small
value readers they share (dates, entry ids, IBANs).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from schwifty import IBAN

CHUNK = 2000
NUL = Decimal("0.00")
CENT = Decimal("0.01")
# How many entry lines the web page shows; the counts always cover the whole file.
RAPPORT_REGELS_MAX = 500


class BestandOngeldig(ValidationError):
    """The file cannot be imported; the messages (Dutch) say why, per statement or entry."""


@dataclass
class GelezenMutatie:
    volgnummer: int  # position on its statement, from 1
    mutatie_id: str
    boekdatum: date
    bedrag: Decimal  # positive comes in, negative goes out
    tegenrekening_iban: str = ""
    tegenrekening_naam: str = ""
    omschrijving: str = ""
    end_to_end_id: str = ""
    retourcode: str = ""
    storno: bool = False


@dataclass
class GelezenAfschrift:
    afschrift_id: str
    iban: str
    datum: date
    beginsaldo: Decimal
    eindsaldo: Decimal
    mutaties: list[GelezenMutatie] = field(default_factory=list)
    niet_geboekt: int = 0  # pending/information entries, not booked by the bank yet


@dataclass
class Regeluitkomst:
    afschrift_id: str
    volgnummer: int
    mutatie_id: str
    boekdatum: date
    bedrag: Decimal
    tegenpartij: str
    uitkomst: str  # gematcht | betaling | retour | wachtrij | dubbel
    toelichting: str = ""


@dataclass
class ImportRapport:
    bestandsnaam: str = ""
    formaat: str = ""
    statements: int = 0
    entries: int = 0
    matched: int = 0
    unmatched: int = 0
    skipped_duplicates: int = 0
    fouten: list[str] = field(default_factory=list)
    regels: list[Regeluitkomst] = field(default_factory=list)
    afschrift_uuids: list[str] = field(default_factory=list)

    @property
    def geslaagd(self) -> bool:
        return not self.fouten

    def as_json(self) -> dict[str, int]:
        """The CLI's report: exactly these five counts."""
        return {
            "statements": self.statements,
            "entries": self.entries,
            "matched": self.matched,
            "unmatched": self.unmatched,
            "skipped_duplicates": self.skipped_duplicates,
        }

    def details(self) -> dict[str, Any]:
        return {**self.as_json(), "fouten": self.fouten, "regels": [asdict(r) for r in self.regels]}


def iso_datum(waarde: str | None) -> date | None:
    if not waarde:
        return None
    try:
        return date.fromisoformat(waarde[:10])
    except ValueError:
        return None


def hash_id(*delen: object) -> str:
    """An entry id for banks that give none: stable for the same statement and position."""
    tekst = "|".join(str(d) for d in delen)
    return "H" + hashlib.sha256(tekst.encode()).hexdigest()[:39]


@lru_cache(maxsize=65536)
def iban_of_leeg(waarde: str | None) -> str:
    compact = "".join((waarde or "").split()).upper()
    if not compact:
        return ""
    try:
        return IBAN(compact).compact
    except ValueError:
        return compact[:34]
