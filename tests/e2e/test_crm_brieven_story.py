"""Letters from the template library on complaints and contracts, in the browser (issue 6).

A complaint handler opens a complaint, chooses "Brief uit de sjablonenbibliotheek versturen",
picks a library letter, watches the live preview follow the choice and the own text, sends it
by e-mail (a real SMTP server on localhost, aiosmtpd) and finds it under the complaint's
letters. A contract owner does the same on a contract, by post: the letter waits in the print
queue and shows on the contract page. A functional administrator opens an e-mail template in
the library and sees it previewed as an e-mail (from, to, subject, mail width), not as an A4
letter.

Every page is checked with axe-core and, narrowed to phone width, for sideways scrolling
(Screen.check of tests/e2e/conftest.py)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.messaging.bezorging import verzending_attempt
from raadhuis.kernel.messaging.models import Brief, Verzending, VerzendStatus
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.services import adres_add
from raadhuis.modules.crm.catalogus import crm_catalogus_ensure
from raadhuis.modules.crm.contracten.catalogus import CONTRACT_ZAAKTYPE, contract_catalogus_ensure
from raadhuis.modules.crm.contracten.services import contract_create
from raadhuis.modules.crm.klachten.catalogus import klacht_catalogus_ensure
from raadhuis.modules.crm.klachten.models import Categorie, Kanaal
from raadhuis.modules.crm.klachten.services import klacht_create
from raadhuis.modules.crm.models import RelatieSoort
from raadhuis.modules.crm.services import relatie_handmatig_create
from raadhuis.modules.crm.sjablonen.bibliotheek import crm_sjablonen_ensure
from tests import factories
from tests.e2e.conftest import Screen
from tests.kernel.messaging.conftest import Mailbox, smtp_server  # noqa: F401
from tests.modules.crm.test_klachten_fixtures import klacht_grant

pytestmark = [pytest.mark.e2e]

AANVULLING = "crm_klacht_aanvulling_gevraagd"  # has a slot for the own text
VERLOOPT = "crm_contract_verloopt"
NIEUWSBRIEF = "Nieuwsbrief ondernemers"
EIGEN_TEKST = "Wilt u ons laten weten op welke dag en hoe laat u aan de balie was?"
KLAGER_EMAIL = "karin@klaagmans.example"
BEDRIJF_EMAIL = "info@proefkrakeling.example"


@dataclass
class BriefWereld:
    klacht: object
    contract: object
    mailbox: Mailbox


def _contract_grant(medewerker) -> None:  # noqa: ANN001
    ZaakTypeAutorisatie.objects.get_or_create(
        medewerker=medewerker,
        zaaktype_identificatie=CONTRACT_ZAAKTYPE,
        defaults={"max_vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK},
    )


@pytest.fixture
def brief_wereld(transactional_db, smtp_server) -> BriefWereld:  # noqa: F811
    """Gemeente Hasselt with the CRM template library: a complaint handler of Burgerzaken with
    a complaint of Karin Klaagmans (e-mail and address), a contract owner of Economische Zaken
    with a contract of a bakery (e-mail and visiting address; its case 'Contractbeheer' does
    not exist yet), and a functional administrator."""
    org = factories.organisatie("Gemeente Hasselt (brieven)")
    klacht_catalogus_ensure(org)
    opvolging = crm_catalogus_ensure(org)
    # The case type exists before anyone logs in (a grant names it by its identification).
    contract_catalogus_ensure(org)
    crm_sjablonen_ensure(org)
    burgerzaken = factories.team(org, "Burgerzaken")
    ez = factories.team(org, "Economische Zaken")

    handler = factories.medewerker(org, team=burgerzaken, username="klachtbehandelaar")
    collega = factories.medewerker(org, team=burgerzaken, username="baliemedewerker")
    for m in (handler, collega):
        klacht_grant(m)
    eigenaar = factories.medewerker(
        org, zaaktypen=(opvolging,), team=ez, username="contracteigenaar"
    )
    _contract_grant(eigenaar)
    factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="beheer")

    ik = factories.actor(handler)
    klager = factories.persoon(ik, geslachtsnaam="Klaagmans", voornamen="Karin", email=KLAGER_EMAIL)
    adres_add(
        actor=ik,
        partij=klager,
        soort="woonadres",
        straatnaam="Proefstraat",
        huisnummer=12,
        postcode="1234AB",
        woonplaats="Hasselt",
    )
    klacht = klacht_create(
        actor=ik,
        klager=klager,
        kanaal=Kanaal.EMAIL,
        ontvangen_op=date.today(),
        categorie=Categorie.BEJEGENING,
        onderwerp="Onvriendelijk behandeld aan de balie",
        omschrijving="De medewerker was kortaf en luisterde niet.",
        afdeling=burgerzaken,
        behandelaar=handler,
        betreft_medewerker=collega,
    )

    am = factories.actor(eigenaar)
    bedrijf = relatie_handmatig_create(
        actor=am,
        soort=RelatieSoort.BEDRIJF,
        naam="Bakkerij De Proefkrakeling B.V.",
        rechtsvorm="besloten_vennootschap",
        eenheid=ez,
        email=BEDRIJF_EMAIL,
    )
    adres_add(
        actor=am,
        partij=bedrijf.partij,
        soort="bezoekadres",
        straatnaam="Markt",
        huisnummer=1,
        postcode="3511AB",
        woonplaats="Hasselt",
    )
    contract = contract_create(
        actor=am,
        partij=bedrijf.partij,
        onderwerp="Onderhoud openbare verlichting",
        waarde=Decimal("48000.00"),
        startdatum=date(2025, 1, 1),
        einddatum=date(2027, 12, 31),
        opzegtermijn=3,
        eigenaar=eigenaar,
        afdeling=ez,
    )
    return BriefWereld(klacht=klacht, contract=contract, mailbox=smtp_server)


def _voorbeeld(page) -> object:  # noqa: ANN001
    """The preview frame of the page (a sandboxed iframe with the document in srcdoc)."""
    return page.frame_locator("iframe.rh-brief-voorbeeld__frame")


def _brief_tekst(page) -> str:  # noqa: ANN001
    """The A4 letter in the preview frame."""
    return _voorbeeld(page).locator(".brief__vel").inner_text()


def _versturen(screen: Screen, terug: str) -> None:
    """Press "Brief versturen" and land on the item's page (`terug`)."""
    screen.press("Brief versturen", wait_for=re.compile(re.escape(terug) + "(#.*)?$"))


