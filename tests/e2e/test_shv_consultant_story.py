"""User story 1 of the Zevenaar tender (issue 4, items 1, 2 and 7), as a debt consultant does it
in the browser: find a new client in the BRP and register the request (client, address and
household come from the BRP, not typed in), record income, fixed costs and an asset, record the
first conversation, add a creditor to the register (a wrong IBAN first), ask the creditor for a
statement with one action (the letter lands in the dossier), record the statement, and see it
all on the dossier page and in the caseload. Every page and htmx swap is checked with axe, at
desktop and at phone width."""

from __future__ import annotations

import re

import pytest

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.shv.catalogus import shv_catalogus_ensure
from tests import factories
from tests.e2e.steps import (
    SHV_DOSSIER_URL,
    shv_aanmelding_registreren,
    shv_brp_opzoeken,
    shv_eerste_gesprek,
    shv_financien_toevoegen,
)
from tests.kernel.brp.fixtures import brp_double, brp_double_server  # noqa: F401
from tests.modules.shv.conftest import shv_grants

pytestmark = [pytest.mark.e2e]

GEZIN_BSN = "999990056"  # Mohamed Testelink: married, children 17, 12 and 3 (BRP test double)


@pytest.fixture
def consulent(transactional_db, brp_double):  # noqa: F811
    """Gemeente Zevenaar (test) with the debt catalogue and a consultant granted every track."""
    org = factories.organisatie("Gemeente Zevenaar (e2e)")
    shv_catalogus_ensure(org)
    team = factories.team(org, "Team Schuldhulpverlening")
    medewerker = factories.medewerker(
        org, rollen=(Rol.MEDEWERKER,), team=team, username="consulent"
    )
    shv_grants(medewerker)
    return medewerker


