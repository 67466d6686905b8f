"""Fixtures of the CRM tests: an organisation with two departments (Economische Zaken and
Sport), a customer contact centre that sees every relation, medewerkers in each, relations of
every kind, and the BRP test double.

Other CRM helpers may use these (import nothing: pytest finds this conftest for every test
under tests/modules/crm/)."""

from __future__ import annotations

import pytest

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.catalogus import crm_catalogus_ensure
from raadhuis.modules.crm.models import EenheidInstelling, RelatieSoort
from raadhuis.modules.crm.services import relatie_handmatig_create
from tests import factories
from tests.kernel.brp.fixtures import brp_double, brp_double_server  # noqa: F401


@pytest.fixture
def crm_org(db):
    org = factories.organisatie("Gemeente 's-Hertogenbosch (test)")
    crm_catalogus_ensure(org)
    return org


@pytest.fixture
def opvolg_zaaktype(crm_org):
    return crm_catalogus_ensure(crm_org)


@pytest.fixture
def afdeling_ez(crm_org):
    return factories.team(crm_org, "Economische Zaken")


@pytest.fixture
def afdeling_sport(crm_org):
    return factories.team(crm_org, "Sport en Bewegen")


@pytest.fixture
def kcc(crm_org):
    team = factories.team(crm_org, "Klantcontactcentrum")
    EenheidInstelling.objects.create(organisatie=crm_org, eenheid=team, ziet_alle_relaties=True)
    return team


@pytest.fixture
def accountmanager(crm_org, afdeling_ez, opvolg_zaaktype):
    """A medewerker of Economische Zaken, granted the follow-up case type."""
    return factories.medewerker(
        crm_org, rollen=(Rol.MEDEWERKER,), zaaktypen=(opvolg_zaaktype,), team=afdeling_ez
    )


@pytest.fixture
def am(accountmanager):
    return factories.actor(accountmanager)


@pytest.fixture
def sportmedewerker(crm_org, afdeling_sport, opvolg_zaaktype):
    return factories.medewerker(
        crm_org, rollen=(Rol.MEDEWERKER,), zaaktypen=(opvolg_zaaktype,), team=afdeling_sport
    )


@pytest.fixture
def sport(sportmedewerker):
    return factories.actor(sportmedewerker)


@pytest.fixture
def kcc_medewerker(crm_org, kcc, opvolg_zaaktype):
    return factories.medewerker(
        crm_org, rollen=(Rol.MEDEWERKER,), zaaktypen=(opvolg_zaaktype,), team=kcc
    )


@pytest.fixture
def kcc_actor(kcc_medewerker):
    return factories.actor(kcc_medewerker)


@pytest.fixture
def bedrijf(am, afdeling_ez):
    """A company managed by Economische Zaken (made by hand: no KvK needed)."""
    return relatie_handmatig_create(
        actor=am,
        soort=RelatieSoort.BEDRIJF,
        naam="Bakkerij De Proefkrakeling B.V.",
        rechtsvorm="besloten_vennootschap",
        eenheid=afdeling_ez,
        email="info@proefkrakeling.example",
    )


@pytest.fixture
def vereniging(sport, afdeling_sport):
    """An association managed by Sport en Bewegen."""
    return relatie_handmatig_create(
        actor=sport,
        soort=RelatieSoort.VERENIGING,
        naam="Korfbalvereniging De Testmand",
        rechtsvorm="vereniging",
        eenheid=afdeling_sport,
    )
