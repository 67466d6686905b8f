"""'Mijn werkvoorraad': my tasks overdue first, my team's unclaimed tasks, my open cases, and
completing a task with and without htmx."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.kernel.workflow.services import taak_create
from tests import factories

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


def login(client, medewerker):
    client.force_login(medewerker.user, backend=BACKEND)
    return client


@pytest.fixture
def team(org):
    return factories.team(org, "Team Klachten")


@pytest.fixture
def mw(org, zaaktype, team):
    return factories.medewerker(org, zaaktypen=(zaaktype,), team=team)


@pytest.fixture
def zaak(mw, zaaktype):
    return zaak_create(
        actor=factories.actor(mw),
        zaaktype=zaaktype,
        omschrijving="Klacht over afval",
        behandelaar=mw,
    )


def test_werkvoorraad_lists_overdue_tasks_first_with_badges(client, mw, zaak, team):
    actor = factories.actor(mw)
    today = zaak.registratiedatum
    taak_create(
        actor=actor,
        zaak=zaak,
        titel="Later",
        toegewezen_aan=mw,
        vervaldatum=today + timedelta(days=30),
    )
    taak_create(
        actor=actor,
        zaak=zaak,
        titel="Verlopen",
        toegewezen_aan=mw,
        vervaldatum=today - timedelta(days=2),
    )
    taak_create(
        actor=actor,
        zaak=zaak,
        titel="Morgen",
        toegewezen_aan=mw,
        vervaldatum=today + timedelta(days=1),
    )
    taak_create(
        actor=actor, zaak=zaak, titel="Voor het team", toegewezen_team=team, termijn_werkdagen=5
    )

    response = login(client, mw).get(reverse("web:werkvoorraad"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Mijn werkvoorraad" in html
    assert html.index("Verlopen") < html.index("Morgen") < html.index("Later")
    assert "Te laat" in html and "Binnenkort" in html
    assert "Voor het team" in html  # the team's unassigned task
    assert zaak.identificatie in html  # my open case
    assert 'aria-current="page"' in html


def test_completing_a_task_with_htmx_swaps_the_row(client, mw, zaak):
    taak = taak_create(
        actor=factories.actor(mw), zaak=zaak, titel="Bellen", toegewezen_aan=mw, termijn_werkdagen=2
    )
    response = login(client, mw).post(
        reverse("web:taak_complete", args=[taak.uuid]),
        {"next": "/", "colspan": "4"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<tr")
    assert "is afgerond" in html
    taak.refresh_from_db()
    assert taak.status == TaakStatus.AFGEROND
    assert taak.afgerond_door == mw


def test_completing_a_task_without_javascript_redirects_back(client, mw, zaak):
    taak = taak_create(
        actor=factories.actor(mw), zaak=zaak, titel="Brief", toegewezen_aan=mw, termijn_werkdagen=2
    )
    detail = reverse("web:zaak_detail", args=[zaak.uuid])
    response = login(client, mw).post(
        reverse("web:taak_complete", args=[taak.uuid]), {"next": detail}
    )
    assert response.status_code == 302
    assert response["Location"] == detail
    assert Taak.objects.get(pk=taak.pk).status == TaakStatus.AFGEROND
    # A second attempt (double click) says so instead of failing.
    again = client.post(
        reverse("web:taak_complete", args=[taak.uuid]), {"next": detail}, follow=True
    )
    assert "niet gevonden of is al afgerond" in again.content.decode()


def test_a_task_of_an_unauthorised_case_type_cannot_be_completed(client, org, mw, zaak):
    ander_type = factories.zaaktype(org, identificatie="GEHEIM")
    ander = factories.medewerker(org, zaaktypen=(ander_type,))
    andere_zaak = zaak_create(actor=factories.actor(ander), zaaktype=ander_type)
    taak = taak_create(
        actor=factories.actor(ander),
        zaak=andere_zaak,
        titel="X",
        toegewezen_aan=ander,
        termijn_werkdagen=1,
    )
    login(client, mw).post(reverse("web:taak_complete", args=[taak.uuid]), {"next": "/"})
    assert Taak.objects.get(pk=taak.pk).status == TaakStatus.OPEN


@pytest.mark.parametrize(
    ("rol", "link"),
    [(Rol.TEAMLEIDER, "/team/"), (Rol.AUDITOR, "/audit/"), (Rol.FUNCTIONEEL_BEHEERDER, "/admin/")],
)
def test_roles_without_a_work_queue_get_pointers(client, org, rol, link):
    m = factories.medewerker(org, rollen=(rol,))
    response = login(client, m).get(reverse("web:werkvoorraad"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "geen eigen werkvoorraad" in html
    assert f'href="{link}"' in html


def test_the_ui_speaks_english_after_choosing_english(client, mw, zaak):
    login(client, mw)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("web:werkvoorraad")).content.decode()
    assert "My work queue" in html and "Mijn werkvoorraad" not in html
    assert 'lang="en"' in html
    detail = client.get(reverse("web:zaak_detail", args=[zaak.uuid])).content.decode()
    assert "Parties involved" in detail and "Change status" in detail
    # Kernel messages are translated too.
    eind = zaak.zaaktype.statustypen.order_by("-volgnummer").first()
    response = client.post(reverse("web:zaak_status", args=[zaak.uuid]), {"statustype": eind.pk})
    assert "Choose a result to close the case." in response.content.decode()
