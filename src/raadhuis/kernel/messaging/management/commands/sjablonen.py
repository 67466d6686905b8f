"""`raadhuis sjablonen export FILE [--soort S] [--categorie C] [--organisatie RSIN]` and
`raadhuis sjablonen import FILE [--dry-run] [--organisatie RSIN]`: the template library as
JSON (docs/crm/sjablonen.md). The import is all or nothing and prints its per-template report
as JSON; an existing code gets a new version."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.messaging.models import BriefSjabloon, SjabloonSoort
from raadhuis.kernel.messaging.uitwisseling import (
    export_json,
    organisatie_voor_cli,
    sjablonen_export,
    sjablonen_import,
)


class Command(BaseCommand):
    help = _("Briefsjablonen exporteren naar of importeren uit een JSON-bestand.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="opdracht", required=True)
        uit = sub.add_parser("export", help=_("Sjablonen met hun huidige versie naar JSON."))
        uit.add_argument("bestand", help=_("Het JSON-bestand (- voor de standaarduitvoer)."))
        uit.add_argument("--soort", default="", choices=["", *SjabloonSoort.values])
        uit.add_argument("--categorie", default="", help=_("Alleen deze categorie."))
        uit.add_argument("--organisatie", default="", help=_("RSIN van de organisatie."))
        invoer = sub.add_parser("import", help=_("Sjablonen inlezen uit een export."))
        invoer.add_argument("bestand", help=_("Het JSON-bestand."))
        invoer.add_argument("--dry-run", action="store_true", help=_("Alleen controleren."))
        invoer.add_argument("--organisatie", default="", help=_("RSIN van de organisatie."))

    def handle(self, *args: object, **options: object) -> None:
        try:
            organisatie = organisatie_voor_cli(str(options["organisatie"] or ""))
        except LookupError as error:
            raise CommandError(str(error)) from error
        actor = Actor.system(
            organisatie, weergave=_("Systeem (sjablonen %(o)s)") % {"o": options["opdracht"]}
        )
        if options["opdracht"] == "export":
            self._export(actor, options)
        else:
            self._import(actor, options)

    def _export(self, actor: Actor, options: dict) -> None:
        qs = BriefSjabloon.objects.filter(organisatie=actor.organisatie).select_related(
            "huidige_versie"
        )
        if options["soort"]:
            qs = qs.filter(soort=options["soort"])
        if options["categorie"]:
            qs = qs.filter(categorie__iexact=options["categorie"])
        inhoud = export_json(sjablonen_export(actor, qs.order_by("categorie", "code")))
        if options["bestand"] == "-":
            self.stdout.write(inhoud.decode("utf-8"))
            return
        Path(str(options["bestand"])).write_bytes(inhoud)
        aantal = len(json.loads(inhoud)["sjablonen"])
        self.stderr.write(_("%(n)s sjablonen geëxporteerd.") % {"n": aantal})

    def _import(self, actor: Actor, options: dict) -> None:
        pad = Path(str(options["bestand"]))
        if not pad.is_file():
            raise CommandError(_("Bestand %(p)s bestaat niet.") % {"p": pad})
        rapport = sjablonen_import(
            actor=actor,
            inhoud=pad.read_bytes(),
            bestandsnaam=pad.name,
            proef=bool(options["dry_run"]),
        )
        self.stdout.write(json.dumps(rapport.as_dict(), ensure_ascii=False, indent=2))
        if rapport.heeft_fouten:
            raise CommandError(rapport.samenvatting())
