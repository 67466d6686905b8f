"""Every write of the CRM core: relations, contact persons, representation, contact moments.

Register data (name, KvK number, BSN, address) is written only by the kernel's party services
from the register (KvK: parties/kvk.py, BRP: parties/brp.py). What the CRM writes here is local
and lives on the `Relatie` profile, so a refresh from the register never loses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.models import Zaak, ZaakNummerTeller
from raadhuis.kernel.cases.services import zaak_create, zaak_status_set
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid, Rol
from raadhuis.kernel.parties.brp import partij_from_brp
from raadhuis.kernel.parties.kvk import partij_uit_kvk
from raadhuis.kernel.parties.models import (
    NatuurlijkPersoon,
    NietNatuurlijkPersoon,
    Partij,
    PartijSoort,
    Rechtsvorm,
    Vertegenwoordiging,
)
from raadhuis.kernel.parties.services import (
    natuurlijk_persoon_create,
    niet_natuurlijk_persoon_create,
    vertegenwoordiging_create,
)
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.kernel.workflow.services import taak_complete, taak_create
from raadhuis.modules.crm.catalogus import OPVOLGING_ZAAKTYPE, crm_catalogus_ensure
from raadhuis.modules.crm.models import (
    Contactpersoon,
    Grondslag,
    Kanaal,
    Klantcontact,
    Relatie,
    RelatieBron,
    RelatieSoort,
    Tag,
    Uitkomst,
)
from raadhuis.modules.crm.selectors import mag_relatie_zien, relatie_bereik

MAY_WRITE_RELATIES = (Rol.MEDEWERKER,)
LOKALE_VELDEN = ["lokale_naam", "lokaal_email", "lokaal_telefoonnummer", "lokale_notitie"]
RELATIE_AUDIT_VELDEN = [
    "soort",
    "bron",
    "eenheid",
    "accountmanager",
    "grondslag",
    "grondslag_toelichting",
    "actief",
    *LOKALE_VELDEN,
]
# Which kinds of party each kind of relation may be.
PARTIJSOORTEN = {
    RelatieSoort.INWONER: {PartijSoort.NATUURLIJK_PERSOON},
    RelatieSoort.BEDRIJF: {PartijSoort.NIET_NATUURLIJK_PERSOON, PartijSoort.VESTIGING},
    RelatieSoort.VERENIGING: {PartijSoort.NIET_NATUURLIJK_PERSOON},
    RelatieSoort.PARTNER: {
        PartijSoort.NIET_NATUURLIJK_PERSOON,
        PartijSoort.VESTIGING,
        PartijSoort.NATUURLIJK_PERSOON,
    },
}
KLANTCONTACT_VELDEN = [
    "referentienummer",
    "kanaal",
    "onderwerp",
    "uitkomst",
    "indicatie_contact_gelukt",
    "taal",
    "vertrouwelijk",
    "plaatsgevonden_op",
    "zaak",
    "contactpersoon",
]


def _relatie_event(relatie: Relatie, actie: str) -> None:
    event_queue(
        organisatie=relatie.organisatie,
        kanaal="partijen",
        resource="partij",
        actie=actie,
        resource_uuid=relatie.partij.uuid,
        hoofd_object_uuid=relatie.partij.uuid,
        kenmerken={"soortPartij": relatie.partij.soort},
    )


def _check_eigen(actor: Actor, *objecten: Any) -> None:
    for obj in objecten:
        if obj is not None and obj.organisatie_id != actor.organisatie.pk:
            raise NietGevonden("Onbekend in deze organisatie.")


def _check_relatie_velden(
    actor: Actor,
    *,
    partij: Partij,
    soort: str,
    eenheid: OrganisatorischeEenheid | None,
    accountmanager: Medewerker | None,
    grondslag: str,
    grondslag_toelichting: str,
) -> None:
    """Field-level Dutch errors for a new relation, all at once."""
    errors: dict[str, str] = {}
    if soort not in RelatieSoort.values:
        errors["soort"] = _("Kies een soort relatie.")
    elif partij.soort not in PARTIJSOORTEN[RelatieSoort(soort)]:
        errors["soort"] = _("Deze soort relatie past niet bij deze partij.")
    if eenheid is None:
        errors["eenheid"] = _("Kies de afdeling die de relatie beheert.")
    else:
        bereik = relatie_bereik(actor)
        if eenheid.organisatie_id != actor.organisatie.pk or not (
            bereik.alles or eenheid.pk in bereik.eenheid_ids
        ):
            errors["eenheid"] = _("Kies een afdeling waar je zelf bij hoort.")
    if accountmanager is not None and (
        accountmanager.organisatie_id != actor.organisatie.pk or not accountmanager.actief
    ):
        errors["accountmanager"] = _("Kies een actieve medewerker.")
    errors.update(_grondslag_errors(soort, grondslag, grondslag_toelichting))
    if hasattr(partij, "crm_relatie") and Relatie.objects.filter(partij_id=partij.pk).exists():
        errors["partij"] = _("Deze partij is al een relatie.")
    if errors:
        raise ValidationError(errors)


def _grondslag_errors(soort: str, grondslag: str, toelichting: str) -> dict[str, str]:
    """A resident becomes a relation only on a recorded lawful basis (AVG art. 6)."""
    errors = {}
    if grondslag and grondslag not in Grondslag.values:
        errors["grondslag"] = _("Kies een grondslag uit de lijst.")
    if soort == RelatieSoort.INWONER:
        if not grondslag:
            errors["grondslag"] = _("Leg de grondslag vast voordat een inwoner een relatie wordt.")
        if not toelichting.strip():
            errors["grondslag_toelichting"] = _(
                "Licht de grondslag toe: welke taak of wet, of wanneer gaf de inwoner toestemming."
            )
    return errors


def relatie_create(
    *,
    actor: Actor,
    partij: Partij,
    soort: str,
    eenheid: OrganisatorischeEenheid | None,
    accountmanager: Medewerker | None = None,
    tags: Iterable[Tag] = (),
    grondslag: str = "",
    grondslag_toelichting: str = "",
    bron: str = RelatieBron.HANDMATIG,
    **lokaal: Any,
) -> Relatie:
    """Make an existing party a relation, managed by `eenheid` (one of the actor's own
    departments). `lokaal`: LOKALE_VELDEN."""
    require_role(actor, *MAY_WRITE_RELATIES)
    _check_eigen(actor, partij)
    onbekend = set(lokaal) - set(LOKALE_VELDEN)
    if onbekend:
        raise ValueError(f"unknown local fields: {sorted(onbekend)}")
    _check_relatie_velden(
        actor,
        partij=partij,
        soort=soort,
        eenheid=eenheid,
        accountmanager=accountmanager,
        grondslag=grondslag,
        grondslag_toelichting=grondslag_toelichting,
    )
    tags = list(tags)
    _check_eigen(actor, *tags)
    relatie = Relatie(
        organisatie=actor.organisatie,
        partij=partij,
        soort=soort,
        bron=bron,
        eenheid=eenheid,
        accountmanager=accountmanager,
        grondslag=grondslag,
        grondslag_toelichting=grondslag_toelichting.strip(),
        **lokaal,
    )
    relatie.full_clean(exclude=["organisatie", "partij", "eenheid", "accountmanager", "tags"])
    with transaction.atomic():
        relatie.save()
        relatie.tags.set(tags)
        wijzigingen = diff({}, snapshot(relatie, RELATIE_AUDIT_VELDEN))
        if tags:
            wijzigingen["tags"] = [None, ", ".join(t.naam for t in tags)]
        audit_entry_record(
            actor=actor, actie="relatie_aangemaakt", obj=relatie, wijzigingen=wijzigingen
        )
        _relatie_event(relatie, "partial_update")
    return relatie


def relatie_update(
    *,
    actor: Actor,
    relatie: Relatie,
    tags: Iterable[Tag] | None = None,
    toelichting: str = "",
    **gegevens: Any,
) -> Relatie:
    """Change the local data of a relation: kind, department, account manager, lawful basis,
    local notes and contact details, tags. Register fields cannot be changed here."""
    require_role(actor, *MAY_WRITE_RELATIES)
    toegestaan = set(RELATIE_AUDIT_VELDEN) - {"bron"}
    onbekend = set(gegevens) - toegestaan
    if onbekend:
        raise ValueError(f"relatie_update cannot set {sorted(onbekend)}")
    if not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    with transaction.atomic():
        relatie = Relatie.objects.select_for_update().select_related("partij").get(pk=relatie.pk)
        before = snapshot(relatie, RELATIE_AUDIT_VELDEN)
        before_eenheid_id = relatie.eenheid_id
        oude_tags = sorted(t.naam for t in relatie.tags.all())
        for naam, waarde in gegevens.items():
            setattr(relatie, naam, waarde)
        errors = _grondslag_errors(relatie.soort, relatie.grondslag, relatie.grondslag_toelichting)
        if "eenheid" in gegevens:
            nieuw = gegevens["eenheid"]
            bereik = relatie_bereik(actor)
            if nieuw is None:
                errors["eenheid"] = _("Kies de afdeling die de relatie beheert.")
            elif nieuw.pk != before_eenheid_id and not (
                bereik.alles or nieuw.pk in bereik.eenheid_ids
            ):
                errors["eenheid"] = _("Kies een afdeling waar je zelf bij hoort.")
        if relatie.partij.soort not in PARTIJSOORTEN.get(RelatieSoort(relatie.soort), set()):
            errors["soort"] = _("Deze soort relatie past niet bij deze partij.")
        if errors:
            raise ValidationError(errors)
        _check_eigen(actor, relatie.eenheid, relatie.accountmanager)
        relatie.full_clean(exclude=["organisatie", "partij", "eenheid", "accountmanager", "tags"])
        wijzigingen = diff(before, snapshot(relatie, RELATIE_AUDIT_VELDEN))
        if tags is not None:
            tags = list(tags)
            _check_eigen(actor, *tags)
            nieuwe_tags = sorted(t.naam for t in tags)
            if nieuwe_tags != oude_tags:
                relatie.tags.set(tags)
                wijzigingen["tags"] = [", ".join(oude_tags), ", ".join(nieuwe_tags)]
        if not wijzigingen:
            return relatie
        relatie.save(update_fields=[*gegevens.keys(), "gewijzigd_op"])
        audit_entry_record(
            actor=actor,
            actie="relatie_gewijzigd",
            obj=relatie,
            wijzigingen=wijzigingen,
            toelichting=toelichting,
        )
        _relatie_event(relatie, "partial_update")
    return relatie


def tag_ensure(*, actor: Actor, naam: str) -> Tag:
    """The organisation's tag with this name, made when missing (any medewerker may tag)."""
    require_role(actor, *MAY_WRITE_RELATIES)
    naam = " ".join(naam.split())[:60]
    if not naam:
        raise ValidationError({"tags": _("Een tag heeft een naam.")})
    with transaction.atomic():
        tag, nieuw = Tag.objects.get_or_create(organisatie=actor.organisatie, naam=naam)
        if nieuw:
            audit_entry_record(
                actor=actor, actie="tag_aangemaakt", obj=tag, wijzigingen={"naam": [None, naam]}
            )
    return tag


