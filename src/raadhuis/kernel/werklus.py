"""The loop of the background workers: persistent outboxes and timed work, round after round.

Each job (`Klus`) does one round of its work and says how many items it handled. A round in
which some job handled something is followed at once by the next; an idle round sleeps. Jobs
with `elke_seconden` run at most that often. A job that raises is logged and tried again next
round: one broken delivery must not stop the others.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import close_old_connections

logger = logging.getLogger("raadhuis.werker")


@dataclass
class Klus:
    naam: str
    doen: Callable[[], int]  # one round; returns the number of items handled
    elke_seconden: float = 0.0  # 0: every round
    laatst: float = field(default=float("-inf"), repr=False)


_MODULE_KLUSSEN: dict[str, Klus] = {}


def klus_register(klus: Klus) -> None:
    """A domain module's timed work (e.g. the day's payment proposal), added from its
    AppConfig.ready(); `raadhuis werker` runs it next to the kernel's jobs."""
    _MODULE_KLUSSEN[klus.naam] = klus


def module_klussen() -> list[Klus]:
    return list(_MODULE_KLUSSEN.values())


def werklus(
    klussen: list[Klus], *, interval: float, once: bool, stop: Callable[[], bool]
) -> dict[str, int]:
    """Run `klussen` until `stop()` (or, with `once`, until a round handles nothing); returns
    the items handled per job."""
    totalen = dict.fromkeys((k.naam for k in klussen), 0)
    while not stop():
        gedaan = 0
        for klus in klussen:
            if time.monotonic() - klus.laatst < klus.elke_seconden:
                continue
            klus.laatst = time.monotonic()
            try:
                aantal = klus.doen()
            except Exception:  # noqa: BLE001 - logged; the other jobs go on
                logger.exception("werker: %s mislukt", klus.naam)
                aantal = 0
            totalen[klus.naam] += aantal
            gedaan += aantal
        if gedaan:
            continue
        if once:
            break
        # Idle: drop a connection the database closed or that is past its age.
        close_old_connections()
        time.sleep(interval)
    return totalen
