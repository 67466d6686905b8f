"""Every read of leads and pipelines, with the CRM's department rule and the processing log.

Who sees a lead (the CRM's rule, modules/crm/selectors.py, applied to the lead's department): a
medewerker of the lead's department (or a department above it), the lead's owner, a medewerker
of a department that "sees all relations", and the system. A team leader reads no leads (they
carry a relation's name), only the aggregate figures of `lead_conversie`.

Reading a lead of a natural person writes the processing log.
"""

from __future__ import annotations

import uuid as uuid_module
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import NOTHING, require_role
from raadhuis.kernel.audit.services import verwerking_record, verwerkingen_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import PartijSoort, normalise_for_search
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.leads.models import Fase, FaseSoort, Lead, Pipeline
from raadhuis.modules.crm.leads.scoring import CONTACT_PERIODE_DAGEN, LeadFeiten, Score, lead_score
from raadhuis.modules.crm.models import Klantcontact, Relatie
from raadhuis.modules.crm.selectors import relatie_bereik

MAY_READ_LEADS = (Rol.MEDEWERKER,)
MAY_READ_CONVERSIE = (Rol.MEDEWERKER, Rol.TEAMLEIDER)
MAY_MANAGE_PIPELINES = (Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER)
DOEL = "Leadbeheer"
NUL = Decimal("0")


def lead_filter(actor: Actor, prefix: str = "") -> Q:
    tenant = Q(**{f"{prefix}organisatie_id": actor.organisatie.pk})
    bereik = relatie_bereik(actor)
    if bereik.alles:
        return tenant
    if bereik.medewerker_id is None:
        return NOTHING
    return tenant & (
        Q(**{f"{prefix}afdeling_id__in": sorted(bereik.eenheid_ids)})
        | Q(**{f"{prefix}eigenaar_id": bereik.medewerker_id})
    )


def mag_lead_zien(actor: Actor, lead: Lead) -> bool:
    """The in-Python twin of lead_filter for one loaded lead."""
    if lead.organisatie_id != actor.organisatie.pk:
        return False
    bereik = relatie_bereik(actor)
    return bereik.alles or (
        bereik.medewerker_id is not None
        and (lead.afdeling_id in bereik.eenheid_ids or lead.eigenaar_id == bereik.medewerker_id)
    )


# What a lead's own pages show besides its party and stage (leads_met_details).
DETAIL_RELATIES = ("pipeline", "eigenaar", "afdeling")


def leads_zichtbaar(actor: Actor) -> QuerySet[Lead]:
    """The leads the actor may see, with their party and stage (what a search hit shows).

    Only those two joins: the search box plans this query on every search, and each further
    join multiplied PostgreSQL's planning time (16 ms of CPU per search at 200,000
    relations, 1 ms with two joins). Lists and a lead's page use leads_met_details."""
    require_role(actor, *MAY_READ_LEADS)
    return Lead.objects.filter(lead_filter(actor)).select_related("partij", "fase")


def leads_met_details(actor: Actor) -> QuerySet[Lead]:
    """leads_zichtbaar with the pipeline, owner and department (lists, a lead's page)."""
    return leads_zichtbaar(actor).select_related(*DETAIL_RELATIES)


# --- pipelines ------------------------------------------------------------------------------
def pipelines_van(actor: Actor, *, ook_inactief: bool = False) -> list[Pipeline]:
    qs = Pipeline.objects.filter(organisatie_id=actor.organisatie.pk).prefetch_related("fasen")
    if not ook_inactief:
        qs = qs.filter(actief=True)
    return list(qs.order_by("volgorde", "naam"))


def pipeline_get(actor: Actor, uuid: uuid_module.UUID | str) -> Pipeline:
    try:
        return Pipeline.objects.prefetch_related("fasen").get(
            organisatie_id=actor.organisatie.pk, uuid=uuid_module.UUID(str(uuid))
        )
    except (Pipeline.DoesNotExist, ValueError) as error:
        raise NietGevonden("Pijplijn niet gevonden.") from error


def fasen_van(pipeline: Pipeline) -> list[Fase]:
    return sorted(pipeline.fasen.all(), key=lambda f: (f.volgorde, f.pk))


# --- last contact ---------------------------------------------------------------------------
def laatste_contacten(organisatie_id: int, partij_ids: list[int]) -> dict[int, datetime]:
    """The latest contact moment (crm Klantcontact) per party: only the date is read, never
    the content, so no access rule beyond the lead's own applies."""
    if not partij_ids:
        return {}
    rows = (
        Klantcontact.objects.filter(organisatie_id=organisatie_id, partij_id__in=partij_ids)
        .values("partij_id")
        .annotate(laatste=Max("plaatsgevonden_op"))
    )
    return {r["partij_id"]: r["laatste"] for r in rows}


def _begin_van_dag(dag: date, tijdzone: str) -> datetime:
    return datetime.combine(dag, time.min, tzinfo=ZoneInfo(tijdzone))