# --- relations from the registers ------------------------------------------------------------


def _bestaande_relatie(actor: Actor, relatie: Relatie, veld: str) -> Relatie:
    """A party taken over again that is already a relation: that relation (its register data
    was just refreshed), or, when another department manages it, a clear refusal."""
    if mag_relatie_zien(actor, relatie):
        return relatie
    raise ValidationError(
        {
            veld: _(
                "Dit is al een relatie van de afdeling %(afdeling)s. Vraag die afdeling je "
                "accountmanager te maken of de relatie over te dragen."
            )
            % {"afdeling": relatie.eenheid.naam}
        }
    )


def relatie_uit_kvk(
    *,
    actor: Actor,
    kvk_nummer: str,
    soort: str,
    eenheid: OrganisatorischeEenheid | None,
    vestigingsnummer: str | None = None,
    accountmanager: Medewerker | None = None,
    tags: Iterable[Tag] = (),
    **lokaal: Any,
) -> Relatie:
    """A company or association from the Handelsregister: the kernel takes it over (or
    refreshes it) as a party, then it becomes a relation. An existing relation for that party
    is refreshed and returned as it is."""
    require_role(actor, *MAY_WRITE_RELATIES)
    if soort not in (RelatieSoort.BEDRIJF, RelatieSoort.VERENIGING, RelatieSoort.PARTNER):
        raise ValidationError({"soort": _("Uit de KvK komen bedrijven, verenigingen en partners.")})
    if eenheid is None:
        raise ValidationError({"eenheid": _("Kies de afdeling die de relatie beheert.")})
    partij = partij_uit_kvk(actor=actor, kvk_nummer=kvk_nummer, vestigingsnummer=vestigingsnummer)
    bestaand = Relatie.objects.filter(partij_id=partij.pk).select_related("eenheid").first()
    if bestaand is not None:
        return _bestaande_relatie(actor, bestaand, "kvk_nummer")
    return relatie_create(
        actor=actor,
        partij=partij,
        soort=soort,
        eenheid=eenheid,
        accountmanager=accountmanager,
        tags=tags,
        bron=RelatieBron.KVK,
        **lokaal,
    )


