"""OpenID Connect login, end to end: a real `oidc-provider-mock` server on localhost, the Raadhuis
live server, and a real HTTP client that follows the redirects a browser would. Nothing of the
OIDC exchange (authorisation code, token, JWKS, userinfo) is mocked."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from oidc_provider_mock import User, run_server_in_thread

from tests.web.test_auth import make_medewerker, make_organisatie

pytestmark = pytest.mark.django_db(transaction=True)

KNOWN_SUB = "entra-anna"
UNKNOWN_SUB = "entra-onbekend"


@pytest.fixture
def provider():
    users = [
        # Entra ID sends the address as the directory holds it; Raadhuis ignores case.
        User(sub=KNOWN_SUB, claims={"email": "Anna.Jansen@Example.NL", "name": "Anna Jansen"}),
        User(sub=UNKNOWN_SUB, claims={"email": "iemand@elders.example", "name": "Iemand"}),
    ]
    with run_server_in_thread(user_claims=users, require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def oidc_settings(settings, provider):
    return configure_oidc(settings, provider)


def configure_oidc(settings, provider: str):
    """Point Raadhuis at the provider on localhost, as an operator's environment would."""
    discovery = requests.get(f"{provider}/.well-known/openid-configuration", timeout=10).json()
    settings.OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
        "raadhuis.web.oidc.RaadhuisOIDCBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = "raadhuis-test"
    settings.OIDC_RP_CLIENT_SECRET = "raadhuis-test-secret"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
    settings.OIDC_OP_ISSUER = discovery["issuer"]
    settings.OIDC_TIMEOUT = 10
    settings.LOGIN_REDIRECT_URL_FAILURE = "/login/"
    return settings


@pytest.fixture
def anna(db):
    return make_medewerker(make_organisatie(), "anna", email="anna.jansen@example.nl")


def provider_login(live_server, provider: str, sub: str, next_url: str = "/organisatie/"):
    """Click the button, pick the account at the provider; returns (session, callback answer)."""
    browser = requests.Session()
    login_page = browser.get(f"{live_server.url}/login/", timeout=10)
    assert "Inloggen met Entra ID" in login_page.text
    assert 'href="/oidc/authenticate/' in login_page.text

    start = browser.get(
        f"{live_server.url}/oidc/authenticate/?next={next_url}", allow_redirects=False, timeout=10
    )
    assert start.status_code == 302
    authorize_url = start.headers["Location"]
    assert authorize_url.startswith(f"{provider}/oauth2/authorize?")

    form = browser.get(authorize_url, timeout=10)
    assert form.status_code == 200
    # The provider's form posts back to the same address; this is the user choosing an account.
    back = browser.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert back.status_code == 302
    callback_url = back.headers["Location"]
    assert callback_url.startswith(f"{live_server.url}/oidc/callback/?")
    assert "code=" in callback_url

    answer = browser.get(callback_url, allow_redirects=False, timeout=30)
    return browser, answer


def logged_in_user_id(browser: requests.Session) -> str | None:
    key = browser.cookies.get("sessionid")
    session = Session.objects.filter(session_key=key).first() if key else None
    return session.get_decoded().get("_auth_user_id") if session else None


def test_known_medewerker_logs_in_with_the_provider(live_server, oidc_settings, provider, anna):
    browser, answer = provider_login(live_server, provider, KNOWN_SUB)
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/organisatie/"
    assert logged_in_user_id(browser) == str(anna.user_id)
    # Logged in: the login page sends the user on.
    again = browser.get(f"{live_server.url}/login/", allow_redirects=False, timeout=10)
    assert again.status_code == 302
    assert urlsplit(again.headers["Location"]).path == "/"


def test_unknown_account_is_refused_and_never_created(
    live_server, oidc_settings, provider, anna, caplog
):
    users_before = get_user_model().objects.count()
    with caplog.at_level(logging.WARNING, logger="raadhuis.security"):
        browser, answer = provider_login(live_server, provider, UNKNOWN_SUB)
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/login/"
    assert logged_in_user_id(browser) is None
    assert get_user_model().objects.count() == users_before

    page = browser.get(f"{live_server.url}/login/", timeout=10)
    assert "Inloggen via je organisatieaccount is niet gelukt." in page.text
    assert any(
        "oidc login refused: no medewerker with email=iemand@elders.example" in r.getMessage()
        for r in caplog.records
    )


