"""Letters in the browser: a functional administrator edits the receipt letter and watches the
live preview follow the typing (a misspelt merge field shows a Dutch message, not an error
page), saves it as a new version; then a case worker sends that letter on a case by e-mail, and
it arrives, with its PDF, at a real SMTP server on localhost."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.messaging.services import sjablonen_standaard_ensure
from raadhuis.kernel.organisations.models import Rol
from tests import factories
from tests.kernel.messaging.conftest import Mailbox, smtp_server  # noqa: F401

pytestmark = [pytest.mark.e2e]

VOORBEELD = "/brieven/sjablonen/voorbeeld/"
NIEUWE_ZIN = "Wij nemen binnen twee weken contact met u op."


@dataclass
class BriefWereld:
    zaak: object
    mailbox: Mailbox


@pytest.fixture
def brief_wereld(transactional_db, smtp_server):  # noqa: F811
    org = factories.organisatie("Gemeente Zevenaar", zaak_prefix="ZEV")
    klacht = factories.zaaktype(org, identificatie="KLACHT", omschrijving="Klacht")
    consulent = factories.medewerker(org, zaaktypen=(klacht,), username="consulent")
    factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="beheer")
    ik = factories.actor(consulent)
    jan = factories.persoon(
        ik,
        "Vries",
        voornamen="Jan",
        voorvoegsel_geslachtsnaam="de",
        geslacht="m",
        email="jan.devries@example.org",
        adres={
            "straatnaam": "Kerkstraat",
            "huisnummer": 3,
            "postcode": "6901AA",
            "woonplaats": "Zevenaar",
        },
    )
    zaak = zaak_create(
        actor=ik, zaaktype=klacht, omschrijving="Stoep", initiator=jan, behandelaar=consulent
    )
    sjablonen_standaard_ensure(org)

    return BriefWereld(zaak=zaak, mailbox=smtp_server)


def voorbeeld_tekst(page) -> str:  # noqa: ANN001
    """The letter in the preview frame (once its document has loaded)."""
    frame = page.frame_locator("iframe[title='Voorbeeld van de brief']")
    return frame.locator(".brief__vel").inner_text()


def test_administrator_edits_a_letter_with_live_preview_and_a_case_worker_sends_it(
    screen, brief_wereld, browser, live_server
):
    page = screen.page
    screen.login("beheer")
    screen.goto("/brieven/sjablonen/")
    screen.click_link("Ontvangstbevestiging")
    assert "Geachte heer De Vries," in voorbeeld_tekst(page)  # fictitious data

    inhoud = page.get_by_label("Tekst van de brief (HTML)")
    origineel = inhoud.input_value()
    screen.htmx(lambda: inhoud.fill(origineel + f"\n<p>{NIEUWE_ZIN}</p>"), VOORBEELD)
    assert NIEUWE_ZIN in voorbeeld_tekst(page)

    # A misspelt field: the preview says what is wrong, in Dutch, and the page stays usable.
    screen.htmx(lambda: inhoud.fill(origineel + "\n<p>{{ client.naaam }}</p>"), VOORBEELD)
    fout = page.locator("[data-voorbeeld-fout]").inner_text()
    assert "Onbekend samenvoegveld ‘client.naaam’" in fout

    screen.htmx(lambda: inhoud.fill(origineel + f"\n<p>{NIEUWE_ZIN}</p>"), VOORBEELD)
    page.get_by_label(re.compile("^Wat is er veranderd")).fill("Termijn genoemd")
    screen.press("Opslaan als nieuwe versie")
    assert "Versie 2 is opgeslagen." in screen.text()
    screen.click_link("Versies bekijken")
    assert "Termijn genoemd" in screen.text()
    screen.goto("/brieven/briefhoofd/")
    screen.htmx(
        lambda: page.get_by_label("Plaats").fill("Zevenaar"), "/brieven/briefhoofd/voorbeeld/"
    )
    assert "Zevenaar, " in voorbeeld_tekst(page)
    screen.logout()

    # The case worker sends the new version on the case, by e-mail.
    zaak = brief_wereld.zaak
    screen.login("consulent")
    screen.goto(f"/zaken/{zaak.uuid}/brieven/")
    screen.click_link("Brief versturen")
    screen.htmx(
        lambda: page.get_by_label("Sjabloon").select_option(label="Ontvangstbevestiging"),
        f"/zaken/{zaak.uuid}/brieven/voorbeeld/",
    )
    assert NIEUWE_ZIN in voorbeeld_tekst(page)
    assert "J. de Vries" in voorbeeld_tekst(page)
    page.get_by_role("radio", name=re.compile(r"^J\. de Vries")).check()
    page.get_by_role("radio", name="E-mail").check()
    screen.press("Versturen", wait_for=re.compile(r"/brieven/$"))
    assert "is per e-mail verstuurd aan jan.devries@example.org" in screen.text()
    rij = page.get_by_role("row").filter(has_text="Ontvangstbevestiging klacht")
    assert "Verzonden" in rij.inner_text()

    # A second letter by post waits in the print queue: download it as one PDF, mark it printed.
    screen.click_link("Brief versturen")
    page.get_by_role("radio", name="Post").check()
    screen.press("Versturen", wait_for=re.compile(r"/brieven/$"))
    assert "staat klaar voor print" in screen.text()
    screen.goto("/brieven/printwachtrij/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download als één PDF").click()
    with open(download.value.path(), "rb") as bestand:
        assert len(PdfReader(bestand).pages) == 1
    screen.press("Markeer als geprint")
    assert "1 brief is als geprint gemarkeerd." in screen.text()
    assert "Er wachten geen brieven op print." in screen.text()

    [bericht] = brief_wereld.mailbox.berichten
    assert bericht["To"] == "jan.devries@example.org"
    [bijlage] = [p for p in bericht.walk() if p.get_content_type() == "application/pdf"]
    pdf = PdfReader(io.BytesIO(bijlage.get_payload(decode=True)))
    tekst = "\n".join(p.extract_text() for p in pdf.pages)
    assert NIEUWE_ZIN in tekst and zaak.identificatie in tekst


def test_the_preview_keeps_its_layout_under_the_pages_content_security_policy(
    brief_wereld, browser, live_server
):
    """The screen fixture bypasses the CSP (to inject axe); this one does not: the preview's
    sandboxed frame still gets the letter's stylesheet."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/login/")
    page.get_by_label("Gebruikersnaam").fill("beheer")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    page.goto(live_server.url + "/brieven/sjablonen/")
    page.get_by_role("link", name="Ontvangstbevestiging").click()
    frame = page.frame_locator("iframe[title='Voorbeeld van de brief']")
    frame.locator(".brief__vel").wait_for()
    achtergrond = frame.locator("body").evaluate("b => getComputedStyle(b).backgroundColor")
    context.close()
    assert achtergrond == "rgb(230, 232, 235)"