def relatie_uit_brp(
    *,
    actor: Actor,
    bsn: str,
    grondslag: str,
    grondslag_toelichting: str,
    eenheid: OrganisatorischeEenheid | None,
    accountmanager: Medewerker | None = None,
    tags: Iterable[Tag] = (),
    client: Any = None,
    **lokaal: Any,
) -> Relatie:
    """A resident from the BRP, only with a recorded lawful basis: the basis is checked before
    the BRP is consulted, and its explanation is the reason in the processing log."""
    require_role(actor, *MAY_WRITE_RELATIES)
    errors = _grondslag_errors(RelatieSoort.INWONER, grondslag, grondslag_toelichting)
    if eenheid is None:
        errors["eenheid"] = _("Kies de afdeling die de relatie beheert.")
    if errors:
        raise ValidationError(errors)
    reden = f"{Grondslag(grondslag).label}: {grondslag_toelichting.strip()}"
    partij = partij_from_brp(actor, bsn=bsn, reden=reden[:200], client=client)
    bestaand = Relatie.objects.filter(partij_id=partij.pk).select_related("eenheid").first()
    if bestaand is not None:
        return _bestaande_relatie(actor, bestaand, "bsn")
    return relatie_create(
        actor=actor,
        partij=partij,
        soort=RelatieSoort.INWONER,
        eenheid=eenheid,
        accountmanager=accountmanager,
        tags=tags,
        grondslag=grondslag,
        grondslag_toelichting=grondslag_toelichting,
        bron=RelatieBron.BRP,
        **lokaal,
    )


