"""The Schuldenknooppunt behind an interface. No public API of it is available, so messages are
exchanged as files: one JSON request file per batch in `uitgaand/`, answer files read from
`inkomend/` and moved to `verwerkt/` (or `fout/`) once handled. A transport (SFTP, a portal
upload) moves the folders' contents; the format is documented in docs/shv/koppelingen.md.

Request file `uitgaand/<batch>.json`::

    {"formaat": "raadhuis-skn/1", "batch": "...", "afzender": {"rsin": "...", "naam": "..."},
     "aangemaakt_op": "2026-11-22T09:00:00+01:00",
     "berichten": [{"bericht_id": "<uuid>", "soort": "saldoverzoek", "schuld": "<uuid>",
                    "schuldeiser": {"naam": "...", "kvk_nummer": "...", "iban": "..."},
                    "kenmerk": "...", "client": {"naam": "...", "geboortedatum": "1986-01-01"},
                    ...}]}

Answer file `inkomend/<anything>.json`::

    {"formaat": "raadhuis-skn/1", "berichten": [
        {"bericht_id": "<uuid>", "in_antwoord_op": "<uuid of the request>",
         "soort": "opgave", "schuld": "<uuid>", "actueel_bedrag": "1250.00",
         "oorspronkelijk_bedrag": "1000.00", "kenmerk": "HUUR-7", "datum": "2026-11-20"},
        {"soort": "akkoord", "akkoord": true, "toelichting": "..."},
        {"soort": "status", "status": "in_behandeling", "toelichting": "..."}]}
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.utils.translation import gettext as _

FORMAAT = "raadhuis-skn/1"


class SknFout(Exception):
    """The exchange itself failed (folder missing, unreadable file): a Dutch sentence."""


@dataclass(frozen=True)
class Antwoordbestand:
    """One answer file as read: its name (to mark it handled) and its messages."""

    naam: str
    berichten: list[dict[str, Any]]


@dataclass(frozen=True)
class GeweigerdBestand:
    """An answer file that could not be applied: its name, the reasons (Dutch, one per line)
    and when it was set aside."""

    naam: str
    verslag: str
    tijdstip: datetime


class SchuldenknooppuntAdapter(Protocol):
    def batch_versturen(self, batch: str, inhoud: dict[str, Any]) -> None:
        """Hand one batch of request messages to the Schuldenknooppunt."""

    def antwoorden_ophalen(self) -> list[Antwoordbestand]:
        """The answer files not yet handled, oldest first."""

    def antwoord_afronden(self, naam: str, *, gelukt: bool, verslag: str = "") -> None:
        """Mark an answer file handled (or failed, with the reason next to it)."""

    def geweigerde_antwoorden(self) -> list[GeweigerdBestand]:
        """The answer files set aside as failed, newest first."""

    def antwoord_opnieuw_aanbieden(self, naam: str) -> None:
        """Put a failed answer file back among the unhandled ones (after the cause is fixed,
        e.g. the debt it names was added)."""


class SknBestandsAdapter:
    """The file-based implementation: folders under `map`."""

    def __init__(self, map_: Path | str) -> None:
        self.map = Path(map_)

    @property
    def uitgaand(self) -> Path:
        return self.map / "uitgaand"

    @property
    def inkomend(self) -> Path:
        return self.map / "inkomend"

    def _maak(self, *mappen: Path) -> None:
        try:
            for map_ in mappen:
                map_.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise SknFout(
                _("De map van het Schuldenknooppunt is niet bruikbaar: %(m)s") % {"m": error}
            ) from error

    def batch_versturen(self, batch: str, inhoud: dict[str, Any]) -> None:
        self._maak(self.uitgaand)
        doel = self.uitgaand / f"{batch}.json"
        tijdelijk = doel.with_suffix(".json.tmp")
        try:
            tijdelijk.write_text(json.dumps(inhoud, ensure_ascii=False, indent=2), encoding="utf-8")
            # A transport never sees half a file: the rename is atomic.
            os.replace(tijdelijk, doel)
        except OSError as error:
            raise SknFout(
                _("Het verzoekbestand kon niet worden weggeschreven: %(m)s") % {"m": error}
            ) from error

    def antwoorden_ophalen(self) -> list[Antwoordbestand]:
        self._maak(self.inkomend)
        bestanden = []
        for pad in sorted(self.inkomend.glob("*.json"), key=lambda p: (p.stat().st_mtime, p.name)):
            try:
                data = json.loads(pad.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                data = None
            berichten = data.get("berichten") if isinstance(data, dict) else None
            if not isinstance(berichten, list):
                self.antwoord_afronden(
                    pad.name, gelukt=False, verslag=_("Geen geldig antwoordbestand.")
                )
                continue
            bestanden.append(Antwoordbestand(naam=pad.name, berichten=berichten))
        return bestanden

    def antwoord_afronden(self, naam: str, *, gelukt: bool, verslag: str = "") -> None:
        doelmap = self.map / ("verwerkt" if gelukt else "fout")
        self._maak(doelmap)
        os.replace(self.inkomend / naam, doelmap / naam)
        if verslag:
            (doelmap / f"{naam}.verslag.txt").write_text(verslag, encoding="utf-8")

    @property
    def fout(self) -> Path:
        return self.map / "fout"

    def geweigerde_antwoorden(self) -> list[GeweigerdBestand]:
        if not self.fout.is_dir():
            return []
        bestanden = []
        for pad in self.fout.glob("*.json"):
            verslag_pad = self.fout / f"{pad.name}.verslag.txt"
            try:
                verslag = verslag_pad.read_text(encoding="utf-8") if verslag_pad.exists() else ""
                tijdstip = datetime.fromtimestamp(pad.stat().st_mtime, tz=UTC)
            except OSError:
                continue  # moved away meanwhile
            bestanden.append(GeweigerdBestand(pad.name, verslag, tijdstip))
        return sorted(bestanden, key=lambda b: (b.tijdstip, b.naam), reverse=True)

    def antwoord_opnieuw_aanbieden(self, naam: str) -> None:
        bron = self.fout / naam
        # Only a plain file name of this folder: never a path that leaves it.
        if Path(naam).name != naam or not naam.endswith(".json") or not bron.is_file():
            raise SknFout(
                _("Het antwoordbestand ‘%(naam)s’ staat niet bij de fouten.") % {"naam": naam}
            )
        self._maak(self.inkomend)
        os.replace(bron, self.inkomend / naam)
        (self.fout / f"{naam}.verslag.txt").unlink(missing_ok=True)


def skn_adapter() -> SchuldenknooppuntAdapter:
    """The configured adapter: the folder in settings.SHV_SKN_MAP (default MEDIA_ROOT/skn)."""
    map_ = getattr(settings, "SHV_SKN_MAP", "") or Path(settings.MEDIA_ROOT) / "skn"
    return SknBestandsAdapter(map_)
