"""The complaint terms of Awb 9:11 with the Algemene termijnenwet: worked numbers, and
properties over many receipt dates (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from raadhuis.kernel.workflow.calendar import is_werkdag
from raadhuis.modules.crm.klachten.termijnen import (
    afhandeltermijn,
    niet_behandelen_mededeling_uiterlijk,
    termijn_toestand,
    uitstel_fouten,
    verdaging_fouten,
    verdaging_uiterlijk,
)

datums = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


# --- worked numbers ---------------------------------------------------------------------------
def test_six_weeks_on_a_working_day():
    # Received Monday 2 March 2026: six weeks later is Monday 13 April 2026 (no holiday).
    assert afhandeltermijn(date(2026, 3, 2)) == date(2026, 4, 13)


def test_six_weeks_ending_on_a_saturday_run_on_to_monday():
    # Received Saturday 7 March 2026 (portal): + 6 weeks = Saturday 18 April -> Monday 20 April.
    assert afhandeltermijn(date(2026, 3, 7)) == date(2026, 4, 20)


def test_six_weeks_ending_on_kingsday_and_on_easter_monday():
    # 16 March 2026 + 6 weeks = Monday 27 April 2026, Koningsdag -> Tuesday 28 April.
    assert afhandeltermijn(date(2026, 3, 16)) == date(2026, 4, 28)
    # 24 February 2026 + 6 weeks = Tuesday 7 April 2026: a working day (Easter Monday is 6 April).
    assert afhandeltermijn(date(2026, 2, 24)) == date(2026, 4, 7)
    # 23 February 2026 + 6 weeks = Easter Monday 6 April 2026 -> Tuesday 7 April.
    assert afhandeltermijn(date(2026, 2, 23)) == date(2026, 4, 7)


def test_ten_weeks_with_an_advisory_committee():
    assert afhandeltermijn(date(2026, 3, 2), adviescommissie=True) == date(2026, 5, 11)
    # 24 March 2026 + 10 weeks = Tuesday 2 June 2026.
    assert afhandeltermijn(date(2026, 3, 24), adviescommissie=True) == date(2026, 6, 2)


def test_extension_is_four_weeks_at_most():
    uiterlijk = date(2026, 4, 13)
    assert verdaging_uiterlijk(uiterlijk) == date(2026, 5, 11)
    assert (
        verdaging_fouten(
            uiterlijk=uiterlijk, mededeling_op=date(2026, 4, 10), verdaagd_tot=date(2026, 5, 11)
        )
        == {}
    )
    fouten = verdaging_fouten(
        uiterlijk=uiterlijk, mededeling_op=date(2026, 4, 10), verdaagd_tot=date(2026, 5, 12)
    )
    assert "verdaagd_tot" in fouten and "11-05-2026" in fouten["verdaagd_tot"]


def test_extension_whose_28th_day_is_a_holiday_moves_back():
    # Term ends Thursday 16 April 2026; + 28 days = Thursday 14 May 2026 = Ascension Day.
    assert verdaging_uiterlijk(date(2026, 4, 16)) == date(2026, 5, 13)


def test_extension_notice_must_be_before_the_term_ends():
    fouten = verdaging_fouten(
        uiterlijk=date(2026, 4, 13), mededeling_op=date(2026, 4, 14), verdaagd_tot=date(2026, 5, 1)
    )
    assert set(fouten) == {"mededeling_op"}


def test_further_postponement_needs_consent():
    assert "instemming_op" in uitstel_fouten(
        uiterlijk=date(2026, 5, 11), instemming_op=None, uitstel_tot=date(2026, 6, 1)
    )
    assert (
        uitstel_fouten(
            uiterlijk=date(2026, 5, 11),
            instemming_op=date(2026, 5, 1),
            uitstel_tot=date(2026, 6, 1),
        )
        == {}
    )


def test_refusal_notice_within_four_weeks():
    assert niet_behandelen_mededeling_uiterlijk(date(2026, 3, 2)) == date(2026, 3, 30)


def test_term_state():
    assert termijn_toestand(date(2026, 4, 13), date(2026, 4, 13), date(2026, 5, 1)) == "binnen"
    assert termijn_toestand(date(2026, 4, 13), date(2026, 4, 14), date(2026, 5, 1)) == "over"
    assert termijn_toestand(date(2026, 4, 13), None, date(2026, 4, 13)) == "open"
    assert termijn_toestand(date(2026, 4, 13), None, date(2026, 4, 14)) == "te_laat"


# --- properties -------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(ontvangen=datums, commissie=st.booleans())
def test_deadline_is_never_before_the_legal_term_and_is_a_working_day(ontvangen, commissie):
    uiterlijk = afhandeltermijn(ontvangen, adviescommissie=commissie)
    minimum = ontvangen + timedelta(days=70 if commissie else 42)
    assert uiterlijk >= minimum
    assert is_werkdag(uiterlijk)
    # The Atw only moves past a weekend and holidays: never more than a few days.
    assert (uiterlijk - minimum).days <= 4


@settings(max_examples=300, deadline=None)
@given(ontvangen=datums)
def test_extension_never_exceeds_28_days_and_lands_on_a_working_day(ontvangen):
    uiterlijk = afhandeltermijn(ontvangen)
    verdaagd = verdaging_uiterlijk(uiterlijk)
    assert 0 < (verdaagd - uiterlijk).days <= 28
    assert is_werkdag(verdaagd)
    assert (
        verdaging_fouten(uiterlijk=uiterlijk, mededeling_op=uiterlijk, verdaagd_tot=verdaagd) == {}
    )


@settings(max_examples=300, deadline=None)
@given(ontvangen=datums, extra=st.integers(min_value=29, max_value=400))
def test_an_extension_beyond_28_days_is_always_refused(ontvangen, extra):
    uiterlijk = afhandeltermijn(ontvangen)
    fouten = verdaging_fouten(
        uiterlijk=uiterlijk, mededeling_op=uiterlijk, verdaagd_tot=uiterlijk + timedelta(days=extra)
    )
    assert "verdaagd_tot" in fouten


@settings(max_examples=200, deadline=None)
@given(ontvangen=datums, te_laat=st.integers(min_value=1, max_value=60))
def test_notice_after_the_term_is_always_refused(ontvangen, te_laat):
    uiterlijk = afhandeltermijn(ontvangen)
    fouten = verdaging_fouten(
        uiterlijk=uiterlijk,
        mededeling_op=uiterlijk + timedelta(days=te_laat),
        verdaagd_tot=uiterlijk + timedelta(days=7),
    )
    assert "mededeling_op" in fouten
