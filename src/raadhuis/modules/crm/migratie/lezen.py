"""Reading an export (XLSX streamed with openpyxl read_only, CSV with csv) and mapping its
columns onto the import's target fields."""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from raadhuis.kernel.parties.models import normalise_for_search

# Target field -> Dutch label (mapping screen and report).
VELDEN: dict[str, str] = {
    "extern_id": "Nummer in het bronsysteem",
    "soort": "Soort relatie",
    "naam": "Naam",
    "kvk_nummer": "KvK-nummer",
    "email": "E-mailadres",
    "telefoonnummer": "Telefoonnummer",
    "straat": "Straat",
    "huisnummer": "Huisnummer",
    "postcode": "Postcode",
    "woonplaats": "Woonplaats",
    "notitie": "Notitie",
    "tags": "Tags",
    "cp_achternaam": "Contactpersoon: achternaam",
    "cp_voornamen": "Contactpersoon: voornamen",
    "cp_rol": "Contactpersoon: rol",
    "cp_email": "Contactpersoon: e-mailadres",
    "cp_telefoon": "Contactpersoon: telefoonnummer",
    "kc_datum": "Contactmoment: datum",
    "kc_kanaal": "Contactmoment: kanaal",
    "kc_onderwerp": "Contactmoment: onderwerp",
    "kc_inhoud": "Contactmoment: inhoud",
}
VERPLICHT = ("naam",)

# Header names seen in Exact, Perfect View and home-made spreadsheets (normalised).
SYNONIEMEN: dict[str, tuple[str, ...]] = {
    "extern_id": ("id", "relatienummer", "relatiecode", "code", "nummer", "debiteurnummer"),
    "soort": ("soort", "type", "relatiesoort", "categorie"),
    "naam": (
        "naam",
        "bedrijfsnaam",
        "organisatie",
        "relatienaam",
        "company",
        "name",
        "leverancier",  # a contract register names the relation so
        "contractpartij",
    ),
    "kvk_nummer": ("kvk", "kvknummer", "kvk_nummer", "kamer_van_koophandel", "coc"),
    "email": ("email", "e_mail", "emailadres", "e_mailadres", "mail"),
    "telefoonnummer": ("telefoon", "telefoonnummer", "tel", "phone"),
    "straat": ("straat", "straatnaam", "adres", "address"),
    "huisnummer": ("huisnummer", "nr", "huisnr"),
    "postcode": ("postcode", "zip", "postal_code"),
    "woonplaats": ("plaats", "woonplaats", "vestigingsplaats", "city"),
    "notitie": ("notitie", "opmerking", "opmerkingen", "memo", "notes"),
    "tags": ("tags", "labels", "groep", "kenmerken"),
    "cp_achternaam": ("contactpersoon", "contact_achternaam", "achternaam", "cp_achternaam"),
    "cp_voornamen": ("voornaam", "voornamen", "contact_voornaam", "cp_voornamen"),
    "cp_rol": ("functie", "rol", "contact_functie", "cp_rol"),
    "cp_email": ("contact_email", "email_contactpersoon", "cp_email"),
    "cp_telefoon": ("contact_telefoon", "mobiel", "cp_telefoon"),
    "kc_datum": ("contactdatum", "datum_contact", "datum", "kc_datum"),
    "kc_kanaal": ("kanaal", "contactkanaal", "kc_kanaal"),
    "kc_onderwerp": ("onderwerp", "contactonderwerp", "kc_onderwerp"),
    "kc_inhoud": ("verslag", "inhoud", "contactverslag", "kc_inhoud"),
}


class Onleesbaar(Exception):
    """The file as a whole cannot be read: a Dutch sentence for the user."""


@dataclass
class Tabel:
    koppen: list[str]
    rijen: Iterator[list[str]]


def kolomnaam(naam: Any) -> str:  # noqa: ANN401 - a header cell of any type
    """'E-mail adres ' -> 'e_mail_adres': how headers are compared."""
    tekst = normalise_for_search(str(naam or ""))
    return re.sub(r"[^a-z0-9]+", "_", tekst).strip("_")


def _cel(waarde: Any) -> str:  # noqa: ANN401 - an Excel cell of any type
    if waarde is None:
        return ""
    if isinstance(waarde, str):
        return waarde.strip()
    if isinstance(waarde, datetime):
        return waarde.isoformat(sep=" ", timespec="minutes")
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde).strip()


def _tekst(inhoud: bytes) -> str:
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        return inhoud.decode("cp1252", errors="replace")  # older Windows exports


