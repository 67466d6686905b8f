"""A full month of one client's money, April 2026, day by day on a frozen clock, through the real
services only: bank statements in (camt.053, generated and imported), the daily payment
proposal, approval by a second person, the bank's debits on the next statement, and at the end
the client's monthly statement.

The client (tests/modules/budget/conftest.py) earns 1,850.00 on the 25th and pays rent 725.00,
energy 145.00 and health insurance 142.50 on the 1st, 75.00 leefgeld every Monday, and saves
30.00 a month for the yearly energy bill. Worked numbers for April 2026:

    25-03  March salary in (before the month)             tegoed    1,850.00
    01-04  reservation energy bill   30.00  (client -> reservation: tegoed unchanged)
    01-04  rent -725.00, energy -145.00, health insurance -142.50
    02-04  leefgeld for Monday 6 April (Good Friday 3-4 and Easter Monday 6-4 are
           bank holidays: it leaves on the last working day before)              -75.00
    13-04  leefgeld                                                               -75.00
    20-04  leefgeld                                                               -75.00
    24-04  April salary in (the 25th is a Saturday)                            +1,850.00
    24-04  leefgeld for Monday 27 April (King's Day: leaves on Friday 24-4)       -75.00
    ------------------------------------------------------------------------------------
    begin 1,850.00 + in 1,850.00 - out 1,312.50 = end 2,387.50
    of which reserved 30.00, free 2,357.50; the bank holds exactly 2,387.50.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from pypdf import PdfReader

from raadhuis.kernel.workflow.calendar import is_werkdag
from raadhuis.modules.budget.bankimport.importeren import afschrift_importeren
from raadhuis.modules.budget.betalingen.algemeen import VierOgenFout
from raadhuis.modules.budget.betalingen.dagvoorstel import dagvoorstel_maken
from raadhuis.modules.budget.betalingen.goedkeuring import voorstel_goedkeuren
from raadhuis.modules.budget.grootboek.rekeningen import beschikbaar_saldo, grootboekrekening, saldo
from raadhuis.modules.budget.models import (
    Betaalopdracht,
    GrootboekSoort,
    OpdrachtStatus,
    VoorstelStatus,
)
from raadhuis.modules.budget.overzicht import clientoverzicht_maken, overzicht_cijfers
from raadhuis.modules.budget.testbestanden import Regel, camt053_maken

from .conftest import BEHEER_IBAN, WERKGEVER_IBAN

D = Decimal
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _om(dag: date, uur: int = 9):  # noqa: ANN202
    """The clock at `uur` o'clock on `dag` in Amsterdam."""
    return freeze_time(datetime(dag.year, dag.month, dag.day, uur, tzinfo=AMSTERDAM))


class Bank:
    """The municipality's bank: one camt.053 statement per day with what happened on it."""

    def __init__(self, actor, organisatie) -> None:  # noqa: ANN001
        self.actor, self.organisatie = actor, organisatie
        self.saldo = D("0.00")

    def afschrift(self, dag: date, regels: list[Regel]):  # noqa: ANN201
        inhoud = camt053_maken(
            iban=BEHEER_IBAN,
            regels=regels,
            datum=dag,
            afschrift_id=f"ZVN-{dag:%Y%m%d}",
            beginsaldo=self.saldo,
            naam="Gemeente Zevenaar Budgetbeheer",
        )
        rapport = afschrift_importeren(
            actor=self.actor,
            organisatie=self.organisatie,
            inhoud=inhoud,
            bestandsnaam=f"camt053-{dag}.xml",
        )
        assert rapport.geslaagd, rapport.fouten
        self.saldo += sum((r.bedrag for r in regels), D("0"))
        return rapport

    def salaris(self, dag: date, maand: str, kenmerk: str):  # noqa: ANN201
        return self.afschrift(
            dag,
            [
                Regel(
                    bedrag=D("1850.00"),
                    tegenrekening_iban=WERKGEVER_IBAN,
                    tegenrekening_naam="Werkgever Zevenaar BV",
                    omschrijving=f"Salaris {maand} 2026 {kenmerk}",
                )
            ],
        )

    def afschrijvingen(self, dag: date, opdrachten: list[Betaalopdracht]):  # noqa: ANN201
        return self.afschrift(
            dag,
            [
                Regel(
                    bedrag=-o.bedrag,
                    tegenrekening_iban=o.iban,
                    tegenrekening_naam=o.begunstigde,
                    omschrijving=o.omschrijving,
                    end_to_end_id=o.end_to_end_id,
                )
                for o in opdrachten
            ],
        )


