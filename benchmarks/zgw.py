"""The ZGW part of `make bench`: an API client, a notification subscriber with its abonnement,
the delivery worker, and what the load test needs to know of the database.

The subscriber is a small HTTP server on 127.0.0.1 in a thread of the runner: it answers every
POST with 204 and remembers, per zaak whose `zaak create` notification arrived, how long after
the event it came. After a run with POST /zaken the runner compares the zaken created in the
database with the notifications received (`notifications_report`), giving the worker up to
60 seconds to catch up. Database reads are plain SQL (no Django in the runner).
"""

from __future__ import annotations

import json
import signal
import statistics
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import jwt
import psycopg

from benchmarks.sample import NL_RSIN

CLIENT_ID = "raadhuis-bench-zgw"
# Only ever used against the benchmark's own throwaway database.
SECRET = "benchmark-only-zgw-secret-not-for-production"
SUBSCRIBER_AUTH = "Bearer raadhuis-bench-abonnement"
SUBSCRIBER_PATH = "/raadhuis-bench-abonnement"
CATCH_UP_SECONDS = 60.0

# Published figures to compare with (see benchmarks/README.md, "ZGW APIs").
OPEN_ZAAK_REFERENCE = {
    "source": (
        "Open Zaak performance documentation (open-zaak/open-zaak docs/introduction/performance "
        "and docs/development/performance), as quoted in the Raadhuis issue"
    ),
    "open_zaak_10x1cpu": {
        "setup": "10 x 1 CPU, 1,000,000 zaken, 100 zaaktypen",
        "get_zaken_p50_ms_1_user": 150,
        "get_zaken_p50_ms_16_users": 430,
        "post_zaken_per_second_with_notifications": 24,
    },
    "open_zaak_1_30_2_cores": {
        "setup": "Open Zaak 1.30 on a 2-core machine, 1,000,000 zaken",
        "get_zaken_page_100_exact_count_p50_ms_1_user": 541,
        "get_zaken_page_100_exact_count_p95_ms_1_user": 838,
        "get_zaken_requests_per_second_16_users": 3,
    },
    "target": "at least 20 x the 2-core throughput of GET /zaken with 16 clients (60 req/s)",
}
TARGET_FACTOR = 20


def token(client_id: str = CLIENT_ID, secret: str = SECRET) -> str:
    """A ZGW JWT (HS256) as a client application signs it."""
    claims = {
        "iss": client_id,
        "client_id": client_id,
        "iat": int(time.time()),
        "user_id": "bench",
        "user_representation": "Bench",
    }
    return jwt.encode(claims, secret, algorithm="HS256")


def api_client_create(raadhuis: Callable[..., str], *, rsin: str = NL_RSIN) -> None:
    """Register the benchmark's API application with every scope (`raadhuis api-client`)."""
    raadhuis(
        "api-client", "create", "--client-id", CLIENT_ID, "--secret", SECRET,
        "--label", "Benchmark (ZGW)", "--all-scopes", "--organisatie", rsin,
    )  # fmt: skip


