"""Every write on parties. Validation errors are Dutch and per field."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import (
    Adres,
    AdresSoort,
    NatuurlijkPersoon,
    NietNatuurlijkPersoon,
    Partij,
    PartijSoort,
    Vertegenwoordiging,
    Vestiging,
    normalise_for_search,
)
from raadhuis.kernel.validators import validate_postcode_nl

P = TypeVar("P", bound=Partij)

MAY_WRITE_PARTIES = (Rol.MEDEWERKER,)

NATUURLIJK_PERSOON_FIELDS = [
    "bsn",
    "voornamen",
    "voorletters",
    "voorvoegsel_geslachtsnaam",
    "geslachtsnaam",
    "geboortedatum",
    "geslacht",
    "email",
    "telefoonnummer",
]
NIET_NATUURLIJK_PERSOON_FIELDS = [
    "statutaire_naam",
    "kvk_nummer",
    "rsin",
    "kbo_nummer",
    "rechtsvorm",
    "sbi_activiteiten",
    "non_mailing",
    "email",
    "telefoonnummer",
]
VESTIGING_FIELDS = ["vestigingsnummer", "handelsnaam", "email", "telefoonnummer"]
ADRES_FIELDS = [
    "soort",
    "straatnaam",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "postcode",
    "woonplaats",
    "land",
    "bag_nummeraanduiding_id",
    "bag_adresseerbaar_object_id",
]
FIELDS_BY_SOORT = {
    PartijSoort.NATUURLIJK_PERSOON: NATUURLIJK_PERSOON_FIELDS,
    PartijSoort.NIET_NATUURLIJK_PERSOON: NIET_NATUURLIJK_PERSOON_FIELDS,
    PartijSoort.VESTIGING: VESTIGING_FIELDS,
}


def _partij_event(partij: Partij, actie: str) -> None:
    """Parties travel on the 'partijen' channel (Klantinteracties API resource 'partij')."""
    event_queue(
        organisatie=partij.organisatie,
        kanaal="partijen",
        resource="partij",
        actie=actie,
        resource_uuid=partij.uuid,
        hoofd_object_uuid=partij.uuid,
        kenmerken={"soortPartij": partij.soort},
    )


def _search_columns(partij: Partij) -> None:
    """Keep the shared search columns (naam, identificatie) in step with the specifics."""
    if isinstance(partij, NatuurlijkPersoon):
        partij.weergavenaam = partij.samengestelde_naam()
        partij.identificatie = partij.bsn
    elif isinstance(partij, NietNatuurlijkPersoon):
        partij.weergavenaam = partij.statutaire_naam
        partij.identificatie = partij.kvk_nummer or partij.kbo_nummer.replace(".", "")
    elif isinstance(partij, Vestiging):
        partij.weergavenaam = partij.handelsnaam
        partij.identificatie = partij.vestigingsnummer
    partij.zoeknaam = normalise_for_search(partij.weergavenaam)


def _unique_identificatie(partij: Partij, veld: str, waarde: str, label: str) -> None:
    if not waarde:
        return
    clash = Partij.objects.filter(
        organisatie_id=partij.organisatie_id, soort=partij.soort, identificatie=waarde
    ).exclude(pk=partij.pk)
    if clash.exists():
        raise ValidationError(
            {veld: _("Er is al een partij met dit %(label)s.") % {"label": label}}
        )


def _validate(partij: Partij) -> None:
    _search_columns(partij)
    partij.full_clean(exclude=["zoeknaam", "organisatie", "onderneming"])
    if isinstance(partij, NatuurlijkPersoon):
        _unique_identificatie(partij, "bsn", partij.bsn, "BSN")
        if partij.geboortedatum and partij.geboortedatum > timezone.localdate():
            raise ValidationError({"geboortedatum": _("De geboortedatum ligt in de toekomst.")})
    elif isinstance(partij, NietNatuurlijkPersoon):
        _unique_identificatie(partij, "kvk_nummer", partij.kvk_nummer, "KvK-nummer")


def _create(actor: Actor, partij: P, velden: list[str], adres: dict | None) -> P:
    require_role(actor, *MAY_WRITE_PARTIES)
    partij.organisatie = actor.organisatie
    _validate(partij)
    with transaction.atomic():
        partij.save()
        audit_entry_record(
            actor=actor,
            actie="partij_aangemaakt",
            obj=partij,
            wijzigingen=diff({}, snapshot(partij, velden)),
        )
        _partij_event(partij, "create")
        if adres:
            _adres_add(actor=actor, partij=partij, gegevens=adres)
    return partij


def natuurlijk_persoon_create(
    *, actor: Actor, geslachtsnaam: str, adres: dict[str, Any] | None = None, **gegevens: Any
) -> NatuurlijkPersoon:
    """Register a citizen. `gegevens` are NATUURLIJK_PERSOON_FIELDS; `adres` ADRES_FIELDS."""
    _only(gegevens, NATUURLIJK_PERSOON_FIELDS)
    persoon = NatuurlijkPersoon(
        soort=PartijSoort.NATUURLIJK_PERSOON, geslachtsnaam=geslachtsnaam, **gegevens
    )
    return _create(actor, persoon, NATUURLIJK_PERSOON_FIELDS, adres)


def niet_natuurlijk_persoon_create(
    *, actor: Actor, statutaire_naam: str, adres: dict[str, Any] | None = None, **gegevens: Any
) -> NietNatuurlijkPersoon:
    """Register a company, association or foundation (KvK / KBO)."""
    _only(gegevens, NIET_NATUURLIJK_PERSOON_FIELDS)
    nnp = NietNatuurlijkPersoon(
        soort=PartijSoort.NIET_NATUURLIJK_PERSOON, statutaire_naam=statutaire_naam, **gegevens
    )
    return _create(actor, nnp, NIET_NATUURLIJK_PERSOON_FIELDS, adres)


def vestiging_create(
    *,
    actor: Actor,
    onderneming: NietNatuurlijkPersoon,
    handelsnaam: str,
    adres: dict[str, Any] | None = None,
    **gegevens: Any,
) -> Vestiging:
    _only(gegevens, VESTIGING_FIELDS)
    if onderneming.organisatie_id != actor.organisatie.pk:
        raise ValidationError({"onderneming": _("Deze onderneming is onbekend.")})
    vestiging = Vestiging(
        soort=PartijSoort.VESTIGING, onderneming=onderneming, handelsnaam=handelsnaam, **gegevens
    )
    return _create(actor, vestiging, VESTIGING_FIELDS, adres)


def _only(gegevens: dict, toegestaan: list[str]) -> None:
    onbekend = set(gegevens) - set(toegestaan)
    if onbekend:
        raise ValueError(f"unknown party fields: {sorted(onbekend)}")


def partij_update(
    *, actor: Actor, partij: Partij, toelichting: str = "", **gegevens: Any
) -> Partij:
    """Change a party's details; the audit entry keeps old and new values per field."""
    require_role(actor, *MAY_WRITE_PARTIES)
    if partij.organisatie_id != actor.organisatie.pk:
        raise ValidationError(_("Deze partij is onbekend."))
    concreet = partij.concreet
    velden = FIELDS_BY_SOORT[PartijSoort(concreet.soort)]
    _only(gegevens, velden)
    with transaction.atomic():
        concreet = type(concreet).objects.select_for_update().get(pk=concreet.pk)
        before = snapshot(concreet, velden)
        for name, value in gegevens.items():
            setattr(concreet, name, value)
        _validate(concreet)
        changes = diff(before, snapshot(concreet, velden))
        if not changes:
            return concreet
        concreet.save()
        audit_entry_record(
            actor=actor,
            actie="partij_gewijzigd",
            obj=concreet,
            wijzigingen=changes,
            toelichting=toelichting,
        )
        _partij_event(concreet, "partial_update")
    return concreet


