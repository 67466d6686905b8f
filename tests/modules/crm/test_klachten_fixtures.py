"""Fixtures of the complaint tests (imported by the other test_klachten_* files): an
organisation with the complaint case type, two departments, a handler in each, a colleague the
complaint is about, a team leader, an auditor and a complainant with address and e-mail."""

from __future__ import annotations

from datetime import date

import pytest

from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.services import adres_add
from raadhuis.modules.crm.klachten.catalogus import ZAAKTYPE_IDENTIFICATIE, klacht_catalogus_ensure
from raadhuis.modules.crm.klachten.models import Categorie, Kanaal
from raadhuis.modules.crm.klachten.services import klacht_create
from tests import factories


def klacht_grant(medewerker) -> None:  # noqa: ANN001
    ZaakTypeAutorisatie.objects.get_or_create(
        medewerker=medewerker,
        zaaktype_identificatie=ZAAKTYPE_IDENTIFICATIE,
        defaults={"max_vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK},
    )


@pytest.fixture
def kl_org(db):
    org = factories.organisatie("Gemeente Hasselt (test)")
    klacht_catalogus_ensure(org)
    return org


@pytest.fixture
def kl_burgerzaken(kl_org):
    return factories.team(kl_org, "Burgerzaken")


@pytest.fixture
def kl_wijkbeheer(kl_org):
    return factories.team(kl_org, "Wijkbeheer")


def _medewerker(org, team, rollen=(Rol.MEDEWERKER,), grant=True):  # noqa: ANN001, ANN202
    m = factories.medewerker(org, rollen=rollen, team=team)
    if grant:
        klacht_grant(m)
    return m


@pytest.fixture
def kl_behandelaar(kl_org, kl_burgerzaken):
    return _medewerker(kl_org, kl_burgerzaken)


@pytest.fixture
def kl_collega(kl_org, kl_burgerzaken):
    """The medewerker of Burgerzaken the complaint is about."""
    return _medewerker(kl_org, kl_burgerzaken)


@pytest.fixture
def kl_wijk_mw(kl_org, kl_wijkbeheer):
    return _medewerker(kl_org, kl_wijkbeheer)


@pytest.fixture
def kl_teamleider(kl_org, kl_burgerzaken):
    return _medewerker(kl_org, kl_burgerzaken, rollen=(Rol.TEAMLEIDER,), grant=False)


@pytest.fixture
def kl_auditor(kl_org):
    return _medewerker(kl_org, None, rollen=(Rol.AUDITOR,), grant=False)


@pytest.fixture
def kl_ik(kl_behandelaar):
    return factories.actor(kl_behandelaar)


@pytest.fixture
def kl_klager(kl_ik):
    persoon = factories.persoon(
        kl_ik, geslachtsnaam="Klaagmans", voornamen="Karin", email="karin@klaagmans.example"
    )
    adres_add(
        actor=kl_ik,
        partij=persoon,
        soort="woonadres",
        straatnaam="Proefstraat",
        huisnummer=12,
        postcode="1234AB",
        woonplaats="Teststad",
    )
    return persoon


@pytest.fixture
def kl_klacht(kl_ik, kl_klager, kl_burgerzaken, kl_behandelaar, kl_collega):
    return klacht_create(
        actor=kl_ik,
        klager=kl_klager,
        kanaal=Kanaal.EMAIL,
        ontvangen_op=date.today(),
        categorie=Categorie.BEJEGENING,
        onderwerp="Onvriendelijk behandeld aan de balie",
        omschrijving="De medewerker was kortaf en luisterde niet.",
        afdeling=kl_burgerzaken,
        behandelaar=kl_behandelaar,
        betreft_medewerker=kl_collega,
    )
