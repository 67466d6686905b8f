"""`raadhuis vernietigen --lijst UUID`: execute an approved destruction list (for operators).

The same as "Vernietigen" on the list's page: every case in its own transaction, safe to run
again (a second run only retries failed cases). `--medewerker GEBRUIKERSNAAM` records that
functioneel beheerder as the executor; without it the report says the operator's command did
it. Exits with an error when the list is not approved or when cases failed.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Medewerker
from raadhuis.kernel.retention.models import Vernietigingslijst
from raadhuis.kernel.retention.services import vernietigingslijst_uitvoeren


class Command(BaseCommand):
    help = _(
        "Voer een goedgekeurde vernietigingslijst uit: vernietig de zaken, hun documenten en "
        "persoonsgegevens en schrijf het vernietigingsverslag. Veilig om te herhalen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--lijst", required=True, help=_("UUID van de vernietigingslijst."))
        parser.add_argument(
            "--medewerker",
            default="",
            help=_("Gebruikersnaam van de functioneel beheerder die de uitvoering start."),
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            lijst_uuid = uuid.UUID(str(options["lijst"]))
        except ValueError as error:
            raise CommandError(_("Dit is geen geldige UUID.")) from error
        lijst = (
            Vernietigingslijst.objects.select_related("organisatie").filter(uuid=lijst_uuid).first()
        )
        if lijst is None:
            raise CommandError(_("Er is geen vernietigingslijst met deze UUID."))
        actor = self._actor(lijst, str(options["medewerker"] or ""))
        try:
            verslag = vernietigingslijst_uitvoeren(actor=actor, lijst=lijst)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        self.stdout.write(
            _(
                "Lijst ‘%(naam)s’: %(v)d vernietigd, %(o)d overgeslagen, %(m)d mislukt, "
                "%(u)d uitgezonderd."
            )
            % {
                "naam": lijst.naam,
                "v": verslag.aantal_vernietigd,
                "o": verslag.aantal_overgeslagen,
                "m": verslag.aantal_mislukt,
                "u": verslag.aantal_uitgezonderd,
            }
        )
        if verslag.aantal_mislukt:
            raise CommandError(
                _("%(m)d zaken zijn niet vernietigd; zie het verslag en voer de lijst opnieuw uit.")
                % {"m": verslag.aantal_mislukt}
            )

    def _actor(self, lijst: Vernietigingslijst, gebruikersnaam: str) -> Actor:
        if not gebruikersnaam:
            return Actor.system(
                lijst.organisatie, weergave=_("Beheer (commando raadhuis vernietigen)")
            )
        medewerker = (
            Medewerker.objects.filter(
                organisatie=lijst.organisatie, user__username=gebruikersnaam, actief=True
            )
            .prefetch_related("zaaktype_autorisaties")
            .first()
        )
        if medewerker is None:
            raise CommandError(_("Deze medewerker bestaat niet in de organisatie van de lijst."))
        return Actor.for_medewerker(medewerker)
