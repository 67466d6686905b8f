"""`raadhuis budget`: budget management from the command line.

    raadhuis budget import FILE [--organisatie RSIN]   # a camt.053 or MT940 statement
    raadhuis budget saldi --json [--organisatie RSIN]  # every budget account's balance

`import` prints the report as JSON: {"statements", "entries", "matched", "unmatched",
"skipped_duplicates"}; a file that cannot be imported prints its problems (Dutch) on stderr,
writes nothing and exits with status 1. Both run as the system actor of the organisation; the
organisation may be left out when there is only one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Organisatie


def organisatie_kiezen(rsin: str | None) -> Organisatie:
    if rsin:
        try:
            return Organisatie.objects.get(rsin=rsin)
        except Organisatie.DoesNotExist as error:
            raise CommandError(f"Geen organisatie met RSIN {rsin}.") from error
    organisaties = list(Organisatie.objects.all()[:2])
    if len(organisaties) != 1:
        raise CommandError("Geef de organisatie op met --organisatie RSIN.")
    return organisaties[0]


class Command(BaseCommand):
    help = "Budgetbeheer: bankafschriften inlezen en saldi tonen."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="actie", required=True)
        importeren = sub.add_parser("import", help="Een camt.053- of MT940-afschrift inlezen.")
        importeren.add_argument("bestand", help="Pad naar het afschrift.")
        importeren.add_argument("--organisatie", metavar="RSIN", default=None)
        saldi = sub.add_parser("saldi", help="Het saldo van elke budgetrekening.")
        saldi.add_argument("--json", action="store_true", help="Als JSON (standaard).")
        saldi.add_argument("--organisatie", metavar="RSIN", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        organisatie = organisatie_kiezen(options.get("organisatie"))
        actor = Actor.system(organisatie, weergave="Budgetbeheer (opdrachtregel)")
        if options["actie"] == "import":
            self._importeren(actor, organisatie, Path(options["bestand"]))
        else:
            self._saldi(organisatie, as_json=options.get("json", False))

    def _importeren(self, actor: Actor, organisatie: Organisatie, pad: Path) -> None:
        from raadhuis.modules.budget.bankimport.importeren import afschrift_importeren

        try:
            inhoud = pad.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {pad} niet lezen: {error.strerror}.") from error
        rapport = afschrift_importeren(
            actor=actor, organisatie=organisatie, inhoud=inhoud, bestandsnaam=pad.name
        )
        if not rapport.geslaagd:
            raise CommandError(
                "Het afschrift is niet ingelezen; er is niets geboekt.\n- "
                + "\n- ".join(rapport.fouten)
            )
        self.stdout.write(json.dumps(rapport.as_json()))

    def _saldi(self, organisatie: Organisatie, *, as_json: bool) -> None:
        from raadhuis.modules.budget.grootboek.rekeningen import saldi_json

        regels = saldi_json(organisatie)
        if as_json:
            self.stdout.write(json.dumps(regels, ensure_ascii=False))
            return
        for regel in regels:
            self.stdout.write(
                f"{regel['kenmerk']:<12} {regel['client'][:40]:<40} "
                f"{regel['beschikbaar']:>12} {regel['gereserveerd']:>12} {regel['totaal']:>12}"
            )
