"""Every read of debt dossiers, creditors and debts.

Access is part of the SQL: a dossier is reached through its case (`zaak_filter` with the prefix
"zaak__"), so a consultant sees the dossiers of the tracks they are granted and nothing else;
a team leader (no case grants) sees none. Every read that shows a client's data writes a
processing-log entry (who saw whose data, for which case, why).
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role, zaak_filter
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.audit.services import verwerking_record, verwerkingen_record
from raadhuis.kernel.catalog.models import ResultaatType
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.parties.models import normalise_for_search
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.modules.shv.catalogus import SHV_ZAAKTYPEN, Traject, traject_van
from raadhuis.modules.shv.common import MAY_WORK, require_shv_toegang
from raadhuis.modules.shv.models import (
    Bezitting,
    Fase,
    Huishoudlid,
    Inkomen,
    Schuld,
    Schuldeiser,
    SchuldStatus,
    ShvDossier,
    VasteLast,
)
from raadhuis.modules.shv.termijnen import termijn_toestand
from raadhuis.modules.shv.workflow import SCHULD_OPEN_STATUSSEN, schuld_volgende_statussen

DOEL = "Schuldhulpverlening"
# A date later than any deadline: dossiers without one sort last.
GEEN_TERMIJN = date(9999, 12, 31)


def dossiers_zichtbaar(*, actor: Actor) -> QuerySet[ShvDossier]:
    """The dossiers whose case the actor may see (no client data is read here)."""
    require_role(actor, *MAY_WORK)
    return ShvDossier.objects.filter(zaak_filter(actor, prefix="zaak__"))


def open_dossiers_van(*, actor: Actor, bsn: str) -> list[ShvDossier]:
    """The open dossiers (case not closed) of the person with `bsn` that the actor may see:
    registering asks first whether help is already under way."""
    if not bsn:
        return []
    dossiers = list(
        dossiers_zichtbaar(actor=actor)
        .filter(client__natuurlijkpersoon__bsn=bsn, zaak__einddatum__isnull=True)
        .select_related("zaak__zaaktype", "client")
        .order_by("aanmeldingsdatum", "id")
    )
    if dossiers:
        verwerkingen_record(
            actor=actor,
            handeling="Lopende schuldhulpdossiers bij aanmelding ingezien",
            doel=DOEL,
            partijen=[dossiers[0].client],
        )
    return dossiers


def dossier_get(*, actor: Actor, zaak_uuid: uuid_module.UUID | str, doel: str = DOEL) -> ShvDossier:
    """One dossier by its case's uuid, with what its page shows; logs the client and the
    household members whose data is shown. Not found and not allowed look the same."""
    try:
        dossier = (
            dossiers_zichtbaar(actor=actor)
            .select_related(
                "zaak__zaaktype",
                "zaak__organisatie",
                "zaak__status_actueel__statustype",
                "zaak__behandelaar",
                "client__natuurlijkpersoon",
            )
            .prefetch_related("huishouden", "client__adressen")
            .get(zaak__uuid=uuid_module.UUID(str(zaak_uuid)))
        )
    except (ShvDossier.DoesNotExist, ValueError) as error:
        raise NietGevonden("Dossier niet gevonden.") from error
    verwerkingen_record(
        actor=actor,
        handeling="Schuldhulpdossier ingezien",
        doel=doel,
        partijen=[dossier.client, *dossier.huishouden.all()],
        zaak=dossier.zaak,
    )
    return dossier


# --- the dossier page -----------------------------------------------------------------------


@dataclass(frozen=True)
class Termijn:
    """A legal term on the dossier page: met, open or late."""

    naam: str
    grond: str
    uiterlijk: date | None
    gedaan_op: date | None
    toestand: str  # termijnen.termijn_toestand


@dataclass(frozen=True)
class HuishoudRegel:
    lid: Huishoudlid
    leeftijd: int | None


@dataclass
class SchuldenOverzicht:
    schulden: list[Schuld]
    totaal_open: Decimal
    totaal_oorspronkelijk: Decimal
    per_status: dict[str, int]

    @property
    def aantal(self) -> int:
        return len(self.schulden)


@dataclass
class DossierOverzicht:
    dossier: ShvDossier
    traject: Traject | None
    vandaag: date
    huishouden: list[HuishoudRegel]
    termijnen: list[Termijn]
    open_taken: list[Taak]
    schulden: SchuldenOverzicht
    inkomsten: list[Inkomen]
    vaste_lasten: list[VasteLast]
    bezittingen: list[Bezitting]
    documenten: list[Any]
    brieven: list[Any]
    resultaattypen: list[ResultaatType] = field(default_factory=list)
    vtlb_berekeningen: list[Any] = field(default_factory=list)

    @property
    def totaal_inkomsten(self) -> Decimal:
        return sum((i.bedrag_per_maand for i in self.inkomsten), Decimal("0"))

    @property
    def totaal_vaste_lasten(self) -> Decimal:
        return sum((v.bedrag_per_maand for v in self.vaste_lasten), Decimal("0"))

    @property
    def totaal_bezittingen(self) -> Decimal:
        return sum((b.waarde for b in self.bezittingen), Decimal("0"))

    @property
    def client_leeftijd(self) -> int | None:
        persoon = getattr(self.dossier.client, "natuurlijkpersoon", None)
        return leeftijd_op(getattr(persoon, "geboortedatum", None), self.vandaag)

    @property
    def saldo_per_maand(self) -> Decimal:
        return self.totaal_inkomsten - self.totaal_vaste_lasten


def leeftijd_op(geboortedatum: date | None, op: date) -> int | None:
    if geboortedatum is None:
        return None
    jaren = op.year - geboortedatum.year
    if (op.month, op.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return max(jaren, 0)


def dossier_termijnen(dossier: ShvDossier, vandaag_: date) -> list[Termijn]:
    """The Wgs terms of the dossier with their state (empty for tracks without them)."""
    if dossier.eerste_gesprek_uiterlijk is None:
        return []
    grond_gesprek = (
        "Wgs art. 4 lid 2 (3 werkdagen bij dreiging)"
        if dossier.dreiging
        else "Wgs art. 4 lid 1 (4 weken na de hulpvraag)"
    )
    return [
        Termijn(
            "Eerste gesprek",
            grond_gesprek,
            dossier.eerste_gesprek_uiterlijk,
            dossier.eerste_gesprek_op,
            termijn_toestand(dossier.eerste_gesprek_uiterlijk, dossier.eerste_gesprek_op, vandaag_),
        ),
        Termijn(
            "Beschikking toelating",
            "Wgs art. 4 en 4a (8 weken na het eerste gesprek)",
            dossier.beschikking_uiterlijk,
            dossier.beschikking_op,
            termijn_toestand(dossier.beschikking_uiterlijk, dossier.beschikking_op, vandaag_),
        ),
    ]


def schulden_overzicht(dossier: ShvDossier) -> SchuldenOverzicht:
    schulden = list(dossier.schulden.select_related("schuldeiser__partij").order_by("status", "id"))
    open_ = [s for s in schulden if s.status in SCHULD_OPEN_STATUSSEN]
    per_status: dict[str, int] = {}
    for schuld in schulden:
        per_status[schuld.status] = per_status.get(schuld.status, 0) + 1
    return SchuldenOverzicht(
        schulden=schulden,
        totaal_open=sum((s.actueel_bedrag or Decimal("0") for s in open_), Decimal("0")),
        totaal_oorspronkelijk=sum(
            (s.oorspronkelijk_bedrag or Decimal("0") for s in schulden), Decimal("0")
        ),
        per_status=per_status,
    )


def dossier_overzicht(*, actor: Actor, dossier: ShvDossier) -> DossierOverzicht:
    """Everything the dossier page shows, for a dossier fetched through dossier_get (access
    checked and the read logged there); letters and documents through the kernel's selectors."""
    from raadhuis.kernel.documents.selectors import zaak_documenten

    zaak = dossier.zaak
    today = vandaag(zaak.organisatie.tijdzone)
    return DossierOverzicht(
        dossier=dossier,
        traject=traject_van(zaak.zaaktype),
        vandaag=today,
        huishouden=[
            HuishoudRegel(lid, leeftijd_op(lid.geboortedatum, today))
            for lid in dossier.huishouden.all()
        ],
        termijnen=dossier_termijnen(dossier, today),
        open_taken=list(
            zaak.taken.filter(status=TaakStatus.OPEN)
            .select_related("toegewezen_aan", "toegewezen_team")
            .order_by("vervaldatum", "id")
        ),
        schulden=schulden_overzicht(dossier),
        inkomsten=list(dossier.inkomsten.order_by("van_partner", "id")),
        vaste_lasten=list(dossier.vaste_lasten.order_by("id")),
        bezittingen=list(dossier.bezittingen.order_by("id")),
        documenten=list(zaak_documenten(actor=actor, zaak=zaak)),
        brieven=_brieven(actor, zaak),
        resultaattypen=list(ResultaatType.objects.filter(zaaktype=zaak.zaaktype).order_by("id")),
        vtlb_berekeningen=_vtlb_berekeningen(actor, zaak),
    )


