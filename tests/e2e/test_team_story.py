"""The teamleider's overview: the team's workload in counts and ages per medewerker, and no
client's name, BSN or case number anywhere on the page."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e]


def cellen(screen, naam: str) -> list[str]:  # noqa: ANN001
    rij = screen.page.get_by_role("table", name="Werkvoorraad per medewerker").locator(
        "tbody tr", has_text=naam
    )
    assert rij.count() == 1, naam
    return [c.strip() for c in rij.locator("td").all_inner_texts()]


def test_teamleider_sees_counts_and_no_client_data(screen, wereld):
    page = screen.page
    screen.login("teamleider")
    assert page.get_by_role("heading", name=f"Welkom, {wereld.teamleider.naam}").is_visible()
    screen.click_link("Team")
    assert page.get_by_role("heading", name="Teamoverzicht").is_visible()

    # Open zaken, over termijn, oudste (dagen), open taken, te laat, binnenkort.
    assert cellen(screen, wereld.behandelaar.naam) == ["2", "1", "60", "2", "1", "0"]
    assert cellen(screen, wereld.collega.naam) == ["1", "0", "0", "1", "0", "1"]
    tabel = page.get_by_role("table", name="Werkvoorraad per medewerker")
    assert tabel.locator("tbody tr").count() == 2, "the case workers of the team, one row each"
    totaal = page.locator("tfoot tr").locator("td").all_inner_texts()
    assert [t.strip() for t in totaal] == ["3", "1", "60", "3", "1", "1"]

    html = screen.html()
    shown = [item for item in wereld.client_data if item in html]
    assert not shown, f"client data on the team page: {shown}"
