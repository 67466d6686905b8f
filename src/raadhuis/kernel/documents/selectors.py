"""Reads of documents. The staff UI reaches documents through a case the actor may see, within
the actor's clearance for the document itself; the Documenten API by the application's
informatieobjecttype grants (both: `access.policies.informatieobject_filter`). What may be read
also follows the publication rule (`document_lees_filter`), for every caller alike."""

from __future__ import annotations

import uuid as uuid_module
from datetime import datetime

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import Applicatie
from raadhuis.kernel.access.policies import (
    informatieobject_filter,
    zaak_filter,
    zaakdocument_filter,
)
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.documents.models import (
    BesluitInformatieObject,
    BestandsDeel,
    ExternObjectInformatieObject,
    Gebruiksrecht,
    InformatieObject,
    InformatieObjectVersie,
    InkomendBericht,
    Verzending,
    ZaakInformatieObject,
)
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol


def zaak_documenten(*, actor: Actor, zaak: Zaak) -> QuerySet[ZaakInformatieObject]:
    """The documents of this installation of a case that the actor may see, newest first
    (documents in another Documenten API: `zaak_externe_documenten`)."""
    return (
        ZaakInformatieObject.objects.filter(
            zaakdocument_filter(actor), zaak=zaak, informatieobject__isnull=False
        )
        .select_related("informatieobject", "informatieobject__informatieobjecttype")
        .prefetch_related("informatieobject__versies")
        .order_by("-registratiedatum")
    )


def zaak_externe_documenten(*, actor: Actor, zaak: Zaak) -> QuerySet[ZaakInformatieObject]:
    """The documents of a case that live in another Documenten API (only their URL is kept
    here), for an actor who may see the case; the remote API guards their content."""
    return ZaakInformatieObject.objects.filter(
        zaak_filter(actor, prefix="zaak__"), zaak=zaak, informatieobject__isnull=True
    ).order_by("-registratiedatum")


