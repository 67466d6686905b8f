"""The contract screens: register a contract for a relation through the forms, the status
overview with its filters, the contract page with Social Return and MVOI, notice, the block on
the relation page, access per role and department, and the demo loader."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.contracten.demo import contracten_demo_load
from raadhuis.modules.crm.contracten.models import Contract
from raadhuis.modules.crm.contracten.services import contract_create
from raadhuis.modules.crm.contracten.signalen import contracten_signaleren
from tests import factories

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _login(client, medewerker):  # noqa: ANN001, ANN202
    client.force_login(medewerker.user, backend=BACKEND)
    return client


@pytest.fixture
def web(client, accountmanager):
    return _login(client, accountmanager)


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
        sr_uren_toegezegd=Decimal("200"),
    )


def test_register_a_contract_through_the_forms(web, bedrijf, afdeling_ez, accountmanager):
    zoek = web.get(reverse("crm:contracten:nieuw"), {"zoek": "Proefkrakeling"})
    assert zoek.status_code == 200 and "Proefkrakeling" in zoek.content.decode()
    stap2 = web.get(reverse("crm:contracten:nieuw"), {"partij": str(bedrijf.partij.uuid)})
    assert stap2.status_code == 200 and "Opzegtermijn" in stap2.content.decode()
    data = {
        "partij": str(bedrijf.partij.uuid),
        "onderwerp": "Levering brood kantine",
        "waarde": "12.500,00",
        "startdatum": "2026-01-01",
        "einddatum": "2025-12-31",
        "opzegtermijn": "1",
        "opzegtermijn_eenheid": "maanden",
        "verlenging": "automatisch",
        "verlengingsperiode_maanden": "12",
        "eigenaar": str(accountmanager.pk),
        "afdeling": str(afdeling_ez.pk),
        "signaal_dagen_voor_einde": "90",
        "signaal_dagen_voor_opzegging": "30",
    }
    fout = web.post(reverse("crm:contracten:nieuw"), data)
    assert fout.status_code == 400
    assert "De einddatum ligt voor de startdatum." in fout.content.decode()

    data["einddatum"] = "2026-12-31"
    goed = web.post(reverse("crm:contracten:nieuw"), data)

    assert goed.status_code == 302
    contract = Contract.objects.get(onderwerp="Levering brood kantine")
    assert contract.waarde == Decimal("12500.00")
    assert goed["Location"] == reverse("crm:contracten:detail", args=[contract.uuid])
    pagina = web.get(goed["Location"]).content.decode()
    assert "Levering brood kantine" in pagina and "Automatisch" in pagina


def test_the_overview_filters_on_ending_within_90_days(web, contract, am, bedrijf, afdeling_ez):
    contract_create(
        actor=am,
        partij=bedrijf.partij,
        onderwerp="Kortlopend advies",
        waarde="900",
        startdatum=date(2020, 1, 1),
        einddatum=date.today(),
        afdeling=afdeling_ez,
    )

    alles = web.get(reverse("crm:contracten:lijst")).content.decode()
    binnen = web.get(reverse("crm:contracten:lijst"), {"binnen": "90"}, HTTP_HX_REQUEST="true")

    assert "Onderhoud openbare verlichting" in alles and "Kortlopend advies" in alles
    tekst = binnen.content.decode()
    assert "Kortlopend advies" in tekst and "Onderhoud openbare verlichting" not in tekst
    assert "<html" not in tekst  # htmx gets the partial


def test_social_return_mvoi_and_notice_from_the_contract_page(web, contract):
    detail = reverse("crm:contracten:detail", args=[contract.uuid])
    assert "Geen Social Return" not in web.get(detail).content.decode()

    r = web.post(
        reverse("crm:contracten:realisatie", args=[contract.uuid]),
        {"datum": "2025-06-30", "uren": "50", "bedrag": "", "omschrijving": "Twee leerwerkplekken"},
    )
    assert r.status_code == 302
    leeg = web.post(
        reverse("crm:contracten:realisatie", args=[contract.uuid]),
        {"datum": "2025-06-30", "uren": "", "bedrag": "", "omschrijving": "niets"},
    )
    assert leeg.status_code == 400 and "Vul uren of een bedrag in." in leeg.content.decode()
    i = web.post(
        reverse("crm:contracten:indicator", args=[contract.uuid]),
        {"naam": "CO2-uitstoot (ton)", "doel": "10", "gerealiseerd": ""},
    )
    assert i.status_code == 302
    indicator = contract.indicatoren.get()
    bijwerken = reverse("crm:contracten:indicator", args=[contract.uuid])
    u = web.post(f"{bijwerken}?indicator={indicator.uuid}", {"gerealiseerd": "8"})
    assert u.status_code == 302
    o = web.post(reverse("crm:contracten:opzeggen", args=[contract.uuid]), {"datum": "2026-01-15"})
    assert o.status_code == 302

    pagina = web.get(detail).content.decode()
    assert "50 van 200 uur gerealiseerd (25%)" in pagina
    assert "CO2-uitstoot (ton)" in pagina and "gerealiseerd 8" in pagina
    assert "Opgezegd" in pagina


def test_the_relation_page_shows_the_contracts_block(web, contract, bedrijf):
    pagina = web.get(reverse("crm:relatie", args=[bedrijf.partij.uuid]))

    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert contract.kenmerk in tekst and "Contract vastleggen voor deze relatie" in tekst


def test_another_department_gets_404_and_a_teamleider_403(
    client, contract, sportmedewerker, crm_org
):
    _login(client, sportmedewerker)
    for naam in ("detail", "wijzigen", "opzeggen", "realisatie", "indicator"):
        assert (
            client.get(reverse(f"crm:contracten:{naam}", args=[contract.uuid])).status_code == 404
        )
    assert contract.onderwerp not in client.get(reverse("crm:contracten:lijst")).content.decode()

    teamleider = factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,))
    _login(client, teamleider)
    assert client.get(reverse("crm:contracten:lijst")).status_code == 403
    assert client.get(reverse("crm:contracten:detail", args=[contract.uuid])).status_code == 403


def test_the_edit_form_changes_the_contract(web, contract):
    url = reverse("crm:contracten:wijzigen", args=[contract.uuid])
    formulier = web.get(url)
    assert (
        formulier.status_code == 200
        and "Onderhoud openbare verlichting" in formulier.content.decode()
    )
    data = {
        "kenmerk": contract.kenmerk,
        "onderwerp": "Onderhoud openbare verlichting en lichtmasten",
        "waarde": "52000,00",
        "startdatum": "2025-01-01",
        "einddatum": "2027-12-31",
        "opzegtermijn": "3",
        "opzegtermijn_eenheid": "maanden",
        "verlenging": "geen",
        "eigenaar": str(contract.eigenaar_id),
        "afdeling": str(contract.afdeling_id),
        "signaal_dagen_voor_einde": "120",
        "signaal_dagen_voor_opzegging": "30",
        "sr_uren_toegezegd": "200",
    }

    assert web.post(url, data).status_code == 302
    contract.refresh_from_db()
    assert (contract.waarde, contract.signaal_dagen_voor_einde) == (Decimal("52000.00"), 120)


def test_the_demo_loader_makes_contracts_with_a_signal_due(crm_org, afdeling_ez, accountmanager):
    contracten = contracten_demo_load(crm_org, afdeling=afdeling_ez, eigenaar=accountmanager)

    assert len(contracten) >= 4
    assert contracten_demo_load(crm_org, afdeling=afdeling_ez, eigenaar=accountmanager) == []
    assert contracten_signaleren(crm_org)  # at least one signal is due today
