"""Writes that relate an existing document to a case (Zaken API zaakinformatieobject) or to a
decision (Besluiten API besluitinformatieobject). The Documenten API shows both as
OBJECTINFORMATIEOBJECTen, read from these same rows.

Re-exported by `services.py`; the same rules apply: permission, one transaction, audit entry,
outbox event.
"""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.models import Besluit, Status, Zaak
from raadhuis.kernel.cases.services import zaak_event_queue, zaak_lock_for_change
from raadhuis.kernel.common import Archiefstatus
from raadhuis.kernel.documents import extern
from raadhuis.kernel.documents.models import (
    BesluitInformatieObject,
    ExternObjectInformatieObject,
    InformatieObject,
    ZaakInformatieObject,
)
from raadhuis.kernel.documents.toegang import require_besluit_access, require_document_toegang
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.integrations.zgw import ExternFout

logger = logging.getLogger(__name__)

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
    informatieobject: InformatieObject | None = None,
    informatieobject_url: str = "",
    titel: str = "",
    beschrijving: str = "",
    vernietigingsdatum: datetime | None = None,
    status: Status | None = None,
) -> ZaakInformatieObject:
    """Relate a document to a case (Zaken API zaakinformatieobject create): a document of
    this installation (`informatieobject`), or one in another Documenten API
    (`informatieobject_url`, which must resolve to an EnkelvoudigInformatieObject there).

    For an external document the other Documenten API still has to learn of the relation:
    call `zaak_informatieobject_extern_melden` once this has committed."""
    if (informatieobject is None) == (not informatieobject_url):
        raise TypeError("Give exactly one of informatieobject and informatieobject_url.")
    extern_titel = ""
    if informatieobject_url:
        # Asked before the transaction: no row lock waits on another API.
        extern_titel = str(_extern_document(informatieobject_url).get("titel") or "")
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        if zaak.archiefstatus != Archiefstatus.NOG_TE_ARCHIVEREN:
            raise field_error(
                "zaak",
                _("De zaak is gearchiveerd; er kunnen geen documenten meer aan gekoppeld worden."),
                code="zaak-archiefstatus-invalid",
            )
        _status_check(zaak, status)
        io = None
        if informatieobject is not None:
            io = InformatieObject.objects.select_for_update().get(pk=informatieobject.pk)
            _zelfde_organisatie(io, zaak.organisatie_id)
            bestaat = ZaakInformatieObject.objects.filter(zaak=zaak, informatieobject=io)
        else:
            bestaat = ZaakInformatieObject.objects.filter(
                zaak=zaak, informatieobject_url=informatieobject_url
            )
        if bestaat.exists():
            raise ValidationError(
                _("Dit informatieobject is al aan deze zaak gekoppeld."), code="unique"
            )
        zio = ZaakInformatieObject.objects.create(
            zaak=zaak,
            informatieobject=io,
            informatieobject_url=informatieobject_url,
            titel=titel or (io.titel if io is not None else extern_titel[:200]),
            beschrijving=beschrijving,
            vernietigingsdatum=vernietigingsdatum,
            status=status,
        )
        audit_entry_record(
            actor=actor,
            actie="zaakdocument_gekoppeld",
            obj=zio,
            wijzigingen={
                "document": [None, io.titel if io is not None else informatieobject_url],
                "titel": [None, zio.titel],
            },
            zaak_uuid=zaak.uuid,
        )
        zaak_event_queue(
            zaak, resource="zaakinformatieobject", actie="create", resource_uuid=zio.uuid
        )
    return zio


def _extern_document(url: str) -> dict[str, Any]:
    try:
        return extern.extern_document_controleren(url)
    except ExternFout as fout:
        raise field_error("informatieobject", fout.message, code=fout.code) from fout


