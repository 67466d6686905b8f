"""Two bookings at the same moment cannot both spend the same euro: booking locks the client's
budget account row (PostgreSQL; SQLite serialises writers anyway, so the test runs on
PostgreSQL only). Balance 100.00, two payments of 80.00 in two threads: one is booked, the
other is refused as an overdraft."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, connections

from raadhuis.modules.budget.grootboek.boekingen import Roodstand, boeken
from raadhuis.modules.budget.grootboek.rekeningen import beschikbaar_saldo, grootboekrekening
from raadhuis.modules.budget.models import BoekingSoort, GrootboekSoort, Journaalpost

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def test_two_payments_at_once_cannot_both_overdraw(consulent_actor, budgetrekening):
    beheer = budgetrekening.beheerrekening
    bank = grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheer)
    onderweg = grootboekrekening(GrootboekSoort.ONDERWEG, beheerrekening=beheer)
    client = grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=budgetrekening)
    boeken(
        actor=consulent_actor,
        organisatie=consulent_actor.organisatie,
        boekdatum=date(2026, 1, 26),
        soort=BoekingSoort.ONTVANGST,
        omschrijving="Salaris",
        regels=[(bank, Decimal("100.00")), (client, Decimal("-100.00"))],
    )
    start = threading.Barrier(2)
    uitkomsten: list[str] = []

    def betalen() -> None:
        try:
            start.wait(timeout=10)
            boeken(
                actor=consulent_actor,
                organisatie=consulent_actor.organisatie,
                boekdatum=date(2026, 2, 1),
                soort=BoekingSoort.BETAALOPDRACHT,
                omschrijving="Betaling",
                regels=[(client, Decimal("80.00")), (onderweg, Decimal("-80.00"))],
            )
            uitkomsten.append("geboekt")
        except Roodstand:
            uitkomsten.append("roodstand")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=betalen) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(uitkomsten) == ["geboekt", "roodstand"]
    assert beschikbaar_saldo(budgetrekening) == Decimal("20.00")
    assert Journaalpost.objects.filter(soort=BoekingSoort.BETAALOPDRACHT).count() == 1