def _brief_rij(scope, onderwerp: str):  # noqa: ANN001, ANN202
    """The row of the letter `onderwerp` in the letters table within `scope`."""
    return scope.get_by_role("row").filter(has_text=onderwerp)


def _voorbeeld_document_check(screen: Screen, inhoud: str, what: str) -> None:
    """axe and sideways scrolling at phone width for the document of the preview frame (the
    letter or the e-mail), opened as a page of its own: axe does not look inside the sandboxed
    frame, where no script runs. `inhoud` is a selector the document must show."""
    srcdoc = screen.page.locator("iframe.rh-brief-voorbeeld__frame").get_attribute("srcdoc")
    los = screen.page.context.new_page()
    try:
        los.goto(screen.base_url + "/login/")
        los.set_content(srcdoc)
        los.locator(inhoud).wait_for()
        achtergrond = los.locator("body").evaluate("b => getComputedStyle(b).backgroundColor")
        assert achtergrond == "rgb(230, 232, 235)", f"the stylesheet of {what} is loaded"
        replace(screen, page=los, phone=False, also_phone=True).check(what)
    finally:
        los.close()


def test_a_complaint_handler_sends_a_library_letter_by_email(screen, brief_wereld):
    page = screen.page
    klacht = brief_wereld.klacht
    detail = reverse("crm:klachten:detail", args=[klacht.uuid])
    brief_url = reverse("crm:klachten:brief", args=[klacht.uuid])
    screen.login("klachtbehandelaar")
    screen.goto(detail)
    screen.click_link("Brief uit de sjablonenbibliotheek versturen")
    assert page.url.endswith(brief_url)
    assert page.get_by_role("heading", level=1, name="Brief versturen").is_visible()
    keuze = page.get_by_label("Brief", exact=True)
    codes = keuze.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert AANVULLING in codes and not [c for c in codes if c.startswith("crm_contract_")]
    assert KLAGER_EMAIL in screen.text()  # the addressee is shown before sending

    # Pick another letter first, then the one meant: the preview follows the choice.
    anders = next(c for c in codes if c != AANVULLING)
    screen.htmx(lambda: keuze.select_option(anders), brief_url, "preview of another letter")
    screen.htmx(lambda: keuze.select_option(AANVULLING), brief_url, "preview of the chosen letter")
    tekst = _brief_tekst(page)
    assert "hebben wij meer informatie van u nodig" in tekst.replace("\n", " ")
    assert klacht.zaak.identificatie in tekst and "Onvriendelijk behandeld" in tekst

    # The own text lands in the letter while typing (htmx, input delay).
    screen.htmx(
        lambda: page.get_by_label(re.compile("^Eigen tekst")).fill(EIGEN_TEKST),
        brief_url,
        "preview with own text",
    )
    assert EIGEN_TEKST in _brief_tekst(page)
    _voorbeeld_document_check(screen, ".brief__vel", "the letter preview document")
    page.get_by_role("radio", name=re.compile("^E-mail")).check()
    page.get_by_label(re.compile("^Reden")).fill("Aanvullende informatie gevraagd")
    screen.check("letter form filled in")
    assert Brief.objects.count() == 0, "a preview sends nothing"

    _versturen(screen, detail)
    brief = Brief.objects.get(zaak=klacht.zaak)
    verzending = Verzending.objects.get(brief=brief)
    if verzending.status != VerzendStatus.VERZONDEN:
        # Queued (the machine is busy): the background worker's round delivers it.
        assert "staat in de wachtrij voor e-mail" in screen.text()
        verzending_attempt(verzending.pk)
        screen.goto(detail)
    else:
        assert f"is per e-mail verstuurd aan {KLAGER_EMAIL}" in screen.text()
    rij = _brief_rij(page, brief.onderwerp)
    assert rij.count() == 1, screen.text()
    assert "E-mail" in rij.inner_text() and "Verzonden" in rij.inner_text()

    [bericht] = brief_wereld.mailbox.berichten
    assert bericht["To"] == KLAGER_EMAIL
    assert bericht["Subject"].startswith("Wij hebben meer informatie nodig over uw klacht")
    [bijlage] = [p for p in bericht.walk() if p.get_content_type() == "application/pdf"]
    pdf = PdfReader(io.BytesIO(bijlage.get_payload(decode=True)))
    inhoud = "\n".join(p.extract_text() for p in pdf.pages)
    assert klacht.zaak.identificatie in inhoud
    assert "op welke dag en hoe laat" in inhoud.replace("\n", " ")