def relatie_verversen(*, actor: Actor, relatie: Relatie, client: Any = None) -> Relatie:
    """Refresh the register data of a relation: a company from the KvK (by its KvK number),
    a resident from the BRP (with the recorded lawful basis as the reason). Local data is not
    touched. Raises ValidationError when the relation has no register to refresh from."""
    require_role(actor, *MAY_WRITE_RELATIES)
    if not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    concreet = relatie.partij.concreet
    if isinstance(concreet, NietNatuurlijkPersoon) and concreet.kvk_nummer:
        partij_uit_kvk(actor=actor, kvk_nummer=concreet.kvk_nummer, client=client)
    elif isinstance(concreet, NatuurlijkPersoon) and concreet.bsn and relatie.grondslag:
        reden = f"{Grondslag(relatie.grondslag).label}: {relatie.grondslag_toelichting}"
        partij_from_brp(actor, bsn=concreet.bsn, reden=reden[:200], client=client)
    else:
        raise ValidationError(
            _("Deze relatie heeft geen KvK-nummer of BSN met grondslag om te verversen.")
        )
    relatie.refresh_from_db()
    return relatie


def relatie_handmatig_create(
    *,
    actor: Actor,
    soort: str,
    naam: str,
    eenheid: OrganisatorischeEenheid | None,
    rechtsvorm: str = Rechtsvorm.OVERIG,
    kvk_nummer: str = "",
    email: str = "",
    telefoonnummer: str = "",
    adres: dict[str, Any] | None = None,
    accountmanager: Medewerker | None = None,
    tags: Iterable[Tag] = (),
    **lokaal: Any,
) -> Relatie:
    """A partner, association or foundation that is registered by hand (not, or not yet,
    found in the KvK): a new organisation party plus its relation, in one transaction."""
    require_role(actor, *MAY_WRITE_RELATIES)
    if soort == RelatieSoort.INWONER:
        raise ValidationError({"soort": _("Een inwoner komt uit de BRP, met een grondslag.")})
    with transaction.atomic():
        partij = niet_natuurlijk_persoon_create(
            actor=actor,
            statutaire_naam=naam.strip(),
            rechtsvorm=rechtsvorm,
            kvk_nummer=kvk_nummer,
            email=email,
            telefoonnummer=telefoonnummer,
            adres=adres,
        )
        return relatie_create(
            actor=actor,
            partij=partij,
            soort=soort,
            eenheid=eenheid,
            accountmanager=accountmanager,
            tags=tags,
            **lokaal,
        )


