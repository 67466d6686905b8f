"""`raadhuis serve`: the production web server (gunicorn) for raadhuis.conf.wsgi."""

from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _


def default_workers() -> int:
    """Gunicorn's advice: (2 x cores) + 1 synchronous workers."""
    return 2 * (os.cpu_count() or 1) + 1


class Command(BaseCommand):
    help = _(
        "Start Raadhuis onder gunicorn (productie). Zet daarvoor RAADHUIS_SECRET_KEY, "
        "RAADHUIS_ALLOWED_HOSTS en RAADHUIS_DATABASE_URL; zie docs/operations.md."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help=_("Adres (standaard 127.0.0.1)."))
        parser.add_argument("--port", type=int, default=8000, help=_("Poort (standaard 8000)."))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("RAADHUIS_WEB_WORKERS", default_workers())),
            help=_("Aantal workers (standaard 2 x cores + 1, of RAADHUIS_WEB_WORKERS)."),
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("RAADHUIS_WEB_THREADS", "1")),
            help=_("Threads per worker (standaard 1, of RAADHUIS_WEB_THREADS)."),
        )
        parser.add_argument(
            "--timeout", type=int, default=60, help=_("Seconden voordat een worker herstart.")
        )
        parser.add_argument(
            "--access-log", action="store_true", help=_("Schrijf elke request naar stdout.")
        )

    def handle(self, *args: object, **options: object) -> None:
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "raadhuis.conf.wsgi:application",
            "--bind",
            f"{options['host']}:{options['port']}",
            "--workers",
            str(options["workers"]),
            "--threads",
            str(options["threads"]),
            "--timeout",
            str(options["timeout"]),
            "--graceful-timeout",
            "20",
            # Recycle workers now and then so a slow leak never takes a server down.
            "--max-requests",
            "5000",
            "--max-requests-jitter",
            "500",
        ]
        if os.path.isdir("/dev/shm"):
            # Workers touch a heartbeat file every few seconds; on a busy disk (or a container's
            # overlay file system) that write can stall a worker mid-request. Memory never does.
            argv += ["--worker-tmp-dir", "/dev/shm"]
        if options["access_log"]:
            argv += ["--access-logfile", "-"]
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.conf.settings")
        self.stdout.write(
            _("Raadhuis luistert op http://%(host)s:%(port)s/ met %(w)s workers.")
            % {"host": options["host"], "port": options["port"], "w": options["workers"]}
        )
        self.stdout.flush()
        if not _has_gunicorn():
            self.stderr.write(_("gunicorn is niet geïnstalleerd (pip install gunicorn)."))
            sys.exit(1)
        # Replace this process, so signals (Ctrl+C, systemd stop) reach gunicorn directly.
        os.execv(sys.executable, argv)


def _has_gunicorn() -> bool:
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return True
