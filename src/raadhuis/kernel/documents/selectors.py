"""Reads of documents. The staff UI reaches documents through a case the actor may see, within
the actor's clearance for the document itself; the Documenten API by the application's
informatieobjecttype grants (both: `access.policies.informatieobject_filter`)."""

from __future__ import annotations

import uuid as uuid_module
from datetime import datetime

from django.db.models import F, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import informatieobject_filter, zaakdocument_filter
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.documents.models import (
    BesluitInformatieObject,
    BestandsDeel,
    Gebruiksrecht,
    InformatieObject,
    InformatieObjectVersie,
    Verzending,
    ZaakInformatieObject,
)
from raadhuis.kernel.exceptions import NietGevonden


def zaak_documenten(*, actor: Actor, zaak: Zaak) -> QuerySet[ZaakInformatieObject]:
    """The documents of a case that the actor may see, newest first."""
    return (
        ZaakInformatieObject.objects.filter(zaakdocument_filter(actor), zaak=zaak)
        .select_related("informatieobject", "informatieobject__informatieobjecttype")
        .prefetch_related("informatieobject__versies")
        .order_by("-registratiedatum")
    )


def document_versie_get(
    *, actor: Actor, uuid: uuid_module.UUID | str, versie: int | None = None
) -> InformatieObjectVersie:
    """A version (default: the latest) of a document the actor may see. Downloading is a read
    of personal data: it is logged for the case it was reached through and that case's parties."""
    try:
        toegang = (
            ZaakInformatieObject.objects.filter(
                zaakdocument_filter(actor), informatieobject__uuid=uuid_module.UUID(str(uuid))
            )
            .select_related("zaak")
            .first()
        )
        if toegang is None:
            raise NietGevonden("Document niet gevonden.")
        qs = InformatieObjectVersie.objects.filter(
            informatieobject_id=toegang.informatieobject_id
        ).select_related("informatieobject")
        v = qs.get(versie=versie) if versie is not None else qs.order_by("-versie")[:1].get()
    except (InformatieObjectVersie.DoesNotExist, ValueError) as error:
        raise NietGevonden("Document niet gevonden.") from error
    zaak = toegang.zaak
    partijen = [rol.partij for rol in zaak.rollen.select_related("partij") if rol.partij]
    verwerkingen_record(
        actor=actor,
        handeling=f"Document gedownload: {v.bestandsnaam} (versie {v.versie})",
        doel="Zaakbehandeling",
        partijen=partijen,
        zaak=zaak,
    )
    return v


# --- the Documenten API: documents by the actor's informatieobjecttype grants ---------------
def documenten_zichtbaar(*, actor: Actor) -> QuerySet[InformatieObject]:
    """The documents the actor may see (policies.informatieobject_filter)."""
    return InformatieObject.objects.filter(informatieobject_filter(actor))


def documentversies_actueel(*, actor: Actor) -> QuerySet[InformatieObjectVersie]:
    """The current version of every document the actor may see, ready to serialise with a
    constant number of queries (document, type and parts come along)."""
    return (
        InformatieObjectVersie.objects.filter(
            informatieobject_filter(actor, prefix="informatieobject__"),
            informatieobject__laatste_versie=F("pk"),
        )
        .select_related("informatieobject", "informatieobjecttype")
        .prefetch_related("informatieobject__bestandsdelen")
        .order_by("informatieobject_id")
    )


def document_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> InformatieObject:
    try:
        return documenten_zichtbaar(actor=actor).get(uuid=uuid_module.UUID(str(uuid)))
    except (InformatieObject.DoesNotExist, ValueError) as error:
        raise NietGevonden("Document niet gevonden.") from error


def documentversie_kiezen(
    *,
    actor: Actor,
    uuid: uuid_module.UUID | str,
    versie: int | None = None,
    registratie_op: datetime | None = None,
) -> InformatieObjectVersie:
    """A version of a document the actor may see: number `versie`, or the one registered last
    at `registratie_op`, or the current one."""
    io = document_get(actor=actor, uuid=uuid)
    qs = (
        InformatieObjectVersie.objects.filter(informatieobject=io)
        .select_related("informatieobject", "informatieobjecttype")
        .prefetch_related("informatieobject__bestandsdelen")
    )
    if versie is not None:
        qs = qs.filter(versie=versie)
    if registratie_op is not None:
        qs = qs.filter(begin_registratie__lte=registratie_op)
    gekozen = qs.order_by("-versie").first()
    if gekozen is None:
        raise NietGevonden("Deze versie van het document bestaat niet.")
    return gekozen


def documentversie_download(*, actor: Actor, versie: InformatieObjectVersie) -> None:
    """Log a download (a read of the content) for the cases the document belongs to."""
    zaken: list[Zaak | None] = list(
        Zaak.objects.filter(documenten__informatieobject_id=versie.informatieobject_id)
    ) or [None]
    for zaak in zaken:
        verwerkingen_record(
            actor=actor,
            handeling=f"Document gedownload: {versie.bestandsnaam} (versie {versie.versie})",
            doel="Documenten API",
            partijen=[],
            zaak=zaak,
        )


def bestandsdelen_zichtbaar(*, actor: Actor) -> QuerySet[BestandsDeel]:
    return BestandsDeel.objects.filter(
        informatieobject_filter(actor, prefix="informatieobject__")
    ).select_related("informatieobject")


def gebruiksrechten_zichtbaar(*, actor: Actor) -> QuerySet[Gebruiksrecht]:
    return (
        Gebruiksrecht.objects.filter(informatieobject_filter(actor, prefix="informatieobject__"))
        .select_related("informatieobject")
        .order_by("pk")
    )


def verzendingen_zichtbaar(*, actor: Actor) -> QuerySet[Verzending]:
    return (
        Verzending.objects.filter(informatieobject_filter(actor, prefix="informatieobject__"))
        .select_related("informatieobject")
        .order_by("-pk")
    )


def zaakdocumenten_zichtbaar(*, actor: Actor) -> QuerySet[ZaakInformatieObject]:
    """Case–document relations whose document the actor may see (OBJECTINFORMATIEOBJECTen)."""
    return (
        ZaakInformatieObject.objects.filter(
            informatieobject_filter(actor, prefix="informatieobject__")
        )
        .select_related("zaak", "informatieobject")
        .order_by("pk")
    )


def besluitdocumenten_zichtbaar(*, actor: Actor) -> QuerySet[BesluitInformatieObject]:
    return (
        BesluitInformatieObject.objects.filter(
            informatieobject_filter(actor, prefix="informatieobject__")
        )
        .select_related("besluit", "informatieobject")
        .order_by("pk")
    )


def document_audittrail(
    *, actor: Actor, informatieobject: InformatieObject
) -> QuerySet[AuditEntry]:
    """The audit entries of a document and of its usage rights and dispatches, oldest first.
    Reading the audit trail is for applications with audittrails.lezen (checked by the API)."""
    onderdelen = [
        *informatieobject.gebruiksrechten.values_list("uuid", flat=True),
        *informatieobject.verzendingen.values_list("uuid", flat=True),
    ]
    return AuditEntry.objects.filter(
        organisatie_id=actor.organisatie.pk,
        object_uuid__in=[informatieobject.uuid, *onderdelen],
    ).order_by("tijdstip", "id")