# --- contact persons and representation ------------------------------------------------------


def contactpersoon_add(
    *,
    actor: Actor,
    relatie: Relatie,
    rol: str,
    geslachtsnaam: str = "",
    voornamen: str = "",
    voorvoegsel: str = "",
    persoon: Partij | None = None,
    email: str = "",
    telefoonnummer: str = "",
    primair: bool = False,
    begindatum: date | None = None,
) -> Contactpersoon:
    """A contact person of an organisation in a role: an existing person party, or a new one
    (name only, no BSN: a contact person is not taken from the BRP)."""
    require_role(actor, *MAY_WRITE_RELATIES)
    if not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    errors: dict[str, str] = {}
    if relatie.partij.soort == PartijSoort.NATUURLIJK_PERSOON:
        errors["rol"] = _("Alleen een organisatie heeft contactpersonen.")
    if not rol.strip():
        errors["rol"] = _("Geef de rol van de contactpersoon, bijvoorbeeld 'directeur'.")
    if persoon is None and not geslachtsnaam.strip():
        errors["geslachtsnaam"] = _("Geef de achternaam van de contactpersoon.")
    if persoon is not None and persoon.soort != PartijSoort.NATUURLIJK_PERSOON:
        errors["persoon"] = _("Een contactpersoon is een persoon.")
    if errors:
        raise ValidationError(errors)
    _check_eigen(actor, persoon)
    with transaction.atomic():
        if persoon is None:
            persoon = natuurlijk_persoon_create(
                actor=actor,
                geslachtsnaam=geslachtsnaam.strip(),
                voornamen=voornamen.strip(),
                voorvoegsel_geslachtsnaam=voorvoegsel.strip(),
            )
        contact = Contactpersoon(
            organisatie=actor.organisatie,
            relatie=relatie,
            persoon=persoon,
            rol=rol.strip(),
            email=email,
            telefoonnummer=telefoonnummer,
            primair=primair,
            begindatum=begindatum or timezone.localdate(),
        )
        contact.full_clean(exclude=["organisatie", "relatie", "persoon"])
        if primair:
            relatie.contactpersonen.filter(primair=True).update(primair=False)
        contact.save()
        audit_entry_record(
            actor=actor,
            actie="contactpersoon_toegevoegd",
            obj=relatie,
            wijzigingen={"contactpersoon": [None, f"{persoon} ({contact.rol})"]},
        )
        _relatie_event(relatie, "partial_update")
    return contact


