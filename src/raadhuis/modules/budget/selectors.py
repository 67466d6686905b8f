"""Every read of budget accounts and their plans. Access is part of the SQL (the case's type and
confidentiality, `zaak_filter`), and reading a client's account writes the processing log."""

from __future__ import annotations

import uuid as uuid_module
from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import mag_zaak_object_zien, zaak_filter
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.modules.budget.catalogus import require_budget_toegang
from raadhuis.modules.budget.models import (
    Beheerrekening,
    Betaalpost,
    Budgetrekening,
    Inkomstenpost,
    RekeningStatus,
    Reservering,
)

DOEL = "Budgetbeheer"
M = TypeVar("M", bound=Model)


def budgetrekeningen_zichtbaar(actor: Actor) -> QuerySet[Budgetrekening]:
    """The accounts whose case the actor may see (no processing log: for counts and lookups)."""
    require_budget_toegang(actor)
    return Budgetrekening.objects.filter(zaak_filter(actor, prefix="zaak__"))


def budgetrekeningen_voor(
    actor: Actor,
    *,
    zoekterm: str = "",
    status: str = RekeningStatus.ACTIEF,
    alleen_eigen: bool = False,
    limit: int = 200,
) -> list[Budgetrekening]:
    """The accounts of the list page, newest first; every client shown is logged.

    `status` is "actief", "beeindigd" or "" (all); `alleen_eigen` keeps the accounts whose case
    the actor handles; `zoekterm` matches the payment reference, the case number or the name."""
    qs = budgetrekeningen_zichtbaar(actor).select_related(
        "client", "zaak", "zaak__behandelaar", "zaak__status_actueel__statustype", "beheerrekening"
    )
    if status:
        qs = qs.filter(status=status)
    if alleen_eigen and actor.medewerker is not None:
        qs = qs.filter(zaak__behandelaar=actor.medewerker)
    term = zoekterm.strip()
    if term:
        qs = qs.filter(
            Q(kenmerk__iexact=term)
            | Q(zaak__identificatie__istartswith=term)
            | Q(client__weergavenaam__icontains=term)
            | Q(client_tenaamstelling__icontains=term)
        )
    rekeningen = list(qs.order_by("-startdatum", "-pk")[:limit])
    if rekeningen:
        verwerkingen_record(
            actor=actor,
            handeling="Lijst budgetrekeningen ingezien",
            doel=DOEL,
            partijen=[r.client for r in rekeningen],
        )
    return rekeningen


def budgetrekening_get(
    actor: Actor, uuid: uuid_module.UUID | str, *, doel: str = DOEL
) -> Budgetrekening:
    """One account with its plan; logs the client. Not found and not allowed look the same."""
    try:
        rekening = (
            budgetrekeningen_zichtbaar(actor)
            .select_related(
                "client",
                "beheerrekening",
                "organisatie",
                "zaak",
                "zaak__zaaktype",
                "zaak__behandelaar",
                "zaak__status_actueel__statustype",
            )
            .prefetch_related("inkomsten", "betaalposten", "reserveringen")
            .get(uuid=uuid_module.UUID(str(uuid)))
        )
    except (Budgetrekening.DoesNotExist, ValueError) as error:
        raise NietGevonden("Budgetrekening niet gevonden.") from error
    verwerkingen_record(
        actor=actor,
        handeling="Budgetrekening ingezien",
        doel=doel,
        partijen=[rekening.client],
        zaak=rekening.zaak,
    )
    return rekening


def budgetrekening_bij_zaak(actor: Actor, zaak: Zaak) -> Budgetrekening | None:
    """The account of this case, or of the budget case that follows it (a debt track's
    budget management is its own case, linked as 'vervolg'); None when there is none or the
    actor may not see it. Logs the client when one is found.

    The candidates are few (one account, now and then a second), so each account's case is
    checked with mag_zaak_object_zien, zaak_filter's twin for one loaded case, in the same
    newest-first order: zaak_filter spelled out every granted case type (and a department
    rule's query) for the case page, which had checked this case already."""
    try:
        require_budget_toegang(actor)
    except (NietGevonden, ToegangGeweigerd):
        return None
    kandidaten = (
        Budgetrekening.objects.filter(
            Q(zaak=zaak) | Q(zaak__relevante_andere_zaken__andere_zaak=zaak)
        )
        .select_related("client", "zaak")
        .order_by("-startdatum", "-pk")
    )
    rekening = next((r for r in kandidaten if mag_zaak_object_zien(actor, r.zaak)), None)
    if rekening is not None:
        verwerkingen_record(
            actor=actor,
            handeling="Budgetrekening bij zaak ingezien",
            doel=DOEL,
            partijen=[rekening.client],
            zaak=rekening.zaak,
        )
    return rekening


def _plan_onderdeel(actor: Actor, model: type[M], uuid: uuid_module.UUID | str) -> M:
    zichtbaar = budgetrekeningen_zichtbaar(actor)
    try:
        return (
            model.objects.select_related("budgetrekening", "budgetrekening__zaak")
            .filter(budgetrekening__in=zichtbaar)
            .get(uuid=uuid_module.UUID(str(uuid)))
        )
    except (model.DoesNotExist, ValueError) as error:
        raise NietGevonden("Niet gevonden.") from error


def inkomstenpost_get(actor: Actor, uuid: uuid_module.UUID | str) -> Inkomstenpost:
    return _plan_onderdeel(actor, Inkomstenpost, uuid)


def betaalpost_get(actor: Actor, uuid: uuid_module.UUID | str) -> Betaalpost:
    return _plan_onderdeel(actor, Betaalpost, uuid)


def reservering_get(actor: Actor, uuid: uuid_module.UUID | str) -> Reservering:
    return _plan_onderdeel(actor, Reservering, uuid)


def beheerrekeningen_actief(actor: Actor) -> QuerySet[Beheerrekening]:
    require_budget_toegang(actor)
    return Beheerrekening.objects.filter(organisatie=actor.organisatie, actief=True).order_by(
        "naam"
    )


def zaken_voor_budgetbeheer(actor: Actor, partij_uuid: uuid_module.UUID | str) -> QuerySet[Zaak]:
    """Open cases of the client the actor may see, to link a new budget account to (e.g. the
    client's debt track)."""
    require_budget_toegang(actor)
    return (
        Zaak.objects.filter(zaak_filter(actor))
        .filter(rollen__partij__uuid=partij_uuid, einddatum__isnull=True)
        .exclude(budgetrekening__isnull=False)
        .select_related("zaaktype")
        .distinct()
        .order_by("-startdatum")
    )
