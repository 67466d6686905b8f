"""Reads of processes: the process editor's lists (configuration and counts only: a functional
administrator sees how many cases run a version, never which), and a case's process with its
step history (for whoever may see the case)."""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from django.db.models import Count, Q

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_zaak_toegang
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_optellen
from raadhuis.kernel.workflow.models import (
    ActieUitvoering,
    ProcesActie,
    Procesdefinitie,
    ProcesStap,
    ProcesVersie,
    ProcesVersieStatus,
    StapReden,
    UitvoeringStatus,
    ZaakProces,
)
from raadhuis.kernel.workflow.proces_services import (
    keuze_context,
    procesactie_omschrijving,
    require_procesbeheer,
)

_Beheerd = TypeVar("_Beheerd", Procesdefinitie, ProcesVersie, ProcesStap, ProcesActie)

# --- the editor ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProcesRegel:
    """One case type in the list of processes, with its process if it has one."""

    zaaktype: ZaakType  # newest version
    definitie: Procesdefinitie | None
    actieve_versie: int | None
    heeft_concept: bool
    lopende_zaken: int


def processen_lijst(*, actor: Actor) -> list[ProcesRegel]:
    """Every case type of the organisation (newest version) with its process, by name."""
    require_procesbeheer(actor)
    nieuwste: dict[tuple[int, str], ZaakType] = {}
    for zaaktype in (
        ZaakType.objects.filter(catalogus__organisatie_id=actor.organisatie.pk)
        .select_related("catalogus")
        .order_by("-versiedatum", "-id")
    ):
        nieuwste.setdefault((zaaktype.catalogus_id, zaaktype.identificatie), zaaktype)
    definities = {
        (d.catalogus_id, d.zaaktype_identificatie): d
        for d in Procesdefinitie.objects.filter(organisatie=actor.organisatie).annotate(
            lopend=Count(
                "versies__zaakprocessen", filter=Q(versies__zaakprocessen__afgerond_op=None)
            )
        )
    }
    versies = {
        v.definitie_id: v
        for v in ProcesVersie.objects.filter(organisatie=actor.organisatie, actief=True)
    }
    concepten = set(
        ProcesVersie.objects.filter(
            organisatie=actor.organisatie, status=ProcesVersieStatus.CONCEPT
        ).values_list("definitie_id", flat=True)
    )
    regels = []
    for sleutel, zaaktype in nieuwste.items():
        definitie = definities.get(sleutel)
        actief = versies.get(definitie.pk) if definitie else None
        regels.append(
            ProcesRegel(
                zaaktype=zaaktype,
                definitie=definitie,
                actieve_versie=actief.versie if actief else None,
                heeft_concept=definitie is not None and definitie.pk in concepten,
                lopende_zaken=getattr(definitie, "lopend", 0) if definitie else 0,
            )
        )
    return sorted(regels, key=lambda r: (r.zaaktype.omschrijving.lower(), r.zaaktype.identificatie))


def _uuid(value: object) -> uuid_module.UUID:
    try:
        return uuid_module.UUID(str(value))
    except ValueError as error:
        raise NietGevonden("Onbekend proces.") from error


# For each object of the process editor: the path to its organisation, what its page reads with
# it, and the message when it is not found (or not the actor's organisation's).
_BEHEER_ZOEKPAD: dict[type, tuple[str, tuple[str, ...], str]] = {
    Procesdefinitie: ("organisatie", ("catalogus", "organisatie"), "Onbekend proces."),
    ProcesVersie: (
        "organisatie",
        ("definitie", "definitie__catalogus", "definitie__organisatie"),
        "Onbekende procesversie.",
    ),
    ProcesStap: (
        "versie__organisatie",
        ("versie", "versie__definitie", "versie__definitie__organisatie"),
        "Onbekende processtap.",
    ),
    ProcesActie: (
        "stap__versie__organisatie",
        ("stap", "stap__versie", "stap__versie__definitie"),
        "Onbekende actie.",
    ),
}