def contactpersoon_beeindigen(
    *, actor: Actor, contactpersoon: Contactpersoon, einddatum: date | None = None
) -> Contactpersoon:
    require_role(actor, *MAY_WRITE_RELATIES)
    relatie = contactpersoon.relatie
    if not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    einddatum = einddatum or timezone.localdate()
    if contactpersoon.begindatum and einddatum < contactpersoon.begindatum:
        raise ValidationError({"einddatum": _("De einddatum ligt voor de begindatum.")})
    with transaction.atomic():
        contactpersoon.einddatum = einddatum
        contactpersoon.primair = False
        contactpersoon.save(update_fields=["einddatum", "primair"])
        audit_entry_record(
            actor=actor,
            actie="contactpersoon_beeindigd",
            obj=relatie,
            wijzigingen={"contactpersoon": [str(contactpersoon), f"tot {einddatum}"]},
        )
    return contactpersoon


def vertegenwoordiging_add(
    *,
    actor: Actor,
    relatie: Relatie,
    vertegenwoordiger: Partij,
    omschrijving: str,
    begindatum: date,
    einddatum: date | None = None,
) -> Vertegenwoordiging:
    """A person acting for the relation (a director signing for a company), for a period;
    recorded in the kernel, so cases and the Klantinteracties API see it too."""
    if not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    if not omschrijving.strip():
        raise ValidationError({"omschrijving": _("Waarvoor mag deze persoon optreden?")})
    return vertegenwoordiging_create(
        actor=actor,
        vertegenwoordiger=vertegenwoordiger,
        vertegenwoordigde=relatie.partij,
        omschrijving=omschrijving.strip(),
        begindatum=begindatum,
        einddatum=einddatum,
    )


# --- contact moments -------------------------------------------------------------------------


@dataclass(frozen=True)
class Opvolging:
    """A follow-up of a contact moment: a kernel Taak for a medewerker, by a date or in N
    working days."""

    titel: str
    toegewezen_aan: Medewerker
    vervaldatum: date | None = None
    termijn_werkdagen: int | None = None
    toelichting: str = ""


def _referentienummer(actor: Actor, jaar: int) -> str:
    """KC + two-digit year + six digits: ten characters, the Klantinteracties maximum."""
    ZaakNummerTeller.objects.get_or_create(
        organisatie=actor.organisatie, soort="crm_klantcontact", jaar=jaar
    )
    teller = ZaakNummerTeller.objects.select_for_update().get(
        organisatie=actor.organisatie, soort="crm_klantcontact", jaar=jaar
    )
    teller.laatste += 1
    teller.save(update_fields=["laatste"])
    return f"KC{jaar % 100:02d}{teller.laatste:06d}"


def _check_klantcontact(
    actor: Actor,
    *,
    partij: Partij,
    kanaal: str,
    onderwerp: str,
    inhoud: str,
    uitkomst: str,
    plaatsgevonden_op: datetime,
    zaak: Zaak | None,
    contactpersoon: Partij | None,
    opvolging: Opvolging | None,
) -> None:
    errors: dict[str, str] = {}
    if kanaal not in Kanaal.values:
        errors["kanaal"] = _("Kies het kanaal van het contact.")
    if not onderwerp.strip():
        errors["onderwerp"] = _("Geef het onderwerp van het contact.")
    elif len(onderwerp) > 200:
        errors["onderwerp"] = _("Het onderwerp is maximaal 200 tekens.")
    if len(inhoud) > 1000:
        errors["inhoud"] = _("De inhoud is maximaal 1000 tekens.")
    if uitkomst not in Uitkomst.values:
        errors["uitkomst"] = _("Kies een uitkomst.")
    if plaatsgevonden_op > timezone.now() + timedelta(minutes=5):
        errors["plaatsgevonden_op"] = _("Een contact kan niet in de toekomst plaatsvinden.")
    if zaak is not None and zaak.organisatie_id != actor.organisatie.pk:
        errors["zaak"] = _("Onbekende zaak.")
    if contactpersoon is not None and contactpersoon.organisatie_id != actor.organisatie.pk:
        errors["contactpersoon"] = _("Onbekende contactpersoon.")
    if opvolging is not None:
        errors.update(_opvolging_errors(actor, opvolging))
    if errors:
        raise ValidationError(errors)
    if partij.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Partij niet gevonden.")


