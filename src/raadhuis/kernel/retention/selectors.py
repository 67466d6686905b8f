"""Reads of retention terms, destruction lists and their reports.

Who reads what:
- the functioneel beheerder: everything here, for their own organisation;
- the auditor: the reports (verslagen) only;
- everyone else: nothing (ToegangGeweigerd).

These pages show case numbers, case types, results and dates, never a name, a BSN, a case's
own description or a document: nothing here reads personal data, so nothing is written to the
processing log.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.catalog.models import ResultaatType, ZaakType
from raadhuis.kernel.common import Archiefnominatie, Archiefstatus
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.retention.models import (
    Bewaartermijn,
    ItemStatus,
    LijstStatus,
    Vernietigingslijst,
    VernietigingslijstItem,
    Vernietigingsverslag,
)
from raadhuis.kernel.retention.rules import GeldendeBewaartermijn, bewaartermijn_geldend
from raadhuis.kernel.workflow.calendar import vandaag

# Lists whose cases are still spoken for: a case is on at most one of these at a time.
LOPENDE_LIJSTEN = (
    LijstStatus.NIEUW,
    LijstStatus.TER_BEOORDELING,
    LijstStatus.AFGEWEZEN,
    LijstStatus.GOEDGEKEURD,
)


def require_beheer(actor: Actor) -> None:
    require_role(actor, Rol.FUNCTIONEEL_BEHEERDER)


def require_verslag_lezen(actor: Actor) -> None:
    require_role(actor, Rol.FUNCTIONEEL_BEHEERDER, Rol.AUDITOR)


# --- retention terms --------------------------------------------------------------------------
@dataclass(frozen=True)
class ResultaatTypeTermijn:
    resultaattype: ResultaatType
    geldend: GeldendeBewaartermijn


@dataclass(frozen=True)
class ZaakTypeTermijnen:
    zaaktype: ZaakType
    resultaattypen: list[ResultaatTypeTermijn]


def bewaartermijnen_overzicht(*, actor: Actor) -> list[ZaakTypeTermijnen]:
    """Every case type version of the organisation with its result types and the terms that
    apply to them (the organisation's own where set, else the catalogue's)."""
    require_beheer(actor)
    zaaktypen = (
        ZaakType.objects.filter(catalogus__organisatie_id=actor.organisatie.pk)
        .order_by("omschrijving", "identificatie", "-versiedatum")
        .prefetch_related(
            Prefetch(
                "resultaattypen",
                queryset=ResultaatType.objects.order_by("omschrijving", "pk").prefetch_related(
                    Prefetch(
                        "bewaartermijnen",
                        queryset=Bewaartermijn.objects.order_by("-vastgesteld_op", "-id"),
                    )
                ),
            )
        )
    )
    return [
        ZaakTypeTermijnen(
            zaaktype=zt,
            resultaattypen=[
                ResultaatTypeTermijn(resultaattype=rt, geldend=bewaartermijn_geldend(rt))
                for rt in zt.resultaattypen.all()
            ],
        )
        for zt in zaaktypen
    ]


def resultaattype_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> ResultaatType:
    require_beheer(actor)
    try:
        uuid = uuid_module.UUID(str(uuid))
    except ValueError as error:
        raise NietGevonden("Resultaattype niet gevonden.") from error
    rt = (
        ResultaatType.objects.select_related("zaaktype", "zaaktype__catalogus")
        .filter(uuid=uuid, zaaktype__catalogus__organisatie_id=actor.organisatie.pk)
        .first()
    )
    if rt is None:
        raise NietGevonden("Resultaattype niet gevonden.")
    return rt


def bewaartermijn_historie(*, actor: Actor, resultaattype: ResultaatType) -> list[Bewaartermijn]:
    require_beheer(actor)
    return list(
        Bewaartermijn.objects.filter(resultaattype_id=resultaattype.pk).order_by(
            "-vastgesteld_op", "-id"
        )
    )


def gesloten_zaken_met_resultaattype(*, organisatie_id: int, resultaattype: ResultaatType):
    """Closed cases with this result that still exist in full (not transferred)."""
    return Zaak.objects.filter(
        organisatie_id=organisatie_id,
        einddatum__isnull=False,
        resultaat__resultaattype=resultaattype,
    ).exclude(archiefstatus=Archiefstatus.OVERGEDRAGEN)


def herberekening_aantal(*, actor: Actor, resultaattype: ResultaatType) -> int:
    """How many closed cases a recomputation of their archive date would look at."""
    require_beheer(actor)
    return gesloten_zaken_met_resultaattype(
        organisatie_id=actor.organisatie.pk, resultaattype=resultaattype
    ).count()


# --- cases due for destruction ----------------------------------------------------------------
def zaken_te_vernietigen_query(
    *,
    organisatie_id: int,
    peildatum: date,
    zaaktype_identificatie: str = "",
    tot: date | None = None,
) -> QuerySet[Zaak]:
    """Closed cases to be destroyed whose archive action date has passed on `peildatum` (or
    on `tot`, when earlier), not on another running list and not transferred."""
    grens = min(peildatum, tot) if tot else peildatum
    op_een_lijst = VernietigingslijstItem.objects.filter(
        lijst__organisatie_id=organisatie_id,
        lijst__status__in=LOPENDE_LIJSTEN,
        status=ItemStatus.OPGENOMEN,
    ).values("zaak_uuid")
    qs = (
        Zaak.objects.filter(
            organisatie_id=organisatie_id,
            einddatum__isnull=False,
            archiefnominatie=Archiefnominatie.VERNIETIGEN,
            archiefactiedatum__isnull=False,
            archiefactiedatum__lte=grens,
        )
        .exclude(archiefstatus=Archiefstatus.OVERGEDRAGEN)
        .exclude(uuid__in=op_een_lijst)
    )
    if zaaktype_identificatie:
        qs = qs.filter(zaaktype__identificatie=zaaktype_identificatie)
    return qs.order_by("archiefactiedatum", "identificatie", "pk")


def zaken_te_vernietigen(
    *,
    actor: Actor,
    zaaktype_identificatie: str = "",
    tot: date | None = None,
    peildatum: date | None = None,
) -> QuerySet[Zaak]:
    """The cases a new destruction list would hold, with case type and result joined in (the
    screen shows those and the dates, nothing else of the case)."""
    require_beheer(actor)
    return zaken_te_vernietigen_query(
        organisatie_id=actor.organisatie.pk,
        peildatum=peildatum or vandaag(actor.organisatie.tijdzone),
        zaaktype_identificatie=zaaktype_identificatie,
        tot=tot,
    ).select_related("zaaktype", "resultaat__resultaattype")


def zaaktype_keuzes(*, actor: Actor) -> list[tuple[str, str]]:
    """(identificatie, omschrijving) of the organisation's case types, one per identificatie."""
    require_beheer(actor)
    rows = (
        ZaakType.objects.filter(catalogus__organisatie_id=actor.organisatie.pk)
        .order_by("identificatie", "-versiedatum")
        .values_list("identificatie", "omschrijving")
    )
    gezien: dict[str, str] = {}
    for identificatie, omschrijving in rows:
        gezien.setdefault(identificatie, omschrijving)
    return sorted(gezien.items(), key=lambda p: (p[1].lower(), p[0]))