def zaak_informatieobject_extern_melden(
    *, actor: Actor, zaakinformatieobject: ZaakInformatieObject, zaak_url: str
) -> ZaakInformatieObject:
    """Have the other Documenten API create its OBJECTINFORMATIEOBJECT for a just-committed
    relation with an external document (it checks back with our Zaken API, so the relation
    must be committed first). If it refuses, the relation is undone and a ValidationError
    (`informatieobject`, code pending-relations) says why."""
    zio = zaakinformatieobject
    if not zio.informatieobject_url:
        return zio
    try:
        oio_url = extern.objectinformatieobject_aanmaken(
            informatieobject_url=zio.informatieobject_url, object_url=zaak_url
        )
    except ExternFout as fout:
        with transaction.atomic():
            zio = _zio_lock(actor, zio)
            audit_entry_record(
                actor=actor,
                actie="zaakdocument_ontkoppeld",
                obj=zio,
                wijzigingen={"document": [zio.informatieobject_url, None]},
                toelichting=fout.message,
                zaak_uuid=zio.zaak.uuid,
            )
            zaak_event_queue(
                zio.zaak, resource="zaakinformatieobject", actie="destroy", resource_uuid=zio.uuid
            )
            zio.delete()
        raise field_error("informatieobject", fout.message, code="pending-relations") from fout
    with transaction.atomic():
        zio = _zio_lock(actor, zio)
        zio.objectinformatieobject_url = oio_url
        zio.save(update_fields=["objectinformatieobject_url"])
        audit_entry_record(
            actor=actor,
            actie="zaakdocument_extern_gemeld",
            obj=zio,
            wijzigingen={"objectinformatieobject": [None, oio_url]},
            zaak_uuid=zio.zaak.uuid,
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
    """Undo the relation between a case and a document; the document itself stays. For an
    external document the other Documenten API's mirrored relation is removed after the
    commit (it checks back that ours is gone); if that fails, an audit entry
    `zaakdocument_extern_niet_opgeruimd` says so, for a beheerder to follow up."""
    with transaction.atomic():
        zio = _zio_lock(actor, zaakinformatieobject)
        document = zio.informatieobject.titel if zio.informatieobject else zio.informatieobject_url
        audit_entry_record(
            actor=actor,
            actie="zaakdocument_ontkoppeld",
            obj=zio,
            wijzigingen={"document": [document, None]},
            zaak_uuid=zio.zaak.uuid,
        )
        zaak_event_queue(
            zio.zaak, resource="zaakinformatieobject", actie="destroy", resource_uuid=zio.uuid
        )
        zio.delete()
        if zio.objectinformatieobject_url:
            transaction.on_commit(partial(_extern_opruimen, actor, zio))


def _extern_opruimen(actor: Actor, zio: ZaakInformatieObject) -> None:
    try:
        extern.objectinformatieobject_verwijderen(zio.objectinformatieobject_url)
    except ExternFout as fout:
        logger.warning(
            "Externe relatie %s niet verwijderd: %s", zio.objectinformatieobject_url, fout
        )
        audit_entry_record(
            actor=actor,
            actie="zaakdocument_extern_niet_opgeruimd",
            obj=zio,
            wijzigingen={"objectinformatieobject": [zio.objectinformatieobject_url, None]},
            toelichting=fout.message,
            zaak_uuid=zio.zaak.uuid,
        )


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


# --- a document of ours referred to by an object in another API -----------------------------
def extern_objectrelatie_create(
    *,
    actor: Actor,
    informatieobject: InformatieObject,
    informatieobject_url: str,
    object_url: str,
    object_type: str,
) -> ExternObjectInformatieObject:
    """Register that a case (decision) in another Zaken (Besluiten) API refers to one of our
    documents (Documenten API objectinformatieobject create); `informatieobject_url` is our
    document's URL as the other API sent it. The other API must already hold the relation:
    we ask it first."""
    require_document_toegang(actor, informatieobject)
    try:
        bestaat = extern.relatie_bestaat_extern(
            object_url=object_url,
            object_type=object_type,
            informatieobject_url=informatieobject_url,
        )
    except ExternFout as fout:
        raise field_error("object", fout.message, code=fout.code) from fout
    if not bestaat:
        raise ValidationError(
            _(
                "De relatie tussen het object en het informatieobject bestaat niet in de "
                "externe API; registreer ze daar."
            ),
            code="inconsistent-relation",
        )
    with transaction.atomic():
        io = InformatieObject.objects.select_for_update().get(pk=informatieobject.pk)
        if ExternObjectInformatieObject.objects.filter(
            informatieobject=io, object_url=object_url
        ).exists():
            raise ValidationError(
                _("De velden object en informatieobject moeten een unieke set zijn."),
                code="unique",
            )
        relatie = ExternObjectInformatieObject.objects.create(
            informatieobject=io,
            informatieobject_url=informatieobject_url,
            object_url=object_url,
            object_type=object_type,
        )
        audit_entry_record(
            actor=actor,
            actie="objectrelatie_extern_aangemaakt",
            obj=relatie,
            wijzigingen={"object": [None, object_url], "document": [None, io.titel]},
        )
        _document_event(io, actie="create", resource_uuid=relatie.uuid)
    return relatie


def extern_objectrelatie_delete(*, actor: Actor, relatie: ExternObjectInformatieObject) -> None:
    """Remove the relation once the other API no longer holds it."""
    io = relatie.informatieobject
    require_document_toegang(actor, io)
    try:
        bestaat = extern.relatie_bestaat_extern(
            object_url=relatie.object_url,
            object_type=relatie.object_type,
            informatieobject_url=relatie.informatieobject_url,
        )
    except ExternFout as fout:
        raise field_error("object", fout.message, code=fout.code) from fout
    if bestaat:
        raise ValidationError(
            _("De relatie bestaat nog in de externe API; verwijder ze daar eerst."),
            code="remote-relation-exists",
        )
    with transaction.atomic():
        audit_entry_record(
            actor=actor,
            actie="objectrelatie_extern_verwijderd",
            obj=relatie,
            wijzigingen={"object": [relatie.object_url, None], "document": [io.titel, None]},
        )
        _document_event(io, actie="destroy", resource_uuid=relatie.uuid)
        relatie.delete()


def _document_event(io: InformatieObject, *, actie: str, resource_uuid: Any) -> None:
    from raadhuis.kernel.documents.versies import document_event_queue

    document_event_queue(
        io, resource="objectinformatieobject", actie=actie, resource_uuid=resource_uuid
    )
