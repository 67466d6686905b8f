"""Reading files from outside: CSV (comma or semicolon, UTF-8 with or without BOM), JSON and
Excel, into rows of text; and the per-row report every import gives back. Values are parsed
with Dutch error messages, so a row's report says what is wrong in the user's words."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from raadhuis.kernel.validators import validate_bsn

POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")


class Onleesbaar(Exception):
    """The file as a whole cannot be read (not CSV/JSON/Excel, wrong encoding): a Dutch
    sentence for the user."""


# --- the per-row report ---------------------------------------------------------------------


@dataclass
class Rij:
    """One row of an import: where it was, what it is, and what was found wrong with it."""

    bron: str  # "signalen.csv rij 3" or "Schulden rij 12"
    omschrijving: str = ""
    uitkomst: str = "nieuw"  # nieuw | dubbel | bestaat_al | fout
    fouten: list[str] = field(default_factory=list)

    def fout(self, melding: str) -> None:
        self.fouten.append(melding)
        self.uitkomst = "fout"

    def as_dict(self) -> dict[str, Any]:
        return {
            "bron": self.bron,
            "omschrijving": self.omschrijving,
            "uitkomst": self.uitkomst,
            "fouten": self.fouten,
        }


@dataclass
class Verslag:
    """The report of an import: every row with its outcome. `uitgevoerd` is True only when
    the rows were written (no dry run and not a single error)."""

    rijen: list[Rij] = field(default_factory=list)
    proef: bool = False
    uitgevoerd: bool = False
    algemene_fouten: list[str] = field(default_factory=list)

    @property
    def fouten(self) -> list[Rij]:
        return [rij for rij in self.rijen if rij.uitkomst == "fout"]

    @property
    def heeft_fouten(self) -> bool:
        return bool(self.algemene_fouten or self.fouten)

    def aantal(self, uitkomst: str) -> int:
        return sum(1 for rij in self.rijen if rij.uitkomst == uitkomst)

    def samenvatting(self) -> str:
        if self.algemene_fouten:
            return " ".join(self.algemene_fouten)
        tekst = _(
            "%(totaal)s rijen: %(nieuw)s nieuw, %(dubbel)s dubbel, %(bestaat)s al eerder "
            "ingelezen, %(fout)s met fouten."
        ) % {
            "totaal": len(self.rijen),
            "nieuw": self.aantal("nieuw"),
            "dubbel": self.aantal("dubbel"),
            "bestaat": self.aantal("bestaat_al"),
            "fout": self.aantal("fout"),
        }
        if self.heeft_fouten:
            return tekst + " " + _("Er is niets ingelezen.")
        if self.proef:
            return tekst + " " + _("Proefimport: er is niets opgeslagen.")
        return tekst + " " + _("Alles is ingelezen.")

    def as_dict(self) -> dict[str, Any]:
        return {
            "proef": self.proef,
            "uitgevoerd": self.uitgevoerd,
            "heeft_fouten": self.heeft_fouten,
            "algemene_fouten": self.algemene_fouten,
            "samenvatting": self.samenvatting(),
            "rijen": [rij.as_dict() for rij in self.rijen],
        }


# --- files to rows --------------------------------------------------------------------------


def _tekst(inhoud: bytes) -> str:
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Exports from older Windows systems: Latin-1 reads every byte.
        return inhoud.decode("cp1252", errors="replace")


def _kolomnaam(naam: Any) -> str:  # noqa: ANN401 - a header cell of any type
    return str(naam or "").strip().lower().replace(" ", "_").replace("-", "_")


def csv_rijen(inhoud: bytes) -> list[dict[str, str]]:
    """The rows of a CSV file as dicts keyed by lower-case column name."""
    tekst = _tekst(inhoud)
    if not tekst.strip():
        raise Onleesbaar(_("Het bestand is leeg."))
    eerste_regel = tekst.splitlines()[0]
    scheiding = ";" if eerste_regel.count(";") > eerste_regel.count(",") else ","
    reader = csv.DictReader(io.StringIO(tekst), delimiter=scheiding)
    reader.fieldnames = [_kolomnaam(naam) for naam in reader.fieldnames or []]
    return [
        {k: (v or "").strip() for k, v in rij.items() if k}
        for rij in reader
        if any((v or "").strip() for v in rij.values() if isinstance(v, str))
    ]


def json_rijen(inhoud: bytes, sleutel: str) -> list[dict[str, str]]:
    """The objects of a JSON file: a list, or an object with the list under `sleutel`."""
    try:
        data = json.loads(_tekst(inhoud))
    except json.JSONDecodeError as error:
        raise Onleesbaar(
            _("Het bestand is geen geldige JSON (regel %(regel)s).") % {"regel": error.lineno}
        ) from error
    if isinstance(data, dict):
        data = data.get(sleutel)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise Onleesbaar(
            _("Verwacht een lijst van objecten, of een object met de lijst onder '%(s)s'.")
            % {"s": sleutel}
        )
    return [
        {_kolomnaam(k): "" if v is None else str(v).strip() for k, v in item.items()}
        for item in data
    ]


def excel_bladen(inhoud: bytes) -> dict[str, list[dict[str, str]]]:
    """Every sheet of an .xlsx workbook: {sheet name (lower case): rows}."""
    from openpyxl import load_workbook

    try:
        boek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise Onleesbaar(_("Het bestand is geen leesbaar Excel-bestand (.xlsx).")) from error
    bladen: dict[str, list[dict[str, str]]] = {}
    for blad in boek.worksheets:
        regels = list(blad.iter_rows(values_only=True))
        if not regels:
            continue
        koppen = [_kolomnaam(k) for k in regels[0]]
        rijen = []
        for regel in regels[1:]:
            if not any(cel not in (None, "") for cel in regel):
                continue
            rijen.append(
                {kop: _excel_waarde(cel) for kop, cel in zip(koppen, regel, strict=False) if kop}
            )
        bladen[blad.title.strip().lower()] = rijen
    boek.close()
    return bladen


def _excel_waarde(cel: Any) -> str:  # noqa: ANN401 - a cell of any type
    if cel is None:
        return ""
    if isinstance(cel, datetime):
        return cel.date().isoformat()
    if isinstance(cel, date):
        return cel.isoformat()
    if isinstance(cel, float) and cel.is_integer():
        return str(int(cel))
    return str(cel).strip()


# --- values ---------------------------------------------------------------------------------


def bedrag(waarde: str, veld: str) -> Decimal:
    """'1.234,56', '1234,56', '1234.56' or '€ 1234' to Decimal('1234.56')."""
    tekst = waarde.replace("€", "").replace(" ", "").strip()
    if not tekst:
        raise ValidationError(_("%(veld)s ontbreekt.") % {"veld": veld})
    if "," in tekst:
        tekst = tekst.replace(".", "").replace(",", ".")
    try:
        getal = Decimal(tekst)
    except InvalidOperation as error:
        raise ValidationError(
            _("%(veld)s '%(w)s' is geen bedrag.") % {"veld": veld, "w": waarde}
        ) from error
    if getal < 0:
        raise ValidationError(_("%(veld)s mag niet negatief zijn.") % {"veld": veld})
    return getal.quantize(Decimal("0.01"))


def datum(waarde: str, veld: str) -> date:
    """'2026-03-02' or '02-03-2026' (also with slashes)."""
    tekst = waarde.strip()
    if not tekst:
        raise ValidationError(_("%(veld)s ontbreekt.") % {"veld": veld})
    for formaat in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(tekst[:19], formaat).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
    raise ValidationError(
        _("%(veld)s '%(w)s' is geen datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ).")
        % {"veld": veld, "w": waarde}
    )


def geheel_getal(waarde: str, veld: str, *, minimum: int = 0) -> int:
    tekst = waarde.strip()
    if not tekst:
        raise ValidationError(_("%(veld)s ontbreekt.") % {"veld": veld})
    if not tekst.isdigit() or int(tekst) < minimum:
        raise ValidationError(
            _("%(veld)s '%(w)s' is geen geheel getal van %(min)s of meer.")
            % {"veld": veld, "w": waarde, "min": minimum}
        )
    return int(tekst)


def postcode(waarde: str) -> str:
    tekst = waarde.replace(" ", "").upper()
    if not tekst:
        raise ValidationError(_("Postcode ontbreekt."))
    if not POSTCODE.match(tekst):
        raise ValidationError(_("Postcode '%(w)s' is geen Nederlandse postcode.") % {"w": waarde})
    return tekst


def bsn(waarde: str) -> str:
    """An optional BSN: empty stays empty; otherwise 9 digits passing the elfproef."""
    tekst = waarde.replace(" ", "").replace(".", "")
    if not tekst:
        return ""
    if tekst.isdigit() and len(tekst) == 8:
        tekst = "0" + tekst  # spreadsheets drop the leading zero
    try:
        validate_bsn(tekst)
    except ValidationError as error:
        raise ValidationError(_("BSN: %(m)s") % {"m": " ".join(error.messages)}) from error
    return tekst


def lees(rij: Rij, functie: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
    """Call a value parser; on a ValidationError note the message on the row, return None."""
    try:
        return functie(*args, **kwargs)
    except ValidationError as error:
        for melding in error.messages:
            rij.fout(melding)
        return None
