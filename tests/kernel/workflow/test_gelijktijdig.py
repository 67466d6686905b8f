"""Two runners at once (PostgreSQL: row locks with SKIP LOCKED): every due action still runs
exactly once. SQLite serialises writers, so there this is the sequential test's job."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from freezegun import freeze_time

from raadhuis.kernel.workflow.engine import processen_bijwerken
from raadhuis.kernel.workflow.models import ActieUitvoering, Taak, UitvoeringStatus

from .conftest import standaard_proces, zaak_maken

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks (PostgreSQL)"
)


@pytest.fixture
def zevenaar_tx(transactional_db, request):
    return request.getfixturevalue("zevenaar")


def test_two_runners_at_once_make_one_reminder_per_case(zevenaar_tx):
    w = zevenaar_tx
    standaard_proces(w, herinnering_na=3)
    with freeze_time("2026-03-02 09:00:00+01:00"):
        zaken = [zaak_maken(w) for _ in range(12)]
    resultaten = []
    # freezegun patches module globals and is not thread-safe: two threads entering and leaving
    # freeze_time at once corrupt its state for every later test on this worker. So the main
    # thread freezes the clock once, after both runners have connected (psycopg times its
    # connect), and the runners start together inside it.
    verbonden = threading.Barrier(3)
    samen = threading.Barrier(3)

    def runner() -> None:
        try:
            connection.ensure_connection()
            verbonden.wait()
            samen.wait()
            resultaten.append(processen_bijwerken())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for t in threads:
        t.start()
    verbonden.wait(timeout=60)  # a runner that cannot connect fails the test, not hangs
    with freeze_time("2026-03-05 09:00:00+01:00"):
        samen.wait()
        for t in threads:
            t.join()
    assert len(resultaten) == 2, "both runners finished"
    assert sum(r.uitgevoerd for r in resultaten) == 12
    for zaak in zaken:
        assert Taak.objects.filter(zaak=zaak, titel__startswith="Herinnering").count() == 1
    assert not ActieUitvoering.objects.filter(status=UitvoeringStatus.GEPLAND).exists()
