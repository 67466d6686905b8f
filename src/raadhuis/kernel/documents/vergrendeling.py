"""Checking a document out and in (the Documenten API lock), and receiving a large file in
parts (BESTANDSDELEN) that unlocking joins into the current version's file."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.documents.bestanden import (
    bestanden_verwijderen_na_commit,
    delen_samenvoegen,
    file_facts,
)
from raadhuis.kernel.documents.models import BestandsDeel, InformatieObject, InformatieObjectVersie
from raadhuis.kernel.documents.versies import bestandsdelen_wissen, document_lock_for_change


def document_lock(*, actor: Actor, informatieobject: InformatieObject) -> str:
    """Check the document out: only who holds the returned lock may change or unlock it."""
    with transaction.atomic():
        io = document_lock_for_change(actor, informatieobject)
        if io.lock:
            raise ValidationError(_("Het document is al vergrendeld."), code="existing-lock")
        io.lock = uuid.uuid4().hex
        io.save(update_fields=["lock"])
        audit_entry_record(actor=actor, actie="document_vergrendeld", obj=io)
    return io.lock


def document_unlock(
    *, actor: Actor, informatieobject: InformatieObject, lock: str, geforceerd: bool = False
) -> None:
    """Check the document in. A completed upload in parts becomes the current version's file;
    `geforceerd` (documenten.geforceerd-unlock) needs no lock and drops an incomplete upload."""
    with transaction.atomic():
        io = document_lock_for_change(actor, informatieobject)
        versie = io.laatste_versie
        assert versie is not None
        delen = list(io.bestandsdelen.order_by("volgnummer"))
        leeg = all(not d.inhoud for d in delen)
        compleet = all(d.inhoud for d in delen)
        if not geforceerd:
            if lock != io.lock:
                raise ValidationError(_("Het lock-id is niet correct."), code="incorrect-lock-id")
            if not compleet and not leeg:
                raise ValidationError(
                    _("Het uploaden van de bestandsdelen is niet voltooid."),
                    code="incomplete-upload",
                )
            if leeg and not versie.bestand and (versie.bestandsomvang or 0) > 0:
                raise ValidationError(
                    _("Upload het bestand of geef bestandsomvang 0 op."), code="file-size"
                )
        io.lock = ""
        io.save(update_fields=["lock"])
        wijzigingen: dict[str, Any] = {}
        if delen and not leeg:
            if compleet:
                wijzigingen = _delen_samenvoegen(versie, delen)
            else:
                InformatieObjectVersie.objects.filter(pk=versie.pk, bestand="").update(
                    bestandsomvang=None
                )
                wijzigingen = {"bestandsomvang": [versie.bestandsomvang, None]}
            bestandsdelen_wissen(io)
        audit_entry_record(
            actor=actor,
            actie="document_ontgrendeld",
            obj=io,
            wijzigingen=wijzigingen,
            toelichting=_("Geforceerd ontgrendeld.") if geforceerd else "",
        )


def _delen_samenvoegen(versie: InformatieObjectVersie, delen: list[BestandsDeel]) -> dict:
    """Give a version registered without content its file, joined from the uploaded parts.
    The only change a version ever gets: from no file to its file (see the model)."""
    samengevoegd = delen_samenvoegen([d.inhoud.name for d in delen])
    try:
        sha256, grootte, _formaat = file_facts(samengevoegd)
        veld = versie.bestand.field
        naam = veld.generate_filename(versie, versie.bestandsnaam or "inhoud")
        opgeslagen = veld.storage.save(naam, samengevoegd)
    finally:
        samengevoegd.close()
    InformatieObjectVersie.objects.filter(pk=versie.pk, bestand="").update(
        bestand=opgeslagen, sha256=sha256, bestandsomvang=grootte
    )
    return {"bestand": [None, versie.bestandsnaam], "sha256": [None, sha256]}


def bestandsdeel_upload(
    *, actor: Actor, bestandsdeel: BestandsDeel, lock: str, inhoud: File
) -> BestandsDeel:
    """Receive one part of a large file; it must have exactly the announced size."""
    with transaction.atomic():
        io = document_lock_for_change(actor, bestandsdeel.informatieobject)
        deel = BestandsDeel.objects.select_for_update().get(pk=bestandsdeel.pk)
        grootte = file_facts(inhoud)[1]
        if grootte != deel.omvang:
            raise ValidationError(
                _(
                    "Het aangeleverde bestand heeft een afwijkende bestandsgrootte (volgens het "
                    "`omvang`-veld). Verwachting: {expected}b, ontvangen: {received}b"
                ).format(expected=deel.omvang, received=grootte),
                code="file-size",
            )
        if lock != io.lock:
            raise ValidationError(_("Het lock-id is niet correct."), code="incorrect-lock-id")
        oud = deel.inhoud.name
        deel.inhoud.save(f"{io.uuid}-{deel.volgnummer}", inhoud, save=False)
        deel.voltooid = True
        deel.save(update_fields=["inhoud", "voltooid"])
        bestanden_verwijderen_na_commit([oud])
        audit_entry_record(
            actor=actor,
            actie="bestandsdeel_ontvangen",
            obj=io,
            wijzigingen={"bestandsdeel": [None, deel.volgnummer]},
        )
    return deel