def bestand_lezen(inhoud: bytes, bestandsnaam: str) -> Tabel:
    """The header and the rows (lazily, for large workbooks) of an .xlsx or .csv file."""
    if bestandsnaam.lower().endswith(".xlsx") or inhoud[:2] == b"PK":
        return _xlsx_lezen(inhoud)
    if bestandsnaam.lower().endswith((".csv", ".txt")):
        return _csv_lezen(inhoud)
    raise Onleesbaar(_("Kies een .xlsx- of .csv-bestand."))


def _xlsx_lezen(inhoud: bytes) -> Tabel:
    from openpyxl import load_workbook

    try:
        boek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
        regels = boek.worksheets[0].iter_rows(values_only=True)
        kop = next(regels, None)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise Onleesbaar(_("Het bestand is geen leesbaar Excel-bestand (.xlsx).")) from error
    if not kop or not any(kop):
        raise Onleesbaar(_("Het eerste werkblad is leeg."))
    koppen = [_cel(k) for k in kop]

    def rijen() -> Iterator[list[str]]:
        try:
            for regel in regels:
                yield [_cel(c) for c in regel]
        finally:
            boek.close()

    return Tabel(koppen=koppen, rijen=rijen())


def _csv_lezen(inhoud: bytes) -> Tabel:
    tekst = _tekst(inhoud)
    if not tekst.strip():
        raise Onleesbaar(_("Het bestand is leeg."))
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    reader = csv.reader(io.StringIO(tekst), delimiter=scheiding)
    koppen = [k.strip() for k in next(reader)]
    return Tabel(koppen=koppen, rijen=([c.strip() for c in r] for r in reader))


def koppen_lezen(inhoud: bytes, bestandsnaam: str) -> list[str]:
    return bestand_lezen(inhoud, bestandsnaam).koppen


def mapping_voorstellen(koppen: list[str]) -> dict[str, str]:
    """Target field -> header, guessed from the header names (exact synonym first, then a
    close match); each header is used once. The user checks it on the mapping screen."""
    genormaliseerd = {kolomnaam(k): k for k in koppen if str(k).strip()}
    voorstel: dict[str, str] = {}
    gebruikt: set[str] = set()
    for veld, namen in SYNONIEMEN.items():
        for naam in (veld, *namen):
            if naam in genormaliseerd and naam not in gebruikt:
                voorstel[veld] = genormaliseerd[naam]
                gebruikt.add(naam)
                break
    for veld, namen in SYNONIEMEN.items():
        if veld in voorstel:
            continue
        vrij = [k for k in genormaliseerd if k not in gebruikt]
        for naam in (veld, *namen):
            gelijk = difflib.get_close_matches(naam, vrij, n=1, cutoff=0.85)
            if gelijk:
                voorstel[veld] = genormaliseerd[gelijk[0]]
                gebruikt.add(gelijk[0])
                break
    return voorstel


def mapping_fouten(mapping: dict[str, str], koppen: list[str]) -> list[str]:
    fouten = []
    onbekend = sorted(set(mapping) - set(VELDEN))
    if onbekend:
        fouten.append(_("Onbekende velden in de koppeling: %(v)s.") % {"v": ", ".join(onbekend)})
    for veld, kop in mapping.items():
        if kop and kop not in koppen:
            fouten.append(
                _("Kolom '%(k)s' (voor %(v)s) staat niet in het bestand.")
                % {"k": kop, "v": VELDEN.get(veld, veld)}
            )
    if not mapping.get("naam") and not _zonder_naam(mapping):
        fouten.append(naam_ontbreekt())
    return fouten


def _zonder_naam(mapping: dict[str, str]) -> bool:
    from raadhuis.modules.crm.migratie.soorten import zonder_naam_toegestaan

    return zonder_naam_toegestaan(mapping)


def naam_ontbreekt() -> str:
    return _("Koppel een kolom aan '%(v)s'.") % {"v": VELDEN["naam"]}


def rijen_met_mapping(
    tabel: Tabel, mapping: dict[str, str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number in the file, target field -> value) per non-empty row; header = row 1."""
    positie = [(veld, tabel.koppen.index(kop)) for veld, kop in mapping.items() if kop]
    for nummer, waarden in enumerate(tabel.rijen, start=2):
        if not any(waarden):
            continue
        lengte = len(waarden)
        yield nummer, {veld: (waarden[i] if i < lengte else "") for veld, i in positie}