def _vtlb_berekeningen(actor: Actor, zaak: Any) -> list[Any]:
    from raadhuis.modules.shv.vtlb.selectors import berekeningen_van_zaak

    return list(berekeningen_van_zaak(actor=actor, zaak_id=zaak.pk).order_by("-aangemaakt_op")[:10])


def _brieven(actor: Actor, zaak: Any) -> list[Any]:
    try:
        from raadhuis.kernel.messaging.selectors import brieven_for_zaak
    except ImportError:  # messaging not installed
        return []
    return brieven_for_zaak(actor=actor, zaak=zaak)


# --- caseload (werkvoorraad) ----------------------------------------------------------------


def caseload(
    *,
    actor: Actor,
    fase: str = "",
    traject: str = "",
    alleen_eigen: bool = True,
) -> QuerySet[ShvDossier]:
    """The consultant's dossiers, late items first: ordered by the earliest of the open tasks'
    due dates and the open legal term. Closed dossiers only with fase='afgesloten'. The counts
    and dates are computed in the same query (a constant number of queries per page)."""
    require_shv_toegang(actor)
    today = vandaag(actor.organisatie.tijdzone)
    open_taken = Taak.objects.filter(zaak_id=OuterRef("zaak_id"), status=TaakStatus.OPEN)
    qs = dossiers_zichtbaar(actor=actor).select_related(
        "zaak__zaaktype", "zaak__status_actueel__statustype", "zaak__behandelaar", "client"
    )
    if fase == Fase.AFGESLOTEN:
        qs = qs.filter(zaak__einddatum__isnull=False)
    else:
        qs = qs.filter(zaak__einddatum__isnull=True)
        if fase:
            # The case's status is the truth (a process step may have moved it).
            qs = qs.filter(zaak__status_actueel__statustype__omschrijving_generiek=fase)
    if traject:
        qs = qs.filter(zaak__zaaktype__identificatie=traject)
    if alleen_eigen and actor.medewerker is not None:
        qs = qs.filter(zaak__behandelaar=actor.medewerker)
    return (
        qs.annotate(
            eerste_taak_op=Subquery(
                open_taken.order_by("vervaldatum").values("vervaldatum")[:1],
                output_field=DateField(),
            ),
            open_taken_aantal=Coalesce(_aantal(open_taken), Value(0)),
            te_laat_aantal=Coalesce(_aantal(open_taken.filter(vervaldatum__lt=today)), Value(0)),
            wettelijke_termijn=Case(
                When(
                    eerste_gesprek_op__isnull=True,
                    eerste_gesprek_uiterlijk__isnull=False,
                    then=F("eerste_gesprek_uiterlijk"),
                ),
                When(
                    beschikking_op__isnull=True,
                    beschikking_uiterlijk__isnull=False,
                    then=F("beschikking_uiterlijk"),
                ),
                default=None,
                output_field=DateField(),
            ),
        )
        .annotate(
            eerstvolgende=Least(
                Coalesce("eerste_taak_op", Value(GEEN_TERMIJN)),
                Coalesce("wettelijke_termijn", Value(GEEN_TERMIJN)),
                output_field=DateField(),
            )
        )
        .order_by("eerstvolgende", "id")
    )