def _eigen_get(actor: Actor, model: type[_Beheerd], uuid: object) -> _Beheerd:
    """One process object of the actor's organisation, for the process editor (404 otherwise)."""
    organisatie_pad, select, onbekend = _BEHEER_ZOEKPAD[model]
    require_procesbeheer(actor)
    gevonden = (
        model._default_manager.filter(**{organisatie_pad: actor.organisatie, "uuid": _uuid(uuid)})
        .select_related(*select)
        .first()
    )
    if gevonden is None:
        raise NietGevonden(onbekend)
    return gevonden


def procesdefinitie_get(*, actor: Actor, uuid: object) -> Procesdefinitie:
    return _eigen_get(actor, Procesdefinitie, uuid)


def procesversie_get(*, actor: Actor, uuid: object) -> ProcesVersie:
    return _eigen_get(actor, ProcesVersie, uuid)


def processtap_get(*, actor: Actor, uuid: object) -> ProcesStap:
    return _eigen_get(actor, ProcesStap, uuid)


def procesactie_get(*, actor: Actor, uuid: object) -> ProcesActie:
    return _eigen_get(actor, ProcesActie, uuid)


@dataclass(frozen=True)
class ActieRegel:
    uuid: uuid_module.UUID
    omschrijving: str


@dataclass(frozen=True)
class StapRegel:
    stap: ProcesStap
    acties: list[ActieRegel]
    lopende_zaken: int


def procesversie_stappen(*, actor: Actor, versie: ProcesVersie) -> list[StapRegel]:
    """The steps of a version with their actions in words, and how many running cases are in
    each step (a count only)."""
    require_procesbeheer(actor)
    context = keuze_context(versie.definitie)
    per_stap = dict(
        ZaakProces.objects.filter(versie=versie, afgerond_op=None)
        .values("huidige_stap")
        .annotate(n=Count("id"))
        .values_list("huidige_stap", "n")
    )
    regels = []
    for stap in versie.stappen.prefetch_related("acties").order_by("volgnummer", "id"):
        acties = [
            ActieRegel(actie.uuid, procesactie_omschrijving(actie, context))
            for actie in sorted(stap.acties.all(), key=lambda a: (a.volgnummer, a.id))
        ]
        regels.append(StapRegel(stap, acties, per_stap.get(stap.pk, 0)))
    return regels


@dataclass(frozen=True)
class VersieRegel:
    versie: ProcesVersie
    lopende_zaken: int
    afgeronde_zaken: int


def procesversies(*, actor: Actor, definitie: Procesdefinitie) -> list[VersieRegel]:
    """The version history, newest first, with how many cases run (ran) each version."""
    require_procesbeheer(actor)
    versies = definitie.versies.annotate(
        lopend=Count("zaakprocessen", filter=Q(zaakprocessen__afgerond_op=None)),
        afgerond=Count("zaakprocessen", filter=Q(zaakprocessen__afgerond_op__isnull=False)),
    ).order_by("-versie")
    return [VersieRegel(v, v.lopend, v.afgerond) for v in versies]


# --- a case's process ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StapToestand:
    stap: ProcesStap
    toestand: str  # gedaan | huidig | open


@dataclass(frozen=True)
class HistorieRegel:
    stap: str
    begonnen_op: datetime
    beeindigd_op: datetime | None
    reden: str
    door: str
    toelichting: str


@dataclass(frozen=True)
class ActieOverzicht:
    omschrijving: str
    datum: date | None
    status: str
    status_label: str
    resultaat: str
    fout: str


