"""The arithmetic of a budget plan (plan.py): due dates, monthly amounts, coverage."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from raadhuis.modules.budget.models import (
    Betaalpost,
    BetaalSoort,
    Frequentie,
    Inkomstenpost,
    Reservering,
)
from raadhuis.modules.budget.plan import maandbedrag, plan_dekking, vervaldata


def betaling(
    frequentie: str = Frequentie.MAAND,
    dag: int = 1,
    bedrag: str = "100.00",
    startdatum: date = date(2026, 1, 1),
    einddatum: date | None = None,
    actief: bool = True,
) -> Betaalpost:
    return Betaalpost(
        soort=BetaalSoort.OVERIG,
        begunstigde="Begunstigde",
        iban="NL91ABNA0417164300",
        bedrag=Decimal(bedrag),
        frequentie=frequentie,
        dag=dag,
        startdatum=startdatum,
        einddatum=einddatum,
        actief=actief,
    )


# --- vervaldata: worked examples --------------------------------------------------------------


def test_maandelijks_op_de_31e_valt_op_de_laatste_dag_van_korte_maanden():
    post = betaling(dag=31)
    assert vervaldata(post, date(2026, 1, 1), date(2026, 4, 30)) == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]


def test_dag_30_in_een_schrikkeljaar_wordt_29_februari():
    post = betaling(dag=30, startdatum=date(2028, 1, 1))
    assert vervaldata(post, date(2028, 2, 1), date(2028, 2, 29)) == [date(2028, 2, 29)]


def test_wekelijks_op_maandag():
    post = betaling(frequentie=Frequentie.WEEK, dag=1)
    # 1 January 2026 is a Thursday; the Mondays of January are 5, 12, 19 and 26.
    assert vervaldata(post, date(2026, 1, 1), date(2026, 1, 31)) == [
        date(2026, 1, 5),
        date(2026, 1, 12),
        date(2026, 1, 19),
        date(2026, 1, 26),
    ]


def test_kwartaal_volgt_de_maand_van_de_startdatum():
    post = betaling(frequentie=Frequentie.KWARTAAL, dag=15, startdatum=date(2026, 2, 10))
    assert vervaldata(post, date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, 2, 15),
        date(2026, 5, 15),
        date(2026, 8, 15),
        date(2026, 11, 15),
    ]


def test_jaarlijks_alleen_in_de_startmaand_en_niet_voor_de_startdatum():
    post = betaling(frequentie=Frequentie.JAAR, dag=5, startdatum=date(2026, 3, 20))
    # 5 March 2026 lies before the start date; the first due date is 5 March 2027.
    assert vervaldata(post, date(2026, 1, 1), date(2028, 12, 31)) == [
        date(2027, 3, 5),
        date(2028, 3, 5),
    ]


def test_einddatum_en_inactief_worden_gerespecteerd():
    post = betaling(dag=10, einddatum=date(2026, 3, 9))
    assert vervaldata(post, date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, 1, 10),
        date(2026, 2, 10),
    ]
    assert vervaldata(betaling(actief=False), date(2026, 1, 1), date(2026, 12, 31)) == []


def test_inkomstenpost_heeft_dezelfde_regels():
    inkomen = Inkomstenpost(
        bedrag=Decimal("1850.00"), frequentie=Frequentie.MAAND, dag=25, startdatum=date(2026, 1, 1)
    )
    assert vervaldata(inkomen, date(2026, 11, 1), date(2026, 12, 31)) == [
        date(2026, 11, 25),
        date(2026, 12, 25),
    ]


# --- vervaldata: properties -------------------------------------------------------------------

datums = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
frequenties = st.sampled_from(list(Frequentie.values))


@st.composite
def posten(draw: st.DrawFn) -> Betaalpost:
    frequentie = draw(frequenties)
    dag = draw(st.integers(1, 7 if frequentie == Frequentie.WEEK else 31))
    start = draw(datums)
    einde = draw(st.none() | st.dates(min_value=start, max_value=date(2036, 12, 31)))
    return betaling(frequentie=frequentie, dag=dag, startdatum=start, einddatum=einde)


@given(post=posten(), van=datums, lengte=st.integers(0, 800))
def test_elke_vervaldatum_ligt_binnen_periode_en_looptijd(post, van, lengte):
    tot = van + timedelta(days=lengte)
    data = vervaldata(post, van, tot)
    assert data == sorted(set(data))
    for dag in data:
        assert van <= dag <= tot
        assert dag >= post.startdatum
        assert post.einddatum is None or dag <= post.einddatum


@given(post=posten(), van=datums, lengte=st.integers(0, 800))
def test_dag_van_de_vervaldatum(post, van, lengte):
    for dag in vervaldata(post, van, van + timedelta(days=lengte)):
        if post.frequentie == Frequentie.WEEK:
            assert dag.isoweekday() == post.dag
        else:
            laatste = calendar.monthrange(dag.year, dag.month)[1]
            assert dag.day == min(post.dag, laatste)
            maanden = (dag.year - post.startdatum.year) * 12 + dag.month - post.startdatum.month
            interval = {"maand": 1, "kwartaal": 3, "jaar": 12}[post.frequentie]
            assert maanden % interval == 0


@given(jaar=st.integers(2020, 2035), weekdag=st.integers(1, 7))
def test_wekelijks_52_of_53_keer_per_jaar(jaar, weekdag):
    post = betaling(frequentie=Frequentie.WEEK, dag=weekdag, startdatum=date(2000, 1, 1))
    assert len(vervaldata(post, date(jaar, 1, 1), date(jaar, 12, 31))) in (52, 53)


@given(jaar=st.integers(2020, 2035), dag=st.integers(1, 31))
def test_maandelijks_12_keer_per_jaar(jaar, dag):
    post = betaling(dag=dag, startdatum=date(2000, 1, 1))
    assert len(vervaldata(post, date(jaar, 1, 1), date(jaar, 12, 31))) == 12


@given(post=posten(), van=datums, midden=st.integers(0, 400), rest=st.integers(0, 400))
def test_periode_splitsen_verandert_niets(post, van, midden, rest):
    """Building proposals day by day gives the same dates as one run over the whole period."""
    scheiding = van + timedelta(days=midden)
    tot = scheiding + timedelta(days=rest)
    geheel = vervaldata(post, van, tot)
    delen = vervaldata(post, van, scheiding) + vervaldata(post, scheiding + timedelta(days=1), tot)
    assert geheel == delen


# --- maandbedrag ------------------------------------------------------------------------------


def test_maandbedrag_per_frequentie():
    assert maandbedrag(betaling(Frequentie.WEEK, bedrag="75.00")) == Decimal("325.00")
    assert maandbedrag(betaling(Frequentie.WEEK, bedrag="10.00")) == Decimal("43.33")
    assert maandbedrag(betaling(Frequentie.MAAND, bedrag="725.00")) == Decimal("725.00")
    assert maandbedrag(betaling(Frequentie.KWARTAAL, bedrag="100.00")) == Decimal("33.33")
    assert maandbedrag(betaling(Frequentie.JAAR, bedrag="1234.50")) == Decimal("102.88")
    assert maandbedrag(Reservering(bedrag_per_maand=Decimal("30"))) == Decimal("30.00")


def test_maandbedrag_rondt_half_naar_boven():
    # 0.10 * 52 / 12 = 0.4333..; 0.30 / 12 = 0.025 -> 0.03 (ROUND_HALF_UP, not banker's 0.02)
    assert maandbedrag(betaling(Frequentie.JAAR, bedrag="0.30")) == Decimal("0.03")
    assert maandbedrag(betaling(Frequentie.WEEK, bedrag="0.10")) == Decimal("0.43")


# --- plan_dekking -----------------------------------------------------------------------------


def test_dekking_van_het_voorbeeldplan(budgetrekening):
    dekking = plan_dekking(budgetrekening, op=date(2026, 6, 1))
    assert dekking.inkomsten == Decimal("1850.00")
    assert dekking.vaste_lasten == Decimal("1012.50")  # 725 + 145 + 142.50
    assert dekking.leefgeld == Decimal("325.00")  # 75 x 52 / 12
    assert dekking.reserveringen == Decimal("30.00")
    assert dekking.uitgaven == Decimal("1367.50")
    assert dekking.saldo == Decimal("482.50")
    assert dekking.gedekt and dekking.tekort == 0
    assert dekking.waarschuwingen == []


def test_dekking_waarschuwt_bij_tekort(budgetrekening, consulent_actor):
    from raadhuis.modules.budget.services.planposten import inkomstenpost_update

    salaris = budgetrekening.inkomsten.get()
    inkomstenpost_update(actor=consulent_actor, post=salaris, bedrag=Decimal("1200.00"))
    dekking = plan_dekking(budgetrekening, op=date(2026, 6, 1))
    assert dekking.saldo == Decimal("-167.50")
    assert dekking.tekort == Decimal("167.50")
    assert not dekking.gedekt
    assert "dekken de uitgaven niet" in dekking.tekortmelding and "167,50" in dekking.tekortmelding
    assert not any("dekken de uitgaven niet" in w for w in dekking.waarschuwingen)


def test_dekking_waarschuwt_voor_aflopend_inkomen(budgetrekening, consulent_actor):
    from raadhuis.modules.budget.services.planposten import inkomstenpost_update

    salaris = budgetrekening.inkomsten.get()
    inkomstenpost_update(actor=consulent_actor, post=salaris, einddatum=date(2026, 7, 31))
    dekking = plan_dekking(budgetrekening, op=date(2026, 6, 15))
    assert any("stopt op" in w for w in dekking.waarschuwingen)
    # After the end date the income is no longer part of the plan.
    later = plan_dekking(budgetrekening, op=date(2026, 8, 1))
    assert later.inkomsten == 0
    assert any("geen inkomsten" in w for w in later.waarschuwingen)
