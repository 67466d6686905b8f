"""The login pages in a real browser (Debian's Chromium via Playwright): a user logs in with
password and TOTP code using the keyboard-visible labels, and axe-core finds no serious or
critical accessibility violations on any login page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser import AXE, CHROMIUM, CHROMIUM_ARGS, serious_violations
from tests.web.test_auth import PASSWORD, make_medewerker, make_organisatie

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test are
    # still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not Path(CHROMIUM).exists() or not AXE.exists():
        pytest.skip("needs /usr/bin/chromium and node_modules/axe-core")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # axe is injected as an inline script, which the page's CSP rightly forbids.
        context = browser.new_context(bypass_csp=True, locale="nl-NL")
        yield context.new_page()
        browser.close()


def test_login_with_password_and_totp_code_in_the_browser(live_server, page):
    medewerker = make_medewerker(make_organisatie(totp_verplicht=True), "anna")
    device = TOTPDevice.objects.create(user=medewerker.user, name="Raadhuis", confirmed=True)

    page.goto(f"{live_server.url}/login/")
    assert serious_violations(page) == []

    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill("niet-goed")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.wait_for_load_state()
    error = page.locator("#id_password_error")
    assert "klopt niet" in error.inner_text()
    assert page.get_by_label("Wachtwoord").get_attribute("aria-invalid") == "true"
    assert serious_violations(page) == []

    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.wait_for_url(f"{live_server.url}/login/tweede-factor/")
    assert serious_violations(page) == []

    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    page.get_by_label("Code van 6 cijfers").fill(code)
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("button", name="Uitloggen").is_visible()


def test_enrolment_chooser_and_lock_out_pages_are_accessible(live_server, page):
    in_a = make_medewerker(make_organisatie("Gemeente Aa", totp_verplicht=True), "bert")
    make_medewerker(make_organisatie("Stad Bee"), user=in_a.user)

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill("bert")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.wait_for_url(f"{live_server.url}/login/tweede-factor/instellen/")
    assert page.get_by_role("img", name="QR-code").is_visible()
    assert serious_violations(page) == []

    device = TOTPDevice.objects.get(user=in_a.user)
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    page.get_by_label("Code van 6 cijfers").fill(code)
    page.get_by_role("button", name="Instellen en inloggen").click()
    page.wait_for_url(f"{live_server.url}/organisatie/?next=%2F")
    assert serious_violations(page) == []
    page.get_by_label("Stad Bee").check()
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/login/")

    for _ in range(5):
        page.get_by_label("Gebruikersnaam").fill("bert")
        page.get_by_label("Wachtwoord").fill("fout")
        page.get_by_role("button", name="Inloggen", exact=True).click()
        page.wait_for_load_state()
    assert page.get_by_role("heading", name="Inloggen tijdelijk geblokkeerd").is_visible()
    assert serious_violations(page) == []
