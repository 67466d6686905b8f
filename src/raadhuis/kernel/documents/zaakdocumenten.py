"""The staff UI's writes on documents: a document registered on a case with its first
version, and a new version of a case document. Importable from `services` as before."""

from __future__ import annotations

from datetime import date

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
from raadhuis.kernel.documents.bestanden import (
    file_facts,
)
from raadhuis.kernel.documents.koppelingen import (  # noqa: F401  (public API of this module)
    besluit_document_add,
    besluit_document_remove,
    zaak_informatieobject_create,
    zaak_informatieobject_delete,
    zaak_informatieobject_update,
)
from raadhuis.kernel.documents.models import (
    DocumentStatus,
    InformatieObject,
    InformatieObjectVersie,
    ZaakInformatieObject,
)
from raadhuis.kernel.documents.versies import (
    document_bijwerken,
    document_event_queue,
    gegevens_van,
    standaard_gegevens,
    versie_registreren,
)
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.workflow.calendar import vandaag


# --- the staff UI: documents registered on a case -------------------------------------------
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
    ontvangstdatum: date | None = None,
    formaat: str = "",
    toelichting: str = "",
) -> ZaakInformatieObject:
    """Register a new document (version 1) and link it to the case.

    Incoming correspondence (a letter scanned at the counter, an e-mail from the post
    mailbox) carries `ontvangstdatum`, the date it was received (Documenten API); `auteur`
    is then its sender. `formaat` overrides the mime type guessed from the file name."""
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
            zaak_id=zaak.pk,
        )
        if not informatieobjecttype.zaaktypen.filter(pk=zaak.zaaktype_id).exists():
            raise field_error(
                "informatieobjecttype",
                _("Dit documenttype hoort niet bij het zaaktype."),
                code="informatieobjecttype",
            )
        today = vandaag(zaak.organisatie.tijdzone)
        if ontvangstdatum is not None and ontvangstdatum > today:
            raise field_error(
                "ontvangstdatum",
                _("De ontvangstdatum kan niet in de toekomst liggen."),
                code="ontvangstdatum-toekomst",
            )
        gegevens = standaard_gegevens() | {
            "identificatie": identificatie_next(
                organisatie=zaak.organisatie, soort="document", prefix="DOC", jaar=today.year
            ),
            "bronorganisatie": zaak.organisatie.rsin,
            "creatiedatum": today,
            "informatieobjecttype": informatieobjecttype,
            "titel": titel,
            "beschrijving": beschrijving,
            "auteur": auteur or actor.weergave,
            "status": status,
            "vertrouwelijkheidaanduiding": vertrouwelijkheid,
            "bestandsnaam": (bestand.name or "document").rsplit("/", 1)[-1][:255],
            "formaat": (formaat or file_facts(bestand)[2])[:255],
            "ontvangstdatum": ontvangstdatum,
        }
        io = InformatieObject.objects.create(
            organisatie=zaak.organisatie,
            identificatie=gegevens["identificatie"],
            bronorganisatie=gegevens["bronorganisatie"],
            informatieobjecttype=informatieobjecttype,
            creatiedatum=today,
            titel=titel,
            vertrouwelijkheidaanduiding=vertrouwelijkheid,
            versie=1,
        )
        versie = versie_registreren(
            actor=actor,
            informatieobject=io,
            nummer=1,
            gegevens=gegevens,
            inhoud=bestand,
            bestandsomvang=None,
        )
        document_bijwerken(io, versie)
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
            }
            | ({"ontvangstdatum": [None, str(ontvangstdatum)]} if ontvangstdatum else {}),
            toelichting=toelichting,
            zaak_uuid=zaak.uuid,
        )
        document_event_queue(
            io, resource="enkelvoudiginformatieobject", actie="create", resource_uuid=io.uuid
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
    """Add a new version; earlier versions stay as they were and can still be downloaded.
    (The staff UI, on a document of a case; a document checked out through the API is
    refused until it is unlocked.)"""
    _check_bestand(bestand)
    with transaction.atomic():
        io = InformatieObject.objects.select_for_update().get(pk=informatieobject.pk)
        zaken = list(Zaak.objects.filter(documenten__informatieobject=io))
        if not zaken:
            raise ValidationError(_("Dit document hoort bij geen enkele zaak."))
        for zaak in zaken:
            zaak_lock_for_change(actor, zaak)
        if io.lock:
            raise ValidationError(
                _("Dit document is vergrendeld (uitgecheckt) en kan nu niet gewijzigd worden."),
                code="locked",
            )
        vorige = io.versies.order_by("-versie").first()
        nummer = (io.versies.aggregate(m=Max("versie"))["m"] or 0) + 1
        gegevens = (gegevens_van(vorige) if vorige else standaard_gegevens()) | {
            "titel": titel or io.titel,
            "bestandsnaam": (bestand.name or "document").rsplit("/", 1)[-1][:255],
            "formaat": file_facts(bestand)[2][:255],
            "auteur": actor.weergave,
        }
        if beschrijving:
            gegevens["beschrijving"] = beschrijving
        if not gegevens["informatieobjecttype"]:
            gegevens |= {
                "identificatie": io.identificatie,
                "bronorganisatie": io.bronorganisatie,
                "creatiedatum": io.creatiedatum,
                "informatieobjecttype": io.informatieobjecttype,
                "vertrouwelijkheidaanduiding": io.vertrouwelijkheidaanduiding,
            }
        versie = versie_registreren(
            actor=actor,
            informatieobject=io,
            nummer=nummer,
            gegevens=gegevens,
            inhoud=bestand,
            bestandsomvang=None,
        )
        oude_titel = io.titel
        document_bijwerken(io, versie)
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
        # The other kenmerken are derived at delivery (tests/kernel/test_outbox_delivery.py
        # relies on this event carrying bronorganisatie only).
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
