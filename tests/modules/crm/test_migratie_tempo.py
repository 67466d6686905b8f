"""Rows per second of the migration import (run by hand: CRM_TEMPO=1000 pytest ... -s).

The real measurement is benchmarks/bench_crm_import.py (100,000 rows on PostgreSQL, dry run,
refused run, import and re-import); this is the quick local check."""

from __future__ import annotations

import os
import time

import pytest

from raadhuis.modules.crm.migratie import importeren as imp

RIJEN = int(os.environ.get("CRM_TEMPO", "0"))
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not RIJEN, reason="alleen met CRM_TEMPO=<rijen>"),
]


def test_tempo(am, afdeling_ez):
    inhoud = imp.testbestand_xlsx(RIJEN)
    begin = time.perf_counter()
    verslag = imp.import_uitvoeren(
        actor=imp.migratie_actor(am),
        inhoud=inhoud,
        bestandsnaam="bench.xlsx",
        afdeling=afdeling_ez,
        proef=False,
    )
    duur = time.perf_counter() - begin
    assert verslag.uitgevoerd
    print(f"\n{RIJEN} rijen in {duur:.1f} s: {RIJEN / duur:.0f} rijen/s")  # noqa: T201