def _opvolging_errors(actor: Actor, opvolging: Opvolging) -> dict[str, str]:
    errors = {}
    if not opvolging.titel.strip():
        errors["opvolging_titel"] = _("Geef aan wat er moet gebeuren.")
    mw = opvolging.toegewezen_aan
    if mw is None or mw.organisatie_id != actor.organisatie.pk or not mw.actief:
        errors["opvolging_medewerker"] = _("Kies een actieve medewerker.")
    if opvolging.vervaldatum is None and opvolging.termijn_werkdagen is None:
        errors["opvolging_vervaldatum"] = _("Geef een uiterste datum voor de opvolging.")
    elif opvolging.vervaldatum is not None and opvolging.vervaldatum < timezone.localdate():
        errors["opvolging_vervaldatum"] = _("De uiterste datum ligt in het verleden.")
    return errors


def _opvolgtaak(
    actor: Actor, partij: Partij, zaak: Zaak | None, onderwerp: str, opvolging: Opvolging
) -> Taak:
    """The follow-up as a kernel Taak: on the contact's case, or on a new case 'Opvolging
    klantcontact' with the party as initiator and the assignee as behandelaar."""
    if zaak is None:
        zaaktype = crm_catalogus_ensure(actor.organisatie)
        assignee = opvolging.toegewezen_aan
        if not Actor.for_medewerker(assignee).mag_zaak_zien(
            zaaktype.pk, zaaktype.vertrouwelijkheidaanduiding
        ):
            raise ValidationError(
                {
                    "opvolging_medewerker": _(
                        "Deze medewerker is niet geautoriseerd voor het zaaktype 'Opvolging "
                        "klantcontact' en zou de taak niet zien."
                    )
                }
            )
        try:
            zaak = zaak_create(
                actor=actor,
                zaaktype=zaaktype,
                omschrijving=onderwerp[:80],
                initiator=partij,
                behandelaar=assignee,
            )
        except ToegangGeweigerd as error:
            raise ValidationError(
                {
                    "opvolging_titel": _(
                        "Je bent niet geautoriseerd voor het zaaktype 'Opvolging klantcontact'; "
                        "vraag je functioneel beheerder."
                    )
                }
            ) from error
    return taak_create(
        actor=actor,
        zaak=zaak,
        titel=opvolging.titel.strip()[:200],
        toegewezen_aan=opvolging.toegewezen_aan,
        vervaldatum=opvolging.vervaldatum,
        termijn_werkdagen=None if opvolging.vervaldatum else opvolging.termijn_werkdagen,
        toelichting=opvolging.toelichting,
    )


