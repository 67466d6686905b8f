"""The teamleider's overview: counts and ages per medewerker, never anything about clients."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.services import taak_create
from tests import factories

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


def login(client, medewerker):
    client.force_login(medewerker.user, backend=BACKEND)
    return client


def test_team_page_has_counts_and_no_client_data(client, org, zaaktype):
    team = factories.team(org, "Team Schulden")
    mw = factories.medewerker(org, zaaktypen=(zaaktype,), team=team)
    teamleider = factories.medewerker(org, rollen=(Rol.TEAMLEIDER,), team=team)
    actor = factories.actor(mw)
    persoon = factories.persoon(actor, geslachtsnaam="Zwartjes", voornamen="Geheimina")
    zaken = [
        zaak_create(
            actor=actor,
            zaaktype=zaaktype,
            omschrijving="Schuld bij de bank",
            initiator=persoon,
            behandelaar=mw,
            startdatum=date(2024, 2, 1),
        ),
        zaak_create(
            actor=actor,
            zaaktype=zaaktype,
            omschrijving="Huurachterstand",
            initiator=persoon,
            behandelaar=mw,
        ),
    ]
    taak_create(
        actor=actor,
        zaak=zaken[0],
        titel="Bel de schuldeiser",
        toegewezen_aan=mw,
        vervaldatum=date(2024, 3, 1),
    )

    response = login(client, teamleider).get(reverse("web:team"))
    html = response.content.decode()
    assert response.status_code == 200
    assert mw.naam in html
    regel = next(r for r in response.context["regels"] if r.medewerker == mw.naam)
    assert (regel.open_zaken, regel.zaken_over_termijn, regel.open_taken, regel.taken_te_laat) == (
        2,
        1,
        1,
        1,
    )
    assert regel.oudste_zaak_dagen is not None and regel.oudste_zaak_dagen > 0
    for secret in (
        "Zwartjes",
        "Geheimina",
        persoon.bsn,
        "Schuld bij de bank",
        "Huurachterstand",
        "Bel de schuldeiser",
        *[z.identificatie for z in zaken],
    ):
        assert secret not in html, secret


def test_team_page_is_for_teamleiders_only(client, org, zaaktype):
    mw = factories.medewerker(org, zaaktypen=(zaaktype,))
    assert login(client, mw).get(reverse("web:team")).status_code == 403
    auditor = factories.medewerker(org, rollen=(Rol.AUDITOR,))
    client.logout()
    assert login(client, auditor).get(reverse("web:team")).status_code == 403
