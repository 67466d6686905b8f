"""The Wgs terms counted as the Algemene termijnenwet says: worked examples with the calendar
and the reason for each number, and properties that hold for every request date.

Sources: Wgs art. 4 lid 1 (first conversation within 4 weeks), art. 4 lid 2 (within 3 working
days on a threat of eviction, cut-off of energy or water, or cancellation of the health
insurance), art. 4 and 4a (decision on admission within 8 weeks after the first conversation);
Atw art. 1 (a term ending on a Saturday, Sunday or public holiday runs on to the next working
day) and art. 3 (the public holidays, 5 May every year, Good Friday).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from raadhuis.kernel.workflow.calendar import is_werkdag, werkdagen_tussen
from raadhuis.modules.shv.models import Dreiging
from raadhuis.modules.shv.termijnen import (
    beschikking_uiterlijk,
    eerste_gesprek_uiterlijk,
    termijn_toestand,
)


@pytest.mark.parametrize(
    ("aanmelding", "dreiging", "uiterlijk", "waarom"),
    [
        # Friday 18 Dec 2026, eviction threat: Mon 21, Tue 22, Wed 23 are the 3 working days.
        (date(2026, 12, 18), Dreiging.HUISUITZETTING, date(2026, 12, 23), "3 werkdagen"),
        # Wed 23 Dec, energy cut-off: Thu 24, (25/26 Christmas, 27 Sunday), Mon 28, Tue 29.
        (date(2026, 12, 23), Dreiging.ENERGIE, date(2026, 12, 29), "kerst telt niet"),
        # Wed 1 Apr 2026: Thu 2, (Good Friday 3 Apr, weekend, Easter Monday 6), Tue 7, Wed 8.
        (date(2026, 4, 1), Dreiging.WATER, date(2026, 4, 8), "Goede Vrijdag en Pasen"),
        # Monday 30 Mar 2026 + 4 weeks = Monday 27 Apr, King's Day: Tuesday 28 Apr.
        (date(2026, 3, 30), Dreiging.GEEN, date(2026, 4, 28), "Koningsdag"),
        # Monday 2 Mar 2026 + 4 weeks = Monday 30 Mar, a working day.
        (date(2026, 3, 2), Dreiging.GEEN, date(2026, 3, 30), "gewone werkdag"),
        # Tuesday 7 Apr 2026 + 4 weeks = Tuesday 5 May, Bevrijdingsdag (every year, Atw art. 3).
        (date(2026, 4, 7), Dreiging.GEEN, date(2026, 5, 6), "5 mei"),
        # Saturday 28 Nov 2026 (a web form at the weekend) + 4 weeks = Saturday 26 Dec: Monday 28.
        (date(2026, 11, 28), Dreiging.GEEN, date(2026, 12, 28), "zaterdag en tweede kerstdag"),
        # Thursday 30 Apr 2026, health insurance: (Fri 1 May is a working day) Fri 1, Mon 4,
        # (Tue 5 May), Wed 6.
        (date(2026, 4, 30), Dreiging.ZORGVERZEKERING, date(2026, 5, 6), "5 mei telt niet"),
    ],
)
def test_first_conversation_term(aanmelding, dreiging, uiterlijk, waarom):
    assert eerste_gesprek_uiterlijk(aanmelding, dreiging=dreiging) == uiterlijk, waarom


@pytest.mark.parametrize(
    ("gesprek", "uiterlijk"),
    [
        # Tuesday 10 Mar 2026 + 8 weeks = Tuesday 5 May (Bevrijdingsdag): Wednesday 6 May.
        (date(2026, 3, 10), date(2026, 5, 6)),
        # Friday 3 Apr 2026 (Good Friday itself) + 8 weeks = Friday 29 May: a working day.
        (date(2026, 4, 3), date(2026, 5, 29)),
        # Thursday 16 Apr 2026 + 8 weeks = Thursday 11 Jun: a working day.
        (date(2026, 4, 16), date(2026, 6, 11)),
        # Thursday 19 Mar 2026 + 8 weeks = Thursday 14 May, Ascension Day: Friday 15 May.
        (date(2026, 3, 19), date(2026, 5, 15)),
        # Thursday 5 Nov 2026 + 8 weeks = Thursday 31 Dec; Monday 2 Nov 2026 + 8 weeks is
        # Monday 28 Dec. Both working days.
        (date(2026, 11, 5), date(2026, 12, 31)),
        (date(2026, 11, 2), date(2026, 12, 28)),
        # Thursday 29 Oct 2026 + 8 weeks = Thursday 24 Dec (a working day, Christmas Eve).
        (date(2026, 10, 29), date(2026, 12, 24)),
        # Friday 30 Oct 2026 + 8 weeks = Friday 25 Dec: Monday 28 Dec.
        (date(2026, 10, 30), date(2026, 12, 28)),
    ],
)
def test_decision_term(gesprek, uiterlijk):
    assert beschikking_uiterlijk(gesprek) == uiterlijk


datums = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
dreigingen = st.sampled_from([d for d in Dreiging.values if d])


@given(datums)
def test_four_weeks_end_on_the_first_working_day_on_or_after_28_days(aanmelding):
    uiterlijk = eerste_gesprek_uiterlijk(aanmelding, dreiging="")
    kalender = aanmelding + timedelta(weeks=4)
    assert is_werkdag(uiterlijk)
    assert uiterlijk >= kalender
    assert all(not is_werkdag(kalender + timedelta(n)) for n in range((uiterlijk - kalender).days))


@given(datums, dreigingen)
def test_a_threat_gives_exactly_three_working_days(aanmelding, dreiging):
    uiterlijk = eerste_gesprek_uiterlijk(aanmelding, dreiging=dreiging)
    assert is_werkdag(uiterlijk)
    assert werkdagen_tussen(aanmelding, uiterlijk) == 3
    assert uiterlijk < eerste_gesprek_uiterlijk(aanmelding, dreiging="")


@given(datums)
def test_eight_weeks_end_on_the_first_working_day_on_or_after_56_days(gesprek):
    uiterlijk = beschikking_uiterlijk(gesprek)
    kalender = gesprek + timedelta(weeks=8)
    assert is_werkdag(uiterlijk) and kalender <= uiterlijk <= kalender + timedelta(days=5)


def test_term_states():
    vandaag = date(2026, 4, 1)
    assert termijn_toestand(None, None, vandaag) == ""
    assert termijn_toestand(date(2026, 4, 2), None, vandaag) == "open"
    assert termijn_toestand(date(2026, 4, 1), None, vandaag) == "open"  # the last day itself
    assert termijn_toestand(date(2026, 3, 31), None, vandaag) == "te_laat"
    assert termijn_toestand(date(2026, 3, 31), date(2026, 3, 31), vandaag) == "gehaald"
    assert termijn_toestand(date(2026, 3, 31), date(2026, 4, 1), vandaag) == "te_laat_gehaald"
