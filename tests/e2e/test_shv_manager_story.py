"""User story 3 in the browser: the team manager sees the team's workload, its trend, the lead
times and the legal terms met, as figures only; no client's name, BSN or case number is on the
page, and a client's settlement page answers 403."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.shv.catalogus import shv_catalogus_ensure
from raadhuis.modules.shv.services import eerste_gesprek_registreren, shv_aanmelding_create
from tests import factories
from tests.kernel.brp.fixtures import brp_double, brp_double_server  # noqa: F401
from tests.modules.shv.conftest import shv_grants, traject

pytestmark = [pytest.mark.e2e]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def team_wereld(transactional_db, browser, brp_double):  # noqa: F811
    """Two consultants of Team Schuldhulpverlening with three dossiers, and their manager."""
    org = factories.organisatie("Gemeente Zevenaar", zaak_prefix="ZEV")
    shv_catalogus_ensure(org)
    team = factories.team(org, "Team Schuldhulpverlening")
    consulenten = []
    for username in ("consulent-a", "consulent-b"):
        medewerker = factories.medewerker(
            org, rollen=(Rol.MEDEWERKER,), team=team, username=username
        )
        shv_grants(medewerker)
        consulenten.append(medewerker)
    factories.medewerker(org, rollen=(Rol.TEAMLEIDER,), team=team, username="teamleider")
    register = brp_double.register
    dossiers = []
    vandaag_ = vandaag(org.tijdzone)
    for medewerker, sleutel, dag, gesprek in (
        (consulenten[0], "gezin", vandaag_ - timedelta(70), vandaag_ - timedelta(63)),
        (consulenten[0], "alleenstaand", vandaag_ - timedelta(5), None),  # term still runs
        (consulenten[1], "alleenstaande_ouder", vandaag_ - timedelta(100), None),  # passed
    ):
        ik = factories.actor(medewerker)
        with freeze_time(datetime(dag.year, dag.month, dag.day, 10, tzinfo=AMSTERDAM)):
            dossier = shv_aanmelding_create(
                actor=ik,
                bsn=register.aanvrager(sleutel).bsn,
                zaaktype=traject(org),
                aanmeldingsdatum=dag,
                behandelaar=medewerker,
            )
        if gesprek:
            with freeze_time(
                datetime(gesprek.year, gesprek.month, gesprek.day, 10, tzinfo=AMSTERDAM)
            ):
                eerste_gesprek_registreren(actor=ik, dossier=dossier, datum=gesprek)
        dossiers.append(dossier)
    personen = [register.aanvrager(s) for s in ("gezin", "alleenstaand", "alleenstaande_ouder")]
    client_data = [p.bsn for p in personen] + [p.geslachtsnaam for p in personen]
    client_data += [p.voornamen for p in personen] + [d.zaak.identificatie for d in dossiers]
    return {"consulenten": consulenten, "dossiers": dossiers, "client_data": client_data}


def test_manager_sees_figures_and_no_client_data(screen, team_wereld):
    page = screen.page
    screen.login("teamleider")
    screen.goto("/shv/team/")
    assert page.get_by_role("heading", level=1, name="Teamcijfers schuldhulpverlening").is_visible()

    tabel = page.get_by_role("table", name="Werklast per consulent")
    a, b = team_wereld["consulenten"]
    rij_a = tabel.get_by_role("row").filter(has_text=a.naam)
    cellen_a = [c.strip() for c in rij_a.locator("td").all_inner_texts()]
    assert cellen_a[0] == "2"  # open dossiers
    assert cellen_a[4].startswith("100%")  # first conversation in time, 1 of 1
    rij_b = tabel.get_by_role("row").filter(has_text=b.naam)
    cellen_b = [c.strip() for c in rij_b.locator("td").all_inner_texts()]
    assert cellen_b[0] == "1" and cellen_b[4].startswith("0%")
    assert cellen_b[3] != "0"  # the overdue task of the first conversation
    team = [c.strip() for c in tabel.locator("tfoot td").all_inner_texts()]
    assert team[0] == "3"

    # The trend as a picture with a text alternative, and the same numbers as a table.
    grafiek = page.get_by_role("img", name="Open dossiers aan het eind van de week")
    assert grafiek.count() == 1
    assert page.get_by_role("table", name="Open dossiers aan het eind van de week per consulent")
    assert page.get_by_role("table", name="Gemiddeld aantal dagen in een fase (afgeronde fasen)")

    html = screen.html()
    shown = [item for item in team_wereld["client_data"] if item and item in html]
    assert not shown, f"client data on the manager's page: {shown}"

    # A client's settlement page is not for the manager.
    zaak = team_wereld["dossiers"][0].zaak
    response = page.goto(f"{screen.base_url}/shv/dossiers/{zaak.uuid}/regeling/")
    assert response.status == 403
    screen.check("the refusal")
    assert zaak.identificatie not in screen.html()