def test_inactive_medewerker_is_refused(live_server, oidc_settings, provider, anna):
    anna.actief = False
    anna.save()
    browser, answer = provider_login(live_server, provider, KNOWN_SUB)
    assert answer.headers["Location"] == "/login/"
    assert logged_in_user_id(browser) is None


def test_mandatory_totp_still_asks_the_code_after_the_provider(
    live_server, oidc_settings, provider, anna
):
    organisatie = anna.organisatie
    organisatie.totp_verplicht = True
    organisatie.save()
    device = TOTPDevice.objects.create(user=anna.user, name="Raadhuis", confirmed=True)

    browser, answer = provider_login(live_server, provider, KNOWN_SUB)
    assert answer.headers["Location"] == "/login/tweede-factor/"
    assert logged_in_user_id(browser) is None

    page = browser.get(f"{live_server.url}/login/tweede-factor/", timeout=10)
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    done = browser.post(
        f"{live_server.url}/login/tweede-factor/",
        data={"code": code, "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        headers={"Referer": page.url},
        allow_redirects=False,
        timeout=10,
    )
    assert done.status_code == 302
    assert done.headers["Location"] == "/organisatie/"
    assert logged_in_user_id(browser) == str(anna.user_id)


def test_without_oidc_enabled_there_is_no_button_and_no_route(client, db):
    page = client.get("/login/")
    assert "Entra ID" not in page.content.decode()
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404


# --- role mapping from claims (issue 4: SSO via Entra ID with role mapping) -------------------

ROLE_SUB = "entra-bart"
ROLE_MAP = {"Raadhuis.Consulent": "medewerker", "Raadhuis.Teamleider": "teamleider"}


@pytest.fixture
def role_provider():
    users = [
        User(
            sub=ROLE_SUB,
            claims={
                "email": "bart@example.nl",
                "name": "Bart Bos",
                "roles": ["Raadhuis.Teamleider", "Iets.Anders"],
            },
        ),
        User(sub="entra-zonder-rol", claims={"email": "carla@example.nl", "roles": []}),
    ]
    with run_server_in_thread(user_claims=users, require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def role_settings(settings, role_provider):
    configure_oidc(settings, role_provider)
    settings.OIDC_ROLE_MAP = ROLE_MAP
    settings.OIDC_ROLE_CLAIM = "roles"
    return settings


def test_roles_follow_the_claims_and_the_change_is_audited(
    live_server, role_settings, role_provider
):
    from raadhuis.kernel.audit.models import AuditEntry

    bart = make_medewerker(make_organisatie(), "bart", email="bart@example.nl")
    assert bart.rollen == ["medewerker"]
    browser, answer = provider_login(live_server, role_provider, ROLE_SUB)
    assert answer.status_code == 302 and answer.headers["Location"] == "/organisatie/"
    bart.refresh_from_db()
    assert bart.rollen == ["teamleider"]  # unmapped "Iets.Anders" gives nothing
    entry = AuditEntry.objects.get(actie="medewerker_rollen_gewijzigd")
    assert entry.wijzigingen == {"rollen": [["medewerker"], ["teamleider"]]}
    assert entry.actor_weergave == "Inloggen met Entra ID"
    # The roles take effect at once: the team overview opens, the case list does not.
    assert browser.get(f"{live_server.url}/team/", timeout=10).status_code == 200
    assert browser.get(f"{live_server.url}/zaken/", timeout=10).status_code == 403


def test_a_login_without_a_mapped_role_is_refused(live_server, role_settings, role_provider):
    carla = make_medewerker(make_organisatie(), "carla", email="carla@example.nl")
    browser, answer = provider_login(live_server, role_provider, "entra-zonder-rol")
    assert answer.headers["Location"] == "/login/"
    assert logged_in_user_id(browser) is None
    carla.refresh_from_db()
    assert carla.rollen == ["medewerker"]
