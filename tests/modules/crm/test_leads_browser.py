"""Browser story of leads (issue 6, item 3): an account manager registers a lead for a company,
moves it on the board with the buttons, wins it on the lead page, makes a quotation and
follows "Contract vastleggen" to register the contract. The quotation is made from a chosen
template after a preview. Every page is checked with axe-core
and at phone width (Screen.check)."""

from __future__ import annotations

import pytest

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.catalogus import crm_catalogus_ensure
from raadhuis.modules.crm.contracten.models import Contract
from raadhuis.modules.crm.leads.demo import leads_demo_load
from raadhuis.modules.crm.leads.models import Lead
from raadhuis.modules.crm.models import RelatieSoort
from raadhuis.modules.crm.services import relatie_handmatig_create
from tests import factories
from tests.e2e.conftest import browser, screen  # noqa: F401

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def lead_wereld(transactional_db):
    org = factories.organisatie("Gemeente 's-Hertogenbosch (leads)")
    opvolging = crm_catalogus_ensure(org)
    ez = factories.team(org, "Economische Zaken")
    am = factories.medewerker(
        org, rollen=(Rol.MEDEWERKER,), zaaktypen=(opvolging,), team=ez, username="leads"
    )
    relatie = relatie_handmatig_create(
        actor=factories.actor(am),
        soort=RelatieSoort.BEDRIJF,
        naam="Proefbakkerij De Testoven B.V.",
        rechtsvorm="besloten_vennootschap",
        eenheid=ez,
    )
    leads_demo_load(org, partijen=[relatie.partij])
    return org, am, relatie


def test_register_move_win_quote_and_contract(screen, lead_wereld):  # noqa: F811
    org, am, relatie = lead_wereld
    page = screen.page
    screen.login("leads")

    # A new lead from the relation (as the relation page links it).
    screen.goto(f"/crm/leads/nieuw/?partij={relatie.partij.uuid}")
    page.get_by_label("Titel").fill("Tweede vestiging Testoven")
    page.get_by_label("Verwachte waarde (€)").fill("80.000,00")
    page.get_by_label("Bron").select_option("doorverwijzing")
    screen.press("Lead vastleggen")
    assert page.get_by_role("heading", level=1, name="Tweede vestiging Testoven").is_visible()
    assert "Leadscore:" in screen.text()
    lead = Lead.objects.get(titel="Tweede vestiging Testoven")

    # The board: one stage further with the button (no dragging).
    screen.goto(f"/crm/leads/?pipeline={lead.pipeline.uuid}")
    assert "Tweede vestiging Testoven" in screen.text()
    screen.press(f"{lead.kenmerk} naar Behoefte in beeld")
    assert "staat nu in fase ‘Behoefte in beeld’" in screen.text()

    # The smart filter shows demo leads whose relation had no contact in 30 days.
    screen.goto("/crm/leads/lijst/?zonder_contact=30&status=open")
    assert lead.kenmerk in screen.text()

    # Won on the lead page, a quotation, then the contract.
    screen.goto(f"/crm/leads/{lead.uuid}/")
    page.get_by_label("Naar fase").select_option(label="Gewonnen")
    screen.press("Fase wijzigen")
    assert "Gewonnen! De relatie is gemarkeerd als klant." in screen.text()
    screen.click_link("Offerte maken")
    # Choose a quotation template and look at the quotation before it is made.
    page.get_by_label("Sjabloon").select_option(label="Offerte: evenement of sponsoring (versie 1)")
    screen.press("Voorbeeld bijwerken")
    voorbeeld = page.locator("iframe.rh-brief-voorbeeld__frame").get_attribute("srcdoc")
    assert "Wat is inbegrepen" in voorbeeld and f"{lead.kenmerk}-O1" in voorbeeld
    screen.press("Offerte maken")
    assert f"{lead.kenmerk}-O1 (PDF)" in screen.text()
    assert "‘Offerte: evenement of sponsoring’ (versie 1)" in screen.text()
    screen.click_link("Contract vastleggen")
    page.get_by_label("Onderwerp").fill("Huur bedrijfskavel Testoven")
    page.get_by_label("Waarde (€)").fill("80.000,00")
    page.get_by_label("Startdatum").fill("2027-01-01")
    screen.press("Contract vastleggen")
    assert Contract.objects.filter(partij=relatie.partij, onderwerp__startswith="Huur").exists()
