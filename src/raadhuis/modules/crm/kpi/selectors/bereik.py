"""Who sees which KPI rows (the scope), the period and the filter of a KPI request, and the small
sums the figures share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.contracten.termijnen import ContractStatus
from raadhuis.modules.crm.selectors import relatie_bereik

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
