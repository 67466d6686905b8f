"""Vroegsignalering in the browser: an outreach consultant opens the queue of early-warning
signals, opens one, picks it up and turns it into an outreach case (the person comes from the
BRP double). Every page axe-clean, at desktop and at phone width."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.shv.catalogus import shv_catalogus_ensure
from raadhuis.modules.shv.koppelingen.models import Signaal, SignaalBron, SignaalStatus
from tests import factories
from tests.kernel.brp.fixtures import brp_double, brp_double_server  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.urls("tests.modules.shv.koppelingen.urls")]


@pytest.fixture
def signaal(transactional_db, brp_double):  # noqa: F811
    org = factories.organisatie("Gemeente Zevenaar (test)")
    shv_catalogus_ensure(org)
    medewerker = factories.medewerker(org, rollen=(Rol.MEDEWERKER,), username="signaleerder")
    ZaakTypeAutorisatie.objects.create(
        medewerker=medewerker,
        zaaktype_identificatie="SHV-VROEGSIGNALERING",
        max_vertrouwelijkheidaanduiding=Vertrouwelijkheid.VERTROUWELIJK,
    )
    gezin = brp_double.register.aanvrager("gezin")
    return Signaal.objects.create(
        organisatie=org,
        bron=SignaalBron.WONINGCORPORATIE,
        bron_naam="Woonstichting De Liemers (fictief)",
        signaaldatum=vandaag(org.tijdzone) - timedelta(days=5),
        achterstand_bedrag=Decimal("1250.00"),
        maanden_achterstand=3,
        straatnaam="Voorbeeldstraat",
        huisnummer=7,
        postcode="6903ZC",
        woonplaats="Zevenaar",
        naam="M. Testelink",
        bsn=gezin.bsn,
    )


def test_consultant_turns_a_signal_into_an_outreach_case(screen, signaal):
    page = screen.page
    screen.login("signaleerder")
    screen.goto("/shv/signalen/")
    tabel = page.get_by_role("table", name="Signalen, oudste eerst")
    assert "Voorbeeldstraat 7" in tabel.inner_text()
    assert "Woningcorporatie" in tabel.inner_text()

    screen.click_link("Voorbeeldstraat 7, 6903 ZC Zevenaar")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Signaal voor")
    screen.press("Signaal oppakken")
    assert "In behandeling" in screen.text()

    # The BSN comes from the signal; the person and household come from the BRP.
    assert page.get_by_label("BSN van de bewoner").input_value() == signaal.bsn
    screen.press("Zaak aanmaken", wait_for=re.compile(r"/shv/dossiers/[0-9a-f-]{36}/"))
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.OMGEZET
    nummer = signaal.dossier.zaak.identificatie
    assert f"Signaal omgezet in zaak {nummer}." in screen.text()

    # Back in the queue, the signal is no longer open.
    screen.goto("/shv/signalen/")
    assert "Geen signalen met deze keuze." in screen.text()
