"""Browser story of contracts (issue 6, item 5): an account manager registers a contract for a
company, finds the contracts ending within 90 days, records a Social Return realisation, and
after the daily check sees the expiry signal on the contract page and the task in the work
queue. Every page is checked with axe-core and at phone width (Screen.check)."""

from __future__ import annotations

import pytest

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.catalogus import crm_catalogus_ensure
from raadhuis.modules.crm.contracten.catalogus import contract_catalogus_ensure
from raadhuis.modules.crm.contracten.demo import contracten_demo_load
from raadhuis.modules.crm.contracten.models import Contract
from raadhuis.modules.crm.contracten.signalen import contracten_signaleren
from raadhuis.modules.crm.models import RelatieSoort
from raadhuis.modules.crm.services import relatie_handmatig_create
from tests import factories
from tests.e2e.conftest import browser, screen  # noqa: F401

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def contract_wereld(transactional_db):
    org = factories.organisatie("Gemeente 's-Hertogenbosch (contracten)")
    opvolging = crm_catalogus_ensure(org)
    contractbeheer = contract_catalogus_ensure(org)
    ez = factories.team(org, "Economische Zaken")
    # Contract owners are granted the case type 'Contractbeheer': the signal's task is theirs.
    am = factories.medewerker(
        org,
        rollen=(Rol.MEDEWERKER,),
        zaaktypen=(opvolging, contractbeheer),
        team=ez,
        username="contracten",
    )
    relatie = relatie_handmatig_create(
        actor=factories.actor(am),
        soort=RelatieSoort.BEDRIJF,
        naam="Proefbakkerij De Testoven B.V.",
        rechtsvorm="besloten_vennootschap",
        eenheid=ez,
    )
    contracten_demo_load(org, afdeling=ez, eigenaar=am, partijen=[relatie.partij])
    return org, am, relatie


def test_register_filter_realise_and_get_the_expiry_signal(
    screen,  # noqa: F811
    contract_wereld,
):
    org, am, relatie = contract_wereld
    page = screen.page
    screen.login("contracten")

    # A new contract from the relation's page.
    screen.goto(f"/crm/contracten/nieuw/?partij={relatie.partij.uuid}")
    page.get_by_label("Onderwerp").fill("Levering brood kantine")
    page.get_by_label("Waarde (€)").fill("12.500,00")
    page.get_by_label("Startdatum").fill("2026-01-01")
    page.get_by_label("Einddatum").fill("2025-01-01")
    screen.press("Contract vastleggen")
    assert "De einddatum ligt voor de startdatum." in screen.text()
    page.get_by_label("Einddatum").fill("2027-12-31")
    screen.press("Contract vastleggen")
    assert page.get_by_role("heading", level=1, name="Levering brood kantine").is_visible()

    # The overview, narrowed to what ends within 90 days (htmx swaps the results).
    screen.goto("/crm/contracten/")
    assert "Levering brood kantine" in screen.text()
    screen.htmx(
        lambda: page.get_by_label("Eindigt of opzeggen").select_option("90"),
        "/crm/contracten/",
        "contracts ending within 90 days",
    )
    tekst = page.locator("#contracten-resultaten").inner_text()
    assert "Schoonmaak stadskantoor" in tekst and "Levering brood kantine" not in tekst

    # Social Return on the cleaning contract.
    screen.click_link("DEMO-001")
    screen.click_link("Realisatie vastleggen")
    page.get_by_label("Uren").fill("100")
    page.get_by_label("Omschrijving").fill("Derde leerwerkplek")
    screen.press("Vastleggen")
    assert "400 van 400 uur gerealiseerd (100%)" in screen.text()

    # The daily check: the signal shows on the contract and its task in the work queue.
    contracten_signaleren(org, vandaag(org.tijdzone))
    schoonmaak = Contract.objects.get(kenmerk="DEMO-001")
    screen.goto(f"/crm/contracten/{schoonmaak.uuid}/")
    assert "Einde looptijd nadert" in screen.text()
    assert "e-mail verstuurd" in screen.text()
    screen.goto("/")
    assert "Het contract loopt af op" in screen.text()
