"""Ending a budget account: the plan stops, reservations come free, the tegoed is paid out
through an ordinary (four-eyes) payment, and the final statement follows the payout."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.beeindigen import budgetrekening_beeindigen
from raadhuis.modules.budget.betalingen.algemeen import VierOgenFout
from raadhuis.modules.budget.betalingen.dagvoorstel import dagvoorstel_maken
from raadhuis.modules.budget.betalingen.goedkeuring import voorstel_goedkeuren
from raadhuis.modules.budget.grootboek.boekingen import boeken
from raadhuis.modules.budget.grootboek.rekeningen import (
    beschikbaar_saldo,
    gereserveerd_saldo,
    grootboekrekening,
)
from raadhuis.modules.budget.models import (
    Betaalopdracht,
    BoekingSoort,
    Budgetrekening,
    Clientoverzicht,
    GrootboekSoort,
    OpdrachtStatus,
    RekeningStatus,
    VoorstelStatus,
)
from raadhuis.modules.budget.overzicht import eindoverzichten_bijwerken, overzichten_maken

BACKEND = "django.contrib.auth.backends.ModelBackend"
D = Decimal
EINDE = date(2026, 3, 31)
ANDER_IBAN = "NL02ABNA0123456789"


def _gb(rekening: Budgetrekening) -> dict:
    beheer = rekening.beheerrekening
    return {
        "bank": grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheer),
        "onderweg": grootboekrekening(GrootboekSoort.ONDERWEG, beheerrekening=beheer),
        "client": grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=rekening),
        "reservering": grootboekrekening(
            GrootboekSoort.RESERVERING, reservering=rekening.reserveringen.get()
        ),
    }


@pytest.fixture
def met_geld(consulent_actor, budgetrekening):  # noqa: ANN001, ANN201
    """Salary 1,850.00 in, 30.00 reserved, rent 725.00 paid: free 1,095.00 + reserved 30.00."""
    r = _gb(budgetrekening)
    for dag, soort, tekst, regels in (
        (date(2026, 1, 5), BoekingSoort.ONTVANGST, "Salaris",
         [(r["bank"], D("1850.00")), (r["client"], D("-1850.00"))]),
        (date(2026, 1, 6), BoekingSoort.RESERVEREN, "Reservering",
         [(r["client"], D("30.00")), (r["reservering"], D("-30.00"))]),
        (date(2026, 1, 7), BoekingSoort.BETAALOPDRACHT, "Huur",
         [(r["client"], D("725.00")), (r["onderweg"], D("-725.00"))]),
    ):  # fmt: skip
        boeken(
            actor=consulent_actor,
            organisatie=budgetrekening.organisatie,
            boekdatum=dag,
            soort=soort,
            omschrijving=tekst,
            regels=regels,
            budgetrekening=budgetrekening,
        )
    return budgetrekening


def test_beeindigen_geeft_reservering_vrij_en_betaalt_alles_uit(met_geld, consulent_actor):
    uitkomst = budgetrekening_beeindigen(
        actor=consulent_actor, budgetrekening=met_geld, datum=EINDE, reden="Cliënt kan het zelf"
    )
    rekening = Budgetrekening.objects.get(pk=met_geld.pk)
    assert (rekening.status, rekening.einddatum) == (RekeningStatus.BEEINDIGD, EINDE)
    assert uitkomst.vrijgegeven == D("30.00")
    assert gereserveerd_saldo(rekening) == 0
    assert beschikbaar_saldo(rekening) == D("1125.00")  # until the payout is approved
    opdracht = uitkomst.uitbetaling
    assert (opdracht.bedrag, opdracht.iban, opdracht.begunstigde, opdracht.status) == (
        D("1125.00"), "NL20INGB0001234567", "P. Jansen", OpdrachtStatus.VOORGESTELD,
    )  # fmt: skip
    assert opdracht.betaalpost_id is None
    assert not rekening.betaalposten.filter(actief=True).exists()
    assert not rekening.reserveringen.filter(actief=True).exists()
    assert not rekening.inkomsten.exclude(einddatum=EINDE).exists()
    assert uitkomst.eindoverzicht is None  # follows the approved payout
    audit = AuditEntry.objects.get(actie="budgetrekening_beeindigd")
    assert audit.toelichting == "Cliënt kan het zelf"
    assert audit.zaak_uuid == rekening.zaak.uuid


def test_restsaldo_naar_andere_rekening(met_geld, consulent_actor):
    uitkomst = budgetrekening_beeindigen(
        actor=consulent_actor,
        budgetrekening=met_geld,
        datum=EINDE,
        naar_iban="nl02 abna 0123 4567 89",
        naar_tenaamstelling="Bewindvoering Oost",
    )
    assert (uitkomst.uitbetaling.iban, uitkomst.uitbetaling.begunstigde) == (
        ANDER_IBAN,
        "Bewindvoering Oost",
    )


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"datum": date(2999, 1, 1)}, "datum", "toekomst"),
        ({"datum": date(2025, 12, 31)}, "datum", "vóór de start"),
        ({"naar_iban": "NL00ABNA0123456789"}, "naar_iban", "IBAN"),
        ({"naar_iban": ANDER_IBAN}, "naar_tenaamstelling", "naam"),
    ],
)
def test_foute_invoer_per_veld(met_geld, consulent_actor, velden, veld, melding):
    argumenten = {"datum": EINDE} | velden
    with pytest.raises(ValidationError) as fout:
        budgetrekening_beeindigen(actor=consulent_actor, budgetrekening=met_geld, **argumenten)
    assert melding in " ".join(fout.value.message_dict[veld])
    assert Budgetrekening.objects.get(pk=met_geld.pk).status == RekeningStatus.ACTIEF


def test_geweigerd_zolang_betalingen_openstaan(met_geld, consulent_actor):
    Betaalopdracht.objects.create(
        organisatie=met_geld.organisatie,
        budgetrekening=met_geld,
        vervaldatum=date(2026, 2, 1),
        begunstigde="Woonstichting De Liemers",
        iban="NL31BUNQ2291234567",
        bedrag=D("725.00"),
        omschrijving="Huur februari",
        end_to_end_id="TEST-OPEN-1",
        status=OpdrachtStatus.ONDERWEG,
    )
    with pytest.raises(ValidationError, match="nog 1 betaling"):
        budgetrekening_beeindigen(actor=consulent_actor, budgetrekening=met_geld, datum=EINDE)
    rekening = Budgetrekening.objects.get(pk=met_geld.pk)
    assert rekening.status == RekeningStatus.ACTIEF
    assert rekening.betaalposten.filter(actief=True).count() == 4  # nothing was stopped


def test_geweigerd_bij_boekingen_na_de_einddatum(met_geld, consulent_actor):
    with pytest.raises(ValidationError) as fout:
        budgetrekening_beeindigen(
            actor=consulent_actor, budgetrekening=met_geld, datum=date(2026, 1, 6)
        )
    assert "na deze datum" in " ".join(fout.value.message_dict["datum"])


def test_zonder_tegoed_direct_eindoverzicht_en_niet_twee_keer(budgetrekening, consulent_actor):
    uitkomst = budgetrekening_beeindigen(
        actor=consulent_actor, budgetrekening=budgetrekening, datum=EINDE
    )
    assert uitkomst.uitbetaling is None
    eind = uitkomst.eindoverzicht
    assert eind.eindoverzicht and (eind.beginsaldo, eind.eindsaldo) == (0, 0)
    assert eind.periode_begin == budgetrekening.startdatum
    assert eind.document.informatieobjecttype.omschrijving == "Eindoverzicht budgetbeheer"
    with pytest.raises(ValidationError, match="al beëindigd"):
        budgetrekening_beeindigen(actor=consulent_actor, budgetrekening=budgetrekening, datum=EINDE)
    # The monthly run does not make a statement of a month the final statement covers.
    rapport = overzichten_maken(budgetrekening.organisatie, 2026, 3)
    assert (rapport.gemaakt, rapport.al_gemaakt, rapport.fouten) == (0, 1, {})


def test_eindoverzicht_volgt_op_de_goedgekeurde_uitbetaling(
    met_geld, consulent_actor, fiatteur_actor
):
    """The whole ending: the payout goes into the day's proposal, a second person approves it,
    and the daily run then makes the final statement (tegoed 1,125.00 -> 0.00)."""
    uitkomst = budgetrekening_beeindigen(
        actor=consulent_actor, budgetrekening=met_geld, datum=EINDE
    )
    organisatie = met_geld.organisatie
    dag = vandaag(organisatie.tijdzone)
    assert eindoverzichten_bijwerken(organisatie).gemaakt == 0  # not approved yet
    dagvoorstel_maken(actor=consulent_actor, organisatie=organisatie, datum=dag)
    voorstel = Betaalopdracht.objects.get(pk=uitkomst.uitbetaling.pk).voorstel
    assert voorstel is not None and voorstel.status == VoorstelStatus.TER_GOEDKEURING
    with pytest.raises(VierOgenFout):
        voorstel_goedkeuren(actor=consulent_actor, voorstel=voorstel)
    voorstel = voorstel_goedkeuren(actor=fiatteur_actor, voorstel=voorstel)
    assert b"1125.00" in bytes(voorstel.pain001)
    assert Betaalopdracht.objects.get(pk=uitkomst.uitbetaling.pk).status == OpdrachtStatus.ONDERWEG
    assert beschikbaar_saldo(met_geld) == 0
    assert eindoverzichten_bijwerken(organisatie).gemaakt == 1
    eind = Clientoverzicht.objects.get(budgetrekening=met_geld, eindoverzicht=True)
    assert (eind.periode_begin, eind.beginsaldo, eind.eindsaldo) == (
        met_geld.startdatum, D("0"), D("0"),
    )  # fmt: skip
    assert eind.periode_einde >= dag - timedelta(days=1)


# --- the screen ------------------------------------------------------------------------------


def test_beeindigen_scherm(met_geld, consulent):
    browser = Client()
    browser.force_login(consulent.user, backend=BACKEND)
    url = reverse("budget:beeindigen", kwargs={"uuid": met_geld.uuid})
    pagina = browser.get(url)
    assert pagina.status_code == 200
    assert "1.125,00" in pagina.content.decode()

    fout = browser.post(url, {"datum": "2026-03-31", "naar_iban": "NL00FOUT", "reden": "x"})
    assert fout.status_code == 400
    assert Budgetrekening.objects.get(pk=met_geld.pk).status == RekeningStatus.ACTIEF

    klaar = browser.post(
        url, {"datum": "2026-03-31", "naar_iban": "", "reden": "Zelfredzaam"}, follow=True
    )
    tekst = klaar.content.decode()
    assert "Het budgetbeheer is beëindigd" in tekst
    assert "Volgt zodra de uitbetaling is goedgekeurd." in tekst
    assert Budgetrekening.objects.get(pk=met_geld.pk).status == RekeningStatus.BEEINDIGD
