"""`raadhuis shv-import [--dry-run] [--behandelaar USERNAME] FILE_OR_DIR`: migrate clients,
dossiers, creditors, debts and documents from an export of the previous system (a folder of
CSV files, a ZIP, or an .xlsx workbook; layout in docs/shv/migratie.md). All or nothing;
running it twice imports nothing twice."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from raadhuis.kernel.organisations.models import Medewerker
from raadhuis.modules.shv.koppelingen import invoer
from raadhuis.modules.shv.koppelingen.management.commands._gemeenschappelijk import (
    organisatie_argument,
    organisatie_kiezen,
    systeem_actor,
    verslag_schrijven,
)
from raadhuis.modules.shv.koppelingen.migratie import export_lezen, migratie_importeren


class Command(BaseCommand):
    help = _("Migreer schuldhulpdossiers uit een export van het vorige systeem.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("pad", help=_("Map met CSV-bestanden, ZIP- of .xlsx-bestand."))
        parser.add_argument(
            "--dry-run", "--proef", action="store_true", help=_("Alleen controleren.")
        )
        parser.add_argument(
            "--behandelaar",
            default="",
            help=_("Gebruikersnaam van de behandelaar voor dossiers zonder behandelaar."),
        )
        organisatie_argument(parser)

    def handle(self, *args: object, **options: object) -> None:
        organisatie = organisatie_kiezen(str(options["organisatie"] or ""))
        behandelaar = None
        if options["behandelaar"]:
            behandelaar = Medewerker.objects.filter(
                organisatie=organisatie, user__username=options["behandelaar"]
            ).first()
            if behandelaar is None:
                raise CommandError(_("Behandelaar %s niet gevonden.") % options["behandelaar"])
        with tempfile.TemporaryDirectory(prefix="shv-import-") as werkmap:
            try:
                export = export_lezen(Path(str(options["pad"])), werkmap=Path(werkmap))
            except invoer.Onleesbaar as error:
                raise CommandError(str(error)) from error
            verslag = migratie_importeren(
                actor=systeem_actor(organisatie, "shv-import"),
                export=export,
                proef=bool(options["dry_run"]),
                behandelaar=behandelaar,
            )
        verslag_schrijven(self, verslag)
        if verslag.heeft_fouten:
            raise CommandError(verslag.samenvatting())
