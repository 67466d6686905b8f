"""Work queues: my tasks and cases, my teams' tasks, and the team leader's aggregate view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, F, Min, Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role, zaak_filter
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.organisations.models import Medewerker, Rol
from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_optellen
from raadhuis.kernel.workflow.models import Taak, TaakStatus


@dataclass(frozen=True)
class Werkvoorraad:
    taken: list[Taak]
    team_taken: list[Taak]
    zaken: list[Zaak]
    vandaag: date
    binnenkort: date  # due on or before this date counts as "due soon"

    def te_laat(self, datum: date | None) -> bool:
        return datum is not None and datum < self.vandaag

    @property
    def aantal_te_laat(self) -> int:
        return sum(1 for t in self.taken if t.vervaldatum < self.vandaag)


def _deadlines(actor: Actor) -> tuple[date, date]:
    organisatie = actor.organisatie
    today = vandaag(organisatie.tijdzone)
    return today, werkdagen_optellen(today, settings.DUE_SOON_WORKING_DAYS, organisatie.land)


def taken_open(*, actor: Actor) -> QuerySet[Taak]:
    return (
        Taak.objects.filter(zaak_filter(actor, prefix="zaak__"), status=TaakStatus.OPEN)
        .select_related("zaak", "zaak__zaaktype", "toegewezen_aan", "toegewezen_team")
        .order_by("vervaldatum", "id")
    )


# What the work-queue tables show (web/werkvoorraad templates): loading only these keeps
# the page from building ~400 full taak, zaak and zaaktype rows per view. Other fields still
# load on access (one query each), so a template that needs more should add it here.
WERKVOORRAAD_TAAK_KOLOMMEN = (
    "id",
    "uuid",
    "titel",
    "vervaldatum",
    "status",
    "toegewezen_aan",  # the id only: team tasks have none, my own tasks do not show it
    "zaak",
    "zaak__id",
    "zaak__uuid",
    "zaak__identificatie",
    "zaak__zaaktype",
    "zaak__zaaktype__id",
    "zaak__zaaktype__omschrijving",
    "toegewezen_team",
    "toegewezen_team__id",
    "toegewezen_team__naam",
)
WERKVOORRAAD_ZAAK_KOLOMMEN = (
    "id",
    "uuid",
    "identificatie",
    "omschrijving",
    "uiterlijke_einddatum_afdoening",
    "zaaktype",
    "zaaktype__id",
    "zaaktype__omschrijving",
    "status_actueel",
    "status_actueel__id",
    "status_actueel__statustype",
    "status_actueel__statustype__id",
    "status_actueel__statustype__omschrijving",
)


def werkvoorraad(*, actor: Actor, limit: int = 50) -> Werkvoorraad:
    """'Mijn werkvoorraad': my open tasks and my open cases, overdue first (by date).

    Four queries whatever the size: my teams, my tasks, my teams' unassigned tasks, my cases.
    The access filter is built once per shape (it can hold a department rule with queries of
    its own), and only the columns of WERKVOORRAAD_*_KOLOMMEN load."""
    today, soon = _deadlines(actor)
    medewerker = actor.medewerker
    if medewerker is None:
        return Werkvoorraad([], [], [], today, soon)
    open_taken = (
        Taak.objects.filter(zaak_filter(actor, prefix="zaak__"), status=TaakStatus.OPEN)
        .select_related("zaak__zaaktype", "toegewezen_team")
        .only(*WERKVOORRAAD_TAAK_KOLOMMEN)
        .order_by("vervaldatum", "id")
    )
    taken = list(open_taken.filter(toegewezen_aan=medewerker)[:limit])
    # The team ids as a list, not a subquery: with a subquery PostgreSQL gave up the
    # (toegewezen_team, status, vervaldatum) index walk (13 ms instead of 0.2 ms at 30k cases).
    team_ids = list(medewerker.eenheden.values_list("pk", flat=True))
    team_taken = list(
        open_taken.filter(toegewezen_team_id__in=team_ids, toegewezen_aan=None)[:limit]
    )
    zaken = list(
        Zaak.objects.filter(zaak_filter(actor), behandelaar=medewerker, einddatum__isnull=True)
        .select_related("zaaktype", "status_actueel__statustype")
        .only(*WERKVOORRAAD_ZAAK_KOLOMMEN)
        .order_by(F("uiterlijke_einddatum_afdoening").asc(nulls_last=True), "id")[:limit]
    )
    return Werkvoorraad(taken, team_taken, zaken, today, soon)


@dataclass(frozen=True)
class TeamRegel:
    """One medewerker's workload: counts and ages only, never a client or a case."""

    medewerker: str
    open_zaken: int
    zaken_over_termijn: int
    open_taken: int
    taken_te_laat: int
    taken_binnenkort: int
    oudste_zaak_dagen: int | None


def team_overview(*, actor: Actor) -> list[TeamRegel]:
    """Workload per medewerker for a teamleider: counted in the database, no client data."""
    require_role(actor, Rol.TEAMLEIDER)
    today, soon = _deadlines(actor)
    medewerkers = Medewerker.objects.filter(organisatie=actor.organisatie, actief=True)
    if actor.medewerker is not None:
        team_ids = list(actor.medewerker.eenheden.values_list("pk", flat=True))
        if team_ids:
            medewerkers = medewerkers.filter(eenheden__in=team_ids).distinct()
    zaak_counts = {
        row["behandelaar"]: row
        for row in Zaak.objects.filter(
            organisatie=actor.organisatie, einddatum__isnull=True, behandelaar__in=medewerkers
        )
        .values("behandelaar")
        .annotate(
            open=Count("id"),
            over=Count("id", filter=Q(uiterlijke_einddatum_afdoening__lt=today)),
            oudste=Min("startdatum"),
        )
    }
    taak_counts = {
        row["toegewezen_aan"]: row
        for row in Taak.objects.filter(
            organisatie=actor.organisatie, status=TaakStatus.OPEN, toegewezen_aan__in=medewerkers
        )
        .values("toegewezen_aan")
        .annotate(
            open=Count("id"),
            te_laat=Count("id", filter=Q(vervaldatum__lt=today)),
            binnenkort=Count("id", filter=Q(vervaldatum__gte=today, vervaldatum__lte=soon)),
        )
    }
    regels = []
    for m in medewerkers.order_by("achternaam", "id"):
        if Rol.MEDEWERKER not in m.rollen:
            continue  # the team leader and other non-case roles carry no caseload
        z = zaak_counts.get(m.pk, {})
        t = taak_counts.get(m.pk, {})
        oudste = z.get("oudste")
        regels.append(
            TeamRegel(
                medewerker=m.naam,
                open_zaken=z.get("open", 0),
                zaken_over_termijn=z.get("over", 0),
                open_taken=t.get("open", 0),
                taken_te_laat=t.get("te_laat", 0),
                taken_binnenkort=t.get("binnenkort", 0),
                oudste_zaak_dagen=(today - oudste).days if oudste else None,
            )
        )
    return regels
