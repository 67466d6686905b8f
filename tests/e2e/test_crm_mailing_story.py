"""Browser story of targeted communication (issue 6, item 6 and its quality bar): a medewerker
of Sport en Bewegen builds a segment "associations in the city centre with a subsidy in the
last two years", records an opt-out a club asked for by phone, picks an e-mail template,
previews the mailing, sends a test mail and then the mailing. A real SMTP server (aiosmtpd on
localhost) receives one message per recipient with the merged fields; it refuses one address
with 550, which shows as a bounce; the opted-out club gets nothing; every recipient has the
mailing as a contact moment on its relation page; a bounce reported afterwards is registered
by hand; and the unsubscribe link in a received message works for the resident.

Every page is checked with axe-core and, at phone width, for sideways scrolling (Screen.check
of tests/e2e/conftest.py)."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from email import message_from_bytes, policy
from email.message import Message

import pytest

from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.messaging.models import SjabloonSoort
from raadhuis.kernel.messaging.services import sjabloon_ensure
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.catalogus import crm_catalogus_ensure
from raadhuis.modules.crm.mailing.models import (
    Afmelding,
    Mailing,
    MailingOntvanger,
    MailingStatus,
    OntvangerStatus,
)
from raadhuis.modules.crm.models import Kanaal, Klantcontact, RelatieSoort
from raadhuis.modules.crm.services import relatie_handmatig_create
from tests import factories
from tests.e2e.conftest import Screen

pytestmark = [pytest.mark.e2e]

ORGANISATIE = "Gemeente Sportstad (mailing)"
SUBSIDIE = "SUBSIDIE-VERENIGING"
ONDERWERP = "Uitnodiging informatieavond subsidies voor {{ relatie.naam }}"
INHOUD = (
    "<p>{{ relatie.aanhef }}</p>"
    "<p>{{ organisatie.naam }} nodigt {{ relatie.naam }} uit voor de informatieavond over de "
    "subsidieregeling voor verenigingen.</p>"
    "<p>Met vriendelijke groet,<br>Team Subsidies</p>"
    '<p><small><a href="{{ relatie.afmeldlink }}">Afmelden voor deze berichten</a></small></p>'
)


# --- a real SMTP server on localhost -----------------------------------------------------------
@dataclass
class Postbus:
    """What the SMTP server accepted: one (recipients, message) per delivered e-mail."""

    berichten: list[tuple[list[str], Message]] = field(default_factory=list)

    def aan(self, adres: str) -> list[Message]:
        return [bericht for ontvangers, bericht in self.berichten if adres in ontvangers]


class _Mailserver:
    """Accepts mail, but refuses addresses with 'onbekend' permanently (550), as a mail
    server does for a mailbox that does not exist."""

    def __init__(self, postbus: Postbus) -> None:
        self.postbus = postbus

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802, ANN001, ANN201
        if "onbekend" in address:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802, ANN001, ANN201
        self.postbus.berichten.append(
            (list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 Message accepted for delivery"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def postbus(settings, live_server) -> Iterator[Postbus]:
    """An aiosmtpd server on a free port; Django sends through it. BASE_URL is the live
    server, so the unsubscribe links in the messages can be followed in the browser."""
    from aiosmtpd.controller import Controller

    postbus = Postbus()
    poort = _vrije_poort()
    controller = Controller(_Mailserver(postbus), hostname="127.0.0.1", port=poort)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = poort
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.BASE_URL = live_server.url
    try:
        yield postbus
    finally:
        controller.stop()


# --- the starting world ------------------------------------------------------------------------
@dataclass
class MailWereld:
    relaties: dict[str, object]  # short name -> Relatie


def _vereniging(actor, afdeling, naam: str, email: str, postcode: str, **extra):  # noqa: ANN001, ANN003, ANN202
    return relatie_handmatig_create(
        actor=actor,
        soort=extra.pop("soort", RelatieSoort.VERENIGING),
        naam=naam,
        rechtsvorm=extra.pop("rechtsvorm", "vereniging"),
        eenheid=afdeling,
        email=email,
        adres={
            "straatnaam": "Sportlaan",
            "huisnummer": 1,
            "postcode": postcode,
            "woonplaats": "Sportstad",
        },
    )


@pytest.fixture
def mail_wereld(transactional_db) -> MailWereld:
    """Sport en Bewegen's medewerker 'sportmailer' and nine relations: five associations in
    postcode area 5211–5216 with a subsidy case in the last two years (two plain, one whose
    address the mail server refuses, one that will opt out, one without e-mail address), and
    four that the segment must leave out (outside the area, no subsidy, a subsidy three years
    ago, a company)."""
    org = factories.organisatie(ORGANISATIE)
    opvolging = crm_catalogus_ensure(org)
    subsidie = factories.zaaktype(
        org,
        identificatie=SUBSIDIE,
        omschrijving="Subsidieaanvraag vereniging",
        versiedatum=date(2020, 1, 1),
    )
    sport = factories.team(org, "Sport en Bewegen")
    mailer = factories.medewerker(
        org,
        rollen=(Rol.MEDEWERKER,),
        zaaktypen=(opvolging, subsidie),
        team=sport,
        username="sportmailer",
    )
    ik = factories.actor(mailer)
    r = {
        "hockey": _vereniging(ik, sport, "HC De Stick", "secretaris@destick.example", "5211AB"),
        "zwem": _vereniging(ik, sport, "Zwemclub De Dolfijn", "info@dolfijn.example", "5213CD"),
        "spook": _vereniging(
            ik, sport, "Korfbalclub De Verhuisde", "onbekend@korfbal.example", "5214EF"
        ),
        "schaak": _vereniging(ik, sport, "Schaakclub Het Paard", "bestuur@paard.example", "5215GH"),
        "toneel": _vereniging(ik, sport, "Toneelvereniging Zonder Mail", "", "5212KL"),
        # Left out by the segment:
        "buiten": _vereniging(
            ik, sport, "Muziekvereniging Buitenaf", "m@buitenaf.example", "5301AA"
        ),
        "fanfare": _vereniging(ik, sport, "Fanfare Zonder Subsidie", "f@fanfare.example", "5211AB"),
        "oud": _vereniging(ik, sport, "Biljartclub Oud Geld", "b@biljart.example", "5211AB"),
        "bedrijf": _vereniging(
            ik,
            sport,
            "Sportwinkel De Bal B.V.",
            "verkoop@debal.example",
            "5211AB",
            soort=RelatieSoort.BEDRIJF,
            rechtsvorm="besloten_vennootschap",
        ),
    }
    vandaag_ = vandaag(org.tijdzone)
    for naam in ("hockey", "zwem", "spook", "schaak", "toneel", "buiten", "bedrijf"):
        zaak_create(
            actor=ik,
            zaaktype=subsidie,
            omschrijving=f"Subsidie {r[naam].partij.weergavenaam}",
            initiator=r[naam].partij,
            behandelaar=mailer,
            startdatum=vandaag_ - timedelta(days=200),
        )
    zaak_create(
        actor=ik,
        zaaktype=subsidie,
        omschrijving="Subsidie biljart (lang geleden)",
        initiator=r["oud"].partij,
        behandelaar=mailer,
        startdatum=vandaag_ - timedelta(days=3 * 365),
    )
    sjabloon_ensure(
        org,
        "mailing-informatieavond",
        "E-mail: uitnodiging informatieavond subsidies",
        ONDERWERP,
        INHOUD,
        soort=SjabloonSoort.EMAIL,
        categorie="Mailings",
    )
    return MailWereld(relaties=r)


def _press_in(screen: Screen, scope, button: str) -> None:  # noqa: ANN001
    """Press a button inside part of the page (a table row) and check the page that comes."""
    with screen.page.expect_navigation():
        scope.get_by_role("button", name=button, exact=True).click()
    screen.check()


def _html_deel(bericht: Message) -> str:
    for deel in bericht.walk():
        if deel.get_content_type() == "text/html":
            return deel.get_payload(decode=True).decode(deel.get_content_charset() or "utf-8")
    raise AssertionError("the mailing has no HTML part")


def test_segment_mailing_through_a_real_smtp_server(screen, mail_wereld, postbus, browser):  # noqa: PLR0915
    page = screen.page
    r = mail_wereld.relaties
    screen.login("sportmailer")

    # 1. The segment: associations in 5211–5216 with a subsidy case in the last two years.
    screen.goto("/crm/mailings/")
    assert "Nog geen mailings." in screen.text()
    screen.click_link("Nieuw segment")
    page.get_by_label(re.compile(r"^Naam")).fill("Verenigingen binnenstad met subsidie")
    page.get_by_label(re.compile(r"^Omschrijving")).fill("Voor de informatieavond in maart.")
    page.get_by_label(re.compile(r"^Soort relatie")).select_option("vereniging")
    page.get_by_label(re.compile(r"^Afdeling")).select_option(label="Sport en Bewegen")
    page.get_by_label(re.compile(r"^Postcode vanaf")).fill("5211")
    page.get_by_label(re.compile(r"^Postcode tot en met")).fill("5216")
    page.get_by_label(re.compile(r"^Betrokken bij een zaak van zaaktype")).fill(SUBSIDIE)
    page.get_by_label(re.compile(r"^Zaak gestart in de laatste")).fill("2")
    screen.check("segment form filled in")
    screen.press("Segment opslaan")
    assert "Segment opgeslagen." in screen.text()
    assert "5 relaties." in screen.text()
    lijst = page.locator("main")
    for naam in ("hockey", "zwem", "spook", "schaak", "toneel"):
        assert lijst.get_by_role("link", name=r[naam].partij.weergavenaam).count() == 1, naam
    for naam in ("buiten", "fanfare", "oud", "bedrijf"):
        assert r[naam].partij.weergavenaam not in screen.text(), naam
    assert "geen e-mailadres" in screen.text()  # Toneelvereniging Zonder Mail is marked

    # 2. Schaakclub Het Paard phoned: no more mailings. Recorded on its relation page.
    screen.click_link("Schaakclub Het Paard")
    screen.press("Afmelden voor mailings")
    assert "De relatie is afgemeld voor mailings." in screen.text()
    assert "Afgemeld voor mailings op" in screen.text()

    # 3. A new mailing to the segment with the e-mail template; the preview shows the merge.
    screen.goto("/crm/mailings/")
    screen.click_link("Verenigingen binnenstad met subsidie")
    screen.click_link("Mailing naar dit segment")
    page.get_by_label(re.compile(r"^Naam van de mailing")).fill("Informatieavond subsidies 2026")
    assert (
        page.get_by_label(re.compile(r"^Segment")).locator("option:checked").inner_text()
        == "Verenigingen binnenstad met subsidie"
    )
    page.get_by_label(re.compile(r"^Sjabloon")).select_option(
        label="E-mail: uitnodiging informatieavond subsidies"
    )
    screen.press("Mailing opslaan")
    assert "Mailing aangemaakt." in screen.text()
    assert "5 relaties in het segment." in screen.text()
    voorbeeld = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("Voorbeeld"))
    )
    eerste = "HC De Stick"  # the first by name
    assert f"Uitnodiging informatieavond subsidies voor {eerste}" in voorbeeld.inner_text()
    assert "Geachte heer, mevrouw," in voorbeeld.inner_text()
    assert f"{ORGANISATIE} nodigt {eerste} uit" in voorbeeld.inner_text()
    assert postbus.berichten == [], "nothing leaves before the medewerker sends"

    # 4. A test mail to myself: merged for the first relation, marked [TEST].
    page.get_by_label(re.compile(r"^Testmail naar")).fill("sportmailer@sportstad.example")
    screen.press("Testmail versturen")
    assert "Testmail verstuurd naar sportmailer@sportstad.example." in screen.text()
    (test,) = postbus.aan("sportmailer@sportstad.example")
    assert test["Subject"] == f"[TEST] Uitnodiging informatieavond subsidies voor {eerste}"
    assert not Mailing.objects.filter(status=MailingStatus.VERZONDEN).exists()

    # 5. Send. Delivery through the outbox to the real SMTP server.
    screen.press("Versturen naar 5 relaties")
    assert (
        "Mailing verstuurd: 3 in de verzendwachtrij, 1 niet bezorgbaar, 1 afgemeld."
        in screen.text()
    )
    resultaat = page.locator("section", has=page.get_by_role("heading", name="Resultaat"))
    for label, aantal in (
        ("Verzonden", 2),
        ("Niet bezorgbaar", 1),
        ("Geweigerd (bounce)", 1),
        ("Afgemeld, niet verstuurd", 1),
    ):
        item = resultaat.locator(".utrecht-data-list__item", has_text=label)
        assert item.locator("dd").inner_text().strip() == str(aantal), label

    # One message per recipient, with its own merged fields; the refused one and the
    # opted-out one got nothing (only the test mail went elsewhere).
    ontvangen = sorted(a for ontvangers, _b in postbus.berichten for a in ontvangers)
    assert ontvangen == sorted(
        ["secretaris@destick.example", "info@dolfijn.example", "sportmailer@sportstad.example"]
    )
    for sleutel, adres in (
        ("hockey", "secretaris@destick.example"),
        ("zwem", "info@dolfijn.example"),
    ):
        (bericht,) = postbus.aan(adres)
        naam = r[sleutel].partij.weergavenaam
        assert bericht["Subject"] == f"Uitnodiging informatieavond subsidies voor {naam}"
        html = _html_deel(bericht)
        assert "Geachte heer, mevrouw," in html
        assert f"{ORGANISATIE} nodigt {naam} uit" in html
        assert "{{" not in html
        assert (
            str(bericht["List-Unsubscribe"])
            .strip()
            .startswith(f"<{screen.base_url}/crm/mailings/afmelden/")
        )
    assert postbus.aan("bestuur@paard.example") == []

    # The recipients table: status and reason per relation, the 550 as a bounce.
    tabel = page.get_by_role("table", name="Ontvangers van de mailing met hun status")
    for naam, status in (
        ("HC De Stick", "Verzonden"),
        ("Zwemclub De Dolfijn", "Verzonden"),
        ("Korfbalclub De Verhuisde", "Geweigerd (bounce)"),
        ("Schaakclub Het Paard", "Afgemeld, niet verstuurd"),
        ("Toneelvereniging Zonder Mail", "Niet bezorgbaar"),
    ):
        rij = tabel.get_by_role("row").filter(has_text=naam)
        assert status in rij.inner_text(), (naam, rij.inner_text())
    spook_rij = tabel.get_by_role("row").filter(has_text="Korfbalclub De Verhuisde")
    assert "550" in spook_rij.inner_text()

    # 6. Zwemclub's secretary forwarded a returned message: register the bounce by hand.
    zwem_rij = tabel.get_by_role("row").filter(has_text="Zwemclub De Dolfijn")
    zwem_rij.get_by_label("Reden van de bounce voor Zwemclub De Dolfijn").fill(
        "Retourmail: 550 5.1.1 postbus info@dolfijn.example bestaat niet meer"
    )
    _press_in(screen, zwem_rij, "Bounce")
    assert "Bounce geregistreerd voor Zwemclub De Dolfijn." in screen.text()
    item = resultaat.locator(".utrecht-data-list__item", has_text="Geweigerd (bounce)")
    assert item.locator("dd").inner_text().strip() == "2"

    statussen = dict(
        MailingOntvanger.objects.filter(mailing__naam="Informatieavond subsidies 2026").values_list(
            "partij_id", "status"
        )
    )
    assert statussen == {
        r["hockey"].partij_id: OntvangerStatus.VERZONDEN,
        r["zwem"].partij_id: OntvangerStatus.BOUNCE,
        r["spook"].partij_id: OntvangerStatus.BOUNCE,
        r["schaak"].partij_id: OntvangerStatus.AFGEMELD,
        r["toneel"].partij_id: OntvangerStatus.NIET_BEZORGBAAR,
    }

    # 7. The mailing is a contact moment (channel e-mail) on each recipient's relation page.
    screen.click_link("HC De Stick")
    contacten = page.get_by_role("table", name="Klantcontacten, nieuwste eerst")
    rij = contacten.get_by_role("row").filter(
        has_text="Uitnodiging informatieavond subsidies voor HC De Stick"
    )
    assert rij.count() == 1
    assert "E-mail" in rij.inner_text()
    mailings = page.get_by_role("region", name="Mailings", exact=True)
    assert "Informatieavond subsidies 2026: Verzonden" in mailings.inner_text()
    for sleutel in ("hockey", "zwem", "spook", "toneel"):
        assert (
            Klantcontact.objects.filter(partij=r[sleutel].partij, kanaal=Kanaal.EMAIL).count() == 1
        ), sleutel
    assert not Klantcontact.objects.filter(partij=r["schaak"].partij).exists()

    screen.goto(f"/crm/relaties/{r['toneel'].partij.uuid}/")
    assert "Niet verstuurd: Geen e-mailadres bekend" in screen.text()
    screen.goto(f"/crm/relaties/{r['spook'].partij.uuid}/")
    mailings = page.get_by_role("region", name="Mailings", exact=True)
    assert "Informatieavond subsidies 2026: Geweigerd (bounce)" in mailings.inner_text()

    # 8. HC De Stick's secretary follows the unsubscribe link in the message (not logged in).
    (bericht,) = postbus.aan("secretaris@destick.example")
    link = str(bericht["List-Unsubscribe"]).strip().strip("<>")
    context = browser.new_context(bypass_csp=True, locale="nl-NL", viewport=page.viewport_size)
    try:
        inwoner = replace(screen, page=context.new_page(), base_url="")  # same checks
        inwoner.goto(link)
        assert "Wilt u geen mailings meer van de gemeente ontvangen?" in inwoner.text()
        inwoner.press("Ja, meld mij af")
        assert "U bent afgemeld." in inwoner.text()
    finally:
        context.close()
    assert Afmelding.objects.filter(partij=r["hockey"].partij, bron="afmeldlink").exists()
    screen.goto(f"/crm/relaties/{r['hockey'].partij.uuid}/")
    assert "(via afmeldlink)" in screen.text()
