"""Reads of documents: through a case the actor may see, and within the actor's clearance for
the document itself."""

from __future__ import annotations

import uuid as uuid_module

from django.db.models import QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import zaakdocument_filter
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.documents.models import InformatieObjectVersie, ZaakInformatieObject
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
