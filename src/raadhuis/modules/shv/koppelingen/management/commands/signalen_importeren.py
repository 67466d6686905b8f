"""`raadhuis signalen-importeren FILE [--proef]`: read a file of early-warning signals (CSV or
JSON, RIS vroegsignalering) into the queue; all or nothing, with a report per row."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from raadhuis.modules.shv.koppelingen.management.commands._gemeenschappelijk import (
    organisatie_argument,
    organisatie_kiezen,
    systeem_actor,
    verslag_schrijven,
)
from raadhuis.modules.shv.koppelingen.signalen import signalen_importeren


class Command(BaseCommand):
    help = _("Lees signalen van vroegsignalering (CSV of JSON) in de wachtrij in.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", help=_("Pad naar het CSV- of JSON-bestand."))
        parser.add_argument(
            "--proef", "--dry-run", action="store_true", help=_("Alleen controleren.")
        )
        organisatie_argument(parser)

    def handle(self, *args: object, **options: object) -> None:
        pad = Path(str(options["bestand"]))
        if not pad.is_file():
            raise CommandError(_("Bestand %(pad)s bestaat niet.") % {"pad": pad})
        organisatie = organisatie_kiezen(str(options["organisatie"] or ""))
        verslag = signalen_importeren(
            actor=systeem_actor(organisatie, "signalen-importeren"),
            inhoud=pad.read_bytes(),
            bestandsnaam=pad.name,
            proef=bool(options["proef"]),
        )
        verslag_schrijven(self, verslag)
        if verslag.heeft_fouten:
            raise CommandError(verslag.samenvatting())