@dataclass
class ProcesOverzicht:
    zaakproces: ZaakProces
    proces: str
    versie: int
    huidige_stap: ProcesStap
    sinds: datetime
    streefdatum: date | None  # end of the step's standard duration
    te_laat: bool
    afgerond: bool
    stappen: list[StapToestand] = field(default_factory=list)
    historie: list[HistorieRegel] = field(default_factory=list)
    gepland: list[ActieOverzicht] = field(default_factory=list)
    uitgevoerd: list[ActieOverzicht] = field(default_factory=list)
    volgende_stap: ProcesStap | None = None


def zaak_proces_overzicht(*, actor: Actor, zaak: Zaak) -> ProcesOverzicht | None:
    """The case's process for its page: current step and since when, the steps of its version
    (done / current / to come), the step history (newest first), the automatic actions planned
    and done. None when the case follows no process. Who may not see the case gets a 403."""
    require_zaak_toegang(actor, zaak)
    # A case has at most one process (one-to-one): a plain read, as .first()'s ORDER BY pk
    # cost a third of this query's build on every case page, most of them without a process.
    gevonden = list(
        ZaakProces.objects.filter(zaak_id=zaak.pk).select_related(
            "versie__definitie__organisatie", "huidige_stap", "organisatie"
        )
    )
    if not gevonden:
        return None
    zaakproces = gevonden[0]
    versie = zaakproces.versie
    stappen = list(versie.stappen.order_by("volgnummer", "id"))
    huidig = zaakproces.huidige_stap
    historie = list(zaakproces.historie.select_related("stap").order_by("-begonnen_op", "-id"))
    lopend = next((h for h in historie if h.beeindigd_op is None), None)
    organisatie = zaakproces.organisatie
    streefdatum = None
    if lopend is not None and huidig.doorlooptijd_werkdagen is not None:
        streefdatum = werkdagen_optellen(
            lopend.begonnen_datum, huidig.doorlooptijd_werkdagen, organisatie.land
        )
    afgerond = zaakproces.afgerond_op is not None
    overzicht = ProcesOverzicht(
        zaakproces=zaakproces,
        proces=versie.definitie.naam,
        versie=versie.versie,
        huidige_stap=huidig,
        sinds=zaakproces.stap_sinds,
        streefdatum=streefdatum,
        te_laat=bool(streefdatum and not afgerond and streefdatum < vandaag(organisatie.tijdzone)),
        afgerond=afgerond,
        volgende_stap=None
        if afgerond
        else next((s for s in stappen if s.volgnummer > huidig.volgnummer), None),
    )
    for stap in stappen:
        if afgerond or stap.volgnummer < huidig.volgnummer:
            toestand = "gedaan"
        elif stap.pk == huidig.pk:
            toestand = "huidig"
        else:
            toestand = "open"
        overzicht.stappen.append(StapToestand(stap, toestand))
    redenen = dict(StapReden.choices)
    overzicht.historie = [
        HistorieRegel(
            stap=h.stap.naam,
            begonnen_op=h.begonnen_op,
            beeindigd_op=h.beeindigd_op,
            reden=str(redenen.get(h.reden, h.reden)),
            door=h.door,
            toelichting=h.toelichting,
        )
        for h in historie
    ]
    context = keuze_context(versie.definitie)
    uitvoeringen = ActieUitvoering.objects.filter(verblijf__zaakproces=zaakproces).select_related(
        "actie__stap__versie__definitie"
    )
    for u in uitvoeringen.order_by("uitvoeren_op", "id"):
        regel = ActieOverzicht(
            omschrijving=procesactie_omschrijving(u.actie, context),
            datum=u.uitvoeren_op if u.status == UitvoeringStatus.GEPLAND else None,
            status=u.status,
            status_label=u.get_status_display(),
            resultaat=u.resultaat,
            fout=u.laatste_fout,
        )
        if u.status == UitvoeringStatus.GEPLAND:
            overzicht.gepland.append(regel)
        elif u.status in (UitvoeringStatus.UITGEVOERD, UitvoeringStatus.MISLUKT):
            overzicht.uitgevoerd.append(regel)
    overzicht.uitgevoerd.reverse()
    return overzicht