@pytest.mark.django_db
def test_een_volle_maand_van_inkomen_tot_overzicht(budgetrekening, consulent_actor, fiatteur_actor):
    rekening = budgetrekening
    organisatie = rekening.organisatie
    bank = Bank(consulent_actor, organisatie)

    with _om(date(2026, 3, 25)):
        rapport = bank.salaris(date(2026, 3, 25), "maart", rekening.kenmerk)
        assert (rapport.matched, rapport.unmatched) == (1, 0)
    assert beschikbaar_saldo(rekening) == D("1850.00")

    verstuurd: list[Betaalopdracht] = []  # approved yesterday, on today's statement
    dag = date(2026, 4, 1)
    while dag <= date(2026, 4, 30):
        if not is_werkdag(dag):
            dag += timedelta(days=1)
            continue
        with _om(dag, 8):
            if verstuurd:
                rapport = bank.afschrijvingen(dag, verstuurd)
                assert rapport.matched == len(verstuurd)
                verstuurd = []
            if dag == date(2026, 4, 24):
                bank.salaris(dag, "april", rekening.kenmerk)
        with _om(dag, 10):
            voorstel = dagvoorstel_maken(actor=consulent_actor, organisatie=organisatie, datum=dag)
        if voorstel is None:
            dag += timedelta(days=1)
            continue
        with _om(dag, 11):
            # Four eyes: the maker may not approve; the colleague does.
            with pytest.raises(VierOgenFout):
                voorstel_goedkeuren(actor=consulent_actor, voorstel=voorstel)
            voorstel = voorstel_goedkeuren(actor=fiatteur_actor, voorstel=voorstel)
        assert voorstel.status == VoorstelStatus.GOEDGEKEURD
        assert voorstel.pain001 and b"pain.001.001.03" in bytes(voorstel.pain001)
        verstuurd = list(voorstel.opdrachten.filter(status=OpdrachtStatus.ONDERWEG))
        dag += timedelta(days=1)
    with _om(date(2026, 5, 4), 8):  # Monday: the last debits of April
        bank.afschrijvingen(date(2026, 5, 4), verstuurd)

    opdrachten = Betaalopdracht.objects.filter(budgetrekening=rekening).order_by(
        "vervaldatum", "pk"
    )
    assert [(o.vervaldatum, o.bedrag, o.status) for o in opdrachten] == [
        (date(2026, 4, 1), D("725.00"), OpdrachtStatus.AFGESCHREVEN),
        (date(2026, 4, 1), D("145.00"), OpdrachtStatus.AFGESCHREVEN),
        (date(2026, 4, 1), D("142.50"), OpdrachtStatus.AFGESCHREVEN),
        (date(2026, 4, 6), D("75.00"), OpdrachtStatus.AFGESCHREVEN),
        (date(2026, 4, 13), D("75.00"), OpdrachtStatus.AFGESCHREVEN),
        (date(2026, 4, 20), D("75.00"), OpdrachtStatus.AFGESCHREVEN),
        (date(2026, 4, 27), D("75.00"), OpdrachtStatus.AFGESCHREVEN),
    ]

    cijfers = overzicht_cijfers(rekening, date(2026, 4, 1), date(2026, 4, 30))
    assert (cijfers.beginsaldo, cijfers.bij, cijfers.af, cijfers.eindsaldo) == (
        D("1850.00"),
        D("1850.00"),
        D("1312.50"),
        D("2387.50"),
    )
    assert (cijfers.gereserveerd_eind, cijfers.beschikbaar_eind) == (D("30.00"), D("2357.50"))
    assert [(r.datum, r.bedrag) for r in cijfers.regels] == [
        (date(2026, 4, 1), D("-725.00")),
        (date(2026, 4, 1), D("-145.00")),
        (date(2026, 4, 1), D("-142.50")),
        (date(2026, 4, 2), D("-75.00")),
        (date(2026, 4, 13), D("-75.00")),
        (date(2026, 4, 20), D("-75.00")),
        (date(2026, 4, 24), D("1850.00")),
        (date(2026, 4, 24), D("-75.00")),
    ]

    # The bank and the ledger agree: everything on the bank is the client's.
    beheer = rekening.beheerrekening
    bank_gb = grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheer)
    onderweg = grootboekrekening(GrootboekSoort.ONDERWEG, beheerrekening=beheer)
    assert saldo(bank_gb) == bank.saldo == D("2387.50")
    assert saldo(onderweg) == 0

    with _om(date(2026, 5, 4), 12):
        overzicht = clientoverzicht_maken(
            actor=consulent_actor, budgetrekening=rekening, jaar=2026, maand=4
        )
    assert (overzicht.beginsaldo, overzicht.eindsaldo) == (D("1850.00"), D("2387.50"))
    versie = overzicht.document.versies.order_by("-versie").first()
    with versie.bestand.open("rb") as fh:
        tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(fh.read())).pages)
    for verwacht in ("april 2026", "1.850,00", "1.312,50", "2.387,50", "2.357,50", "30,00"):
        assert verwacht in tekst, verwacht
