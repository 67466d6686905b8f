"""Query-count profile: SQL statements per request for each benchmarked page, at page size 25
and 100, measured in-process with Django's test client on the benchmark database.

    RAADHUIS_DATABASE_URL=postgresql://… python -m benchmarks.queries \
        --data benchmarks/results/.data.json --out benchmarks/results/queries.json

A page whose query count grows with the page size has an N+1 problem; the JSON lists, per
page, the counts, the wall time, the app's CPU time per request, the PostgreSQL backend's CPU
time per request (when the database runs on this machine), and the slowest statements of the
slowest page.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

PAGE_SIZES = (25, 100)
REPEAT = 10  # the database CPU is read in 10 ms clock ticks: a mean needs rounds


def _pages(data: dict[str, Any], rng: random.Random) -> list[tuple[str, str, bool]]:
    """(name, url, paged) of every page the load test visits."""
    zaaktype = rng.choice(data["zaaktype_uuids"])
    zaak = rng.choice(data["zaak_uuids"])
    naam = rng.choice(data["namen"])
    return [
        ("werkvoorraad", "/", False),
        ("zaken lijst", "/zaken/", True),
        ("zaken lijst gefilterd", f"/zaken/?zaaktype={zaaktype}&status=open", True),
        ("zaken zoeken", f"/zaken/?zoek={data['zaak_prefix']}-", True),
        ("zaak detail", f"/zaken/{zaak}/", False),
        ("partij zoeken", f"/partijen/?q={naam}", True),
        ("zaak aanmaken (formulier)", "/zaken/nieuw/", False),
    ]


def _backend_cpu_ms(connection: Any) -> tuple[int, float] | None:
    """(pid, CPU ms so far) of this connection's PostgreSQL backend, read from /proc; None when
    the database is not PostgreSQL on this machine. Clock ticks are 10 ms, so only a mean over
    several requests means anything."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = int(fields[11]) + int(fields[12])  # utime + stime
    return pid, ticks * 1000 / os.sysconf("SC_CLK_TCK")


def profile(data: dict[str, Any], *, username: str, password: str) -> dict[str, Any]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    response = client.post("/login/", {"username": username, "password": password})
    if response.status_code not in (301, 302):
        raise SystemExit(f"login as {username} failed: HTTP {response.status_code}")
    rng = random.Random(7)
    results: dict[str, Any] = {}
    for name, url, paged in _pages(data, rng):
        sizes = PAGE_SIZES if paged else (None,)
        per_size = {}
        for size in sizes:
            full = url if size is None else f"{url}{'&' if '?' in url else '?'}page_size={size}"
            client.get(full)  # warm caches
            counts, times, cpu, slowest = [], [], [], []
            db_cpu: list[float] = []
            for _ in range(REPEAT):
                reset_queries()
                db_before = _backend_cpu_ms(connection)
                with CaptureQueriesContext(connection) as ctx:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    response = client.get(full)
                    times.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{full}: HTTP {response.status_code}")
                db_after = _backend_cpu_ms(connection)
                if db_before and db_after and db_before[0] == db_after[0]:
                    db_cpu.append(db_after[1] - db_before[1])
                counts.append(len(ctx.captured_queries))
                slowest = sorted(
                    ctx.captured_queries, key=lambda q: float(q["time"]), reverse=True
                )[:3]
            per_size[str(size or "-")] = {
                "url": full,
                "queries": max(counts),
                "ms_median": round(statistics.median(times), 1),
                # The app's own CPU per request (Python, not the database): unlike wall time
                # it hardly moves when other jobs share the machine.
                "cpu_ms_median": round(statistics.median(cpu), 1),
                # PostgreSQL's CPU for the same requests (mean; None if not measurable): the
                # app and the database share the cores, so both count toward the budget.
                "db_cpu_ms_mean": round(statistics.fmean(db_cpu), 1) if db_cpu else None,
                "slowest_sql": [
                    {"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"][:1500]}
                    for q in slowest
                ],
            }
        counts = [v["queries"] for v in per_size.values()]
        results[name] = {
            "per_page_size": per_size,
            "grows_with_page_size": len(counts) > 1 and counts[-1] > counts[0],
        }
    slowest_page = max(
        results, key=lambda n: max(v["ms_median"] for v in results[n]["per_page_size"].values())
    )
    slowest_url = max(
        results[slowest_page]["per_page_size"].values(), key=lambda v: v["ms_median"]
    )["url"]
    return {
        "pages": results,
        "slowest_page": slowest_page,
        "slowest_page_profile": _cprofile(client, slowest_url),
        "any_query_count_grows_with_page_size": any(
            r["grows_with_page_size"] for r in results.values()
        ),
        "note": "Counts per request include session, authentication and middleware queries.",
    }


def _cprofile(client: Any, url: str, rounds: int = 10) -> dict[str, Any]:
    """Where the time of the slowest page goes: the top functions by cumulative time."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        client.get(url)
    profiler.disable()
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.sort_stats("cumulative").print_stats(40)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines() if line.strip()]
    return {"url": url, "rounds": rounds, "top_cumulative": lines[:60]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    data = json.loads(args.data.read_text())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.conf.settings")
    import django

    django.setup()
    result = profile(data, username=data["usernames"][0], password=data["password"])
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    for name, page in result["pages"].items():
        counts = {k: v["queries"] for k, v in page["per_page_size"].items()}
        print(f"  {name:28} queries per page size {counts}")
    return 1 if result["any_query_count_grows_with_page_size"] else 0


if __name__ == "__main__":
    sys.exit(main())
