"""The second factor: a TOTP code after the password, mandatory enrolment when the
organisation demands it, throttling of wrong codes, and no access before the code is given."""

from __future__ import annotations

import base64
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from raadhuis.kernel.audit.models import AuditEntry
from tests.web.test_auth import (
    logged_in_user_id,
    login_post,
    make_medewerker,
    make_organisatie,
)

pytestmark = pytest.mark.urls("tests.web.test_auth")  # adds /test/staff/ behind staff_required

TOTP_URL = "/login/tweede-factor/"
SETUP_URL = "/login/tweede-factor/instellen/"


def code_for(device: TOTPDevice) -> str:
    """The code the user's app shows now."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def medewerker_met_app(db):
    medewerker = make_medewerker(make_organisatie())
    device = TOTPDevice.objects.create(user=medewerker.user, name="Raadhuis", confirmed=True)
    return medewerker, device


@pytest.fixture
def verplicht(db):
    """A medewerker of an organisation that demands TOTP, who has not set it up yet."""
    return make_medewerker(make_organisatie("Gemeente Streng", totp_verplicht=True))


def test_reverse_names_of_the_steps():
    assert reverse("web:login_totp") == TOTP_URL
    assert reverse("web:login_totp_setup") == SETUP_URL


def test_user_with_an_app_gives_the_code_after_the_password(client, medewerker_met_app):
    medewerker, device = medewerker_met_app
    response = login_post(client, next="/test/staff/")
    assert response.status_code == 302
    assert response["Location"] == TOTP_URL
    # The password alone logs nobody in.
    assert logged_in_user_id(client) is None
    assert client.get("/test/staff/").status_code == 302

    page = client.get(TOTP_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Code van 6 cijfers" in html
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html

    response = client.post(TOTP_URL, {"code": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == "/test/staff/"
    assert logged_in_user_id(client) == str(medewerker.user_id)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/test/staff/").status_code == 200


def test_code_with_a_space_is_accepted(client, medewerker_met_app):
    _, device = medewerker_met_app
    login_post(client)
    code = code_for(device)
    response = client.post(TOTP_URL, {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302


def test_wrong_code_gives_a_dutch_error_and_retries_are_throttled(client, medewerker_met_app):
    _, device = medewerker_met_app
    login_post(client)
    start = timezone.now()
    with freeze_time(start):
        response = client.post(TOTP_URL, {"code": "abc"})
        assert "Een code bestaat uit precies 6 cijfers." in response.content.decode()

        wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
        response = client.post(TOTP_URL, {"code": wrong})
        html = response.content.decode()
        assert response.status_code == 200
        assert "Deze code klopt niet of is verlopen." in html
        assert 'aria-describedby="id_code_helptext id_code_error"' in html
        assert logged_in_user_id(client) is None

        # Straight after a wrong code even the right one waits: guessing takes forever.
        response = client.post(TOTP_URL, {"code": code_for(device)})
        assert "Te veel onjuiste codes achter elkaar." in response.content.decode()
        assert logged_in_user_id(client) is None

    with freeze_time(start + timedelta(seconds=5)):
        response = client.post(TOTP_URL, {"code": code_for(device)})
    assert response.status_code == 302
    assert logged_in_user_id(client) is not None


def test_the_password_step_expires_after_five_minutes(client, medewerker_met_app):
    _, device = medewerker_met_app
    start = timezone.now()
    with freeze_time(start):
        login_post(client)
    with freeze_time(start + timedelta(minutes=6)):
        response = client.post(TOTP_URL, {"code": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:login")
    assert logged_in_user_id(client) is None


def test_the_code_step_without_a_password_step_goes_back_to_login(client, db):
    response = client.get(TOTP_URL)
    assert response["Location"] == reverse("web:login")
    response = client.get(SETUP_URL)
    assert response["Location"] == reverse("web:login")


def test_mandatory_totp_walks_a_new_user_through_enrolment(client, verplicht):
    response = login_post(client)
    assert response["Location"] == SETUP_URL
    assert logged_in_user_id(client) is None

    page = client.get(SETUP_URL)
    assert page.status_code == 200
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=verplicht.user)
    assert device.confirmed is False
    # The QR code is inline SVG (allowed by the CSP, no external request).
    assert re.search(r'<div class="rh-qr" role="img" aria-label="[^"]+"><svg ', html)
    assert "otpauth://totp/Raadhuis%3Aanna?secret=" in html
    secret = re.search(r'<code class="utrecht-code" id="totp-secret">([A-Z2-7 ]+)</code>', html)
    assert secret is not None
    assert base64.b32decode(secret.group(1).replace(" ", "")) == device.bin_key
    # Reloading shows the same secret, so an app that already scanned it keeps working.
    assert secret.group(1) in client.get(SETUP_URL).content.decode()
    assert TOTPDevice.objects.filter(user=verplicht.user).count() == 1

    response = client.post(SETUP_URL, {"code": "000000" if code_for(device) != "000000" else "1"})
    assert response.status_code == 200
    assert logged_in_user_id(client) is None

    with freeze_time(timezone.now() + timedelta(seconds=5)):
        response = client.post(SETUP_URL, {"code": code_for(device)})
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(verplicht.user_id)
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert (
        AuditEntry.objects.filter(
            organisatie=verplicht.organisatie, actie="tweede_factor_ingesteld"
        ).count()
        == 1
    )

    # Next time: the code, not enrolment again (a minute later: a code is used only once).
    client.post(reverse("web:logout"))
    with freeze_time(timezone.now() + timedelta(seconds=90)):
        response = login_post(client)
        assert response["Location"] == TOTP_URL
        assert client.get(SETUP_URL)["Location"] == TOTP_URL
        response = client.post(TOTP_URL, {"code": code_for(device)})
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(verplicht.user_id)


def test_switching_totp_on_sends_logged_in_staff_to_enrolment(client, db):
    medewerker = make_medewerker(make_organisatie())
    login_post(client)
    assert client.get("/test/staff/").status_code == 200

    organisatie = medewerker.organisatie
    organisatie.totp_verplicht = True
    organisatie.save()
    response = client.get("/test/staff/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP_URL}?next=%2Ftest%2Fstaff%2F"

    client.get(response["Location"])
    device = TOTPDevice.objects.get(user=medewerker.user)
    response = client.post(SETUP_URL, {"code": code_for(device), "next": "/test/staff/"})
    assert response["Location"] == "/test/staff/"
    assert client.get("/test/staff/").status_code == 200


def test_a_pending_login_gives_no_access_to_the_admin(client, medewerker_met_app):
    medewerker, _ = medewerker_met_app
    medewerker.user.is_staff = True
    medewerker.user.is_superuser = True
    medewerker.user.save()
    login_post(client)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
