"""The team manager's figures (user story 3): workload per consultant and its trend, overdue
actions, lead time per phase and the Wgs terms met, as aggregates only; the page shows no
client's name, BSN, case number or document."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from freezegun import freeze_time

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.modules.shv.models import Fase
from raadhuis.modules.shv.regeling.teamcijfers import teamcijfers
from raadhuis.modules.shv.services import (
    eerste_gesprek_registreren,
    shv_aanmelding_create,
    toelating_vastleggen,
)
from tests import factories
from tests.modules.shv.conftest import shv_grants

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VANDAAG = datetime(2026, 11, 20, 12, tzinfo=AMSTERDAM)  # a Friday; 12 weeks from 31 August


def op(dag: date):  # noqa: ANN201
    return freeze_time(datetime(dag.year, dag.month, dag.day, 10, tzinfo=AMSTERDAM))


@pytest.fixture
def team(shv_org, team_shv, consulent, ik, msr, brp_double):
    """Consultant A (the `consulent` fixture) and B, their team leader, and four dossiers."""
    collega = factories.medewerker(shv_org, rollen=(Rol.MEDEWERKER,), team=team_shv)
    shv_grants(collega)
    jij = factories.actor(collega)
    teamleider = factories.medewerker(
        shv_org, rollen=(Rol.TEAMLEIDER,), team=team_shv, username="teamleider-shv"
    )
    register = brp_double.register

    def aanmelding(actor, sleutel: str, dag: date):  # noqa: ANN001, ANN202
        with op(dag):
            return shv_aanmelding_create(
                actor=actor,
                bsn=register.aanvrager(sleutel).bsn,
                zaaktype=msr,
                aanmeldingsdatum=dag,
                behandelaar=actor.medewerker,
            )

    a1 = aanmelding(ik, "gezin", date(2026, 11, 16))
    a2 = aanmelding(ik, "alleenstaand", date(2026, 9, 1))
    with op(date(2026, 9, 10)):
        eerste_gesprek_registreren(actor=ik, dossier=a2, datum=date(2026, 9, 10))  # in time
    with op(date(2026, 11, 10)):  # the decision was due on 5 November
        toelating_vastleggen(actor=ik, dossier=a2, toegelaten=True, datum=date(2026, 11, 10))
    b1 = aanmelding(jij, "alleenstaande_ouder", date(2026, 9, 2))  # never seen: term passed
    b2 = aanmelding(jij, "partnerschap", date(2026, 10, 5))
    with op(date(2026, 10, 7)):
        eerste_gesprek_registreren(actor=jij, dossier=b2, datum=date(2026, 10, 7))
    dossiers = [a1, a2, b1, b2]
    persoonsgegevens = [register.aanvrager(s) for s in ("gezin", "alleenstaand")] + [
        register.aanvrager(s) for s in ("alleenstaande_ouder", "partnerschap")
    ]
    verboden = [p.bsn for p in persoonsgegevens] + [p.geslachtsnaam for p in persoonsgegevens]
    verboden += [p.voornamen for p in persoonsgegevens]
    verboden += [d.zaak.identificatie for d in dossiers]
    return {
        "a": ik.medewerker,
        "b": collega,
        "teamleider": teamleider,
        "dossiers": dossiers,
        "verboden": verboden,
    }


def regel(cijfers, naam: str):  # noqa: ANN001, ANN201
    return next(c for c in cijfers.consulenten if c.medewerker == naam)


def te_laat(medewerker) -> int:  # noqa: ANN001
    return Taak.objects.filter(
        toegewezen_aan=medewerker, status=TaakStatus.OPEN, vervaldatum__lt=VANDAAG.date()
    ).count()


def test_workload_trend_terms_and_lead_times(team):
    with freeze_time(VANDAAG):
        cijfers = teamcijfers(actor=factories.actor(team["teamleider"]))

    assert cijfers.weken[0] == date(2026, 8, 31) and cijfers.weken[-1] == date(2026, 11, 16)
    a, b = regel(cijfers, team["a"].naam), regel(cijfers, team["b"].naam)
    assert (a.open_dossiers, b.open_dossiers, cijfers.totaal.open_dossiers) == (2, 2, 4)
    assert a.nieuw_per_week == (1,) + (0,) * 10 + (1,)
    assert b.nieuw_per_week == (1, 0, 0, 0, 0, 1) + (0,) * 6
    assert cijfers.totaal.open_per_week == (2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4)
    # Wgs terms: A met the first conversation (the new dossier's term still runs) and missed
    # the decision; B met one first conversation and let one term pass.
    assert (a.eerste_gesprek.tijdig, a.eerste_gesprek.totaal) == (1, 1)
    assert (a.beschikking.procent, b.beschikking.procent) == (0, None)
    assert (b.eerste_gesprek.procent, cijfers.totaal.eerste_gesprek.procent) == (50, 67)
    # Lead time of phases left: A's 9 days in aanmelding and 61 in intake, B's 2 days.
    assert a.doorlooptijd_per_fase[Fase.AANMELDING] == 9
    assert a.doorlooptijd_per_fase[Fase.INTAKE] == 61
    assert b.doorlooptijd_per_fase[Fase.AANMELDING] == 2
    assert cijfers.totaal.doorlooptijd_per_fase[Fase.AANMELDING] == 6  # (9 + 2) / 2, rounded
    # Overdue actions: B's task for the first conversation of the dossier never seen.
    assert b.acties_te_laat == te_laat(team["b"]) >= 1
    assert a.acties_te_laat == te_laat(team["a"])


def test_only_a_teamleider_gets_the_figures(team):
    from raadhuis.kernel.exceptions import ToegangGeweigerd

    with pytest.raises(ToegangGeweigerd):
        teamcijfers(actor=factories.actor(team["a"]))


def test_the_page_shows_figures_and_no_client_data(team, client):
    client.force_login(team["teamleider"].user)
    with freeze_time(VANDAAG):
        response = client.get(reverse("shv:team"))
    assert response.status_code == 200
    html = response.content.decode()
    assert team["a"].naam in html and team["b"].naam in html
    assert "Werklast per consulent" in html and "<svg" in html and "67%" in html
    shown = [item for item in team["verboden"] if item and item in html]
    assert not shown, f"client data on the manager's page: {shown}"


@pytest.mark.parametrize("wie", ["a", "anoniem"])
def test_others_do_not_get_the_page(team, client, wie):
    if wie != "anoniem":
        client.force_login(team[wie].user)
    response = client.get(reverse("shv:team"))
    assert response.status_code == (302 if wie == "anoniem" else 403)
