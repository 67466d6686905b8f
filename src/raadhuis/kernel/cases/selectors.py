"""Every read of cases. Access is part of the SQL; reading a case logs the personal data seen."""

from __future__ import annotations

import uuid as uuid_module

from django.db.models import Prefetch, Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import zaak_filter
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.cases.models import Rol, Status, Zaak
from raadhuis.kernel.exceptions import NietGevonden


def zaken_visible(*, actor: Actor) -> QuerySet[Zaak]:
    return Zaak.objects.filter(zaak_filter(actor))


def zaken_list(
    *,
    actor: Actor,
    zoekterm: str = "",
    zaaktype_uuid: str | None = None,
    status: str = "",
    behandelaar_id: int | None = None,
) -> QuerySet[Zaak]:
    """Cases the actor may see, newest first, with what a list row shows joined in.

    `status` is "open", "gesloten" or "" (all); `zoekterm` matches the case number (prefix)
    or the description.
    """
    qs = zaken_visible(actor=actor).select_related(
        "zaaktype", "status_actueel__statustype", "behandelaar"
    )
    if zoekterm:
        term = zoekterm.strip()
        qs = qs.filter(Q(identificatie__istartswith=term) | Q(omschrijving__icontains=term))
    if zaaktype_uuid:
        try:
            qs = qs.filter(zaaktype__uuid=uuid_module.UUID(str(zaaktype_uuid)))
        except ValueError:
            return qs.none()
    if status == "open":
        qs = qs.filter(einddatum__isnull=True)
    elif status == "gesloten":
        qs = qs.filter(einddatum__isnull=False)
    if behandelaar_id:
        qs = qs.filter(behandelaar_id=behandelaar_id)
    return qs.order_by("-startdatum", "-id")


def zaak_get(*, actor: Actor, uuid: uuid_module.UUID | str, doel: str = "Zaakbehandeling") -> Zaak:
    """One case with everything its detail page shows; logs the persons whose data is shown."""
    try:
        uuid = uuid_module.UUID(str(uuid))
        zaak = (
            zaken_visible(actor=actor)
            .select_related(
                "zaaktype",
                "zaaktype__catalogus",
                "organisatie",
                "status_actueel__statustype",
                "behandelaar",
                "hoofdzaak",
            )
            .prefetch_related(
                Prefetch(
                    "statussen",
                    queryset=Status.objects.select_related("statustype", "gezetdoor"),
                ),
                Prefetch(
                    "rollen",
                    queryset=Rol.objects.select_related(
                        "roltype", "partij", "medewerker", "eenheid"
                    ),
                ),
                "eigenschappen__eigenschap",
            )
            .get(uuid=uuid)
        )
    except (Zaak.DoesNotExist, ValueError) as error:
        # Not found and not allowed look the same, so a list of ids reveals nothing.
        raise NietGevonden("Zaak niet gevonden.") from error
    verwerkingen_record(
        actor=actor,
        handeling="Zaak ingezien",
        doel=doel,
        partijen=[rol.partij for rol in zaak.rollen.all() if rol.partij is not None],
        zaak=zaak,
    )
    return zaak
