"""`raadhuis notificaties-afleveren`: the worker that delivers the notification outbox.

Runs until stopped (Ctrl+C or SIGTERM finish the current round first); `--once` delivers what
is due now and exits (for cron or a test). Several workers may run at once.
"""

from __future__ import annotations

import signal
import time
from types import FrameType

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils.translation import gettext as _

from raadhuis.kernel.cases.tellingen import zaaktellingen_samenvoegen
from raadhuis.kernel.events.delivery import SendResult, outbox_process

FOLD_EVERY_SECONDS = 60.0


class Command(BaseCommand):
    help = _(
        "Lever notificaties af aan de abonnementen (Notificaties API), met herhaalpogingen. "
        "Blijft draaien tot hij gestopt wordt; --once levert af wat nu klaarstaat en stopt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help=_("Lever af wat nu klaarstaat en stop.")
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=2.0,
            help=_("Seconden wachten als er niets klaarstaat (standaard 2)."),
        )

    def handle(self, *args: object, **options: object) -> None:
        self._stop = False
        if not options["once"]:
            signal.signal(signal.SIGTERM, self._request_stop)
        totaal = SendResult()
        gevouwen = time.monotonic()
        try:
            while not self._stop:
                verdeeld, result = outbox_process()
                totaal.afgeleverd += result.afgeleverd
                totaal.mislukt += result.mislukt
                totaal.opgegeven += result.opgegeven
                if verdeeld or result.pogingen:
                    continue
                if options["once"]:
                    break
                # Idle: drop a connection the database closed or that is past its age, and
                # fold the case counts now and then (kernel.cases.tellingen).
                close_old_connections()
                if time.monotonic() - gevouwen > FOLD_EVERY_SECONDS:
                    zaaktellingen_samenvoegen()
                    gevouwen = time.monotonic()
                time.sleep(float(options["interval"]))  # type: ignore[arg-type]
        except KeyboardInterrupt:
            pass
        self.stdout.write(
            _("Afgeleverd: %(a)d, mislukte pogingen: %(m)d, opgegeven: %(o)d.")
            % {"a": totaal.afgeleverd, "m": totaal.mislukt, "o": totaal.opgegeven}
        )

    def _request_stop(self, signum: int, frame: FrameType | None) -> None:
        self._stop = True