def klantcontact_create(
    *,
    actor: Actor,
    partij: Partij,
    kanaal: str,
    onderwerp: str,
    inhoud: str = "",
    reactie: str = "",
    uitkomst: str = Uitkomst.BEANTWOORD,
    indicatie_contact_gelukt: bool | None = True,
    taal: str = "nld",
    vertrouwelijk: bool = False,
    plaatsgevonden_op: datetime | None = None,
    zaak: Zaak | None = None,
    contactpersoon: Partij | None = None,
    eenheid: OrganisatorischeEenheid | None = None,
    opvolging: Opvolging | None = None,
) -> Klantcontact:
    """Record a contact moment with a party (a relation the actor sees, or any party when it
    has no CRM profile: the contact centre answers everyone), optionally about a case and with
    a follow-up task. Everything in one transaction: no contact without its task."""
    require_role(actor, *MAY_WRITE_RELATIES)
    plaatsgevonden_op = plaatsgevonden_op or timezone.now()
    _check_klantcontact(
        actor,
        partij=partij,
        kanaal=kanaal,
        onderwerp=onderwerp,
        inhoud=inhoud,
        uitkomst=uitkomst,
        plaatsgevonden_op=plaatsgevonden_op,
        zaak=zaak,
        contactpersoon=contactpersoon,
        opvolging=opvolging,
    )
    relatie = Relatie.objects.filter(partij_id=partij.pk).first()
    if relatie is not None and not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    if eenheid is None and actor.medewerker is not None:
        eenheid = actor.medewerker.eenheden.order_by("naam").first()
    with transaction.atomic():
        contact = Klantcontact(
            organisatie=actor.organisatie,
            referentienummer=_referentienummer(actor, timezone.localdate().year),
            partij=partij,
            contactpersoon=contactpersoon,
            kanaal=kanaal,
            onderwerp=onderwerp.strip(),
            inhoud=inhoud.strip(),
            reactie=reactie.strip(),
            uitkomst=uitkomst,
            indicatie_contact_gelukt=indicatie_contact_gelukt,
            taal=taal or "nld",
            vertrouwelijk=vertrouwelijk,
            plaatsgevonden_op=plaatsgevonden_op,
            zaak=zaak,
            medewerker=actor.medewerker,
            eenheid=eenheid,
        )
        if opvolging is not None:
            contact.taak = _opvolgtaak(actor, partij, zaak, onderwerp.strip(), opvolging)
        contact.save()
        wijzigingen = diff({}, snapshot(contact, KLANTCONTACT_VELDEN))
        if contact.taak is not None:
            wijzigingen["opvolging"] = [
                None,
                f"{contact.taak.titel} ({contact.taak.toegewezen_aan}, {contact.taak.vervaldatum})",
            ]
        audit_entry_record(
            actor=actor,
            actie="klantcontact_aangemaakt",
            obj=contact,
            wijzigingen=wijzigingen,
            zaak_uuid=zaak.uuid if zaak else None,
        )
        event_queue(
            organisatie=actor.organisatie,
            kanaal="klantcontacten",
            resource="klantcontact",
            actie="create",
            resource_uuid=contact.uuid,
            hoofd_object_uuid=contact.uuid,
            kenmerken={"kanaal": kanaal},
        )
    return contact


def opvolging_afronden(*, actor: Actor, taak: Taak, toelichting: str = "") -> Taak:
    """Complete the follow-up task of a contact moment. When it was the last open task of its
    own 'Opvolging klantcontact' case, that case is closed with the result 'Afgehandeld' (a
    follow-up on a named case leaves that case to its own process)."""
    if not hasattr(taak, "crm_klantcontact"):
        raise NietGevonden("Geen opvolging van een klantcontact.")
    with transaction.atomic():
        taak = taak_complete(actor=actor, taak=taak, toelichting=toelichting)
        zaak = taak.zaak
        eigen_zaak = zaak.zaaktype.identificatie == OPVOLGING_ZAAKTYPE
        if eigen_zaak and zaak.einddatum is None:
            if not zaak.taken.filter(status=TaakStatus.OPEN).exists():
                zaak_status_set(
                    actor=actor,
                    zaak=zaak,
                    statustype=zaak.zaaktype.statustypen.order_by("-volgnummer").first(),
                    resultaattype=zaak.zaaktype.resultaattypen.filter(
                        omschrijving="Afgehandeld"
                    ).first(),
                    toelichting=toelichting or _("Opvolging afgerond."),
                )
    return taak
