"""`make bench`: Raadhuis under gunicorn on PostgreSQL with a million cases, driven by locust.

    python -m benchmarks.run                       # the full benchmark (1,000,000 cases)
    python -m benchmarks.run --zaken 20000 --parties 5000 --run-time 60 --saturation-time 30

Steps: start a throwaway PostgreSQL 15 (normal durability: fsync on), migrate, load the demo
(catalogue, logins), generate the cases and parties in bulk plus benchmark staff, VACUUM
ANALYZE, profile the SQL queries per page, start gunicorn on 127.0.0.1 and run locust twice:

  realistic   200 users who log in and then wait 2-5 s between actions (work queue, case
              list with filters, case detail, party search, create case);
  saturation  no waiting, with 1, 16 and 64 users.

and the Zaken API (ZGW) as an application with a JWT, with a notification subscriber on
127.0.0.1, its abonnement on kanaal "zaken" and the delivery worker running
(benchmarks/zgw.py, benchmarks/zgw_locustfile.py):

  zgw-saturation  each request on its own, without waiting, with 1 and 16 clients: GET /zaken,
                  GET /zaken with filters, a deeper page, GET /zaken/{uuid}, POST /zaken;
  zgw-realistic   200 clients waiting 2-5 s between calls, a mix of the same requests.

and, for budget management (benchmarks/bench_budget.py, in one process on the same database):

  budget          import one camt.053 file with 50,000 entries for 2,000 clients (entries per
                  second) and build the day's payment proposal for those 2,000 clients.

  crm             the CRM search box and relation page with 200,000 relations and 2,000,000
                  contact moments (p50/p95 per page; benchmarks/bench_crm.py).

Every run is bounded in time and only ever targets 127.0.0.1. Results go to
benchmarks/results/: realistic.json, saturation.json, queries.json, zgw.json and summary.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks import zgw
from benchmarks.pg import free_port, throwaway_postgres
from benchmarks.sample import sample_data

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
LOCUSTFILE = ROOT / "benchmarks" / "locustfile.py"
ZGW_LOCUSTFILE = ROOT / "benchmarks" / "zgw_locustfile.py"
PASSWORD = "Raadhuis-demo-2026"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

# Issue 2 targets for the realistic run (p95, milliseconds).
TARGETS_MS = {
    "werkvoorraad": 150,
    "zaken lijst": 150,
    "partij zoeken": 150,
    "zaak detail": 100,
}
SATURATION_P95_MS = 500
WARMUP = 15.0  # seconds between the last login and the start of the measurement
ZGW_WARMUP = 5.0  # no logins: the workers are warm after the first seconds
# zgw-saturation measures each request on its own, as Open Zaak did (locustfile TASKS keys).
ZGW_SATURATION_TASKS = ("lijst", "lijst-filters", "lijst-pagina", "detail", "aanmaken")


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}Z] {message}", flush=True)


def _bin(name: str) -> str:
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def _env(database_url: str, var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAADHUIS_BENCH")}
    env.update(
        {
            "RAADHUIS_DATABASE_URL": database_url,
            "RAADHUIS_VAR_DIR": str(var_dir),
            "RAADHUIS_DEBUG": "0",
            "RAADHUIS_LOG_LEVEL": "WARNING",
            "RAADHUIS_DB_CONN_MAX_AGE": "600",
            "RAADHUIS_SECRET_KEY": "benchmark-only-secret-key-not-for-production",
            "DJANGO_SETTINGS_MODULE": "raadhuis.conf.settings",
            # The ZGW scenario's notification subscriber listens on 127.0.0.1.
            "RAADHUIS_NOTIFICATIES_INTERNE_CALLBACKS": "*",
        }
    )
    return env


def _raadhuis(env: dict[str, str], *args: str, timeout: float = 3600) -> str:
    result = subprocess.run(
        [_bin("raadhuis"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return result.stdout


# --- loading --------------------------------------------------------------------------------
def load(
    env: dict[str, str], *, zaken: int, parties: int, medewerkers: int, zaaktypen: int
) -> dict[str, Any]:
    timings: dict[str, Any] = {}
    log("migrate")
    _raadhuis(env, "migrate", "--no-input", "-v0")
    log("load-demo (catalogue, logins, demo cases through the services)")
    start = time.monotonic()
    _raadhuis(env, "load-demo", "-v0")
    timings["load_demo_seconds"] = round(time.monotonic() - start, 1)
    log(
        f"generate --parties {parties} --zaken {zaken} --medewerkers {medewerkers} "
        f"--zaaktypen {zaaktypen}"
    )
    start = time.monotonic()
    out = _raadhuis(
        env,
        "generate",
        f"--parties={parties}",
        f"--zaken={zaken}",
        f"--medewerkers={medewerkers}",
        f"--zaaktypen={zaaktypen}",
        "-v1",
        timeout=6 * 3600,
    )
    seconds = time.monotonic() - start
    timings["generate_seconds"] = round(seconds, 1)
    timings["generate_output"] = out.strip().splitlines()[-1] if out.strip() else ""
    timings["generate_zaken_per_second"] = round(zaken / seconds) if seconds else None
    log(timings["generate_output"])
    return timings


# --- server ---------------------------------------------------------------------------------
# Five gunicorn workers each import Django; on a loaded 2-core box that took over 60 s.
SERVER_READY_SECONDS = 180


def _wait_ready(url: str, process: subprocess.Popen, seconds: float = SERVER_READY_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit code {process.returncode})")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(
        f"The server did not answer {url} within {seconds:.0f} s. The gunicorn workers are "
        "probably still starting on a busy machine (see the server log), or they hang. "
        "Run again on a quieter machine, or with fewer workers (--workers)."
    )


class Server:
    def __init__(self, env: dict[str, str], *, port: int, workers: int, logfile: Path) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.logfile = logfile
        self._log = logfile.open("w")
        self.process = subprocess.Popen(
            [_bin("raadhuis"), "serve", "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(workers)],
            env=env,
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait_ready(f"{self.url}/login/", self.process)
        except BaseException:
            # The caller registers stop() only once we return: do not leave gunicorn behind.
            self.stop()
            raise

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def errors(self) -> dict[str, Any]:
        text = self.logfile.read_text(errors="replace")
        first = text.find("Traceback")
        return {
            "internal_server_errors": text.count("Internal Server Error"),
            "first_traceback": text[first : first + 3000] if first >= 0 else "",
        }


# --- CPU accounting -------------------------------------------------------------------------
def _busy_ticks() -> int:
    """CPU ticks the whole machine spent busy (not idle, not waiting for I/O)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return user + nice + system + irq + softirq + steal