def _adres_add(*, actor: Actor, partij: Partij, gegevens: dict[str, Any]) -> Adres:
    _only(gegevens, ADRES_FIELDS)
    adres = Adres(partij=partij, **gegevens)
    adres.postcode = (
        adres.postcode.replace(" ", "").upper() if adres.land == "NL" else adres.postcode
    )
    adres.full_clean(exclude=["partij"])
    if adres.land == "NL":
        try:
            validate_postcode_nl(adres.postcode)
        except ValidationError as error:
            raise ValidationError({"postcode": error.messages}) from error
    adres.save()
    audit_entry_record(
        actor=actor,
        actie="adres_toegevoegd",
        obj=partij,
        wijzigingen={"adres": [None, str(adres)]},
    )
    _partij_event(partij, "partial_update")
    return adres


def adres_add(*, actor: Actor, partij: Partij, **gegevens: Any) -> Adres:
    require_role(actor, *MAY_WRITE_PARTIES)
    if partij.organisatie_id != actor.organisatie.pk:
        raise ValidationError(_("Deze partij is onbekend."))
    with transaction.atomic():
        return _adres_add(actor=actor, partij=partij, gegevens=gegevens)


ADRES_IDENTITEIT = (
    "straatnaam",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "postcode",
    "woonplaats",
)


