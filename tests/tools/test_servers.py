"""`raadhuis serve` (gunicorn) and `raadhuis demo` (migrate, load, runserver) really serve."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

# `make demo` and `raadhuis serve` on a fresh clone's own SQLite file, whatever the suite uses.
pytestmark = pytest.mark.own_sqlite


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(var_dir: Path) -> dict[str, str]:
    """The environment of a fresh clone: no RAADHUIS_ variable but the var folder's place."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAADHUIS_")}
    env["RAADHUIS_VAR_DIR"] = str(var_dir)
    return env


def _wait_for(url: str, process: subprocess.Popen, seconds: float, log: Path) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server stopped with exit code {process.returncode}:\n{log.read_text()}")
        try:
            return urllib.request.urlopen(url, timeout=5)
        except urllib.error.HTTPError as error:
            return error
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{url} did not answer within {seconds} s:\n{log.read_text()[-3000:]}")


def _start(args: list[str], var_dir: Path, log: Path) -> subprocess.Popen:
    """Start `python -m raadhuis <args>` in its own process group, its output in `log`.

    A file, not a pipe: nothing blocks on a full pipe, and reading the output never waits for
    the children it started (the demo's background worker, gunicorn's workers) to close it.
    """
    with log.open("w") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "raadhuis", *args],
            env=_env(var_dir),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop(process: subprocess.Popen, log: Path) -> str:
    """SIGTERM as a service manager sends it; what is still running after 30 s, the children
    included, is killed. Returns what the server printed."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # the group: no child outlives the test
    process.wait(timeout=30)
    return log.read_text()


def test_serve_runs_gunicorn_on_localhost(tmp_path):
    port = _free_port()
    log = tmp_path / "serve.log"
    process = _start(["serve", "--port", str(port), "--workers", "1"], tmp_path, log)
    try:
        response = _wait_for(f"http://127.0.0.1:{port}/admin/login/", process, 30, log)
        assert response.status == 200
        assert response.headers["Server"].startswith("gunicorn")
    finally:
        out = _stop(process, log)
    assert f"http://127.0.0.1:{port}/" in out


def test_demo_migrates_loads_and_serves_with_the_logins_printed(tmp_path):
    # A fresh clone has no var/ folder yet: the default SQLite database must still be made.
    var_dir = tmp_path / "nog" / "niet" / "aangemaakt"
    port = _free_port()
    log = tmp_path / "demo.log"
    process = _start(["demo", "--port", str(port)], var_dir, log)
    try:
        # Migrating and loading the whole demo takes about a minute of CPU: on a busy CI
        # machine (xdist workers beside it) twice that in wall time.
        response = _wait_for(f"http://127.0.0.1:{port}/admin/login/", process, 240, log)
        assert response.status == 200
    finally:
        out = _stop(process, log)
    assert "Raadhuis-demo-2026" in out
    assert "medewerker.be" in out
    assert f"http://127.0.0.1:{port}/" in out
    assert (var_dir / "raadhuis.sqlite3").exists()
