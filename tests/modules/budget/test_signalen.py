"""Signals (issue 5, item 6): income that did not arrive, balances below the threshold; raised
once per cause, listed per access, handled with an audit entry. The shared plan expects the
salary of 1,850.00 from NL44RABO0123456789 on the 25th; 25 January 2026 is a Sunday, so with
three working days' margin it is late from Thursday 29 January."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.budget.grootboek.boekingen import boeken
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening
from raadhuis.modules.budget.models import (
    AfschriftFormaat,
    Bankafschrift,
    Bankmutatie,
    BoekingSoort,
    Budgetsignaal,
    GrootboekSoort,
    MutatieStatus,
    SignaalSoort,
)
from raadhuis.modules.budget.signalen import (
    signaal_afhandelen,
    signaal_geven,
    signalen_controleren,
    signalen_lijst,
)
from tests import factories
from tests.modules.budget.conftest import WERKGEVER_IBAN

D = Decimal


def _inkomen_signalen():
    return list(Budgetsignaal.objects.filter(soort=SignaalSoort.INKOMEN_NIET_ONTVANGEN))


def mutatie_ontvangen(rekening, boekdatum, bedrag, iban=WERKGEVER_IBAN, omschrijving="Salaris"):
    """An incoming entry matched to the client, as the bank import leaves it."""
    afschrift, _ = Bankafschrift.objects.get_or_create(
        beheerrekening=rekening.beheerrekening,
        afschrift_id=f"TEST-{boekdatum.isoformat()}",
        defaults={
            "organisatie": rekening.organisatie,
            "formaat": AfschriftFormaat.CAMT053,
            "datum": boekdatum,
            "beginsaldo": D("0"),
            "eindsaldo": D("0"),
        },
    )
    return Bankmutatie.objects.create(
        organisatie=rekening.organisatie,
        afschrift=afschrift,
        mutatie_id=f"M-{Bankmutatie.objects.count() + 1}",
        beheerrekening=rekening.beheerrekening,
        boekdatum=boekdatum,
        bedrag=D(bedrag),
        tegenrekening_iban=iban,
        omschrijving=omschrijving,
        status=MutatieStatus.GEMATCHT,
        budgetrekening=rekening,
    )


def test_late_income_is_signalled_after_the_margin_once(budget_org, budgetrekening):
    grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=budgetrekening)
    signalen_controleren(budget_org, date(2026, 1, 28))
    assert _inkomen_signalen() == []  # Wednesday: still within three working days
    signalen_controleren(budget_org, date(2026, 1, 29))
    (signaal,) = _inkomen_signalen()
    assert signaal.budgetrekening == budgetrekening
    assert "Werkgever Zevenaar BV" in signaal.tekst and "25-01-2026" in signaal.tekst
    assert "1.850,00" in signaal.tekst
    signalen_controleren(budget_org, date(2026, 1, 30))
    assert len(_inkomen_signalen()) == 1


def test_income_that_arrived_is_not_signalled(budget_org, budgetrekening):
    mutatie_ontvangen(budgetrekening, date(2026, 1, 23), "1850.00")  # Friday before
    signalen_controleren(budget_org, date(2026, 2, 5))
    assert _inkomen_signalen() == []


def test_income_from_another_payer_does_not_count(budget_org, budgetrekening):
    mutatie_ontvangen(budgetrekening, date(2026, 1, 26), "1850.00", iban="NL02ABNA0123456789")
    signalen_controleren(budget_org, date(2026, 2, 5))
    assert len(_inkomen_signalen()) == 1


def test_one_entry_pays_one_due_date(budget_org, budgetrekening):
    """Two months due, one salary received: the other month is still missing."""
    mutatie_ontvangen(budgetrekening, date(2026, 2, 25), "1850.00")
    signalen_controleren(budget_org, date(2026, 3, 3))
    (signaal,) = _inkomen_signalen()
    assert "25-01-2026" in signaal.tekst


def test_low_balance_once_per_episode_and_month(budget_org, budgetrekening, consulent_actor):
    signalen_controleren(budget_org, date(2026, 1, 10))
    laag = Budgetsignaal.objects.filter(soort=SignaalSoort.SALDO_LAAG)
    assert laag.count() == 1
    assert "€ 0,00" in laag.get().tekst and "€ 50,00" in laag.get().tekst
    signalen_controleren(budget_org, date(2026, 1, 11))
    assert laag.count() == 1
    signaal_afhandelen(actor=consulent_actor, signaal=laag.get(), toelichting="Gebeld")
    signalen_controleren(budget_org, date(2026, 1, 12))
    assert laag.count() == 1  # handled this month: not again before next month
    signalen_controleren(budget_org, date(2026, 2, 2))
    assert laag.count() == 2


def test_no_low_balance_signal_above_the_threshold(budget_org, budgetrekening, consulent_actor):
    beheer = budgetrekening.beheerrekening
    boeken(
        actor=consulent_actor,
        organisatie=budget_org,
        boekdatum=date(2026, 1, 5),
        soort=BoekingSoort.ONTVANGST,
        omschrijving="Storting",
        regels=[
            (grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheer), D("50.00")),
            (
                grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=budgetrekening),
                D("-50.00"),
            ),
        ],
    )
    signalen_controleren(budget_org, date(2026, 1, 10))
    assert not Budgetsignaal.objects.filter(soort=SignaalSoort.SALDO_LAAG).exists()


def test_signaal_geven_is_idempotent(budget_org, budgetrekening):
    eerste = signaal_geven(
        organisatie=budget_org,
        budgetrekening=budgetrekening,
        soort=SignaalSoort.BETALING_RETOUR,
        sleutel="opdracht-1",
        tekst="Huur teruggekomen",
        datum=date(2026, 2, 3),
    )
    tweede = signaal_geven(
        organisatie=budget_org,
        budgetrekening=budgetrekening,
        soort=SignaalSoort.BETALING_RETOUR,
        sleutel="opdracht-1",
        tekst="anders",
        datum=date(2026, 2, 4),
    )
    assert eerste == tweede and tweede.tekst == "Huur teruggekomen"


def test_list_and_handle_with_access_and_audit(budget_org, budgetrekening, consulent_actor):
    signaal = signaal_geven(
        organisatie=budget_org,
        budgetrekening=budgetrekening,
        soort=SignaalSoort.BETALING_RETOUR,
        sleutel="opdracht-2",
        tekst="Huur teruggekomen",
        datum=date(2026, 2, 3),
    )
    assert signalen_lijst(actor=consulent_actor) == [signaal]
    signaal_afhandelen(actor=consulent_actor, signaal=signaal, toelichting="Nieuw IBAN gevraagd")
    assert signalen_lijst(actor=consulent_actor) == []
    assert signalen_lijst(actor=consulent_actor, afgehandeld=True) == [signaal]
    entry = AuditEntry.objects.get(actie="budget_signaal_afgehandeld")
    assert entry.zaak_uuid == budgetrekening.zaak.uuid
    assert entry.toelichting == "Nieuw IBAN gevraagd"
    ander = factories.actor(factories.medewerker(budget_org, rollen=(Rol.MEDEWERKER,)))
    with pytest.raises(NietGevonden):
        signalen_lijst(actor=ander)
    teamleider = factories.actor(factories.medewerker(budget_org, rollen=(Rol.TEAMLEIDER,)))
    with pytest.raises(ToegangGeweigerd):
        signalen_lijst(actor=teamleider)
