from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.shv.vtlb.normen import GEPUBLICEERDE_NORMEN
from raadhuis.modules.shv.vtlb.rekenen import NormSet, NormWaarde
from tests import factories

BACKEND = "django.contrib.auth.backends.ModelBackend"


def gepubliceerd(geldig_vanaf: date, **aanvullingen: str) -> NormSet:
    """The published norm version of that date as a NormSet; `aanvullingen` fill amounts that
    were not published (each marked as a test value in its source)."""
    versie = next(v for v in GEPUBLICEERDE_NORMEN if v.geldig_vanaf == geldig_vanaf)
    waarden = {k: NormWaarde(b.bedrag, b.bron) for k, b in versie.bedragen.items()}
    for sleutel, bedrag in aanvullingen.items():
        waarden[sleutel] = NormWaarde(Decimal(bedrag), "Testwaarde (geen gepubliceerd bedrag)")
    return NormSet(versie.geldig_vanaf, versie.omschrijving, waarden)


@pytest.fixture
def vtlb_urls(settings):
    settings.ROOT_URLCONF = "tests.modules.shv.vtlb.urls"


def inloggen(client, medewerker):
    client.force_login(medewerker.user, backend=BACKEND)
    return client


@pytest.fixture
def fb(org):
    return factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,))


@pytest.fixture
def consulent(org, zaaktype):
    return factories.medewerker(org, rollen=(Rol.MEDEWERKER,), zaaktypen=(zaaktype,))


@pytest.fixture
def teamleider(org):
    return factories.medewerker(org, rollen=(Rol.TEAMLEIDER,))


@pytest.fixture
def auditor(org):
    return factories.medewerker(org, rollen=(Rol.AUDITOR,))
