"""Fixtures of the debt-assistance tests: an organisation with the SHV catalogue, a consultant
granted every track, the BRP test double, and a dossier made through the intake service."""

from __future__ import annotations

from datetime import date

import pytest

from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.shv.catalogus import SHV_ZAAKTYPEN, shv_catalogus_ensure
from raadhuis.modules.shv.services import shv_aanmelding_create
from tests import factories
from tests.kernel.brp.fixtures import brp_double, brp_double_server  # noqa: F401
from tests.retention_helpers import vernietigingsronde  # noqa: F401 - the shared fixture


@pytest.fixture
def shv_org(db):
    org = factories.organisatie("Gemeente Zevenaar (test)")
    shv_catalogus_ensure(org)
    return org


@pytest.fixture
def team_shv(shv_org):
    return factories.team(shv_org, "Team Schuldhulpverlening")


@pytest.fixture
def consulent(shv_org, team_shv):
    medewerker = factories.medewerker(shv_org, rollen=(Rol.MEDEWERKER,), team=team_shv)
    shv_grants(medewerker)
    return medewerker


def shv_grants(medewerker) -> None:  # noqa: ANN001
    from raadhuis.kernel.access.models import ZaakTypeAutorisatie

    for identificatie in SHV_ZAAKTYPEN:
        ZaakTypeAutorisatie.objects.get_or_create(
            medewerker=medewerker,
            zaaktype_identificatie=identificatie,
            defaults={"max_vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK},
        )


@pytest.fixture
def ik(consulent):
    return factories.actor(consulent)


def traject(org, identificatie: str = "SHV-MSR") -> ZaakType:  # noqa: ANN001
    return ZaakType.objects.get(catalogus__organisatie=org, identificatie=identificatie)


@pytest.fixture
def msr(shv_org):
    return traject(shv_org)


@pytest.fixture
def gezin(brp_double):  # noqa: F811
    """Mohamed Testelink: married, children 17, 12 and 3 (BRP test double)."""
    return brp_double.register.aanvrager("gezin")


@pytest.fixture
def dossier(ik, msr, gezin):
    return shv_aanmelding_create(
        actor=ik, bsn=gezin.bsn, zaaktype=msr, aanmeldingsdatum=date(2026, 3, 2)
    )
