"""`raadhuis api-client create --client-id ID --secret SECRET [--all-scopes] [--organisatie RSIN]`.

For set-up scripts: registers an API application whose client signs its JWTs with SECRET.
Without --all-scopes, give the component and its scopes (and for zrc/drc/brc the type URL)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import ApplicatieClient, Component
from raadhuis.kernel.access.services import (
    AutorisatieData,
    applicatie_create,
    applicatie_update,
)
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.tools.management.commands.createorganisation import _meldingen


class Command(BaseCommand):
    help = "Beheer API-clients (ZGW JWT): `api-client create` of `api-client list`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="actie", required=True)
        create = sub.add_parser("create", help="Maak een API-client aan (of werk hem bij).")
        create.add_argument("--client-id", required=True)
        create.add_argument("--secret", required=True)
        create.add_argument("--label", default="", help="Naam van de applicatie.")
        create.add_argument(
            "--organisatie", default="", help="RSIN; nodig als er meer organisaties zijn."
        )
        create.add_argument(
            "--all-scopes", action="store_true", help="Alle autorisaties (heeftAlleAutorisaties)."
        )
        create.add_argument("--component", choices=Component.values)
        create.add_argument("--scopes", default="", help="Komma-gescheiden, bv. zaken.lezen")
        create.add_argument(
            "--type-url", default="", help="Zaak-, informatieobject- of besluittype."
        )
        create.add_argument("--max-vertrouwelijkheid", default="")
        sub.add_parser("list", help="Toon de API-clients.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["actie"] == "list":
            for client in ApplicatieClient.objects.select_related("applicatie__organisatie"):
                a = client.applicatie
                self.stdout.write(f"{client.client_id}\t{a.label}\t{a.organisatie.naam}")
            return
        organisatie = _organisatie(options["organisatie"])
        actor = Actor.system(organisatie, weergave="Beheercommando api-client")
        autorisaties = [] if options["all_scopes"] else [_autorisatie(options)]
        client_id = options["client_id"]
        existing = ApplicatieClient.objects.filter(client_id=client_id).first()
        try:
            if existing and existing.applicatie.organisatie_id == organisatie.pk:
                applicatie_update(
                    actor,
                    existing.applicatie,
                    secrets={client_id: options["secret"]},
                    heeft_alle_autorisaties=options["all_scopes"],
                    autorisaties=autorisaties,
                )
                verb = "bijgewerkt"
            else:
                applicatie_create(
                    actor,
                    label=options["label"] or client_id,
                    client_ids=[client_id],
                    secrets={client_id: options["secret"]},
                    heeft_alle_autorisaties=options["all_scopes"],
                    autorisaties=autorisaties,
                )
                verb = "aangemaakt"
        except ValidationError as error:
            raise CommandError(_meldingen(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"API-client '{client_id}' {verb} voor {organisatie.naam}.")
        )


def _organisatie(rsin: str) -> Organisatie:
    organisaties = Organisatie.objects.all()
    if rsin:
        organisaties = organisaties.filter(rsin=rsin)
    found = list(organisaties[:2])
    if not found:
        raise CommandError("Geen organisatie gevonden; maak er eerst een met createorganisation.")
    if len(found) > 1:
        raise CommandError("Er zijn meerdere organisaties: geef --organisatie RSIN.")
    return found[0]


def _autorisatie(options: dict[str, Any]) -> AutorisatieData:
    if not options["component"] or not options["scopes"]:
        raise CommandError("Geef --all-scopes, of --component met --scopes.")
    type_url = options["type_url"]
    component = options["component"]
    return AutorisatieData(
        component=component,
        scopes=[s.strip() for s in options["scopes"].split(",") if s.strip()],
        zaaktype=type_url if component == Component.ZRC else "",
        informatieobjecttype=type_url if component == Component.DRC else "",
        besluittype=type_url if component == Component.BRC else "",
        max_vertrouwelijkheidaanduiding=options["max_vertrouwelijkheid"],
    )
