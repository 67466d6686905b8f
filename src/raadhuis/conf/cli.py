"""The `raadhuis` command line: `raadhuis serve`, `raadhuis demo`, and every manage command.

`raadhuis migrate`, `raadhuis load-demo`, `raadhuis generate`, `raadhuis createorganisation`
and Django's own commands (`raadhuis shell`, `raadhuis createsuperuser`, …) all go through
Django's command runner; the dashed names are aliases of management commands.
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    "load-demo": "load_demo",
    "serve": "serve",
    "demo": "demo",
}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.conf.settings")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1:
        args[1] = ALIASES.get(args[1], args[1].replace("-", "_"))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["raadhuis", *args[1:]])


if __name__ == "__main__":
    main()
