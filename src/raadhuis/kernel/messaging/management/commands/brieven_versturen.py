"""`raadhuis brieven-versturen`: the worker that sends the e-mail outbox of letters.

Runs until stopped (Ctrl+C or SIGTERM finish the current round first); `--once` sends what is
due now and exits (for cron or a test). Several workers may run at once.
"""

from __future__ import annotations

import signal
import time
from types import FrameType

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils.translation import gettext as _

from raadhuis.kernel.messaging.bezorging import VerzendResultaat, verzendingen_process


class Command(BaseCommand):
    help = _(
        "Verstuur de brieven die per e-mail klaarstaan, met herhaalpogingen. Blijft draaien tot "
        "hij gestopt wordt; --once verstuurt wat nu klaarstaat en stopt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help=_("Verstuur wat nu klaarstaat en stop.")
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help=_("Seconden wachten als er niets klaarstaat (standaard 5)."),
        )

    def handle(self, *args: object, **options: object) -> None:
        self._stop = False
        if not options["once"]:
            signal.signal(signal.SIGTERM, self._request_stop)
        totaal = VerzendResultaat()
        try:
            while not self._stop:
                resultaat = verzendingen_process()
                totaal.verzonden += resultaat.verzonden
                totaal.mislukt += resultaat.mislukt
                totaal.opgegeven += resultaat.opgegeven
                if resultaat.pogingen:
                    continue
                if options["once"]:
                    break
                close_old_connections()
                time.sleep(float(options["interval"]))  # type: ignore[arg-type]
        except KeyboardInterrupt:
            pass
        self.stdout.write(
            _("Verzonden: %(v)d, mislukte pogingen: %(m)d, opgegeven: %(o)d.")
            % {"v": totaal.verzonden, "m": totaal.mislukt, "o": totaal.opgegeven}
        )

    def _request_stop(self, signum: int, frame: FrameType | None) -> None:
        self._stop = True
