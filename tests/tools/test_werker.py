"""`raadhuis werker`: one worker does every kind of background work, and one broken job does
not stop the others."""

from __future__ import annotations

import logging
from io import StringIO

import pytest
from django.core.management import call_command

from raadhuis.kernel.werklus import Klus, werklus


def test_a_failing_job_is_logged_and_the_others_go_on(caplog):
    gedaan: list[str] = []
    werk = iter([2, 1, 0])  # a job with three rounds of work

    def kapot() -> int:
        raise RuntimeError("stuk")

    def brieven() -> int:
        aantal = next(werk)
        gedaan.append(f"ronde met {aantal}")
        return aantal

    with caplog.at_level(logging.ERROR, logger="raadhuis.werker"):
        totalen = werklus(
            [Klus("kapot", kapot), Klus("brieven", brieven)],
            interval=0,
            once=True,
            stop=lambda: False,
        )
    # Rounds go on while there is work, then once idle the worker stops (--once).
    assert gedaan == ["ronde met 2", "ronde met 1", "ronde met 0"]
    assert totalen == {"kapot": 0, "brieven": 3}
    assert sum("werker: kapot mislukt" in r.getMessage() for r in caplog.records) == 3


def test_a_timed_job_runs_at_most_as_often_as_it_is_set():
    rondes = {"vaak": 0, "zelden": 0}
    werk = iter([1, 1, 0])

    def vaak() -> int:
        rondes["vaak"] += 1
        return next(werk)

    def zelden() -> int:
        rondes["zelden"] += 1
        return 0

    werklus(
        [Klus("vaak", vaak), Klus("zelden", zelden, elke_seconden=3600)],
        interval=0,
        once=True,
        stop=lambda: False,
    )
    assert rondes == {"vaak": 3, "zelden": 1}


@pytest.mark.django_db
def test_the_command_does_what_is_due_and_stops_with_once():
    out = StringIO()
    call_command("werker", "--once", stdout=out)
    # The kernel's jobs, then the modules' own (klus_register), each with nothing to do.
    assert out.getvalue().strip() == (
        "notificaties: 0, brieven: 0, processen: 0, tellingen: 0, opruimen: 0, "
        "signalen-opschonen: 0, budget: 0, contractsignalen: 0"
    )
