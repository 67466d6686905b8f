"""Every write on documents: register a document on a case, add a version."""

from __future__ import annotations

import hashlib
import mimetypes

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_zaak_access
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.numbering import identificatie_next
from raadhuis.kernel.cases.services import zaak_event_queue, zaak_lock_for_change
from raadhuis.kernel.catalog.models import InformatieObjectType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.documents.models import (
    DocumentStatus,
    InformatieObject,
    InformatieObjectVersie,
    ZaakInformatieObject,
)
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.workflow.calendar import vandaag


def _file_facts(bestand: File) -> tuple[str, int, str]:
    """(sha256, size, mime type) read in chunks, so large files never sit in memory."""
    digest = hashlib.sha256()
    size = 0
    bestand.seek(0)
    for chunk in (
        bestand.chunks() if hasattr(bestand, "chunks") else iter(lambda: bestand.read(65536), b"")
    ):
        digest.update(chunk)
        size += len(chunk)
    bestand.seek(0)
    naam = getattr(bestand, "name", "") or ""
    formaat = getattr(bestand, "content_type", "") or mimetypes.guess_type(naam)[0] or ""
    return digest.hexdigest(), size, formaat


def _check_bestand(bestand: File | None) -> None:
    if bestand is None or not getattr(bestand, "name", ""):
        raise field_error("bestand", _("Kies een bestand."), code="bestand-verplicht")
    if bestand.size == 0:
        raise field_error("bestand", _("Het bestand is leeg."), code="bestand-leeg")
    if bestand.size > settings.DOCUMENT_MAX_BYTES:
        raise field_error(
            "bestand",
            _("Het bestand is groter dan %(mb)s MB.")
            % {"mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)},
            code="bestand-te-groot",
        )


def _versie_create(
    *,
    actor: Actor,
    informatieobject: InformatieObject,
    versie: int,
    bestand: File,
    titel: str,
    beschrijving: str,
    auteur: str,
    status: str,
    vertrouwelijkheidaanduiding: str,
) -> InformatieObjectVersie:
    sha256, size, formaat = _file_facts(bestand)
    bestandsnaam = (bestand.name or "document").rsplit("/", 1)[-1][:255]
    v = InformatieObjectVersie(
        informatieobject=informatieobject,
        versie=versie,
        titel=titel,
        beschrijving=beschrijving,
        auteur=auteur or actor.weergave,
        status=status,
        vertrouwelijkheidaanduiding=vertrouwelijkheidaanduiding,
        bestandsnaam=bestandsnaam,
        formaat=formaat[:255],
        bestandsomvang=size,
        sha256=sha256,
        geregistreerd_door=actor.medewerker,
    )
    v.bestand.save(bestandsnaam, bestand, save=False)
    v.save()
    return v


def zaak_document_add(
    *,
    actor: Actor,
    zaak: Zaak,
    bestand: File,
    titel: str,
    informatieobjecttype: InformatieObjectType,
    beschrijving: str = "",
    auteur: str = "",
    status: str = DocumentStatus.DEFINITIEF,
    vertrouwelijkheidaanduiding: str = "",
) -> ZaakInformatieObject:
    """Register a new document (version 1) and link it to the case."""
    _check_bestand(bestand)
    if not titel.strip():
        raise ValidationError({"titel": _("Geef het document een titel.")})
    vertrouwelijkheid = (
        vertrouwelijkheidaanduiding or informatieobjecttype.vertrouwelijkheidaanduiding
    )
    if vertrouwelijkheid not in Vertrouwelijkheid.values:
        raise ValidationError({"vertrouwelijkheidaanduiding": _("Kies een geldige waarde.")})
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        # The document's own confidentiality must be within the actor's grant too.
        require_zaak_access(
            actor,
            organisatie_id=zaak.organisatie_id,
            zaaktype_id=zaak.zaaktype_id,
            vertrouwelijkheid=vertrouwelijkheid,
        )
        if not informatieobjecttype.zaaktypen.filter(pk=zaak.zaaktype_id).exists():
            raise field_error(
                "informatieobjecttype",
                _("Dit documenttype hoort niet bij het zaaktype."),
                code="informatieobjecttype",
            )
        today = vandaag(zaak.organisatie.tijdzone)
        io = InformatieObject.objects.create(
            organisatie=zaak.organisatie,
            identificatie=identificatie_next(
                organisatie=zaak.organisatie, soort="document", prefix="DOC", jaar=today.year
            ),
            bronorganisatie=zaak.organisatie.rsin,
            informatieobjecttype=informatieobjecttype,
            creatiedatum=today,
            titel=titel,
            vertrouwelijkheidaanduiding=vertrouwelijkheid,
            versie=1,
        )
        versie = _versie_create(
            actor=actor,
            informatieobject=io,
            versie=1,
            bestand=bestand,
            titel=titel,
            beschrijving=beschrijving,
            auteur=auteur,
            status=status,
            vertrouwelijkheidaanduiding=vertrouwelijkheid,
        )
        zio = ZaakInformatieObject.objects.create(
            zaak=zaak, informatieobject=io, titel=titel, beschrijving=beschrijving
        )
        audit_entry_record(
            actor=actor,
            actie="document_toegevoegd",
            obj=io,
            wijzigingen={
                "document": [None, titel],
                "bestand": [None, versie.bestandsnaam],
                "sha256": [None, versie.sha256],
            },
            zaak_uuid=zaak.uuid,
        )
        event_queue(
            organisatie=zaak.organisatie,
            kanaal="documenten",
            resource="enkelvoudiginformatieobject",
            actie="create",
            resource_uuid=io.uuid,
            hoofd_object_uuid=io.uuid,
            kenmerken={
                "bronorganisatie": io.bronorganisatie,
                "informatieobjecttype": str(informatieobjecttype.uuid),
                "vertrouwelijkheidaanduiding": vertrouwelijkheid,
            },
        )
        zaak_event_queue(
            zaak, resource="zaakinformatieobject", actie="create", resource_uuid=zio.uuid
        )
    return zio


def document_versie_add(
    *,
    actor: Actor,
    informatieobject: InformatieObject,
    bestand: File,
    titel: str = "",
    beschrijving: str = "",
    toelichting: str = "",
) -> InformatieObjectVersie:
    """Add a new version; earlier versions stay as they were and can still be downloaded."""
    _check_bestand(bestand)
    with transaction.atomic():
        io = InformatieObject.objects.select_for_update().get(pk=informatieobject.pk)
        zaken = list(Zaak.objects.filter(documenten__informatieobject=io))
        if not zaken:
            raise ValidationError(_("Dit document hoort bij geen enkele zaak."))
        for zaak in zaken:
            zaak_lock_for_change(actor, zaak)
        vorige = io.versies.order_by("-versie").first()
        nummer = (io.versies.aggregate(m=Max("versie"))["m"] or 0) + 1
        versie = _versie_create(
            actor=actor,
            informatieobject=io,
            versie=nummer,
            bestand=bestand,
            titel=titel or io.titel,
            beschrijving=beschrijving or (vorige.beschrijving if vorige else ""),
            auteur="",
            status=vorige.status if vorige else DocumentStatus.DEFINITIEF,
            vertrouwelijkheidaanduiding=io.vertrouwelijkheidaanduiding,
        )
        oude_titel = io.titel
        io.versie = nummer
        io.titel = versie.titel
        io.save(update_fields=["versie", "titel"])
        audit_entry_record(
            actor=actor,
            actie="documentversie_toegevoegd",
            obj=io,
            wijzigingen={
                "versie": [nummer - 1, nummer],
                "titel": [oude_titel, io.titel],
                "sha256": [vorige.sha256 if vorige else None, versie.sha256],
            },
            toelichting=toelichting,
            zaak_uuid=zaken[0].uuid,
        )
        event_queue(
            organisatie=io.organisatie,
            kanaal="documenten",
            resource="enkelvoudiginformatieobject",
            actie="update",
            resource_uuid=io.uuid,
            hoofd_object_uuid=io.uuid,
            kenmerken={"bronorganisatie": io.bronorganisatie},
        )
    return versie
