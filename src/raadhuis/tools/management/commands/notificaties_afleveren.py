"""`raadhuis notificaties-afleveren`: a worker that only delivers the notification outbox.

`raadhuis werker` does this and the other background work in one process; this command is for
an installation that wants the notifications in a worker of their own. Runs until stopped
(Ctrl+C or SIGTERM finish the current round first); `--once` delivers what is due now and
exits (for cron or a test). Several workers may run at once.
"""

from __future__ import annotations

import signal
from types import FrameType

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from raadhuis.kernel.events.delivery import SendResult, outbox_process
from raadhuis.kernel.werklus import Klus, werklus


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

        def ronde() -> int:
            verdeeld, result = outbox_process()
            totaal.afgeleverd += result.afgeleverd
            totaal.mislukt += result.mislukt
            totaal.opgegeven += result.opgegeven
            return verdeeld + result.pogingen

        try:
            werklus(
                [Klus("notificaties", ronde)],
                interval=float(options["interval"]),  # type: ignore[arg-type]
                once=bool(options["once"]),
                stop=lambda: self._stop,
            )
        except KeyboardInterrupt:
            pass
        self.stdout.write(
            _("Afgeleverd: %(a)d, mislukte pogingen: %(m)d, opgegeven: %(o)d.")
            % {"a": totaal.afgeleverd, "m": totaal.mislukt, "o": totaal.opgegeven}
        )

    def _request_stop(self, signum: int, frame: FrameType | None) -> None:
        self._stop = True
