"""Property test of the ledger (issue 5, quality bar): for any sequence of bookings (income,
unmatched receipts and their later matching, payments, reservations and releases, transfers
between clients, reversals, attempted overdrafts with and without a second person), every
entry and the whole ledger sum to zero, and no client or reservation balance goes below zero
unless a second person allowed that booking. A shadow ledger in plain Decimals predicts each
outcome; the real balances must equal it after every step."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from raadhuis.modules.budget.grootboek.boekingen import Roodstand, boeken
from raadhuis.modules.budget.grootboek.correcties import tegenboeken
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening, natuurlijk_saldo, saldo
from raadhuis.modules.budget.models import (
    BoekingSoort,
    GrootboekSoort,
    Journaalpost,
    Journaalregel,
)
from raadhuis.modules.budget.services.planposten import reservering_create
from raadhuis.modules.budget.services.rekeningen import budgetrekening_openen
from tests import factories
from tests.modules.budget.conftest import STARTDATUM

NUL = Decimal("0.00")
bedragen = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("400"), places=2)
clienten = st.integers(min_value=0, max_value=1)
toestemming = st.booleans()

stappen = st.one_of(
    st.tuples(st.just("ontvangst"), clienten, bedragen, st.just(False)),
    st.tuples(st.just("onbekend"), st.just(0), bedragen, st.just(False)),
    st.tuples(st.just("toewijzing"), clienten, bedragen, st.just(False)),
    st.tuples(st.just("betaling"), clienten, bedragen, toestemming),
    st.tuples(st.just("reserveren"), clienten, bedragen, toestemming),
    st.tuples(st.just("vrijval"), clienten, bedragen, toestemming),
    st.tuples(st.just("overboeking"), clienten, bedragen, toestemming),
    st.tuples(st.just("afschrijving"), st.just(0), bedragen, st.just(False)),
    st.tuples(
        st.just("tegenboeken"), st.integers(min_value=0, max_value=3), st.just(NUL), toestemming
    ),
)


@pytest.fixture
def tweede_rekening(consulent_actor, beheerrekening):
    client = factories.persoon(consulent_actor, geslachtsnaam="De Vries", voornamen="Jan")
    rekening = budgetrekening_openen(
        actor=consulent_actor,
        client=client,
        beheerrekening=beheerrekening,
        client_iban="NL02ABNA0123456789",
        client_tenaamstelling="J. de Vries",
        startdatum=STARTDATUM,
    )
    reservering_create(
        actor=consulent_actor,
        budgetrekening=rekening,
        omschrijving="Gemeentelijke belastingen",
        bedrag_per_maand=Decimal("25.00"),
    )
    return rekening


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(reeks=st.lists(stappen, min_size=1, max_size=12))
def test_any_sequence_balances_and_never_overdraws_without_a_second_person(
    consulent_actor, fiatteur, budgetrekening, tweede_rekening, reeks
):
    beheer = budgetrekening.beheerrekening
    rek = {
        "bank": grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheer),
        "onderweg": grootboekrekening(GrootboekSoort.ONDERWEG, beheerrekening=beheer),
        "te_matchen": grootboekrekening(GrootboekSoort.TE_MATCHEN, beheerrekening=beheer),
    }
    cl = []
    res = []
    for rekening in (budgetrekening, tweede_rekening):
        cl.append(grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=rekening))
        res.append(
            grootboekrekening(
                GrootboekSoort.RESERVERING, reservering=rekening.reserveringen.first()
            )
        )
    clientgeld = {r.pk for r in cl + res}
    with transaction.atomic():  # each example starts from an empty ledger
        schaduw: dict[int, Decimal] = {}  # account pk -> sum of lines (debit positive)
        geboekt: list[tuple[Journaalpost, list]] = []
        tegengeboekt: set[int] = set()
        for soort, i, bedrag, met_toestemming in reeks:
            andere = 1 - i
            if soort == "tegenboeken":
                if not geboekt:
                    continue
                doel, doel_regels = geboekt[i % len(geboekt)]
                regels = [(r, -b) for r, b in doel_regels]
                mag_niet = doel.pk in tegengeboekt or doel.tegenboeking_van_id is not None
            else:
                regels = {
                    "ontvangst": [(rek["bank"], bedrag), (cl[i], -bedrag)],
                    "onbekend": [(rek["bank"], bedrag), (rek["te_matchen"], -bedrag)],
                    "toewijzing": [(rek["te_matchen"], bedrag), (cl[i], -bedrag)],
                    "betaling": [(cl[i], bedrag), (rek["onderweg"], -bedrag)],
                    "reserveren": [(cl[i], bedrag), (res[i], -bedrag)],
                    "vrijval": [(res[i], bedrag), (cl[i], -bedrag)],
                    "overboeking": [(cl[i], bedrag), (cl[andere], -bedrag)],
                    "afschrijving": [(rek["onderweg"], bedrag), (rek["bank"], -bedrag)],
                }[soort]
                mag_niet = False
            # What the shadow ledger predicts: which client-money accounts end below zero
            # after being lowered by this booking.
            netto: dict[int, Decimal] = {}
            for r, b in regels:
                netto[r.pk] = netto.get(r.pk, NUL) + b
            onder_nul = [
                pk
                for pk, b in netto.items()
                if pk in clientgeld and b > 0 and -(schaduw.get(pk, NUL) + b) < 0
            ]
            extra = (
                {"roodstand_toegestaan_door": fiatteur, "reden": "tweede persoon akkoord"}
                if met_toestemming
                else {}
            )
            try:
                with transaction.atomic():
                    if soort == "tegenboeken":
                        post = tegenboeken(
                            actor=consulent_actor,
                            journaalpost=doel,
                            reden="correctie",
                            boekdatum=date(2026, 2, 1),
                            **({"roodstand_toegestaan_door": fiatteur} if met_toestemming else {}),
                        )
                    else:
                        post = boeken(
                            actor=consulent_actor,
                            organisatie=consulent_actor.organisatie,
                            boekdatum=date(2026, 2, 1),
                            soort=BoekingSoort.CORRECTIE,
                            omschrijving=soort,
                            regels=regels,
                            **{"reden": "eigenschapstest", **extra},
                        )
            except Roodstand:
                assert onder_nul and not met_toestemming, (soort, bedrag, schaduw)
                event("roodstand geweigerd")
                continue
            except Exception as error:  # noqa: BLE001 - only a refused double reversal is fine
                assert mag_niet, error
                event("dubbele tegenboeking geweigerd")
                continue
            assert not mag_niet
            assert not onder_nul or met_toestemming, (soort, bedrag, schaduw)
            assert (post.roodstand_toegestaan_door is not None) == bool(onder_nul)
            event("roodstand toegestaan" if onder_nul else "geboekt")
            for r, b in regels:
                schaduw[r.pk] = schaduw.get(r.pk, NUL) + b
            geboekt.append((post, regels))
            if soort == "tegenboeken":
                tegengeboekt.add(doel.pk)

            # Every entry sums to zero, and so does the whole ledger.
            assert not (
                Journaalregel.objects.values("journaalpost")
                .annotate(som=Sum("bedrag"))
                .exclude(som=0)
                .exists()
            )
            assert Journaalregel.objects.aggregate(s=Sum("bedrag"))["s"] == 0
            # The real balances are the shadow's.
            for r in [*rek.values(), *cl, *res]:
                assert saldo(r) == natuurlijk_saldo(r.soort, schaduw.get(r.pk))
        # A negative client balance exists only where a second person allowed a booking.
        met_roodstand = set(
            Journaalregel.objects.filter(
                journaalpost__roodstand_toegestaan_door__isnull=False
            ).values_list("grootboekrekening_id", flat=True)
        )
        for r in cl + res:
            if saldo(r) < 0:
                assert r.pk in met_roodstand
        transaction.set_rollback(True)
