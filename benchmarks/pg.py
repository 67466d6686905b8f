"""A throwaway PostgreSQL 15 cluster for the benchmark, with normal durability settings.

fsync stays on: a benchmark must measure what production would do. Only memory settings are
raised from the tiny defaults, as any production installation does.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PGBIN = Path(os.environ.get("RAADHUIS_BENCH_PGBIN", "/usr/lib/postgresql/15/bin"))


def free_port(preferred: int) -> int:
    port = preferred
    while True:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                port += 1


def _as_postgres(argv: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


@contextmanager
def throwaway_postgres(
    *, port: int = 55440, shared_buffers: str = "1GB", keep: bool = False
) -> Iterator[str]:
    """Start a cluster in a temporary directory; yields the database URL; stops and removes it."""
    if not (PGBIN / "initdb").exists():
        raise RuntimeError(f"PostgreSQL not found in {PGBIN} (apt-get install postgresql)")
    port = free_port(port)
    base = Path(tempfile.mkdtemp(prefix="raadhuis-bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    data = base / "data"
    subprocess.run(
        _as_postgres(
            [
                str(PGBIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "raadhuis",
                "-E", "UTF8", "--locale=C.UTF-8",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    options = " ".join(
        [
            f"-k {base}",
            f"-p {port}",
            "-c listen_addresses=127.0.0.1",
            f"-c shared_buffers={shared_buffers}",
            "-c effective_cache_size=4GB",
            "-c work_mem=16MB",
            "-c maintenance_work_mem=512MB",
            "-c max_wal_size=8GB",
            "-c max_connections=200",
        ]
    )
    subprocess.run(
        _as_postgres(
            [str(PGBIN / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w", "start",
             "-o", options]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        admin = f"postgresql://raadhuis@127.0.0.1:{port}/postgres"
        subprocess.run(
            [str(PGBIN / "psql"), admin, "-qAt", "-c", "create database raadhuis"], check=True
        )
        yield f"postgresql://raadhuis@127.0.0.1:{port}/raadhuis"
    finally:
        if keep:
            print(f"PostgreSQL left running in {base} on port {port}")
        else:
            subprocess.run(
                _as_postgres([str(PGBIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                check=False,
                stdout=subprocess.DEVNULL,
            )
            time.sleep(0.2)
            shutil.rmtree(base, ignore_errors=True)
