"""Staff login with username and password: success, Dutch field errors, redirects, logout,
lock-out after repeated failures, idle session expiry and the `staff_required` gate."""

from __future__ import annotations

import itertools
import logging
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import include, path, reverse
from django.utils import timezone
from freezegun import freeze_time

from raadhuis.kernel.organisations.models import Medewerker, Organisatie, Rol
from raadhuis.web.auth.decorators import staff_required

PASSWORD = "Raadhuis-Test-2026!"
_numbers = itertools.count(1)


# --- data helpers (plain ORM, also imported by the other auth test modules) -----------------


def make_organisatie(naam: str = "Gemeente Testdorp", *, totp_verplicht: bool = False):
    n = next(_numbers)
    return Organisatie.objects.create(
        naam=naam, rsin=f"{n:09d}", totp_verplicht=totp_verplicht, zaak_prefix="T"
    )


def make_medewerker(
    organisatie,
    username: str = "anna",
    *,
    rollen=(Rol.MEDEWERKER,),
    email: str = "",
    user=None,
):
    if user is None:
        user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    n = next(_numbers)
    return Medewerker.objects.create(
        organisatie=organisatie,
        user=user,
        identificatie=f"M{n:05d}",
        voorletters="A.",
        achternaam=f"Jansen {n}",
        email=email or f"{user.get_username()}@example.nl",
        rollen=list(rollen),
    )


def login_post(client, username: str = "anna", password: str = PASSWORD, **extra):
    return client.post(reverse("web:login"), {"username": username, "password": password, **extra})


def logged_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


@pytest.fixture
def medewerker(db):
    return make_medewerker(make_organisatie())


# --- the login page --------------------------------------------------------------------------


