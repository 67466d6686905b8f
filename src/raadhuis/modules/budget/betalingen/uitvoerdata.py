"""Dates of payments out: the bank's execution day (working days only) and the monthly
booking days of a reservation.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from raadhuis.kernel.workflow.calendar import is_werkdag
from raadhuis.modules.budget.models import (
    Budgetrekening,
    Reservering,
)


def uitvoerdatum_voor(datum: date, land: str = "NL") -> date:
    """The day the bank executes a proposal made on `datum`: that day, or the next working day."""
    dag = datum
    while not is_werkdag(dag, land):
        dag += timedelta(days=1)
    return dag


def tot_en_met(uitvoerdatum: date, land: str = "NL") -> date:
    """Due dates up to the day before the next working day are paid on `uitvoerdatum`: a
    payment due on Saturday, Sunday or a holiday leaves early, not late."""
    dag = uitvoerdatum
    while not is_werkdag(dag + timedelta(days=1), land):
        dag += timedelta(days=1)
    return dag


def _maanddag(jaar: int, maand: int, dag: int) -> date:
    return date(jaar, maand, min(dag, calendar.monthrange(jaar, maand)[1]))


def reserveringsdata(
    reservering: Reservering, rekening: Budgetrekening, van: date, tot: date
) -> list[date]:
    """The monthly booking dates of a reservation in [van, tot] (day clamped to month end)."""
    begin = max(van, rekening.startdatum)
    eind = min(tot, rekening.einddatum) if rekening.einddatum else tot
    jaar, maand = begin.year, begin.month
    data = []
    while date(jaar, maand, 1) <= eind:
        dag = _maanddag(jaar, maand, reservering.dag)
        if begin <= dag <= eind:
            data.append(dag)
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return data
