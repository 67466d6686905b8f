"""`raadhuis demo`: migrate, collect the static files, load the demo data when the database is
empty, and serve it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from raadhuis.kernel.integrations.brp.double import DOUBLE_API_KEY, start_demo_double
from raadhuis.kernel.integrations.kvk.double import DOUBLE_API_KEY as KVK_DOUBLE_API_KEY
from raadhuis.kernel.integrations.kvk.double import start_demo_double as kvk_double_start
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.shv.koppelingen.doubles.vish import serve_in_thread as vish_double_serve
from raadhuis.tools.management.commands.load_demo import logins_schrijven


class Command(BaseCommand):
    help = _(
        "Start de demo: migreer de database, laad de demogegevens als er nog geen organisatie "
        "is, toon de logins en start de ontwikkelserver (niet voor productie; zie `serve`)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help=_("Adres (standaard 127.0.0.1)."))
        parser.add_argument("--port", type=int, default=8000, help=_("Poort (standaard 8000)."))
        parser.add_argument(
            "--no-serve", action="store_true", help=_("Alleen voorbereiden, niet serveren.")
        )

    def handle(self, *args: object, **options: object) -> None:
        host, port = str(options["host"]), int(options["port"])
        url = f"http://{host}:{port}/"
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(_("Database gemigreerd."))
        # WhiteNoise serves STATIC_ROOT (var/static/) and warns at start-up when it is missing,
        # as on a fresh clone; collecting fills it (and only copies what changed next time).
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(
            _("Statische bestanden verzameld in %(map)s.") % {"map": settings.STATIC_ROOT}
        )
        if not Organisatie.objects.exists():
            call_command("load_demo", url=url, verbosity=0, stdout=self.stdout)
            self.stdout.write(_("Demogegevens geladen."))
        else:
            self.stdout.write(_("Er zijn al organisaties; demogegevens niet opnieuw geladen."))
        logins_schrijven(self.stdout.write, url)
        if options["no_serve"]:
            return
        self.stdout.write(_("Stoppen met Ctrl+C."))
        # The BRP test double (fictitious persons) answers the BRP searches of the demo; the
        # workers started below read the same address from the environment.
        brp_url = start_demo_double()
        os.environ.setdefault("RAADHUIS_BRP_URL", brp_url)
        os.environ.setdefault("RAADHUIS_BRP_API_KEY", DOUBLE_API_KEY)
        # The KvK test double (fictitious companies) answers KvK Zoeken and Basisprofiel.
        kvk_url = kvk_double_start()
        os.environ.setdefault("RAADHUIS_KVK_URL", kvk_url)
        os.environ.setdefault("RAADHUIS_KVK_API_KEY", KVK_DOUBLE_API_KEY)
        # The VISH (Verwijsindex Schuldhulpverlening) double takes the admissions of the demo.
        if not settings.VISH_URL:
            vish_url, _app, _stop = vish_double_serve()
            settings.VISH_URL = vish_url
            os.environ.setdefault("RAADHUIS_VISH_URL", vish_url)
        self.stdout.write(
            _(
                "BRP-testdubbel (fictieve personen): %(url)s — zoek op /brp/ bijvoorbeeld op "
                "BSN 999990056 (gezin met drie kinderen) of 999990019 (alleenstaande ouder)."
            )
            % {"url": brp_url}
        )
        self.stdout.write(
            _(
                "KvK-testdubbel (fictieve bedrijven): %(url)s — zoek bijvoorbeeld op "
                "'Testoven' of KvK-nummer 98000011."
            )
            % {"url": kvk_url}
        )
        # Notifications, letters by e-mail and timed process actions go out through the
        # background worker, as in production.
        worker = subprocess.Popen(  # noqa: S603 - our own command, no user input
            [sys.executable, "-m", "raadhuis", "werker", "--interval", "2"]
        )
        # A SIGTERM (e.g. from a service manager) stops the worker too, not only Ctrl+C.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            # The development server is fine for a demo: one user, static files via whitenoise.
            call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
        finally:
            # The worker ends after the round it is in; one that is still busy after 10 s is
            # killed, so that no worker outlives the demo.
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
