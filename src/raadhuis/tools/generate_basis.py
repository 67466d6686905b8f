"""What the parts of the benchmark generator share: batch size, number ranges, the tally of
rows written and the progress line (see generate.py for what the generator does)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection

DEFAULT_BATCH = 10_000
# Generated KvK numbers (90000000-98999999) and vestigingsnummers stay clear of the demo's.
KVK_FIRST, KVK_LAST = 90_000_000, 98_999_999
VESTIGINGSNUMMER_FIRST = 980_000_000_000
# Generated copies of a case type: <identificatie of the original>-BENCH-<n>.
KOPIE_MARKER = "-BENCH-"


@dataclass
class GenerateStats:
    aantallen: dict[str, int] = field(default_factory=dict)
    seconden: dict[str, float] = field(default_factory=dict)

    def add(self, soort: str, aantal: int) -> None:
        self.aantallen[soort] = self.aantallen.get(soort, 0) + aantal


Log = Callable[[str], None]


def session_tune() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Losing the last batches on a crash is fine for generated data; it is not
            # unsafe (no corruption), and it makes bulk loading much faster.
            cursor.execute("SET synchronous_commit TO OFF")


def progress_log(log: Log, soort: str, gedaan: int, totaal: int, start: float) -> None:
    duur = time.monotonic() - start
    tempo = gedaan / duur if duur else 0
    log(f"{soort}: {gedaan:,}/{totaal:,} ({tempo:,.0f}/s)".replace(",", "."))
