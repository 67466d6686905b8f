"""`raadhuis vtlb FILE.json [--organisatie RSIN] [--opslaan]`: the VTLB calculation of
`POST /api/shv/v1/vtlb-berekeningen` on the command line, without a login.

Reads the same JSON document as the API (`-` reads standard input) and prints the same result
document on standard output. It uses the norms of the organisation with the given RSIN, by
default the demo organisation; without either, the published norms built into Raadhuis.
Nothing is stored unless `--opslaan` is given (then as the system, with an audit entry).
Exit status 1 with a Dutch message on standard error when the input is not valid."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.shv.vtlb.api.serializers import VtlbBerekeningAanvraagSerializer
from raadhuis.modules.shv.vtlb.management.commands._invoer import (
    django_fout,
    json_lezen,
    json_schrijven,
    valideren,
)
from raadhuis.modules.shv.vtlb.normen import GEPUBLICEERDE_NORMEN
from raadhuis.modules.shv.vtlb.rekenen import InvoerFout, NormSet, NormWaarde, vtlb_berekenen
from raadhuis.modules.shv.vtlb.services import vtlb_bereken, vtlb_uitrekenen
from raadhuis.modules.shv.vtlb.weergave import invoer_uit_data, uitkomst_json


def demo_rsin() -> str:
    from raadhuis.tools.demo_catalogus import NL_RSIN  # the demo organisation of `make demo`

    return NL_RSIN


def organisatie_kiezen(rsin: str | None) -> Organisatie | None:
    """The organisation whose norms apply; None means the built-in published norms."""
    if rsin:
        organisatie = Organisatie.objects.filter(rsin=rsin).first()
        if organisatie is None:
            raise CommandError(f"Er is geen organisatie met RSIN {rsin}.")
        return organisatie
    return Organisatie.objects.filter(rsin=demo_rsin()).first()


def gepubliceerd_uitrekenen(data: dict[str, Any]) -> dict[str, Any]:
    invoer = invoer_uit_data(data)
    geldig = [v for v in GEPUBLICEERDE_NORMEN if v.geldig_vanaf <= invoer.peildatum]
    if not geldig:
        eerste = GEPUBLICEERDE_NORMEN[0].geldig_vanaf
        raise CommandError(
            f"peildatum: Er is geen normversie voor deze peildatum (vroegste: {eerste:%d-%m-%Y})."
        )
    versie = geldig[-1]
    normen = NormSet(
        geldig_vanaf=versie.geldig_vanaf,
        omschrijving=versie.omschrijving,
        waarden={k: NormWaarde(b.bedrag, b.bron) for k, b in versie.bedragen.items()},
    )
    try:
        return uitkomst_json(vtlb_berekenen(invoer, normen))
    except InvoerFout as fout:
        raise CommandError(f"{fout.veld}: {fout.melding}") from fout


class Command(BaseCommand):
    help = (
        "Bereken het vrij te laten bedrag (Recofa-methode) uit een JSON-bestand met dezelfde "
        "velden als POST /api/shv/v1/vtlb-berekeningen en druk het resultaat af als JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", help="JSON-bestand met de invoer, of - voor stdin.")
        parser.add_argument(
            "--organisatie",
            metavar="RSIN",
            help="RSIN van de organisatie wier normen gelden (standaard: de demo-organisatie).",
        )
        parser.add_argument(
            "--opslaan",
            action="store_true",
            help="Sla de berekening op als momentopname van de organisatie (als systeem).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        aanvraag = VtlbBerekeningAanvraagSerializer(data=json_lezen(options["bestand"]))
        data = valideren(aanvraag)
        organisatie = organisatie_kiezen(options.get("organisatie"))
        try:
            if options["opslaan"]:
                if organisatie is None:
                    raise CommandError("Opslaan kan alleen voor een bestaande organisatie.")
                actor = Actor.system(organisatie, weergave="Opdrachtregel raadhuis vtlb")
                berekening = vtlb_bereken(actor=actor, invoer=data)
                document = {"uuid": str(berekening.uuid), **berekening.uitkomst}
            elif organisatie is None:
                document = gepubliceerd_uitrekenen(data)
            else:
                _versie, uitkomst = vtlb_uitrekenen(organisatie=organisatie, invoer=data)
                document = uitkomst_json(uitkomst)
        except ValidationError as error:
            raise django_fout(error) from error
        json_schrijven(self.stdout, document)
