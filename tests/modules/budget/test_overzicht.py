"""The client's monthly statement: worked numbers, the PDF in the case's documents, once per
month, the monthly run, and the screens (who may see what)."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.documents.models import ZaakInformatieObject
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.budget.grootboek.boekingen import boeken
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening
from raadhuis.modules.budget.models import BoekingSoort, Clientoverzicht, GrootboekSoort
from raadhuis.modules.budget.overzicht import (
    clientoverzicht_maken,
    overzicht_cijfers,
    overzichten_maken,
)
from tests import factories

from .conftest import budget_grant

BACKEND = "django.contrib.auth.backends.ModelBackend"
D = Decimal


def _rekeningen(budgetrekening):  # noqa: ANN001, ANN202
    beheer = budgetrekening.beheerrekening
    return {
        "bank": grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheer),
        "onderweg": grootboekrekening(GrootboekSoort.ONDERWEG, beheerrekening=beheer),
        "client": grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=budgetrekening),
        "reservering": grootboekrekening(
            GrootboekSoort.RESERVERING, reservering=budgetrekening.reserveringen.get()
        ),
    }


def _boek(actor, rekening, dag, soort, omschrijving, regels):  # noqa: ANN001, ANN202
    return boeken(
        actor=actor,
        organisatie=rekening.organisatie,
        boekdatum=dag,
        soort=soort,
        omschrijving=omschrijving,
        regels=regels,
        budgetrekening=rekening,
    )


@pytest.fixture
def januari(consulent_actor, budgetrekening):  # noqa: ANN001, ANN201
    """January 2026 of the fixture's client, booked through the ledger:

        05-01 salary in                  +1,850.00
        06-01 reserve energy bill            30.00 (client -> reservation: no change in tegoed)
        07-01 rent paid                    -725.00
        08-01 rent seen on the statement   (ONDERWEG -> BANK: not the client's)
        12-01 leefgeld paid                 -75.00
        ---------------------------------------------
        tegoed 31-01: 1,050.00 = free 1,020.00 + reserved 30.00
    and in February: 02-02 allowance in +100.00."""
    ik, r = consulent_actor, _rekeningen(budgetrekening)
    _boek(
        ik,
        budgetrekening,
        date(2026, 1, 5),
        BoekingSoort.ONTVANGST,
        "Salaris januari",
        [(r["bank"], D("1850.00")), (r["client"], D("-1850.00"))],
    )
    _boek(
        ik,
        budgetrekening,
        date(2026, 1, 6),
        BoekingSoort.RESERVEREN,
        "Reservering energie",
        [(r["client"], D("30.00")), (r["reservering"], D("-30.00"))],
    )
    _boek(
        ik,
        budgetrekening,
        date(2026, 1, 7),
        BoekingSoort.BETAALOPDRACHT,
        "Huur januari",
        [(r["client"], D("725.00")), (r["onderweg"], D("-725.00"))],
    )
    boeken(
        actor=ik,
        organisatie=budgetrekening.organisatie,
        boekdatum=date(2026, 1, 8),
        soort=BoekingSoort.AFSCHRIJVING,
        omschrijving="Afschrijving huur",
        regels=[(r["onderweg"], D("725.00")), (r["bank"], D("-725.00"))],
    )
    _boek(
        ik,
        budgetrekening,
        date(2026, 1, 12),
        BoekingSoort.BETAALOPDRACHT,
        "Leefgeld week 3",
        [(r["client"], D("75.00")), (r["onderweg"], D("-75.00"))],
    )
    _boek(
        ik,
        budgetrekening,
        date(2026, 2, 2),
        BoekingSoort.ONTVANGST,
        "Toeslag februari",
        [(r["bank"], D("100.00")), (r["client"], D("-100.00"))],
    )
    return budgetrekening


def _pdf_tekst(overzicht: Clientoverzicht) -> str:
    versie = overzicht.document.versies.order_by("-versie").first()
    with versie.bestand.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_cijfers_van_januari(januari):
    c = overzicht_cijfers(januari, date(2026, 1, 1), date(2026, 1, 31))
    assert (c.beginsaldo, c.bij, c.af, c.eindsaldo) == (
        D("0"),
        D("1850.00"),
        D("800.00"),
        D("1050.00"),
    )
    assert (c.beschikbaar_eind, c.gereserveerd_eind) == (D("1020.00"), D("30.00"))
    assert [(r.datum.day, r.bedrag, r.saldo) for r in c.regels] == [
        (5, D("1850.00"), D("1850.00")),
        (7, D("-725.00"), D("1125.00")),
        (12, D("-75.00"), D("1050.00")),
    ]
    (energie,) = c.reserveringen
    assert (energie.begin, energie.gespaard, energie.vrijgegeven, energie.eind) == (
        D("0"),
        D("30.00"),
        D("0"),
        D("30.00"),
    )
    assert c.sluit


def test_februari_begint_waar_januari_eindigt(januari):
    c = overzicht_cijfers(januari, date(2026, 2, 1), date(2026, 2, 28))
    assert (c.beginsaldo, c.bij, c.af, c.eindsaldo) == (
        D("1050.00"),
        D("100.00"),
        D("0"),
        D("1150.00"),
    )
    assert c.gereserveerd_begin == D("30.00")


def test_maandoverzicht_is_pdf_in_het_dossier_en_eenmalig(januari, consulent_actor):
    overzicht = clientoverzicht_maken(
        actor=consulent_actor, budgetrekening=januari, jaar=2026, maand=1
    )
    assert (overzicht.beginsaldo, overzicht.eindsaldo) == (D("0"), D("1050.00"))
    assert (overzicht.periode_begin, overzicht.periode_einde) == (
        date(2026, 1, 1),
        date(2026, 1, 31),
    )
    koppeling = ZaakInformatieObject.objects.get(zaak=januari.zaak)
    assert koppeling.informatieobject == overzicht.document
    assert overzicht.document.informatieobjecttype.omschrijving == "Cliëntoverzicht"
    tekst = _pdf_tekst(overzicht)
    for verwacht in (
        "januari 2026",
        "1.850,00",
        "725,00",
        "1.050,00",
        "Jaarafrekening energie",
        januari.kenmerk,
        "P. Jansen",
    ):
        assert verwacht in tekst, verwacht

    nogmaals = clientoverzicht_maken(
        actor=consulent_actor, budgetrekening=januari, jaar=2026, maand=1
    )
    assert nogmaals.pk == overzicht.pk
    assert ZaakInformatieObject.objects.filter(zaak=januari.zaak).count() == 1
    assert AuditEntry.objects.filter(actie="budget_overzicht_gemaakt").count() == 1


@pytest.mark.parametrize(
    ("jaar", "maand", "melding"),
    [
        (2025, 12, "nog niet begonnen"),
        (2026, 13, "bestaande maand"),
        (2999, 1, "voorbij"),
    ],
)
def test_maandoverzicht_geweigerd(budgetrekening, consulent_actor, jaar, maand, melding):
    with pytest.raises(ValidationError) as fout:
        clientoverzicht_maken(
            actor=consulent_actor, budgetrekening=budgetrekening, jaar=jaar, maand=maand
        )
    assert melding in " ".join(fout.value.messages)


def test_lopende_maand_geweigerd(budgetrekening, consulent_actor):
    from raadhuis.kernel.workflow.calendar import vandaag

    nu = vandaag(budgetrekening.organisatie.tijdzone)
    with pytest.raises(ValidationError, match="voorbij"):
        clientoverzicht_maken(
            actor=consulent_actor, budgetrekening=budgetrekening, jaar=nu.year, maand=nu.month
        )


def test_zonder_toegang_geen_overzicht(januari, budget_org):
    vreemde = factories.actor(factories.medewerker(budget_org))  # no BB grant
    with pytest.raises(Exception) as fout:
        clientoverzicht_maken(actor=vreemde, budgetrekening=januari, jaar=2026, maand=1)
    assert fout.type.__name__ in {"ToegangGeweigerd", "NietGevonden"}
    assert not Clientoverzicht.objects.exists()


def test_maandelijkse_run_maakt_alleen_wat_ontbreekt(januari, budget_org):
    eerste = overzichten_maken(budget_org, 2026, 1)
    assert (eerste.gemaakt, eerste.al_gemaakt, eerste.fouten) == (1, 0, {})
    tweede = overzichten_maken(budget_org, 2026, 1)
    assert (tweede.gemaakt, tweede.al_gemaakt) == (0, 1)
    assert overzichten_maken(budget_org, 2025, 12).gemaakt == 0  # before the start


# --- screens ---------------------------------------------------------------------------------


def _browser(medewerker) -> Client:  # noqa: ANN001
    browser = Client()
    browser.force_login(medewerker.user, backend=BACKEND)
    return browser


def test_overzichten_scherm_maken_en_downloaden(januari, consulent):
    browser = _browser(consulent)
    url = reverse("budget:overzichten", kwargs={"uuid": januari.uuid})
    pagina = browser.get(url)
    assert pagina.status_code == 200
    assert "januari 2026" in pagina.content.decode()

    fout = browser.post(url, {"maand": "2031-01"})
    assert fout.status_code == 400
    assert "Kies een maand uit de lijst." in fout.content.decode()

    antwoord = browser.post(url, {"maand": "2026-01"}, follow=True)
    assert "Het overzicht van januari 2026 is gemaakt" in antwoord.content.decode()
    overzicht = Clientoverzicht.objects.get()
    pdf = browser.get(reverse("budget:overzicht_pdf", kwargs={"uuid": overzicht.uuid}))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert VerwerkingsLog.objects.filter(handeling__startswith="Document gedownload").exists()


def test_tussentijds_overzicht_wordt_niet_bewaard(januari, consulent):
    antwoord = _browser(consulent).get(
        reverse("budget:overzicht_tussentijds", kwargs={"uuid": januari.uuid})
    )
    assert antwoord.status_code == 200
    assert antwoord.content.startswith(b"%PDF")
    assert not Clientoverzicht.objects.exists()


def test_schermen_voor_andere_rollen(januari, consulent_actor, budget_org):
    overzicht = clientoverzicht_maken(
        actor=consulent_actor, budgetrekening=januari, jaar=2026, maand=1
    )
    zonder_grant = factories.medewerker(budget_org)
    teamleider = factories.medewerker(budget_org, rollen=(Rol.TEAMLEIDER,))
    budget_grant(teamleider)  # a grant does not give a team manager client data
    urls = [
        reverse("budget:overzichten", kwargs={"uuid": januari.uuid}),
        reverse("budget:overzicht_pdf", kwargs={"uuid": overzicht.uuid}),
        reverse("budget:overzicht_tussentijds", kwargs={"uuid": januari.uuid}),
        reverse("budget:beeindigen", kwargs={"uuid": januari.uuid}),
    ]
    for url in urls:
        assert _browser(zonder_grant).get(url).status_code == 404, url
        assert _browser(teamleider).get(url).status_code == 403, url
        assert Client().get(url).status_code == 302, url
