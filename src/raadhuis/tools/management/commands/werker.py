"""`raadhuis werker`: one background worker for everything that runs behind the screens.

Delivers the notification outbox (Notificaties API), sends the letters waiting for e-mail,
runs the automatic actions of processes that are due, folds the case counts, and once an hour
removes delivered notifications older than RAADHUIS_NOTIFICATIES_BEWAAR_DAGEN. Several
workers may run at once: every job claims its work in the database. `--once` does what is due
now and exits (cron, tests). Ctrl+C or SIGTERM end it after the current round.
"""

from __future__ import annotations

import signal
from types import FrameType

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from raadhuis.kernel.cases.tellingen import zaaktellingen_samenvoegen
from raadhuis.kernel.events.delivery import outbox_opruimen, outbox_process
from raadhuis.kernel.messaging.bezorging import verzendingen_process
from raadhuis.kernel.werklus import Klus, module_klussen, werklus
from raadhuis.kernel.workflow.engine import processen_bijwerken


def _notificaties() -> int:
    verdeeld, resultaat = outbox_process()
    return verdeeld + resultaat.pogingen


def _brieven() -> int:
    return verzendingen_process().pogingen


def _processen() -> int:
    resultaat = processen_bijwerken()
    return resultaat.uitgevoerd + resultaat.mislukt


def _opruimen() -> int:
    outbox_opruimen()
    return 0  # housekeeping, like the counts


def _tellingen() -> int:
    zaaktellingen_samenvoegen()
    return 0  # housekeeping: never a reason for another round at once


def klussen() -> list[Klus]:
    return [
        Klus("notificaties", _notificaties),
        Klus("brieven", _brieven),
        # Timed actions are due per day; once a minute is soon enough.
        Klus("processen", _processen, elke_seconden=60),
        Klus("tellingen", _tellingen, elke_seconden=60),
        Klus("opruimen", _opruimen, elke_seconden=3600),
        # The modules' own timed work (klus_register in their AppConfig.ready()).
        *module_klussen(),
    ]


class Command(BaseCommand):
    help = _(
        "Achtergrondwerk: notificaties afleveren, brieven per e-mail versturen, automatische "
        "procesacties uitvoeren. Blijft draaien tot hij gestopt wordt; --once doet wat nu "
        "klaarstaat en stopt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help=_("Doe wat nu klaarstaat en stop."))
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
        try:
            totalen = werklus(
                klussen(),
                interval=float(options["interval"]),  # type: ignore[arg-type]
                once=bool(options["once"]),
                stop=lambda: self._stop,
            )
        except KeyboardInterrupt:
            return
        self.stdout.write(", ".join(f"{naam}: {aantal}" for naam, aantal in totalen.items()))

    def _request_stop(self, signum: int, frame: FrameType | None) -> None:
        self._stop = True
