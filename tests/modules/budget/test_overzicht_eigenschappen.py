"""Property test of the statement: whatever the client's bookings were, every month's statement
adds up (begin + in − out = end), each month begins where the previous one ended, and the last
statement's end equals the ledger's own balances (free + reserved)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raadhuis.modules.budget.grootboek.boekingen import Roodstand, boeken
from raadhuis.modules.budget.grootboek.rekeningen import (
    beschikbaar_saldo,
    gereserveerd_saldo,
    grootboekrekening,
)
from raadhuis.modules.budget.models import BoekingSoort, GrootboekSoort
from raadhuis.modules.budget.overzicht import maand_periode, overzicht_cijfers

# (kind, day of 2026 counted from 1 January, amount in cents)
BOEKING = st.tuples(
    st.sampled_from(["in", "uit", "reserveren", "vrijgeven"]),
    st.integers(min_value=0, max_value=89),  # January up to March
    st.integers(min_value=1, max_value=250_000),
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(boekingen=st.lists(BOEKING, min_size=1, max_size=12))
def test_overzichten_sluiten_en_sluiten_op_elkaar_aan(budgetrekening, consulent_actor, boekingen):
    rekening = budgetrekening
    beheer = rekening.beheerrekening
    bank = grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheer)
    onderweg = grootboekrekening(GrootboekSoort.ONDERWEG, beheerrekening=beheer)
    client = grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=rekening)
    reservering = grootboekrekening(
        GrootboekSoort.RESERVERING, reservering=rekening.reserveringen.get()
    )
    regels_per_soort = {
        "in": (BoekingSoort.ONTVANGST, lambda b: [(bank, b), (client, -b)]),
        "uit": (BoekingSoort.BETAALOPDRACHT, lambda b: [(client, b), (onderweg, -b)]),
        "reserveren": (BoekingSoort.RESERVEREN, lambda b: [(client, b), (reservering, -b)]),
        "vrijgeven": (BoekingSoort.VRIJVAL, lambda b: [(reservering, b), (client, -b)]),
    }
    for soort, dag, centen in sorted(boekingen, key=lambda b: b[1]):
        boekingsoort, regels = regels_per_soort[soort]
        try:
            boeken(
                actor=consulent_actor,
                organisatie=rekening.organisatie,
                boekdatum=date.fromordinal(date(2026, 1, 1).toordinal() + dag),
                soort=boekingsoort,
                omschrijving=soort,
                regels=regels(Decimal(centen) / 100),
                budgetrekening=rekening,
            )
        except Roodstand:
            continue  # not without a second person: the ledger refuses, nothing is booked

    vorige_eind = Decimal("0")
    for maand in (1, 2, 3):
        begin, einde = maand_periode(2026, maand)
        c = overzicht_cijfers(rekening, begin, einde)
        assert c.sluit
        assert c.beginsaldo == vorige_eind
        assert c.eindsaldo == c.beschikbaar_eind + c.gereserveerd_eind
        vorige_eind = c.eindsaldo
    # Examples share one account, so a booking may be dated before earlier examples' ones; the
    # ledger guards the balance as it is now, which is the end of the last month.
    assert c.beschikbaar_eind >= 0 and c.gereserveerd_eind >= 0
    assert c.beschikbaar_eind == beschikbaar_saldo(rekening)
    assert c.gereserveerd_eind == gereserveerd_saldo(rekening)
