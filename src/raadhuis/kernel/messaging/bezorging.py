"""Deliver the e-mail outbox of letters, with retries and exponential back-off.

The same shape as the notification outbox (kernel/events/delivery.py): a due `Verzending` is
claimed in a short transaction (row lock with SKIP LOCKED on PostgreSQL, the attempt counted,
a lease set), sent through Django's e-mail backend outside any transaction, and its outcome
recorded only if no other worker claimed it since. A worker that dies mid-send leaves the lease
to expire, after which the e-mail is tried again: a recipient may get a letter twice, never
zero times. After RAADHUIS_BRIEVEN_MAX_POGINGEN attempts it is `mislukt`, and a medewerker can
offer it again (services.verzending_retry).

`verzending_attempt` is what `brief_send` runs right after commit, so the demo feels instant;
`verzendingen_process` is one round of `raadhuis brieven-versturen`.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.events.delivery import backoff
from raadhuis.kernel.messaging.models import Kanaal, Verzending, VerzendStatus

logger = logging.getLogger(__name__)

DEFAULT_MAX_POGINGEN = 8  # 1 + 2 + 4 + … minutes: about two hours before giving up
LEASE_PER_MAIL = datetime.timedelta(seconds=30)
LEASE_MARGIN = datetime.timedelta(seconds=60)


def max_pogingen() -> int:
    return int(getattr(settings, "BRIEVEN_MAX_POGINGEN", DEFAULT_MAX_POGINGEN))


@dataclass
class VerzendResultaat:
    verzonden: int = 0
    mislukt: int = 0  # attempts that failed (tried again later, or given up)
    opgegeven: int = 0  # of those, e-mails that reached the maximum number of attempts

    @property
    def pogingen(self) -> int:
        return self.verzonden + self.mislukt


def _due(now: datetime.datetime) -> Q:
    return Q(volgende_poging_op__isnull=True) | Q(volgende_poging_op__lte=now)


def _claim(now: datetime.datetime, batch: int, pk: int | None = None) -> list[Verzending]:
    lease = now + batch * LEASE_PER_MAIL + LEASE_MARGIN
    with transaction.atomic():
        qs = (
            Verzending.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(_due(now), kanaal=Kanaal.EMAIL, status=VerzendStatus.IN_WACHTRIJ)
            .select_related("brief__informatieobject__laatste_versie", "brief__zaak", "organisatie")
        )
        if pk is not None:
            qs = qs.filter(pk=pk)
        claimed = list(qs.order_by("volgende_poging_op", "pk")[:batch])
        for verzending in claimed:
            verzending.pogingen += 1
            verzending.volgende_poging_op = lease
            verzending.save(update_fields=["pogingen", "volgende_poging_op"])
    return claimed


def _pdf(verzending: Verzending) -> tuple[str, bytes]:
    io = verzending.brief.informatieobject
    versie = io.laatste_versie if io is not None else None
    if versie is None and io is not None:
        versie = io.versies.order_by("-versie").first()
    if versie is None or not versie.bestand:
        raise FileNotFoundError("the letter's PDF document is missing")
    with versie.bestand.open("rb") as bestand:
        return versie.bestandsnaam or "brief.pdf", bestand.read()


def _send(verzending: Verzending) -> str:
    """Send the e-mail with the letter as PDF attachment; "" or the error."""
    try:
        naam, pdf = _pdf(verzending)
        bericht = EmailMessage(
            subject=verzending.brief.onderwerp,
            body=verzending.bericht,
            from_email=verzending.afzender or settings.DEFAULT_FROM_EMAIL,
            to=[verzending.emailadres],
            headers={"X-Raadhuis-Brief": str(verzending.brief.uuid)},
        )
        bericht.attach(naam, pdf, "application/pdf")
        verbinding = get_connection(
            fail_silently=False, timeout=getattr(settings, "EMAIL_TIMEOUT", None) or 10
        )
        bericht.connection = verbinding
        bericht.send()
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"[:2000]
    return ""


def _audit(verzending: Verzending, status: str, fout: str) -> None:
    actie = "brief_email_verzonden" if status == VerzendStatus.VERZONDEN else "brief_email_mislukt"
    audit_entry_record(
        actor=Actor.system(verzending.organisatie, weergave="Briefverzending"),
        actie=actie,
        obj=verzending.brief,
        wijzigingen={
            "status": [VerzendStatus.IN_WACHTRIJ, status],
            "pogingen": [None, verzending.pogingen],
        },
        toelichting=fout[:500],
        zaak_uuid=verzending.brief.zaak.uuid,
    )


def _record(verzending: Verzending, fout: str, now: datetime.datetime) -> str:
    """Store the outcome of the attempt claimed as `verzending.pogingen`; returns the status."""
    values: dict[str, Any] = {"laatste_fout": fout}
    if not fout:
        values.update(status=VerzendStatus.VERZONDEN, verzonden_op=now, volgende_poging_op=None)
    elif verzending.pogingen >= max_pogingen():
        values.update(status=VerzendStatus.MISLUKT, volgende_poging_op=None)
    else:
        values.update(volgende_poging_op=now + backoff(verzending.pogingen))
    status = str(values.get("status", VerzendStatus.IN_WACHTRIJ))
    with transaction.atomic():
        bijgewerkt = Verzending.objects.filter(
            pk=verzending.pk, pogingen=verzending.pogingen, status=VerzendStatus.IN_WACHTRIJ
        ).update(**values)
        if bijgewerkt and status != VerzendStatus.IN_WACHTRIJ:
            _audit(verzending, status, fout)
    return status


def _deliver(claimed: list[Verzending], now: datetime.datetime | None) -> VerzendResultaat:
    resultaat = VerzendResultaat()
    for verzending in claimed:
        fout = _send(verzending)
        status = _record(verzending, fout, now or timezone.now())
        if not fout:
            resultaat.verzonden += 1
            continue
        resultaat.mislukt += 1
        if status == VerzendStatus.MISLUKT:
            resultaat.opgegeven += 1
        logger.warning(
            "Letter e-mail %s to %s failed (attempt %s): %s",
            verzending.uuid,
            verzending.emailadres,
            verzending.pogingen,
            fout,
        )
    return resultaat


def verzendingen_process(
    *, now: datetime.datetime | None = None, batch: int = 20
) -> VerzendResultaat:
    """Send up to `batch` due e-mails. `now` fixes the clock (tests)."""
    return _deliver(_claim(now or timezone.now(), batch), now)


def verzending_attempt(pk: int) -> VerzendResultaat:
    """Try one queued e-mail now (right after the letter was committed). A failure is not an
    error here: the e-mail stays in the outbox for the worker."""
    try:
        return _deliver(_claim(timezone.now(), 1, pk=pk), None)
    except Exception:  # noqa: BLE001 - the request that sent the letter must not fail on this
        logger.exception("Immediate attempt of letter e-mail %s failed", pk)
        return VerzendResultaat()
