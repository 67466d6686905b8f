"""Reading an e-mail (RFC 5322 bytes) with the standard library: who sent it, when, about
what, which case number its subject names, its text, and its attachments as files."""

from __future__ import annotations

import email
import email.policy
import hashlib
import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage, Message

from django.utils import timezone
from django.utils.html import strip_tags

# A case number as kernel/cases/numbering.py issues it: PREFIX-YYYY-NNNNNNN ("SHV-2026-0000123"),
# not glued to other letters or digits ("XSHV-2026-00001234" is not one).
ZAAKNUMMER = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{0,9}-\d{4}-\d{7})(?![0-9])")


@dataclass(frozen=True)
class Bijlage:
    bestandsnaam: str
    formaat: str
    inhoud: bytes


@dataclass(frozen=True)
class EmailBericht:
    message_id: str
    afzender: str
    onderwerp: str
    ontvangen_op: datetime
    sha256: str
    bijlagen: list[Bijlage]
    tekst: str

    @property
    def zaaknummers(self) -> list[str]:
        """The case numbers in the subject, in order, each once (upper case)."""
        return list(dict.fromkeys(m.upper() for m in ZAAKNUMMER.findall(self.onderwerp)))


def _header(message: Message, naam: str) -> str:
    try:
        waarde = message.get(naam)
    except (ValueError, IndexError, TypeError):  # a header the parser cannot make sense of
        return ""
    return " ".join(str(waarde or "").split())


def _datum(message: Message) -> datetime:
    try:
        header = message.get("date")
        moment = getattr(header, "datetime", None)
    except (ValueError, IndexError, TypeError):
        moment = None
    if moment is None:
        return timezone.now()
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


def _bijlage_naam(deel: Message, volgnummer: int) -> str:
    naam = deel.get_filename() or ""
    if naam:
        return naam
    if deel.get_content_type() == "message/rfc822":
        return f"bijlage-{volgnummer}.eml"
    extensie = mimetypes.guess_extension(deel.get_content_type()) or ".bin"
    return f"bijlage-{volgnummer}{extensie}"


def _inhoud(deel: Message) -> bytes:
    if deel.get_content_type() == "message/rfc822":
        ingesloten = deel.get_payload(0)
        return ingesloten.as_bytes() if isinstance(ingesloten, Message) else b""
    data = deel.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _is_bijlage(deel: Message) -> bool:
    """An attachment: a forwarded e-mail, a part marked as attachment, or any part with a file
    name. Body text and unnamed inline images stay in the e-mail itself."""
    return (
        deel.get_content_type() == "message/rfc822"
        or deel.get_content_disposition() == "attachment"
        or bool(deel.get_filename())
    )


def _bijlagen(message: Message) -> Iterator[Bijlage]:
    """Every attachment, also those in nested multiparts; a forwarded e-mail (message/rfc822)
    is one attachment, not opened further."""
    volgnummer = 0

    def lopen(deel: Message) -> Iterator[Bijlage]:
        nonlocal volgnummer
        if deel.is_multipart() and deel.get_content_type() != "message/rfc822":
            for kind in deel.get_payload():
                if isinstance(kind, Message):
                    yield from lopen(kind)
            return
        if deel is message or not _is_bijlage(deel):
            return
        volgnummer += 1
        yield Bijlage(
            bestandsnaam=_bijlage_naam(deel, volgnummer),
            formaat=deel.get_content_type(),
            inhoud=_inhoud(deel),
        )

    yield from lopen(message)


def _tekst(message: EmailMessage) -> str:
    try:
        body = message.get_body(preferencelist=("plain", "html"))
        if body is None:
            return ""
        inhoud = body.get_content()
    except (KeyError, LookupError, ValueError):
        return ""
    if body.get_content_type() == "text/html":
        inhoud = strip_tags(inhoud)
    return str(inhoud).strip()


def email_lezen(ruw: bytes) -> EmailBericht:
    """The facts of one e-mail. A message without a Message-ID is known by its hash."""
    message = email.message_from_bytes(ruw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    sha256 = hashlib.sha256(ruw).hexdigest()
    message_id = _header(message, "message-id") or f"sha256:{sha256}"
    return EmailBericht(
        message_id=message_id[:998],
        afzender=_header(message, "from")[:400],
        onderwerp=_header(message, "subject")[:400],
        ontvangen_op=_datum(message),
        sha256=sha256,
        bijlagen=list(_bijlagen(message)),
        tekst=_tekst(message),
    )
