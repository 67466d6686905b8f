"""The ledger, reconciliation and signals pages: they render for a consultant, the forms book
through the services (correction, reversal, overdraft request and a colleague's decision),
bad input gives Dutch field errors and never a 500, and access follows the roles."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.budget.grootboek.boekingen import boeken
from raadhuis.modules.budget.grootboek.rekeningen import beschikbaar_saldo, grootboekrekening
from raadhuis.modules.budget.models import (
    BoekingSoort,
    Budgetsignaal,
    GrootboekSoort,
    Journaalpost,
    Roodstandverzoek,
    SignaalSoort,
)
from raadhuis.modules.budget.signalen import signaal_geven
from tests import factories

BACKEND = "django.contrib.auth.backends.ModelBackend"
D = Decimal


def _web(medewerker) -> Client:
    web = Client()
    web.force_login(medewerker.user, backend=BACKEND)
    return web


@pytest.fixture
def web(consulent):
    return _web(consulent)


@pytest.fixture
def salaris(consulent_actor, budgetrekening):
    return boeken(
        actor=consulent_actor,
        organisatie=consulent_actor.organisatie,
        boekdatum=date(2026, 1, 26),
        soort=BoekingSoort.ONTVANGST,
        omschrijving="Salaris januari",
        regels=[
            (
                grootboekrekening(
                    GrootboekSoort.BANK, beheerrekening=budgetrekening.beheerrekening
                ),
                D("100.00"),
            ),
            (
                grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=budgetrekening),
                D("-100.00"),
            ),
        ],
    )


def _correctie(**velden):
    data = {
        "richting": "af",
        "bedrag": "30,00",
        "tegenrekening": "te_matchen",
        "boekdatum": "2026-02-02",
        "omschrijving": "Verkeerd toegewezen",
        "reden": "Ontvangst hoorde bij een andere cliënt",
    }
    data.update(velden)
    return {f"correctie-{k}": v for k, v in data.items()}


def test_ledger_page_shows_running_balance(web, budgetrekening, salaris):
    url = reverse("budget:boekingen", kwargs={"uuid": budgetrekening.uuid})
    assert url == f"/budget/rekeningen/{budgetrekening.uuid}/boekingen/"
    response = web.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Salaris januari" in html and "100,00" in html
    assert (
        reverse(
            "budget:boeking_tegenboeken", kwargs={"uuid": budgetrekening.uuid, "post": salaris.uuid}
        )
        in html
    )
    # A period filter; a wrong period is a field error, not a 500.
    assert web.get(url, {"van": "2026-02-01", "tot": "2026-02-28"}).status_code == 200
    assert web.get(url, {"van": "2026-03-01", "tot": "2026-02-01"}).status_code == 400
    assert web.get(url, {"van": "gisteren"}).status_code == 400


def test_correction_is_booked_with_its_reason(web, budgetrekening, salaris):
    url = reverse("budget:boeking_correctie", kwargs={"uuid": budgetrekening.uuid})
    response = web.post(url, _correctie())
    assert response.status_code == 302
    assert beschikbaar_saldo(budgetrekening) == D("70.00")
    post = Journaalpost.objects.get(soort=BoekingSoort.CORRECTIE)
    assert post.reden == "Ontvangst hoorde bij een andere cliënt"


def test_bad_correction_gives_dutch_field_errors(web, budgetrekening):
    url = reverse("budget:boeking_correctie", kwargs={"uuid": budgetrekening.uuid})
    response = web.post(url, _correctie(bedrag="twaalf", reden="", tegenrekening="bank"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul een bedrag in" in html
    assert "Dit veld is verplicht" in html or "verplicht" in html
    assert not Journaalpost.objects.exists()


def test_overdraft_correction_is_refused_then_asked_then_allowed_by_a_colleague(
    web, fiatteur, budgetrekening, salaris
):
    url = reverse("budget:boeking_correctie", kwargs={"uuid": budgetrekening.uuid})
    response = web.post(url, _correctie(bedrag="150,00"))
    assert response.status_code == 400
    assert "tweede" in response.content.decode()
    assert "dan beslist een collega" in response.content.decode()
    response = web.post(url, _correctie(bedrag="150,00", roodstand_vragen="on"))
    assert response.status_code == 302
    verzoek = Roodstandverzoek.objects.get()
    boekingen = reverse("budget:boekingen", kwargs={"uuid": budgetrekening.uuid})
    assert "een collega beslist" in web.get(boekingen).content.decode().lower()
    beoordelen = reverse(
        "budget:roodstand_beoordelen", kwargs={"uuid": budgetrekening.uuid, "verzoek": verzoek.uuid}
    )
    # The one who asked cannot allow it.
    web.post(beoordelen, {f"v{verzoek.pk}-besluit": "toestaan"})
    verzoek.refresh_from_db()
    assert verzoek.status == "gevraagd"
    collega = _web(fiatteur)
    response = collega.post(beoordelen, {f"v{verzoek.pk}-besluit": "toestaan"})
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == "toegestaan"
    assert beschikbaar_saldo(budgetrekening) == D("-50.00")
    assert "roodstand toegestaan door" in collega.get(boekingen).content.decode()


def test_reversal_page_and_reversal(web, budgetrekening, salaris):
    url = reverse(
        "budget:boeking_tegenboeken", kwargs={"uuid": budgetrekening.uuid, "post": salaris.uuid}
    )
    assert web.get(url).status_code == 200
    assert web.post(url, {"reden": ""}).status_code == 400
    response = web.post(url, {"reden": "Dubbel ingelezen"})
    assert response.status_code == 302
    assert beschikbaar_saldo(budgetrekening) == D("0.00")
    # Twice: a Dutch error on the page, nothing booked.
    response = web.post(url, {"reden": "Nog eens"})
    assert response.status_code == 400
    assert "al tegengeboekt" in response.content.decode()
    assert Journaalpost.objects.count() == 2


def test_reconciliation_page_and_button(web, budgetrekening, salaris):
    url = reverse("budget:aansluiting")
    assert url == "/budget/aansluiting/"
    response = web.get(url)
    assert response.status_code == 200
    assert "Hoort op de bank te staan" in response.content.decode()
    assert web.post(url).status_code == 302
    assert budgetrekening.beheerrekening.aansluitingen.count() == 1


def test_signals_page_and_handling(web, budget_org, budgetrekening):
    signaal = signaal_geven(
        organisatie=budget_org,
        budgetrekening=budgetrekening,
        soort=SignaalSoort.BETALING_RETOUR,
        sleutel="x",
        tekst="Huur teruggekomen: rekening opgeheven",
        datum=date(2026, 2, 3),
    )
    url = reverse("budget:signalen")
    assert url == "/budget/signalen/"
    assert "Huur teruggekomen" in web.get(url).content.decode()
    boekingen = reverse("budget:boekingen", kwargs={"uuid": budgetrekening.uuid})
    assert "Huur teruggekomen" in web.get(boekingen).content.decode()
    afhandelen = reverse("budget:signaal_afhandelen", kwargs={"pk": signaal.pk})
    assert web.post(afhandelen, {"toelichting": "Verhuurder gebeld"}).status_code == 302
    signaal.refresh_from_db()
    assert signaal.afgehandeld_op is not None
    assert "Huur teruggekomen" not in web.get(url).content.decode()
    assert "Huur teruggekomen" in web.get(url, {"afgehandeld": "on"}).content.decode()
    assert Budgetsignaal.objects.count() == 1


def test_access_by_role(budget_org, budgetrekening, salaris):
    zonder_grant = _web(factories.medewerker(budget_org, rollen=(Rol.MEDEWERKER,)))
    teamleider = _web(factories.medewerker(budget_org, rollen=(Rol.TEAMLEIDER,)))
    boekingen = reverse("budget:boekingen", kwargs={"uuid": budgetrekening.uuid})
    assert zonder_grant.get(boekingen).status_code == 404
    assert teamleider.get(boekingen).status_code == 403
    assert zonder_grant.get(reverse("budget:signalen")).status_code == 404
    assert teamleider.get(reverse("budget:signalen")).status_code == 403
    assert teamleider.get(reverse("budget:aansluiting")).status_code == 200
    assert teamleider.post(reverse("budget:aansluiting")).status_code == 403
    assert Client().get(boekingen).status_code == 302
