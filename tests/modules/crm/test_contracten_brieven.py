"""Issue 6: the contract page offers the letters of the template library's category
'Contracten': choose, preview (also before the contract has its case), send by e-mail (to a
real SMTP server) or post through the kernel on the contract's case, audited, shown on the
contract; another department gets 404, a team leader 403, and a medewerker without the case
type 'Contractbeheer' a Dutch message instead of a letter."""

from __future__ import annotations

import html as html_module
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.messaging.bezorging import verzending_attempt
from raadhuis.kernel.messaging.models import Brief, Verzending, VerzendStatus
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.services import adres_add
from raadhuis.modules.crm.contracten.catalogus import (
    CONTRACT_ZAAKTYPE,
    contract_catalogus_ensure,
)
from raadhuis.modules.crm.contracten.models import Contract
from raadhuis.modules.crm.contracten.services import contract_create
from raadhuis.modules.crm.sjablonen.bibliotheek import crm_sjablonen_ensure
from tests import factories
from tests.kernel.messaging.conftest import smtp_server  # noqa: F401

BACKEND = "django.contrib.auth.backends.ModelBackend"
VERLOOPT = "crm_contract_verloopt"


def _login(client, medewerker):  # noqa: ANN001, ANN202
    client.force_login(medewerker.user, backend=BACKEND)
    return client


def _grant(medewerker) -> None:  # noqa: ANN001
    ZaakTypeAutorisatie.objects.get_or_create(
        medewerker=medewerker,
        zaaktype_identificatie=CONTRACT_ZAAKTYPE,
        defaults={"max_vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK},
    )


@pytest.fixture
def bibliotheek(crm_org):
    # The case type exists before anyone logs in (a grant names it by its identification).
    contract_catalogus_ensure(crm_org)
    return crm_sjablonen_ensure(crm_org)


@pytest.fixture
def contract(am, bedrijf, afdeling_ez, accountmanager):
    return contract_create(
        actor=am,
        partij=bedrijf.partij,
        onderwerp="Onderhoud openbare verlichting",
        waarde=Decimal("48000.00"),
        startdatum=date(2025, 1, 1),
        einddatum=date(2027, 12, 31),
        opzegtermijn=3,
        eigenaar=accountmanager,
        afdeling=afdeling_ez,
    )


@pytest.fixture
def web(client, accountmanager):
    _grant(accountmanager)
    return _login(client, accountmanager)


def _url(contract):  # noqa: ANN001, ANN202
    return reverse("crm:contracten:brief", args=[contract.uuid])


def _srcdoc(pagina: str) -> str:
    start = pagina.index('srcdoc="') + len('srcdoc="')
    return html_module.unescape(pagina[start : pagina.index('"', start)])


def test_the_picker_offers_contract_letters_and_previews_before_the_case_exists(
    web, contract, bibliotheek
):
    assert contract.zaak_id is None
    pagina = web.get(_url(contract))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert f'value="{VERLOOPT}"' in tekst and 'value="crm_klacht_' not in tekst
    assert "info@proefkrakeling.example" in tekst  # the addressee
    assert contract.kenmerk in _srcdoc(tekst)  # the first letter, previewed at once
    voorbeeld = web.post(
        _url(contract),
        {"sjabloon": VERLOOPT, "kanaal": "email", "actie": "voorbeeld"},
        HTTP_HX_REQUEST="true",
    )
    doc = _srcdoc(voorbeeld.content.decode())
    assert "(volgt bij verzenden)" in doc  # the case's number, not a fictitious one
    assert "loopt af op 31-12-2027" in doc  # the contract's own end date
    contract.refresh_from_db()
    assert contract.zaak_id is None  # looking makes no case


def test_send_by_email_makes_the_case_files_the_letter_and_shows_it(
    web,
    contract,
    bibliotheek,
    smtp_server,  # noqa: F811
):
    antwoord = web.post(
        _url(contract), {"sjabloon": VERLOOPT, "kanaal": "email", "tekst": "Tot ziens."}
    )
    assert antwoord.status_code == 302
    contract.refresh_from_db()
    assert contract.zaak is not None
    brief = Brief.objects.get(zaak=contract.zaak)
    assert brief.onderwerp == f"Uw contract {contract.kenmerk} loopt af op 31-12-2027"
    verzending = Verzending.objects.get(brief=brief)
    if verzending.status != VerzendStatus.VERZONDEN:
        verzending_attempt(verzending.pk)
        verzending.refresh_from_db()
    assert verzending.status == VerzendStatus.VERZONDEN
    assert smtp_server.berichten[-1]["To"] == "info@proefkrakeling.example"
    audit = AuditEntry.objects.get(actie="brief_verstuurd")
    assert audit.zaak_uuid == contract.zaak.uuid
    detail = web.get(antwoord["Location"]).content.decode()
    assert brief.onderwerp in detail and "Brieven bij dit contract" in detail


def test_post_needs_an_address_and_then_goes_to_the_print_queue(
    web, am, contract, bedrijf, bibliotheek
):
    fout = web.post(_url(contract), {"sjabloon": VERLOOPT, "kanaal": "post"})
    assert fout.status_code == 400
    assert "De ontvanger heeft geen postadres" in fout.content.decode()
    contract.refresh_from_db()
    assert contract.zaak_id is None and not Brief.objects.exists()
    adres_add(
        actor=am,
        partij=bedrijf.partij,
        soort="bezoekadres",
        straatnaam="Markt",
        huisnummer=1,
        postcode="5211AB",
        woonplaats="'s-Hertogenbosch",
    )
    goed = web.post(_url(contract), {"sjabloon": VERLOOPT, "kanaal": "post"})
    assert goed.status_code == 302
    brief = Brief.objects.get()
    assert Verzending.objects.get(brief=brief).status == VerzendStatus.KLAAR_VOOR_PRINT


def test_without_the_case_type_grant_a_dutch_message_and_no_case(
    client, accountmanager, contract, bibliotheek
):
    _login(client, accountmanager)  # not granted 'Contractbeheer'
    zaken = Zaak.objects.count()
    fout = client.post(_url(contract), {"sjabloon": VERLOOPT, "kanaal": "email"})
    assert fout.status_code == 400
    assert "niet geautoriseerd voor dat zaaktype" in fout.content.decode()
    assert Zaak.objects.count() == zaken and not Brief.objects.exists()
    assert Contract.objects.get(pk=contract.pk).zaak_id is None


def test_another_department_gets_404_and_a_teamleider_403(
    client, crm_org, sportmedewerker, contract, bibliotheek
):
    _grant(sportmedewerker)
    _login(client, sportmedewerker)
    assert client.get(_url(contract)).status_code == 404
    assert client.post(_url(contract), {"sjabloon": VERLOOPT, "kanaal": "email"}).status_code == 404
    teamleider = factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,))
    _login(client, teamleider)
    assert client.get(_url(contract)).status_code == 403
    assert not Brief.objects.exists()
