"""Security headers on the login page, HSTS and secure cookies when served over TLS, and DEBUG
off unless the environment turns it on.

The environment-dependent cases start a fresh Python process: settings are read from the
environment once, at import, and pytest-django forces DEBUG off in this process anyway.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.web.test_auth import login_post, make_medewerker, make_organisatie

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/login/", headers={"X-Forwarded-Proto": "https"})
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "status": response.status_code,
    "headers": dict(response.headers),
    "csrf_cookie_secure": bool(response.cookies["csrftoken"]["secure"]),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
}))
"""


def run_probe(tmp_path, **env: str) -> dict:
    """Load the settings in a new process with only the given RAADHUIS_* variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("RAADHUIS_")}
    clean.update(
        DJANGO_SETTINGS_MODULE="raadhuis.conf.settings",
        RAADHUIS_VAR_DIR=str(tmp_path),
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_login_page_sends_the_security_headers(client, db, settings):
    response = client.get(reverse("web:login"))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert csp == settings.CONTENT_SECURITY_POLICY
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "object-src 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    # Plain HTTP (development): no HSTS, which would pin a browser to HTTPS for a year.
    assert "Strict-Transport-Security" not in response
    # The login pages are never cached.
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_session_cookie_is_http_only_and_same_site(client, db):
    make_medewerker(make_organisatie())
    response = login_post(client)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


@pytest.mark.own_sqlite
def test_debug_is_off_by_default_and_only_the_environment_turns_it_on(tmp_path):
    default = run_probe(tmp_path)
    assert default["DEBUG"] is False
    assert run_probe(tmp_path, RAADHUIS_DEBUG="1")["DEBUG"] is True


@pytest.mark.own_sqlite
def test_without_tls_there_is_no_hsts(tmp_path):
    probe = run_probe(tmp_path)
    assert "Strict-Transport-Security" not in probe["headers"]
    assert probe["csrf_cookie_secure"] is False


@pytest.mark.own_sqlite
@pytest.mark.parametrize("value", ["1", "true"])
def test_with_tls_hsts_and_secure_cookies_are_set(tmp_path, value):
    probe = run_probe(tmp_path, RAADHUIS_TLS=value)
    assert probe["status"] == 200
    assert probe["headers"]["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert probe["headers"]["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in probe["headers"]["Content-Security-Policy"]
    assert probe["csrf_cookie_secure"] is True
    assert probe["session_cookie_secure"] is True


def test_ui_is_dutch_even_for_an_english_browser(client):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert 'lang="nl"' in response.content.decode()


def test_english_when_chosen_with_the_language_switch(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    response = client.get("/login/")
    assert response["Content-Language"] == "en"
    assert 'lang="en"' in response.content.decode()
