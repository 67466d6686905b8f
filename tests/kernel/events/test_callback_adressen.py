"""The callback-address rules live in the kernel (events.callbacks), so every way of registering
a subscriber applies them, not only the Notificaties API (whose 400 `intern-adres` is tested in
tests/apis/test_notificaties_api.py)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.events.models import Abonnement
from raadhuis.kernel.events.services import KanaalFilters, abonnement_create, abonnement_update
from raadhuis.kernel.organisations.models import Rol
from tests import factories

pytestmark = pytest.mark.django_db

KANALEN = [KanaalFilters(naam="zaken")]


@pytest.fixture
def beheerder(org) -> Actor:
    return factories.actor(factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))


def _code(fout: ValidationError) -> list[str]:
    return [e.code for e in fout.error_dict["callback_url"]]


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9000/cb", "http://10.0.0.8/cb", "http://[::1]/cb", "http://localhost/"],
)
def test_a_staff_member_cannot_register_an_internal_address(beheerder, settings, url):
    settings.NOTIFICATIES_INTERNE_CALLBACKS = None
    with pytest.raises(ValidationError) as fout:
        abonnement_create(actor=beheerder, callback_url=url, auth="Bearer x", kanalen=KANALEN)
    assert _code(fout.value) == ["intern-adres"]
    assert "RAADHUIS_NOTIFICATIES_INTERNE_CALLBACKS" in str(fout.value)
    assert not Abonnement.objects.exists()


def test_nor_change_a_subscriber_to_one(beheerder, settings):
    settings.NOTIFICATIES_INTERNE_CALLBACKS = []
    abonnement = abonnement_create(
        actor=beheerder, callback_url="https://ontvanger.example.nl/", auth="x", kanalen=KANALEN
    )
    with pytest.raises(ValidationError) as fout:
        abonnement_update(
            actor=beheerder, abonnement=abonnement, callback_url="http://192.168.1.2/"
        )
    assert _code(fout.value) == ["intern-adres"]
    abonnement.refresh_from_db()
    assert abonnement.callback_url == "https://ontvanger.example.nl/"


def test_the_organisation_may_allow_internal_addresses(beheerder, org, settings):
    settings.NOTIFICATIES_INTERNE_CALLBACKS = [org.rsin]
    abonnement = abonnement_create(
        actor=beheerder, callback_url="http://127.0.0.1:9000/cb", auth="x", kanalen=KANALEN
    )
    assert abonnement.callback_url == "http://127.0.0.1:9000/cb"


def test_the_metadata_service_stays_refused_even_when_allowed(beheerder, settings):
    settings.NOTIFICATIES_INTERNE_CALLBACKS = ["*"]
    with pytest.raises(ValidationError) as fout:
        abonnement_create(
            actor=beheerder, callback_url="http://169.254.169.254/", auth="x", kanalen=KANALEN
        )
    assert _code(fout.value) == ["invalid"]


def test_the_system_actor_is_the_installation_itself(org, settings):
    """Set-up scripts, the demo and tests register their own local subscribers."""
    settings.NOTIFICATIES_INTERNE_CALLBACKS = None
    abonnement = abonnement_create(
        actor=Actor.system(org), callback_url="http://127.0.0.1:9/cb", auth="x", kanalen=KANALEN
    )
    assert abonnement.pk
