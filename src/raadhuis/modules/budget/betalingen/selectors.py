"""Reads of payments for the screens (access filter + processing log)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import zaak_filter
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.modules.budget.betalingen.algemeen import NUL, require_betalingen_toegang
from raadhuis.modules.budget.models import (
    Betaalopdracht,
    Betaalvoorstel,
    OpdrachtStatus,
)

DOEL = "Budgetbeheer: betalingen aan vaste lasten en leefgeld"


def voorstellen_lijst(actor: Actor) -> Any:  # noqa: ANN401 - a QuerySet of Betaalvoorstel
    """The organisation's proposals, newest first, with counts and totals (no personal data)."""
    require_betalingen_toegang(actor)
    return (
        Betaalvoorstel.objects.filter(organisatie_id=actor.organisatie.pk)
        .select_related("beheerrekening", "beoordeeld_door")
        .annotate(
            aantal=Count("opdrachten"),
            totaal=Sum(
                "opdrachten__bedrag",
                filter=~Q(
                    opdrachten__status__in=[
                        OpdrachtStatus.TEGENGEHOUDEN,
                        OpdrachtStatus.AFGEWEZEN,
                    ]
                ),
            ),
            tegengehouden=Count(
                "opdrachten", filter=Q(opdrachten__status=OpdrachtStatus.TEGENGEHOUDEN)
            ),
        )
        .order_by("-uitvoerdatum", "-pk")
    )


def voorstel_get(actor: Actor, uuid_: uuid.UUID | str) -> Betaalvoorstel:
    require_betalingen_toegang(actor)
    try:
        return Betaalvoorstel.objects.select_related(
            "beheerrekening", "opgesteld_door", "beoordeeld_door"
        ).get(organisatie_id=actor.organisatie.pk, uuid=uuid.UUID(str(uuid_)))
    except (Betaalvoorstel.DoesNotExist, ValueError) as error:
        raise NietGevonden(_("Betaalvoorstel niet gevonden.")) from error


def opdracht_get(actor: Actor, uuid_: uuid.UUID | str) -> Betaalopdracht:
    require_betalingen_toegang(actor)
    try:
        return (
            Betaalopdracht.objects.filter(zaak_filter(actor, prefix="budgetrekening__zaak__"))
            .select_related("voorstel", "budgetrekening__zaak")
            .get(uuid=uuid.UUID(str(uuid_)))
        )
    except (Betaalopdracht.DoesNotExist, ValueError) as error:
        raise NietGevonden(_("Betaling niet gevonden.")) from error


@dataclass
class Voorstelregels:
    """A proposal's payments the actor may see, split the way the screen shows them."""

    betalingen: list[Betaalopdracht]
    tegengehouden: list[Betaalopdracht]
    overig: list[Betaalopdracht]
    verborgen: int
    totaal: Decimal


def voorstel_regels(actor: Actor, voorstel: Betaalvoorstel, *, handeling: str) -> Voorstelregels:
    """The lines of a proposal for the screen or a download, with one processing-log entry per
    client shown (AVG art. 30)."""
    require_betalingen_toegang(actor)
    alle = Betaalopdracht.objects.filter(voorstel=voorstel)
    zichtbaar = list(
        alle.filter(zaak_filter(actor, prefix="budgetrekening__zaak__"))
        .select_related(
            "budgetrekening__client",
            "budgetrekening__zaak",
            "betaalpost",
            "roodstand_gevraagd_door",
            "roodstand_toegestaan_door",
        )
        .order_by("budgetrekening__kenmerk", "vervaldatum", "pk")
    )
    verborgen = alle.count() - len(zichtbaar)
    clienten = {o.budgetrekening.client_id: o.budgetrekening.client for o in zichtbaar}
    if clienten:
        verwerkingen_record(
            actor=actor, handeling=handeling, doel=DOEL, partijen=list(clienten.values())
        )
    betaald = (OpdrachtStatus.VOORGESTELD, OpdrachtStatus.ONDERWEG, OpdrachtStatus.AFGESCHREVEN)
    betalingen = [o for o in zichtbaar if o.status in betaald]
    return Voorstelregels(
        betalingen=betalingen,
        tegengehouden=[o for o in zichtbaar if o.status == OpdrachtStatus.TEGENGEHOUDEN],
        overig=[
            o for o in zichtbaar if o.status in (OpdrachtStatus.AFGEWEZEN, OpdrachtStatus.RETOUR)
        ],
        verborgen=verborgen,
        totaal=sum((o.bedrag for o in betalingen), NUL),
    )
