from __future__ import annotations

import pytest

from raadhuis.kernel.organisations.models import Rol
from tests import factories


@pytest.fixture
def org(db):
    return factories.organisatie("Gemeente Voorbeeld")


@pytest.fixture
def zaaktype(org):
    return factories.zaaktype(org, identificatie="KLACHT", omschrijving="Klacht")


@pytest.fixture
def behandelaar(org, zaaktype):
    return factories.medewerker(org, rollen=(Rol.MEDEWERKER,), zaaktypen=(zaaktype,))


@pytest.fixture
def actor(behandelaar):
    return factories.actor(behandelaar)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
