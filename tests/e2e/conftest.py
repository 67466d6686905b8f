"""Browser tests of the user stories of issue 2: a person at the screen, through the UI only.

Every page a test looks at goes through `Screen.check()`: axe-core may find no serious or
critical violation, and at phone width (390×844) the page may not scroll sideways. A story runs
once, at desktop width, and `check()` also narrows the window to phone width to look for sideways
scrolling on that same page (the layout is pure CSS, so narrowing the window is what a phone
shows). That halves the browser time of CI. RAADHUIS_E2E_WIDTHS=desktop,telefoon runs every story
in full at both widths instead, as before (axe at phone width too); a test that is about the
phone layout itself asks for `telefoon` through indirect parametrisation.

Playwright's sync API runs an event loop in the test thread for as long as the browser is open,
so Django's async-safety check would refuse the ORM calls of the fixtures (building the world,
flushing the database). DJANGO_ALLOW_ASYNC_UNSAFE is set for exactly that time: per module,
together with the browser, so other test files on the same xdist worker are unaffected.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest

from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.organisations.models import Land, Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.services import taak_create
from tests import factories
from tests.browser import CHROMIUM, CHROMIUM_ARGS, browser_missing, horizontal_overflow
from tests.browser import serious_violations as axe_violations

VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "telefoon": {"width": 390, "height": 844},
}
# The widths each story runs at; see the module docstring.
WIDTHS = [w.strip() for w in os.environ.get("RAADHUIS_E2E_WIDTHS", "desktop").split(",")]
if not WIDTHS or not set(WIDTHS) <= set(VIEWPORTS):
    raise pytest.UsageError(f"RAADHUIS_E2E_WIDTHS: a comma-separated choice of {list(VIEWPORTS)}")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    reason = browser_missing()
    if reason:
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@dataclass
class Screen:
    """One person's browser window on the live server."""

    page: object
    base_url: str
    phone: bool
    # At desktop width: also narrow the window to phone width in check() (see the docstring).
    also_phone: bool = False

    def check(self, what: str = "") -> None:
        """Accessibility (axe) and, at phone width, no sideways scrolling: for the page as it
        is now (after a navigation, or after htmx swapped part of it)."""
        where = f"{what or 'page'} at {self.page.url} ({'phone' if self.phone else 'desktop'})"
        violations = axe_violations(self.page)
        assert not violations, f"axe on {where}:\n" + "\n".join(violations)
        if self.phone:
            overflow = horizontal_overflow(self.page)
        elif self.also_phone:
            overflow = self._overflow_at_phone_width()
            where = where.removesuffix("(desktop)") + "(narrowed to phone width)"
        else:
            overflow = []
        assert not overflow, f"{where} scrolls sideways: " + "; ".join(overflow)

    def _overflow_at_phone_width(self) -> list[str]:
        """horizontal_overflow() of the page as it is now, in a window of phone size; the
        window gets its own size back afterwards."""
        own_size = self.page.viewport_size
        self.page.set_viewport_size(VIEWPORTS["telefoon"])
        try:
            return horizontal_overflow(self.page)
        finally:
            self.page.set_viewport_size(own_size)

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.check()

    def click_link(self, name: str | re.Pattern) -> None:
        """Follow a link (in the main menu or on the page) and check where it leads."""
        with self.page.expect_navigation():
            self.page.get_by_role("link", name=name, exact=True).first.click()
        self.check()

    def press(self, button: str, *, wait_for: str | re.Pattern | None = None) -> None:
        """Press a submit button and check the page that comes back."""
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button, exact=True).click()
        if wait_for is not None:
            self.page.wait_for_url(wait_for)
        self.check()

    def htmx(self, action, path: str, what: str = "") -> None:  # noqa: ANN001
        """Do something that makes htmx fetch `path` and swap it in; check the result."""
        with self.page.expect_response(
            lambda r: path in r.url and r.request.headers.get("hx-request") == "true"
        ):
            action()
        self.page.wait_for_function(
            "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
        )
        self.check(what or f"after htmx swap of {path}")

    def login(self, username: str, password: str = factories.PASSWORD) -> None:
        self.goto("/login/")
        self.page.get_by_label("Gebruikersnaam").fill(username)
        self.page.get_by_label("Wachtwoord").fill(password)
        self.press("Inloggen")
        assert self.page.get_by_role("button", name="Uitloggen").count() == 1, self.page.url

    def logout(self) -> None:
        self.press("Uitloggen", wait_for=re.compile(r"/login/$"))

    def text(self) -> str:
        return self.page.locator("body").inner_text()

    def html(self) -> str:
        return self.page.content()


