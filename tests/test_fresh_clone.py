"""A fresh clone has no var/ folder: the default SQLite database must still open."""

from __future__ import annotations

import os
import subprocess
import sys


def test_migrate_works_without_a_var_folder(tmp_path):
    var_dir = tmp_path / "nog" / "niet" / "aangemaakt"
    env = {**os.environ, "RAADHUIS_VAR_DIR": str(var_dir)}
    env.pop("RAADHUIS_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "raadhuis", "migrate", "--no-input", "-v0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (var_dir / "raadhuis.sqlite3").exists()
