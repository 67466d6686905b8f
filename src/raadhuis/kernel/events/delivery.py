"""Deliver the outbox: turn due events into ZGW notification messages and POST them to every
matching abonnement, with retries and exponential back-off.

Two steps, each safe to run in several workers at once:

1. `events_distribute`: a pending `OutboxEvent` gets its message (`bericht`) and one
   `Aflevering` per abonnement of its organisation whose channel and filters match. The
   unique (event, abonnement) pair makes this idempotent.
2. `afleveringen_send`: a due `Aflevering` is claimed in a short transaction (row lock with
   SKIP LOCKED on PostgreSQL, the attempt counted and a lease set), POSTed outside any
   transaction, and its result recorded. A worker that dies mid-send leaves the lease to expire,
   after which another worker tries again: a subscriber may then see a message twice, never
   zero times. A subscriber that is down keeps its deliveries until it is back, up to
   RAADHUIS_NOTIFICATIES_MAX_POGINGEN attempts; after that an administrator can offer the
   delivery again from the admin (services.aflevering_retry).
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from raadhuis.kernel.events.models import (
    Abonnement,
    AbonnementKanaal,
    Aflevering,
    AfleveringStatus,
    OutboxEvent,
    OutboxStatus,
)
from raadhuis.kernel.events.resources import (
    KANALEN,
    KENMERK_ALIASES,
    RESOURCE_PATHS,
    URL_KENMERKEN,
    hoofd_object_url,
    resource_url,
)

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10  # per POST to a subscriber (connect and read)
BACKOFF_BASE = datetime.timedelta(minutes=1)
BACKOFF_CAP = datetime.timedelta(hours=1)
# A claimed delivery whose worker vanished is tried again after its lease: long enough for the
# worker to try every delivery of its batch, each up to the timeout.
LEASE_MARGIN = datetime.timedelta(seconds=60)
DEFAULT_MAX_POGINGEN = 12


def max_pogingen() -> int:
    return int(getattr(settings, "NOTIFICATIES_MAX_POGINGEN", DEFAULT_MAX_POGINGEN))


def backoff(pogingen: int) -> datetime.timedelta:
    """Wait after the n-th failed attempt: 1 min, 2, 4, 8 … capped at an hour."""
    return min(BACKOFF_BASE * 2 ** max(pogingen - 1, 0), BACKOFF_CAP)


# --- the message ------------------------------------------------------------------------------


def _zaak_kenmerken(hoofd_uuid: uuid.UUID) -> dict[str, Any]:
    from raadhuis.kernel.cases.models import Zaak

    zaak = Zaak.objects.filter(uuid=hoofd_uuid).select_related("zaaktype").first()
    if zaak is None:
        return {}
    return {
        "bronorganisatie": zaak.bronorganisatie,
        "zaaktype": zaak.zaaktype.uuid,
        "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
    }


def _document_kenmerken(hoofd_uuid: uuid.UUID) -> dict[str, Any]:
    from raadhuis.kernel.documents.models import InformatieObject

    io = (
        InformatieObject.objects.filter(uuid=hoofd_uuid)
        .select_related("informatieobjecttype")
        .first()
    )
    if io is None:
        return {}
    return {
        "bronorganisatie": io.bronorganisatie,
        "informatieobjecttype": io.informatieobjecttype.uuid,
        "vertrouwelijkheidaanduiding": io.vertrouwelijkheidaanduiding,
    }


def _besluit_kenmerken(hoofd_uuid: uuid.UUID) -> dict[str, Any]:
    from raadhuis.kernel.cases.models import Besluit

    besluit = Besluit.objects.filter(uuid=hoofd_uuid).select_related("besluittype").first()
    if besluit is None:
        return {}
    return {
        "verantwoordelijke_organisatie": besluit.verantwoordelijke_organisatie,
        "besluittype": besluit.besluittype.uuid,
    }


def _type_kenmerken(model_name: str) -> Callable[[uuid.UUID], dict[str, Any]]:
    def derive(hoofd_uuid: uuid.UUID) -> dict[str, Any]:
        from django.apps import apps

        model = apps.get_model("catalog", model_name)
        obj = model.objects.filter(uuid=hoofd_uuid).select_related("catalogus").first()
        return {"catalogus": obj.catalogus.uuid} if obj is not None else {}

    return derive


# Where a kenmerk an event lacks can be read from the database, per channel.
KENMERKEN_UIT_DATABASE: dict[str, Callable[[uuid.UUID], dict[str, Any]]] = {
    "zaken": _zaak_kenmerken,
    "documenten": _document_kenmerken,
    "besluiten": _besluit_kenmerken,
    "zaaktypen": _type_kenmerken("ZaakType"),
    "informatieobjecttypen": _type_kenmerken("InformatieObjectType"),
    "besluittypen": _type_kenmerken("BesluitType"),
}


def _kenmerk_value(naam: str, value: Any) -> str:
    """A kenmerk as the message carries it: a string, a reference as its URL."""
    if naam in URL_KENMERKEN and value and "://" not in str(value):
        return resource_url(naam, value, value)
    return str(value)


def notificatie_kenmerken(event: OutboxEvent) -> dict[str, str]:
    """The event's kenmerken under the specification's names, completed from the database
    where the event lacks one of its channel's kenmerken, references as URLs."""
    kenmerken = {KENMERK_ALIASES.get(k, k): v for k, v in (event.kenmerken or {}).items()}
    standaard = list(KANALEN.get(event.kanaal, {}).get("kenmerken", []))  # type: ignore[call-overload]
    ontbrekend = [k for k in standaard if kenmerken.get(k) in (None, "")]
    derive = KENMERKEN_UIT_DATABASE.get(event.kanaal)
    if ontbrekend and derive is not None and event.hoofd_object_uuid is not None:
        uit_database = derive(event.hoofd_object_uuid)
        kenmerken.update({k: uit_database[k] for k in ontbrekend if k in uit_database})
    return {k: _kenmerk_value(k, v) for k, v in kenmerken.items() if v not in (None, "")}


