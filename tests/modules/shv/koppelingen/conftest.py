"""Fixtures of the links tests (the SHV organisation, consultant and BRP double come from
tests/modules/shv/conftest.py): an
outreach consultant (granted SHV-VROEGSIGNALERING only), and actors of the other roles."""

from __future__ import annotations

import pytest

from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Rol
from tests import factories


@pytest.fixture
def signaleerder(shv_org, team_shv):
    """A consultant of the outreach team: granted only the vroegsignalering track."""
    medewerker = factories.medewerker(
        shv_org, rollen=(Rol.MEDEWERKER,), team=team_shv, username="signaleerder"
    )
    ZaakTypeAutorisatie.objects.create(
        medewerker=medewerker,
        zaaktype_identificatie="SHV-VROEGSIGNALERING",
        max_vertrouwelijkheidaanduiding=Vertrouwelijkheid.VERTROUWELIJK,
    )
    return medewerker


@pytest.fixture
def signaal_actor(signaleerder):
    return factories.actor(signaleerder)


@pytest.fixture
def beheerder_fb(shv_org):
    return factories.medewerker(
        shv_org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="functioneelbeheer"
    )


@pytest.fixture
def fb_actor(beheerder_fb):
    return factories.actor(beheerder_fb)
