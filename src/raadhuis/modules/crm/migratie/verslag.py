"""The per-row report of an import: what happened to every row and why, as a dict for the
screen (stored on the ImportBestand) and as JSON for the command line, written row by row so
100,000 rows never sit in memory as one string."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.utils.translation import gettext as _

UITKOMSTEN = ("nieuw", "samengevoegd", "overgeslagen", "fout")


@dataclass(slots=True)
class Rij:
    nummer: int  # the row number in the file (header = 1)
    naam: str = ""
    uitkomst: str = "nieuw"  # nieuw | samengevoegd | overgeslagen | fout
    relatie_uuid: str = ""  # the party uuid of the relation the row went to
    dubbel: dict[str, str] = field(default_factory=dict)  # {"reden", "naam", "uuid", "bron"}
    verschillen: dict[str, list[str]] = field(default_factory=dict)  # veld -> [bestaand, import]
    toegevoegd: list[str] = field(default_factory=list)
    # What the row did not add and why (e.g. a contract the relation already has).
    meldingen: list[str] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)

    def fout(self, melding: str) -> None:
        self.fouten.append(melding)
        self.uitkomst = "fout"

    def as_dict(self) -> dict[str, Any]:
        """Compact: empty parts are left out (a plain new row is four keys)."""
        uit: dict[str, Any] = {"rij": self.nummer, "naam": self.naam, "uitkomst": self.uitkomst}
        if self.relatie_uuid:
            uit["relatie"] = self.relatie_uuid
        if self.dubbel:
            uit["dubbel"] = self.dubbel
        if self.verschillen:
            uit["verschillen"] = self.verschillen
        if self.toegevoegd:
            uit["toegevoegd"] = self.toegevoegd
        if self.meldingen:
            uit["meldingen"] = self.meldingen
        if self.fouten:
            uit["fouten"] = self.fouten
        return uit


@dataclass
class Verslag:
    proef: bool
    rijen: list[Rij] = field(default_factory=list)
    algemene_fouten: list[str] = field(default_factory=list)
    uitgevoerd: bool = False
    # Seconds per phase (lezen, controleren, vastleggen): for the benchmark and the log.
    duur: dict[str, float] = field(default_factory=dict)

    @property
    def heeft_fouten(self) -> bool:
        return bool(self.algemene_fouten) or any(r.uitkomst == "fout" for r in self.rijen)

    def aantallen(self) -> dict[str, int]:
        tellers = dict.fromkeys(UITKOMSTEN, 0)
        for rij in self.rijen:
            tellers[rij.uitkomst] += 1
        return tellers

    def aantal(self, uitkomst: str) -> int:
        return self.aantallen()[uitkomst]

    def samenvatting(self) -> str:
        if self.algemene_fouten:
            return " ".join(self.algemene_fouten) + " " + _("Er is niets ingelezen.")
        tellers = self.aantallen()
        tekst = _(
            "%(totaal)s rijen: %(nieuw)s nieuwe relaties, %(samen)s samengevoegd met een "
            "bestaande relatie, %(over)s overgeslagen, %(fout)s met fouten."
        ) % {
            "totaal": len(self.rijen),
            "nieuw": tellers["nieuw"],
            "samen": tellers["samengevoegd"],
            "over": tellers["overgeslagen"],
            "fout": tellers["fout"],
        }
        if tellers["fout"]:
            return tekst + " " + _("Er is niets ingelezen.")
        if self.proef:
            return tekst + " " + _("Proefimport: er is niets opgeslagen.")
        return tekst + " " + _("Alles is ingelezen.")

    def kop(self) -> dict[str, Any]:
        """Everything but the rows."""
        return {
            "proef": self.proef,
            "uitgevoerd": self.uitgevoerd,
            "heeft_fouten": self.heeft_fouten,
            "algemene_fouten": self.algemene_fouten,
            "samenvatting": self.samenvatting(),
            "aantallen": self.aantallen(),
        }

    def as_dict(self) -> dict[str, Any]:
        return {**self.kop(), "rijen": [r.as_dict() for r in self.rijen]}

    def json_regels(self) -> Iterator[str]:
        """The report as JSON in pieces: the header, then one line per row."""
        kop = json.dumps(self.kop(), ensure_ascii=False, indent=2)
        yield kop[:-2] + ',\n  "rijen": ['
        for index, rij in enumerate(self.rijen):
            scheiding = "," if index else ""
            yield f"{scheiding}\n    " + json.dumps(
                rij.as_dict(), ensure_ascii=False, separators=(",", ":")
            )
        yield "\n  ]\n}\n"

    def json_schrijven(self, uit: TextIO) -> None:
        for stuk in self.json_regels():
            uit.write(stuk)