# --- what the load test needs -----------------------------------------------------------------
def zgw_sample(database_url: str, *, rsin: str = NL_RSIN) -> dict[str, Any]:
    """Current published case types, a spread of case uuids and counts of the organisation."""
    with psycopg.connect(database_url) as conn, conn.cursor() as cur:
        cur.execute("SELECT id, tijdzone FROM organisations_organisatie WHERE rsin = %s", [rsin])
        org_id, tijdzone = cur.fetchone()
        today = datetime.now(ZoneInfo(tijdzone)).date()
        cur.execute(
            """SELECT zt.uuid FROM catalog_zaaktype zt
               JOIN catalog_catalogus c ON c.id = zt.catalogus_id
               WHERE c.organisatie_id = %s AND NOT zt.concept AND zt.begin_geldigheid <= %s
                 AND (zt.einde_geldigheid IS NULL OR zt.einde_geldigheid >= %s)
               ORDER BY zt.identificatie""",
            [org_id, today, today],
        )
        zaaktype_uuids = [str(r[0]) for r in cur.fetchall()]
        # A spread of cases (TABLESAMPLE avoids sorting a million rows).
        cur.execute(
            """SELECT uuid FROM cases_zaak TABLESAMPLE SYSTEM (2)
               WHERE organisatie_id = %s LIMIT 5000""",
            [org_id],
        )
        zaak_uuids = [str(r[0]) for r in cur.fetchall()]
        if len(zaak_uuids) < 100:
            cur.execute(
                "SELECT uuid FROM cases_zaak WHERE organisatie_id = %s LIMIT 5000", [org_id]
            )
            zaak_uuids = [str(r[0]) for r in cur.fetchall()]
        cur.execute("SELECT count(*) FROM cases_zaak WHERE organisatie_id = %s", [org_id])
        (zaken,) = cur.fetchone()
    return {
        "client_id": CLIENT_ID,
        "secret": SECRET,
        "rsin": rsin,
        "tijdzone": tijdzone,
        "zaaktype_uuids": zaaktype_uuids,
        "zaak_uuids": zaak_uuids,
        "counts": {"zaken": zaken, "zaaktypen": len(zaaktype_uuids)},
    }


