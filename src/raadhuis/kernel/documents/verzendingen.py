"""Writes on VERZENDINGen: a document received from, or sent to, a party, with the one
address or channel it went through."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.documents.models import InformatieObject, Verzending
from raadhuis.kernel.documents.versies import document_event_queue, document_lock_for_change

RESOURCE = "verzending"
VELDEN = tuple(
    f.name
    for f in Verzending._meta.concrete_fields
    if f.name not in ("id", "uuid", "informatieobject")
)
# The ways a dispatch can go; precisely one applies (the reference implementation's rule).
KANALEN: dict[str, tuple[str, ...]] = {
    "binnenlands_correspondentieadres": tuple(v for v in VELDEN if v.startswith("binnenlands_")),
    "buitenlands_correspondentieadres": tuple(v for v in VELDEN if v.startswith("buitenlands_")),
    "correspondentie_postadres": tuple(v for v in VELDEN if v.startswith("postadres_")),
    "telefoonnummer": ("telefoonnummer",),
    "emailadres": ("emailadres",),
    "mijn_overheid": ("mijn_overheid",),
    "faxnummer": ("faxnummer",),
}


def _kanaal_check(verzending: Verzending) -> None:
    gebruikt = [
        kanaal
        for kanaal, velden in KANALEN.items()
        if any(getattr(verzending, veld) not in (None, "", False) for veld in velden)
    ]
    if len(gebruikt) != 1:
        raise ValidationError(
            _("Een verzending heeft precies één correspondentieadres of kanaal."),
            code="invalid-address",
        )


def _onbekend_check(velden: dict[str, Any]) -> None:
    onbekend = set(velden) - set(VELDEN)
    if onbekend:
        raise TypeError(f"Unknown fields: {', '.join(sorted(onbekend))}")


def verzending_create(
    *, actor: Actor, informatieobject: InformatieObject, toelichting_audit: str = "", **velden: Any
) -> Verzending:
    _onbekend_check(velden)
    with transaction.atomic():
        io = document_lock_for_change(actor, informatieobject)
        verzending = Verzending(informatieobject=io, **velden)
        _kanaal_check(verzending)
        verzending.full_clean(exclude=["informatieobject"])
        verzending.save()
        audit_entry_record(
            actor=actor,
            actie="verzending_aangemaakt",
            obj=verzending,
            wijzigingen=diff({}, snapshot(verzending, VELDEN)),
            toelichting=toelichting_audit,
        )
        document_event_queue(io, resource=RESOURCE, actie="create", resource_uuid=verzending.uuid)
    return verzending


def verzending_update(
    *,
    actor: Actor,
    verzending: Verzending,
    informatieobject: InformatieObject | None = None,
    gedeeltelijk: bool = False,
    toelichting_audit: str = "",
    **velden: Any,
) -> Verzending:
    """Change a dispatch (PUT: every field given; PATCH: `gedeeltelijk`, the rest kept)."""
    _onbekend_check(velden)
    with transaction.atomic():
        io = document_lock_for_change(actor, verzending.informatieobject)
        if informatieobject is not None and informatieobject.pk != io.pk:
            io = document_lock_for_change(actor, informatieobject)
        bestaand = Verzending.objects.select_for_update().get(pk=verzending.pk)
        voor = snapshot(bestaand, VELDEN)
        if not gedeeltelijk:
            for veld in VELDEN:
                setattr(
                    bestaand,
                    veld,
                    cast(models.Field, Verzending._meta.get_field(veld)).get_default(),
                )
        for naam, waarde in velden.items():
            setattr(bestaand, naam, waarde)
        bestaand.informatieobject = io
        _kanaal_check(bestaand)
        bestaand.full_clean(exclude=["informatieobject"])
        bestaand.save()
        audit_entry_record(
            actor=actor,
            actie="verzending_gewijzigd",
            obj=bestaand,
            wijzigingen=diff(voor, snapshot(bestaand, VELDEN)),
            toelichting=toelichting_audit,
        )
        document_event_queue(
            io,
            resource=RESOURCE,
            actie="partial_update" if gedeeltelijk else "update",
            resource_uuid=bestaand.uuid,
        )
    return bestaand


def verzending_delete(*, actor: Actor, verzending: Verzending, toelichting_audit: str = "") -> None:
    with transaction.atomic():
        io = document_lock_for_change(actor, verzending.informatieobject)
        bestaand = Verzending.objects.select_for_update().get(pk=verzending.pk)
        audit_entry_record(
            actor=actor,
            actie="verzending_verwijderd",
            obj=bestaand,
            wijzigingen=diff(snapshot(bestaand, VELDEN), dict.fromkeys(VELDEN)),
            toelichting=toelichting_audit,
        )
        document_event_queue(io, resource=RESOURCE, actie="destroy", resource_uuid=bestaand.uuid)
        bestaand.delete()
