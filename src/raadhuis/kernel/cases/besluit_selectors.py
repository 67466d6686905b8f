"""Every read of decisions (besluiten). Access is part of the SQL, as for cases.

Who sees which decision, always within the actor's own organisation:
- an application with every autorisatie (or the system): all of them;
- another application: those whose besluittype it holds a grant on for the request's scope
  (`actor.besluittype_ids`, Autorisaties API: autorisaties per besluittype for the brc);
- a medewerker (role medewerker): decisions without a case, and those on a case they may see.
"""

from __future__ import annotations

import uuid as uuid_module

from django.db.models import Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import NOTHING, zaak_filter
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.models import Besluit
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol

BESLUIT_NIET_GEAUTORISEERD = "Je bent niet geautoriseerd voor dit besluit."


def besluit_filter(actor: Actor, prefix: str = "") -> Q:
    """Q for the decisions `actor` may see; `prefix` reaches a decision through a relation
    ("besluit__")."""
    tenant = Q(**{f"{prefix}organisatie_id": actor.organisatie.pk})
    if actor.alle_zaaktypen:
        return tenant
    if actor.type == "applicatie":
        if not actor.besluittype_ids:
            return NOTHING
        return tenant & Q(**{f"{prefix}besluittype_id__in": sorted(actor.besluittype_ids)})
    if not actor.heeft_rol(Rol.MEDEWERKER):
        return NOTHING
    zonder_zaak = Q(**{f"{prefix}zaak__isnull": True})
    return tenant & (zonder_zaak | zaak_filter(actor, prefix=f"{prefix}zaak__"))


def mag_besluittype_gebruiken(actor: Actor, besluittype_id: int) -> bool:
    """May the actor record or change decisions of this type (its grants, not the case's)."""
    if actor.alle_zaaktypen or actor.type == "systeem":
        return True
    if actor.type == "applicatie":
        return besluittype_id in actor.besluittype_ids
    return actor.heeft_rol(Rol.MEDEWERKER)


def require_besluit_access(actor: Actor, besluit: Besluit) -> None:
    """The single-object twin of besluit_filter, for services that already hold the decision."""
    if besluit.organisatie_id != actor.organisatie.pk:
        raise ToegangGeweigerd(BESLUIT_NIET_GEAUTORISEERD)
    if not mag_besluittype_gebruiken(actor, besluit.besluittype_id):
        raise ToegangGeweigerd(BESLUIT_NIET_GEAUTORISEERD)
    if actor.type == "medewerker" and besluit.zaak_id is not None:
        zaak = besluit.zaak
        if zaak is None or not actor.mag_zaak_zien(
            zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding, zaak_id=zaak.pk
        ):
            raise ToegangGeweigerd(BESLUIT_NIET_GEAUTORISEERD)


def besluiten_visible(*, actor: Actor) -> QuerySet[Besluit]:
    return Besluit.objects.filter(besluit_filter(actor))


def besluiten_list(
    *,
    actor: Actor,
    identificatie: str = "",
    verantwoordelijke_organisatie: str = "",
    besluittype_uuid: uuid_module.UUID | None = None,
    zaak_uuid: uuid_module.UUID | None = None,
) -> QuerySet[Besluit]:
    """Decisions the actor may see, newest first, with what a list row shows joined in."""
    qs = besluiten_visible(actor=actor).select_related("besluittype", "zaak")
    if identificatie:
        qs = qs.filter(identificatie=identificatie)
    if verantwoordelijke_organisatie:
        qs = qs.filter(verantwoordelijke_organisatie=verantwoordelijke_organisatie)
    if besluittype_uuid is not None:
        qs = qs.filter(besluittype__uuid=besluittype_uuid)
    if zaak_uuid is not None:
        qs = qs.filter(zaak__uuid=zaak_uuid)
    return qs.order_by("-id")


def besluit_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> Besluit:
    """One decision the actor may see; NietGevonden otherwise (never revealing it exists)."""
    try:
        key = uuid_module.UUID(str(uuid))
    except ValueError as error:
        raise NietGevonden("Besluit niet gevonden.") from error
    besluit = besluiten_list(actor=actor).filter(uuid=key).first()
    if besluit is None:
        raise NietGevonden("Besluit niet gevonden.")
    return besluit


def besluit_audit_history(*, actor: Actor, besluit: Besluit) -> QuerySet[AuditEntry]:
    """The audit trail of a decision fetched through besluit_get (access checked): its own
    entries and those of its document links, oldest first, as the Besluiten API lists them."""
    if besluit.organisatie_id != actor.organisatie.pk:
        raise ToegangGeweigerd(BESLUIT_NIET_GEAUTORISEERD)
    from raadhuis.kernel.documents.models import BesluitInformatieObject

    links = BesluitInformatieObject.objects.filter(besluit_id=besluit.pk).values("uuid")
    return AuditEntry.objects.filter(
        Q(object_uuid=besluit.uuid) | Q(object_uuid__in=links),
        organisatie_id=besluit.organisatie_id,
    ).order_by("tijdstip", "id")


def besluitdocumenten_visible(*, actor: Actor) -> QuerySet:
    """The document links (BesluitInformatieObject) of the decisions the actor may see, with
    what the Besluiten API shows joined in, newest first."""
    from raadhuis.kernel.documents.models import BesluitInformatieObject

    return (
        BesluitInformatieObject.objects.filter(besluit_filter(actor, prefix="besluit__"))
        .select_related("besluit", "informatieobject")
        .order_by("-id")
    )
