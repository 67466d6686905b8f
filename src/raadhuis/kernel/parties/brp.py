"""Parties from the BRP: search the BRP, take a person over as a party, read a household.

Every consultation of the BRP is a read of personal data, so each writes the processing log
(who, which BSN, why: the `reden` the user gave). Taking a person over goes through the parties
services (natuurlijk_persoon_create, partij_update, adres_vervangen), which write their own audit
entries and events; `partij_from_brp` adds one audit entry saying the data came from the BRP
and why.

The network call to the BRP happens before the database transaction, so a slow BRP never holds
a lock.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, verwerkingen_record
from raadhuis.kernel.integrations.brp import BrpClient, BrpPersoon, brp_client
from raadhuis.kernel.integrations.brp.records import BrpAdres
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import AdresSoort, Geslacht, NatuurlijkPersoon
from raadhuis.kernel.parties.services import (
    adres_vervangen,
    natuurlijk_persoon_create,
    partij_update,
)
from raadhuis.kernel.validators import validate_bsn

# The same people who may register parties may consult the BRP for them.
MAY_CONSULT_BRP = (Rol.MEDEWERKER,)
GESLACHT_UIT_BRP = {"M": Geslacht.MAN, "V": Geslacht.VROUW}
MEERDERJARIG = 18


@dataclass(frozen=True)
class _Betrokkene:
    """Whom a processing-log line is about when that is a BRP person, not (yet) a party."""

    weergave: str
    uuid: uuid.UUID | None = None

    def __str__(self) -> str:
        return self.weergave


def _betrokkene(persoon: BrpPersoon | None, bsn: str, partij_uuid: uuid.UUID | None = None) -> Any:
    naam = persoon.naam if persoon else _("onbekend in de BRP")
    return _Betrokkene(f"{naam} (BSN {bsn})", partij_uuid)


def _log(actor: Actor, handeling: str, reden: str, betrokkenen: list[Any]) -> None:
    verwerkingen_record(
        actor=actor, handeling=handeling, doel=reden, partijen=cast(Iterable[Any], betrokkenen)
    )


def _check_reden(reden: str) -> str:
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": _("Geef aan waarom je de BRP raadpleegt.")})
    return reden


def _check_bsn(bsn: str) -> str:
    bsn = (bsn or "").replace(" ", "").replace(".", "")
    try:
        validate_bsn(bsn)
    except ValidationError as error:
        raise ValidationError({"bsn": error.messages}) from error
    return bsn


# --- reads (selectors) -----------------------------------------------------------------------


def brp_persoon_raadplegen(
    *, actor: Actor, bsn: str, reden: str, client: BrpClient | None = None
) -> BrpPersoon | None:
    """The BRP's full record of one person (None when the BRP has no one with this BSN).
    Raises BrpFout when the BRP cannot answer."""
    require_role(actor, *MAY_CONSULT_BRP)
    reden, bsn = _check_reden(reden), _check_bsn(bsn)
    persoon = (client or brp_client()).persoon(bsn)
    handeling = "BRP geraadpleegd op BSN" if persoon else "BRP geraadpleegd op BSN, niet gevonden"
    _log(actor, handeling, reden, [_betrokkene(persoon, bsn)])
    return persoon


def brp_personen_zoeken(
    *,
    actor: Actor,
    reden: str,
    bsn: str | None = None,
    geslachtsnaam: str | None = None,
    voorvoegsel: str | None = None,
    geboortedatum: date | None = None,
    postcode: str | None = None,
    huisnummer: int | None = None,
    huisletter: str | None = None,
    huisnummertoevoeging: str | None = None,
    client: BrpClient | None = None,
) -> list[BrpPersoon]:
    """Search the BRP by BSN, by postcode + house number, or by surname + birth date; every
    person found is logged. Raises BrpFout when the BRP cannot answer."""
    require_role(actor, *MAY_CONSULT_BRP)
    reden = _check_reden(reden)
    if bsn:
        persoon = brp_persoon_raadplegen(actor=actor, bsn=bsn, reden=reden, client=client)
        return [persoon] if persoon else []
    client = client or brp_client()
    gevonden = client.zoek(
        geslachtsnaam=geslachtsnaam,
        voorvoegsel=voorvoegsel,
        geboortedatum=geboortedatum,
        postcode=postcode,
        huisnummer=huisnummer,
        huisletter=huisletter,
        huisnummertoevoeging=huisnummertoevoeging,
    )
    if postcode and huisnummer:
        handeling = "BRP doorzocht op postcode en huisnummer"
    else:
        handeling = "BRP doorzocht op achternaam en geboortedatum"
    if gevonden:
        _log(actor, handeling, reden, [_betrokkene(p, p.bsn) for p in gevonden])
    else:
        _log(actor, f"{handeling}, niets gevonden", reden, [])
    return gevonden


def bekende_partijen(*, actor: Actor, bsns: Iterable[str]) -> dict[str, NatuurlijkPersoon]:
    """The persons of the actor's organisation already registered with these BSNs, by BSN
    (so a BRP result list can say 'already known'). Only identifiers are matched here; the
    BRP search that produced the BSNs has logged the read."""
    require_role(actor, *MAY_CONSULT_BRP)
    bsns = [b for b in bsns if b]
    if not bsns:
        return {}
    personen = NatuurlijkPersoon.objects.filter(organisatie_id=actor.organisatie.pk, bsn__in=bsns)
    return {p.bsn: p for p in personen}


# --- households ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Huisgenoot:
    """A partner or child of a person, as the BRP knows them, with the age on a given day.

    `inwonend` says whether they are registered at the person's address: True or False when
    the residents of the address were looked up (brp_huishouden_raadplegen), None when not."""

    relatie: str  # "partner" or "kind"
    bsn: str
    naam: str
    geboortedatum: date | None
    leeftijd: int | None
    inwonend: bool | None = None

    @property
    def minderjarig(self) -> bool:
        return self.leeftijd is not None and self.leeftijd < MEERDERJARIG


def huishouden_from_brp(
    persoon: BrpPersoon, *, op: date | None = None, bewoners: Iterable[BrpPersoon] | None = None
) -> list[Huisgenoot]:
    """The current partner and every child of `persoon`, with their age on `op` (today by
    default), youngest children last. With `bewoners` (everyone registered at the person's
    address), each is marked as living there or not."""
    op = op or timezone.localdate()
    op_adres = {b.bsn for b in bewoners} if bewoners is not None else None
    leden = [("partner", r) for r in persoon.partners]
    kinderen = sorted(persoon.kinderen, key=lambda k: k.geboortedatum or date.min)
    leden += [("kind", r) for r in kinderen]
    return [
        Huisgenoot(
            relatie=relatie,
            bsn=r.bsn,
            naam=r.naam,
            geboortedatum=r.geboortedatum,
            leeftijd=r.leeftijd(op),
            inwonend=None if op_adres is None else r.bsn in op_adres,
        )
        for relatie, r in leden
    ]


def brp_huishouden_raadplegen(
    *, actor: Actor, bsn: str, reden: str, op: date | None = None, client: BrpClient | None = None
) -> tuple[BrpPersoon | None, list[Huisgenoot]]:
    """The person and their household: partner and children with ages, each marked as living
    at the person's address or not (a second BRP question: who lives at that address).
    (None, []) when the BRP has no one with this BSN. Raises BrpFout when it cannot answer."""
    client = client or brp_client()
    persoon = brp_persoon_raadplegen(actor=actor, bsn=bsn, reden=reden, client=client)
    if persoon is None:
        return None, []
    bewoners = None
    if persoon.adres is not None:
        bewoners = brp_personen_zoeken(
            actor=actor,
            reden=reden,
            postcode=persoon.adres.postcode,
            huisnummer=persoon.adres.huisnummer,
            huisletter=persoon.adres.huisletter or None,
            huisnummertoevoeging=persoon.adres.huisnummertoevoeging or None,
            client=client,
        )
    return persoon, huishouden_from_brp(persoon, op=op, bewoners=bewoners)


# --- write: take a person over as a party ----------------------------------------------------


def _persoonsgegevens(persoon: BrpPersoon) -> dict[str, Any]:
    """The NatuurlijkPersoon fields the BRP decides (e-mail and phone stay as they are)."""
    return {
        "bsn": persoon.bsn,
        "voornamen": persoon.voornamen,
        "voorletters": persoon.voorletters[:20],
        "voorvoegsel_geslachtsnaam": persoon.voorvoegsel,
        "geboortedatum": persoon.geboortedatum,
        "geslacht": GESLACHT_UIT_BRP.get(persoon.geslacht, Geslacht.ONBEKEND),
    }


def _adresgegevens(adres: BrpAdres) -> dict[str, Any]:
    return {
        "soort": AdresSoort.WOONADRES,
        "straatnaam": adres.straat,
        "huisnummer": adres.huisnummer,
        "huisletter": adres.huisletter,
        "huisnummertoevoeging": adres.huisnummertoevoeging,
        "postcode": adres.postcode,
        "woonplaats": adres.woonplaats,
        "land": "NL",
        "bag_nummeraanduiding_id": adres.nummeraanduiding_id,
        "bag_adresseerbaar_object_id": adres.adresseerbaar_object_id,
    }


def _bestaande(actor: Actor, bsn: str) -> NatuurlijkPersoon | None:
    return NatuurlijkPersoon.objects.filter(organisatie_id=actor.organisatie.pk, bsn=bsn).first()


def _bijwerken(
    actor: Actor, partij: NatuurlijkPersoon, persoon: BrpPersoon, reden: str
) -> NatuurlijkPersoon:
    partij = cast(
        NatuurlijkPersoon,
        partij_update(
            actor=actor,
            partij=partij,
            toelichting=_("Bijgewerkt uit de BRP: %(reden)s") % {"reden": reden},
            geslachtsnaam=persoon.geslachtsnaam,
            **_persoonsgegevens(persoon),
        ),
    )
    if persoon.adres is not None:
        # A move: the BRP's address replaces the old woonadres (the same one: no change).
        adres_vervangen(actor=actor, partij=partij, **_adresgegevens(persoon.adres))
    return partij


def _aanmaken(actor: Actor, persoon: BrpPersoon) -> NatuurlijkPersoon:
    return natuurlijk_persoon_create(
        actor=actor,
        geslachtsnaam=persoon.geslachtsnaam,
        adres=_adresgegevens(persoon.adres) if persoon.adres else None,
        **_persoonsgegevens(persoon),
    )


def partij_from_brp(
    actor: Actor, *, bsn: str, reden: str, client: BrpClient | None = None
) -> NatuurlijkPersoon:
    """Create, or refresh, the party of the person with this BSN in the actor's organisation
    from the BRP: name, birth date, sex and the residential address.

    A party that already exists keeps its uuid, cases, e-mail and phone; changed fields are
    updated (audit entry with old and new values) and a new BRP address is added. Raises
    ValidationError (field `bsn` or `reden`) for bad input or a BSN the BRP does not know, and
    BrpFout when the BRP cannot answer; nothing is written then."""
    require_role(actor, *MAY_CONSULT_BRP)
    reden, bsn = _check_reden(reden), _check_bsn(bsn)
    persoon = (client or brp_client()).persoon(bsn)
    if persoon is None:
        _log(actor, "BRP geraadpleegd op BSN, niet gevonden", reden, [_betrokkene(None, bsn)])
        raise ValidationError({"bsn": _("De BRP kent geen persoon met dit BSN.")})
    with transaction.atomic():
        bestaand = _bestaande(actor, bsn)
        if bestaand is not None:
            partij = _bijwerken(actor, bestaand, persoon, reden)
        else:
            try:
                with transaction.atomic():
                    partij = _aanmaken(actor, persoon)
            except (IntegrityError, ValidationError):
                # Someone took the same person over a moment ago: refresh theirs instead.
                bestaand = _bestaande(actor, bsn)
                if bestaand is None:
                    raise
                partij = _bijwerken(actor, bestaand, persoon, reden)
        audit_entry_record(
            actor=actor,
            actie="partij_uit_brp",
            obj=partij,
            wijzigingen={"bron": [None, "BRP"]},
            toelichting=reden,
        )
        _log(
            actor,
            "BRP geraadpleegd en overgenomen als partij",
            reden,
            [_betrokkene(persoon, bsn, partij.uuid)],
        )
    return partij
