"""`raadhuis processen-bijwerken`: run the automatic actions of processes that are due
("after N working days in the step"), and retry actions that failed.

Once (for cron, e.g. every 15 minutes), or with `--interval SECONDS` as a worker that keeps
running until stopped (Ctrl+C or SIGTERM finish the current round first). A worker may also call
`raadhuis.kernel.workflow.engine.processen_bijwerken()` itself. Running it twice, or in two
places at once, does no harm: each action runs once.
"""

from __future__ import annotations

import signal
import time
from types import FrameType

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils.translation import gettext as _

from raadhuis.kernel.workflow.engine import BijwerkResultaat, processen_bijwerken


class Command(BaseCommand):
    help = _(
        "Voer de automatische acties van processen uit die aan de beurt zijn (na een aantal "
        "werkdagen in een stap) en probeer mislukte acties opnieuw."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limiet",
            type=int,
            default=500,
            help=_("Hoogstens zoveel acties per organisatie per ronde (standaard 500)."),
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=0,
            help=_("Blijf draaien en kijk elke zoveel seconden opnieuw (standaard: één keer)."),
        )

    def handle(self, *args: object, **options: object) -> None:
        interval = float(str(options["interval"]))
        limiet = int(str(options["limiet"]))
        self._stop = False
        if interval:
            signal.signal(signal.SIGTERM, self._request_stop)
        totaal = BijwerkResultaat()
        try:
            while not self._stop:
                resultaat = processen_bijwerken(limiet=limiet)
                totaal.uitgevoerd += resultaat.uitgevoerd
                totaal.mislukt += resultaat.mislukt
                totaal.vervallen += resultaat.vervallen
                for fout in resultaat.fouten:
                    self.stderr.write(fout)
                if not interval:
                    break
                close_old_connections()
                time.sleep(interval)
        except KeyboardInterrupt:
            pass
        self.stdout.write(
            _("Uitgevoerd: %(u)d, mislukte pogingen: %(m)d, vervallen: %(v)d.")
            % {"u": totaal.uitgevoerd, "m": totaal.mislukt, "v": totaal.vervallen}
        )

    def _request_stop(self, signum: int, frame: FrameType | None) -> None:
        self._stop = True