def _aantal(taken: QuerySet[Taak]) -> Subquery:
    return Subquery(
        taken.order_by().values("zaak_id").annotate(n=Count("id")).values("n")[:1],
        output_field=IntegerField(),
    )


def caseload_ingezien(*, actor: Actor, dossiers: list[ShvDossier]) -> None:
    """Log the clients shown on a caseload page (one insert for the page)."""
    if dossiers:
        verwerkingen_record(
            actor=actor,
            handeling="Werkvoorraad schuldhulpverlening ingezien",
            doel=DOEL,
            partijen=[d.client for d in dossiers],
        )


def trajecten_keuzes() -> list[tuple[str, str]]:
    from raadhuis.modules.shv.catalogus import TRAJECTEN

    return [(t.identificatie, t.omschrijving) for t in TRAJECTEN]


# --- creditor register ----------------------------------------------------------------------


def schuldeisers_zoeken(
    *, actor: Actor, zoekterm: str = "", alleen_actief: bool = False
) -> QuerySet[Schuldeiser]:
    """The organisation's creditors by name (start of the name or a word) or KvK number,
    with the number of debts per creditor. Organisations, not persons: nothing to log."""
    require_shv_toegang(actor)
    qs = Schuldeiser.objects.filter(organisatie_id=actor.organisatie.pk).select_related(
        "partij__nietnatuurlijkpersoon"
    )
    term = (zoekterm or "").strip()
    if term:
        compact = term.replace(" ", "")
        if compact.isdigit():
            qs = qs.filter(partij__identificatie__startswith=compact)
        else:
            naam = normalise_for_search(term)
            qs = qs.filter(
                Q(partij__zoeknaam__startswith=naam) | Q(partij__zoeknaam__contains=f" {naam}")
            )
    if alleen_actief:
        qs = qs.filter(actief=True)
    return qs.annotate(aantal_schulden=Count("schulden")).order_by("partij__zoeknaam", "id")


