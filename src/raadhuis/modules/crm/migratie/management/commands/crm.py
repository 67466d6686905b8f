"""`raadhuis crm import FILE.xlsx|FILE.csv [--dry-run] [--mapping MAPPING.json]
[--organisatie RSIN] [--afdeling NAAM]`: import relations, contact persons, contact moments
and contracts from an export, all or nothing, printing the per-row report as JSON
(docs/crm/migratie.md): the summary first, then one compact line per row."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Organisatie, OrganisatorischeEenheid
from raadhuis.modules.crm.migratie.erp import facturen_importeren
from raadhuis.modules.crm.migratie.importeren import import_uitvoeren
from raadhuis.modules.crm.migratie.verslag import Verslag


def _organisatie(rsin: str) -> Organisatie:
    if rsin:
        organisatie = Organisatie.objects.filter(rsin=rsin).first()
        if organisatie is None:
            raise CommandError(_("Geen organisatie met RSIN %(rsin)s.") % {"rsin": rsin})
        return organisatie
    organisaties = list(Organisatie.objects.all()[:2])
    if len(organisaties) != 1:
        raise CommandError(_("Geef de organisatie met --organisatie RSIN."))
    return organisaties[0]


def _afdeling(organisatie: Organisatie, naam: str) -> OrganisatorischeEenheid:
    eenheden = OrganisatorischeEenheid.objects.filter(organisatie=organisatie)
    if naam:
        eenheid = eenheden.filter(naam__iexact=naam).first()
        if eenheid is None:
            raise CommandError(_("Geen afdeling met de naam %(n)s.") % {"n": naam})
        return eenheid
    gevonden = list(eenheden[:2])
    if len(gevonden) != 1:
        raise CommandError(_("Geef de afdeling die de relaties beheert met --afdeling NAAM."))
    return gevonden[0]


def _mapping(pad: str) -> dict[str, str] | None:
    if not pad:
        return None
    try:
        mapping = json.loads(Path(pad).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise CommandError(
            _("De koppeling %(p)s is geen leesbaar JSON-bestand.") % {"p": pad}
        ) from error
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        raise CommandError(_("De koppeling is een JSON-object van veld naar kolomnaam."))
    return mapping


class Command(BaseCommand):
    help = _(
        "CRM-opdrachten. 'import': relaties (met contactpersonen, contactmomenten en "
        "contracten) inlezen uit een Excel- of CSV-export; "
        "'facturen': facturen en betalingen uit de ERP-export."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="opdracht", required=True)
        invoer = sub.add_parser(
            "import", help=_("Relaties en hun contracten inlezen uit .xlsx of .csv.")
        )
        invoer.add_argument("bestand", help=_("Het .xlsx- of .csv-bestand."))
        invoer.add_argument("--dry-run", action="store_true", help=_("Alleen controleren."))
        invoer.add_argument("--mapping", default="", help=_("JSON: veld -> kolomnaam."))
        invoer.add_argument("--organisatie", default="", help=_("RSIN van de organisatie."))
        invoer.add_argument("--afdeling", default="", help=_("Afdeling die de relaties beheert."))
        erp = sub.add_parser("facturen", help=_("Facturen en betalingen uit de ERP-export (CSV)."))
        erp.add_argument("bestand", help=_("Het .csv- of .xlsx-bestand."))
        erp.add_argument("--dry-run", action="store_true", help=_("Alleen controleren."))
        erp.add_argument("--organisatie", default="", help=_("RSIN van de organisatie."))

    def handle(self, *args: object, **options: object) -> None:
        pad = Path(str(options["bestand"]))
        if not pad.is_file():
            raise CommandError(_("Bestand %(p)s bestaat niet.") % {"p": pad})
        organisatie = _organisatie(str(options["organisatie"] or ""))
        if options["opdracht"] == "facturen":
            verslag = facturen_importeren(
                actor=Actor.system(organisatie, weergave=_("Systeem (crm facturen)")),
                inhoud=pad.read_bytes(),
                bestandsnaam=pad.name,
                proef=bool(options["dry_run"]),
            )
            self._schrijven(verslag)
            return
        afdeling = _afdeling(organisatie, str(options["afdeling"] or ""))
        verslag = import_uitvoeren(
            actor=Actor.system(organisatie, weergave=_("Systeem (crm import)")),
            inhoud=pad.read_bytes(),
            bestandsnaam=pad.name,
            afdeling=afdeling,
            mapping=_mapping(str(options["mapping"] or "")),
            proef=bool(options["dry_run"]),
        )
        self._schrijven(verslag)

    def _schrijven(self, verslag: Verslag) -> None:
        # Row by row: the report of 100,000 rows is never one string in memory.
        for stuk in verslag.json_regels():
            self.stdout.write(stuk, ending="")
        if verslag.heeft_fouten:
            raise CommandError(verslag.samenvatting())
