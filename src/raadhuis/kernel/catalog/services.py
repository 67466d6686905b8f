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

This module writes catalogi and the three versioned types. What every write shares (who may,
the concept rules, the generic create / update / delete) is in schrijfregels.py; publishing in
publiceren.py; the types under a case type in typeonderdelen.py. Their public functions are
re-exported here, so callers keep importing every catalogue write from this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.models import (
    BesluitType,
    Catalogus,
    InformatieObjectType,
    ZaakType,
    ZaakTypenRelatie,
)
from raadhuis.kernel.catalog.publiceren import (
    besluittype_publish,
    informatieobjecttype_publish,
    zaaktype_publish,
    zaaktype_publish_problems,
)
from raadhuis.kernel.catalog.schrijfregels import (
    KANAAL,
    NON_FIELD,
    ONDERDEEL_MODELS,
    SCOPE_GEFORCEERD_SCHRIJVEN,
    SCOPE_GEFORCEERD_VERWIJDEREN,
    SCOPE_SCHRIJVEN,
    Onderdeel,
    VersionedType,
    _create,
    _delete,
    _locked,
    _require_catalogus,
    _require_concept_for_update,
    _require_own,
    _require_same_catalogus,
    _update,
    mag_geforceerd_schrijven,
    mag_geforceerd_verwijderen,
    organisatie_id_of,
    require_catalogus_beheer,
)
from raadhuis.kernel.catalog.typeonderdelen import (
    typeonderdeel_create,
    typeonderdeel_delete,
    typeonderdeel_update,
    typeonderdelen_create,
)
from raadhuis.kernel.exceptions import field_error

__all__ = [
    "KANAAL",
    "NON_FIELD",
    "ONDERDEEL_MODELS",
    "Onderdeel",
    "SCOPE_GEFORCEERD_SCHRIJVEN",
    "SCOPE_GEFORCEERD_VERWIJDEREN",
    "SCOPE_SCHRIJVEN",
    "VersionedType",
    "besluittype_create",
    "besluittype_delete",
    "besluittype_publish",
    "besluittype_update",
    "catalogus_create",
    "catalogus_update",
    "informatieobjecttype_create",
    "informatieobjecttype_delete",
    "informatieobjecttype_publish",
    "informatieobjecttype_update",
    "mag_geforceerd_schrijven",
    "mag_geforceerd_verwijderen",
    "organisatie_id_of",
    "require_catalogus_beheer",
    "typeonderdeel_create",
    "typeonderdelen_create",
    "typeonderdeel_delete",
    "typeonderdeel_update",
    "zaaktype_create",
    "zaaktype_delete",
    "zaaktype_publish",
    "zaaktype_publish_problems",
    "zaaktype_update",
]


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
