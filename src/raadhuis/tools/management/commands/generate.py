"""`raadhuis generate --parties N --zaken M`: bulk benchmark data (bypasses the services)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.tools.demo_catalogus import DEMO_PASSWORD
from raadhuis.tools.generate import DEFAULT_BATCH, analyse, generate


class Command(BaseCommand):
    help = _(
        "Vul de database snel met veel partijen en zaken, voor benchmarks. LET OP: dit gaat "
        "bewust buiten de services om: geen autorisatiecontrole, geen audittrail en geen "
        "notificaties. Alleen voor test- en benchmarkdatabases, nooit voor echte gegevens. "
        "De organisatie moet al gepubliceerde zaaktypen hebben (bijvoorbeeld via load-demo)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--parties", type=int, default=0, help=_("Aantal partijen."))
        parser.add_argument("--zaken", type=int, default=0, help=_("Aantal zaken."))
        parser.add_argument(
            "--organisatie",
            metavar="RSIN",
            help=_("RSIN van de organisatie (standaard de eerste organisatie)."),
        )
        parser.add_argument(
            "--medewerkers",
            type=int,
            default=0,
            help=_(
                "Maak ook zoveel benchmarkmedewerkers (mw-bench-0001, …) met rechten op alle "
                "zaaktypen, zodat de zaken over veel behandelaars verdeeld worden."
            ),
        )
        parser.add_argument(
            "--wachtwoord",
            default=DEMO_PASSWORD,
            help=_("Wachtwoord van de benchmarkmedewerkers (standaard het demowachtwoord)."),
        )
        parser.add_argument(
            "--zaaktypen",
            type=int,
            default=0,
            help=_(
                "Verdeel de zaken gelijk over zoveel gepubliceerde zaaktypen; ontbrekende worden "
                "gemaakt als kopie van de bestaande (met hun status-, rol- en resultaattypen). "
                "Standaard: de bestaande zaaktypen, met de verdeling van de demo."
            ),
        )
        parser.add_argument("--seed", type=int, default=1, help=_("Startgetal voor het toeval."))
        parser.add_argument(
            "--batch", type=int, default=DEFAULT_BATCH, help=_("Rijen per transactie.")
        )
        parser.add_argument(
            "--no-analyse",
            action="store_true",
            help=_("Sla VACUUM ANALYZE (PostgreSQL) of ANALYZE (SQLite) na afloop over."),
        )

    def handle(self, *args: object, **options: object) -> None:
        partijen, zaken = int(options["parties"]), int(options["zaken"])
        aantallen = (partijen, zaken, int(options["medewerkers"]), int(options["zaaktypen"]))
        if min(aantallen) < 0:
            raise CommandError(_("Aantallen kunnen niet negatief zijn."))
        if int(options["batch"]) < 1:
            raise CommandError(_("--batch moet minstens 1 zijn."))
        rsin = options.get("organisatie")
        organisatie = (
            Organisatie.objects.filter(rsin=rsin).first()
            if rsin
            else Organisatie.objects.order_by("pk").first()
        )
        if organisatie is None:
            raise CommandError(
                _("Organisatie met RSIN %(rsin)s niet gevonden.") % {"rsin": rsin}
                if rsin
                else _("Er is nog geen organisatie; draai eerst `raadhuis load-demo`.")
            )
        verbose = int(options.get("verbosity", 1)) >= 1
        self.stdout.write(
            _("Genereren voor %(org)s (buiten de services om, zonder audittrail)…")
            % {"org": organisatie.naam}
        )
        start = time.monotonic()
        try:
            stats = generate(
                organisatie=organisatie,
                partijen=partijen,
                zaken=zaken,
                medewerkers=int(options["medewerkers"]),
                wachtwoord=str(options["wachtwoord"]),
                seed=int(options["seed"]),
                batch=int(options["batch"]),
                zaaktypen=int(options["zaaktypen"]),
                log=(lambda regel: self.stdout.write(f"  {regel}"))
                if verbose
                else (lambda _m: None),
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not options["no_analyse"]:
            t = time.monotonic()
            analyse()
            stats.seconden["analyse"] = time.monotonic() - t
        totaal = time.monotonic() - start
        regels = ", ".join(f"{k}: {v}" for k, v in stats.aantallen.items())
        tijden = ", ".join(f"{k} {v:.1f} s" for k, v in stats.seconden.items())
        self.stdout.write(
            self.style.SUCCESS(
                _("Klaar in %(s).1f s (%(tijden)s). Rijen: %(regels)s.")
                % {"s": totaal, "tijden": tijden, "regels": regels}
            )
        )