# --- lists and board ------------------------------------------------------------------------
@dataclass(frozen=True)
class Leadfilter:
    zoek: str = ""
    pipeline: Pipeline | None = None
    fase: Fase | None = None
    status: str = ""  # open | gewonnen | verloren
    bron: str = ""
    afdeling_id: int | None = None
    mijn: bool = False
    zonder_contact_dagen: int | None = None


@dataclass(frozen=True)
class Leadregel:
    lead: Lead
    laatste_contact: datetime | None


def leads_zoeken(*, actor: Actor, filters: Leadfilter, limit: int = 500) -> list[Leadregel]:
    """The leads the actor may see, filtered, with the date of the last contact moment.

    `zonder_contact_dagen`: open leads whose relation had no contact moment in that many days
    (or never), the smart filter "leads zonder contact in 30 dagen"."""
    qs = leads_met_details(actor)
    if filters.zoek.strip():
        term = filters.zoek.strip()
        naam = normalise_for_search(term)
        qs = qs.filter(
            Q(kenmerk__iexact=term)
            | Q(titel__icontains=term)
            | Q(partij__zoeknaam__startswith=naam)
            | Q(partij__zoeknaam__contains=f" {naam}")
        )
    if filters.pipeline is not None:
        qs = qs.filter(pipeline=filters.pipeline)
    if filters.fase is not None:
        qs = qs.filter(fase=filters.fase)
    if filters.status:
        qs = qs.filter(fase__soort=filters.status)
    if filters.bron:
        qs = qs.filter(bron=filters.bron)
    if filters.afdeling_id:
        qs = qs.filter(afdeling_id=filters.afdeling_id)
    if filters.mijn:
        qs = qs.filter(eigenaar=actor.medewerker) if actor.medewerker else qs.none()
    if filters.zonder_contact_dagen is not None:
        tz = actor.organisatie.tijdzone
        grens = _begin_van_dag(vandaag(tz) - timedelta(days=filters.zonder_contact_dagen), tz)
        # NOT EXISTS per lead through the contact moments' (organisatie, partij, -moment)
        # index, instead of NOT IN over every recent contact moment of the organisation.
        recent = Klantcontact.objects.filter(
            organisatie_id=actor.organisatie.pk,
            partij_id=OuterRef("partij_id"),
            plaatsgevonden_op__gte=grens,
        )
        qs = qs.filter(fase__soort=FaseSoort.OPEN).filter(~Exists(recent))
    leads = list(qs.order_by("verwachte_sluitdatum", "kenmerk")[:limit])
    contacten = laatste_contacten(actor.organisatie.pk, sorted({lead.partij_id for lead in leads}))
    personen = [
        lead.partij for lead in leads if lead.partij.soort == PartijSoort.NATUURLIJK_PERSOON
    ]
    if personen:
        verwerkingen_record(actor=actor, handeling="Leads bekeken", doel=DOEL, partijen=personen)
    return [Leadregel(lead, contacten.get(lead.partij_id)) for lead in leads]


@dataclass
class Bordkolom:
    fase: Fase
    regels: list[Leadregel] = field(default_factory=list)
    vorige: Fase | None = None
    volgende: Fase | None = None

    @property
    def totaal(self) -> Decimal:
        return sum((r.lead.waarde for r in self.regels), start=NUL)

    @property
    def gewogen(self) -> Decimal:
        """The column's value weighted by the stage's win probability."""
        return (self.totaal * self.fase.kans / 100).quantize(Decimal("0.01"))


def pipeline_bord(
    *, actor: Actor, pipeline: Pipeline, filters: Leadfilter | None = None
) -> list[Bordkolom]:
    """The board: a column per stage (open stages, then won and lost) with its leads."""
    basis = filters or Leadfilter()
    regels = leads_zoeken(
        actor=actor,
        filters=Leadfilter(**{**vars(basis), "pipeline": pipeline, "fase": None}),
    )
    fasen = fasen_van(pipeline)
    open_fasen = [f for f in fasen if f.is_open]
    kolommen = []
    for fase in fasen:
        kolom = Bordkolom(fase=fase, regels=[r for r in regels if r.lead.fase_id == fase.pk])
        if fase.is_open:
            i = open_fasen.index(fase)
            kolom.vorige = open_fasen[i - 1] if i > 0 else None
            kolom.volgende = open_fasen[i + 1] if i + 1 < len(open_fasen) else None
        kolommen.append(kolom)
    return kolommen


# --- one lead -------------------------------------------------------------------------------
def lead_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> Lead:
    require_role(actor, *MAY_READ_LEADS)
    try:
        lead = leads_met_details(actor).get(uuid=uuid_module.UUID(str(uuid)))
    except (Lead.DoesNotExist, ValueError) as error:
        raise NietGevonden("Lead niet gevonden.") from error
    if lead.partij.soort == PartijSoort.NATUURLIJK_PERSOON:
        verwerking_record(actor=actor, handeling="Lead ingezien", doel=DOEL, partij=lead.partij)
    return lead