def _process_table() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, utime + stime ticks) for every process."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        rest = stat.rsplit(")", 1)[1].split()
        table[int(entry.name)] = (int(rest[1]), int(rest[11]) + int(rest[12]))
    return table


class CpuMeter:
    """How much of the machine's CPU went to the benchmark itself (runner, gunicorn, locust,
    PostgreSQL) and how much to other processes, sampled every 2 s in a thread."""

    def __init__(self, roots: list[int]) -> None:
        self.roots = roots
        self.ours = 0
        self.seen: dict[int, int] = {}
        self.start_busy = _busy_ticks()
        self._t0 = time.monotonic()
        self._stop = threading.Event()
        self._sample()
        self.ours = 0  # count from now on
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        table = _process_table()
        children: dict[int, list[int]] = {}
        for pid, (ppid, _ticks) in table.items():
            children.setdefault(ppid, []).append(pid)
        todo, ours = [r for r in self.roots if r in table], set()
        while todo:
            pid = todo.pop()
            if pid not in ours:
                ours.add(pid)
                todo.extend(children.get(pid, []))
        for pid in ours:
            ticks = table[pid][1]
            self.ours += max(0, ticks - self.seen.get(pid, 0))
            self.seen[pid] = ticks

    def _loop(self) -> None:
        while not self._stop.wait(2):
            self._sample()

    def stop(self) -> dict[str, Any]:
        self._stop.set()
        self.thread.join()
        self._sample()
        busy = _busy_ticks() - self.start_busy
        cores = os.cpu_count() or 1
        return {
            "benchmark_cpu_share": round(min(self.ours, busy) / busy, 2) if busy else None,
            "other_processes_cpu_share": round(max(busy - self.ours, 0) / busy, 2)
            if busy
            else None,
            "machine_busy": round(busy / (cores * os.sysconf("SC_CLK_TCK") * self.elapsed), 2)
            if self.elapsed
            else None,
            "load_average": [round(v, 2) for v in os.getloadavg()],
        }

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._t0