def schuldeiser_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> Schuldeiser:
    require_shv_toegang(actor)
    try:
        return (
            Schuldeiser.objects.filter(organisatie_id=actor.organisatie.pk)
            .select_related("partij__nietnatuurlijkpersoon")
            .prefetch_related("partij__adressen")
            .annotate(aantal_schulden=Count("schulden"))
            .get(uuid=uuid_module.UUID(str(uuid)))
        )
    except (Schuldeiser.DoesNotExist, ValueError) as error:
        raise NietGevonden("Schuldeiser niet gevonden.") from error


def schuldeisers_actief(*, actor: Actor) -> QuerySet[Schuldeiser]:
    return schuldeisers_zoeken(actor=actor, alleen_actief=True)


def schuldeiser_historie(*, actor: Actor, schuldeiser: Schuldeiser) -> QuerySet[AuditEntry]:
    """The register changes of a creditor (not the debts: those belong to dossiers)."""
    require_role(actor, *MAY_WORK)
    return AuditEntry.objects.filter(
        organisatie_id=actor.organisatie.pk,
        object_uuid__in=[schuldeiser.uuid, schuldeiser.partij.uuid],
    ).order_by("-tijdstip", "-id")


# --- debts ----------------------------------------------------------------------------------


def schuld_get(*, actor: Actor, uuid: uuid_module.UUID | str, doel: str = DOEL) -> Schuld:
    """One debt, reached through its dossier's case (access); logs the client."""
    require_role(actor, *MAY_WORK)
    try:
        schuld = (
            Schuld.objects.filter(zaak_filter(actor, prefix="dossier__zaak__"))
            .select_related(
                "schuldeiser__partij",
                "dossier__zaak__zaaktype",
                "dossier__zaak__organisatie",
                "dossier__client",
            )
            .get(uuid=uuid_module.UUID(str(uuid)))
        )
    except (Schuld.DoesNotExist, ValueError) as error:
        raise NietGevonden("Schuld niet gevonden.") from error
    verwerking_record(
        actor=actor,
        handeling="Schuld ingezien",
        doel=doel,
        partij=schuld.dossier.client,
        zaak=schuld.dossier.zaak,
    )
    return schuld


