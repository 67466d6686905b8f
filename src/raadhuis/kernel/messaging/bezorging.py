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

The same outbox carries plain e-mails without a case or PDF (`emails_queue`, e.g. the
recipients of a CRM mailing): subject, text and HTML, an optional List-Unsubscribe link. A
permanent refusal (SMTP 5xx) of such an e-mail is final at once (`geweigerd`, a bounce); the
module that queued it (`bron`) hears of every attempt through its outcome handler
(`uitkomst_register`), inside the transaction that records the attempt.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.events.delivery import backoff
from raadhuis.kernel.messaging.models import Kanaal, Verzending, VerzendStatus
from raadhuis.kernel.organisations.models import Organisatie

logger = logging.getLogger(__name__)

DEFAULT_MAX_POGINGEN = 8  # 1 + 2 + 4 + … minutes: about two hours before giving up
LEASE_PER_MAIL = datetime.timedelta(seconds=30)
LEASE_MARGIN = datetime.timedelta(seconds=60)


def max_pogingen() -> int:
    return int(getattr(settings, "BRIEVEN_MAX_POGINGEN", DEFAULT_MAX_POGINGEN))


# --- plain e-mails and the modules that queue them --------------------------------------------
UitkomstHandler = Callable[[Verzending], None]
_handlers: dict[str, UitkomstHandler] = {}


def uitkomst_register(bron: str, handler: UitkomstHandler) -> None:
    """`handler(verzending)` is called after every recorded attempt of an e-mail queued with
    this `bron` (status, pogingen, laatste_fout, verzonden_op up to date), inside the
    transaction that records it. Call from an AppConfig.ready()."""
    _handlers[bron] = handler


@dataclass(frozen=True)
class Email:
    """A plain e-mail for the outbox: no case, no attachment."""

    aan: str
    onderwerp: str
    tekst: str
    html: str = ""
    kenmerk: str = ""  # the X-Raadhuis-Bericht header: for tracing a bounce back
    afmeldlink: str = ""  # List-Unsubscribe


def emails_queue(
    *, organisatie: Organisatie, emails: Sequence[Email], bron: str, afzender: str = ""
) -> list[Verzending]:
    """Put plain e-mails in the outbox (in the caller's transaction), due at once. Deliver
    them right after commit with `verzendingen_process(bron=…)`, or leave them to the worker.
    Returns the rows in the order of `emails` (with their primary keys)."""
    nu = timezone.now()
    rijen = [
        Verzending(
            organisatie=organisatie,
            kanaal=Kanaal.EMAIL,
            status=VerzendStatus.IN_WACHTRIJ,
            bron=bron[:40],
            emailadres=email.aan,
            afzender=afzender,
            onderwerp=email.onderwerp[:300],
            bericht=email.tekst,
            html=email.html,
            kenmerk=email.kenmerk[:100],
            afmeldlink=email.afmeldlink[:500],
            volgende_poging_op=nu,
        )
        for email in emails
    ]
    return Verzending.objects.bulk_create(rijen, batch_size=500)


@dataclass(frozen=True)
class SmtpFout:
    """The outcome of one SMTP attempt: "" when it went out; `permanent` for a refusal
    (5xx) that will not change by trying again."""

    tekst: str = ""
    permanent: bool = False

    def __bool__(self) -> bool:
        return bool(self.tekst)


def _smtp_fout(exc: Exception) -> SmtpFout:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        permanent = bool(codes) and all(code >= 500 for code in codes)
        return SmtpFout(f"SMTPRecipientsRefused: {exc.recipients}"[:2000], permanent)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        # Our own sender address refused: a configuration problem, not the recipient's.
        return SmtpFout(f"SMTPSenderRefused: {exc.smtp_code} {exc.smtp_error!r}"[:2000], False)
    if isinstance(exc, smtplib.SMTPResponseException):
        tekst = f"{type(exc).__name__}: {exc.smtp_code} {exc.smtp_error!r}"[:2000]
        return SmtpFout(tekst, exc.smtp_code >= 500)
    return SmtpFout(f"{type(exc).__name__}: {exc}"[:2000], False)


def _verbinding() -> Any:  # noqa: ANN401 - Django's e-mail backend
    return get_connection(
        fail_silently=False, timeout=getattr(settings, "EMAIL_TIMEOUT", None) or 10
    )


def email_send_now(email: Email, *, afzender: str = "") -> SmtpFout:
    """Send a plain e-mail at once, outside the outbox (a test mail the user waits for)."""
    headers = {"X-Raadhuis-Bericht": email.kenmerk} if email.kenmerk else {}
    if email.afmeldlink:
        headers["List-Unsubscribe"] = f"<{email.afmeldlink}>"
    bericht = EmailMultiAlternatives(
        subject=email.onderwerp,
        body=email.tekst,
        from_email=afzender or settings.DEFAULT_FROM_EMAIL,
        to=[email.aan],
        headers=headers,
    )
    if email.html:
        bericht.attach_alternative(email.html, "text/html")
    try:
        bericht.connection = _verbinding()
        bericht.send()
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        return _smtp_fout(exc)
    return SmtpFout()


@dataclass
class VerzendResultaat:
    verzonden: int = 0
    mislukt: int = 0  # attempts that failed (tried again later, refused, or given up)
    opgegeven: int = 0  # of those, e-mails that reached the maximum number of attempts
    geweigerd: int = 0  # of those, plain e-mails the mail server refused permanently

    @property
    def pogingen(self) -> int:
        return self.verzonden + self.mislukt


