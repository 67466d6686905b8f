"""Writes of the relation profile: create, update, tags; the checks they share with the
other CRM core services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid, Rol
from raadhuis.kernel.parties.models import (
    Partij,
    PartijSoort,
)
from raadhuis.modules.crm.models import (
    Grondslag,
    Relatie,
    RelatieBron,
    RelatieSoort,
    Tag,
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
