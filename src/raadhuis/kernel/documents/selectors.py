"""Reads of documents, always through a case the actor may see."""

from __future__ import annotations

import uuid as uuid_module

from django.db.models import QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import zaak_filter
from raadhuis.kernel.audit.services import verwerking_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.documents.models import InformatieObjectVersie, ZaakInformatieObject
from raadhuis.kernel.exceptions import NietGevonden


def zaak_documenten(*, zaak: Zaak) -> QuerySet[ZaakInformatieObject]:
    """The documents of a case already fetched through zaak_get (which checked access)."""
    return (
        ZaakInformatieObject.objects.filter(zaak=zaak)
        .select_related("informatieobject", "informatieobject__informatieobjecttype")
        .prefetch_related("informatieobject__versies")
        .order_by("-registratiedatum")
    )


def document_versie_get(
    *, actor: Actor, uuid: uuid_module.UUID | str, versie: int | None = None
) -> InformatieObjectVersie:
    """A version (default: the latest) of a document on a case the actor may see.
    Downloading is a read of personal data and is logged."""
    try:
        qs = InformatieObjectVersie.objects.filter(
            informatieobject__uuid=uuid_module.UUID(str(uuid)),
            informatieobject__zaken__zaak__in=Zaak.objects.filter(zaak_filter(actor)),
        ).select_related("informatieobject")
        v = qs.get(versie=versie) if versie is not None else qs.order_by("-versie")[:1].get()
    except (InformatieObjectVersie.DoesNotExist, ValueError) as error:
        raise NietGevonden("Document niet gevonden.") from error
    zaak = Zaak.objects.filter(documenten__informatieobject=v.informatieobject).first()
    verwerking_record(
        actor=actor,
        handeling=f"Document gedownload: {v.bestandsnaam} (versie {v.versie})",
        doel="Zaakbehandeling",
        zaak=zaak,
    )
    return v
