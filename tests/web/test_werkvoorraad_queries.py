"""'Mijn werkvoorraad' costs a fixed number of queries however many tasks and cases it shows,
and its rows link to completing each task (built without reversing the URL per row)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.workflow.models import Taak
from raadhuis.kernel.workflow.services import taak_create
from tests import factories

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"
# session, user, the medewerker with its grants and second factor (one query), my teams,
# three lists; the menu costs none. No growth with the page. (11 before the staff gate and the
# actor were folded into the medewerker query.)
WERKVOORRAAD_MAX = 7


@pytest.fixture
def team(org):
    return factories.team(org, "Team Klachten")


@pytest.fixture
def mw(org, zaaktype, team):
    return factories.medewerker(org, zaaktypen=(zaaktype,), team=team)


def _werk(mw, zaaktype, team, aantal):
    actor = factories.actor(mw)
    for i in range(aantal):
        zaak = zaak_create(actor=actor, zaaktype=zaaktype, omschrijving=f"Zaak {i}", behandelaar=mw)
        vervaldatum = zaak.registratiedatum + timedelta(days=i)
        taak_create(
            actor=actor,
            zaak=zaak,
            titel=f"Mijn taak {i}",
            toegewezen_aan=mw,
            vervaldatum=vervaldatum,
        )
        taak_create(
            actor=actor,
            zaak=zaak,
            titel=f"Teamtaak {i}",
            toegewezen_team=team,
            vervaldatum=vervaldatum,
        )


def _queries(client) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("web:werkvoorraad"))
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content


def test_query_count_does_not_grow_with_the_work_queue(client, mw, zaaktype, team):
    client.force_login(mw.user, backend=BACKEND)
    client.get(reverse("web:werkvoorraad"))  # the first request of a session also saves it
    _werk(mw, zaaktype, team, 2)
    weinig, _ = _queries(client)
    _werk(mw, zaaktype, team, 28)  # more than a table shows (25)
    veel, html = _queries(client)
    assert veel == weinig
    assert veel <= WERKVOORRAAD_MAX
    assert html.count(b'id="taak-') == 50  # 25 of mine, 25 of the team


def test_complete_links_point_at_each_task(client, mw, zaaktype, team):
    _werk(mw, zaaktype, team, 1)
    client.force_login(mw.user, backend=BACKEND)
    client.get(reverse("web:werkvoorraad"))  # the first request of a session also saves it
    _, html = _queries(client)
    for taak in Taak.objects.filter(zaak__behandelaar=mw):
        url = reverse("web:taak_complete", args=[taak.uuid]).encode()
        assert html.count(b'action="' + url + b'"') == 1
        assert html.count(b'hx-post="' + url + b'"') == 1
