"""The "Budgetbeheer" block on the debt-assistance dossier (kernel.cases.uitbreidingen), opening
a budget account as the follow-up of a debt case, and the demo data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from raadhuis.kernel.cases.models import AardRelatie
from raadhuis.kernel.cases.uitbreidingen import (
    ZaakUitbreiding,
    zaak_uitbreiding_register,
    zaak_uitbreiding_unregister,
    zaak_uitbreidingen,
)
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.modules.budget.demo import budget_demo_load
from raadhuis.modules.budget.models import Budgetrekening
from raadhuis.modules.budget.plan import plan_dekking
from raadhuis.modules.budget.services.rekeningen import budgetrekening_openen
from raadhuis.modules.budget.views import budget_zaak_blok
from raadhuis.modules.shv.catalogus import SHV_ZAAKTYPEN, shv_catalogus_ensure
from raadhuis.modules.shv.services import shv_aanmelding_create
from tests import factories
from tests.kernel.brp.fixtures import brp_double, brp_double_server  # noqa: F401
from tests.modules.budget.conftest import BACKEND, CLIENT_IBAN


@pytest.fixture
def registratie():
    """The block is registered when the URLs load (until BudgetConfig.ready() does it)."""
    zaak_uitbreiding_register("budget", budget_zaak_blok)


@pytest.fixture
def shv_dossier(budget_org, consulent, brp_double):  # noqa: F811
    from raadhuis.kernel.access.models import ZaakTypeAutorisatie
    from raadhuis.kernel.common import Vertrouwelijkheid

    shv_catalogus_ensure(budget_org)
    for identificatie in SHV_ZAAKTYPEN:
        ZaakTypeAutorisatie.objects.get_or_create(
            medewerker=consulent,
            zaaktype_identificatie=identificatie,
            defaults={"max_vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK},
        )
    msr = ZaakType.objects.get(catalogus__organisatie=budget_org, identificatie="SHV-MSR")
    gezin = brp_double.register.aanvrager("gezin")
    return shv_aanmelding_create(
        actor=factories.actor(consulent),
        bsn=gezin.bsn,
        zaaktype=msr,
        aanmeldingsdatum=date(2026, 3, 2),
    )


def test_registry_slaat_een_kapotte_uitbreiding_over(budgetrekening, consulent_actor, registratie):
    def kapot(actor, zaak):  # noqa: ANN001, ANN202
        raise RuntimeError("boom")

    zaak_uitbreiding_register("zz-kapot", kapot)
    try:
        blokken = zaak_uitbreidingen(consulent_actor, budgetrekening.zaak)
    finally:
        zaak_uitbreiding_unregister("zz-kapot")
    assert [b.naam for b in blokken] == ["budget"]


def test_blok_op_het_schuldhulpdossier(client, consulent, shv_dossier, beheerrekening, registratie):
    client.force_login(consulent.user, backend=BACKEND)
    dossier_url = reverse("shv:dossier", args=[shv_dossier.zaak.uuid])
    html = client.get(dossier_url).content.decode()
    assert "Budgetbeheer starten" in html
    # The dossier's table of contents leads to the VTLB calculations and to the block.
    toc = html[html.index('aria-label="Onderdelen van dit dossier"') :].split("</nav>")[0]
    assert 'href="#vtlb">VTLB-berekeningen (0)</a>' in toc and 'id="vtlb"' in html
    assert 'href="#uitbreiding-budget">Budgetbeheer</a>' in toc
    assert 'id="uitbreiding-budget"' in html
    start_url = f"{reverse('budget:rekening_openen')}?zaak={shv_dossier.zaak.uuid}"
    assert start_url in html

    # Open the budget account from the dossier: the client comes from the debt case.
    response = client.get(start_url)
    assert response.status_code == 200
    assert shv_dossier.client.weergavenaam in response.content.decode()
    response = client.post(
        start_url,
        {
            "zaak": str(shv_dossier.zaak.uuid),
            "beheerrekening": beheerrekening.pk,
            "client_iban": CLIENT_IBAN,
            "client_tenaamstelling": "M. Testelink",
            "startdatum": "2026-04-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rekening = Budgetrekening.objects.get(client=shv_dossier.client)
    # Budget management is its own case, the follow-up of the debt case.
    assert rekening.zaak.zaaktype.identificatie == "BB"
    relatie = rekening.zaak.relevante_andere_zaken.get()
    assert (relatie.andere_zaak, relatie.aard_relatie) == (shv_dossier.zaak, AardRelatie.VERVOLG)

    html = client.get(dossier_url).content.decode()
    assert rekening.kenmerk in html
    assert reverse("budget:rekening", args=[rekening.uuid]) in html


def test_geen_blok_zonder_budgetgrant(shv_dossier, budget_org, registratie):
    from raadhuis.kernel.access.models import ZaakTypeAutorisatie

    alleen_shv = factories.medewerker(budget_org)
    for identificatie in SHV_ZAAKTYPEN:
        ZaakTypeAutorisatie.objects.create(
            medewerker=alleen_shv, zaaktype_identificatie=identificatie
        )
    blokken = zaak_uitbreidingen(factories.actor(alleen_shv), shv_dossier.zaak)
    assert [b for b in blokken if b.naam == "budget"] == []


def test_blok_waarschuwt_bij_tekort(budgetrekening, consulent_actor):
    from raadhuis.modules.budget.services.planposten import inkomstenpost_update

    inkomstenpost_update(
        actor=consulent_actor, post=budgetrekening.inkomsten.get(), bedrag=Decimal("900")
    )
    blok = budget_zaak_blok(consulent_actor, budgetrekening.zaak)
    assert isinstance(blok, ZaakUitbreiding)
    assert blok.waarschuwingen and "dekken de uitgaven niet" in blok.waarschuwingen[0]


def test_demo_maakt_drie_plannen_zonder_schuldhulpdossier(budget_org, consulent, fiatteur):
    resultaat = budget_demo_load(budget_org, consulent, fiatteur, vandaag=date(2026, 11, 22))
    assert resultaat["budgetrekeningen"] == 2  # no Testelink without the debt demo
    rekeningen = Budgetrekening.objects.filter(organisatie=budget_org).order_by("kenmerk")
    assert [r.startdatum for r in rekeningen] == [date(2026, 9, 1)] * 2
    dekking = [plan_dekking(r, op=date(2026, 11, 22)).gedekt for r in rekeningen]
    assert dekking == [True, False]  # Jan Bakker's plan shows the shortfall warning
    # Loading again changes nothing.
    assert budget_demo_load(budget_org, consulent, fiatteur)["budgetrekeningen"] == 0


def test_demo_volgt_het_schuldhulpdossier(budget_org, consulent, fiatteur, shv_dossier):
    resultaat = budget_demo_load(budget_org, consulent, fiatteur, vandaag=date(2026, 11, 22))
    assert resultaat["budgetrekeningen"] == 3
    rekening = Budgetrekening.objects.get(client__identificatie="999990056")
    assert rekening.zaak.relevante_andere_zaken.get().andere_zaak == shv_dossier.zaak


def test_openen_zonder_grant_mag_niet(budget_org, beheerrekening, client_partij):
    from raadhuis.kernel.exceptions import NietGevonden

    zonder = factories.actor(factories.medewerker(budget_org))
    with pytest.raises(NietGevonden):
        budgetrekening_openen(
            actor=zonder,
            client=client_partij,
            beheerrekening=beheerrekening,
            client_iban=CLIENT_IBAN,
            client_tenaamstelling="P. Jansen",
            startdatum=date(2026, 1, 1),
        )


def test_geen_blok_op_een_zaak_buiten_schuldhulp_en_budgetbeheer(budget_org, consulent):
    from raadhuis.kernel.cases.models import Zaak

    vergunning = factories.zaaktype(budget_org, identificatie="EVENEMENT", omschrijving="Evenement")
    zaak = Zaak(organisatie=budget_org, zaaktype=vergunning)  # never saved: no query needed
    assert budget_zaak_blok(factories.actor(consulent), zaak) is None
