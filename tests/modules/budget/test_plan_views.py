"""The budget plan pages: list, open an account, the account's home with its plan, the plan
forms with Dutch field errors, access per role, and the block on the debt-assistance dossier."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.budget.models import BetaalSoort, Budgetrekening
from tests import factories
from tests.modules.budget.conftest import BACKEND, CLIENT_IBAN


def test_pagina_s_renderen_voor_de_consulent(consulent_web, budgetrekening):
    betaalpost = budgetrekening.betaalposten.exclude(soort=BetaalSoort.LEEFGELD).first()
    urls = [
        reverse("budget:rekeningen"),
        reverse("budget:rekeningen") + "?wie=iedereen&status=alle&q=Jansen",
        reverse("budget:rekening_openen"),
        reverse("budget:rekening", args=[budgetrekening.uuid]),
        reverse("budget:rekening_wijzigen", args=[budgetrekening.uuid]),
        reverse("budget:inkomsten_nieuw", args=[budgetrekening.uuid]),
        reverse("budget:inkomsten_wijzigen", args=[budgetrekening.inkomsten.get().uuid]),
        reverse("budget:betaalpost_nieuw", args=[budgetrekening.uuid]),
        reverse("budget:betaalpost_wijzigen", args=[betaalpost.uuid]),
        reverse("budget:leefgeld", args=[budgetrekening.uuid]),
        reverse("budget:reservering_nieuw", args=[budgetrekening.uuid]),
        reverse("budget:reservering_wijzigen", args=[budgetrekening.reserveringen.get().uuid]),
    ]
    for url in urls:
        response = consulent_web.get(url)
        assert response.status_code == 200, url


def test_rekeningpagina_toont_plan_en_dekking(consulent_web, budgetrekening):
    response = consulent_web.get(reverse("budget:rekening", args=[budgetrekening.uuid]))
    html = response.content.decode()
    assert "BB0000001" in html
    assert "Woonstichting De Liemers" in html
    assert "1.850,00" in html
    assert "482,50" in html  # left over per month
    assert "dekken de uitgaven niet" not in html
    assert VerwerkingsLog.objects.filter(
        handeling="Budgetrekening ingezien", partij_uuid=budgetrekening.client.uuid
    ).exists()


def test_lijst_toont_mijn_rekeningen(consulent_web, budgetrekening):
    html = consulent_web.get(reverse("budget:rekeningen")).content.decode()
    assert "BB0000001" in html and "Petra" in html


def test_rekening_openen_via_formulier(consulent_web, beheerrekening, client_partij):
    response = consulent_web.post(
        reverse("budget:rekening_openen"),
        {
            "bsn": client_partij.identificatie,
            "beheerrekening": beheerrekening.pk,
            "client_iban": "nl20 ingb 0001 2345 67",
            "client_tenaamstelling": "P. Jansen",
            "startdatum": "2026-11-01",
            "saldo_drempel": "75,00",
        },
    )
    assert response.status_code == 302
    rekening = Budgetrekening.objects.get(client=client_partij)
    assert response["Location"] == reverse("budget:rekening", args=[rekening.uuid])
    assert rekening.client_iban == CLIENT_IBAN
    assert rekening.saldo_drempel == Decimal("75.00")
    assert rekening.zaak.identificatie.startswith("BB-2026-")


def test_rekening_openen_geeft_nederlandse_veldfouten(consulent_web, beheerrekening):
    response = consulent_web.post(
        reverse("budget:rekening_openen"),
        {
            "bsn": "123",
            "beheerrekening": beheerrekening.pk,
            "client_iban": "NL00INGB0001234567",
            "client_tenaamstelling": "",
            "startdatum": "",
        },
    )
    assert response.status_code == 400
    fouten = response.context["form"].errors
    assert "9 cijfers" in fouten["bsn"][0]
    assert "client_tenaamstelling" in fouten
    assert "controlegetal" in fouten["client_iban"][0]
    assert "startdatum" in fouten
    assert not Budgetrekening.objects.exists()


def test_iban_van_begunstigde_wordt_gecontroleerd(consulent_web, budgetrekening):
    url = reverse("budget:betaalpost_nieuw", args=[budgetrekening.uuid])
    data = {
        "soort": BetaalSoort.WATER,
        "begunstigde": "Vitens",
        "iban": "NL91ABNA0417164301",  # one digit off: the check digits fail
        "omschrijving": "Klant 1234",
        "bedrag": "24,50",
        "frequentie": "maand",
        "dag": "15",
        "startdatum": "2026-01-01",
    }
    response = consulent_web.post(url, data)
    assert response.status_code == 400
    assert "controlegetal" in response.context["form"].errors["iban"][0]
    data["iban"] = "NL14 BNGH 0285 0012 34"
    response = consulent_web.post(url, data)
    assert response.status_code == 302
    post = budgetrekening.betaalposten.get(begunstigde="Vitens")
    assert post.iban == "NL14BNGH0285001234"
    assert post.bedrag == Decimal("24.50")
    assert AuditEntry.objects.filter(
        actie="betaalpost_toegevoegd", zaak_uuid=budgetrekening.zaak.uuid
    ).exists()


def test_veldfouten_bij_onzinnige_invoer(consulent_web, budgetrekening):
    response = consulent_web.post(
        reverse("budget:betaalpost_nieuw", args=[budgetrekening.uuid]),
        {
            "soort": BetaalSoort.WATER,
            "begunstigde": "Vitens",
            "iban": "NL14BNGH0285001234",
            "bedrag": "twintig",
            "frequentie": "week",
            "dag": "9",
            "startdatum": "2026-03-01",
            "einddatum": "2026-02-01",
        },
    )
    assert response.status_code == 400
    fouten = response.context["form"].errors
    assert "bedrag" in fouten and "725,00" in fouten["bedrag"][0]
    response = consulent_web.post(
        reverse("budget:betaalpost_nieuw", args=[budgetrekening.uuid]),
        {
            "soort": BetaalSoort.WATER,
            "begunstigde": "Vitens",
            "iban": "NL14BNGH0285001234",
            "bedrag": "20",
            "frequentie": "week",
            "dag": "9",
            "startdatum": "2026-03-01",
            "einddatum": "2026-02-01",
        },
    )
    fouten = response.context["form"].errors
    assert "weekdag" in fouten["dag"][0]
    assert "vóór de startdatum" in fouten["einddatum"][0]
    assert "betalingskenmerk" in fouten


def test_tekort_geeft_duidelijke_waarschuwing(consulent_web, budgetrekening):
    salaris = budgetrekening.inkomsten.get()
    response = consulent_web.post(
        reverse("budget:inkomsten_wijzigen", args=[salaris.uuid]),
        {
            "soort": salaris.soort,
            "bron": salaris.bron,
            "iban_betaler": salaris.iban_betaler,
            "bedrag": "1.200,00",
            "frequentie": "maand",
            "dag": "25",
            "startdatum": "2026-01-01",
        },
    )
    assert response.status_code == 302
    html = consulent_web.get(reverse("budget:rekening", args=[budgetrekening.uuid])).content
    html = html.decode()
    assert "De inkomsten dekken de uitgaven niet" in html
    assert "167,50" in html


def test_leefgeld_en_reservering_aanpassen_en_verwijderen(consulent_web, budgetrekening):
    response = consulent_web.post(
        reverse("budget:leefgeld", args=[budgetrekening.uuid]),
        {"bedrag": "300", "frequentie": "maand", "dag": "3"},
    )
    assert response.status_code == 302
    leefgeld = budgetrekening.betaalposten.get(soort=BetaalSoort.LEEFGELD)
    assert (leefgeld.bedrag, leefgeld.frequentie, leefgeld.dag) == (Decimal("300"), "maand", 3)
    assert leefgeld.iban == CLIENT_IBAN
    reservering = budgetrekening.reserveringen.get()
    response = consulent_web.post(
        reverse("budget:reservering_verwijderen", args=[reservering.uuid]),
        {"toelichting": "Niet meer nodig"},
    )
    assert response.status_code == 302
    assert not budgetrekening.reserveringen.exists()
    assert AuditEntry.objects.filter(
        actie="reservering_verwijderd", toelichting="Niet meer nodig"
    ).exists()


@pytest.mark.parametrize(
    ("rollen", "grant", "verwacht"),
    [
        ((Rol.TEAMLEIDER,), False, 403),
        ((Rol.AUDITOR,), False, 403),
        ((Rol.FUNCTIONEEL_BEHEERDER,), False, 403),
        ((Rol.MEDEWERKER,), False, 404),
    ],
)
def test_anderen_zien_geen_clientgegevens(
    client, budget_org, budgetrekening, rollen, grant, verwacht
):
    medewerker = factories.medewerker(budget_org, rollen=rollen)
    client.force_login(medewerker.user, backend=BACKEND)
    assert (
        client.get(reverse("budget:rekening", args=[budgetrekening.uuid])).status_code == verwacht
    )
    assert client.get(reverse("budget:rekeningen")).status_code == verwacht


def test_andere_organisatie_krijgt_404(client, budgetrekening):
    from raadhuis.modules.budget.catalogus import budget_catalogus_ensure
    from tests.modules.budget.conftest import budget_grant

    ander = factories.organisatie("Gemeente Elders")
    budget_catalogus_ensure(ander)
    medewerker = factories.medewerker(ander)
    budget_grant(medewerker)
    client.force_login(medewerker.user, backend=BACKEND)
    assert client.get(reverse("budget:rekening", args=[budgetrekening.uuid])).status_code == 404


def test_startdatum_in_de_toekomst_mag(consulent_actor, beheerrekening, client_partij):
    from raadhuis.modules.budget.services.rekeningen import budgetrekening_openen

    rekening = budgetrekening_openen(
        actor=consulent_actor,
        client=client_partij,
        beheerrekening=beheerrekening,
        client_iban=CLIENT_IBAN,
        client_tenaamstelling="P. Jansen",
        startdatum=date(2027, 2, 1),
    )
    assert rekening.startdatum == date(2027, 2, 1)


def test_eigen_rekening_wijzigen_verplaatst_het_leefgeld(consulent_web, budgetrekening):
    response = consulent_web.post(
        reverse("budget:rekening_wijzigen", args=[budgetrekening.uuid]),
        {
            "client_iban": "NL03 INGB 0003 3366 69",
            "client_tenaamstelling": "P. Jansen-de Boer",
            "saldo_drempel": "25",
        },
    )
    assert response.status_code == 302
    leefgeld = budgetrekening.betaalposten.get(soort=BetaalSoort.LEEFGELD)
    assert (leefgeld.iban, leefgeld.begunstigde) == ("NL03INGB0003336669", "P. Jansen-de Boer")
    assert AuditEntry.objects.filter(actie="budgetrekening_gewijzigd").exists()
