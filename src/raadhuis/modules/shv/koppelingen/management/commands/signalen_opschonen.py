"""`raadhuis signalen-opschonen`: delete early-warning signals whose retention has ended (from
cron, e.g. nightly): closed without a case longer than --maanden ago, or converted into a case
that has since been destroyed. See modules/shv/koppelingen/bewaren.py."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from raadhuis.modules.shv.koppelingen.bewaren import BEWAARTERMIJN_MAANDEN, signalen_opschonen
from raadhuis.modules.shv.koppelingen.management.commands._gemeenschappelijk import (
    organisatie_argument,
    organisatie_kiezen,
    systeem_actor,
)


class Command(BaseCommand):
    help = _("Verwijder signalen vroegsignalering waarvan de bewaartermijn voorbij is.")

    def add_arguments(self, parser: CommandParser) -> None:
        organisatie_argument(parser)
        parser.add_argument(
            "--maanden",
            type=int,
            default=BEWAARTERMIJN_MAANDEN,
            help=_("Bewaartermijn in maanden na afsluiten (standaard %(m)s).")
            % {"m": BEWAARTERMIJN_MAANDEN},
        )
        parser.add_argument(
            "--peildatum", default="", help=_("Datum (JJJJ-MM-DD), standaard vandaag.")
        )

    def handle(self, *args: object, **options: object) -> None:
        organisatie = organisatie_kiezen(str(options["organisatie"]))
        maanden = int(options["maanden"])  # type: ignore[call-overload]
        if maanden < 0:
            raise CommandError(_("De bewaartermijn kan niet negatief zijn."))
        try:
            peildatum = (
                date.fromisoformat(str(options["peildatum"])) if options["peildatum"] else None
            )
        except ValueError as error:
            raise CommandError(_("Peildatum is geen datum (JJJJ-MM-DD).")) from error
        actor = systeem_actor(organisatie, _("signalen opschonen"))
        aantal = signalen_opschonen(actor=actor, peildatum=peildatum, maanden=maanden)
        self.stdout.write(_("%(n)s signalen verwijderd.") % {"n": aantal})
