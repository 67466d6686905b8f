"""`raadhuis generate`: fill a database with many parties and cases, fast, for benchmarks.

This generator deliberately BYPASSES the kernel services: no permission checks, no audit
trail, no outbox events. It writes rows in bulk (COPY on PostgreSQL) so that a million cases
take minutes, not hours. Use it for load and scale tests only, never for real data; the demo
(`raadhuis load-demo`) goes through the services instead.

What it keeps consistent, as the services would: every case has its statuses with
`status_actueel` pointing at the latest one, deadlines from the case type, an initiator role,
a behandelaar (role and denormalised column), for closed cases a result with einddatum,
archiefnominatie and archiefactiedatum; case numbers are unique per organisation and year and
the number counter (ZaakNummerTeller) is advanced, so `zaak_create` continues after them.
Parties get their search columns (weergavenaam, zoeknaam, identificatie) and an address, with
BSNs valid by the 11-check.

With `zaaktypen=N` the cases are spread evenly over N published case types: the organisation's
own, plus copies of them (`<identificatie>-BENCH-001`…, with the same status, role and result
types) until there are N. Those copies are configuration, so they are published through the
catalogue service like the demo's case types.

The parts: generate_basis.py (batch size, number ranges, the tally), generate_partijen.py
(staff and parties), generate_zaaktypen.py (case type copies), generate_zaken.py (cases).
"""

from __future__ import annotations

import random
import time

from django.db import connection

from raadhuis.kernel.cases.tellingen import zaaktellingen_samenvoegen
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.tools.generate_basis import (
    DEFAULT_BATCH,
    KOPIE_MARKER,
    KVK_FIRST,
    KVK_LAST,
    VESTIGINGSNUMMER_FIRST,
    GenerateStats,
    Log,
    session_tune,
)
from raadhuis.tools.generate_partijen import medewerkers_generate, parties_generate
from raadhuis.tools.generate_zaaktypen import zaaktype_kopie_create, zaaktypen_generate
from raadhuis.tools.generate_zaken import zaken_generate

# What used to live here is importable from here still.
__all__ = [
    "DEFAULT_BATCH",
    "KOPIE_MARKER",
    "KVK_FIRST",
    "KVK_LAST",
    "VESTIGINGSNUMMER_FIRST",
    "GenerateStats",
    "analyse",
    "generate",
    "medewerkers_generate",
    "parties_generate",
    "zaaktype_kopie_create",
    "zaaktypen_generate",
    "zaken_generate",
]


def analyse() -> None:
    """Fold the case counts and refresh the planner statistics after a bulk load
    (PostgreSQL: VACUUM ANALYZE)."""
    zaaktellingen_samenvoegen()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # VACUUM cannot run inside a transaction (a test, a surrounding atomic block).
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def generate(
    *,
    organisatie: Organisatie,
    partijen: int,
    zaken: int,
    medewerkers: int = 0,
    wachtwoord: str = "",
    seed: int = 1,
    batch: int = DEFAULT_BATCH,
    zaaktypen: int = 0,
    log: Log = lambda _m: None,
) -> GenerateStats:
    """`zaaktypen` > 0: spread the cases evenly over that many case types, copying the
    organisation's own until there are enough (before the staff, who get rights on them)."""
    rng = random.Random(seed)
    stats = GenerateStats()
    session_tune()
    gekozen = None
    if zaaktypen:
        start = time.monotonic()
        aantal_voor = ZaakType.objects.filter(catalogus__organisatie=organisatie).count()
        gekozen = zaaktypen_generate(organisatie=organisatie, aantal=zaaktypen, log=log)
        stats.add(
            "zaaktype",
            ZaakType.objects.filter(catalogus__organisatie=organisatie).count() - aantal_voor,
        )
        stats.seconden["zaaktypen"] = time.monotonic() - start
    if medewerkers:
        start = time.monotonic()
        medewerkers_generate(organisatie=organisatie, aantal=medewerkers, wachtwoord=wachtwoord)
        stats.add("medewerker", medewerkers)
        stats.seconden["medewerkers"] = time.monotonic() - start
    parties_generate(
        organisatie=organisatie, aantal=partijen, rng=rng, stats=stats, batch=batch, log=log
    )
    zaken_generate(
        organisatie=organisatie,
        aantal=zaken,
        rng=rng,
        stats=stats,
        batch=batch,
        zaaktypen=gekozen,
        log=log,
    )
    return stats