def schuld_historie(*, actor: Actor, schuld: Schuld) -> QuerySet[AuditEntry]:
    """The history of a debt: every audit entry written on it, newest first."""
    require_role(actor, *MAY_WORK)
    return AuditEntry.objects.filter(
        organisatie_id=actor.organisatie.pk, object_uuid=schuld.uuid
    ).order_by("-tijdstip", "-id")


def schuld_volgende(schuld: Schuld) -> list[tuple[str, str]]:
    """The statuses this debt may move to, as (value, label) choices."""
    return [(s, SchuldStatus(s).label) for s in schuld_volgende_statussen(schuld.status)]


# --- for other modules and aggregates ----------------------------------------------------------


def dossier_voor_zaak(*, actor: Actor, zaak: Any) -> ShvDossier | None:
    """The dossier of a case the caller already holds (fetched through a selector), or None."""
    return (
        dossiers_zichtbaar(actor=actor)
        .select_related("client", "zaak__zaaktype")
        .filter(zaak_id=zaak.pk)
        .first()
    )


def is_shv_zaaktype(identificatie: str) -> bool:
    return identificatie in SHV_ZAAKTYPEN


# --- the VTLB input from a dossier ------------------------------------------------------------

# Fixed costs that the VTLB method takes as a correction (vtlb `correcties[].soort`).
VTLB_CORRECTIES = {
    "kinderopvang": "kinderopvang",
    "alimentatie": "alimentatie",
    "gemeentelijke_belasting": "lokale_lasten",
}


def vtlb_invoer_voor_dossier(dossier: ShvDossier, *, peildatum: date) -> dict[str, Any]:
    """The input of a VTLB calculation (the vtlb API shape) as far as the dossier knows it:
    household type and children's ages, net income of client and partner, housing costs,
    health premium, allowances and the corrections among the fixed costs. Amounts as strings
    with two decimals. The consultant checks and completes it in the calculator."""
    leden = list(dossier.huishouden.all())
    partner = any(lid.relatie == "partner" for lid in leden)
    kinderen = [
        leeftijd
        for lid in leden
        if lid.relatie == "kind"
        and (leeftijd := leeftijd_op(lid.geboortedatum, peildatum)) is not None
        and leeftijd < 18
    ]
    if partner:
        leefsituatie = "gehuwd_met_kinderen" if kinderen else "gehuwd"
    else:
        leefsituatie = "alleenstaande_ouder" if kinderen else "alleenstaand"
    inkomsten = list(dossier.inkomsten.all())
    lasten = list(dossier.vaste_lasten.all())

    def som(regels: list[Any]) -> str:
        return str(
            sum((r.bedrag_per_maand for r in regels), Decimal("0")).quantize(Decimal("0.01"))
        )

    def toeslag(woord: str) -> list[Inkomen]:
        return [i for i in inkomsten if i.soort == "toeslag" and woord in i.omschrijving.lower()]

    return {
        "peildatum": peildatum.isoformat(),
        "leefsituatie": leefsituatie,
        "netto_inkomen": som([i for i in inkomsten if not i.van_partner and i.soort != "toeslag"]),
        "partner_netto_inkomen": som(
            [i for i in inkomsten if i.van_partner and i.soort != "toeslag"]
        ),
        "woonlasten": som([v for v in lasten if v.soort == "huur"]),
        "zorgpremie": som([v for v in lasten if v.soort == "zorgverzekering"]),
        "toeslagen": {
            "huurtoeslag": som(toeslag("huur")),
            "zorgtoeslag": som(toeslag("zorg")),
            "kindgebonden_budget": som(toeslag("kind")),
        },
        "kinderen": sorted(kinderen, reverse=True),
        "correcties": [
            {
                "soort": VTLB_CORRECTIES[v.soort],
                "bedrag": str(v.bedrag_per_maand),
                "toelichting": v.omschrijving,
            }
            for v in lasten
            if v.soort in VTLB_CORRECTIES
        ],
    }