# --- lists and reports ------------------------------------------------------------------------
def _met_aantallen(qs: QuerySet[Vernietigingslijst]) -> QuerySet[Vernietigingslijst]:
    return qs.annotate(
        aantal_zaken=Count("items", filter=~Q(items__status=ItemStatus.UITGEZONDERD)),
    )


def vernietigingslijsten(*, actor: Actor) -> QuerySet[Vernietigingslijst]:
    require_beheer(actor)
    return _met_aantallen(
        Vernietigingslijst.objects.filter(organisatie_id=actor.organisatie.pk).select_related(
            "auteur", "beoordelaar"
        )
    ).order_by("-aangemaakt_op", "-id")


def vernietigingslijst_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> Vernietigingslijst:
    require_beheer(actor)
    return _lijst(actor, uuid)


def _lijst(actor: Actor, uuid: uuid_module.UUID | str) -> Vernietigingslijst:
    try:
        uuid = uuid_module.UUID(str(uuid))
    except ValueError as error:
        raise NietGevonden("Vernietigingslijst niet gevonden.") from error
    lijst = (
        Vernietigingslijst.objects.select_related("auteur", "beoordelaar", "uitvoerder")
        .filter(organisatie_id=actor.organisatie.pk, uuid=uuid)
        .first()
    )
    if lijst is None:
        raise NietGevonden("Vernietigingslijst niet gevonden.")
    return lijst


def lijst_items(lijst: Vernietigingslijst) -> list[VernietigingslijstItem]:
    return list(lijst.items.select_related("uitgezonderd_door").order_by(*ITEM_VOLGORDE))


ITEM_VOLGORDE = ("archiefactiedatum", "identificatie", "pk")


def vernietigingslijst_item_get(
    *, actor: Actor, lijst: Vernietigingslijst, uuid: uuid_module.UUID | str
) -> VernietigingslijstItem:
    require_beheer(actor)
    try:
        uuid = uuid_module.UUID(str(uuid))
    except ValueError as error:
        raise NietGevonden("Zaak niet gevonden op deze lijst.") from error
    item = lijst.items.filter(uuid=uuid).first()
    if item is None:
        raise NietGevonden("Zaak niet gevonden op deze lijst.")
    return item


def vernietigingsverslagen(*, actor: Actor) -> QuerySet[Vernietigingsverslag]:
    require_verslag_lezen(actor)
    return (
        Vernietigingsverslag.objects.filter(organisatie_id=actor.organisatie.pk)
        .select_related("lijst", "lijst__auteur", "lijst__beoordelaar", "lijst__uitvoerder")
        .order_by("-opgesteld_op", "-id")
    )


def vernietigingsverslag_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> Vernietigingsverslag:
    """One report by its own uuid, with its list."""
    require_verslag_lezen(actor)
    try:
        uuid = uuid_module.UUID(str(uuid))
    except ValueError as error:
        raise NietGevonden("Vernietigingsverslag niet gevonden.") from error
    verslag = vernietigingsverslagen(actor=actor).filter(uuid=uuid).first()
    if verslag is None:
        raise NietGevonden("Vernietigingsverslag niet gevonden.")
    return verslag
