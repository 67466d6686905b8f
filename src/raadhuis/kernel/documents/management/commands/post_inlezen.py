"""`raadhuis post-inlezen --maildir PATH`: read the post mailbox (a Maildir) into the dossiers.

Each new e-mail is stored; one whose subject names a case (e.g. "Re: uw zaak
SHV-2026-0000123") is added to that case as incoming documents (the e-mail as .eml and each
attachment), the others wait in the postkamer (/postkamer/). Processed messages move to cur/.
Run it from cron or a systemd timer; running it twice stores nothing twice.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from raadhuis.kernel.documents.maildir import GeenMaildir, maildir_inlezen
from raadhuis.kernel.organisations.models import Organisatie


class Command(BaseCommand):
    help = _(
        "Lees nieuwe e-mails uit een Maildir in: met een zaaknummer in het onderwerp bij die "
        "zaak, anders in de postkamer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--maildir", required=True, help=_("Pad naar de Maildir."))
        parser.add_argument(
            "--organisatie",
            default="",
            help=_("RSIN van de organisatie (verplicht als er meer dan één is)."),
        )

    def handle(self, *args: object, **options: object) -> None:
        organisatie = _organisatie(str(options["organisatie"] or ""))
        try:
            verslag = maildir_inlezen(organisatie=organisatie, pad=str(options["maildir"]))
        except GeenMaildir as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(str(verslag))
        for regel in verslag.fouten:
            self.stderr.write(regel)
        if verslag.fouten:
            raise CommandError(
                _("%(n)s bericht(en) niet ingelezen; ze blijven in new/ staan.")
                % {"n": len(verslag.fouten)}
            )


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