def postmaster_pid(database_url: str) -> int | None:
    """The PostgreSQL server process, so its CPU counts as the benchmark's own."""
    import psycopg

    with psycopg.connect(database_url) as conn:
        directory = conn.execute("SHOW data_directory").fetchone()[0]
    try:
        return int((Path(directory) / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


# --- locust ---------------------------------------------------------------------------------
def _number(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def parse_locust_csv(prefix: Path) -> dict[str, Any]:
    endpoints: dict[str, Any] = {}
    with open(f"{prefix}_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if int(row["Request Count"]) == 0:
                continue  # the logins, counted before the measurement started
            endpoints[row["Name"]] = {
                "method": row["Type"],
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "p50_ms": _number(row["50%"]),
                "p95_ms": _number(row["95%"]),
                "p99_ms": _number(row["99%"]),
                "avg_ms": round(_number(row["Average Response Time"]) or 0, 1),
                "max_ms": _number(row["Max Response Time"]),
                "throughput_rps": round(_number(row["Requests/s"]) or 0, 2),
            }
    failures = []
    failures_file = Path(f"{prefix}_failures.csv")
    if failures_file.exists():
        with failures_file.open(newline="") as handle:
            for row in csv.DictReader(handle):
                failures.append(
                    {
                        "endpoint": row["Name"],
                        "error": row["Error"][:300],
                        "occurrences": int(row["Occurrences"]),
                    }
                )
    aggregated = endpoints.pop("Aggregated", None)
    return {"aggregated": aggregated, "endpoints": endpoints, "failures": failures}


def run_locust(
    *,
    host: str,
    users: int,
    spawn_rate: float,
    wait: str,
    measure: float,
    data_file: Path,
    workdir: Path,
    name: str,
    cpu_roots: list[int],
    locustfile: Path = LOCUSTFILE,
    warmup: float = WARMUP,
    logins: bool = True,
    extra_env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """One bounded locust run; statistics cover the `measure` seconds after all logins (or,
    without logins, after every user has started) and `warmup` seconds."""
    if urlsplit(host).hostname not in LOCAL_HOSTS:
        raise SystemExit("The benchmark only targets 127.0.0.1.")
    startup = users / spawn_rate + 30
    if logins:
        startup += users * 1.0  # PBKDF2 logins are slow on purpose
    run_time = int(warmup + measure + startup)
    prefix = workdir / name
    env = {
        **os.environ,
        "RAADHUIS_BENCH_DATA": str(data_file),
        "RAADHUIS_BENCH_WAIT": wait,
        "RAADHUIS_BENCH_MEASURE": str(measure),
        "RAADHUIS_BENCH_WARMUP": str(warmup),
        **(extra_env or {}),
    }
    argv = [
        _bin("locust"), "-f", str(locustfile), "--headless", "--host", host,
        "-u", str(users), "-r", str(spawn_rate), "--run-time", f"{run_time}s",
        "--stop-timeout", "10", "--csv", str(prefix), "--only-summary",
        "--loglevel", "WARNING", "--exit-code-on-error", "0",
    ]  # fmt: skip
    log(f"locust {name}: {users} users, wait={wait}, {measure:.0f} s measured (max {run_time} s)")
    start = time.monotonic()
    meter = CpuMeter(cpu_roots)
    with (workdir / f"{name}.log").open("w") as output:
        subprocess.run(
            argv,
            env=env,
            cwd=workdir,
            check=False,
            timeout=run_time + 120,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    cpu = meter.stop()
    result = parse_locust_csv(prefix)
    result["cpu"] = cpu
    result.update(
        {"users": users, "wait": wait, "measured_seconds": measure,
         "wall_seconds": round(time.monotonic() - start, 1)}
    )  # fmt: skip
    agg = result["aggregated"] or {}
    log(
        f"  {name}: {agg.get('throughput_rps')} req/s, p50 {agg.get('p50_ms')} ms, "
        f"p95 {agg.get('p95_ms')} ms, errors {agg.get('errors')}; CPU used by other processes: "
        f"{cpu['other_processes_cpu_share']}"
    )
    return result


# --- reporting ------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    model = ""
    memory_gb = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cpu_cores": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": memory_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "note": "PostgreSQL, gunicorn and locust share these cores.",
    }


def summarise(
    *,
    realistic: dict | None,
    saturation: dict | None,
    queries: dict | None,
    loading: dict,
    config: dict,
    data: dict,
    zgw_results: dict | None = None,
) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "config": config,
        "dataset": {**data.get("counts", {}), **loading},
    }
    if realistic:
        targets = {}
        for endpoint, target in TARGETS_MS.items():
            stats = realistic["endpoints"].get(endpoint) or {}
            p95 = stats.get("p95_ms")
            targets[endpoint] = {
                "target_p95_ms": target,
                "p95_ms": p95,
                "met": p95 is not None and p95 < target,
            }
        agg = realistic["aggregated"] or {}
        summary["realistic"] = {
            "users": realistic["users"],
            "cpu": realistic.get("cpu"),
            "throughput_rps": agg.get("throughput_rps"),
            "p50_ms": agg.get("p50_ms"),
            "p95_ms": agg.get("p95_ms"),
            "errors": agg.get("errors"),
            "per_endpoint": {
                name: {k: s[k] for k in ("p50_ms", "p95_ms", "throughput_rps", "errors")}
                for name, s in realistic["endpoints"].items()
            },
            "targets": targets,
            "all_targets_met": all(t["met"] for t in targets.values()) and not agg.get("errors"),
        }
    if saturation:
        levels = []
        for level in saturation["levels"]:
            agg = level["aggregated"] or {}
            levels.append(
                {
                    "users": level["users"],
                    "cpu": level.get("cpu"),
                    "throughput_rps": agg.get("throughput_rps"),
                    "p50_ms": agg.get("p50_ms"),
                    "p95_ms": agg.get("p95_ms"),
                    "errors": agg.get("errors"),
                    "per_endpoint_rps": {
                        n: s["throughput_rps"] for n, s in level["endpoints"].items()
                    },
                }
            )
        ok = [lv for lv in levels if lv["p95_ms"] is not None and lv["p95_ms"] < SATURATION_P95_MS]
        best = max(ok, key=lambda lv: lv["throughput_rps"] or 0) if ok else None
        summary["saturation"] = {
            "levels": levels,
            f"highest_throughput_rps_with_p95_below_{SATURATION_P95_MS}ms": (
                best["throughput_rps"] if best else None
            ),
            "at_users": best["users"] if best else None,
        }
    if queries:
        summary["queries"] = {
            "any_query_count_grows_with_page_size": queries["any_query_count_grows_with_page_size"],
            "slowest_page": queries["slowest_page"],
            "per_page": {
                name: {size: v["queries"] for size, v in page["per_page_size"].items()}
                for name, page in queries["pages"].items()
            },
        }
    if zgw_results:
        summary["zgw"] = zgw.summarise(zgw_results)
    return summary


def _write(results: Path, name: str, payload: dict) -> None:
    results.mkdir(parents=True, exist_ok=True)
    (results / name).write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    log(f"wrote {results / name}")


# --- ZGW APIs ---------------------------------------------------------------------------------
def run_zgw(
    stack: ExitStack,
    *,
    args: argparse.Namespace,
    scenarios: set[str],
    env: dict[str, str],
    server: Server,
    database_url: str,
    workdir: Path,
    cpu_roots: list[int],
) -> dict[str, Any]:
    """The Zaken API runs, with a subscriber, its abonnement and the delivery worker."""
    log("ZGW: API client, subscriber on 127.0.0.1, abonnement on kanaal zaken, worker")
    zgw.api_client_create(lambda *a: _raadhuis(env, *a, timeout=120))
    data = zgw.zgw_sample(database_url)
    data_file = workdir / "zgw-data.json"
    data_file.write_text(json.dumps(data))
    subscriber = zgw.Subscriber()
    stack.callback(subscriber.stop)
    abonnement = zgw.abonnement_create(server.url, subscriber.url)
    stack.callback(zgw.abonnement_delete, abonnement)
    worker = zgw.Worker([_bin("raadhuis")], env=env, cwd=ROOT, logfile=workdir / "worker.log")
    stack.callback(worker.stop)
    left = zgw.outbox_drain(database_url)
    log(f"  outbox drained before the runs ({left} still pending)")
    results: dict[str, Any] = {"dataset": data["counts"]}

    def measure(name: str, tasks: str, users: int, wait: str, seconds: float) -> dict[str, Any]:
        after_id, posts_before = zgw.last_zaak_id(database_url), subscriber.posts
        result = run_locust(
            host=server.url,
            users=users,
            spawn_rate=max(users / 5, 1),
            wait=wait,
            measure=seconds,
            data_file=data_file,
            workdir=workdir,
            name=name,
            cpu_roots=cpu_roots,
            locustfile=ZGW_LOCUSTFILE,
            warmup=ZGW_WARMUP,
            logins=False,
            extra_env={"RAADHUIS_BENCH_ZGW_TASKS": tasks},
        )
        if "aanmaken" in tasks.split(",") or not tasks:
            result["notifications"] = zgw.notifications_report(
                database_url, subscriber, after_id=after_id, posts_before=posts_before
            )
            n = result["notifications"]
            log(
                f"  notifications: {n['notifications_delivered']} of {n['zaken_created']} "
                f"zaken delivered (caught up in {n['catch_up_seconds']} s)"
            )
        return result

    if "zgw-saturation" in scenarios:
        runs = []
        for tasks in ZGW_SATURATION_TASKS:
            for users in [int(u) for u in args.zgw_users.split(",") if u.strip()]:
                run = measure(f"zgw-{tasks}-{users}", tasks, users, "none", args.saturation_time)
                runs.append({"tasks": tasks, **run})
        results["saturation"] = {"runs": runs, "server": server.errors()}
    if "zgw-realistic" in scenarios:
        results["realistic"] = measure("zgw-realistic", "", args.users, "between", args.run_time)
        results["realistic"]["server"] = server.errors()
    results["worker_still_running"] = worker.process.poll() is None
    if not results["worker_still_running"]:
        results["worker_log"] = (workdir / "worker.log").read_text(errors="replace")[-3000:]
    return results


# --- debt assistance (issue 4) -----------------------------------------------------------------
def run_shv(*, env: dict[str, str], server: Server, results: Path) -> dict[str, Any]:
    """Letters rendered to PDF per second (1,000), the dossier ZIP of a case with 200
    documents, and VTLB API calls per second against the running server."""
    out: dict[str, Any] = {}
    for name, module, aantal in (
        ("brieven", "benchmarks.bench_brieven", "1000"),
        ("dossier", "benchmarks.bench_dossier", "200"),
    ):
        log(f"SHV: {module} --aantal {aantal}")
        subprocess.run(
            [sys.executable, "-m", module, "--aantal", aantal],
            env=env, cwd=ROOT, check=False, timeout=1800,
        )  # fmt: skip
        produced = RESULTS / f"{name}.json"
        out[name] = json.loads(produced.read_text()) if produced.exists() else {"error": True}
    from benchmarks import bench_vtlb

    # The bench application holds every scope (zgw.api_client_create); VTLB asks any grant.
    zgw.api_client_create(lambda *a: _raadhuis(env, *a, timeout=120))
    log("SHV: VTLB API, 1 and 4 clients")
    out["vtlb_api"] = [
        bench_vtlb.run_api(server.url, zgw.token(), requests=500, clients=clients)
        for clients in (1, 4)
    ]
    return out


# --- budget management (issue 5) -------------------------------------------------------------
def run_budget(*, env: dict[str, str], results: Path, entries: int, clients: int) -> dict[str, Any]:
    """Import of one camt.053 file (entries per second) and the day's payment proposal for
    every client, in one process against the benchmark's PostgreSQL (benchmarks/bench_budget)."""
    log(f"budget: camt.053 with {entries} entries for {clients} clients, payment proposal")
    subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_budget", "--entries", str(entries),
         "--clients", str(clients)],
        env=env, cwd=ROOT, check=False, timeout=3600,
    )  # fmt: skip
    produced = RESULTS / "budget.json"
    if produced.exists() and results != RESULTS:
        shutil.copy(produced, results / "budget.json")
    return json.loads(produced.read_text()) if produced.exists() else {"error": True}


# --- CRM (issue 6) -------------------------------------------------------------------------
def run_crm(*, env: dict[str, str], results: Path, relaties: int, contactmomenten: int) -> Any:
    """The CRM search box and relation page on a large CRM (benchmarks/bench_crm), in one
    process against the benchmark's PostgreSQL."""
    log(f"CRM: {relaties} relaties, {contactmomenten} contactmomenten; search and relation page")
    subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_crm", "--relaties", str(relaties),
         "--contactmomenten", str(contactmomenten)],
        env=env, cwd=ROOT, check=False, timeout=7200,
    )  # fmt: skip
    produced = RESULTS / "crm.json"
    if produced.exists() and results != RESULTS:
        shutil.copy(produced, results / "crm.json")
    return json.loads(produced.read_text()) if produced.exists() else {"error": True}


