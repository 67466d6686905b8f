"""What tests/conftest.py changes for speed stays a test-suite matter: passwords made in tests
are hashed with MD5, while the application keeps Django's strong default hashers, and a
password hashed with those still verifies in the suite."""

from __future__ import annotations

import importlib

from django.conf import global_settings, settings
from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from tests.conftest import TEST_PASSWORD_HASHER


def _production_hashers() -> list[str]:
    production = importlib.import_module("raadhuis.conf.settings")
    return list(getattr(production, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS))


def test_the_application_keeps_a_strong_password_hasher():
    eerste = _production_hashers()[0]
    assert eerste != TEST_PASSWORD_HASHER
    assert eerste.rsplit(".", 1)[1] in {
        "PBKDF2PasswordHasher",
        "Argon2PasswordHasher",
        "BCryptSHA256PasswordHasher",
        "ScryptPasswordHasher",
    }


def test_the_suite_hashes_with_md5_and_still_verifies_the_applications_hashes():
    assert settings.PASSWORD_HASHERS == [TEST_PASSWORD_HASHER, *_production_hashers()]
    assert identify_hasher(make_password("Test-wachtwoord-2026")).algorithm == "md5"

    sterk = make_password("Test-wachtwoord-2026", hasher="pbkdf2_sha256")
    assert check_password("Test-wachtwoord-2026", sterk)
    assert not check_password("iets anders", sterk)
