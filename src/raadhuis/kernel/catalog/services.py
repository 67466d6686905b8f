"""Writes on the catalogue: catalogi, case types and everything typed under them.

The rules come from the Catalogi API 1.3:

- A case type, document type or decision type starts as a concept. Publishing fixes it: a
  change is then a new version (open cases keep the version they started with). Only the end of
  validity of a published version may still be set, so that a next version can follow it.
- The types under a case type (status, role, result, property, document-type link, object type)
  can only be added, changed or removed while that case type is a concept.
- The scopes `catalogi.geforceerd-schrijven` / `catalogi.geforceerd-verwijderen` (an
  application) or the role beheerder (a medewerker) override both rules.

Every write checks the actor, locks the row, validates the model, writes an audit entry in the
same transaction and, for the three main types, queues a notification.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, Q
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
    ZaakTypenRelatie,
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


def _validate(obj: models.Model) -> None:
    """The model's own validation (field validators, choices, constraints)."""
    obj.full_clean(validate_unique=True, validate_constraints=True)


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


# --- catalogus -----------------------------------------------------------------------------
def catalogus_create(*, actor: Actor, **fields: Any) -> Catalogus:
    require_catalogus_beheer(actor)
    with transaction.atomic():
        catalogus = Catalogus(organisatie=actor.organisatie, **fields)
        return _create(actor=actor, obj=catalogus)  # type: ignore[return-value]


def catalogus_update(
    *, actor: Actor, catalogus: Catalogus, changes: Mapping[str, Any], partial: bool = True
) -> Catalogus:
    require_catalogus_beheer(actor)
    _require_own(actor, catalogus)
    with transaction.atomic():
        catalogus = _locked(catalogus)  # type: ignore[assignment]
        return _update(actor=actor, obj=catalogus, changes=changes, partial=partial)  # type: ignore[return-value]


# --- zaaktype, informatieobjecttype, besluittype (versioned, with a concept flag) -------------
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


def _check_zaaktype_geldigheid(zaaktype: ZaakType) -> None:
    """A case type's versions (same identificatie in a catalogue) may not overlap in validity."""
    others = ZaakType.objects.filter(
        catalogus_id=zaaktype.catalogus_id, identificatie=zaaktype.identificatie
    ).exclude(pk=zaaktype.pk)
    if zaaktype.einde_geldigheid is not None:
        others = others.filter(begin_geldigheid__lte=zaaktype.einde_geldigheid)
    others = others.filter(
        Q(einde_geldigheid__isnull=True) | Q(einde_geldigheid__gte=zaaktype.begin_geldigheid)
    )
    if others.exists():
        raise field_error(
            "begin_geldigheid",
            _("Dit zaaktype komt al voor binnen de catalogus en opgegeven geldigheidsperiode."),
            code="overlap",
        )
    if zaaktype.einde_geldigheid and zaaktype.einde_geldigheid < zaaktype.begin_geldigheid:
        raise field_error(
            "einde_geldigheid",
            _("De einddatum van de geldigheid ligt voor de begindatum."),
            code="date-mismatch",
        )


def _set_relaties(zaaktype: ZaakType, relaties: Iterable[Mapping[str, str]] | None) -> None:
    if relaties is None:
        return
    zaaktype.zaaktypenrelaties.all().delete()
    for relatie in relaties:
        rij = ZaakTypenRelatie(
            zaaktype=zaaktype,
            gerelateerd_zaaktype=relatie["gerelateerd_zaaktype"],
            aard_relatie=relatie["aard_relatie"],
            toelichting=relatie.get("toelichting", ""),
        )
        rij.full_clean(exclude=["zaaktype"])
        rij.save()