def test_a_contract_owner_sends_a_library_letter_by_post(screen, brief_wereld):
    page = screen.page
    contract = brief_wereld.contract
    detail = reverse("crm:contracten:detail", args=[contract.uuid])
    brief_url = reverse("crm:contracten:brief", args=[contract.uuid])
    screen.login("contracteigenaar")
    screen.goto(detail)
    screen.click_link("Brief uit de sjablonenbibliotheek versturen")
    assert page.url.endswith(brief_url)
    keuze = page.get_by_label("Brief", exact=True)
    codes = keuze.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert VERLOOPT in codes and not [c for c in codes if c.startswith("crm_klacht_")]

    anders = next(c for c in codes if c != VERLOOPT)
    screen.htmx(lambda: keuze.select_option(anders), brief_url, "preview of another letter")
    screen.htmx(lambda: keuze.select_option(VERLOOPT), brief_url, "preview of the chosen letter")
    tekst = _brief_tekst(page)
    assert contract.kenmerk in tekst and "31-12-2027" in tekst
    assert "(volgt bij verzenden)" in tekst  # the case 'Contractbeheer' is made on sending
    screen.htmx(
        lambda: page.get_by_role("radio", name="Post", exact=True).check(),
        brief_url,
        "preview for post",
    )
    assert "Markt 1" in _brief_tekst(page)  # the address window of the letter
    screen.check("letter form filled in")

    _versturen(screen, detail)
    contract.refresh_from_db()
    brief = Brief.objects.get(zaak=contract.zaak)
    assert f"De brief ‘{brief.onderwerp}’ staat klaar voor print." in screen.text()
    brieven = page.get_by_role("region", name="Brieven", exact=True)
    assert "Brieven bij dit contract" in screen.text()
    rij = _brief_rij(brieven, brief.onderwerp)
    assert rij.count() == 1, screen.text()
    assert "Post" in rij.inner_text() and "Klaar voor print" in rij.inner_text()
    assert Verzending.objects.get(brief=brief).status == VerzendStatus.KLAAR_VOOR_PRINT
    assert brief_wereld.mailbox.berichten == [], "post sends no e-mail"

    # It waits in the print queue with the rest of the municipality's letters.
    screen.goto("/brieven/printwachtrij/")
    assert brief.onderwerp in screen.text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download als één PDF").click()
    with open(download.value.path(), "rb") as bestand:
        inhoud = "\n".join(p.extract_text() for p in PdfReader(bestand).pages)
    assert contract.kenmerk in inhoud and contract.zaak.identificatie in inhoud