def lead_feiten(lead: Lead, *, op: date, tijdzone: str) -> LeadFeiten:
    """The facts the score reads: the lead itself, the relation's kind and its contact
    moments (count in the last 90 days and the latest date; never their content)."""
    relatie = Relatie.objects.filter(partij_id=lead.partij_id).only("soort").first()
    contacten = Klantcontact.objects.filter(
        organisatie_id=lead.organisatie_id, partij_id=lead.partij_id
    )
    grens = _begin_van_dag(op - timedelta(days=CONTACT_PERIODE_DAGEN), tijdzone)
    telling = contacten.aggregate(
        recent=Count("pk", filter=Q(plaatsgevonden_op__gte=grens)),
        laatste=Max("plaatsgevonden_op"),
    )
    laatste = telling["laatste"]
    dagen_sinds = None
    if laatste is not None:
        dagen_sinds = max((op - laatste.astimezone(ZoneInfo(tijdzone)).date()).days, 0)
    geopend = lead.aangemaakt_op.astimezone(ZoneInfo(tijdzone)).date()
    return LeadFeiten(
        waarde=lead.waarde,
        relatie_soort=relatie.soort if relatie else "",
        contacten_90_dagen=telling["recent"],
        dagen_sinds_contact=dagen_sinds,
        fase_kans=lead.fase.kans,
        dagen_open=max((op - geopend).days, 0),
        bron=lead.bron,
    )


def lead_score_van(lead: Lead, *, op: date | None = None) -> Score:
    tijdzone = lead.organisatie.tijdzone
    return lead_score(lead_feiten(lead, op=op or vandaag(tijdzone), tijdzone=tijdzone))


def leads_van_partij(*, actor: Actor, partij_id: int) -> list[Lead]:
    """The relation's leads the actor may see (for the block on the relation page), with what
    the block shows: number, title, value, pipeline and stage (no party, owner, department)."""
    return list(
        leads_zichtbaar(actor)
        .filter(partij_id=partij_id)
        .select_related(None)
        .select_related("pipeline", "fase")
        .only(
            "uuid",
            "organisatie_id",
            "partij_id",
            "kenmerk",
            "titel",
            "waarde",
            "pipeline__naam",
            "fase__naam",
        )
        .order_by("-aangemaakt_op", "-id")
    )


# --- figures for the dashboard (item 7) ---------------------------------------------------
@dataclass
class Conversieregel:
    pipeline: str
    afdeling: str
    open_aantal: int = 0
    open_waarde: Decimal = NUL
    gewonnen_aantal: int = 0
    gewonnen_waarde: Decimal = NUL
    verloren_aantal: int = 0
    verloren_waarde: Decimal = NUL

    @property
    def conversie_procent(self) -> int | None:
        """Won as a share of closed leads (won + lost) in the period."""
        gesloten = self.gewonnen_aantal + self.verloren_aantal
        if not gesloten:
            return None
        return round(self.gewonnen_aantal * 100 / gesloten)


def lead_conversie(actor: Actor, van: date, tot: date) -> list[Conversieregel]:
    """Won and lost leads closed between `van` and `tot` (inclusive) and the leads open on
    `tot`, counted and summed per pipeline and department. Aggregates only: a team leader may
    read them (for the whole organisation); a medewerker gets their own scope."""
    require_role(actor, *MAY_READ_CONVERSIE)
    if actor.heeft_rol(Rol.MEDEWERKER) or actor.type == "systeem":
        basis = Lead.objects.filter(lead_filter(actor))
    else:
        basis = Lead.objects.filter(organisatie_id=actor.organisatie.pk)
    einde = _begin_van_dag(tot + timedelta(days=1), actor.organisatie.tijdzone)
    gesloten = basis.filter(
        fase__soort__in=[FaseSoort.GEWONNEN, FaseSoort.VERLOREN],
        gesloten_op__gte=van,
        gesloten_op__lte=tot,
    )
    open_ = basis.filter(fase__soort=FaseSoort.OPEN, aangemaakt_op__lt=einde)
    regels: dict[tuple[str, str], Conversieregel] = {}

    def regel(pipeline: str, afdeling: str) -> Conversieregel:
        return regels.setdefault(
            (pipeline, afdeling), Conversieregel(pipeline=pipeline, afdeling=afdeling)
        )

    sommen: dict[tuple[str, str, str], tuple[int, Decimal]] = defaultdict(lambda: (0, NUL))
    for qs in (gesloten, open_):
        for r in qs.values("pipeline__naam", "afdeling__naam", "fase__soort", "waarde"):
            sleutel = (r["pipeline__naam"], r["afdeling__naam"], r["fase__soort"])
            aantal, waarde = sommen[sleutel]
            sommen[sleutel] = (aantal + 1, waarde + r["waarde"])
    for (pipeline, afdeling, soort), (aantal, waarde) in sommen.items():
        r = regel(pipeline, afdeling)
        setattr(r, f"{soort}_aantal", aantal)
        setattr(r, f"{soort}_waarde", waarde)
    return sorted(regels.values(), key=lambda r: (r.pipeline, r.afdeling))
