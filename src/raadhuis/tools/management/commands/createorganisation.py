"""`raadhuis createorganisation --naam "Gemeente X" --rsin 123456782 [--land NL|BE]`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from raadhuis.kernel.organisations.models import Land
from raadhuis.kernel.organisations.services import organisatie_create


def _meldingen(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{veld}: {' '.join(str(m) for m in fouten)}"
            for veld, fouten in error.message_dict.items()
        )
    return " ".join(str(m) for m in error.messages)


class Command(BaseCommand):
    help = (
        "Maak een organisatie (gemeente of stad) aan. Het RSIN wordt gecontroleerd met de "
        "elfproef; de tijdzone volgt uit het land (NL: Europe/Amsterdam, BE: Europe/Brussels)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--naam", required=True, help="Naam, bijvoorbeeld 'Gemeente Utrecht'.")
        parser.add_argument("--rsin", required=True, help="RSIN van 9 cijfers (elfproef).")
        parser.add_argument("--land", default=Land.NL, choices=Land.values, help="NL of BE.")
        parser.add_argument(
            "--zaak-prefix",
            default="ZAAK",
            help="Voorvoegsel van zaaknummers (standaard ZAAK: ZAAK-2026-0000001).",
        )

    def handle(self, *args: object, **options: str) -> None:
        try:
            organisatie = organisatie_create(
                naam=options["naam"],
                rsin=options["rsin"],
                land=options["land"],
                zaak_prefix=options["zaak_prefix"],
                door="Beheercommando createorganisation",
            )
        except ValidationError as error:
            raise CommandError(_meldingen(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Organisatie '{organisatie.naam}' aangemaakt (RSIN {organisatie.rsin}, "
                f"{organisatie.get_land_display()}, tijdzone {organisatie.tijdzone})."
            )
        )
