"""Working days by the Algemene termijnenwet (NL) and the Belgian legal holidays."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from raadhuis.kernel.workflow.calendar import (
    is_werkdag,
    werkdagen_optellen,
    werkdagen_terug,
    werkdagen_tussen,
)

dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
landen = st.sampled_from(["NL", "BE"])


@pytest.mark.parametrize(
    ("start", "aantal", "verwacht", "waarom"),
    [
        (date(2026, 1, 2), 1, date(2026, 1, 5), "Friday + 1 skips the weekend"),
        (date(2025, 12, 24), 1, date(2025, 12, 29), "both Christmas days and the weekend"),
        (date(2026, 4, 24), 1, date(2026, 4, 28), "Koningsdag Mon 27 April 2026"),
        (date(2026, 5, 4), 1, date(2026, 5, 6), "5 mei counts every year under the Atw"),
        (
            date(2026, 4, 2),
            1,
            date(2026, 4, 7),
            "Goede Vrijdag (Atw art. 3 lid 2) and Easter Monday",
        ),
        (date(2026, 4, 3), 1, date(2026, 4, 7), "Easter Monday 6 April 2026"),
        (date(2026, 5, 13), 1, date(2026, 5, 15), "Hemelvaartsdag 14 May 2026"),
        (date(2026, 5, 22), 1, date(2026, 5, 26), "Whit Monday 25 May 2026"),
        (date(2026, 3, 2), 10, date(2026, 3, 16), "two plain weeks"),
    ],
)
def test_werkdagen_optellen_nl(start, aantal, verwacht, waarom):
    assert werkdagen_optellen(start, aantal, "NL") == verwacht, waarom


@pytest.mark.parametrize(
    ("start", "aantal", "verwacht", "waarom"),
    [
        (date(2026, 7, 20), 1, date(2026, 7, 22), "Nationale feestdag 21 juli"),
        (date(2026, 4, 30), 1, date(2026, 5, 4), "Dag van de Arbeid 1 mei"),
        (date(2026, 11, 10), 1, date(2026, 11, 12), "Wapenstilstand 11 november"),
        (date(2026, 5, 4), 1, date(2026, 5, 5), "5 mei is a working day in Belgium"),
    ],
)
def test_werkdagen_optellen_be(start, aantal, verwacht, waarom):
    assert werkdagen_optellen(start, aantal, "BE") == verwacht, waarom


def test_zero_days_moves_to_the_next_working_day():
    assert werkdagen_optellen(date(2026, 1, 3), 0, "NL") == date(2026, 1, 5)
    assert werkdagen_optellen(date(2026, 1, 5), 0, "NL") == date(2026, 1, 5)


@given(start=dates, aantal=st.integers(min_value=1, max_value=400), land=landen)
def test_result_is_a_working_day_after_start(start, aantal, land):
    einde = werkdagen_optellen(start, aantal, land)
    assert einde > start
    assert is_werkdag(einde, land)


@given(start=dates, aantal=st.integers(min_value=1, max_value=400), land=landen)
def test_counting_back_gives_the_same_number(start, aantal, land):
    einde = werkdagen_optellen(start, aantal, land)
    assert werkdagen_tussen(start, einde, land) == aantal


@given(start=dates, a=st.integers(1, 200), b=st.integers(1, 200), land=landen)
def test_adding_in_two_steps_equals_adding_at_once(start, a, b, land):
    tussen = werkdagen_optellen(start, a, land)
    assert werkdagen_optellen(tussen, b, land) == werkdagen_optellen(start, a + b, land)


def test_werkdagen_terug_mirrors_werkdagen_optellen():
    # Monday 2026-04-06 is Easter Monday, Friday 2026-04-03 Good Friday (NL).
    assert werkdagen_terug(date(2026, 4, 7), 1) == date(2026, 4, 2)
    assert werkdagen_terug(date(2026, 11, 23), 1) == date(2026, 11, 20)  # Monday -> Friday
    assert werkdagen_terug(date(2026, 4, 30), 0) == date(2026, 4, 30)
    for n in range(1, 30):
        start = werkdagen_terug(date(2026, 4, 30), n)
        assert werkdagen_optellen(start, n) == date(2026, 4, 30)
    with pytest.raises(ValueError):
        werkdagen_terug(date(2026, 4, 30), -1)
