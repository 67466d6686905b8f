"""What every write on the catalogue shares: who may write, the concept rules, and the
generic create / update / delete with its audit entry and notification (see services.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.catalog.models import (
    BesluitType,
    Catalogus,
    EigenschapType,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.exceptions import ToegangGeweigerd, field_error
from raadhuis.kernel.organisations.models import Rol

SCOPE_SCHRIJVEN = "catalogi.schrijven"
SCOPE_GEFORCEERD_SCHRIJVEN = "catalogi.geforceerd-schrijven"
SCOPE_GEFORCEERD_VERWIJDEREN = "catalogi.geforceerd-verwijderen"

NON_FIELD = "__all__"

# The three types with a concept flag of their own, and their notification channel.
VersionedType = ZaakType | InformatieObjectType | BesluitType
KANAAL = {
    ZaakType: "zaaktypen",
    InformatieObjectType: "informatieobjecttypen",
    BesluitType: "besluittypen",
}
# The types under a case type: concept when their case type is.
Onderdeel = (
    StatusType
    | RolType
    | ResultaatType
    | EigenschapType
    | ZaakTypeInformatieObjectType
    | ZaakObjectType
)
ONDERDEEL_MODELS = (
    StatusType,
    RolType,
    ResultaatType,
    EigenschapType,
    ZaakTypeInformatieObjectType,
    ZaakObjectType,
)


# --- who may -------------------------------------------------------------------------------
def require_catalogus_beheer(actor: Actor) -> None:
    """An application needs a catalogi write scope; a medewerker (functioneel) beheerder."""
    if actor.type == "systeem":
        return
    if actor.type == "applicatie":
        if any(
            actor.heeft_scope(s)
            for s in (SCOPE_SCHRIJVEN, SCOPE_GEFORCEERD_SCHRIJVEN, SCOPE_GEFORCEERD_VERWIJDEREN)
        ):
            return
        raise ToegangGeweigerd(_("Deze applicatie mag de catalogus niet wijzigen."))
    require_role(actor, Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER)


def mag_geforceerd_schrijven(actor: Actor) -> bool:
    """May change what is published (scope catalogi.geforceerd-schrijven; role beheerder)."""
    if actor.type == "applicatie":
        return actor.heeft_scope(SCOPE_GEFORCEERD_SCHRIJVEN)
    return actor.type == "systeem" or actor.heeft_rol(Rol.BEHEERDER)


def mag_geforceerd_verwijderen(actor: Actor) -> bool:
    """May delete what is published (scope catalogi.geforceerd-verwijderen; role beheerder)."""
    if actor.type == "applicatie":
        return actor.heeft_scope(SCOPE_GEFORCEERD_VERWIJDEREN)
    return actor.type == "systeem" or actor.heeft_rol(Rol.BEHEERDER)


def organisatie_id_of(obj: models.Model) -> int:
    if isinstance(obj, Catalogus):
        return obj.organisatie_id
    if isinstance(obj, VersionedType):
        return obj.catalogus.organisatie_id
    return obj.zaaktype.catalogus.organisatie_id  # type: ignore[attr-defined]


def _require_own(actor: Actor, obj: models.Model) -> None:
    if actor.type != "systeem" and organisatie_id_of(obj) != actor.organisatie.pk:
        raise ToegangGeweigerd(_("Dit hoort niet bij je organisatie."))


# --- the concept rules ---------------------------------------------------------------------
def _non_concept_error(message: str, code: str) -> ValidationError:
    return ValidationError({NON_FIELD: ValidationError(message, code=code)})


def _require_concept_for_update(actor: Actor, obj: models.Model, changed: Iterable[str]) -> None:
    if isinstance(obj, VersionedType):
        if obj.concept or mag_geforceerd_schrijven(actor):
            return
        # Ending a published version is how a next version takes over.
        if set(changed) <= {"einde_geldigheid"}:
            return
        raise _non_concept_error(
            _("Het is niet toegestaan om een gepubliceerd object bij te werken."),
            "non-concept-object",
        )
    if isinstance(obj, ONDERDEEL_MODELS):
        _require_concept_zaaktype(actor, obj.zaaktype, forced=mag_geforceerd_schrijven(actor))


def _require_concept_zaaktype(actor: Actor, zaaktype: ZaakType, *, forced: bool) -> None:
    if zaaktype.concept or forced:
        return
    raise _non_concept_error(
        _("Objecten gerelateerd aan een gepubliceerd zaaktype kunnen niet gewijzigd worden."),
        "non-concept-zaaktype",
    )


def _require_concept_for_delete(actor: Actor, obj: models.Model) -> None:
    forced = mag_geforceerd_verwijderen(actor)
    if isinstance(obj, VersionedType):
        if not obj.concept and not forced:
            raise _non_concept_error(
                _("Alleen concepten kunnen worden verwijderd."), "non-concept-object"
            )
        return
    if isinstance(obj, ONDERDEEL_MODELS):
        if not obj.zaaktype.concept and not forced:
            raise _non_concept_error(
                _(
                    "Objecten gerelateerd aan een gepubliceerd zaaktype kunnen niet "
                    "verwijderd worden."
                ),
                "non-concept-zaaktype",
            )


# --- audit and notifications ---------------------------------------------------------------
def _fields_of(obj: models.Model) -> list[str]:
    return [
        f.attname
        for f in obj._meta.concrete_fields
        if f.name not in {"id", "uuid"} and not f.many_to_many
    ]


def _actie(obj: models.Model, werkwoord: str) -> str:
    return f"{obj._meta.model_name}_{werkwoord}"


def _notify(obj: models.Model, actie: str) -> None:
    kanaal = KANAAL.get(type(obj))  # type: ignore[call-overload,arg-type]
    if kanaal is None:
        return
    catalogus = obj.catalogus  # type: ignore[attr-defined]
    event_queue(
        organisatie=catalogus.organisatie,
        kanaal=kanaal,
        resource=obj._meta.model_name or "",
        actie=actie,
        resource_uuid=obj.uuid,  # type: ignore[attr-defined]
        hoofd_object_uuid=obj.uuid,  # type: ignore[attr-defined]
        kenmerken={"catalogus": str(catalogus.uuid)},
    )


def _set_m2m(obj: models.Model, m2m: Mapping[str, Iterable[models.Model]] | None) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, values in (m2m or {}).items():
        manager = getattr(obj, name)
        before = sorted(str(o) for o in manager.all())
        values = list(values)
        manager.set(values)
        after = sorted(str(o) for o in values)
        if before != after:
            changes[name] = [before, after]
    return changes


def _read_from_database(obj: models.Model) -> list[str]:
    """The foreign keys whose object is in hand, read from the database (not new)."""
    return [
        field.name
        for field in obj._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
        and field.is_cached(obj)
        and (related := field.get_cached_value(obj)) is not None
        and not related._state.adding
    ]


def _validate(obj: models.Model) -> None:
    """The model's own validation (field validators, choices, constraints), as full_clean
    does it, except that a foreign key to an object read from the database in this request is
    not looked up once more (one query per key per write; the database's own foreign key
    constraint still holds). Unique checks and constraints still cover those keys."""
    errors: dict[str, Any] = {}
    try:
        obj.full_clean(
            exclude=_read_from_database(obj), validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    failed = set(errors)
    for check in (obj.validate_unique, obj.validate_constraints):
        try:
            check(exclude=failed)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


# --- generic create / update / delete --------------------------------------------------------
def _create(
    *,
    actor: Actor,
    obj: models.Model,
    m2m: Mapping[str, Iterable[models.Model]] | None = None,
    toelichting: str = "",
) -> models.Model:
    _validate(obj)
    obj.save()
    m2m_changes = _set_m2m(obj, m2m)
    audit_entry_record(
        actor=actor,
        actie=_actie(obj, "aangemaakt"),
        obj=obj,
        wijzigingen={**diff({}, snapshot(obj, _fields_of(obj))), **m2m_changes},
        toelichting=toelichting,
    )
    _notify(obj, "create")
    return obj


def _update(
    *,
    actor: Actor,
    obj: models.Model,
    changes: Mapping[str, Any],
    m2m: Mapping[str, Iterable[models.Model]] | None = None,
    partial: bool = True,
) -> models.Model:
    fields = _fields_of(obj)
    before = snapshot(obj, fields)
    for name, value in changes.items():
        setattr(obj, name, value)
    after = snapshot(obj, fields)
    changed = set(diff(before, after))
    m2m_changed = {
        name
        for name, values in (m2m or {}).items()
        if {o.pk for o in getattr(obj, name).all()} != {o.pk for o in values}
    }
    _require_concept_for_update(actor, obj, changed | m2m_changed)
    _validate(obj)
    update_fields = [obj._meta.get_field(name).name for name in changed]
    if update_fields:
        obj.save(update_fields=update_fields)
    m2m_changes = _set_m2m(obj, m2m)
    audit_entry_record(
        actor=actor,
        actie=_actie(obj, "gewijzigd"),
        obj=obj,
        wijzigingen={**diff(before, after), **m2m_changes},
    )
    _notify(obj, "partial_update" if partial else "update")
    return obj


def _delete(*, actor: Actor, obj: models.Model) -> None:
    _require_concept_for_delete(actor, obj)
    audit_entry_record(actor=actor, actie=_actie(obj, "verwijderd"), obj=obj)
    _notify(obj, "destroy")
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError as error:
        raise _non_concept_error(
            _("Dit type is in gebruik (bijvoorbeeld door zaken) en kan niet verwijderd worden."),
            "protected",
        ) from error


def _locked(obj: models.Model) -> models.Model:
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


# --- same catalogue ------------------------------------------------------------------------
def _require_catalogus(actor: Actor, catalogus: Catalogus) -> None:
    if actor.type != "systeem" and catalogus.organisatie_id != actor.organisatie.pk:
        raise field_error(
            "catalogus", _("Deze catalogus hoort niet bij je organisatie."), code="does_not_exist"
        )


def _require_same_catalogus(name: str, catalogus: Catalogus, objs: Iterable[models.Model]) -> None:
    for related in objs:
        if related.catalogus_id != catalogus.pk:  # type: ignore[attr-defined]
            raise field_error(
                name,
                _("Alle relaties moeten tot dezelfde catalogus behoren."),
                code="relations-incorrect-catalogus",
            )