def zaakinformatieobjecten_zichtbaar(*, actor: Actor) -> QuerySet[ZaakInformatieObject]:
    """Every case–document relation the actor may see (the Zaken API's
    ZAAKINFORMATIEOBJECTen): a local document within the actor's grant for the case, or an
    external document of a case the actor may see."""
    return ZaakInformatieObject.objects.filter(
        zaakdocument_filter(actor)
        | (Q(informatieobject__isnull=True) & zaak_filter(actor, prefix="zaak__"))
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
        if toegang is None or toegang.informatieobject_id is None:
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


# --- the publication rule -------------------------------------------------------------------
_PUBLICATIE_MEMO = ("documents", "alleen_gereed_voor_publicatie")


def alleen_gereed_voor_publicatie(actor: Actor, applicatie: Applicatie | None = None) -> bool:
    """Autorisaties API `alleenIsGereedVoorPublicatie`: an application with it may only read
    documents (a version) marked `isGereedVoorPublicatie`; the others are absent to it (404, left
    out of lists). Writing is governed by its scopes alone. Staff and the system: never.

    Looked up once per actor; a caller that already holds the actor's `applicatie` (the API's
    authentication) passes it and saves the query."""
    applicatie_id = actor.applicatie_id
    if actor.type != "applicatie" or applicatie_id is None:
        return False

    def lookup() -> bool:
        if applicatie is not None and applicatie.pk == applicatie_id:
            return bool(applicatie.alleen_is_gereed_voor_publicatie)
        return Applicatie.objects.filter(
            pk=applicatie_id, alleen_is_gereed_voor_publicatie=True
        ).exists()

    return actor.memo(_PUBLICATIE_MEMO, lookup)


def document_lees_filter(actor: Actor, prefix: str = "") -> Q:
    """Q for the documents `actor` may read: policies.informatieobject_filter, and for an
    application bound to the publication rule only those whose current version is ready for
    publication. `prefix` reaches a document through a relation ("informatieobject__")."""
    toegang = informatieobject_filter(actor, prefix=prefix)
    if alleen_gereed_voor_publicatie(actor):
        toegang &= Q(**{f"{prefix}laatste_versie__is_gereed_voor_publicatie": True})
    return toegang


def _document_filter(actor: Actor, prefix: str = "", *, lezen: bool) -> Q:
    """The read filter, or for a write (governed by scopes alone) the grant filter."""
    if lezen:
        return document_lees_filter(actor, prefix)
    return informatieobject_filter(actor, prefix=prefix)


# --- the Documenten API: documents by the actor's informatieobjecttype grants ---------------
def documenten_zichtbaar(*, actor: Actor, lezen: bool = True) -> QuerySet[InformatieObject]:
    """The documents the actor may read (`document_lees_filter`), or with `lezen=False` the
    ones it may change (policies.informatieobject_filter)."""
    return InformatieObject.objects.filter(_document_filter(actor, lezen=lezen))


def documentversies_actueel(
    *, actor: Actor, lezen: bool = True
) -> QuerySet[InformatieObjectVersie]:
    """The current version of every document the actor may read (or with `lezen=False`
    change), ready to serialise with a constant number of queries (document, type and parts
    come along)."""
    return (
        InformatieObjectVersie.objects.filter(
            _document_filter(actor, "informatieobject__", lezen=lezen),
            informatieobject__laatste_versie=F("pk"),
        )
        .select_related("informatieobject", "informatieobjecttype")
        .prefetch_related("informatieobject__bestandsdelen")
        .order_by("informatieobject_id")
    )


def document_get(
    *, actor: Actor, uuid: uuid_module.UUID | str, lezen: bool = True
) -> InformatieObject:
    """A document the actor may read (or with `lezen=False` change); else NietGevonden."""
    try:
        return documenten_zichtbaar(actor=actor, lezen=lezen).get(uuid=uuid_module.UUID(str(uuid)))
    except (InformatieObject.DoesNotExist, ValueError) as error:
        raise NietGevonden("Document niet gevonden.") from error


def documentversie_kiezen(
    *,
    actor: Actor,
    uuid: uuid_module.UUID | str,
    versie: int | None = None,
    registratie_op: datetime | None = None,
    lezen: bool = True,
) -> InformatieObjectVersie:
    """A version of a document the actor may see: number `versie`, or the one registered last
    at `registratie_op`, or the current one. To read it (`lezen`), the publication rule holds
    for that version itself: an older version ready for publication may be read, a newer one
    that is not may not."""
    io = document_get(actor=actor, uuid=uuid, lezen=False)
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
    if (
        lezen
        and alleen_gereed_voor_publicatie(actor)
        and gekozen.is_gereed_voor_publicatie is not True
    ):
        raise NietGevonden("Document niet gevonden.")
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
    """Upload parts of documents the actor may change (uploading is a write: no publication
    rule)."""
    return BestandsDeel.objects.filter(
        informatieobject_filter(actor, prefix="informatieobject__")
    ).select_related("informatieobject")


def gebruiksrechten_zichtbaar(*, actor: Actor, lezen: bool = True) -> QuerySet[Gebruiksrecht]:
    return (
        Gebruiksrecht.objects.filter(_document_filter(actor, "informatieobject__", lezen=lezen))
        .select_related("informatieobject")
        .order_by("pk")
    )


def verzendingen_zichtbaar(*, actor: Actor, lezen: bool = True) -> QuerySet[Verzending]:
    return (
        Verzending.objects.filter(_document_filter(actor, "informatieobject__", lezen=lezen))
        .select_related("informatieobject")
        .order_by("-pk")
    )


def zaakdocumenten_zichtbaar(*, actor: Actor, lezen: bool = True) -> QuerySet[ZaakInformatieObject]:
    """Case–document relations whose document the actor may see (OBJECTINFORMATIEOBJECTen)."""
    return (
        ZaakInformatieObject.objects.filter(
            _document_filter(actor, "informatieobject__", lezen=lezen)
        )
        .select_related("zaak", "informatieobject")
        .order_by("pk")
    )


def besluitdocumenten_zichtbaar(
    *, actor: Actor, lezen: bool = True
) -> QuerySet[BesluitInformatieObject]:
    return (
        BesluitInformatieObject.objects.filter(
            _document_filter(actor, "informatieobject__", lezen=lezen)
        )
        .select_related("besluit", "informatieobject")
        .order_by("pk")
    )


def externe_objectrelaties_zichtbaar(
    *, actor: Actor, lezen: bool = True
) -> QuerySet[ExternObjectInformatieObject]:
    """Relations of objects in other APIs with documents the actor may see."""
    return (
        ExternObjectInformatieObject.objects.filter(
            _document_filter(actor, "informatieobject__", lezen=lezen)
        )
        .select_related("informatieobject")
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


# --- the postkamer: incoming e-mail waiting for a case --------------------------------------
def _postkamer_toegang(actor: Actor) -> None:
    """Incoming mail is read before anyone knows whose it is: every medewerker of the
    organisation may sort it; other roles (teamleider, auditor) may not read it."""
    if not (actor.type == "systeem" or actor.heeft_rol(Rol.MEDEWERKER)):
        raise ToegangGeweigerd(_("Je hebt geen rol die de postkamer mag openen."))


def _berichten_zichtbaar(actor: Actor) -> QuerySet[InkomendBericht]:
    """Mail not (yet) filed is for every medewerker of the organisation; mail filed in a case
    is case data, for those who may see that case."""
    _postkamer_toegang(actor)
    return InkomendBericht.objects.filter(
        Q(zaak__isnull=True) | zaak_filter(actor, prefix="zaak__"),
        organisatie_id=actor.organisatie.pk,
    ).select_related("zaak", "afgehandeld_door")


def postkamer_berichten(*, actor: Actor, status: str = "") -> QuerySet[InkomendBericht]:
    """The organisation's incoming e-mails the actor may see, newest first; `status` narrows
    them (nieuw, gekoppeld, afgewezen). Showing the list (senders, subjects) is logged."""
    qs = _berichten_zichtbaar(actor)
    if status:
        qs = qs.filter(status=status)
    verwerkingen_record(
        actor=actor, handeling="Postkamer ingezien", doel="Postkamer", partijen=[], zaak=None
    )
    return qs.order_by("-ontvangen_op", "-id")


def inkomend_bericht_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> InkomendBericht:
    """One incoming e-mail the actor may see (`_berichten_zichtbaar`); reading it is logged."""
    try:
        bericht = _berichten_zichtbaar(actor).get(uuid=uuid_module.UUID(str(uuid)))
    except (InkomendBericht.DoesNotExist, ValueError) as error:
        raise NietGevonden("Bericht niet gevonden.") from error
    verwerkingen_record(
        actor=actor,
        handeling=f"Inkomend bericht ingezien: {bericht.onderwerp}"[:200],
        doel="Postkamer",
        partijen=[],
        zaak=bericht.zaak,
    )
    return bericht


def inkomend_bericht_tekst(bericht: InkomendBericht) -> str:
    """The readable text of a stored e-mail (its plain text, else its HTML without tags)."""
    from raadhuis.kernel.documents.email_bericht import email_lezen

    with bericht.bestand.open("rb") as fh:
        return email_lezen(fh.read()).tekst


def zaak_voor_post(*, actor: Actor, identificatie: str) -> Zaak:
    """The case with this number that the actor may see (a mail is filed by case number)."""
    zaak = (
        Zaak.objects.filter(zaak_filter(actor), identificatie__iexact=identificatie.strip())
        .select_related("zaaktype")
        .first()
    )
    if zaak is None:
        raise NietGevonden("Zaak niet gevonden.")
    return zaak
