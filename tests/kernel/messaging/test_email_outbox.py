"""The one e-mail outbox also carries plain e-mails without a case or PDF: delivered to a real
SMTP server (aiosmtpd) with text and HTML, a permanent refusal is final at once ('geweigerd'),
and the module that queued them hears of every attempt."""

from __future__ import annotations

from email import message_from_bytes

import pytest

from raadhuis.kernel.messaging import bezorging
from raadhuis.kernel.messaging.bezorging import Email, emails_queue, verzendingen_process
from raadhuis.kernel.messaging.models import Verzending, VerzendStatus
from tests.kernel.messaging.conftest import Mailbox, vrije_poort


class _Weigeraar:
    """Accepts every message; refuses 'onbekend' permanently (550)."""

    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if "onbekend" in address:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.mailbox.berichten.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def postkantoor(settings):
    from aiosmtpd.controller import Controller

    mailbox = Mailbox(host="127.0.0.1", port=vrije_poort())
    controller = Controller(_Weigeraar(mailbox), hostname=mailbox.host, port=mailbox.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = mailbox.host, mailbox.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def gehoord(monkeypatch):
    """Outcomes reported to a test source's handler (the registry is the real one)."""
    uitkomsten: list[tuple[str, str, int]] = []
    monkeypatch.setattr(bezorging, "_handlers", dict(bezorging._handlers))
    bezorging.uitkomst_register(
        "test", lambda v: uitkomsten.append((v.emailadres, v.status, v.pogingen))
    )
    return uitkomsten


def test_plain_e_mails_go_out_with_html_and_unsubscribe_and_a_refusal_is_final(
    org, postkantoor, gehoord
):
    [goed, fout] = emails_queue(
        organisatie=org,
        bron="test",
        afzender="Gemeente Voorbeeld <noreply@raadhuis.example>",
        emails=[
            Email(
                aan="secretaris@club.example",
                onderwerp="Uitnodiging",
                tekst="Welkom op de avond.",
                html="<p>Welkom op de <strong>avond</strong>.</p>",
                kenmerk="m-1",
                afmeldlink="https://raadhuis.example/afmelden/x/",
            ),
            Email(aan="niemand.onbekend@club.example", onderwerp="Uitnodiging", tekst="Welkom."),
        ],
    )
    assert goed.brief_id is None and goed.status == VerzendStatus.IN_WACHTRIJ

    resultaat = verzendingen_process()

    assert (resultaat.verzonden, resultaat.mislukt, resultaat.geweigerd) == (1, 1, 1)
    [bericht] = postkantoor.berichten
    assert bericht["To"] == "secretaris@club.example"
    assert bericht["From"] == "Gemeente Voorbeeld <noreply@raadhuis.example>"
    assert bericht["X-Raadhuis-Bericht"] == "m-1"
    assert "".join(bericht["List-Unsubscribe"].split()) == "<https://raadhuis.example/afmelden/x/>"
    html = next(p for p in bericht.walk() if p.get_content_type() == "text/html")
    assert "<strong>avond</strong>" in html.get_payload(decode=True).decode()
    fout.refresh_from_db()
    assert fout.status == VerzendStatus.GEWEIGERD and "550" in fout.laatste_fout
    assert fout.volgende_poging_op is None  # never tried again
    assert sorted(gehoord) == [
        ("niemand.onbekend@club.example", VerzendStatus.GEWEIGERD, 1),
        ("secretaris@club.example", VerzendStatus.VERZONDEN, 1),
    ]
    assert verzendingen_process().pogingen == 0


def test_only_the_named_source_is_processed_and_a_letter_is_untouched(org, postkantoor):
    emails_queue(
        organisatie=org, bron="a", emails=[Email(aan="a@x.example", onderwerp="A", tekst="A")]
    )
    emails_queue(
        organisatie=org, bron="b", emails=[Email(aan="b@x.example", onderwerp="B", tekst="B")]
    )
    assert verzendingen_process(bron="a").verzonden == 1
    assert [b["To"] for b in postkantoor.berichten] == ["a@x.example"]
    assert Verzending.objects.get(bron="b").status == VerzendStatus.IN_WACHTRIJ
    assert str(Verzending.objects.get(bron="b")) == "B (E-mail: In wachtrij)"
