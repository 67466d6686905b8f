"""The test double's answers (double.py): a person of the fictitious register as JSON, shaped
as the Haal Centraal BRP Personen API shapes it, and cut down to the `fields` asked for."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from raadhuis.kernel.integrations.brp.testdata import GEMEENTE, NEDERLAND, Mens, Register, Woonadres

MAANDEN = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
GESLACHT = {"M": "man", "V": "vrouw", "O": "onbekend"}
VERBINTENIS = {"H": "huwelijk", "P": "geregistreerd partnerschap"}


# --- JSON of a person, as the API shapes it --------------------------------------------------


def waarde(code: str, omschrijving: str) -> dict[str, str]:
    return {"code": code, "omschrijving": omschrijving}


def datum_json(value: date, *, alleen_jaar: bool = False) -> dict[str, Any]:
    if alleen_jaar:
        return {"type": "JaarDatum", "jaar": value.year, "langFormaat": str(value.year)}
    lang = f"{value.day} {MAANDEN[value.month - 1]} {value.year}"
    return {"type": "Datum", "datum": value.isoformat(), "langFormaat": lang}


def leeftijd(geboren: date, op: date) -> int:
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


def _voorletters(voornamen: str) -> str:
    return "".join(f"{naam[0]}." for naam in voornamen.split())


def naam_json(mens: Mens, *, volledig: bool = True) -> dict[str, Any]:
    naam: dict[str, Any] = {
        "voornamen": mens.voornamen,
        "geslachtsnaam": mens.geslachtsnaam,
        "voorletters": _voorletters(mens.voornamen),
    }
    if mens.voorvoegsel:
        naam["voorvoegsel"] = mens.voorvoegsel
    if volledig:
        naam["volledigeNaam"] = " ".join(
            d for d in (mens.voornamen, mens.voorvoegsel, mens.geslachtsnaam) if d
        )
    return naam


def _achternaam(mens: Mens) -> str:
    voorvoegsel = mens.voorvoegsel[:1].upper() + mens.voorvoegsel[1:]
    return f"{voorvoegsel} {mens.geslachtsnaam}".strip()


def _bag_id(adres: Woonadres, soort: str) -> str:
    """A fictitious 16-digit BAG identification: municipality, object type, number."""
    volgnummer = int(adres.postcode[:4]) * 100_000 + adres.huisnummer * 10
    volgnummer += len(adres.huisletter + adres.huisnummertoevoeging)
    return f"{GEMEENTE[0]}{soort}{volgnummer:010d}"


def verblijfadres_json(adres: Woonadres) -> dict[str, Any]:
    verblijfadres: dict[str, Any] = {
        "officieleStraatnaam": adres.straat,
        "korteStraatnaam": adres.straat[:24],
        "huisnummer": adres.huisnummer,
        "postcode": adres.postcode,
        "woonplaats": adres.woonplaats,
    }
    if adres.huisletter:
        verblijfadres["huisletter"] = adres.huisletter
    if adres.huisnummertoevoeging:
        verblijfadres["huisnummertoevoeging"] = adres.huisnummertoevoeging
    return verblijfadres


def adressering_json(mens: Mens) -> dict[str, Any]:
    adres = mens.adres
    nummer = f"{adres.huisnummer}{adres.huisletter}"
    if adres.huisnummertoevoeging:
        nummer += f"-{adres.huisnummertoevoeging}"
    aanspreking = {"M": "meneer", "V": "mevrouw"}.get(mens.geslacht, "")
    aanhef = {"M": "Geachte heer", "V": "Geachte mevrouw"}.get(mens.geslacht, "Geachte")
    achternaam = _achternaam(mens)
    return {
        "adresregel1": f"{adres.straat} {nummer}",
        "adresregel2": f"{adres.postcode[:4]} {adres.postcode[4:]}  {adres.woonplaats.upper()}",
        "land": waarde(*NEDERLAND),
        "aanhef": f"{aanhef} {achternaam}",
        "aanschrijfwijze": {"naam": f"{_voorletters(mens.voornamen)} {achternaam}"},
        "gebruikInLopendeTekst": f"{aanspreking} {achternaam}".strip(),
    }


def _geboorte(mens: Mens) -> dict[str, Any]:
    return {
        "datum": datum_json(mens.geboortedatum, alleen_jaar=mens.alleen_geboortejaar),
        "plaats": waarde(*GEMEENTE),
        "land": waarde(*NEDERLAND),
    }


def _gerelateerde(mens: Mens) -> dict[str, Any]:
    return {
        "burgerservicenummer": mens.bsn,
        "naam": naam_json(mens, volledig=False),
        "geboorte": _geboorte(mens),
    }


def persoon_json(mens: Mens, register: Register, vandaag: date) -> dict[str, Any]:
    """The full Persoon (RaadpleegMetBurgerservicenummer) as the register knows it."""
    persoon: dict[str, Any] = {
        "burgerservicenummer": mens.bsn,
        "geslacht": waarde(mens.geslacht, GESLACHT[mens.geslacht]),
        "naam": {**naam_json(mens), "aanduidingNaamgebruik": waarde("E", "eigen geslachtsnaam")},
        "geboorte": _geboorte(mens),
        "gemeenteVanInschrijving": waarde(*GEMEENTE),
        "nationaliteiten": [
            {"type": "Nationaliteit", "nationaliteit": waarde("0001", "Nederlandse")}
        ],
        "verblijfplaats": {
            "type": "Adres",
            "verblijfadres": verblijfadres_json(mens.adres),
            "functieAdres": waarde("W", "woonadres"),
            "adresseerbaarObjectIdentificatie": _bag_id(mens.adres, "01"),
            "nummeraanduidingIdentificatie": _bag_id(mens.adres, "20"),
        },
        "adressering": adressering_json(mens),
    }
    if mens.overlijdensdatum:
        persoon["overlijden"] = {
            "datum": datum_json(mens.overlijdensdatum),
            "plaats": waarde(*GEMEENTE),
            "land": waarde(*NEDERLAND),
        }
    elif not mens.alleen_geboortejaar:
        persoon["leeftijd"] = leeftijd(mens.geboortedatum, vandaag)
    partners = _partners_json(mens, register)
    if partners:
        persoon["partners"] = partners
    kinderen = [register.personen[bsn] for bsn in mens.kinderen]
    if kinderen:
        persoon["kinderen"] = [_gerelateerde(kind) for kind in kinderen]
    ouders = [register.personen[bsn] for bsn in mens.ouders]
    if ouders:
        persoon["ouders"] = [
            {
                **_gerelateerde(ouder),
                "geslacht": waarde(ouder.geslacht, GESLACHT[ouder.geslacht]),
                "ouderAanduiding": str(nummer),
            }
            for nummer, ouder in enumerate(ouders, start=1)
        ]
    return persoon


def _partners_json(mens: Mens, register: Register) -> list[dict[str, Any]]:
    """The current partner, or else the last dissolved one (spec: never more)."""
    if not mens.verbintenissen:
        return []
    lopend = [v for v in mens.verbintenissen if v.ontbonden is None]
    verbintenis = (
        lopend[-1] if lopend else max(mens.verbintenissen, key=lambda v: v.ontbonden or date.min)
    )
    partner = register.personen[verbintenis.partner_bsn]
    gegevens: dict[str, Any] = {
        **_gerelateerde(partner),
        "geslacht": waarde(partner.geslacht, GESLACHT[partner.geslacht]),
        "soortVerbintenis": waarde(verbintenis.soort, VERBINTENIS[verbintenis.soort]),
        "aangaanHuwelijkPartnerschap": {
            "datum": datum_json(verbintenis.aangegaan),
            "plaats": waarde(*GEMEENTE),
            "land": waarde(*NEDERLAND),
        },
    }
    if verbintenis.ontbonden:
        gegevens["ontbindingHuwelijkPartnerschap"] = {"datum": datum_json(verbintenis.ontbonden)}
    return [gegevens]


def beperkt(persoon: dict[str, Any]) -> dict[str, Any]:
    """The PersoonBeperkt a search returns: name, birth date, sex, age, address lines."""
    result: dict[str, Any] = {
        key: persoon[key]
        for key in ("burgerservicenummer", "geslacht", "leeftijd")
        if key in persoon
    }
    result["naam"] = {k: v for k, v in persoon["naam"].items() if k != "aanduidingNaamgebruik"}
    result["geboorte"] = {"datum": persoon["geboorte"]["datum"]}
    adressering = persoon["adressering"]
    result["adressering"] = {
        k: adressering[k]
        for k in ("adresregel1", "adresregel2", "adresregel3", "land")
        if k in adressering
    }
    return result


# --- fields ----------------------------------------------------------------------------------


def fields_tree(fields: Iterable[str]) -> dict[str, Any]:
    """['naam.voornamen', 'naam.geslachtsnaam', 'geboorte'] ->
    {'naam': {'voornamen': {}, 'geslachtsnaam': {}}, 'geboorte': {}}; {} means 'all of it'."""
    tree: dict[str, Any] = {}
    for path in fields:
        node = tree
        parts = path.split(".")
        for index, part in enumerate(parts):
            if part in node and node[part] == {} and index < len(parts) - 1:
                break  # a parent already asked for all of it
            last = index == len(parts) - 1
            node = node.setdefault(part, {})
            if last:
                node.clear()
    return tree


def project(value: Any, tree: dict[str, Any]) -> Any:
    """Keep only the requested fields; the `type` of a polymorphic value always stays."""
    if not tree:
        return value
    if isinstance(value, list):
        return [project(item, tree) for item in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, sub in tree.items():
        if key in value:
            projected = project(value[key], sub)
            if projected not in ({}, []):
                result[key] = projected
    if result and "type" in value:
        result = {"type": value["type"], **result}
    return result