def test_login_page_is_dutch_and_accessible(client, db):
    response = client.get(reverse("web:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert '<label class="utrecht-form-label" for="id_username">Gebruikersnaam</label>' in html
    assert '<label class="utrecht-form-label" for="id_password">Wachtwoord</label>' in html
    assert 'autocomplete="current-password"' in html
    assert "utrecht-button--primary-action" in html
    # OIDC is off by default: no provider button.
    assert "Entra ID" not in html


def test_login_with_correct_password_logs_in_and_goes_to_werkvoorraad(client, medewerker):
    response = login_post(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:werkvoorraad")
    assert logged_in_user_id(client) == str(medewerker.user_id)


def test_login_follows_a_local_next_url_but_never_an_external_one(client, medewerker):
    response = login_post(client, next="/zaken/?status=open")
    assert response["Location"] == "/zaken/?status=open"

    client.logout()
    response = login_post(client, next="https://evil.example/phish")
    assert response["Location"] == reverse("web:werkvoorraad")


def test_wrong_password_gives_a_dutch_error_linked_to_the_field(client, medewerker):
    response = login_post(client, password="verkeerd")
    assert response.status_code == 200
    assert logged_in_user_id(client) is None
    html = response.content.decode()
    assert "De combinatie van gebruikersnaam en wachtwoord klopt niet." in html
    # The message is tied to the password input for screen readers.
    assert 'id="id_password_error"' in html
    password_input = re.search(r"<input[^>]*name=\"password\"[^>]*>", html).group(0)
    assert 'aria-describedby="id_password_error"' in password_input
    assert 'aria-invalid="true"' in password_input
    assert "utrecht-textbox--invalid" in password_input
    # The password is never sent back; the username is kept.
    assert "verkeerd" not in html
    assert 'value="anna"' in html
    # The error summary links to the field.
    assert 'href="#id_password"' in html


def test_empty_fields_give_one_dutch_message_per_field(client, db):
    response = client.post(reverse("web:login"), {"username": "", "password": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul je gebruikersnaam in." in html
    assert "Vul je wachtwoord in." in html
    assert 'id="id_username_error"' in html and 'id="id_password_error"' in html


def test_inactive_medewerker_account_cannot_log_in(client, medewerker):
    medewerker.user.is_active = False
    medewerker.user.save()
    response = login_post(client)
    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_failed_login_is_logged_without_the_password(client, medewerker, caplog):
    with caplog.at_level(logging.INFO, logger="raadhuis.security"):
        login_post(client, password="Geheim-fout-123")
    records = [r for r in caplog.records if r.name == "raadhuis.security"]
    assert any("login failed username=anna" in r.getMessage() for r in records)
    assert all("Geheim-fout-123" not in r.getMessage() for r in records)


# --- logout ----------------------------------------------------------------------------------


def test_logout_is_post_only_and_ends_the_session(client, medewerker):
    login_post(client)
    assert client.get(reverse("web:logout")).status_code == 405
    assert logged_in_user_id(client) is not None

    response = client.post(reverse("web:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:login")
    assert logged_in_user_id(client) is None
    page = client.get(response["Location"])
    assert "Je bent uitgelogd." in page.content.decode()


# --- brute force -----------------------------------------------------------------------------


def test_five_failures_lock_the_username_even_for_the_right_password(client, medewerker, caplog):
    with caplog.at_level(logging.WARNING, logger="raadhuis.security"):
        for _ in range(4):
            assert login_post(client, password="fout").status_code == 200
        locked = login_post(client, password="fout")
        assert locked.status_code == 429
        refused = login_post(client)  # the right password
    assert refused.status_code == 429
    assert logged_in_user_id(client) is None

    html = refused.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in html
    assert "Probeer het over 15 minuten opnieuw." in html
    assert "functioneel beheerder" in html
    assert "Content-Security-Policy" in refused.headers

    messages = [r.getMessage() for r in caplog.records if r.name == "raadhuis.security"]
    assert sum("login failed username=anna" in m for m in messages) >= 5
    assert any("locked out username=anna" in m for m in messages)


def test_lock_out_is_per_username_and_ends_after_the_cool_off(client, medewerker):
    other = make_medewerker(make_organisatie("Gemeente Ander"), "bert")
    start = timezone.now()
    with freeze_time(start):
        for _ in range(5):
            login_post(client, password="fout")
        assert login_post(client).status_code == 429
        # Colleagues behind the same address are not locked out.
        assert login_post(client, username="bert").status_code == 302
        assert logged_in_user_id(client) == str(other.user_id)
        client.logout()
    with freeze_time(start + timedelta(minutes=16)):
        response = login_post(client)
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(medewerker.user_id)


# --- the staff_required gate -----------------------------------------------------------------


@staff_required
def _any_staff(request):
    return HttpResponse(f"org={request.medewerker.organisatie_id}")


@staff_required(roles=[Rol.TEAMLEIDER, Rol.AUDITOR])
def _teamleider_or_auditor(request):
    return HttpResponse("ok")


urlpatterns = [
    path("", include("raadhuis.conf.urls")),
    path("test/staff/", _any_staff),
    path("test/teamleider/", _teamleider_or_auditor),
]


@pytest.mark.urls("tests.web.test_auth")
def test_staff_required_sends_anonymous_users_to_login(client, db):
    response = client.get("/test/staff/")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:login") + "?next=/test/staff/"
    # An htmx request gets a full-page redirect instead of a fragment.
    response = client.get("/test/staff/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("web:login") + "?next=/test/staff/"


@pytest.mark.urls("tests.web.test_auth")
def test_staff_required_refuses_a_user_who_is_no_medewerker(client, db):
    get_user_model().objects.create_user(username="los", password=PASSWORD)
    login_post(client, username="los")
    assert client.get("/test/staff/").status_code == 403


@pytest.mark.urls("tests.web.test_auth")
def test_staff_required_checks_roles(client, medewerker):
    login_post(client)
    assert client.get("/test/staff/").content == f"org={medewerker.organisatie_id}".encode()
    assert client.get("/test/teamleider/").status_code == 403

    medewerker.rollen = [Rol.AUDITOR]
    medewerker.save()
    assert client.get("/test/teamleider/").status_code == 200


@pytest.mark.urls("tests.web.test_auth")
def test_staff_required_refuses_an_inactive_medewerker(client, medewerker):
    login_post(client)
    medewerker.actief = False
    medewerker.save()
    assert client.get("/test/staff/").status_code == 403


# --- idle sessions ---------------------------------------------------------------------------


@pytest.mark.urls("tests.web.test_auth")
def test_session_expires_after_30_minutes_without_activity(client, medewerker, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    # The expiry slides with activity (SessionIdleMiddleware renews it at most once a minute).
    page = "/test/staff/"
    start = timezone.now()
    with freeze_time(start):
        login_post(client)
    # Activity every 20 minutes keeps the session alive (the expiry slides).
    with freeze_time(start + timedelta(minutes=20)):
        assert client.get(page).status_code == 200
    with freeze_time(start + timedelta(minutes=40)):
        assert client.get(page).status_code == 200
    # 31 idle minutes later the session is gone.
    with freeze_time(start + timedelta(minutes=71)):
        response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login") + "?next=")
