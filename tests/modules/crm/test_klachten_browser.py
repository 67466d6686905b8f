"""Browser story (issue 6 quality bar): a medewerker registers a phone complaint, acknowledges,
extends the term, records that the complainant declines a hearing, sends the decision and
closes the complaint within its term; the team leader reads the report. Every page is checked
with axe-core (and for sideways scrolling at phone width) by the e2e Screen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.klachten.catalogus import klacht_catalogus_ensure
from raadhuis.modules.crm.klachten.models import Klacht, KlachtStatus
from tests import factories
from tests.e2e.conftest import browser, screen  # noqa: F401
from tests.modules.crm.test_klachten_fixtures import klacht_grant

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def kl_wereld(transactional_db):
    org = factories.organisatie("Gemeente Hasselt (browser)")
    klacht_catalogus_ensure(org)
    afdeling = factories.team(org, "Burgerzaken")
    behandelaar = factories.medewerker(org, username="klachtbehandelaar", team=afdeling)
    klacht_grant(behandelaar)
    collega = factories.medewerker(org, username="collega", team=afdeling)
    klacht_grant(collega)
    factories.medewerker(org, rollen=(Rol.TEAMLEIDER,), username="teamleider", team=afdeling)
    actor = factories.actor(behandelaar)
    klager = factories.persoon(
        actor, geslachtsnaam="Klaagmans", voornamen="Karin", email="karin@klaagmans.example"
    )
    return {"org": org, "behandelaar": behandelaar, "collega": collega, "klager": klager}


def test_complaint_handled_within_its_term(screen, kl_wereld):  # noqa: F811
    page = screen.page
    screen.login("klachtbehandelaar")
    screen.goto("/crm/klachten/")
    screen.click_link("Klacht registreren")
    page.get_by_label("Klager zoeken").fill("Klaagmans")
    screen.press("Zoeken")
    screen.click_link("Karin Klaagmans")
    page.get_by_label("Kanaal").select_option("telefoon")
    page.get_by_label("Categorie").select_option("bereikbaarheid")
    page.get_by_label("Onderwerp").fill("Niet teruggebeld")
    page.get_by_label("Omschrijving van de klacht").fill("Drie keer gebeld, nooit teruggebeld.")
    page.get_by_label("Afdeling").select_option(label="Burgerzaken")
    page.get_by_label("Medewerker over wie de klacht gaat").select_option(
        label=kl_wereld["collega"].naam
    )
    page.get_by_label("Klachtbehandelaar").select_option(label=kl_wereld["collega"].naam)
    screen.press("Klacht registreren")
    assert "Awb 9:7" in screen.text()
    page.get_by_label("Klachtbehandelaar").select_option(label=kl_wereld["behandelaar"].naam)
    screen.press("Klacht registreren")
    klacht = Klacht.objects.get(onderwerp="Niet teruggebeld")
    assert page.get_by_role("heading", name="Niet teruggebeld").is_visible()

    screen.click_link("In behandeling nemen")
    screen.press("In behandeling nemen")
    screen.click_link("Afhandeling verdagen")
    page.get_by_label("Reden van de verdaging").fill("Wij wachten op de afdeling.")
    page.get_by_label("Verzenden per").select_option("email")
    screen.press("Verdagen en klager informeren")
    assert "Verdaagd tot" in screen.text()
    screen.click_link("Geen hoorzitting")
    page.get_by_label("De klager heeft verklaard niet gehoord te willen worden (b)").check()
    screen.press("Vastleggen")
    screen.click_link("Beslissing op de klacht")
    page.get_by_label("Gegrond", exact=True).check()
    page.get_by_label("Bevindingen").fill("Er is inderdaad niet teruggebeld.")
    page.get_by_label("Conclusies").fill("De klacht is gegrond; excuses aangeboden.")
    screen.press("Beslissing versturen")
    screen.click_link("Klacht afsluiten")
    screen.press("Afsluiten")
    assert "Binnen de termijn afgehandeld" in screen.text()
    klacht.refresh_from_db()
    assert klacht.status == KlachtStatus.AFGEHANDELD
    assert klacht.afgehandeld_op <= klacht.uiterlijk
    assert klacht.uiterlijk <= date.today() + timedelta(weeks=10, days=4)

    screen.goto("/crm/klachten/?status=gesloten")
    assert klacht.zaak.identificatie in screen.text()
    screen.logout()
    screen.login("teamleider")
    screen.goto("/crm/klachten/rapportage/")
    assert "Burgerzaken" in screen.text()
    assert "Klaagmans" not in screen.html()
