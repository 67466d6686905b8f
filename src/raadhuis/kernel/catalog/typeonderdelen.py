"""The types under a case type (status, role, result, property, document-type link, object
type): written only while their case type is a concept (see services.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.models import (
    EigenschapType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from raadhuis.kernel.catalog.schrijfregels import (
    Onderdeel,
    _create,
    _delete,
    _locked,
    _require_concept_zaaktype,
    _require_own,
    _require_same_catalogus,
    _update,
    mag_geforceerd_schrijven,
    require_catalogus_beheer,
)
from raadhuis.kernel.exceptions import field_error


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
    (onderdeel,) = typeonderdelen_create(
        actor=actor, zaaktype=zaaktype, onderdelen=[(model, fields, m2m)]
    )
    return onderdeel


def typeonderdelen_create(
    *,
    actor: Actor,
    zaaktype: ZaakType,
    onderdelen: Iterable[
        tuple[type[Onderdeel], Mapping[str, Any], Mapping[str, Iterable[models.Model]] | None]
    ],
) -> list[Onderdeel]:
    """Add several parts (model, fields, m2m) to one concept case type, which is locked and
    checked once for all of them (setting up a catalogue); each part is validated, audited and
    announced as typeonderdeel_create does."""
    require_catalogus_beheer(actor)
    if actor.type != "systeem" and zaaktype.catalogus.organisatie_id != actor.organisatie.pk:
        raise field_error(
            "zaaktype", _("Dit zaaktype hoort niet bij je organisatie."), code="does_not_exist"
        )
    onderdelen = [
        (model, fields, _require_onderdeel_relaties(zaaktype, m2m))
        for model, fields, m2m in onderdelen
    ]
    with transaction.atomic():
        zaaktype = ZaakType.objects.select_for_update().get(pk=zaaktype.pk)
        _require_concept_zaaktype(actor, zaaktype, forced=mag_geforceerd_schrijven(actor))
        gemaakt = []
        for model, fields, lists in onderdelen:
            obj = model(zaaktype=zaaktype, **fields)
            _check_onderdeel(obj)
            gemaakt.append(_create(actor=actor, obj=obj, m2m=lists))
    return gemaakt  # type: ignore[return-value]


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