def _due(now: datetime.datetime) -> Q:
    return Q(volgende_poging_op__isnull=True) | Q(volgende_poging_op__lte=now)


def _claim(
    now: datetime.datetime, batch: int, pk: int | None = None, bron: str | None = None
) -> list[Verzending]:
    lease = now + batch * LEASE_PER_MAIL + LEASE_MARGIN
    with transaction.atomic():
        qs = (
            Verzending.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(_due(now), kanaal=Kanaal.EMAIL, status=VerzendStatus.IN_WACHTRIJ)
            .select_related("brief__informatieobject__laatste_versie", "brief__zaak", "organisatie")
        )
        if pk is not None:
            qs = qs.filter(pk=pk)
        if bron is not None:
            qs = qs.filter(bron=bron)
        claimed = list(qs.order_by("volgende_poging_op", "pk")[:batch])
        for verzending in claimed:
            verzending.pogingen += 1
            verzending.volgende_poging_op = lease
            verzending.save(update_fields=["pogingen", "volgende_poging_op"])
    return claimed


def _pdf(verzending: Verzending) -> tuple[str, bytes]:
    io = verzending.brief_zeker.informatieobject
    versie = io.laatste_versie if io is not None else None
    if versie is None and io is not None:
        versie = io.versies.order_by("-versie").first()
    if versie is None or not versie.bestand:
        raise FileNotFoundError("the letter's PDF document is missing")
    with versie.bestand.open("rb") as bestand:
        return versie.bestandsnaam or "brief.pdf", bestand.read()


def _send(verzending: Verzending) -> SmtpFout:
    """Send the e-mail: a letter with its PDF attached, or a plain e-mail."""
    if verzending.brief_id is None:
        email = Email(
            aan=verzending.emailadres,
            onderwerp=verzending.onderwerp,
            tekst=verzending.bericht,
            html=verzending.html,
            kenmerk=verzending.kenmerk or str(verzending.uuid),
            afmeldlink=verzending.afmeldlink,
        )
        return email_send_now(email, afzender=verzending.afzender)
    try:
        naam, pdf = _pdf(verzending)
        bericht = EmailMessage(
            subject=verzending.brief_zeker.onderwerp,
            body=verzending.bericht,
            from_email=verzending.afzender or settings.DEFAULT_FROM_EMAIL,
            to=[verzending.emailadres],
            headers={"X-Raadhuis-Brief": str(verzending.brief_zeker.uuid)},
        )
        bericht.attach(naam, pdf, "application/pdf")
        bericht.connection = _verbinding()
        bericht.send()
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        # A letter is retried also after a refusal: the case worker sees it fail and may fix
        # the address (verzending_retry); the outcome stays 'mislukt', never silently final.
        return SmtpFout(_smtp_fout(exc).tekst, False)
    return SmtpFout()


def _audit(verzending: Verzending, status: str, fout: str) -> None:
    if verzending.brief_id is None:
        return  # a plain e-mail: the module that queued it records what it needs
    actie = "brief_email_verzonden" if status == VerzendStatus.VERZONDEN else "brief_email_mislukt"
    audit_entry_record(
        actor=Actor.system(verzending.organisatie, weergave="Briefverzending"),
        actie=actie,
        obj=verzending.brief_zeker,
        wijzigingen={
            "status": [VerzendStatus.IN_WACHTRIJ, status],
            "pogingen": [None, verzending.pogingen],
        },
        toelichting=fout[:500],
        zaak_uuid=verzending.brief_zeker.zaak.uuid,
    )


def _record(verzending: Verzending, fout: SmtpFout, now: datetime.datetime) -> str:
    """Store the outcome of the attempt claimed as `verzending.pogingen`; returns the status."""
    values: dict[str, Any] = {"laatste_fout": fout.tekst}
    if not fout:
        values.update(status=VerzendStatus.VERZONDEN, verzonden_op=now, volgende_poging_op=None)
    elif fout.permanent:
        values.update(status=VerzendStatus.GEWEIGERD, volgende_poging_op=None)
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
            _audit(verzending, status, fout.tekst)
        handler = _handlers.get(verzending.bron) if verzending.bron else None
        if bijgewerkt and handler is not None:
            for naam, waarde in values.items():
                setattr(verzending, naam, waarde)
            handler(verzending)
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
        if status == VerzendStatus.GEWEIGERD:
            resultaat.geweigerd += 1
        logger.warning(
            "E-mail %s to %s failed (attempt %s): %s",
            verzending.uuid,
            verzending.emailadres,
            verzending.pogingen,
            fout.tekst,
        )
    return resultaat


def verzendingen_process(
    *, now: datetime.datetime | None = None, batch: int = 20, bron: str | None = None
) -> VerzendResultaat:
    """Send up to `batch` due e-mails (only those queued by `bron`, when given). `now` fixes
    the clock (tests)."""
    return _deliver(_claim(now or timezone.now(), batch, bron=bron), now)


def verzending_attempt(pk: int) -> VerzendResultaat:
    """Try one queued e-mail now (right after the letter was committed). A failure is not an
    error here: the e-mail stays in the outbox for the worker."""
    try:
        return _deliver(_claim(timezone.now(), 1, pk=pk), None)
    except Exception:  # noqa: BLE001 - the request that sent the letter must not fail on this
        logger.exception("Immediate attempt of letter e-mail %s failed", pk)
        return VerzendResultaat()
