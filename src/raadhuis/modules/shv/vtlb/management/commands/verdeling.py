"""`raadhuis verdeling FILE.json`: the pro-rata distribution of `POST /api/shv/v1/verdelingen`
on the command line. Input `{"totaal": "900.00", "schulden": [{"id": ..., "bedrag": ...,
"preferent": false}], "preferent_weging": "1"}`; prints the same JSON result. Exit status 1
with a Dutch message on standard error when the input is not valid."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from raadhuis.modules.shv.vtlb.api.serializers import VerdelingAanvraagSerializer
from raadhuis.modules.shv.vtlb.management.commands._invoer import (
    json_lezen,
    json_schrijven,
    valideren,
)
from raadhuis.modules.shv.vtlb.weergave import verdeling_json


class Command(BaseCommand):
    help = (
        "Verdeel een bedrag pondspondsgewijs over schulden (JSON zoals POST "
        "/api/shv/v1/verdelingen) en druk de verdeling af als JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", help="JSON-bestand met de invoer, of - voor stdin.")

    def handle(self, *args: Any, **options: Any) -> None:
        data = valideren(VerdelingAanvraagSerializer(data=json_lezen(options["bestand"])))
        json_schrijven(self.stdout, verdeling_json(data["verdeling"]))