# --- the subscriber -----------------------------------------------------------------------------
class Subscriber:
    """A notification endpoint on 127.0.0.1 (a free port) in a thread of this process."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.posts = 0
        self.wrong_auth = 0
        self.duplicates = 0
        # zaak uuid -> seconds from the event (aanmaakdatum) to its arrival here
        self.zaak_created: dict[str, float] = {}
        subscriber = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                subscriber.receive(body, self.headers.get("Authorization", ""))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{SUBSCRIBER_PATH}"

    def receive(self, body: bytes, authorization: str) -> None:
        arrived = datetime.now(UTC)
        try:
            message = json.loads(body or b"{}")
        except ValueError:
            message = {}
        with self.lock:
            self.posts += 1
            if authorization != SUBSCRIBER_AUTH:
                self.wrong_auth += 1
            if (message.get("resource"), message.get("actie")) != ("zaak", "create"):
                return
            uuid = str(message.get("resourceUrl", "")).rstrip("/").rsplit("/", 1)[-1]
            if uuid in self.zaak_created:
                self.duplicates += 1
                return
            try:
                event = datetime.fromisoformat(message["aanmaakdatum"])
                self.zaak_created[uuid] = (arrived - event).total_seconds()
            except (KeyError, TypeError, ValueError):
                self.zaak_created[uuid] = float("nan")

    def received(self, uuids: set[str]) -> set[str]:
        with self.lock:
            return {u for u in uuids if u in self.zaak_created}

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _api(method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={"Authorization": f"Bearer {token()}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read()
    return json.loads(text) if text else None


def abonnement_create(base_url: str, callback_url: str) -> str:
    """Subscribe the callback to every message on kanaal "zaken" (Notificaties API); first
    remove subscriptions left by an earlier run on the same database (their port is closed,
    and the worker would keep retrying them)."""
    abonnementen = f"{base_url}/notificaties/api/v1/abonnement"
    for abonnement in _api("GET", abonnementen) or []:
        if urlsplit(abonnement["callbackUrl"]).path == SUBSCRIBER_PATH:
            abonnement_delete(abonnement["url"])
    body = {
        "callbackUrl": callback_url,
        "auth": SUBSCRIBER_AUTH,
        "kanalen": [{"naam": "zaken", "filters": {}}],
    }
    return str(_api("POST", abonnementen, body)["url"])


def abonnement_delete(url: str) -> None:
    """End a subscription; quietly, when the server is already gone (clean-up)."""
    try:
        _api("DELETE", url)
    except OSError:
        pass


# --- the delivery worker ------------------------------------------------------------------------
class Worker:
    """`raadhuis notificaties-afleveren` as a child process (its CPU counts as the benchmark's)."""

    def __init__(self, argv: list[str], *, env: dict[str, str], cwd: Path, logfile: Path):
        self._log = logfile.open("w")
        self.process = subprocess.Popen(
            [*argv, "notificaties-afleveren", "--interval", "0.5"],
            env=env,
            cwd=cwd,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def _pending(cur: psycopg.Cursor) -> int:
    cur.execute(
        """SELECT (SELECT count(*) FROM events_outboxevent WHERE status = 'pending')
                + (SELECT count(*) FROM events_aflevering WHERE status = 'pending')"""
    )
    return int(cur.fetchone()[0])


def outbox_drain(database_url: str, *, seconds: float = 120) -> int:
    """Wait until the worker has handled what was queued before the run (the demo's events);
    returns what is still pending."""
    deadline = time.monotonic() + seconds
    with psycopg.connect(database_url, autocommit=True) as conn, conn.cursor() as cur:
        while (left := _pending(cur)) and time.monotonic() < deadline:
            time.sleep(1)
    return left


def last_zaak_id(database_url: str) -> int:
    with psycopg.connect(database_url) as conn, conn.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM cases_zaak")
        return int(cur.fetchone()[0])


def _percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def notifications_report(
    database_url: str,
    subscriber: Subscriber,
    *,
    after_id: int,
    posts_before: int = 0,
    wait: float = CATCH_UP_SECONDS,
) -> dict[str, Any]:
    """Zaken created since `after_id` against their `zaak create` notifications received,
    after giving the worker up to `wait` seconds to catch up. `posts_before`: the subscriber's
    POST count when the run started."""
    with psycopg.connect(database_url, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute("SELECT uuid FROM cases_zaak WHERE id > %s", [after_id])
        created = {str(r[0]) for r in cur.fetchall()}
        start = time.monotonic()
        while len(subscriber.received(created)) < len(created):
            if time.monotonic() - start > wait:
                break
            time.sleep(0.5)
        catch_up = time.monotonic() - start
        cur.execute(
            """SELECT a.status, count(*) FROM events_aflevering a
               JOIN events_outboxevent e ON e.id = a.outbox_event_id
               WHERE e.kanaal = 'zaken' AND e.resource = 'zaak' AND e.actie = 'create'
                 AND e.resource_uuid = ANY(%s::uuid[])
               GROUP BY a.status""",
            [sorted(created)],
        )
        afleveringen = {status: n for status, n in cur.fetchall()}
    delivered = subscriber.received(created)
    with subscriber.lock:
        latencies = [subscriber.zaak_created[u] for u in delivered]
        latencies = [v for v in latencies if v == v]  # drop NaN
        posts, wrong_auth, duplicates = (
            subscriber.posts,
            subscriber.wrong_auth,
            subscriber.duplicates,
        )
    return {
        "zaken_created": len(created),
        "notifications_delivered": len(delivered),
        "missing": len(created) - len(delivered),
        "all_delivered": len(delivered) == len(created),
        "catch_up_seconds": round(catch_up, 1),
        "latency_p50_ms": _ms(statistics.median(latencies) if latencies else None),
        "latency_p95_ms": _ms(_percentile(latencies, 0.95)),
        "latency_max_ms": _ms(max(latencies) if latencies else None),
        "afleveringen_zaak_create_by_status": afleveringen,
        "subscriber_posts_during_run": posts - posts_before,
        "subscriber_wrong_authorization": wrong_auth,
        "subscriber_duplicates": duplicates,
    }


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


# --- the summary ----------------------------------------------------------------------------------
def _figures(stats: dict[str, Any]) -> dict[str, Any]:
    keys = ("requests", "errors", "p50_ms", "p95_ms", "p99_ms", "throughput_rps")
    return {k: stats.get(k) for k in keys}


def _ratio(ours: float | None, theirs: float | None) -> float | None:
    return round(ours / theirs, 1) if ours and theirs else None


def summarise(zgw: dict[str, Any]) -> dict[str, Any]:
    """The "zgw" section of summary.json: our figures per endpoint and user count, next to
    Open Zaak's published ones, and the issue's target."""
    summary: dict[str, Any] = {
        "dataset": zgw.get("dataset"),
        "reference_open_zaak": OPEN_ZAAK_REFERENCE,
    }
    saturation = zgw.get("saturation")
    if saturation:
        per: dict[str, dict[str, Any]] = {}
        for run in saturation["runs"]:
            for name, stats in run["endpoints"].items():
                figures = _figures(stats)
                figures["cpu_other_processes"] = (run.get("cpu") or {}).get(
                    "other_processes_cpu_share"
                )
                if run.get("notifications") and name == "POST /zaken":
                    figures["notifications"] = run["notifications"]
                per.setdefault(name, {})[str(run["users"])] = figures
        summary["saturation"] = per
        summary["comparison"] = _comparison(per)
    realistic = zgw.get("realistic")
    if realistic:
        agg = realistic.get("aggregated") or {}
        summary["realistic"] = {
            "users": realistic["users"],
            "cpu": realistic.get("cpu"),
            **_figures(agg),
            "per_endpoint": {n: _figures(s) for n, s in realistic["endpoints"].items()},
            "notifications": realistic.get("notifications"),
        }
    return summary


def _comparison(per: dict[str, dict[str, Any]]) -> dict[str, Any]:
    ref_2 = OPEN_ZAAK_REFERENCE["open_zaak_1_30_2_cores"]
    ref_10 = OPEN_ZAAK_REFERENCE["open_zaak_10x1cpu"]
    lijst = per.get("GET /zaken", {})
    een, zestien = lijst.get("1", {}), lijst.get("16", {})
    post = per.get("POST /zaken", {}).get("16", {})
    rps16 = zestien.get("throughput_rps")
    ratio = _ratio(rps16, ref_2["get_zaken_requests_per_second_16_users"])
    return {
        "get_zaken_1_user": {
            "p50_ms": een.get("p50_ms"),
            "p95_ms": een.get("p95_ms"),
            "open_zaak_1_30_2_cores_p50_ms": ref_2["get_zaken_page_100_exact_count_p50_ms_1_user"],
            "open_zaak_1_30_2_cores_p95_ms": ref_2["get_zaken_page_100_exact_count_p95_ms_1_user"],
            "open_zaak_10x1cpu_p50_ms": ref_10["get_zaken_p50_ms_1_user"],
            "p50_times_faster_than_open_zaak_1_30": _ratio(
                ref_2["get_zaken_page_100_exact_count_p50_ms_1_user"], een.get("p50_ms")
            ),
        },
        "get_zaken_16_users": {
            "throughput_rps": rps16,
            "p50_ms": zestien.get("p50_ms"),
            "p95_ms": zestien.get("p95_ms"),
            "open_zaak_1_30_2_cores_rps": ref_2["get_zaken_requests_per_second_16_users"],
            "open_zaak_10x1cpu_p50_ms": ref_10["get_zaken_p50_ms_16_users"],
            "throughput_ratio": ratio,
            "target_ratio": TARGET_FACTOR,
            "target_met": ratio is not None and ratio >= TARGET_FACTOR,
        },
        "post_zaken_16_users": {
            "throughput_rps": post.get("throughput_rps"),
            "p50_ms": post.get("p50_ms"),
            "errors": post.get("errors"),
            "open_zaak_10x1cpu_per_second": ref_10["post_zaken_per_second_with_notifications"],
            "throughput_ratio": _ratio(
                post.get("throughput_rps"), ref_10["post_zaken_per_second_with_notifications"]
            ),
            "notifications_all_delivered": (post.get("notifications") or {}).get("all_delivered"),
        },
    }