def test_consultant_registers_a_client_and_builds_the_dossier(screen, consulent):
    page = screen.page
    screen.login("consulent")
    screen.goto("/shv/")
    assert page.get_by_role("heading", name="Werkvoorraad schuldhulpverlening").is_visible()
    assert "Je hebt geen open dossiers." in screen.text()

    # --- 1. intake from the BRP -----------------------------------------------------------
    shv_brp_opzoeken(screen, GEZIN_BSN)
    assert page.get_by_role("heading", name="Gegevens uit de BRP").is_visible()
    huishouden = page.get_by_role("table", name="Partner en kinderen volgens de BRP")
    assert huishouden.locator("tbody tr").count() == 4
    assert "jaar" in huishouden.inner_text()
    shv_aanmelding_registreren(
        screen, "Minnelijke schuldregeling", "Huurachterstand en een energierekening."
    )
    assert "Aanmelding geregistreerd: dossier SHV-" in screen.text()
    acties = page.get_by_role("table", name="Open taken van dit dossier, eerstvolgende eerst")
    assert "Eerste gesprek voeren" in acties.inner_text()
    gezin = page.get_by_role("table", name="Huishouden (uit de BRP)")
    assert gezin.locator("tbody tr").count() == 4
    dossier_url = page.url.split("#")[0]

    # --- income, fixed costs and an asset (htmx rows) ---------------------------------------
    screen.click_link("Inkomsten, vaste lasten en bezittingen")
    shv_financien_toevoegen(
        screen,
        "inkomsten",
        "Loon",
        {"Omschrijving": "Salaris magazijn", "Netto per maand (€)": "1.985,40"},
    )
    assert "€ 1.985,40" in page.locator("section#inkomsten").inner_text()
    shv_financien_toevoegen(
        screen,
        "vaste-lasten",
        "Huur of hypotheek",
        {"Omschrijving": "Huur woning", "Per maand (€)": "845"},
    )
    # A negative amount is refused at the field, in Dutch, without leaving the page.
    shv_financien_toevoegen(
        screen, "vaste-lasten", "Energie", {"Omschrijving": "Energie", "Per maand (€)": "-10"}
    )
    assert "Een bedrag kan niet negatief zijn." in page.locator("section#vaste-lasten").inner_text()
    shv_financien_toevoegen(
        screen,
        "bezittingen",
        "Voertuig",
        {"Omschrijving": "Auto (2011)", "Waarde (€)": "1500"},
    )
    screen.click_link(re.compile("^Terug naar dossier"))
    financien = page.locator("section#financien").inner_text()
    assert "€ 1.985,40" in financien and "€ 845,00" in financien and "€ 1.140,40" in financien

    # --- the first conversation ----------------------------------------------------------------
    shv_eerste_gesprek(screen)
    termijnen = page.get_by_role(
        "table", name="Termijnen van de Wet gemeentelijke schuldhulpverlening"
    )
    assert "Gehaald" in termijnen.inner_text()
    assert "Beschikking toelating nemen" in page.locator("section#acties").inner_text()

    # --- 2. the creditor register --------------------------------------------------------------
    screen.goto("/shv/schuldeisers/")
    screen.click_link("Schuldeiser toevoegen")
    page.get_by_label("Naam").fill("Woningstichting De Linge (fictief)")
    page.get_by_label("KvK-nummer").fill("61009173")
    page.get_by_label("IBAN").fill("NL91 ABNA 0417 1643 01")  # one digit wrong
    page.get_by_label("E-mailadres voor correspondentie").fill("incasso@delinge.example")
    page.get_by_label("Straat").fill("Proefstraat")
    page.get_by_label("Huisnummer").fill("10")
    page.get_by_label("Postcode").fill("6901 AA")
    page.get_by_label("Plaats").fill("Zevenaar")
    screen.press("Schuldeiser toevoegen")
    assert "het controlegetal past niet bij het rekeningnummer" in screen.text()
    assert page.get_by_label("IBAN").get_attribute("aria-invalid") == "true"
    page.get_by_label("IBAN").fill("NL91 ABNA 0417 1643 00")
    screen.press("Schuldeiser toevoegen", wait_for=re.compile(r"/shv/schuldeisers/[0-9a-f-]{36}/$"))
    assert "Woningstichting De Linge (fictief) staat in het register." in screen.text()
    screen.click_link("Terug naar de schuldeisers")
    zoeken = page.get_by_role("textbox", name="Zoeken")
    zoeken.fill("linge")
    screen.htmx(lambda: zoeken.press("Enter"), "/shv/schuldeisers/")
    assert "NL91ABNA0417164300" in page.locator("#schuldeiser-resultaten").inner_text()

    # --- debts: ask the creditor for a statement in one action ---------------------------------
    screen.goto(dossier_url.removeprefix(screen.base_url))
    screen.click_link("Schulden opvragen bij schuldeisers")
    page.get_by_label("Woningstichting De Linge (fictief)").check()
    screen.press("Verzoek tot opgave versturen", wait_for=SHV_DOSSIER_URL)
    assert "Verzoek tot opgave verstuurd aan 1 schuldeiser(s)." in screen.text()
    schulden = page.get_by_role("table", name="Schulden van dit dossier")
    assert "Opgevraagd" in schulden.inner_text()
    brieven = page.get_by_role("table", name="Verstuurde brieven, nieuwste eerst")
    brief = brieven.get_by_role("row").filter(has_text="Woningstichting De Linge (fictief)")
    assert "E-mail" in brief.inner_text()
    assert (
        "Herinnering opgave Woningstichting De Linge" in page.locator("section#acties").inner_text()
    )

    # The creditor answers: the statement is recorded on the debt.
    screen.click_link("Woningstichting De Linge (fictief)")
    page.get_by_label("Actueel bedrag (€)").first.fill("2.345,67")
    page.get_by_label("Kenmerk schuldeiser").first.fill("HUUR-2026-114")
    screen.press("Opgave vastleggen")
    assert "Opgave vastgelegd." in screen.text()
    historie = page.get_by_role("table", name="Historie van deze schuld, nieuwste eerst")
    assert historie.locator("tbody tr").count() >= 2

    # --- 7. the overview: dossier page and caseload --------------------------------------------
    screen.click_link(re.compile("^Terug naar dossier"))
    schulden = page.get_by_role("table", name="Schulden van dit dossier")
    assert "Opgegeven" in schulden.inner_text() and "€ 2.345,67" in schulden.inner_text()
    assert "1 schuld, openstaand € 2.345,67." in page.locator("section#schulden").inner_text()
    screen.click_link("Terug naar de werkvoorraad")
    rij = page.locator("#caseload-resultaten tbody tr")
    assert rij.count() == 1
    tekst = rij.inner_text()
    assert "Mohamed Testelink" in tekst and "Minnelijke schuldregeling" in tekst
    assert "Intake" in tekst
    screen.htmx(lambda: page.get_by_label("Fase").select_option(label="Schuldregeling"), "/shv/")
    assert "Geen dossiers gevonden met deze filters." in screen.text()
    screen.htmx(lambda: page.get_by_label("Fase").select_option(label="Intake"), "/shv/")
    assert page.locator("#caseload-resultaten tbody tr").count() == 1
