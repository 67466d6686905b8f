"""The template library in the browser: a functional administrator of a municipality with some
seventy templates filters the library down to the complaint e-mails, opens one, edits it (a new
version), compares the two versions, and restores the first; every page axe-clean, at desktop
and phone width."""

from __future__ import annotations

import re

import pytest

from raadhuis.kernel.messaging.services import sjabloon_ensure
from raadhuis.kernel.organisations.models import Rol
from tests import factories

pytestmark = [pytest.mark.e2e]

SOORTEN = ("brief", "offerte", "e-mail")
CATEGORIEEN = ("Klachten", "Contracten", "Relatiebeheer", "Zaken")


@pytest.fixture
def bibliotheek(transactional_db):
    org = factories.organisatie("Gemeente Hasselt", zaak_prefix="HAS")
    factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="beheer")
    for i in range(72):
        sjabloon_ensure(
            org,
            f"sjabloon-{i:02d}",
            f"Sjabloon {i:02d}",
            "Onderwerp {{ ontvanger.naam }}",
            "<p>{{ ontvanger.aanhef }}</p>\n<p>Algemene tekst.</p>",
            soort=SOORTEN[i % 3],
            categorie=CATEGORIEEN[i % 4],
        )
    return sjabloon_ensure(
        org,
        "klacht-ontvangst-mail",
        "Klacht ontvangen (e-mail)",
        "Wij hebben uw klacht ontvangen",
        "<p>{{ ontvanger.aanhef }}</p>\n<p>Wij reageren binnen zes weken.</p>\n"
        "<p>Met vriendelijke groet,</p>",
        soort="e-mail",
        categorie="Klachten",
    )


def test_administrator_filters_the_library_edits_compares_and_restores(screen, bibliotheek):
    page = screen.page
    screen.login("beheer")
    screen.goto("/brieven/sjablonen/")
    assert "73 sjablonen" in screen.text() and "pagina 1 van 3" in screen.text()

    # Filter: kind e-mail, category Klachten, then a word of the name (htmx swaps the results).
    screen.htmx(lambda: page.get_by_label("Soort").select_option(label="E-mail"), "/sjablonen/")
    screen.htmx(
        lambda: page.get_by_label("Categorie").select_option(label="Klachten"), "/sjablonen/"
    )
    assert "7 sjablonen gevonden" in screen.text()
    screen.htmx(lambda: page.get_by_label("Zoek op naam of code").fill("klacht"), "/sjablonen/")
    assert "1 sjabloon gevonden" in screen.text()
    assert "soort=e-mail" in page.url  # the filtered list has its own address

    screen.click_link("Klacht ontvangen (e-mail)")
    assert page.get_by_label("Soort").input_value() == "e-mail"
    inhoud = page.get_by_label("Tekst van de brief (HTML)")
    screen.htmx(
        lambda: inhoud.fill(inhoud.input_value().replace("zes weken", "vier weken")),
        "/brieven/sjablonen/voorbeeld/",
    )
    page.get_by_label(re.compile("^Wat is er veranderd")).fill("Kortere termijn")
    screen.press("Opslaan als nieuwe versie")
    assert "Versie 2 is opgeslagen." in screen.text()

    screen.click_link("Versies bekijken")
    assert "Kortere termijn" in screen.text()
    screen.press("Vergelijken")
    assert "Versie 1 en versie 2 vergeleken" in screen.text()
    assert page.locator(".rh-diff del").first.inner_text() == "zes"
    assert page.locator(".rh-diff ins").first.inner_text() == "vier"

    screen.press("Versie 1 terugzetten")
    assert "Versie 1 is teruggezet als versie 3." in screen.text()
    assert "zes weken" in page.get_by_label("Tekst van de brief (HTML)").input_value()