def _aanmaakdatum(moment: datetime.datetime) -> str:
    text = moment.astimezone(datetime.UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def notificatie_bericht(event: OutboxEvent) -> dict[str, Any] | None:
    """The ZGW message for a kernel event; None when no standard API publishes its resource
    (e.g. a workflow task), so there is nothing a subscriber could fetch."""
    if event.resource not in RESOURCE_PATHS or event.resource_uuid is None:
        return None
    hoofd = event.hoofd_object_uuid or event.resource_uuid
    return {
        "kanaal": event.kanaal,
        "hoofdObject": hoofd_object_url(event.kanaal, event.resource, hoofd),
        "resource": event.resource,
        "resourceUrl": resource_url(event.resource, event.resource_uuid, hoofd),
        "actie": event.actie,
        "aanmaakdatum": _aanmaakdatum(event.aangemaakt_op),
        "kenmerken": notificatie_kenmerken(event),
    }


# --- step 1: distribute -----------------------------------------------------------------------


def filters_match(filters: dict[str, str], kenmerken: dict[str, Any]) -> bool:
    """Every filter must equal the message's kenmerk; `*` accepts any value."""
    return all(
        value == "*" or str(kenmerken.get(naam, "")) == str(value)
        for naam, value in (filters or {}).items()
    )


def abonnementen_matching(organisatie_id: int, bericht: dict[str, Any]) -> list[Abonnement]:
    """The subscriptions of the organisation with a matching group on the message's channel."""
    groepen = AbonnementKanaal.objects.filter(
        abonnement__organisatie_id=organisatie_id, kanaal__naam=bericht["kanaal"]
    ).select_related("abonnement")
    kenmerken = bericht.get("kenmerken") or {}
    gevonden: dict[int, Abonnement] = {}
    for groep in groepen.order_by("abonnement_id", "pk"):
        if groep.abonnement_id not in gevonden and filters_match(groep.filters, kenmerken):
            gevonden[groep.abonnement_id] = groep.abonnement
    return list(gevonden.values())


def _distribute(event: OutboxEvent, now: datetime.datetime) -> None:
    bericht = event.bericht or notificatie_bericht(event)
    if bericht is None:
        event.status = OutboxStatus.SKIPPED
        event.save(update_fields=["status"])
        return
    event.bericht = bericht
    Aflevering.objects.bulk_create(
        [
            Aflevering(outbox_event=event, abonnement=abonnement, volgende_poging_op=now)
            for abonnement in abonnementen_matching(event.organisatie_id, bericht)
        ],
        ignore_conflicts=True,
    )
    event.status = OutboxStatus.SENT
    event.save(update_fields=["bericht", "status"])


def _due(now: datetime.datetime) -> Q:
    return Q(volgende_poging_op__isnull=True) | Q(volgende_poging_op__lte=now)


def events_distribute(*, now: datetime.datetime | None = None, batch: int = 200) -> int:
    """Fan out up to `batch` pending events; returns how many were handled."""
    now = now or timezone.now()
    with transaction.atomic():
        events = list(
            OutboxEvent.objects.select_for_update(skip_locked=True)
            .filter(_due(now), status=OutboxStatus.PENDING)
            .order_by("pk")[:batch]
        )
        for event in events:
            try:
                with transaction.atomic():
                    _distribute(event, now)
            except Exception as exc:  # noqa: BLE001 - one broken event must not block the rest
                logger.exception("Outbox event %s could not be distributed", event.pk)
                event.status = OutboxStatus.FAILED
                event.pogingen += 1
                event.laatste_fout = f"{type(exc).__name__}: {exc}"[:2000]
                event.save(update_fields=["status", "pogingen", "laatste_fout"])
    return len(events)


# --- step 2: send -----------------------------------------------------------------------------


@dataclass
class SendResult:
    afgeleverd: int = 0
    mislukt: int = 0  # attempts that failed (will be tried again, or gave up)
    opgegeven: int = 0  # of those, deliveries that reached the maximum number of attempts

    @property
    def pogingen(self) -> int:
        return self.afgeleverd + self.mislukt


def _claim(now: datetime.datetime, batch: int) -> list[Aflevering]:
    """Take due deliveries for this worker: count the attempt and set a lease, so no other
    worker picks them up while this one is sending."""
    lease = now + batch * datetime.timedelta(seconds=TIMEOUT_SECONDS) + LEASE_MARGIN
    with transaction.atomic():
        claimed = list(
            Aflevering.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(_due(now), status=AfleveringStatus.PENDING)
            .select_related("outbox_event", "abonnement")
            .order_by("volgende_poging_op", "pk")[:batch]
        )
        for aflevering in claimed:
            aflevering.pogingen += 1
            aflevering.volgende_poging_op = lease
            aflevering.save(update_fields=["pogingen", "volgende_poging_op"])
    return claimed


def _post(aflevering: Aflevering) -> tuple[int | None, str]:
    """POST the message; (HTTP status or None, error text or "")."""
    abonnement = aflevering.abonnement
    headers = {"Content-Type": "application/json"}
    if abonnement.auth:
        headers["Authorization"] = abonnement.auth
    try:
        response = requests.post(
            abonnement.callback_url,
            json=aflevering.outbox_event.bericht,
            headers=headers,
            timeout=TIMEOUT_SECONDS,
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        return None, f"{type(exc).__name__}: {exc}"[:2000]
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, f"HTTP {response.status_code}: {response.text[:500]}"


def _record(
    aflevering: Aflevering, http_status: int | None, fout: str, now: datetime.datetime
) -> str:
    """Store the outcome of the attempt claimed as `aflevering.pogingen`; returns the status.
    The update applies only if no other worker claimed the delivery since (lease expired)."""
    values: dict[str, Any] = {"http_status": http_status, "laatste_fout": fout}
    if not fout:
        values.update(status=AfleveringStatus.SENT, afgeleverd_op=now, volgende_poging_op=None)
    elif aflevering.pogingen >= max_pogingen():
        values.update(status=AfleveringStatus.FAILED, volgende_poging_op=None)
    else:
        values.update(
            status=AfleveringStatus.PENDING,
            volgende_poging_op=now + backoff(aflevering.pogingen),
        )
    Aflevering.objects.filter(
        pk=aflevering.pk, pogingen=aflevering.pogingen, status=AfleveringStatus.PENDING
    ).update(**values)
    return str(values["status"])


def afleveringen_send(*, now: datetime.datetime | None = None, batch: int = 20) -> SendResult:
    """Send up to `batch` due deliveries, one POST each. `now` fixes the clock (tests)."""
    result = SendResult()
    for aflevering in _claim(now or timezone.now(), batch):
        http_status, fout = _post(aflevering)
        status = _record(aflevering, http_status, fout, now or timezone.now())
        if not fout:
            result.afgeleverd += 1
            continue
        result.mislukt += 1
        if status == AfleveringStatus.FAILED:
            result.opgegeven += 1
        logger.warning(
            "Notification %s to %s failed (attempt %s): %s",
            aflevering.outbox_event_id,
            aflevering.abonnement.callback_url,
            aflevering.pogingen,
            fout,
        )
    return result


def outbox_process(*, now: datetime.datetime | None = None) -> tuple[int, SendResult]:
    """One round of the worker: distribute what is pending, then send what is due."""
    verdeeld = events_distribute(now=now)
    return verdeeld, afleveringen_send(now=now)


# --- housekeeping ---------------------------------------------------------------------------
def outbox_opruimen(*, now: datetime.datetime | None = None, batch: int = 5000) -> int:
    """Remove delivered notifications older than NOTIFICATIES_BEWAAR_DAGEN, at most `batch`
    per call (short transactions next to a busy worker); returns how many went.

    Kept: whatever is still pending, and every event with a failed delivery, so an
    administrator can still see and offer it again. The audit trail, not the outbox, is the
    record of what happened."""
    dagen = settings.NOTIFICATIES_BEWAAR_DAGEN
    if dagen <= 0:
        return 0
    grens = (now or timezone.now()) - datetime.timedelta(days=dagen)
    onaf = Aflevering.objects.filter(
        status__in=[AfleveringStatus.PENDING, AfleveringStatus.FAILED]
    ).values("outbox_event_id")
    weg = list(
        OutboxEvent.objects.filter(
            status__in=[OutboxStatus.SENT, OutboxStatus.SKIPPED], aangemaakt_op__lt=grens
        )
        .exclude(pk__in=onaf)
        .order_by("pk")
        .values_list("pk", flat=True)[:batch]
    )
    if not weg:
        return 0
    with transaction.atomic():
        Aflevering.objects.filter(outbox_event_id__in=weg).delete()
        OutboxEvent.objects.filter(pk__in=weg).delete()
    return len(weg)