def run_crm_import(*, env: dict[str, str], results: Path, rijen: int) -> Any:
    """The CRM migration import of an XLSX of `rijen` rows (benchmarks/bench_crm_import): dry
    run, refused run, real import and the same file again, in rows per second."""
    log(f"CRM import: {rijen} rijen uit XLSX")
    subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_crm_import", "--rijen", str(rijen)],
        env=env, cwd=ROOT, check=False, timeout=7200,
    )  # fmt: skip
    produced = RESULTS / "crm_import.json"
    if produced.exists() and results != RESULTS:
        shutil.copy(produced, results / "crm_import.json")
    return json.loads(produced.read_text()) if produced.exists() else {"error": True}


# --- main -----------------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    e = os.environ.get
    cores = os.cpu_count() or 1
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--zaken", type=int, default=int(e("RAADHUIS_BENCH_ZAKEN", "1000000")))
    p.add_argument("--parties", type=int, default=int(e("RAADHUIS_BENCH_PARTIES", "200000")))
    p.add_argument("--medewerkers", type=int, default=int(e("RAADHUIS_BENCH_MEDEWERKERS", "200")))
    p.add_argument("--zaaktypen", type=int, default=int(e("RAADHUIS_BENCH_ZAAKTYPEN", "100")))
    p.add_argument("--users", type=int, default=int(e("RAADHUIS_BENCH_USERS", "200")))
    p.add_argument("--spawn-rate", type=float, default=3.0, help="logins per second")
    p.add_argument("--run-time", type=float, default=float(e("RAADHUIS_BENCH_RUN_TIME", "180")))
    p.add_argument("--saturation-users", default=e("RAADHUIS_BENCH_SATURATION_USERS", "1,16,64"))
    p.add_argument(
        "--saturation-time", type=float, default=float(e("RAADHUIS_BENCH_SATURATION_TIME", "60"))
    )
    p.add_argument("--zgw-users", default=e("RAADHUIS_BENCH_ZGW_USERS", "1,16"))
    p.add_argument("--workers", type=int, default=2 * cores + 1)
    p.add_argument(
        "--scenarios",
        default=(
            "queries,realistic,saturation,zgw-saturation,zgw-realistic,shv,budget,crm,crm-import"
        ),
    )
    p.add_argument("--crm-import-rijen", type=int, default=100000)
    p.add_argument("--crm-relaties", type=int, default=200000)
    p.add_argument("--crm-contactmomenten", type=int, default=2000000)
    p.add_argument("--budget-entries", type=int, default=50000)
    p.add_argument("--budget-clients", type=int, default=2000)
    p.add_argument(
        "--database-url",
        help="use this (already loaded) local database instead of a fresh PostgreSQL",
    )
    p.add_argument("--keep", action="store_true", help="leave the PostgreSQL cluster running")
    p.add_argument("--results", type=Path, default=RESULTS, help="where the JSON files go")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scenarios = {s.strip() for s in args.scenarios.split(",") if s.strip()}
    results: Path = args.results
    workdir = Path(tempfile.mkdtemp(prefix="raadhuis-bench-"))
    config = {
        k: getattr(args, k)
        for k in ("zaken", "parties", "medewerkers", "zaaktypen", "users", "run_time",
                  "saturation_users", "saturation_time", "zgw_users", "workers", "spawn_rate")
    }  # fmt: skip
    loading: dict[str, Any] = {}
    with ExitStack() as stack:
        if args.database_url:
            if urlsplit(args.database_url).hostname not in LOCAL_HOSTS:
                raise SystemExit("The benchmark only uses a database on this machine.")
            database_url = args.database_url
            stack.enter_context(nullcontext())
        else:
            log("starting a throwaway PostgreSQL 15 (fsync on)")
            database_url = stack.enter_context(throwaway_postgres(keep=args.keep))
        env = _env(database_url, workdir / "var")
        if not args.database_url:
            loading = load(
                env,
                zaken=args.zaken,
                parties=args.parties,
                medewerkers=args.medewerkers,
                zaaktypen=args.zaaktypen,
            )
        data = sample_data(database_url, password=PASSWORD)
        data_file = workdir / "data.json"
        data_file.write_text(json.dumps(data))
        log(f"database: {data['counts']['zaken']} zaken, {data['counts']['partijen']} partijen")

        queries = realistic = saturation = zgw_results = None
        if "queries" in scenarios:
            log("query-count profile (page size 25 vs 100)")
            out = workdir / "queries.json"
            subprocess.run(
                [sys.executable, "-m", "benchmarks.queries", "--data", str(data_file),
                 "--out", str(out)],
                env=env, cwd=ROOT, check=False, timeout=900,
            )  # fmt: skip
            if out.exists():
                queries = json.loads(out.read_text())
                _write(results, "queries.json", queries)
            else:
                log("the query profile failed; see the output above")

        if scenarios & {"realistic", "saturation", "zgw-saturation", "zgw-realistic", "shv"}:
            cpu_roots = [os.getpid(), *filter(None, [postmaster_pid(database_url)])]
            port = free_port(8765)
            log(f"gunicorn with {args.workers} workers on 127.0.0.1:{port}")
            server = Server(env, port=port, workers=args.workers, logfile=workdir / "server.log")
            stack.callback(server.stop)
            if "realistic" in scenarios:
                realistic = run_locust(
                    host=server.url,
                    users=args.users,
                    spawn_rate=args.spawn_rate,
                    wait="between",
                    measure=args.run_time,
                    data_file=data_file,
                    workdir=workdir,
                    name="realistic",
                    cpu_roots=cpu_roots,
                )
                realistic["server"] = server.errors()
                _write(results, "realistic.json", realistic)
            if "saturation" in scenarios:
                levels = []
                for users in [int(u) for u in args.saturation_users.split(",") if u.strip()]:
                    levels.append(
                        run_locust(
                            host=server.url,
                            users=users,
                            spawn_rate=max(users / 4, 1),
                            wait="none",
                            measure=args.saturation_time,
                            data_file=data_file,
                            workdir=workdir,
                            name=f"saturation-{users}",
                            cpu_roots=cpu_roots,
                        )
                    )
                saturation = {"levels": levels, "server": server.errors()}
                _write(results, "saturation.json", saturation)
            if scenarios & {"zgw-saturation", "zgw-realistic"}:
                zgw_results = run_zgw(
                    stack,
                    args=args,
                    scenarios=scenarios,
                    env=env,
                    server=server,
                    database_url=database_url,
                    workdir=workdir,
                    cpu_roots=cpu_roots,
                )
                _write(results, "zgw.json", zgw_results)
            if "shv" in scenarios:
                shv_results = run_shv(env=env, server=server, results=results)
                _write(results, "shv.json", shv_results)
        if "budget" in scenarios:
            run_budget(
                env=env, results=results, entries=args.budget_entries, clients=args.budget_clients
            )
        if "crm" in scenarios:
            run_crm(
                env=env,
                results=results,
                relaties=args.crm_relaties,
                contactmomenten=args.crm_contactmomenten,
            )
        if "crm-import" in scenarios:
            run_crm_import(env=env, results=results, rijen=args.crm_import_rijen)
        summary = summarise(
            realistic=realistic,
            saturation=saturation,
            queries=queries,
            loading=loading,
            config=config,
            data=data,
            zgw_results=zgw_results,
        )
        _write(results, "summary.json", summary)
    shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
