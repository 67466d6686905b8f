"""The team manager's figures on debt assistance (user story 3): workload per consultant and
its trend, overdue actions, lead time per phase and the legal terms of the Wgs that were met.

Aggregates only: every value is a count, an average or a percentage next to a consultant's
name (staff, not clients). No function here returns a client, a case, a case number or a
document, so the page built on it cannot show one; a teamleider never passes the case
selectors either (kernel.access.policies.zaak_filter gives them nothing).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import mean
from zoneinfo import ZoneInfo

from django.db.models import Count, Q

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.cases.models import Status
from raadhuis.kernel.organisations.models import Medewerker, Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.modules.shv.models import Fase, ShvDossier

WEKEN = 12
# The legal terms count over the requests of the last year: recent enough to steer on.
TERMIJN_VENSTER_DAGEN = 365
# Phases whose lead time is shown: every phase a dossier can leave (not the end state).
FASEN = [f for f in Fase if f != Fase.AFGESLOTEN]


@dataclass(frozen=True)
class Percentage:
    """Terms met out of the terms that have fallen due (met in time, late, or passed)."""

    tijdig: int
    totaal: int

    @property
    def procent(self) -> int | None:
        return round(100 * self.tijdig / self.totaal) if self.totaal else None


@dataclass(frozen=True)
class ConsulentCijfers:
    medewerker: str  # a consultant's name: staff, never a client
    open_dossiers: int
    nieuw_per_week: tuple[int, ...]
    open_per_week: tuple[int, ...]  # the caseload at the end of each week
    acties_open: int
    acties_te_laat: int
    doorlooptijd_per_fase: dict[str, int | None]  # Fase code -> average days
    eerste_gesprek: Percentage
    beschikking: Percentage

    @property
    def nieuw_totaal(self) -> int:
        return sum(self.nieuw_per_week)

    @property
    def fasen_met_dagen(self) -> list[tuple[str, int | None]]:
        """(phase label, average days) in the order of FASEN, for a table row."""
        return [(str(f.label), self.doorlooptijd_per_fase.get(f.value)) for f in FASEN]


@dataclass(frozen=True)
class Teamcijfers:
    peildatum: date
    weken: tuple[date, ...]  # the Monday of each week, oldest first
    consulenten: list[ConsulentCijfers]
    totaal: ConsulentCijfers
    fasen: list[tuple[str, str]] = field(default_factory=list)  # (code, label) shown


def _team_consulenten(actor: Actor) -> list[Medewerker]:
    """The active case workers of the manager's teams (all of the organisation's when the
    manager is in no team), as the kernel's team overview counts them."""
    medewerkers = Medewerker.objects.filter(organisatie=actor.organisatie, actief=True)
    if actor.medewerker is not None:
        team_ids = list(actor.medewerker.eenheden.values_list("pk", flat=True))
        if team_ids:
            medewerkers = medewerkers.filter(eenheden__in=team_ids).distinct()
    return [m for m in medewerkers.order_by("achternaam", "id") if Rol.MEDEWERKER in m.rollen]


def _weken(peildatum: date) -> tuple[date, ...]:
    maandag = peildatum - timedelta(days=peildatum.weekday())
    return tuple(maandag - timedelta(weeks=n) for n in range(WEKEN - 1, -1, -1))