@pytest.fixture(params=WIDTHS)
def screen(request, browser, live_server) -> Iterator[Screen]:
    """A fresh browser window (no cookies): at desktop width, checking each page at phone width
    too; or at each width of RAADHUIS_E2E_WIDTHS in turn."""
    context = browser.new_context(
        # axe is injected as a script, which the pages' CSP rightly forbids.
        bypass_csp=True,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport=VIEWPORTS[request.param],
        accept_downloads=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    phone = request.param == "telefoon"
    yield Screen(
        page=page,
        base_url=live_server.url,
        phone=phone,
        also_phone=not phone and "telefoon" not in WIDTHS,
    )
    context.close()


# --- the starting world (built directly: configuration, and case data through the services) ---


@dataclass
class Wereld:
    """Gemeente Aaltjesdorp with a case worker granted KLACHT and SUBSIDIE (not VERLOF), a
    colleague, their teamleider and an auditor; clients with cases; and a second organisation
    whose client shares a surname with one of ours."""

    behandelaar: object
    collega: object
    teamleider: object
    auditor: object
    klager: object  # a client without cases yet: the initiator of the case created in the UI
    pieter: object  # a client with a KLACHT, a SUBSIDIE and a VERLOF case
    zaken_pieter: dict[str, object]
    client_data: list[str]  # names, BSNs and case numbers of every client in the world


@pytest.fixture
def wereld(transactional_db) -> Wereld:
    org = factories.organisatie("Gemeente Aaltjesdorp", zaak_prefix="AA")
    klacht = factories.zaaktype(org, identificatie="KLACHT", omschrijving="Klacht")
    subsidie = factories.zaaktype(
        org,
        identificatie="SUBSIDIE",
        omschrijving="Subsidieaanvraag vereniging",
        statussen=("Ontvangen", "Beoordeeld", "Besloten"),
    )
    verlof = factories.zaaktype(org, identificatie="VERLOF", omschrijving="Verlofaanvraag")
    team = factories.team(org, "Team Publiekszaken")
    behandelaar = factories.medewerker(
        org, zaaktypen=(klacht, subsidie), team=team, username="behandelaar"
    )
    collega = factories.medewerker(org, zaaktypen=(klacht, verlof), team=team, username="collega")
    teamleider = factories.medewerker(
        org, rollen=(Rol.TEAMLEIDER,), team=team, username="teamleider"
    )
    auditor = factories.medewerker(org, rollen=(Rol.AUDITOR,), username="auditor")

    ik, jij = factories.actor(behandelaar), factories.actor(collega)
    klager = factories.persoon(ik, "Klaagmans", voornamen="Karel", bsn=_bsn(11))
    pieter = factories.persoon(ik, "Pietersen", voornamen="Pieter", bsn=_bsn(22))
    vandaag_ = vandaag(org.tijdzone)
    zaken = {
        "KLACHT": zaak_create(
            actor=ik,
            zaaktype=klacht,
            omschrijving="Losliggende stoeptegels",
            initiator=pieter,
            behandelaar=behandelaar,
            startdatum=vandaag_ - timedelta(days=60),
        ),
        "SUBSIDIE": zaak_create(
            actor=ik,
            zaaktype=subsidie,
            omschrijving="Subsidie voor de toneelclub",
            initiator=pieter,
            behandelaar=behandelaar,
        ),
        "VERLOF": zaak_create(
            actor=jij,
            zaaktype=verlof,
            omschrijving="Verlof voor de mantelzorg",
            initiator=pieter,
            behandelaar=collega,
        ),
    }
    taak_create(
        actor=ik,
        zaak=zaken["KLACHT"],
        titel="Stoep laten inspecteren",
        toegewezen_aan=behandelaar,
        vervaldatum=vandaag_ - timedelta(days=3),
    )
    taak_create(
        actor=ik,
        zaak=zaken["SUBSIDIE"],
        titel="Begroting opvragen",
        toegewezen_aan=behandelaar,
        termijn_werkdagen=10,
    )
    taak_create(
        actor=jij,
        zaak=zaken["VERLOF"],
        titel="Verlofsaldo nakijken",
        toegewezen_aan=collega,
        termijn_werkdagen=1,
    )

    elders = factories.organisatie("Stad Beekveld", land=Land.BE, zaak_prefix="BEE")
    klacht_elders = factories.zaaktype(elders, identificatie="KLACHT", omschrijving="Klacht")
    mw_elders = factories.medewerker(elders, zaaktypen=(klacht_elders,), username="elders")
    naamgenoot = factories.persoon(
        factories.actor(mw_elders), "Klaagmans", voornamen="Klaas", bsn=_bsn(33)
    )
    zaak_elders = zaak_create(
        actor=factories.actor(mw_elders), zaaktype=klacht_elders, initiator=naamgenoot
    )
    personen = (klager, pieter, naamgenoot)
    client_data = [p.weergavenaam for p in personen] + [p.bsn for p in personen]
    client_data += [z.identificatie for z in (*zaken.values(), zaak_elders)]
    client_data += ["Klaagmans", "Pietersen", "Stoep laten inspecteren", "Losliggende stoeptegels"]
    return Wereld(
        behandelaar=behandelaar,
        collega=collega,
        teamleider=teamleider,
        auditor=auditor,
        klager=klager,
        pieter=pieter,
        zaken_pieter=zaken,
        client_data=client_data,
    )


def _bsn(seed: int) -> str:
    return factories.elfproef_number(seed, prefix="18")
