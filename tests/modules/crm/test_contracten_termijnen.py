"""Contract dates with worked numbers: the current term with tacit renewal, the notice
deadline (months clamp to the month's end), and the status on a given day."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from raadhuis.modules.crm.contracten.termijnen import (
    ContractStatus,
    Looptijd,
    contract_status,
    huidige_einddatum,
    maanden_optellen,
    uiterste_opzegdatum,
)


def test_months_clamp_to_the_end_of_a_shorter_month():
    assert maanden_optellen(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert maanden_optellen(date(2028, 3, 31), -1) == date(2028, 2, 29)
    assert maanden_optellen(date(2026, 12, 31), -3) == date(2026, 9, 30)
    assert maanden_optellen(date(2026, 11, 15), 14) == date(2028, 1, 15)


def test_a_fixed_term_contract_ends_on_its_end_date():
    tijd = Looptijd(date(2024, 1, 1), date(2026, 12, 31), opzegtermijn=3)

    assert huidige_einddatum(tijd, date(2026, 6, 1)) == date(2026, 12, 31)
    assert uiterste_opzegdatum(tijd, date(2026, 6, 1)) == date(2026, 9, 30)
    assert contract_status(tijd, date(2026, 6, 1)) == ContractStatus.LOOPT
    assert contract_status(tijd, date(2026, 10, 2)) == ContractStatus.LOOPT_AF  # 90 days
    assert contract_status(tijd, date(2027, 1, 1)) == ContractStatus.BEEINDIGD
    assert contract_status(tijd, date(2023, 12, 31)) == ContractStatus.NOG_NIET_GESTART


def test_tacit_renewal_by_twelve_months_until_notice():
    tijd = Looptijd(
        date(2023, 1, 1),
        date(2024, 12, 31),
        automatisch_verlengen=True,
        verlengingsperiode_maanden=12,
        opzegtermijn=2,
    )

    assert huidige_einddatum(tijd, date(2024, 12, 31)) == date(2024, 12, 31)
    assert huidige_einddatum(tijd, date(2025, 1, 1)) == date(2025, 12, 31)
    assert huidige_einddatum(tijd, date(2026, 3, 1)) == date(2026, 12, 31)
    assert uiterste_opzegdatum(tijd, date(2026, 3, 1)) == date(2026, 10, 31)
    assert contract_status(tijd, date(2026, 11, 1)) == ContractStatus.LOOPT  # renews


def test_notice_in_time_ends_at_the_end_of_the_term_and_late_notice_one_term_later():
    basis = dict(
        startdatum=date(2023, 1, 1),
        einddatum=date(2025, 12, 31),
        automatisch_verlengen=True,
        verlengingsperiode_maanden=12,
        opzegtermijn=30,
        opzegtermijn_eenheid="dagen",
    )
    op_tijd = Looptijd(**basis, opgezegd_op=date(2025, 11, 1))  # deadline 1 December
    te_laat = Looptijd(**basis, opgezegd_op=date(2025, 12, 15))

    assert huidige_einddatum(op_tijd, date(2025, 11, 2)) == date(2025, 12, 31)
    assert huidige_einddatum(op_tijd, date(2026, 6, 1)) == date(2025, 12, 31)
    assert contract_status(op_tijd, date(2025, 11, 2)) == ContractStatus.OPGEZEGD
    assert contract_status(op_tijd, date(2026, 1, 1)) == ContractStatus.BEEINDIGD
    assert huidige_einddatum(te_laat, date(2025, 12, 20)) == date(2026, 12, 31)
    assert huidige_einddatum(te_laat, date(2026, 6, 1)) == date(2026, 12, 31)
    assert contract_status(te_laat, date(2027, 1, 1)) == ContractStatus.BEEINDIGD


def test_an_indefinite_contract_has_no_end():
    tijd = Looptijd(date(2020, 1, 1), None, opzegtermijn=1)

    assert huidige_einddatum(tijd, date(2030, 1, 1)) is None
    assert uiterste_opzegdatum(tijd, date(2030, 1, 1)) is None
    assert contract_status(tijd, date(2030, 1, 1)) == ContractStatus.LOOPT


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
    looptijd_dagen=st.integers(min_value=0, max_value=2000),
    periode=st.integers(min_value=1, max_value=36),
    na=st.integers(min_value=0, max_value=4000),
)
def test_a_renewing_contract_always_has_a_current_term_on_or_after_the_day(
    start, looptijd_dagen, periode, na
):
    einde = start + timedelta(days=looptijd_dagen)
    tijd = Looptijd(start, einde, automatisch_verlengen=True, verlengingsperiode_maanden=periode)
    op = start + timedelta(days=na)

    huidig = huidige_einddatum(tijd, op)

    assert huidig >= op and huidig >= einde
    # ... and it is the first such end: the term before it ended before the day.
    if huidig != einde:
        assert maanden_optellen(huidig, -periode) < op or huidig - einde < timedelta(days=31)
