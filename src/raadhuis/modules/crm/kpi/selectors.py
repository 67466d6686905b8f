"""The CRM's KPI figures (issue 6 item 7) and the rows behind each figure.

Every figure is computed from its own rows, so a figure is always traceable: the rows page,
the CSV/XLSX export and the API's `rijen` list give exactly the rows the figure counts.

Who sees what (docs/crm/kpi-en-rapportages.md):

* A teamleider (and an application through the API) sees the figures and rows of the whole
  organisation. Rows never carry a name, BSN or free text of a client; a per-relation filter
  is refused (403), because it would single out one client.
* A medewerker sees the figures of their own departments (and those below them; a department
  that "sees all relations" sees all), may narrow them to one relation they may see (that read
  goes into the processing log) and sees the survey comments.
* Other roles: 403.

The department of a row is the item's own department: the contact moment's unit, the
complaint's department, the lead's and the contract's department, the survey's unit.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import OrganisatorischeEenheid, Rol
from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_tussen
from raadhuis.kernel.workflow.models import TaakStatus
from raadhuis.modules.crm.contracten.models import Contract, SocialReturnRealisatie
from raadhuis.modules.crm.contracten.selectors import looptijd
from raadhuis.modules.crm.contracten.termijnen import (
    ContractStatus,
    contract_status,
    huidige_einddatum,
)
from raadhuis.modules.crm.klachten.models import Categorie, Klacht
from raadhuis.modules.crm.klachten.termijnen import termijn_toestand
from raadhuis.modules.crm.kpi.models import Tevredenheidsmeting
from raadhuis.modules.crm.leads.models import FaseSoort, Lead
from raadhuis.modules.crm.models import Klantcontact
from raadhuis.modules.crm.selectors import relatie_bereik, relatie_get

MAY_READ_KPI = (Rol.MEDEWERKER, Rol.TEAMLEIDER)
NUL = Decimal("0")
JA, NEE = "ja", "nee"
LOPEND = (ContractStatus.LOOPT, ContractStatus.LOOPT_AF, ContractStatus.OPGEZEGD)


# --- scope and period -----------------------------------------------------------------------
@dataclass(frozen=True)
class KpiBereik:
    organisatie_id: int
    tijdzone: str
    eenheid_ids: frozenset[int] | None  # None: the whole organisation
    ziet_toelichting: bool  # free text of clients (survey comments): medewerker only
    mag_per_relatie: bool


def kpi_bereik(actor: Actor) -> KpiBereik:
    """What part of the organisation's figures the actor sees; ToegangGeweigerd otherwise."""
    org = actor.organisatie
    if actor.type in ("systeem", "applicatie"):
        return KpiBereik(org.pk, org.tijdzone, None, False, False)
    if actor.heeft_rol(Rol.MEDEWERKER):
        bereik = relatie_bereik(actor)
        ids = None if bereik.alles else bereik.eenheid_ids
        return KpiBereik(org.pk, org.tijdzone, ids, True, True)
    if actor.heeft_rol(Rol.TEAMLEIDER):
        return KpiBereik(org.pk, org.tijdzone, None, False, False)
    raise ToegangGeweigerd(_("Je hebt geen toegang tot de KPI's van het CRM."))


@dataclass(frozen=True)
class Periode:
    van: date
    tot: date  # inclusive

    def grenzen(self, tijdzone: str) -> tuple[datetime, datetime]:
        zone = ZoneInfo(tijdzone)
        begin = datetime.combine(self.van, time.min, tzinfo=zone)
        einde = datetime.combine(self.tot + timedelta(days=1), time.min, tzinfo=zone)
        return begin, einde


def standaard_periode(tijdzone: str) -> Periode:
    """The last 365 days up to and including today."""
    tot = vandaag(tijdzone)
    return Periode(van=tot - timedelta(days=364), tot=tot)


@dataclass(frozen=True)
class Filter:
    bereik: KpiBereik
    periode: Periode
    partij_id: int | None = None

    def eenheden(self, veld: str) -> Q:
        if self.bereik.eenheid_ids is None:
            return Q()
        return Q(**{f"{veld}__in": sorted(self.bereik.eenheid_ids)})

    def partij(self, veld: str) -> Q:
        return Q() if self.partij_id is None else Q(**{veld: self.partij_id})


