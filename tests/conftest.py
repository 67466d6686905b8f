from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import hashers

from raadhuis.kernel.organisations.models import Rol
from tests import factories

# New passwords in tests are hashed with MD5 (Django's advice for test suites): PBKDF2 with its
# million iterations costs ~0.2 s of CPU for every staff member a fixture creates and every
# login, thousands of times a run. The production hashers stay listed after it, so a hash made
# with them still verifies; production settings are untouched (tests/test_suite_settings.py).
TEST_PASSWORD_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


def pytest_configure(config: pytest.Config) -> None:
    production = [h for h in django_settings.PASSWORD_HASHERS if h != TEST_PASSWORD_HASHER]
    django_settings.PASSWORD_HASHERS = [TEST_PASSWORD_HASHER, *production]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


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