def zaaktype_create(
    *,
    actor: Actor,
    catalogus: Catalogus,
    fields: Mapping[str, Any],
    besluittypen: Iterable[BesluitType] = (),
    deelzaaktypen: Iterable[ZaakType] = (),
    gerelateerde_zaaktypen: Iterable[Mapping[str, str]] = (),
) -> ZaakType:
    """A new case type (or a new version of one) as a concept."""
    require_catalogus_beheer(actor)
    _require_catalogus(actor, catalogus)
    besluittypen, deelzaaktypen = list(besluittypen), list(deelzaaktypen)
    _require_same_catalogus("besluittypen", catalogus, besluittypen)
    _require_same_catalogus("deelzaaktypen", catalogus, deelzaaktypen)
    with transaction.atomic():
        zaaktype = ZaakType(catalogus=catalogus, concept=True, **fields)
        _check_zaaktype_geldigheid(zaaktype)
        _create(
            actor=actor,
            obj=zaaktype,
            m2m={"besluittypen": besluittypen, "deelzaaktypen": deelzaaktypen},
        )
        _set_relaties(zaaktype, gerelateerde_zaaktypen)
    return zaaktype


def zaaktype_update(
    *,
    actor: Actor,
    zaaktype: ZaakType,
    changes: Mapping[str, Any],
    besluittypen: Iterable[BesluitType] | None = None,
    deelzaaktypen: Iterable[ZaakType] | None = None,
    gerelateerde_zaaktypen: Iterable[Mapping[str, str]] | None = None,
    partial: bool = True,
) -> ZaakType:
    require_catalogus_beheer(actor)
    _require_own(actor, zaaktype)
    m2m: dict[str, list[models.Model]] = {}
    catalogus = changes.get("catalogus", zaaktype.catalogus)
    if "catalogus" in changes:
        _require_catalogus(actor, catalogus)
    if besluittypen is not None:
        m2m["besluittypen"] = list(besluittypen)
        _require_same_catalogus("besluittypen", catalogus, m2m["besluittypen"])
    if deelzaaktypen is not None:
        m2m["deelzaaktypen"] = list(deelzaaktypen)
        _require_same_catalogus("deelzaaktypen", catalogus, m2m["deelzaaktypen"])
    with transaction.atomic():
        zaaktype = _locked(zaaktype)  # type: ignore[assignment]
        if gerelateerde_zaaktypen is not None:
            _require_concept_for_update(actor, zaaktype, {"gerelateerde_zaaktypen"})
        _update(actor=actor, obj=zaaktype, changes=changes, m2m=m2m, partial=partial)
        if {"begin_geldigheid", "einde_geldigheid", "identificatie", "catalogus"} & set(changes):
            _check_zaaktype_geldigheid(zaaktype)
        _set_relaties(zaaktype, gerelateerde_zaaktypen)
    return zaaktype


def zaaktype_delete(*, actor: Actor, zaaktype: ZaakType) -> None:
    require_catalogus_beheer(actor)
    _require_own(actor, zaaktype)
    with transaction.atomic():
        _delete(actor=actor, obj=_locked(zaaktype))


def informatieobjecttype_create(
    *, actor: Actor, catalogus: Catalogus, fields: Mapping[str, Any]
) -> InformatieObjectType:
    require_catalogus_beheer(actor)
    _require_catalogus(actor, catalogus)
    with transaction.atomic():
        iotype = InformatieObjectType(catalogus=catalogus, concept=True, **fields)
        _check_versie_geldigheid(iotype)
        return _create(actor=actor, obj=iotype)  # type: ignore[return-value]


def informatieobjecttype_update(
    *,
    actor: Actor,
    informatieobjecttype: InformatieObjectType,
    changes: Mapping[str, Any],
    partial: bool = True,
) -> InformatieObjectType:
    require_catalogus_beheer(actor)
    _require_own(actor, informatieobjecttype)
    if "catalogus" in changes:
        _require_catalogus(actor, changes["catalogus"])
    with transaction.atomic():
        iotype = _locked(informatieobjecttype)
        _update(actor=actor, obj=iotype, changes=changes, partial=partial)
        _check_versie_geldigheid(iotype)  # type: ignore[arg-type]
    return iotype  # type: ignore[return-value]


def informatieobjecttype_delete(
    *, actor: Actor, informatieobjecttype: InformatieObjectType
) -> None:
    require_catalogus_beheer(actor)
    _require_own(actor, informatieobjecttype)
    with transaction.atomic():
        _delete(actor=actor, obj=_locked(informatieobjecttype))


