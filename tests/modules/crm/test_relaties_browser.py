"""Browser story of the CRM core (issue 6 quality bar): an account manager finds a company in
the KvK by name, makes it a relation, logs a phone call with a follow-up task and finds that
task in the work queue. Every page is checked with axe-core and at phone width (Screen.check
of tests/e2e/conftest.py)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.catalogus import crm_catalogus_ensure
from raadhuis.modules.crm.models import Klantcontact, Relatie
from tests import factories
from tests.e2e.conftest import browser, screen  # noqa: F401
from tests.kernel import test_kvk_client

kvk_double_server = test_kvk_client.kvk_double_server
kvk_double = test_kvk_client.kvk_double
pytestmark = [pytest.mark.e2e]


@pytest.fixture
def crm_wereld(transactional_db):
    org = factories.organisatie("Gemeente 's-Hertogenbosch (browser)")
    opvolging = crm_catalogus_ensure(org)
    ez = factories.team(org, "Economische Zaken")
    return factories.medewerker(
        org, rollen=(Rol.MEDEWERKER,), zaaktypen=(opvolging,), team=ez, username="accountmanager"
    )


def test_company_from_kvk_phone_call_with_follow_up_in_the_work_queue(
    screen,  # noqa: F811
    crm_wereld,
    kvk_double,
):
    page = screen.page
    screen.login("accountmanager")
    screen.goto("/crm/relaties/")
    assert "Geen relaties gevonden." in screen.text()
    screen.click_link("Nieuwe relatie")

    # Find the company in the Handelsregister by name and pick it.
    page.get_by_label("Naam", exact=True).fill("Testoven")
    screen.press("Zoeken in KvK")
    assert "Proefbakkerij De Testoven" in screen.text()
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Kies")).first.click()
    screen.check("form filled from a KvK hit")
    assert page.get_by_label("KvK-nummer").input_value() == "98000011"
    page.get_by_label("Soort relatie").select_option("bedrijf")
    screen.press("Relatie vastleggen")
    assert page.get_by_role("heading", level=1, name="Proefbakkerij De Testoven B.V.").is_visible()
    relatie = Relatie.objects.get()
    assert relatie.bron == "kvk"

    # A phone call: three fields, plus a follow-up.
    deadline = vandaag("Europe/Amsterdam") + timedelta(days=3)
    page.get_by_label("Onderwerp").fill("Vraag over de terrasvergunning")
    page.get_by_label("Inhoud").fill("Wil weten wanneer er besloten wordt.")
    page.get_by_text("Meer: uitkomst, zaak, opvolging").click()
    page.get_by_label("Opvolging nodig (taak)").check()
    page.get_by_label("Wat moet er gebeuren?").fill("Terugbellen over de terrasvergunning")
    page.get_by_label("Uiterlijk op").fill(deadline.isoformat())
    screen.press("Klantcontact vastleggen")
    assert "Klantcontact KC" in screen.text()
    assert "Vraag over de terrasvergunning" in screen.text()
    assert Klantcontact.objects.get().taak.vervaldatum == deadline

    # The other screens of the relation pass axe as well.
    screen.click_link("Lokale gegevens wijzigen")
    page.get_by_label("Tags").fill("horeca, binnenstad")
    screen.press("Opslaan")
    assert "horeca" in screen.text()
    screen.click_link("Contactpersoon toevoegen")
    page.get_by_label("Achternaam").fill("Proefmaker")
    page.get_by_label("Rol", exact=True).fill("Directeur")
    screen.press("Toevoegen")
    assert "Proefmaker" in screen.text()

    # The follow-up is in my work queue.
    screen.goto("/")
    assert "Terugbellen over de terrasvergunning" in screen.text()
