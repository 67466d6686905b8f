"""Intake starts in the BRP: a case worker searches the BRP test double by surname and birth
date, takes the client over as a party (name, birth date and address come from the BRP, not
typed in), and then finds the rest of the household at the same address."""

from __future__ import annotations

import re

import pytest

from tests.kernel.brp.fixtures import brp_double, brp_double_server  # noqa: F401

pytestmark = [pytest.mark.e2e]


def test_case_worker_takes_a_client_over_from_the_brp(screen, wereld, brp_double):  # noqa: F811
    page = screen.page
    lotte = brp_double.register.aanvrager("alleenstaande_ouder")
    screen.login("behandelaar")
    screen.goto("/brp/")

    # Nothing filled in: the error summary names what is missing.
    screen.press("Zoeken in de BRP")
    assert "Controleer wat je hebt ingevuld" in screen.text()

    page.get_by_label("Reden van de raadpleging").fill("Aanmelding schuldhulpverlening")
    page.get_by_label("Achternaam").fill("steekproef")
    page.get_by_label("Geboortedatum").fill(lotte.geboortedatum.isoformat())
    screen.press("Zoeken in de BRP")
    resultaten = page.get_by_role("table", name="Personen gevonden in de BRP")
    assert "1 persoon gevonden." in screen.text()
    assert "Lotte Maria Steekproef" in resultaten.inner_text()
    assert "Voorbeeldlaan 12A, 6902 ZB ZEVENAAR" in resultaten.inner_text()
    assert lotte.bsn not in resultaten.inner_text()  # masked in the list

    screen.press("Overnemen Lotte Maria Steekproef", wait_for=re.compile(r"/partijen/[0-9a-f-]+/$"))
    assert page.get_by_role("heading", name="Lotte Maria Steekproef", level=1).is_visible()
    assert "Lotte Maria Steekproef is overgenomen uit de BRP." in screen.text()
    assert lotte.bsn in screen.text()
    assert "Voorbeeldlaan 12A, 6902ZB Zevenaar" in screen.text()

    # The household at the same address: Lotte is known now, her children are not (yet).
    screen.goto("/brp/")
    page.get_by_label("Reden van de raadpleging").fill("Aanmelding schuldhulpverlening")
    page.get_by_label("Postcode").fill("6902 ZB")
    page.get_by_label("Huisnummer", exact=True).fill("12")
    screen.press("Zoeken in de BRP")
    assert "3 personen gevonden." in screen.text()
    tabel = page.get_by_role("table", name="Personen gevonden in de BRP").inner_text()
    assert "Daan Oefenaar" in tabel and "Emma Oefenaar" in tabel
    assert page.get_by_role("button", name="Bijwerken uit de BRP Lotte Maria Steekproef").count()
    assert page.get_by_role("button", name="Overnemen Emma Oefenaar").count() == 1

    # When the BRP is down, the page says so instead of failing.
    brp_double.app.storing = True
    screen.press("Zoeken in de BRP")
    assert "De BRP is tijdelijk niet beschikbaar" in screen.text()