def test_an_administrator_sees_an_email_template_previewed_as_an_email(screen, brief_wereld):
    page = screen.page
    screen.login("beheer")
    screen.goto("/brieven/sjablonen/")
    screen.htmx(lambda: page.get_by_label("Zoek op naam of code").fill(NIEUWSBRIEF), "/sjablonen/")
    screen.click_link(NIEUWSBRIEF)
    assert page.get_by_label("Soort").input_value() == "e-mail"

    email = _voorbeeld(page).locator("article.email")
    email.wait_for()
    kop = email.locator(".email__kop").inner_text()
    for veld in ("Van", "Aan", "Onderwerp"):
        assert re.search(rf"^{veld}\b", kop, re.MULTILINE), (veld, kop)
    assert "Gemeente Hasselt (brieven)" in kop  # from: the municipality
    assert "Nieuwsbrief voor ondernemers" in email.locator(".email__onderwerp").inner_text()
    assert "Ondernemersloket" in email.locator(".email__inhoud").inner_text()
    assert _voorbeeld(page).locator(".brief__vel").count() == 0, "not an A4 letter"
    breedte = email.evaluate("e => e.getBoundingClientRect().width")
    assert breedte <= 40 * 16 + 1, f"mail width, not A4: {breedte}px"

    _voorbeeld_document_check(screen, "article.email", "the e-mail preview document")

    # Editing keeps it an e-mail; the subject line follows the typing.
    onderwerp = page.get_by_label(re.compile("^Onderwerp"))
    screen.htmx(
        lambda: onderwerp.fill("Nieuws voor ondernemers in Hasselt"),
        "/brieven/sjablonen/voorbeeld/",
        "e-mail preview after editing the subject",
    )
    email = _voorbeeld(page).locator("article.email")
    assert email.locator(".email__onderwerp").inner_text() == "Nieuws voor ondernemers in Hasselt"
    assert _voorbeeld(page).locator(".brief__vel").count() == 0

    # The versions page previews the version as an e-mail too.
    page.get_by_label(re.compile("^Wat is er veranderd")).fill("Onderwerp korter")
    screen.press("Opslaan als nieuwe versie")
    assert "Versie 2 is opgeslagen." in screen.text()
    screen.click_link("Versies bekijken")
    email = _voorbeeld(page).locator("article.email")
    email.wait_for()
    assert "Nieuws voor ondernemers in Hasselt" in email.locator(".email__onderwerp").inner_text()
    assert _voorbeeld(page).locator(".brief__vel").count() == 0
