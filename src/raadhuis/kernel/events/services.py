"""Writes of the events app: queue a domain event in the caller's transaction (nothing is lost),
manage the channels and subscriptions of the Notificaties API, accept a notification from
another component, and let an administrator offer a failed delivery again."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, diff
from raadhuis.kernel.events.callbacks import callback_url_check
from raadhuis.kernel.events.kanalen import kanalen_standaard_ensure
from raadhuis.kernel.events.models import (
    Abonnement,
    AbonnementKanaal,
    Aflevering,
    AfleveringStatus,
    Kanaal,
    OutboxEvent,
)
from raadhuis.kernel.events.resources import uuid_from_url
from raadhuis.kernel.exceptions import ToegangGeweigerd, field_error
from raadhuis.kernel.organisations.models import Organisatie, Rol

SCOPE_CONSUMEREN = "notificaties.consumeren"
SCOPE_PUBLICEREN = "notificaties.publiceren"
BEHEER_ROLLEN = (Rol.BEHEERDER, Rol.FUNCTIONEEL_BEHEERDER)


# The events of an `events_gebundeld` block, written together at its end (None: outside one).
_bundel: ContextVar[list[OutboxEvent] | None] = ContextVar("events_bundel", default=None)


def event_queue(
    *,
    organisatie: Organisatie,
    kanaal: str,
    resource: str,
    actie: str,
    resource_uuid: uuid.UUID,
    hoofd_object_uuid: uuid.UUID,
    kenmerken: dict[str, Any] | None = None,
) -> OutboxEvent:
    """Queue a domain event in the caller's transaction. Inside `events_gebundeld` it is
    written at the end of that block (the returned event has no primary key until then)."""
    event = OutboxEvent(
        organisatie=organisatie,
        kanaal=kanaal,
        resource=resource,
        actie=actie,
        resource_uuid=resource_uuid,
        hoofd_object_uuid=hoofd_object_uuid,
        kenmerken=kenmerken or {},
    )
    bundel = _bundel.get()
    if bundel is None:
        event.save(force_insert=True)
    else:
        bundel.append(event)
    return event


@contextmanager
def events_gebundeld() -> Iterator[None]:
    """Write the events queued in this block in one insert when it ends, in queueing order.

    For a run of writes in one transaction that raise rather than recover: when the block
    ends with an error nothing is written (the caller's transaction rolls back). So never
    put code inside that catches an error and carries on after its savepoint rolled back:
    the events of the rolled-back part would still be written."""
    bundel: list[OutboxEvent] = []
    token = _bundel.set(bundel)
    try:
        yield
    finally:
        _bundel.reset(token)
    if bundel:
        OutboxEvent.objects.bulk_create(bundel)


@dataclass(frozen=True)
class KanaalFilters:
    """One `FilterGroup` of an abonnement: a channel name and the kenmerken to match."""

    naam: str
    filters: dict[str, str] = field(default_factory=dict)


def _check_notificaties_beheer(actor: Actor, scope: str) -> None:
    """An application needs the scope; a medewerker an administrative role."""
    if actor.type == "systeem":
        return
    if actor.type == "applicatie":
        if actor.heeft_scope(scope):
            return
        raise ToegangGeweigerd(
            _("Deze applicatie heeft de scope %(scope)s niet.") % {"scope": scope}
        )
    if not actor.heeft_rol(*BEHEER_ROLLEN):
        raise ToegangGeweigerd(_("Alleen een beheerder mag notificaties inrichten."))


def kanaal_create(
    *,
    actor: Actor,
    naam: str,
    documentatie_link: str = "",
    filters: list[str] | None = None,
) -> Kanaal:
    """Register a channel; its name is unique over the whole installation."""
    _check_notificaties_beheer(actor, SCOPE_PUBLICEREN)
    with transaction.atomic():
        if Kanaal.objects.select_for_update().filter(naam=naam).exists():
            raise field_error("naam", _("Er bestaat al een kanaal met deze naam."), code="unique")
        kanaal = Kanaal.objects.create(
            naam=naam, documentatie_link=documentatie_link, filters=list(filters or [])
        )
        audit_entry_record(
            actor=actor,
            actie="kanaal_aangemaakt",
            obj=kanaal,
            wijzigingen={"naam": [None, naam], "filters": [None, kanaal.filters]},
        )
    return kanaal


def _kanaal_groepen(kanalen: list[KanaalFilters]) -> list[tuple[Kanaal, dict[str, str]]]:
    """Resolve channel names and check each filter is a kenmerk of its channel."""
    kanalen_standaard_ensure()
    bestaand = {k.naam: k for k in Kanaal.objects.filter(naam__in=[g.naam for g in kanalen])}
    groepen = []
    for groep in kanalen:
        kanaal = bestaand.get(groep.naam)
        if kanaal is None:
            raise field_error(
                "kanalen",
                _("Kanaal %(naam)s bestaat niet.") % {"naam": groep.naam},
                code="kanaal-bestaat-niet",
            )
        onbekend = sorted(set(groep.filters) - set(kanaal.filters))
        if onbekend:
            raise field_error(
                "kanalen",
                _("Kanaal %(naam)s kent de filter(s) %(filters)s niet.")
                % {"naam": kanaal.naam, "filters": ", ".join(onbekend)},
                code="kenmerken-inconsistent",
            )
        groepen.append((kanaal, dict(groep.filters)))
    return groepen


def _abonnement_snapshot(abonnement: Abonnement) -> dict[str, Any]:
    """What the audit trail shows of a subscription; never the Authorization header itself."""
    return {
        "callbackUrl": abonnement.callback_url,
        "kanalen": [
            {"naam": g.kanaal.naam, "filters": g.filters}
            for g in abonnement.kanalen.select_related("kanaal")
        ],
    }


def _kanalen_set(abonnement: Abonnement, groepen: list[tuple[Kanaal, dict[str, str]]]) -> None:
    abonnement.kanalen.all().delete()
    AbonnementKanaal.objects.bulk_create(
        AbonnementKanaal(abonnement=abonnement, kanaal=kanaal, filters=filters)
        for kanaal, filters in groepen
    )


def abonnement_create(
    *,
    actor: Actor,
    callback_url: str,
    auth: str,
    kanalen: list[KanaalFilters],
) -> Abonnement:
    """Subscribe a callback URL of the actor's organisation to channels with filters."""
    _check_notificaties_beheer(actor, SCOPE_CONSUMEREN)
    callback_url_check(actor, callback_url)
    with transaction.atomic():
        groepen = _kanaal_groepen(kanalen)
        abonnement = Abonnement.objects.create(
            organisatie=actor.organisatie, callback_url=callback_url, auth=auth
        )
        _kanalen_set(abonnement, groepen)
        audit_entry_record(
            actor=actor,
            actie="abonnement_aangemaakt",
            obj=abonnement,
            wijzigingen=diff({}, _abonnement_snapshot(abonnement)),
        )
    return abonnement


def _abonnement_lock(actor: Actor, abonnement: Abonnement) -> Abonnement:
    locked = Abonnement.objects.select_for_update().filter(pk=abonnement.pk).first()
    if locked is None or locked.organisatie_id != actor.organisatie.pk:
        raise ToegangGeweigerd(_("Dit abonnement hoort niet bij uw organisatie."))
    return locked


def abonnement_update(
    *,
    actor: Actor,
    abonnement: Abonnement,
    callback_url: str | None = None,
    auth: str | None = None,
    kanalen: list[KanaalFilters] | None = None,
) -> Abonnement:
    """Change what is given (None leaves a field as it is); `kanalen` replaces all groups."""
    _check_notificaties_beheer(actor, SCOPE_CONSUMEREN)
    if callback_url is not None:
        callback_url_check(actor, callback_url)  # may resolve a name: outside the transaction
    with transaction.atomic():
        abonnement = _abonnement_lock(actor, abonnement)
        voor = _abonnement_snapshot(abonnement)
        velden = []
        if callback_url is not None:
            abonnement.callback_url = callback_url
            velden.append("callback_url")
        auth_gewijzigd = auth is not None and auth != abonnement.auth
        if auth is not None:
            abonnement.auth = auth
            velden.append("auth")
        if velden:
            abonnement.save(update_fields=velden)
        if kanalen is not None:
            _kanalen_set(abonnement, _kanaal_groepen(kanalen))
        wijzigingen = diff(voor, _abonnement_snapshot(abonnement))
        if auth_gewijzigd:
            wijzigingen["auth"] = ["***", "***"]
        audit_entry_record(
            actor=actor, actie="abonnement_gewijzigd", obj=abonnement, wijzigingen=wijzigingen
        )
    return abonnement


def abonnement_delete(*, actor: Actor, abonnement: Abonnement) -> None:
    """End a subscription; deliveries still waiting for it are dropped with it."""
    _check_notificaties_beheer(actor, SCOPE_CONSUMEREN)
    with transaction.atomic():
        abonnement = _abonnement_lock(actor, abonnement)
        audit_entry_record(
            actor=actor,
            actie="abonnement_verwijderd",
            obj=abonnement,
            wijzigingen=diff(_abonnement_snapshot(abonnement), {"callbackUrl": None}),
        )
        abonnement.delete()


def notificatie_publish(*, actor: Actor, bericht: dict[str, Any]) -> OutboxEvent:
    """Accept a message from another component: it is routed unchanged to the subscriptions
    of the actor's organisation, through the same outbox as the kernel's own events."""
    _check_notificaties_beheer(actor, SCOPE_PUBLICEREN)
    kanalen_standaard_ensure()
    kanaal = Kanaal.objects.filter(naam=bericht["kanaal"]).first()
    if kanaal is None:
        raise field_error("kanaal", _("Kanaal bestaat niet."), code="kanaal-bestaat-niet")
    kenmerken = dict(bericht.get("kenmerken") or {})
    onbekend = sorted(set(kenmerken) - set(kanaal.filters))
    if onbekend:
        raise field_error(
            "kenmerken",
            _("Het kanaal kent de kenmerk(en) %(k)s niet.") % {"k": ", ".join(onbekend)},
            code="kenmerken-inconsistent",
        )
    with transaction.atomic():
        event = OutboxEvent.objects.create(
            organisatie=actor.organisatie,
            kanaal=kanaal.naam,
            resource=bericht["resource"],
            actie=bericht["actie"],
            resource_uuid=uuid_from_url(bericht["resourceUrl"]),
            hoofd_object_uuid=uuid_from_url(bericht["hoofdObject"]),
            kenmerken=kenmerken,
            bericht=bericht,
        )
        audit_entry_record(
            actor=actor,
            actie="notificatie_ontvangen",
            obj=event,
            wijzigingen={"resourceUrl": [None, bericht["resourceUrl"]]},
        )
    return event


def aflevering_retry(*, actor: Actor, aflevering: Aflevering) -> Aflevering:
    """Offer a failed delivery again, with a fresh series of attempts (beheerder only)."""
    if not actor.heeft_rol(Rol.BEHEERDER):
        raise ToegangGeweigerd(_("Alleen een beheerder mag een aflevering opnieuw aanbieden."))
    with transaction.atomic():
        locked = (
            Aflevering.objects.select_for_update()
            .select_related("abonnement")
            .filter(pk=aflevering.pk)
            .first()
        )
        if locked is None or locked.abonnement.organisatie_id != actor.organisatie.pk:
            raise ToegangGeweigerd(_("Deze aflevering hoort niet bij uw organisatie."))
        if locked.status != AfleveringStatus.FAILED:
            raise ValidationError(
                _("Alleen een mislukte aflevering kan opnieuw worden aangeboden."),
                code="niet-mislukt",
            )
        voor = {"status": locked.status, "pogingen": locked.pogingen}
        locked.status = AfleveringStatus.PENDING
        locked.pogingen = 0
        locked.volgende_poging_op = timezone.now()
        locked.save(update_fields=["status", "pogingen", "volgende_poging_op"])
        audit_entry_record(
            actor=actor,
            actie="aflevering_opnieuw_aangeboden",
            obj=locked,
            wijzigingen=diff(voor, {"status": locked.status, "pogingen": 0}),
            toelichting=locked.laatste_fout[:500],
        )
    return locked
