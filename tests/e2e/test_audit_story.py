"""The auditor finds a new case in the audit trail (who did what) and in the processing log
(whose personal data was seen), through the audit page only."""

from __future__ import annotations

import pytest

from tests.e2e.steps import zaak_aanmaken

pytestmark = [pytest.mark.e2e]


def test_auditor_finds_the_case_created_by_a_case_worker(screen, wereld):
    screen.login("behandelaar")
    nummer = zaak_aanmaken(screen, wereld, omschrijving="Klacht over de vuilophaal")
    naam_behandelaar = wereld.behandelaar.naam
    screen.logout()

    page = screen.page
    screen.login("auditor")
    assert page.get_by_role("heading", name=f"Welkom, {wereld.auditor.naam}").is_visible()
    screen.click_link("Audit")

    # The audit trail: every change to the case, searched by its number.
    page.get_by_label("Zoekterm").fill(nummer)
    screen.htmx(lambda: page.get_by_role("button", name="Zoeken").click(), "/audit/")
    assert f"zoekterm={nummer}" in page.url  # the search is in the address, to share or go back
    rijen = page.locator("#audit-resultaten tbody tr")
    assert rijen.count() >= 1
    tekst = page.locator("#audit-resultaten").inner_text()
    assert "Zaak aangemaakt" in tekst and nummer in tekst and naam_behandelaar in tekst
    assert all(nummer in r for r in rijen.all_inner_texts()), "only entries of this case"

    # The processing log: who saw whose data for this case.
    screen.click_link("Verwerkingenlog")
    page.get_by_label("Zaak", exact=True).fill(nummer)
    screen.htmx(lambda: page.get_by_role("button", name="Zoeken").click(), "/audit/")
    log = page.locator("#audit-resultaten").inner_text()
    assert "Karel Klaagmans" in log and naam_behandelaar in log and nummer in log