def teamcijfers(*, actor: Actor) -> Teamcijfers:
    """Every figure of the manager's page, computed from the dossiers of the team's consultants."""
    require_role(actor, Rol.TEAMLEIDER)
    peildatum = vandaag(actor.organisatie.tijdzone)
    weken = _weken(peildatum)
    consulenten = _team_consulenten(actor)
    ids = [m.pk for m in consulenten]
    dossiers = list(
        ShvDossier.objects.filter(organisatie=actor.organisatie, zaak__behandelaar_id__in=ids)
        .values(
            "zaak_id",
            "zaak__behandelaar_id",
            "zaak__einddatum",
            "aanmeldingsdatum",
            "eerste_gesprek_uiterlijk",
            "eerste_gesprek_op",
            "beschikking_uiterlijk",
            "beschikking_op",
        )
        .order_by()
    )
    per_consulent: dict[int, list[dict]] = defaultdict(list)
    for d in dossiers:
        per_consulent[d["zaak__behandelaar_id"]].append(d)
    acties = _acties(actor, ids, peildatum)
    verblijven = _faseverblijven([d["zaak_id"] for d in dossiers], actor.organisatie.tijdzone)
    behandelaar_van = {d["zaak_id"]: d["zaak__behandelaar_id"] for d in dossiers}
    duur: dict[int | None, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for zaak_id, fase, dagen in verblijven:
        duur[behandelaar_van[zaak_id]][fase].append(dagen)
        duur[None][fase].append(dagen)  # the team as a whole
    regels = [
        _cijfers(
            m.naam,
            per_consulent.get(m.pk, []),
            acties.get(m.pk, (0, 0)),
            duur[m.pk],
            weken,
            peildatum,
        )
        for m in consulenten
    ]
    team_acties = (
        sum(a for a, _ in acties.values()),
        sum(t for _, t in acties.values()),
    )
    totaal = _cijfers("", dossiers, team_acties, duur[None], weken, peildatum)
    return Teamcijfers(
        peildatum=peildatum,
        weken=weken,
        consulenten=regels,
        totaal=totaal,
        fasen=[(f.value, str(f.label)) for f in FASEN],
    )


def _cijfers(
    naam: str,
    dossiers: list[dict],
    acties: tuple[int, int],
    duur: dict[str, list[int]],
    weken: tuple[date, ...],
    peildatum: date,
) -> ConsulentCijfers:
    nieuw = [0] * len(weken)
    open_ = [0] * len(weken)
    for d in dossiers:
        start, eind = d["aanmeldingsdatum"], d["zaak__einddatum"]
        for i, maandag in enumerate(weken):
            zondag = maandag + timedelta(days=6)
            if maandag <= start <= zondag:
                nieuw[i] += 1
            if start <= zondag and (eind is None or eind > zondag):
                open_[i] += 1
    venster = peildatum - timedelta(days=TERMIJN_VENSTER_DAGEN)
    recent = [d for d in dossiers if d["aanmeldingsdatum"] >= venster]
    return ConsulentCijfers(
        medewerker=naam,
        open_dossiers=sum(1 for d in dossiers if d["zaak__einddatum"] is None),
        nieuw_per_week=tuple(nieuw),
        open_per_week=tuple(open_),
        acties_open=acties[0],
        acties_te_laat=acties[1],
        doorlooptijd_per_fase={
            f.value: round(mean(duur[f.value])) if duur.get(f.value) else None for f in FASEN
        },
        eerste_gesprek=_termijn(recent, "eerste_gesprek_uiterlijk", "eerste_gesprek_op", peildatum),
        beschikking=_termijn(recent, "beschikking_uiterlijk", "beschikking_op", peildatum),
    )


def _termijn(dossiers: list[dict], uiterlijk: str, op: str, peildatum: date) -> Percentage:
    """A term counts once it is met or has passed; it was met when done on or before its date."""
    tijdig = totaal = 0
    for d in dossiers:
        termijn, gedaan = d[uiterlijk], d[op]
        if termijn is None or (gedaan is None and termijn >= peildatum):
            continue  # no term yet, or still running
        totaal += 1
        tijdig += gedaan is not None and gedaan <= termijn
    return Percentage(tijdig=tijdig, totaal=totaal)


def _acties(actor: Actor, medewerker_ids: list[int], peildatum: date) -> dict[int, tuple[int, int]]:
    """Open tasks on debt cases per consultant: (open, overdue)."""
    rows = (
        Taak.objects.filter(
            organisatie=actor.organisatie,
            status=TaakStatus.OPEN,
            toegewezen_aan_id__in=medewerker_ids,
            zaak__shv_dossier__isnull=False,
        )
        .values("toegewezen_aan_id")
        .annotate(open=Count("id"), te_laat=Count("id", filter=Q(vervaldatum__lt=peildatum)))
        .order_by()
    )
    return {r["toegewezen_aan_id"]: (r["open"], r["te_laat"]) for r in rows}


def _faseverblijven(zaak_ids: list[int], tijdzone: str) -> list[tuple[int, str, int]]:
    """(zaak id, phase, days) for every stay in a phase that has ended: from the status that
    entered the phase to the next status. The phase is the status type's generic description
    (the debt catalogue writes the Fase code there)."""
    verblijven: list[tuple[int, str, int]] = []
    vorige: tuple[int, str, date] | None = None
    statussen = (
        Status.objects.filter(zaak_id__in=zaak_ids)
        .order_by("zaak_id", "datum_status_gezet", "id")
        .values_list("zaak_id", "statustype__omschrijving_generiek", "datum_status_gezet")
    )
    fasen = {f.value for f in FASEN}
    zone = ZoneInfo(tijdzone)
    for zaak_id, fase, gezet in statussen.iterator():
        dag = gezet.astimezone(zone).date()
        if vorige is not None and vorige[0] == zaak_id and vorige[1] in fasen:
            verblijven.append((zaak_id, vorige[1], (dag - vorige[2]).days))
        vorige = (zaak_id, fase, dag)
    return verblijven
