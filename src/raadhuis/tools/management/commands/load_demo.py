"""`raadhuis load-demo`: load the demo organisations, catalogue, logins, parties and cases."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from raadhuis.tools.demo import DEFAULT_SEED, DemoAlAanwezig, DemoLoader, logins_tabel


def logins_schrijven(write, url: str = "http://127.0.0.1:8000/") -> None:  # noqa: ANN001
    """The demo URL and the logins table, as `make demo` shows them."""
    rijen = logins_tabel()
    breedte = max(len(_("gebruikersnaam")), *(len(r[0]) for r in rijen))
    write("")
    write(_("Raadhuis demo: %(url)s") % {"url": url})
    write(_("Beheer (Django admin): %(url)sadmin/") % {"url": url})
    write("")
    write(f"  {_('gebruikersnaam').ljust(breedte)}  {_('wachtwoord').ljust(18)}  {_('rol')}")
    for username, wachtwoord, uitleg in rijen:
        write(f"  {username.ljust(breedte)}  {wachtwoord.ljust(18)}  {uitleg}")
    write("")


class Command(BaseCommand):
    help = _(
        "Laad de demogegevens: Gemeente Voorbeeldstad (NL) en Stad Proefdorp (BE) met "
        "zaaktypen, demologins, 200 personen, 50 organisaties en 500 zaken. Alle gegevens "
        "zijn verzonnen en lopen via de kernelservices (met audittrail)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=_("Startgetal voor het toeval.")
        )
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000/", help=_("Adres dat bij de logins staat.")
        )

    def handle(self, *args: object, **options: object) -> None:
        start = time.monotonic()
        verbose = int(options.get("verbosity", 1)) >= 1
        loader = DemoLoader(
            seed=int(options["seed"]),
            log=(lambda regel: self.stdout.write(f"  {regel}")) if verbose else None,
        )
        try:
            resultaat = loader.run()
        except DemoAlAanwezig as error:
            raise CommandError(str(error)) from error
        seconden = time.monotonic() - start
        a = resultaat.aantallen
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demogegevens geladen in %(s).0f s: %(p)d personen, %(o)d organisaties, "
                    "%(v)d vestigingen, %(z)d zaken, %(t)d taken, %(d)d documenten."
                )
                % {
                    "s": seconden,
                    "p": a["natuurlijk_persoon"],
                    "o": a["niet_natuurlijk_persoon"],
                    "v": a["vestiging"],
                    "z": a["zaak"],
                    "t": a["taak"],
                    "d": a["document"],
                }
            )
        )
        if verbose:
            logins_schrijven(self.stdout.write, str(options["url"]))