def _zelfde_adres(adres: Adres, gegevens: dict[str, Any]) -> bool:
    def gewoon(veld: str, waarde: Any) -> str:
        tekst = str(waarde if waarde is not None else "")
        return tekst.replace(" ", "").upper() if veld == "postcode" else tekst

    return all(
        gewoon(veld, getattr(adres, veld)) == gewoon(veld, gegevens.get(veld, ""))
        for veld in ADRES_IDENTITEIT
    )


def adres_vervangen(*, actor: Actor, partij: Partij, **gegevens: Any) -> Adres:
    """Give `partij` this address in place of its current address of the same kind (a move
    registered in the BRP, a creditor's new postal address): the old one is removed, the change
    audited as old → new. The same address again changes nothing."""
    require_role(actor, *MAY_WRITE_PARTIES)
    if partij.organisatie_id != actor.organisatie.pk:
        raise ValidationError(_("Deze partij is onbekend."))
    soort = gegevens.get("soort", AdresSoort.WOONADRES)
    with transaction.atomic():
        oude = list(partij.adressen.select_for_update().filter(soort=soort))
        if len(oude) == 1 and _zelfde_adres(oude[0], gegevens):
            return oude[0]
        for adres in oude:
            adres.delete()
        nieuw = _adres_add(actor=actor, partij=partij, gegevens=gegevens)
        if oude:
            audit_entry_record(
                actor=actor,
                actie="adres_gewijzigd",
                obj=partij,
                wijzigingen={"adres": [", ".join(str(a) for a in oude), str(nieuw)]},
            )
    return nieuw


def vertegenwoordiging_create(
    *,
    actor: Actor,
    vertegenwoordiger: Partij,
    vertegenwoordigde: Partij,
    omschrijving: str,
    begindatum: date,
    einddatum: date | None = None,
) -> Vertegenwoordiging:
    """Record that one party may act for another (machtiging), for a period and a scope."""
    require_role(actor, *MAY_WRITE_PARTIES)
    for p in (vertegenwoordiger, vertegenwoordigde):
        if p.organisatie_id != actor.organisatie.pk:
            raise ValidationError(_("Deze partij is onbekend."))
    if vertegenwoordiger.pk == vertegenwoordigde.pk:
        raise ValidationError(
            {"vertegenwoordiger": _("Een partij kan zichzelf niet vertegenwoordigen.")}
        )
    if einddatum is not None and einddatum < begindatum:
        raise ValidationError({"einddatum": _("De einddatum ligt voor de begindatum.")})
    with transaction.atomic():
        v = Vertegenwoordiging.objects.create(
            vertegenwoordiger=vertegenwoordiger,
            vertegenwoordigde=vertegenwoordigde,
            omschrijving=omschrijving,
            begindatum=begindatum,
            einddatum=einddatum,
        )
        audit_entry_record(
            actor=actor,
            actie="vertegenwoordiging_aangemaakt",
            obj=vertegenwoordigde,
            wijzigingen={"vertegenwoordiging": [None, f"{vertegenwoordiger} ({omschrijving})"]},
        )
        _partij_event(vertegenwoordigde, "partial_update")
    return v
