"""The daily reconciliation (issue 5, item 6): the bank's closing balance against the ledger,
where  bank = client balances + reservations + payments on their way + unmatched receipts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from raadhuis.modules.budget.aansluiting import (
    aansluiting_maken,
    budget_dagelijks,
    grootboekstand,
)
from raadhuis.modules.budget.grootboek.boekingen import boeken
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening
from raadhuis.modules.budget.models import (
    Aansluiting,
    AfschriftFormaat,
    Bankafschrift,
    BoekingSoort,
    Budgetsignaal,
    GrootboekSoort,
    SignaalSoort,
)

D = Decimal


def _afschrift(rekening, datum, eindsaldo):
    return Bankafschrift.objects.create(
        organisatie=rekening.organisatie,
        beheerrekening=rekening,
        formaat=AfschriftFormaat.CAMT053,
        afschrift_id=f"STMT-{datum.isoformat()}-{eindsaldo}",
        datum=datum,
        beginsaldo=D("0"),
        eindsaldo=D(eindsaldo),
    )


def _boek(actor, datum, soort, regels):
    return boeken(
        actor=actor,
        organisatie=actor.organisatie,
        boekdatum=datum,
        soort=soort,
        omschrijving=str(BoekingSoort(soort).label),
        regels=regels,
    )


def test_reconciliation_in_worked_numbers(budget_org, consulent_actor, budgetrekening):
    beheer = budgetrekening.beheerrekening
    bank = grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheer)
    onderweg = grootboekrekening(GrootboekSoort.ONDERWEG, beheerrekening=beheer)
    te_matchen = grootboekrekening(GrootboekSoort.TE_MATCHEN, beheerrekening=beheer)
    client = grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=budgetrekening)
    reservering = grootboekrekening(
        GrootboekSoort.RESERVERING, reservering=budgetrekening.reserveringen.get()
    )
    # Nothing yet: nothing to reconcile, no difference.
    leeg = aansluiting_maken(budget_org, beheer, date(2026, 1, 20))
    assert (leeg.banksaldo, leeg.verschil) == (D("0"), D("0"))

    _boek(
        consulent_actor,
        date(2026, 1, 26),
        BoekingSoort.ONTVANGST,
        [(bank, D("1850.00")), (client, D("-1850.00"))],
    )
    _boek(
        consulent_actor,
        date(2026, 1, 26),
        BoekingSoort.ONTVANGST,
        [(bank, D("100.00")), (te_matchen, D("-100.00"))],
    )
    _boek(
        consulent_actor,
        date(2026, 1, 26),
        BoekingSoort.BETAALOPDRACHT,
        [(client, D("725.00")), (onderweg, D("-725.00"))],
    )
    _boek(
        consulent_actor,
        date(2026, 1, 26),
        BoekingSoort.RESERVEREN,
        [(client, D("30.00")), (reservering, D("-30.00"))],
    )
    _afschrift(beheer, date(2026, 1, 26), "1950.00")

    aansluiting = aansluiting_maken(budget_org, beheer, date(2026, 1, 27))
    assert aansluiting.banksaldo == D("1950.00")
    assert aansluiting.som_clienttegoeden == D("1125.00")  # 1095.00 free + 30.00 reserved
    assert aansluiting.onderweg == D("725.00")
    assert aansluiting.te_matchen == D("100.00")
    assert aansluiting.verschil == D("0.00")
    stand = grootboekstand(beheer, tot_en_met=date(2026, 1, 26))
    assert stand.bank == D("1950.00") and stand.in_evenwicht
    assert not Budgetsignaal.objects.filter(soort=SignaalSoort.AANSLUITVERSCHIL).exists()

    # The bank debits the rent: both sides go down together.
    _boek(
        consulent_actor,
        date(2026, 1, 27),
        BoekingSoort.AFSCHRIJVING,
        [(onderweg, D("725.00")), (bank, D("-725.00"))],
    )
    _afschrift(beheer, date(2026, 1, 27), "1225.00")
    aansluiting = aansluiting_maken(budget_org, beheer, date(2026, 1, 27))
    assert (aansluiting.onderweg, aansluiting.verschil) == (D("0.00"), D("0.00"))
    assert Aansluiting.objects.filter(beheerrekening=beheer).count() == 2  # one per day


def test_a_difference_raises_one_signal(budget_org, budgetrekening):
    beheer = budgetrekening.beheerrekening
    _afschrift(beheer, date(2026, 2, 2), "12.34")  # bank costs nobody booked
    eerste = aansluiting_maken(budget_org, beheer, date(2026, 2, 2))
    assert eerste.verschil == D("12.34")
    aansluiting_maken(budget_org, beheer, date(2026, 2, 2))
    (signaal,) = Budgetsignaal.objects.filter(soort=SignaalSoort.AANSLUITVERSCHIL)
    assert signaal.budgetrekening is None
    assert "€ 12,34" in signaal.tekst
    assert Aansluiting.objects.count() == 1


def test_later_statements_are_not_used_for_an_earlier_day(budget_org, budgetrekening):
    beheer = budgetrekening.beheerrekening
    _afschrift(beheer, date(2026, 2, 2), "0.00")
    _afschrift(beheer, date(2026, 2, 5), "99.00")
    assert aansluiting_maken(budget_org, beheer, date(2026, 2, 3)).banksaldo == D("0.00")


def test_daily_run(budget_org, budgetrekening):
    uitkomst = budget_dagelijks(budget_org, date(2026, 1, 29))
    assert uitkomst == {"signalen": 2, "aansluitingen": 1, "verschillen": 0}
    # Again: nothing new.
    assert budget_dagelijks(budget_org, date(2026, 1, 29))["signalen"] == 0
    assert Budgetsignaal.objects.count() == 2


def test_daily_run_for_every_organisation_uses_today(budget_org, budgetrekening):
    from raadhuis.kernel.workflow.calendar import vandaag
    from raadhuis.modules.budget.aansluiting import budget_dagelijks_alle

    assert isinstance(budget_dagelijks_alle(), int)
    assert Aansluiting.objects.filter(datum=vandaag(budget_org.tijdzone)).count() == 1
