"""ISO 8601 durations of the Catalogi API and the archive action date of a closed case."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from raadhuis.kernel.catalog.durations import (
    add_duration,
    validate_duration,
    werkdagen_in_duur,
)
from raadhuis.kernel.catalog.models import Afleidingswijze, ResultaatType
from raadhuis.kernel.retention.rules import archiefactiedatum_bepalen, brondatum_bepalen


@pytest.mark.parametrize(
    ("start", "duur", "verwacht"),
    [
        (date(2026, 1, 31), "P1M", date(2026, 2, 28)),  # month end clamps
        (date(2024, 2, 29), "P1Y", date(2025, 2, 28)),
        (date(2026, 3, 2), "P8W", date(2026, 4, 27)),
        (date(2026, 3, 2), "P1Y6M10D", date(2027, 9, 12)),
    ],
)
def test_add_duration(start, duur, verwacht):
    assert add_duration(start, duur) == verwacht


@pytest.mark.parametrize("fout", ["8W", "P", "P1H", "PT5M", "P-1D", "acht weken"])
def test_invalid_durations_get_a_dutch_message(fout):
    with pytest.raises(ValidationError) as err:
        validate_duration(fout)
    assert "ISO 8601" in err.value.messages[0]


def test_werkdagen_in_duur():
    assert werkdagen_in_duur("P10D") == 10
    assert werkdagen_in_duur("P8W") == 40
    assert werkdagen_in_duur("P2W3D") == 13
    assert werkdagen_in_duur("P3M") is None


def resultaattype(**kwargs) -> ResultaatType:
    defaults = {"archiefnominatie": "vernietigen", "archiefactietermijn": "P10Y"}
    return ResultaatType(**(defaults | kwargs))


def test_archive_date_from_end_date():
    rt = resultaattype(afleidingswijze=Afleidingswijze.AFGEHANDELD)
    brondatum = brondatum_bepalen(resultaattype=rt, einddatum=date(2026, 6, 30))
    assert archiefactiedatum_bepalen(resultaattype=rt, brondatum=brondatum) == date(2036, 6, 30)


def test_archive_date_after_process_term():
    rt = resultaattype(
        afleidingswijze=Afleidingswijze.TERMIJN, procestermijn="P5Y", archiefactietermijn="P1Y"
    )
    brondatum = brondatum_bepalen(resultaattype=rt, einddatum=date(2026, 6, 30))
    assert brondatum == date(2031, 6, 30)
    assert archiefactiedatum_bepalen(resultaattype=rt, brondatum=brondatum) == date(2032, 6, 30)


def test_archive_date_from_property_and_decisions():
    rt = resultaattype(afleidingswijze=Afleidingswijze.EIGENSCHAP, datumkenmerk="vervaldatum")
    assert brondatum_bepalen(
        resultaattype=rt, einddatum=date(2026, 1, 1), eigenschappen={"vervaldatum": "2028-03-01"}
    ) == date(2028, 3, 1)
    rt = resultaattype(afleidingswijze=Afleidingswijze.VERVALDATUM_BESLUIT)
    assert brondatum_bepalen(
        resultaattype=rt,
        einddatum=date(2026, 1, 1),
        besluit_vervaldata=[date(2027, 1, 1), date(2029, 5, 5)],
    ) == date(2029, 5, 5)


def test_archive_date_unknown_when_it_needs_an_outside_date():
    rt = resultaattype(afleidingswijze=Afleidingswijze.ZAAKOBJECT)
    brondatum = brondatum_bepalen(resultaattype=rt, einddatum=date(2026, 1, 1))
    assert brondatum is None
    assert archiefactiedatum_bepalen(resultaattype=rt, brondatum=brondatum) is None


@given(
    einddatum=st.dates(min_value=date(2000, 1, 1), max_value=date(2080, 12, 31)),
    jaren=st.integers(min_value=1, max_value=20),
)
def test_archive_date_is_never_before_the_end_date(einddatum, jaren):
    rt = resultaattype(
        afleidingswijze=Afleidingswijze.AFGEHANDELD, archiefactietermijn=f"P{jaren}Y"
    )
    brondatum = brondatum_bepalen(resultaattype=rt, einddatum=einddatum)
    datum = archiefactiedatum_bepalen(resultaattype=rt, brondatum=brondatum)
    assert datum.year == einddatum.year + jaren and datum > einddatum
