"""Shared fixtures of the budget management tests (owned by budget-plan).

- `budget_org`: an organisation with the published "Budgetbeheer" catalogue (zaaktype BB);
- `consulent` / `fiatteur`: two medewerkers granted BB (the second is the four-eyes partner);
  `consulent_actor` / `fiatteur_actor` are their kernel Actors;
- `beheerrekening`: the organisation's bank account (NL91ABNA0417164300) with its ledger accounts;
- `client_partij`: a fictitious natural person (not `client`: that is pytest-django's test client);
- `budgetrekening`: the client's opened account (start 1 January 2026) with the plan below.

The plan of `budgetrekening` (every amount a Decimal):
    income   salary (loon)       1,850.00  monthly, day 25   "Werkgever Zevenaar BV"
    payment  rent (huur)           725.00  monthly, day 1    "Woonstichting De Liemers"
    payment  energy                145.00  monthly, day 1    "Energie Gelderland"
    payment  health insurance      142.50  monthly, day 1    "Zorgverzekeraar Oost"
    payment  leefgeld               75.00  weekly, Monday (dag=1), to the client's own IBAN
    reserve  yearly energy bill     30.00  per month, day 1
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.budget.catalogus import ZAAKTYPE_IDENTIFICATIE, budget_catalogus_ensure
from raadhuis.modules.budget.models import BetaalSoort, Frequentie, InkomstenSoort
from raadhuis.modules.budget.services.planposten import (
    betaalpost_create,
    inkomstenpost_create,
    leefgeld_instellen,
    reservering_create,
)
from raadhuis.modules.budget.services.rekeningen import beheerrekening_ensure, budgetrekening_openen
from tests import factories

BEHEER_IBAN = "NL91ABNA0417164300"
CLIENT_IBAN = "NL20INGB0001234567"
WERKGEVER_IBAN = "NL44RABO0123456789"
HUUR_IBAN = "NL31BUNQ2291234567"
ENERGIE_IBAN = "NL12TRIO0198765432"
ZORG_IBAN = "NL22SNSB0912345678"
STARTDATUM = date(2026, 1, 1)


def budget_grant(medewerker) -> None:  # noqa: ANN001
    """Grant a medewerker the Budgetbeheer case type (up to 'vertrouwelijk')."""
    ZaakTypeAutorisatie.objects.get_or_create(
        medewerker=medewerker,
        zaaktype_identificatie=ZAAKTYPE_IDENTIFICATIE,
        defaults={"max_vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK},
    )


@pytest.fixture
def budget_org(db):
    org = factories.organisatie("Gemeente Zevenaar (budget test)")
    budget_catalogus_ensure(org)
    return org


@pytest.fixture
def consulent(budget_org):
    medewerker = factories.medewerker(budget_org, rollen=(Rol.MEDEWERKER,))
    budget_grant(medewerker)
    return medewerker


@pytest.fixture
def fiatteur(budget_org):
    medewerker = factories.medewerker(budget_org, rollen=(Rol.MEDEWERKER,))
    budget_grant(medewerker)
    return medewerker


@pytest.fixture
def consulent_actor(consulent):
    return factories.actor(consulent)


@pytest.fixture
def fiatteur_actor(fiatteur):
    return factories.actor(fiatteur)


@pytest.fixture
def beheerrekening(budget_org):
    return beheerrekening_ensure(budget_org, BEHEER_IBAN, "Gemeente Zevenaar Budgetbeheer")


@pytest.fixture
def client_partij(consulent_actor):
    """A fictitious client (natural person with a test BSN)."""
    return factories.persoon(consulent_actor, geslachtsnaam="Jansen", voornamen="Petra")


@pytest.fixture
def budgetrekening(consulent_actor, beheerrekening, client_partij):
    ik = consulent_actor
    rekening = budgetrekening_openen(
        actor=ik,
        client=client_partij,
        beheerrekening=beheerrekening,
        client_iban=CLIENT_IBAN,
        client_tenaamstelling="P. Jansen",
        startdatum=STARTDATUM,
    )
    inkomstenpost_create(
        actor=ik,
        budgetrekening=rekening,
        soort=InkomstenSoort.LOON,
        bron="Werkgever Zevenaar BV",
        iban_betaler=WERKGEVER_IBAN,
        bedrag=Decimal("1850.00"),
        dag=25,
    )
    for soort, naam, iban, bedrag, kenmerk in (
        (BetaalSoort.HUUR, "Woonstichting De Liemers", HUUR_IBAN, "725.00", "Huur 2026 J-114"),
        (BetaalSoort.ENERGIE, "Energie Gelderland", ENERGIE_IBAN, "145.00", "Klant 778812"),
        (BetaalSoort.ZORGVERZEKERING, "Zorgverzekeraar Oost", ZORG_IBAN, "142.50", "Polis 55120"),
    ):
        betaalpost_create(
            actor=ik,
            budgetrekening=rekening,
            soort=soort,
            begunstigde=naam,
            iban=iban,
            omschrijving=kenmerk,
            bedrag=Decimal(bedrag),
            frequentie=Frequentie.MAAND,
            dag=1,
        )
    leefgeld_instellen(
        actor=ik,
        budgetrekening=rekening,
        bedrag=Decimal("75.00"),
        frequentie=Frequentie.WEEK,
        dag=1,
    )
    reservering_create(
        actor=ik,
        budgetrekening=rekening,
        omschrijving="Jaarafrekening energie",
        bedrag_per_maand=Decimal("30.00"),
        doelbedrag=Decimal("360.00"),
    )
    rekening.refresh_from_db()
    return rekening


BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def consulent_web(client, consulent):
    """pytest-django's test client, logged in as the consultant."""
    client.force_login(consulent.user, backend=BACKEND)
    return client


@pytest.fixture
def fiatteur_web(fiatteur):
    """A second test client, logged in as the four-eyes partner."""
    from django.test import Client

    web = Client()
    web.force_login(fiatteur.user, backend=BACKEND)
    return web