def besluittype_create(
    *,
    actor: Actor,
    catalogus: Catalogus,
    fields: Mapping[str, Any],
    informatieobjecttypen: Iterable[InformatieObjectType] = (),
) -> BesluitType:
    require_catalogus_beheer(actor)
    _require_catalogus(actor, catalogus)
    iotypen = list(informatieobjecttypen)
    _require_same_catalogus("informatieobjecttypen", catalogus, iotypen)
    with transaction.atomic():
        besluittype = BesluitType(catalogus=catalogus, concept=True, **fields)
        _check_versie_geldigheid(besluittype)
        return _create(  # type: ignore[return-value]
            actor=actor, obj=besluittype, m2m={"informatieobjecttypen": iotypen}
        )


def besluittype_update(
    *,
    actor: Actor,
    besluittype: BesluitType,
    changes: Mapping[str, Any],
    informatieobjecttypen: Iterable[InformatieObjectType] | None = None,
    partial: bool = True,
) -> BesluitType:
    require_catalogus_beheer(actor)
    _require_own(actor, besluittype)
    catalogus = changes.get("catalogus", besluittype.catalogus)
    if "catalogus" in changes:
        _require_catalogus(actor, catalogus)
    m2m: dict[str, list[models.Model]] = {}
    if informatieobjecttypen is not None:
        m2m["informatieobjecttypen"] = list(informatieobjecttypen)
        _require_same_catalogus("informatieobjecttypen", catalogus, m2m["informatieobjecttypen"])
    with transaction.atomic():
        locked = _locked(besluittype)
        _update(actor=actor, obj=locked, changes=changes, m2m=m2m, partial=partial)
        _check_versie_geldigheid(locked)  # type: ignore[arg-type]
    return locked  # type: ignore[return-value]


def besluittype_delete(*, actor: Actor, besluittype: BesluitType) -> None:
    require_catalogus_beheer(actor)
    _require_own(actor, besluittype)
    with transaction.atomic():
        _delete(actor=actor, obj=_locked(besluittype))


def _check_versie_geldigheid(obj: InformatieObjectType | BesluitType) -> None:
    """Versions of a document or decision type (same omschrijving in a catalogue) may not
    overlap in validity."""
    others = (
        type(obj)
        .objects.filter(catalogus_id=obj.catalogus_id, omschrijving=obj.omschrijving)
        .exclude(pk=obj.pk)
    )
    if obj.einde_geldigheid is not None:
        others = others.filter(begin_geldigheid__lte=obj.einde_geldigheid)
    others = others.filter(
        Q(einde_geldigheid__isnull=True) | Q(einde_geldigheid__gte=obj.begin_geldigheid)
    )
    if others.exists():
        raise field_error(
            "begin_geldigheid",
            _("Versies (met dezelfde omschrijving) mogen geen overlappende geldigheid hebben."),
            code="overlap",
        )
    if obj.einde_geldigheid and obj.einde_geldigheid < obj.begin_geldigheid:
        raise field_error(
            "einde_geldigheid",
            _("De einddatum van de geldigheid ligt voor de begindatum."),
            code="date-mismatch",
        )


