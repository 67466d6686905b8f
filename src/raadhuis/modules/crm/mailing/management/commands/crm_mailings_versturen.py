"""`raadhuis crm-mailings-versturen`: retries the mailing e-mails that failed temporarily.

`mailing_send` delivers right after commit; what the SMTP server refused for now (4xx, a
connection error) waits with back-off for this worker. `--once` sends what is due and exits.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils.translation import gettext as _

from raadhuis.modules.crm.mailing.services import BezorgResultaat, ontvangers_deliver


class Command(BaseCommand):
    help = _("Verstuur de mailing-e-mails die klaarstaan, met herhaalpogingen.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help=_("Verstuur wat nu klaarstaat en stop.")
        )
        parser.add_argument(
            "--interval", type=float, default=10.0, help=_("Seconden wachten (standaard 10).")
        )

    def handle(self, *args: object, **options: object) -> None:
        totaal = BezorgResultaat()
        try:
            while True:
                r = ontvangers_deliver()
                totaal.verzonden += r.verzonden
                totaal.bounce += r.bounce
                totaal.opnieuw += r.opnieuw
                if r.verzonden or r.bounce:
                    continue
                if options["once"]:
                    break
                close_old_connections()
                time.sleep(float(options["interval"]))  # type: ignore[arg-type]
        except KeyboardInterrupt:
            pass
        self.stdout.write(
            _("Verzonden: %(v)d, bounces: %(b)d, later opnieuw: %(o)d.")
            % {"v": totaal.verzonden, "b": totaal.bounce, "o": totaal.opnieuw}
        )
