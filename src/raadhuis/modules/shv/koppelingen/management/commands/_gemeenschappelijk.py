"""What the commands of the links share: which organisation, and the system actor."""

from __future__ import annotations

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Organisatie


def organisatie_argument(parser: CommandParser) -> None:
    parser.add_argument(
        "--organisatie",
        default="",
        help=_("RSIN van de organisatie (verplicht als er meer dan één is)."),
    )


def organisatie_kiezen(rsin: str) -> Organisatie:
    if rsin:
        organisatie = Organisatie.objects.filter(rsin=rsin).first()
        if organisatie is None:
            raise CommandError(_("Geen organisatie met RSIN %(rsin)s.") % {"rsin": rsin})
        return organisatie
    organisaties = list(Organisatie.objects.all()[:2])
    if len(organisaties) != 1:
        raise CommandError(_("Geef de organisatie met --organisatie RSIN."))
    return organisaties[0]


def systeem_actor(organisatie: Organisatie, wat: str) -> Actor:
    """The actor of a command run: the system, named after what it does (audit trail)."""
    return Actor.system(organisatie, weergave=_("Systeem (%(wat)s)") % {"wat": wat})


def verslag_schrijven(command, verslag) -> None:  # noqa: ANN001 - a BaseCommand and a Verslag
    for rij in verslag.rijen:
        if rij.fouten:
            command.stderr.write(f"{rij.bron}: {' '.join(rij.fouten)}")
        elif rij.uitkomst != "nieuw":
            command.stdout.write(f"{rij.bron}: {rij.uitkomst} {rij.omschrijving}")
    command.stdout.write(verslag.samenvatting())
