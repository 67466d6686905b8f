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


# The files that take longest, run first. `make test` hands whole files to the xdist workers
# (--dist loadfile) in collection order; a long file that came last kept one worker busy for
# minutes while the other had nothing left to do. Longest first keeps both busy to the end.
LONGEST_FIRST = (
    "tests/test_url_role_matrix.py",
    "tests/apis/test_api_access_matrix.py",
    "tests/tools/test_servers.py",
    "tests/e2e/test_shv_intake_tot_regeling_story.py",
    "tests/apis/test_schemathesis.py",
    "tests/test_demo_gebreken.py",
    "tests/tools/test_load_demo.py",
    "tests/e2e/",
    "tests/modules/crm/test_klachten_browser.py",
    "tests/modules/crm/test_leads_browser.py",
    "tests/modules/crm/test_contracten_browser.py",
    "tests/modules/crm/test_relaties_browser.py",
)


def _run_order(item: pytest.Item) -> int:
    path = item.nodeid.split("::", 1)[0]
    for rank, prefix in enumerate(LONGEST_FIRST):
        if path.startswith(prefix):
            return rank
    return len(LONGEST_FIRST)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_run_order)  # stable: the order within a file and among the rest stays


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
