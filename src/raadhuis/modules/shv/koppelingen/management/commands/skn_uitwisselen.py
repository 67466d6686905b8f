"""`raadhuis skn-uitwisselen`: send the queued Schuldenknooppunt messages as one batch and
apply the answer files that came in (each file all or nothing)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from raadhuis.modules.shv.koppelingen.adapters.skn import SknFout
from raadhuis.modules.shv.koppelingen.management.commands._gemeenschappelijk import (
    organisatie_argument,
    organisatie_kiezen,
    systeem_actor,
)
from raadhuis.modules.shv.koppelingen.skn import skn_antwoorden_verwerken, skn_versturen


class Command(BaseCommand):
    help = _("Wissel berichten uit met het Schuldenknooppunt (bestanden).")

    def add_arguments(self, parser: CommandParser) -> None:
        organisatie_argument(parser)

    def handle(self, *args: object, **options: object) -> None:
        organisatie = organisatie_kiezen(str(options["organisatie"] or ""))
        actor = systeem_actor(organisatie, "skn-uitwisselen")
        try:
            uitkomst = skn_antwoorden_verwerken(actor=actor)
            batch = skn_versturen(actor=actor)
        except SknFout as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(
            _("%(n)s antwoordbestand(en) verwerkt, %(o)s opgave(n).")
            % {"n": len(uitkomst.verwerkt), "o": uitkomst.opgaven}
        )
        for naam, fouten in uitkomst.fouten.items():
            self.stderr.write(f"{naam}: {'; '.join(fouten)}")
        self.stdout.write(
            _("Batch %(b)s verstuurd.") % {"b": batch} if batch else _("Niets te versturen.")
        )
