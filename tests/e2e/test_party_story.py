"""The CRM's 360° view: a case worker finds a client in "Partijen" by BSN and by name, opens
the client's page and sees the cases of every case type they are granted (and no others)."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e]


def test_case_worker_finds_a_client_by_bsn_and_by_name_and_sees_their_cases(screen, wereld):
    page = screen.page
    pieter = wereld.pieter
    screen.login("behandelaar")
    screen.click_link("Partijen")
    zoekveld = page.get_by_label("Zoek een partij")
    resultaten = page.locator("#partij-resultaten")

    # By BSN: the results come while typing; the list shows the BSN masked.
    screen.htmx(lambda: zoekveld.fill(pieter.bsn), "/partijen/", "search by BSN")
    assert "1 partij gevonden." in resultaten.inner_text()
    assert resultaten.get_by_role("link", name="Pieter Pietersen").count() == 1
    assert pieter.bsn not in resultaten.inner_text()
    assert "******" + pieter.bsn[-3:] in resultaten.inner_text()

    # By name, then open the client's page.
    screen.htmx(lambda: zoekveld.fill("Pieters"), "/partijen/", "search by name")
    screen.click_link("Pieter Pietersen")
    assert page.get_by_role("heading", name="Pieter Pietersen", level=1).is_visible()
    assert pieter.bsn in screen.text()

    zaken = wereld.zaken_pieter
    per_type = page.get_by_role("table", name="Aantal zaken per zaaktype")
    assert per_type.locator("tbody th").all_inner_texts() == [
        "Klacht",
        "Subsidieaanvraag vereniging",
    ]
    assert "2 open en 0 gesloten zaken" in screen.text()
    lijst = page.get_by_role("table", name="Alle zaken van deze partij, nieuwste eerst")
    nummers = lijst.locator("tbody th").all_inner_texts()
    assert sorted(nummers) == sorted(
        [zaken["KLACHT"].identificatie, zaken["SUBSIDIE"].identificatie]
    )
    # The VERLOF case of this client is not for this case worker: not even its number.
    assert zaken["VERLOF"].identificatie not in screen.html()
    assert "Verlofaanvraag" not in screen.html()

    # On to one of the cases.
    screen.click_link(zaken["SUBSIDIE"].identificatie)
    assert page.get_by_role(
        "heading", name=re.compile(zaken["SUBSIDIE"].identificatie)
    ).is_visible()
    assert "Pieter Pietersen" in page.get_by_role("table", name="Rollen in deze zaak").inner_text()
