"""Who a rol is about: one of our parties, medewerkers or units, or someone only named by the
caller (Zaken API `betrokkene` URL / `betrokkeneIdentificatie`).

An identification that names one of ours (a BSN, an RSIN, a vestigingsnummer, a medewerker's
or unit's identificatie) links the rol to it, so a case created through the API shows up in the
party's 360 view and a behandelaar in the work queue. The identifiers are also written to
`RolSleutel` for the API's `rol__betrokkeneIdentificatie__…` filters.
"""

from __future__ import annotations

from typing import Any

from raadhuis.kernel.cases.models import BetrokkeneType, Rol, RolSleutel
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij, PartijSoort

# Per betrokkeneType the identification fields the Zaken API filters on.
SLEUTEL_VELDEN: dict[str, tuple[str, ...]] = {
    BetrokkeneType.NATUURLIJK_PERSOON: ("inpBsn", "anpIdentificatie", "inpA_nummer"),
    BetrokkeneType.NIET_NATUURLIJK_PERSOON: ("innNnpId", "annIdentificatie"),
    BetrokkeneType.VESTIGING: ("vestigingsNummer",),
    BetrokkeneType.ORGANISATORISCHE_EENHEID: ("identificatie",),
    BetrokkeneType.MEDEWERKER: ("identificatie",),
}


def sleutel(betrokkene_type: str, veld: str, waarde: str) -> str:
    """The RolSleutel value for one identifier: "natuurlijk_persoon.inpBsn=111222333"."""
    return f"{betrokkene_type}.{veld}={waarde}"[:300]


Gekoppeld = tuple[Partij | None, Medewerker | None, OrganisatorischeEenheid | None]


def betrokkene_koppelen(
    organisatie: Organisatie, betrokkene_type: str, identificatie: dict[str, Any]
) -> Gekoppeld:
    """Our party, medewerker or unit that an identification names, if any."""
    if betrokkene_type == BetrokkeneType.MEDEWERKER and identificatie.get("identificatie"):
        medewerker = Medewerker.objects.filter(
            organisatie=organisatie, identificatie=identificatie["identificatie"]
        ).first()
        return None, medewerker, None
    if betrokkene_type == BetrokkeneType.ORGANISATORISCHE_EENHEID and identificatie.get(
        "identificatie"
    ):
        eenheid = OrganisatorischeEenheid.objects.filter(
            organisatie=organisatie, identificatie=identificatie["identificatie"]
        ).first()
        return None, None, eenheid
    nummers: dict[str, Any] = {
        BetrokkeneType.NATUURLIJK_PERSOON: identificatie.get("inpBsn"),
        BetrokkeneType.NIET_NATUURLIJK_PERSOON: identificatie.get("innNnpId"),
        BetrokkeneType.VESTIGING: identificatie.get("vestigingsNummer"),
    }
    nummer = nummers.get(betrokkene_type)
    if not nummer:
        return None, None, None
    partijen = Partij.objects.filter(organisatie=organisatie, soort=betrokkene_type)
    if betrokkene_type == BetrokkeneType.NIET_NATUURLIJK_PERSOON:
        partij = partijen.filter(nietnatuurlijkpersoon__rsin=nummer).first()
    else:
        partij = partijen.filter(identificatie=nummer).first()
    return partij, None, None


def identificatie_van(rol: Rol) -> dict[str, Any]:
    """The betrokkeneIdentificatie of a rol: as the caller gave it, else from our party,
    medewerker or unit (camelCase keys of the Zaken API)."""
    if rol.betrokkene_identificatie:
        return dict(rol.betrokkene_identificatie)
    if rol.medewerker is not None:
        m = rol.medewerker
        return {
            "identificatie": m.identificatie,
            "achternaam": m.achternaam,
            "voorletters": m.voorletters,
            "voorvoegselAchternaam": m.voorvoegsel_achternaam,
        }
    if rol.eenheid is not None:
        e = rol.eenheid
        return {"identificatie": e.identificatie, "naam": e.naam[:50], "isGehuisvestIn": ""}
    if rol.partij is not None:
        return _partij_identificatie(rol.partij)
    return {}


def _partij_identificatie(partij: Partij) -> dict[str, Any]:
    concreet = partij.concreet
    if partij.soort == PartijSoort.NATUURLIJK_PERSOON:
        return {
            "inpBsn": getattr(concreet, "bsn", "") or partij.identificatie,
            "anpIdentificatie": "",
            "inpA_nummer": "",
            "geslachtsnaam": getattr(concreet, "geslachtsnaam", ""),
            "voorvoegselGeslachtsnaam": getattr(concreet, "voorvoegsel_geslachtsnaam", ""),
            "voorletters": getattr(concreet, "voorletters", ""),
            "voornamen": getattr(concreet, "voornamen", ""),
            "geslachtsaanduiding": getattr(concreet, "geslacht", ""),
            "geboortedatum": str(getattr(concreet, "geboortedatum", "") or ""),
            "verblijfsadres": None,
            "subVerblijfBuitenland": None,
        }
    if partij.soort == PartijSoort.NIET_NATUURLIJK_PERSOON:
        return {
            "innNnpId": getattr(concreet, "rsin", ""),
            "annIdentificatie": "",
            "statutaireNaam": getattr(concreet, "statutaire_naam", partij.weergavenaam),
            "innRechtsvorm": "",
            "bezoekadres": "",
            "subVerblijfBuitenland": None,
        }
    return {
        "vestigingsNummer": getattr(concreet, "vestigingsnummer", "") or partij.identificatie,
        "handelsnaam": [getattr(concreet, "handelsnaam", partij.weergavenaam)],
        "verblijfsadres": None,
        "subVerblijfBuitenland": None,
        "kvkNummer": "",
    }


def sleutels_van(rol: Rol) -> list[RolSleutel]:
    """The RolSleutel rows (not saved) of a saved rol, from its identification."""
    identificatie = identificatie_van(rol)
    waarden = {
        sleutel(rol.betrokkene_type, veld, str(identificatie[veld]))
        for veld in SLEUTEL_VELDEN.get(rol.betrokkene_type, ())
        if identificatie.get(veld)
    }
    return [RolSleutel(rol=rol, sleutel=w) for w in sorted(waarden)]
