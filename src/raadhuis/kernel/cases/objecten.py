"""Writes on what hangs loosely under a case: zaakobjecten, klantcontacten, contactmomenten,
verzoeken and notities (Zaken API 1.7), and reserving case numbers.

Same rules as services.py: permission through zaak_lock_for_change (a closed case needs
zaken.geforceerd-bijwerken), one transaction, an audit entry and an outbox event per change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.models import (
    KlantContact,
    NotitieStatus,
    ObjectType,
    Zaak,
    ZaakContactMoment,
    ZaakNotitie,
    ZaakNummerReservering,
    ZaakObject,
    ZaakVerzoek,
)
from raadhuis.kernel.cases.numbering import identificatie_next
from raadhuis.kernel.cases.services import zaak_event_queue, zaak_lock_for_change
from raadhuis.kernel.catalog.models import ZaakObjectType
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.organisations.models import Rol as MedewerkerRol
from raadhuis.kernel.workflow.calendar import vandaag

ZAAKOBJECT_VELDEN = [
    "object",
    "zaakobjecttype",
    "object_type",
    "object_type_overige",
    "object_type_overige_definitie",
    "relatieomschrijving",
    "object_identificatie",
]
# May not change once the zaakobject exists (Zaken API zaakobject_update).
ZAAKOBJECT_VAST = ("zaak", "object", "object_type")

_Koppeling = TypeVar("_Koppeling", ZaakContactMoment, ZaakVerzoek)


def _record(
    actor: Actor,
    zaak: Zaak,
    obj: Any,
    *,
    resource: str,
    actie: str,
    audit_actie: str,
    wijzigingen: dict[str, Any],
) -> None:
    audit_entry_record(
        actor=actor, actie=audit_actie, obj=obj, wijzigingen=wijzigingen, zaak_uuid=zaak.uuid
    )
    zaak_event_queue(zaak, resource=resource, actie=actie, resource_uuid=obj.uuid)


def _remove(
    actor: Actor, obj: Any, *, resource: str, audit_actie: str, forceer_open: bool = False
) -> None:
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, obj.zaak, wijzigen_na_afsluiten=forceer_open)
        obj_uuid = obj.uuid
        audit_entry_record(
            actor=actor,
            actie=audit_actie,
            obj=obj,
            wijzigingen={resource: [str(obj), None]},
            zaak_uuid=zaak.uuid,
        )
        obj.delete()
        zaak_event_queue(zaak, resource=resource, actie="destroy", resource_uuid=obj_uuid)


# --- zaakobjecten -------------------------------------------------------------------------------
def _zaakobject_check(zaak: Zaak, velden: dict[str, Any]) -> None:
    object_type = velden.get("object_type")
    if object_type not in ObjectType.values:
        raise field_error("object_type", _("Kies een geldig objecttype."), code="invalid_choice")
    if not velden.get("object") and velden.get("object_identificatie") is None:
        raise field_error(
            "non_field_errors",
            _("Geef een object (URL) of een objectIdentificatie op."),
            code="invalid-zaakobject",
        )
    if object_type == ObjectType.OVERIGE and not velden.get("object_type_overige"):
        raise field_error(
            "object_type_overige",
            _('Als objectType "overige" is moet objectTypeOverige gezet zijn.'),
            code="missing-object-type-overige",
        )
    if object_type != ObjectType.OVERIGE and velden.get("object_type_overige"):
        raise field_error(
            "object_type_overige",
            _('objectTypeOverige mag alleen gezet zijn als objectType "overige" is.'),
            code="invalid-object-type-overige-usage",
        )
    zaakobjecttype: ZaakObjectType | None = velden.get("zaakobjecttype")
    if zaakobjecttype is not None and zaakobjecttype.zaaktype_id != zaak.zaaktype_id:
        raise field_error(
            "zaakobjecttype",
            _("Het zaakobjecttype hoort niet bij het zaaktype van de zaak."),
            code="zaaktype-mismatch",
        )


def zaakobject_create(*, actor: Actor, zaak: Zaak, **velden: Any) -> ZaakObject:
    """Relate an object (address, building, person, ... or 'overige') to a case."""
    _zaakobject_check(zaak, velden)
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        zaakobject = ZaakObject.objects.create(zaak=zaak, **velden)
        _record(
            actor,
            zaak,
            zaakobject,
            resource="zaakobject",
            actie="create",
            audit_actie="zaakobject_toegevoegd",
            wijzigingen=diff({}, snapshot(zaakobject, ZAAKOBJECT_VELDEN)),
        )
    return zaakobject


def zaakobject_update(*, actor: Actor, zaakobject: ZaakObject, **velden: Any) -> ZaakObject:
    """Change a zaakobject; its zaak, object and objectType stay."""
    for naam in ZAAKOBJECT_VAST:
        if naam in velden and velden[naam] != getattr(zaakobject, naam):
            raise field_error(
                naam, _("Dit veld mag niet gewijzigd worden."), code="wijzigen-niet-toegelaten"
            )
    velden = {k: v for k, v in velden.items() if k not in ZAAKOBJECT_VAST}
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaakobject.zaak)
        zaakobject = ZaakObject.objects.select_for_update().get(pk=zaakobject.pk)
        before = snapshot(zaakobject, ZAAKOBJECT_VELDEN)
        for naam, waarde in velden.items():
            setattr(zaakobject, naam, waarde)
        _zaakobject_check(zaak, snapshot_raw(zaakobject))
        changes = diff(before, snapshot(zaakobject, ZAAKOBJECT_VELDEN))
        if changes:
            zaakobject.save()
            _record(
                actor,
                zaak,
                zaakobject,
                resource="zaakobject",
                actie="update",
                audit_actie="zaakobject_gewijzigd",
                wijzigingen=changes,
            )
    return zaakobject


def snapshot_raw(zaakobject: ZaakObject) -> dict[str, Any]:
    return {naam: getattr(zaakobject, naam) for naam in ZAAKOBJECT_VELDEN}


def zaakobject_remove(*, actor: Actor, zaakobject: ZaakObject) -> None:
    _remove(actor, zaakobject, resource="zaakobject", audit_actie="zaakobject_verwijderd")


# --- klantcontacten, contactmomenten, verzoeken -------------------------------------------------
def klantcontact_create(
    *,
    actor: Actor,
    zaak: Zaak,
    datumtijd: datetime,
    identificatie: str = "",
    kanaal: str = "",
    onderwerp: str = "",
    toelichting: str = "",
) -> KlantContact:
    """Record a contact with the client about the case; without identificatie one is issued."""
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        if not identificatie:
            identificatie = identificatie_next(
                organisatie=zaak.organisatie,
                soort="klantcontact",
                prefix="KC",
                jaar=vandaag(zaak.organisatie.tijdzone).year % 100,
            )[:14]
        klantcontact = KlantContact.objects.create(
            zaak=zaak,
            identificatie=identificatie,
            datumtijd=datumtijd,
            kanaal=kanaal,
            onderwerp=onderwerp,
            toelichting=toelichting,
        )
        _record(
            actor,
            zaak,
            klantcontact,
            resource="klantcontact",
            actie="create",
            audit_actie="klantcontact_toegevoegd",
            wijzigingen={"klantcontact": [None, identificatie]},
        )
    return klantcontact


def _url_koppeling_create(
    actor: Actor,
    zaak: Zaak,
    model: type[_Koppeling],
    *,
    veld: str,
    url: str,
    resource: str,
    audit_actie: str,
) -> _Koppeling:
    """Link a case to an object in another register by its URL (a contactmoment, a verzoek)."""
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        obj = model._default_manager.create(zaak=zaak, **{veld: url})
        _record(
            actor,
            zaak,
            obj,
            resource=resource,
            actie="create",
            audit_actie=audit_actie,
            wijzigingen={veld: [None, url]},
        )
    return obj


def zaakcontactmoment_create(*, actor: Actor, zaak: Zaak, contactmoment: str) -> ZaakContactMoment:
    return _url_koppeling_create(
        actor,
        zaak,
        ZaakContactMoment,
        veld="contactmoment",
        url=contactmoment,
        resource="zaakcontactmoment",
        audit_actie="contactmoment_gekoppeld",
    )


def zaakcontactmoment_remove(*, actor: Actor, zaakcontactmoment: ZaakContactMoment) -> None:
    _remove(
        actor,
        zaakcontactmoment,
        resource="zaakcontactmoment",
        audit_actie="contactmoment_ontkoppeld",
    )


def zaakverzoek_create(*, actor: Actor, zaak: Zaak, verzoek: str) -> ZaakVerzoek:
    return _url_koppeling_create(
        actor,
        zaak,
        ZaakVerzoek,
        veld="verzoek",
        url=verzoek,
        resource="zaakverzoek",
        audit_actie="verzoek_gekoppeld",
    )


def zaakverzoek_remove(*, actor: Actor, zaakverzoek: ZaakVerzoek) -> None:
    _remove(actor, zaakverzoek, resource="zaakverzoek", audit_actie="verzoek_ontkoppeld")


# --- notities -----------------------------------------------------------------------------------
NOTITIE_VELDEN = ["onderwerp", "tekst", "aangemaakt_door", "notitie_type", "status"]


def zaaknotitie_create(*, actor: Actor, zaak: Zaak, **velden: Any) -> ZaakNotitie:
    velden.setdefault("aangemaakt_door", actor.weergave[:255])
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        notitie = ZaakNotitie(zaak=zaak, **velden)
        notitie.full_clean(exclude=["zaak"])
        notitie.save()
        _record(
            actor,
            zaak,
            notitie,
            resource="zaaknotitie",
            actie="create",
            audit_actie="notitie_toegevoegd",
            wijzigingen=diff({}, snapshot(notitie, NOTITIE_VELDEN)),
        )
    return notitie


def _notitie_concept_check(notitie: ZaakNotitie) -> None:
    if notitie.status != NotitieStatus.CONCEPT:
        raise field_error(
            "status",
            _("Een notitie kan alleen gewijzigd worden zolang de status 'concept' is."),
            code="notitie-definitief",
        )


def zaaknotitie_update(*, actor: Actor, zaaknotitie: ZaakNotitie, **velden: Any) -> ZaakNotitie:
    """Change a note while it is a concept (Zaken API 1.7: definitief notes are fixed)."""
    if "zaak" in velden and velden.pop("zaak").pk != zaaknotitie.zaak_id:
        raise field_error(
            "gerelateerd_aan",
            _("Dit veld mag niet gewijzigd worden."),
            code="wijzigen-niet-toegelaten",
        )
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaaknotitie.zaak)
        notitie = ZaakNotitie.objects.select_for_update().get(pk=zaaknotitie.pk)
        _notitie_concept_check(notitie)
        before = snapshot(notitie, NOTITIE_VELDEN)
        for naam, waarde in velden.items():
            setattr(notitie, naam, waarde)
        notitie.full_clean(exclude=["zaak"])
        changes = diff(before, snapshot(notitie, NOTITIE_VELDEN))
        if changes:
            notitie.save()
            _record(
                actor,
                zaak,
                notitie,
                resource="zaaknotitie",
                actie="update",
                audit_actie="notitie_gewijzigd",
                wijzigingen=changes,
            )
    return notitie


def zaaknotitie_remove(*, actor: Actor, zaaknotitie: ZaakNotitie) -> None:
    _remove(actor, zaaknotitie, resource="zaaknotitie", audit_actie="notitie_verwijderd")


# --- zaaknummers reserveren --------------------------------------------------------------------
def zaaknummers_reserveren(
    *, actor: Actor, bronorganisatie: str, aantal: int = 1
) -> list[ZaakNummerReservering]:
    """Hand out `aantal` case numbers now without creating cases (Zaken API
    zaaknummer_reserveren). They are never generated again; a case gets one only by asking."""
    require_role(actor, MedewerkerRol.MEDEWERKER)
    if aantal < 1 or aantal > 100:
        raise field_error(
            "aantal", _("Reserveer tussen 1 en 100 zaaknummers tegelijk."), code="invalid"
        )
    organisatie = actor.organisatie
    jaar = vandaag(organisatie.tijdzone).year

    def bezet(kandidaat: str) -> bool:
        return (
            Zaak.objects.filter(bronorganisatie=bronorganisatie, identificatie=kandidaat).exists()
            or ZaakNummerReservering.objects.filter(
                bronorganisatie=bronorganisatie, identificatie=kandidaat
            ).exists()
        )

    with transaction.atomic():
        reserveringen = [
            ZaakNummerReservering.objects.create(
                organisatie=organisatie,
                bronorganisatie=bronorganisatie,
                identificatie=identificatie_next(
                    organisatie=organisatie,
                    soort="zaak",
                    prefix=organisatie.zaak_prefix,
                    jaar=jaar,
                    bezet=bezet,
                ),
            )
            for _i in range(aantal)
        ]
        for reservering in reserveringen:
            audit_entry_record(
                actor=actor,
                actie="zaaknummer_gereserveerd",
                obj=reservering,
                wijzigingen={"identificatie": [None, reservering.identificatie]},
            )
    return reserveringen
