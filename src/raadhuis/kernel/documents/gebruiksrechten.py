"""Writes on GEBRUIKSRECHTen: conditions on using a document other than reading it. The
document's `indicatie_gebruiksrecht` follows them: set by the first, cleared (null) when the
last one is removed (Documenten API)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.documents.models import Gebruiksrecht, InformatieObject
from raadhuis.kernel.documents.versies import document_event_queue, document_lock_for_change
from raadhuis.kernel.exceptions import field_error

VELDEN = ("startdatum", "einddatum", "omschrijving_voorwaarden")
RESOURCE = "gebruiksrechten"


def _check(startdatum: datetime | None, einddatum: datetime | None, omschrijving: str) -> None:
    if not (omschrijving or "").strip():
        raise field_error(
            "omschrijving_voorwaarden", _("Dit veld mag niet leeg zijn."), code="blank"
        )
    if startdatum and einddatum and einddatum < startdatum:
        raise field_error(
            "einddatum", _("De einddatum ligt voor de startdatum."), code="date-mismatch"
        )


def gebruiksrecht_create(
    *,
    actor: Actor,
    informatieobject: InformatieObject,
    startdatum: datetime,
    omschrijving_voorwaarden: str,
    einddatum: datetime | None = None,
    toelichting: str = "",
) -> Gebruiksrecht:
    _check(startdatum, einddatum, omschrijving_voorwaarden)
    with transaction.atomic():
        io = document_lock_for_change(actor, informatieobject)
        recht = Gebruiksrecht.objects.create(
            informatieobject=io,
            startdatum=startdatum,
            einddatum=einddatum,
            omschrijving_voorwaarden=omschrijving_voorwaarden,
        )
        if not io.indicatie_gebruiksrecht:
            io.indicatie_gebruiksrecht = True
            io.save(update_fields=["indicatie_gebruiksrecht"])
        audit_entry_record(
            actor=actor,
            actie="gebruiksrecht_aangemaakt",
            obj=recht,
            wijzigingen=diff({}, snapshot(recht, VELDEN)),
            toelichting=toelichting,
        )
        document_event_queue(io, resource=RESOURCE, actie="create", resource_uuid=recht.uuid)
    return recht


def _lock(actor: Actor, gebruiksrecht: Gebruiksrecht) -> tuple[InformatieObject, Gebruiksrecht]:
    io = document_lock_for_change(actor, gebruiksrecht.informatieobject)
    return io, Gebruiksrecht.objects.select_for_update().get(pk=gebruiksrecht.pk)


def gebruiksrecht_update(
    *,
    actor: Actor,
    gebruiksrecht: Gebruiksrecht,
    gedeeltelijk: bool = False,
    toelichting: str = "",
    **velden: Any,
) -> Gebruiksrecht:
    """Change the period or conditions; the document of a usage right never changes."""
    onbekend = set(velden) - set(VELDEN)
    if onbekend:
        raise TypeError(f"Unknown fields: {', '.join(sorted(onbekend))}")
    with transaction.atomic():
        io, recht = _lock(actor, gebruiksrecht)
        voor = snapshot(recht, VELDEN)
        for naam, waarde in velden.items():
            setattr(recht, naam, waarde)
        _check(recht.startdatum, recht.einddatum, recht.omschrijving_voorwaarden)
        recht.save(update_fields=list(velden) or None)
        audit_entry_record(
            actor=actor,
            actie="gebruiksrecht_gewijzigd",
            obj=recht,
            wijzigingen=diff(voor, snapshot(recht, VELDEN)),
            toelichting=toelichting,
        )
        document_event_queue(
            io,
            resource=RESOURCE,
            actie="partial_update" if gedeeltelijk else "update",
            resource_uuid=recht.uuid,
        )
    return recht


def gebruiksrecht_delete(
    *, actor: Actor, gebruiksrecht: Gebruiksrecht, toelichting: str = ""
) -> None:
    with transaction.atomic():
        io, recht = _lock(actor, gebruiksrecht)
        audit_entry_record(
            actor=actor,
            actie="gebruiksrecht_verwijderd",
            obj=recht,
            wijzigingen=diff(snapshot(recht, VELDEN), dict.fromkeys(VELDEN)),
            toelichting=toelichting,
        )
        document_event_queue(io, resource=RESOURCE, actie="destroy", resource_uuid=recht.uuid)
        recht.delete()
        if not io.gebruiksrechten.exists():
            io.indicatie_gebruiksrecht = None
            io.save(update_fields=["indicatie_gebruiksrecht"])
