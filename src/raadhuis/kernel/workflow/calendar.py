"""Working days for deadlines, by the calendars of the Algemene termijnenwet (NL) and Belgium.

Algemene termijnenwet art. 3: Saturdays, Sundays and the generally recognised public holidays
(lid 1: Nieuwjaarsdag, tweede Paas- en Pinksterdag, beide Kerstdagen, Hemelvaartsdag, Koningsdag
and 5 mei; lid 2: Goede Vrijdag) are not working days. The `holidays` package has these, but
counts 5 mei only in lustrum years, so it is added for every year here. The days a royal decree
equates every three years (lid 3, e.g. the Friday after Ascension) are not included yet.
Belgium uses its ten legal holidays.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter
from django.utils import timezone


@lru_cache(maxsize=64)
def _feestdagen(land: str, jaar: int) -> frozenset[date]:
    days = set(holidays.country_holidays(land, years=jaar).keys())
    if land == "NL":
        days.add(date(jaar, 5, 5))  # Atw art. 3 lid 1: "de vijfde mei", every year
        days.add(easter(jaar) - timedelta(days=2))  # lid 2: Goede Vrijdag, whatever the library
    return frozenset(days)


def is_werkdag(dag: date, land: str = "NL") -> bool:
    return dag.weekday() < 5 and dag not in _feestdagen(land, dag.year)


def werkdagen_optellen(start: date, aantal: int, land: str = "NL") -> date:
    """The date `aantal` working days after `start` (start itself not counted).

    `aantal` 0 gives `start` itself, moved forward to a working day if it is not one.
    """
    if aantal < 0:
        raise ValueError("aantal must be zero or more")
    dag = start
    if aantal == 0:
        while not is_werkdag(dag, land):
            dag += timedelta(days=1)
        return dag
    while aantal:
        dag += timedelta(days=1)
        if is_werkdag(dag, land):
            aantal -= 1
    return dag


def werkdagen_terug(dag: date, aantal: int, land: str = "NL") -> date:
    """The date `aantal` working days before `dag` (0: `dag` itself): the mirror of
    werkdagen_optellen, for a reminder some working days before a deadline or demo data dated
    in the past."""
    if aantal < 0:
        raise ValueError("aantal must be zero or more")
    while aantal:
        dag -= timedelta(days=1)
        if is_werkdag(dag, land):
            aantal -= 1
    return dag


def termijn_verlengen(einde: date, land: str = "NL") -> date:
    """Atw art. 1: a term that ends on a Saturday, Sunday or public holiday runs on to the next
    working day."""
    return werkdagen_optellen(einde, 0, land)


def werkdagen_tussen(start: date, eind: date, land: str = "NL") -> int:
    """Working days after `start` up to and including `eind` (negative when eind < start)."""
    if eind < start:
        return -werkdagen_tussen(eind, start, land)
    return sum(
        1 for n in range(1, (eind - start).days + 1) if is_werkdag(start + timedelta(n), land)
    )


def vandaag(tijdzone: str) -> date:
    """Today's date in the organisation's time zone (Europe/Amsterdam or Europe/Brussels)."""
    return timezone.now().astimezone(ZoneInfo(tijdzone)).date()
