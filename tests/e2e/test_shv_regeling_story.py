"""User story 1, item 4, in the browser: the consultant makes the settlement offer from the
VTLB capacity, sends the offer letters (they arrive at a real SMTP server on localhost), records
each creditor's agreement, and the settlement runs."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from email.header import decode_header, make_header

import pytest

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.shv.catalogus import shv_catalogus_ensure
from raadhuis.modules.shv.models import ShvDossier
from raadhuis.modules.shv.regeling.models import Regeling, RegelingStatus
from raadhuis.modules.shv.services import schuldeiser_create, shv_aanmelding_create
from tests import factories
from tests.kernel.brp.fixtures import brp_double, brp_double_server  # noqa: F401
from tests.kernel.messaging.conftest import Mailbox, smtp_server  # noqa: F401
from tests.modules.shv.conftest import shv_grants, traject
from tests.modules.shv.regeling.helpers import schuld_geverifieerd, vtlb_met_capaciteit

pytestmark = [pytest.mark.e2e]

SCHULDEISERS = (
    # name, e-mail, debt, reference, expected share of € 2,700 (27 %)
    ("Woonstichting Liemers (fictief)", "incasso@woon.test", "1000.00", "HUUR-1", "€ 270,00"),
    ("Energie Oost (fictief)", "schulden@energie.test", "2500.00", "EN-2", "€ 675,00"),
    ("Zorgverzekeraar West (fictief)", "debiteuren@zorg.test", "6500.00", "ZV-3", "€ 1.755,00"),
)


@dataclass
class RegelingWereld:
    dossier: ShvDossier
    mailbox: Mailbox


@pytest.fixture
def regeling_wereld(transactional_db, smtp_server, browser, brp_double):  # noqa: F811

    org = factories.organisatie("Gemeente Zevenaar", zaak_prefix="ZEV")
    shv_catalogus_ensure(org)
    team = factories.team(org, "Team Schuldhulpverlening")
    consulent = factories.medewerker(org, rollen=(Rol.MEDEWERKER,), team=team, username="consulent")
    shv_grants(consulent)
    ik = factories.actor(consulent)
    dossier = shv_aanmelding_create(
        actor=ik,
        bsn=brp_double.register.aanvrager("alleenstaand").bsn,
        zaaktype=traject(org),
        aanmeldingsdatum=date(2026, 9, 1),
    )
    adres = {"straatnaam": "Markt", "huisnummer": 1, "postcode": "6901AA", "woonplaats": "Zevenaar"}
    for naam, email, bedrag, kenmerk, _aandeel in SCHULDEISERS:
        schuldeiser = schuldeiser_create(
            actor=ik, naam=naam, email_correspondentie=email, adres=adres
        )
        schuld_geverifieerd(ik, dossier, schuldeiser, bedrag, kenmerk)
    vtlb_met_capaciteit(ik, dossier, Decimal("150.00"))

    return RegelingWereld(dossier=dossier, mailbox=smtp_server)


def wacht_op_berichten(mailbox: Mailbox, aantal: int, seconden: float = 10) -> None:
    einde = time.monotonic() + seconden
    while len(mailbox.berichten) < aantal and time.monotonic() < einde:
        time.sleep(0.1)


def test_consultant_makes_the_offer_sends_it_and_every_creditor_agrees(screen, regeling_wereld):
    page = screen.page
    dossier = regeling_wereld.dossier
    screen.login("consulent")
    screen.goto(f"/shv/dossiers/{dossier.zaak.uuid}/regeling/")
    assert page.get_by_role("heading", level=1, name="Schuldregeling").is_visible()
    assert "€ 150,00 per maand" in screen.text()

    # The offer: 18 months (the client is not self-employed), € 2,700 pro rata.
    assert page.get_by_label("Looptijd").input_value() == "18"
    screen.press("Aanbod berekenen")
    assert "Aanbod 1 is berekend: 27,00% over 18 maanden." in screen.text()
    tabel = page.get_by_role("table", name="Aanbod en reactie per schuld")
    for naam, _email, _bedrag, kenmerk, aandeel in SCHULDEISERS:
        rij = tabel.get_by_role("row").filter(has_text=kenmerk)
        assert naam in rij.inner_text() and aandeel in rij.inner_text()
    assert "€ 2.700,00" in tabel.locator("tfoot").inner_text()
    assert "Nog 120 dagen in de schuldregelingsfase" in screen.text()

    # The letters: one per creditor, by e-mail, through the real SMTP server.
    screen.press("Aanbod versturen aan de schuldeisers")
    assert "Het aanbod is verstuurd aan 3 schuldeiser(s)." in screen.text()
    wacht_op_berichten(regeling_wereld.mailbox, 3)
    berichten = [
        b
        for b in regeling_wereld.mailbox.berichten
        if str(make_header(decode_header(b["Subject"]))).startswith("Aanbod")
    ]
    assert sorted(b["To"] for b in berichten) == sorted(s[1] for s in SCHULDEISERS)
    for bericht in berichten:
        onderwerp = str(make_header(decode_header(bericht["Subject"])))
        assert onderwerp.startswith("Aanbod minnelijke schuldregeling")
        bijlagen = [p for p in bericht.walk() if p.get_content_type() == "application/pdf"]
        assert len(bijlagen) == 1

    # Each creditor agrees; with the last one the settlement runs.
    for naam, _email, _bedrag, _kenmerk, _aandeel in SCHULDEISERS:
        page.locator("summary", has_text=f"Reactie van {naam}").click()
        formulier = page.locator("details[open] form")
        formulier.get_by_label("Reactie").select_option(label="Akkoord")
        screen.check(f"answer form of {naam}")
        screen.press(f"Reactie van {naam} vastleggen")
    assert "Alle schuldeisers zijn akkoord: de schuldregeling loopt." in screen.text()
    assert page.get_by_text("Regeling loopt", exact=True).first.is_visible()
    assert page.get_by_role("table", name="Maanden van de regeling").is_visible()
    regeling = Regeling.objects.get(dossier=dossier)
    assert regeling.status == RegelingStatus.LOPEND and regeling.maanden.count() == 18
