"""A complaint from intake to end status, as a case worker does it in the browser: log in, start
a case through "Nieuwe zaak" choosing the initiator with the party picker, add a letter and a
new version of it and download both, give a colleague a task, then move the case through its
statuses to the end status with a result."""

from __future__ import annotations

import re

import pytest
from django.utils import formats, translation

from raadhuis.kernel.workflow.calendar import vandaag
from tests.e2e.steps import document_met_versies, status_zetten, taak_toevoegen, zaak_aanmaken

pytestmark = [pytest.mark.e2e]


def test_case_worker_takes_a_complaint_from_intake_to_end_status(screen, wereld):
    page = screen.page
    screen.login("behandelaar")
    assert page.get_by_role("heading", name="Mijn werkvoorraad").is_visible()
    werkvoorraad = screen.text()
    assert "Stoep laten inspecteren" in werkvoorraad and "Verlofsaldo nakijken" not in werkvoorraad

    nummer = zaak_aanmaken(screen, wereld)
    document_met_versies(screen)

    # A task for a colleague; its form (with every medewerker) arrives when it is opened.
    taak_toevoegen(screen, "Buren bevragen over de hond", wereld.collega.naam)
    assert "Taak ‘Buren bevragen over de hond’ is aangemaakt" in screen.text()
    taken = page.get_by_role("table", name="Taken bij deze zaak, open taken eerst")
    assert (
        wereld.collega.naam
        in taken.get_by_role("row").filter(has_text="Buren bevragen over de hond").inner_text()
    )

    status_zetten(screen, "2. In behandeling")
    assert "De status is nu ‘In behandeling’." in screen.text()

    # The end status without a result: refused, with the reason at the field.
    status_zetten(screen, "3. Afgehandeld — eindstatus")
    veld = page.get_by_label(re.compile(r"^Resultaat"))
    assert veld.get_attribute("aria-invalid") == "true"
    assert "Kies een resultaat om de zaak af te sluiten." in screen.text()
    screen.click_link(re.compile(r"^Terug naar zaak"))

    status_zetten(screen, "3. Afgehandeld — eindstatus", resultaat="Gegrond")
    assert "De status is nu ‘Afgehandeld’." in screen.text()
    assert page.get_by_role("heading", name=f"Zaak {nummer}").is_visible()
    kenmerken = screen.text()
    assert "Gesloten" in kenmerken and "Resultaat: Gegrond" in kenmerken
    with translation.override("nl"):
        einddatum = formats.date_format(vandaag("Europe/Amsterdam"), "j F Y")
    einde = page.locator("dt", has_text=re.compile("^Einddatum$")).locator("xpath=..")
    assert einddatum in einde.inner_text()

    verloop = page.get_by_role("list", name="Statusverloop").get_by_role("listitem")
    assert [s.split("\n")[0] for s in verloop.all_inner_texts()] == [
        "Ontvangen",
        "In behandeling",
        "Afgehandeld",
    ]
    assert "huidige status" in verloop.nth(2).inner_text()
    assert all("gedaan" in verloop.nth(i).inner_text() for i in (0, 1))
    gezet = page.get_by_role("table", name="Gezette statussen, nieuwste eerst")
    assert gezet.locator("tbody tr").count() == 3

    # Back to the work queue: the closed case is no longer among my open cases.
    screen.click_link("Mijn werkvoorraad")
    assert nummer not in screen.text()