def _lokaal(moment: datetime | None, tijdzone: str) -> date | None:
    return None if moment is None else moment.astimezone(ZoneInfo(tijdzone)).date()


def _gemiddelde(getallen: list[Decimal | int]) -> Decimal | None:
    if not getallen:
        return None
    return (Decimal(sum(getallen)) / len(getallen)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _procent(teller: Decimal | int, noemer: Decimal | int) -> Decimal | None:
    if not noemer:
        return None
    return (Decimal(teller) * 100 / Decimal(noemer)).quantize(Decimal("1"), ROUND_HALF_UP)


# --- rows -----------------------------------------------------------------------------------
def _opvolgingen(f: Filter) -> list[dict[str, Any]]:
    """Contact moments in the period with a follow-up task, and when that task was done."""
    tz = f.bereik.tijdzone
    begin, einde = f.periode.grenzen(tz)
    vandaag_ = vandaag(tz)
    qs = (
        Klantcontact.objects.filter(
            organisatie_id=f.bereik.organisatie_id,
            taak__isnull=False,
            plaatsgevonden_op__gte=begin,
            plaatsgevonden_op__lt=einde,
        )
        .exclude(taak__status=TaakStatus.GEANNULEERD)
        .filter(f.eenheden("eenheid_id"), f.partij("partij_id"))
        .order_by("plaatsgevonden_op", "id")
    )
    rijen = []
    for r in qs.values(
        "referentienummer",
        "kanaal",
        "eenheid_id",
        "eenheid__naam",
        "plaatsgevonden_op",
        "taak__vervaldatum",
        "taak__afgerond_op",
    ):
        contact_op = _lokaal(r["plaatsgevonden_op"], tz)
        afgerond_op = _lokaal(r["taak__afgerond_op"], tz)
        uiterlijk = r["taak__vervaldatum"]
        if afgerond_op is not None:
            op_tijd = JA if afgerond_op <= uiterlijk else NEE
        else:
            op_tijd = NEE if vandaag_ > uiterlijk else ""
        rijen.append(
            {
                "referentie": r["referentienummer"],
                "kanaal": r["kanaal"],
                "afdeling_id": r["eenheid_id"],
                "afdeling": r["eenheid__naam"] or "",
                "contact_op": contact_op,
                "uiterste_datum": uiterlijk,
                "afgerond_op": afgerond_op,
                "werkdagen": None
                if afgerond_op is None
                else werkdagen_tussen(contact_op, afgerond_op),
                "op_tijd": op_tijd,
            }
        )
    return rijen


def _reactietijd_rijen(f: Filter) -> list[dict[str, Any]]:
    return [r for r in _opvolgingen(f) if r["afgerond_op"] is not None]


def _opvolging_rijen(f: Filter) -> list[dict[str, Any]]:
    return [r for r in _opvolgingen(f) if r["op_tijd"]]


def _klacht_rijen(f: Filter) -> list[dict[str, Any]]:
    """Complaints closed in the period, handled within their (extended) term or not."""
    qs = (
        Klacht.objects.filter(
            organisatie_id=f.bereik.organisatie_id,
            afgehandeld_op__gte=f.periode.van,
            afgehandeld_op__lte=f.periode.tot,
        )
        .filter(f.eenheden("afdeling_id"), f.partij("klager_id"))
        .order_by("afgehandeld_op", "id")
    )
    labels = dict(Categorie.choices)
    rijen = []
    for r in qs.values(
        "zaak__identificatie",
        "afdeling_id",
        "afdeling__naam",
        "categorie",
        "ontvangen_op",
        "afgehandeld_op",
        "uiterlijk_oorspronkelijk",
        "verdaagd_tot",
        "uitstel_tot",
    ):
        uiterlijk = r["uitstel_tot"] or r["verdaagd_tot"] or r["uiterlijk_oorspronkelijk"]
        toestand = termijn_toestand(uiterlijk, r["afgehandeld_op"], f.periode.tot)
        rijen.append(
            {
                "referentie": r["zaak__identificatie"],
                "afdeling_id": r["afdeling_id"],
                "afdeling": r["afdeling__naam"] or "",
                "categorie": str(labels.get(r["categorie"], r["categorie"])),
                "ontvangen_op": r["ontvangen_op"],
                "uiterste_datum": uiterlijk,
                "afgehandeld_op": r["afgehandeld_op"],
                "binnen_termijn": JA if toestand == "binnen" else NEE,
            }
        )
    return rijen


def _tevredenheid_rijen(f: Filter) -> list[dict[str, Any]]:
    tz = f.bereik.tijdzone
    begin, einde = f.periode.grenzen(tz)
    qs = (
        Tevredenheidsmeting.objects.filter(
            organisatie_id=f.bereik.organisatie_id,
            beantwoord_op__gte=begin,
            beantwoord_op__lt=einde,
            score__isnull=False,
        )
        .filter(f.eenheden("eenheid_id"), f.partij("partij_id"))
        .order_by("beantwoord_op", "id")
    )
    rijen = []
    for r in qs.values(
        "referentie",
        "klantcontact_id",
        "eenheid_id",
        "eenheid__naam",
        "beantwoord_op",
        "score",
        "opmerking",
    ):
        rij = {
            "referentie": r["referentie"],
            "over": "klantcontact" if r["klantcontact_id"] else "zaak",
            "afdeling_id": r["eenheid_id"],
            "afdeling": r["eenheid__naam"] or "",
            "beantwoord_op": _lokaal(r["beantwoord_op"], tz),
            "score": r["score"],
        }
        if f.bereik.ziet_toelichting:
            rij["toelichting"] = r["opmerking"]
        rijen.append(rij)
    return rijen


def _lead_rijen(f: Filter) -> list[dict[str, Any]]:
    """Leads won or lost in the period (the rule of leads.selectors.lead_conversie)."""
    qs = (
        Lead.objects.filter(
            organisatie_id=f.bereik.organisatie_id,
            fase__soort__in=[FaseSoort.GEWONNEN, FaseSoort.VERLOREN],
            gesloten_op__gte=f.periode.van,
            gesloten_op__lte=f.periode.tot,
        )
        .filter(f.eenheden("afdeling_id"), f.partij("partij_id"))
        .order_by("gesloten_op", "id")
    )
    return [
        {
            "referentie": r["kenmerk"],
            "pijplijn": r["pipeline__naam"],
            "afdeling_id": r["afdeling_id"],
            "afdeling": r["afdeling__naam"] or "",
            "uitkomst": r["fase__soort"],
            "waarde": r["waarde"],
            "gesloten_op": r["gesloten_op"],
        }
        for r in qs.values(
            "kenmerk",
            "pipeline__naam",
            "afdeling_id",
            "afdeling__naam",
            "fase__soort",
            "waarde",
            "gesloten_op",
        )
    ]


def _contracten(f: Filter, alleen_social_return: bool) -> list[tuple[Contract, str]]:
    qs = (
        Contract.objects.filter(organisatie_id=f.bereik.organisatie_id)
        .filter(f.eenheden("afdeling_id"), f.partij("partij_id"))
        .select_related("afdeling")
        .order_by("kenmerk", "id")
    )
    if alleen_social_return:
        qs = qs.filter(Q(sr_uren_toegezegd__gt=0) | Q(sr_bedrag_toegezegd__gt=0))
    peildatum = f.periode.tot
    return [(c, contract_status(looptijd(c), peildatum)) for c in qs]


def _contract_rijen(f: Filter) -> list[dict[str, Any]]:
    """Every contract in scope with its status on the last day of the period."""
    peildatum = f.periode.tot
    return [
        {
            "referentie": c.kenmerk,
            "afdeling_id": c.afdeling_id,
            "afdeling": c.afdeling.naam if c.afdeling else "",
            "status": status,
            "lopend": JA if status in LOPEND else NEE,
            "startdatum": c.startdatum,
            "einde": huidige_einddatum(looptijd(c), peildatum),
            "waarde": c.waarde,
        }
        for c, status in _contracten(f, alleen_social_return=False)
    ]


def _social_return_rijen(f: Filter) -> list[dict[str, Any]]:
    """Started contracts with a Social Return obligation; realisations up to the period's end."""
    contracten = [
        (c, s)
        for c, s in _contracten(f, alleen_social_return=True)
        if s != ContractStatus.NOG_NIET_GESTART
    ]
    sommen = {
        r["contract_id"]: (r["u"] or NUL, r["b"] or NUL)
        for r in SocialReturnRealisatie.objects.filter(
            contract_id__in=[c.pk for c, _s in contracten], datum__lte=f.periode.tot
        )
        .values("contract_id")
        .annotate(u=Sum("uren"), b=Sum("bedrag"))
    }
    rijen = []
    for c, status in contracten:
        uren, bedrag = sommen.get(c.pk, (NUL, NUL))
        rijen.append(
            {
                "referentie": c.kenmerk,
                "afdeling_id": c.afdeling_id,
                "afdeling": c.afdeling.naam if c.afdeling else "",
                "status": status,
                "uren_toegezegd": c.sr_uren_toegezegd or NUL,
                "uren_gerealiseerd": uren,
                "bedrag_toegezegd": c.sr_bedrag_toegezegd or NUL,
                "bedrag_gerealiseerd": bedrag,
            }
        )
    return rijen


# --- figures --------------------------------------------------------------------------------
def _reactietijd(rijen: list[dict[str, Any]]) -> Decimal | None:
    return _gemiddelde([r["werkdagen"] for r in rijen])


def _aandeel_ja(veld: str) -> Callable[[list[dict[str, Any]]], Decimal | None]:
    def waarde(rijen: list[dict[str, Any]]) -> Decimal | None:
        return _procent(sum(r[veld] == JA for r in rijen), len(rijen))

    return waarde


def _gemiddelde_score(rijen: list[dict[str, Any]]) -> Decimal | None:
    return _gemiddelde([r["score"] for r in rijen])


def _conversie(rijen: list[dict[str, Any]]) -> Decimal | None:
    return _procent(sum(r["uitkomst"] == FaseSoort.GEWONNEN for r in rijen), len(rijen))


def _aantal_lopend(rijen: list[dict[str, Any]]) -> Decimal | None:
    return Decimal(sum(r["lopend"] == JA for r in rijen))


def _sr(soort: str) -> Callable[[list[dict[str, Any]]], Decimal | None]:
    def waarde(rijen: list[dict[str, Any]]) -> Decimal | None:
        toegezegd = sum((r[f"{soort}_toegezegd"] for r in rijen), NUL)
        gerealiseerd = sum(
            (r[f"{soort}_gerealiseerd"] for r in rijen if r[f"{soort}_toegezegd"]), NUL
        )
        return _procent(gerealiseerd, toegezegd)

    return waarde


@dataclass(frozen=True)
class Kpi:
    code: str
    titel: Any
    eenheid: str  # "werkdagen", "%", "score", "aantal"
    uitleg: Any
    kolommen: tuple[tuple[str, Any], ...]
    rijen: Callable[[Filter], list[dict[str, Any]]]
    waarde: Callable[[list[dict[str, Any]]], Decimal | None]


_OPVOLG_KOLOMMEN = (
    ("referentie", _("Klantcontact")),
    ("kanaal", _("Kanaal")),
    ("afdeling", _("Afdeling")),
    ("contact_op", _("Contact op")),
    ("uiterste_datum", _("Uiterste datum opvolging")),
    ("afgerond_op", _("Opvolging afgerond op")),
    ("werkdagen", _("Werkdagen")),
    ("op_tijd", _("Op tijd")),
)

# Both Social Return figures show the same rows: each contract's promise and realisation.
SOCIAL_RETURN_KOLOMMEN = (
    ("referentie", _("Contract")),
    ("afdeling", _("Afdeling")),
    ("status", _("Status")),
    ("uren_toegezegd", _("Uren toegezegd")),
    ("uren_gerealiseerd", _("Uren gerealiseerd")),
    ("bedrag_toegezegd", _("Bedrag toegezegd (€)")),
    ("bedrag_gerealiseerd", _("Bedrag gerealiseerd (€)")),
)

KPIS: dict[str, Kpi] = {
    k.code: k
    for k in (
        Kpi(
            "reactietijd",
            _("Reactietijd"),
            "werkdagen",
            _(
                "Gemiddeld aantal werkdagen van het klantcontact tot de afgeronde opvolgtaak, "
                "voor klantcontacten in de periode."
            ),
            _OPVOLG_KOLOMMEN,
            _reactietijd_rijen,
            _reactietijd,
        ),
        Kpi(
            "opvolging_op_tijd",
            _("Opvolging op tijd"),
            "%",
            _(
                "Deel van de opvolgtaken dat uiterlijk op de uiterste datum is afgerond; een "
                "open taak na de uiterste datum telt als te laat."
            ),
            _OPVOLG_KOLOMMEN,
            _opvolging_rijen,
            _aandeel_ja("op_tijd"),
        ),
        Kpi(
            "klachten_binnen_termijn",
            _("Klachten binnen termijn"),
            "%",
            _(
                "Deel van de in de periode afgehandelde klachten dat binnen de (verlengde) "
                "termijn van de Awb is afgehandeld."
            ),
            (
                ("referentie", _("Klacht")),
                ("afdeling", _("Afdeling")),
                ("categorie", _("Categorie")),
                ("ontvangen_op", _("Ontvangen op")),
                ("uiterste_datum", _("Uiterste datum")),
                ("afgehandeld_op", _("Afgehandeld op")),
                ("binnen_termijn", _("Binnen termijn")),
            ),
            _klacht_rijen,
            _aandeel_ja("binnen_termijn"),
        ),
        Kpi(
            "tevredenheid",
            _("Tevredenheid"),
            "score",
            _("Gemiddelde score (1 tot 5) van de in de periode beantwoorde enquêtes."),
            (
                ("referentie", _("Over")),
                ("over", _("Soort")),
                ("afdeling", _("Afdeling")),
                ("beantwoord_op", _("Beantwoord op")),
                ("score", _("Score")),
                ("toelichting", _("Toelichting")),
            ),
            _tevredenheid_rijen,
            _gemiddelde_score,
        ),
        Kpi(
            "leadconversie",
            _("Leadconversie"),
            "%",
            _("Gewonnen leads als deel van de in de periode gewonnen en verloren leads."),
            (
                ("referentie", _("Lead")),
                ("pijplijn", _("Pijplijn")),
                ("afdeling", _("Afdeling")),
                ("uitkomst", _("Uitkomst")),
                ("waarde", _("Waarde (€)")),
                ("gesloten_op", _("Gesloten op")),
            ),
            _lead_rijen,
            _conversie,
        ),
        Kpi(
            "contracten_lopend",
            _("Lopende contracten"),
            "aantal",
            _(
                "Aantal contracten dat op de laatste dag van de periode loopt (ook: loopt "
                "binnenkort af, opgezegd). De rijen tonen alle contracten met hun status."
            ),
            (
                ("referentie", _("Contract")),
                ("afdeling", _("Afdeling")),
                ("status", _("Status")),
                ("lopend", _("Lopend")),
                ("startdatum", _("Startdatum")),
                ("einde", _("Einde huidige termijn")),
                ("waarde", _("Waarde (€)")),
            ),
            _contract_rijen,
            _aantal_lopend,
        ),
        Kpi(
            "social_return_uren",
            _("Social Return: uren"),
            "%",
            _("Gerealiseerde uren als deel van de toegezegde uren (tot het einde van de periode)."),
            SOCIAL_RETURN_KOLOMMEN,
            _social_return_rijen,
            _sr("uren"),
        ),
        Kpi(
            "social_return_bedrag",
            _("Social Return: bedrag"),
            "%",
            _(
                "Gerealiseerd bedrag als deel van het toegezegde bedrag (tot het einde van de "
                "periode)."
            ),
            SOCIAL_RETURN_KOLOMMEN,
            _social_return_rijen,
            _sr("bedrag"),
        ),
    )
}


def kpi_get(code: str) -> Kpi:
    try:
        return KPIS[code]
    except KeyError:
        raise NietGevonden(_("Deze KPI bestaat niet.")) from None


def kpi_kolommen(kpi: Kpi, bereik: KpiBereik) -> tuple[tuple[str, Any], ...]:
    if bereik.ziet_toelichting:
        return kpi.kolommen
    return tuple(k for k in kpi.kolommen if k[0] != "toelichting")


def kpi_filter(
    *, actor: Actor, periode: Periode, partij_uuid: uuid_module.UUID | str | None = None
) -> Filter:
    """The scope of a request; a relation filter checks the relation (and logs the read)."""
    bereik = kpi_bereik(actor)
    partij_id = None
    if partij_uuid:
        if not bereik.mag_per_relatie:
            raise ToegangGeweigerd(_("Alleen een medewerker bekijkt KPI's per relatie."))
        partij_id = relatie_get(actor=actor, partij_uuid=partij_uuid).partij_id
    return Filter(bereik=bereik, periode=periode, partij_id=partij_id)


@dataclass(frozen=True)
class Cijfer:
    kpi: Kpi
    afdeling_id: int | None  # None: all departments in scope
    afdeling: str
    waarde: Decimal | None
    aantal: int


def _cijfers_van(kpi: Kpi, rijen: list[dict[str, Any]]) -> list[Cijfer]:
    per_afdeling: dict[tuple[str, int | None], list[dict[str, Any]]] = {}
    for r in rijen:
        per_afdeling.setdefault((r["afdeling"], r["afdeling_id"]), []).append(r)
    totaal = Cijfer(kpi, None, str(_("Totaal")), kpi.waarde(rijen), len(rijen))
    return [totaal] + [
        Cijfer(kpi, afdeling_id, naam, kpi.waarde(groep), len(groep))
        for (naam, afdeling_id), groep in sorted(per_afdeling.items(), key=lambda i: i[0][0])
    ]


def kpi_cijfers(f: Filter) -> list[Cijfer]:
    """Every figure: per KPI the total and one per department that has rows."""
    cache: dict[Callable, list[dict[str, Any]]] = {}
    cijfers: list[Cijfer] = []
    for kpi in KPIS.values():
        if kpi.rijen not in cache:
            cache[kpi.rijen] = kpi.rijen(f)
        cijfers.extend(_cijfers_van(kpi, cache[kpi.rijen]))
    return cijfers


def kpi_rijen(f: Filter, kpi: Kpi, afdeling_id: int | None = None) -> list[dict[str, Any]]:
    """The rows behind one figure (of one department, or of all in scope)."""
    if afdeling_id is not None and f.bereik.eenheid_ids is not None:
        if afdeling_id not in f.bereik.eenheid_ids:
            raise ToegangGeweigerd(_("Deze afdeling valt buiten je bereik."))
    rijen = kpi.rijen(f)
    if afdeling_id is not None:
        rijen = [r for r in rijen if r["afdeling_id"] == afdeling_id]
    return rijen


def afdelingen_in_bereik(f: Filter) -> list[OrganisatorischeEenheid]:
    qs = OrganisatorischeEenheid.objects.filter(organisatie_id=f.bereik.organisatie_id)
    if f.bereik.eenheid_ids is not None:
        qs = qs.filter(pk__in=f.bereik.eenheid_ids)
    return list(qs.order_by("naam"))


def metingen_recent(*, actor: Actor, limit: int = 20) -> list[Tevredenheidsmeting]:
    """The latest survey invitations of the actor's departments (no names: references only)."""
    bereik = kpi_bereik(actor)
    qs = Tevredenheidsmeting.objects.filter(organisatie_id=bereik.organisatie_id).select_related(
        "eenheid"
    )
    if bereik.eenheid_ids is not None:
        qs = qs.filter(eenheid_id__in=bereik.eenheid_ids)
    return list(qs[:limit])
