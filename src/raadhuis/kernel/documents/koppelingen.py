"""Writes that relate an existing document to a case (Zaken API zaakinformatieobject) or to a
decision (Besluiten API besluitinformatieobject). The Documenten API shows both as
OBJECTINFORMATIEOBJECTen, read from these same rows.

Re-exported by `services.py`; the same rules apply: permission, one transaction, audit entry,
outbox event.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.models import Besluit, Status, Zaak
from raadhuis.kernel.cases.services import zaak_event_queue, zaak_lock_for_change
from raadhuis.kernel.common import Archiefstatus
from raadhuis.kernel.documents.models import (
    BesluitInformatieObject,
    InformatieObject,
    ZaakInformatieObject,
)
from raadhuis.kernel.documents.toegang import require_besluit_access
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.exceptions import field_error

ZIO_VELDEN = ("titel", "beschrijving", "vernietigingsdatum", "status")


def _zelfde_organisatie(io: InformatieObject, organisatie_id: int) -> None:
    """A document of another organisation does not exist for this one."""
    if io.organisatie_id != organisatie_id:
        raise field_error(
            "informatieobject", _("Het informatieobject bestaat niet."), code="does_not_exist"
        )


# --- case ↔ document ------------------------------------------------------------------------
def _status_check(zaak: Zaak, status: Status | None) -> None:
    if status is not None and status.zaak_id != zaak.pk:
        raise field_error("status", _("Deze status hoort niet bij de zaak."), code="zaak-mismatch")


def zaak_informatieobject_create(
    *,
    actor: Actor,
    zaak: Zaak,
    informatieobject: InformatieObject,
    titel: str = "",
    beschrijving: str = "",
    vernietigingsdatum: datetime | None = None,
    status: Status | None = None,
) -> ZaakInformatieObject:
    """Relate an existing document to a case (Zaken API zaakinformatieobject create)."""
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        if zaak.archiefstatus != Archiefstatus.NOG_TE_ARCHIVEREN:
            raise field_error(
                "zaak",
                _("De zaak is gearchiveerd; er kunnen geen documenten meer aan gekoppeld worden."),
                code="zaak-archiefstatus-invalid",
            )
        io = InformatieObject.objects.select_for_update().get(pk=informatieobject.pk)
        _zelfde_organisatie(io, zaak.organisatie_id)
        _status_check(zaak, status)
        if ZaakInformatieObject.objects.filter(zaak=zaak, informatieobject=io).exists():
            raise ValidationError(
                _("Dit informatieobject is al aan deze zaak gekoppeld."), code="unique"
            )
        zio = ZaakInformatieObject.objects.create(
            zaak=zaak,
            informatieobject=io,
            titel=titel or io.titel,
            beschrijving=beschrijving,
            vernietigingsdatum=vernietigingsdatum,
            status=status,
        )
        audit_entry_record(
            actor=actor,
            actie="zaakdocument_gekoppeld",
            obj=zio,
            wijzigingen={"document": [None, io.titel], "titel": [None, zio.titel]},
            zaak_uuid=zaak.uuid,
        )
        zaak_event_queue(
            zaak, resource="zaakinformatieobject", actie="create", resource_uuid=zio.uuid
        )
    return zio


def _zio_lock(actor: Actor, zaakinformatieobject: ZaakInformatieObject) -> ZaakInformatieObject:
    zio = (
        ZaakInformatieObject.objects.select_for_update(of=("self",))
        .select_related("zaak", "informatieobject", "status")
        .get(pk=zaakinformatieobject.pk)
    )
    zio.zaak = zaak_lock_for_change(actor, zio.zaak)
    return zio


def zaak_informatieobject_update(
    *,
    actor: Actor,
    zaakinformatieobject: ZaakInformatieObject,
    gedeeltelijk: bool = False,
    **velden: Any,
) -> ZaakInformatieObject:
    """Change titel, beschrijving, vernietigingsdatum or status of a case–document relation;
    the case and the document of a relation never change."""
    onbekend = set(velden) - set(ZIO_VELDEN)
    if onbekend:
        raise TypeError(f"Unknown fields: {', '.join(sorted(onbekend))}")
    with transaction.atomic():
        zio = _zio_lock(actor, zaakinformatieobject)
        _status_check(zio.zaak, velden.get("status"))
        voor = snapshot(zio, ZIO_VELDEN)
        for naam, waarde in velden.items():
            setattr(
                zio, naam, "" if waarde is None and naam in ("titel", "beschrijving") else waarde
            )
        zio.save(update_fields=list(velden) or None)
        audit_entry_record(
            actor=actor,
            actie="zaakdocument_gewijzigd",
            obj=zio,
            wijzigingen=diff(voor, snapshot(zio, ZIO_VELDEN)),
            zaak_uuid=zio.zaak.uuid,
        )
        zaak_event_queue(
            zio.zaak,
            resource="zaakinformatieobject",
            actie="partial_update" if gedeeltelijk else "update",
            resource_uuid=zio.uuid,
        )
    return zio


def zaak_informatieobject_delete(
    *, actor: Actor, zaakinformatieobject: ZaakInformatieObject
) -> None:
    """Undo the relation between a case and a document; the document itself stays."""
    with transaction.atomic():
        zio = _zio_lock(actor, zaakinformatieobject)
        audit_entry_record(
            actor=actor,
            actie="zaakdocument_ontkoppeld",
            obj=zio,
            wijzigingen={"document": [zio.informatieobject.titel, None]},
            zaak_uuid=zio.zaak.uuid,
        )
        zaak_event_queue(
            zio.zaak, resource="zaakinformatieobject", actie="destroy", resource_uuid=zio.uuid
        )
        zio.delete()


# --- decision ↔ document --------------------------------------------------------------------
def _besluit_event_queue(besluit: Besluit, *, actie: str, resource_uuid: Any) -> None:
    event_queue(
        organisatie=besluit.organisatie,
        kanaal="besluiten",
        resource="besluitinformatieobject",
        actie=actie,
        resource_uuid=resource_uuid,
        hoofd_object_uuid=besluit.uuid,
        kenmerken={
            "verantwoordelijke_organisatie": besluit.verantwoordelijke_organisatie,
            "besluittype": str(besluit.besluittype.uuid),
        },
    )


def besluit_document_add(
    *, actor: Actor, besluit: Besluit, informatieobject: InformatieObject
) -> BesluitInformatieObject:
    """Relate a document to a decision (Besluiten API besluitinformatieobject create).

    The document's type must be one the decision's type allows, and the pair is unique."""
    with transaction.atomic():
        besluit = (
            Besluit.objects.select_for_update(of=("self",))
            .select_related("besluittype", "organisatie", "zaak")
            .get(pk=besluit.pk)
        )
        require_besluit_access(actor, besluit)
        io = InformatieObject.objects.select_for_update().get(pk=informatieobject.pk)
        _zelfde_organisatie(io, besluit.organisatie_id)
        if not besluit.besluittype.informatieobjecttypen.filter(
            pk=io.informatieobjecttype_id
        ).exists():
            raise ValidationError(
                _("Het informatieobjecttype hoort niet bij het besluittype van het besluit."),
                code="missing-besluittype-informatieobjecttype-relation",
            )
        if BesluitInformatieObject.objects.filter(besluit=besluit, informatieobject=io).exists():
            raise ValidationError(_("Dit document is al aan dit besluit gekoppeld."), code="unique")
        bio = BesluitInformatieObject.objects.create(besluit=besluit, informatieobject=io)
        audit_entry_record(
            actor=actor,
            actie="besluitdocument_toegevoegd",
            obj=bio,
            wijzigingen={"besluit": [None, besluit.identificatie], "document": [None, io.titel]},
            zaak_uuid=besluit.zaak.uuid if besluit.zaak else None,
        )
        _besluit_event_queue(besluit, actie="create", resource_uuid=bio.uuid)
    return bio


def besluit_document_remove(
    *, actor: Actor, besluitinformatieobject: BesluitInformatieObject
) -> None:
    """Undo the relation between a decision and a document; the document itself stays."""
    with transaction.atomic():
        bio = (
            BesluitInformatieObject.objects.select_for_update(of=("self",))
            .select_related("besluit__besluittype", "besluit__organisatie", "besluit__zaak")
            .select_related("informatieobject")
            .get(pk=besluitinformatieobject.pk)
        )
        besluit = bio.besluit
        require_besluit_access(actor, besluit)
        audit_entry_record(
            actor=actor,
            actie="besluitdocument_verwijderd",
            obj=bio,
            wijzigingen={
                "besluit": [besluit.identificatie, None],
                "document": [bio.informatieobject.titel, None],
            },
            zaak_uuid=besluit.zaak.uuid if besluit.zaak else None,
        )
        bio_uuid = bio.uuid
        bio.delete()
        _besluit_event_queue(besluit, actie="destroy", resource_uuid=bio_uuid)