# --- publishing ----------------------------------------------------------------------------
def _publish_problem(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def zaaktype_publish_problems(zaaktype: ZaakType) -> list[ValidationError]:
    """Why this concept cannot be published yet (empty when it can). The rules follow the
    Catalogi API's publish action: at least two status types, a role type and a result type,
    its document and decision types published, and no overlap in validity with another
    published version of the same case type."""
    problemen = []
    if zaaktype.statustypen.count() < 2:
        problemen.append(
            _publish_problem(
                _("Een zaaktype heeft minstens twee statustypen nodig."), "missing-statustypen"
            )
        )
    if not zaaktype.roltypen.exists():
        problemen.append(
            _publish_problem(
                _("Een zaaktype heeft minstens één roltype nodig."), "missing-roltypen"
            )
        )
    if not zaaktype.resultaattypen.exists():
        problemen.append(
            _publish_problem(
                _("Een zaaktype heeft minstens één resultaattype nodig."),
                "missing-resultaattypen",
            )
        )
    if (
        zaaktype.informatieobjecttypen.filter(concept=True).exists()
        or zaaktype.besluittypen.filter(concept=True).exists()
    ):
        problemen.append(
            _publish_problem(
                _(
                    "Alle gerelateerde informatieobjecttypen en besluittypen moeten eerst "
                    "gepubliceerd zijn."
                ),
                "concept-relation",
            )
        )
    overlap = ZaakType.objects.filter(
        catalogus=zaaktype.catalogus, identificatie=zaaktype.identificatie, concept=False
    ).exclude(pk=zaaktype.pk)
    if zaaktype.einde_geldigheid is not None:
        overlap = overlap.filter(begin_geldigheid__lte=zaaktype.einde_geldigheid)
    overlap = overlap.filter(
        Q(einde_geldigheid__isnull=True) | Q(einde_geldigheid__gte=zaaktype.begin_geldigheid)
    )
    if overlap.exists():
        problemen.append(
            _publish_problem(
                _(
                    "De geldigheid overlapt met een andere gepubliceerde versie; zet eerst de "
                    "einde geldigheid van die versie."
                ),
                "overlap",
            )
        )
    return problemen


def _publish(actor: Actor, obj: VersionedType, problemen: list[ValidationError]) -> None:
    if problemen:
        raise ValidationError({NON_FIELD: problemen})
    obj.concept = False
    obj.save(update_fields=["concept"])
    audit_entry_record(
        actor=actor,
        actie=_actie(obj, "gepubliceerd"),
        obj=obj,
        wijzigingen={"concept": [True, False]},
    )
    _notify(obj, "publish")


def zaaktype_publish(*, actor: Actor, zaaktype: ZaakType) -> ZaakType:
    """Publish a concept case type. Once published, its types are fixed: a change is a new
    version (open cases keep the version they were started with)."""
    require_catalogus_beheer(actor)
    with transaction.atomic():
        zaaktype = ZaakType.objects.select_for_update().get(pk=zaaktype.pk)
        if zaaktype.catalogus.organisatie_id != actor.organisatie.pk:
            raise ValidationError(_("Dit zaaktype hoort niet bij deze organisatie."))
        if zaaktype.concept:
            _publish(actor, zaaktype, zaaktype_publish_problems(zaaktype))
    return zaaktype


def _versie_publish_problems(obj: InformatieObjectType | BesluitType) -> list[ValidationError]:
    overlap = (
        type(obj)
        .objects.filter(catalogus=obj.catalogus, omschrijving=obj.omschrijving, concept=False)
        .exclude(pk=obj.pk)
    )
    if obj.einde_geldigheid is not None:
        overlap = overlap.filter(begin_geldigheid__lte=obj.einde_geldigheid)
    overlap = overlap.filter(
        Q(einde_geldigheid__isnull=True) | Q(einde_geldigheid__gte=obj.begin_geldigheid)
    )
    if not overlap.exists():
        return []
    return [
        _publish_problem(
            _(
                "De geldigheid overlapt met een andere gepubliceerde versie; zet eerst de "
                "einde geldigheid van die versie."
            ),
            "overlap",
        )
    ]


def informatieobjecttype_publish(
    *, actor: Actor, informatieobjecttype: InformatieObjectType
) -> InformatieObjectType:
    require_catalogus_beheer(actor)
    _require_own(actor, informatieobjecttype)
    with transaction.atomic():
        iotype: InformatieObjectType = _locked(informatieobjecttype)  # type: ignore[assignment]
        if iotype.concept:
            _publish(actor, iotype, _versie_publish_problems(iotype))
    return iotype


def besluittype_publish(*, actor: Actor, besluittype: BesluitType) -> BesluitType:
    require_catalogus_beheer(actor)
    _require_own(actor, besluittype)
    with transaction.atomic():
        locked: BesluitType = _locked(besluittype)  # type: ignore[assignment]
        if locked.concept:
            problemen = _versie_publish_problems(locked)
            if locked.informatieobjecttypen.filter(concept=True).exists():
                problemen.append(
                    _publish_problem(
                        _(
                            "Alle gerelateerde informatieobjecttypen moeten eerst "
                            "gepubliceerd zijn."
                        ),
                        "concept-relation",
                    )
                )
            _publish(actor, locked, problemen)
    return locked


# --- the types under a case type -----------------------------------------------------------
def _check_onderdeel(obj: Onderdeel) -> None:
    """Rules that involve more than one row."""
    if isinstance(obj, ZaakTypeInformatieObjectType):
        if obj.informatieobjecttype.catalogus_id != obj.zaaktype.catalogus_id:
            raise field_error(
                "informatieobjecttype",
                _("Het zaaktype en informatieobjecttype horen niet bij dezelfde catalogus."),
                code="relations-incorrect-catalogus",
            )
        if obj.statustype is not None and obj.statustype.zaaktype_id != obj.zaaktype_id:
            raise field_error(
                "statustype",
                _("Het statustype hoort niet bij dit zaaktype."),
                code="relations-incorrect-zaaktype",
            )
    if isinstance(obj, EigenschapType | ZaakObjectType):
        statustype = getattr(obj, "statustype", None)
        if statustype is not None and statustype.zaaktype_id != obj.zaaktype_id:
            raise field_error(
                "statustype",
                _("Het statustype hoort niet bij dit zaaktype."),
                code="relations-incorrect-zaaktype",
            )


def _require_onderdeel_relaties(
    zaaktype: ZaakType, m2m: Mapping[str, Iterable[models.Model]] | None
) -> dict[str, list[models.Model]]:
    lists = {name: list(values) for name, values in (m2m or {}).items()}
    for name, values in lists.items():
        _require_same_catalogus(name, zaaktype.catalogus, values)
    return lists


def typeonderdeel_create(
    *,
    actor: Actor,
    model: type[Onderdeel],
    zaaktype: ZaakType,
    fields: Mapping[str, Any],
    m2m: Mapping[str, Iterable[models.Model]] | None = None,
) -> Onderdeel:
    """Add a status, role, result, property, document-type link or object type to a concept
    case type."""
    require_catalogus_beheer(actor)
    if actor.type != "systeem" and zaaktype.catalogus.organisatie_id != actor.organisatie.pk:
        raise field_error(
            "zaaktype", _("Dit zaaktype hoort niet bij je organisatie."), code="does_not_exist"
        )
    lists = _require_onderdeel_relaties(zaaktype, m2m)
    with transaction.atomic():
        zaaktype = ZaakType.objects.select_for_update().get(pk=zaaktype.pk)
        _require_concept_zaaktype(actor, zaaktype, forced=mag_geforceerd_schrijven(actor))
        obj = model(zaaktype=zaaktype, **fields)
        _check_onderdeel(obj)
        return _create(actor=actor, obj=obj, m2m=lists)  # type: ignore[return-value]


def typeonderdeel_update(
    *,
    actor: Actor,
    obj: Onderdeel,
    changes: Mapping[str, Any],
    m2m: Mapping[str, Iterable[models.Model]] | None = None,
    partial: bool = True,
) -> Onderdeel:
    """Change a type under a case type; both the old and a new case type must be concepts."""
    require_catalogus_beheer(actor)
    _require_own(actor, obj)
    nieuw_zaaktype = changes.get("zaaktype")
    if nieuw_zaaktype is not None and nieuw_zaaktype.pk != obj.zaaktype_id:
        if (
            actor.type != "systeem"
            and nieuw_zaaktype.catalogus.organisatie_id != actor.organisatie.pk
        ):
            raise field_error(
                "zaaktype", _("Dit zaaktype hoort niet bij je organisatie."), code="does_not_exist"
            )
        _require_concept_zaaktype(actor, nieuw_zaaktype, forced=mag_geforceerd_schrijven(actor))
    with transaction.atomic():
        locked: Onderdeel = _locked(obj)  # type: ignore[assignment]
        # The rule applies to the case type it belongs to now, before the change.
        _require_concept_zaaktype(actor, locked.zaaktype, forced=mag_geforceerd_schrijven(actor))
        lists = _require_onderdeel_relaties(nieuw_zaaktype or locked.zaaktype, m2m)
        _update(actor=actor, obj=locked, changes=changes, m2m=lists, partial=partial)
        _check_onderdeel(locked)
    return locked


def typeonderdeel_delete(*, actor: Actor, obj: Onderdeel) -> None:
    require_catalogus_beheer(actor)
    _require_own(actor, obj)
    with transaction.atomic():
        _delete(actor=actor, obj=_locked(obj))
