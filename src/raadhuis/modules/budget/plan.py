"""The arithmetic of a budget plan: when a post falls due, what it costs per month, and whether
the income covers the costs. Pure functions on the models; nothing here writes.

- `vervaldata(post, van, tot)`: the due dates of an income or payment post in [van, tot].
  MAAND: day `dag` of every month, clamped to the month's last day (31 -> 28 February).
  WEEK: every date whose ISO weekday is `dag` (1 = Monday).
  KWARTAAL / JAAR: like MAAND, but only in the month of `startdatum` and every 3 / 12 months
  after it. Dates before `startdatum` or after `einddatum` are left out, and so is every date
  of a payment post that is not active.
- `maandbedrag(post)`: the average per month: week x 52 / 12, kwartaal / 3, jaar / 12,
  rounded to cents (ROUND_HALF_UP).
- `plan_dekking(budgetrekening)`: monthly income against fixed costs, living allowance and
  reservations, with the warnings a consultant must see.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from raadhuis.kernel.geld import euro
from raadhuis.modules.budget.models import (
    Betaalpost,
    BetaalSoort,
    Budgetrekening,
    Frequentie,
    Inkomstenpost,
    Reservering,
)

CENT = Decimal("0.01")
WEKEN_PER_JAAR = Decimal(52)
MAANDEN_PER_KWARTAAL = 3
MAANDEN_PER_JAAR = 12
# Below this share of the income left over each month, the plan has hardly any buffer.
KRAPTE_GRENS = Decimal("0.03")
# An income that stops within this many days deserves a warning.
EINDE_INKOMEN_SIGNAAL = timedelta(days=62)


def _dag_in_maand(jaar: int, maand: int, dag: int) -> date:
    """Day `dag` of the month, or the month's last day when the month is shorter."""
    return date(jaar, maand, min(dag, calendar.monthrange(jaar, maand)[1]))


def _maanden(van: date, tot: date) -> list[tuple[int, int]]:
    jaar, maand = van.year, van.month
    result = []
    while (jaar, maand) <= (tot.year, tot.month):
        result.append((jaar, maand))
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return result


def _maand_interval(frequentie: str) -> int:
    return {
        Frequentie.MAAND: 1,
        Frequentie.KWARTAAL: MAANDEN_PER_KWARTAAL,
        Frequentie.JAAR: MAANDEN_PER_JAAR,
    }[frequentie]


def vervaldata(post: Betaalpost | Inkomstenpost, van: date, tot: date) -> list[date]:
    """The dates in [van, tot] (both included) on which the post falls due, in order."""
    if isinstance(post, Betaalpost) and not post.actief:
        return []
    begin = max(van, post.startdatum)
    einde = min(tot, post.einddatum) if post.einddatum else tot
    if begin > einde:
        return []
    if post.frequentie == Frequentie.WEEK:
        # The first date on or after `begin` with the right ISO weekday, then every 7 days.
        eerste = begin + timedelta(days=(post.dag - begin.isoweekday()) % 7)
        return [eerste + timedelta(weeks=n) for n in range(((einde - eerste).days // 7) + 1)]
    interval = _maand_interval(post.frequentie)
    anker = post.startdatum.year * 12 + post.startdatum.month - 1
    data = []
    for jaar, maand in _maanden(begin, einde):
        if (jaar * 12 + maand - 1 - anker) % interval:
            continue
        dag = _dag_in_maand(jaar, maand, post.dag)
        if begin <= dag <= einde:
            data.append(dag)
    return data


def maandbedrag(post: Betaalpost | Inkomstenpost | Reservering) -> Decimal:
    """The post's average amount per month, in cents."""
    if isinstance(post, Reservering):
        return Decimal(post.bedrag_per_maand).quantize(CENT, rounding=ROUND_HALF_UP)
    bedrag = Decimal(post.bedrag)
    per_maand = {
        Frequentie.WEEK: bedrag * WEKEN_PER_JAAR / MAANDEN_PER_JAAR,
        Frequentie.MAAND: bedrag,
        Frequentie.KWARTAAL: bedrag / MAANDEN_PER_KWARTAAL,
        Frequentie.JAAR: bedrag / MAANDEN_PER_JAAR,
    }[post.frequentie]
    return per_maand.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Dekkingsregel:
    """One post of the plan with its monthly amount."""

    post: Betaalpost | Inkomstenpost | Reservering
    per_maand: Decimal


@dataclass
class Dekking:
    """Does the income cover the plan? All amounts are per month."""

    inkomsten: Decimal = Decimal("0.00")
    vaste_lasten: Decimal = Decimal("0.00")
    leefgeld: Decimal = Decimal("0.00")
    reserveringen: Decimal = Decimal("0.00")
    inkomstenregels: list[Dekkingsregel] = field(default_factory=list)
    lastenregels: list[Dekkingsregel] = field(default_factory=list)
    leefgeldregels: list[Dekkingsregel] = field(default_factory=list)
    reserveringsregels: list[Dekkingsregel] = field(default_factory=list)
    # Income below costs: the one message that must stand out (the page shows it as an error).
    tekortmelding: str = ""
    waarschuwingen: list[str] = field(default_factory=list)

    @property
    def uitgaven(self) -> Decimal:
        return self.vaste_lasten + self.leefgeld + self.reserveringen

    @property
    def saldo(self) -> Decimal:
        """Positive: left over each month; negative: the monthly shortfall."""
        return self.inkomsten - self.uitgaven

    @property
    def overschot(self) -> Decimal:
        return max(self.saldo, Decimal("0.00"))

    @property
    def tekort(self) -> Decimal:
        return max(-self.saldo, Decimal("0.00"))

    @property
    def gedekt(self) -> bool:
        return self.saldo >= 0


def _loopt(post: Betaalpost | Inkomstenpost, op: date) -> bool:
    """Still part of the plan on `op` (a post that starts later counts: the plan is ahead)."""
    if isinstance(post, Betaalpost) and not post.actief:
        return False
    return post.einddatum is None or post.einddatum >= op


def plan_dekking(budgetrekening: Budgetrekening, *, op: date | None = None) -> Dekking:
    """Monthly income against monthly costs, living allowance and reservations of the plan as
    it stands on `op` (default: today), with warnings for the consultant."""
    from raadhuis.kernel.workflow.calendar import vandaag

    op = op or vandaag(budgetrekening.organisatie.tijdzone)
    dekking = Dekking()
    for inkomen in budgetrekening.inkomsten.all():
        if _loopt(inkomen, op):
            dekking.inkomstenregels.append(Dekkingsregel(inkomen, maandbedrag(inkomen)))
    for betaling in budgetrekening.betaalposten.all():
        if not _loopt(betaling, op):
            continue
        regel = Dekkingsregel(betaling, maandbedrag(betaling))
        if betaling.soort == BetaalSoort.LEEFGELD:
            dekking.leefgeldregels.append(regel)
        else:
            dekking.lastenregels.append(regel)
    for reservering in budgetrekening.reserveringen.all():
        if reservering.actief:
            dekking.reserveringsregels.append(Dekkingsregel(reservering, maandbedrag(reservering)))
    dekking.inkomsten = sum((r.per_maand for r in dekking.inkomstenregels), Decimal("0.00"))
    dekking.vaste_lasten = sum((r.per_maand for r in dekking.lastenregels), Decimal("0.00"))
    dekking.leefgeld = sum((r.per_maand for r in dekking.leefgeldregels), Decimal("0.00"))
    dekking.reserveringen = sum((r.per_maand for r in dekking.reserveringsregels), Decimal("0.00"))
    dekking.tekortmelding = _tekortmelding(dekking)
    dekking.waarschuwingen = _waarschuwingen(dekking, op)
    return dekking


def _tekortmelding(dekking: Dekking) -> str:
    if dekking.gedekt:
        return ""
    return _(
        "De inkomsten dekken de uitgaven niet: er komt %(inkomsten)s per maand binnen en "
        "er gaat %(uitgaven)s uit. Tekort: %(tekort)s per maand."
    ) % {
        "inkomsten": euro(dekking.inkomsten),
        "uitgaven": euro(dekking.uitgaven),
        "tekort": euro(dekking.tekort),
    }


def _waarschuwingen(dekking: Dekking, op: date) -> list[str]:
    meldingen = []
    if not dekking.inkomstenregels:
        meldingen.append(_("Er staan nog geen inkomsten in het plan."))
    if dekking.gedekt and dekking.inkomsten and dekking.saldo < dekking.inkomsten * KRAPTE_GRENS:
        meldingen.append(
            _("Het plan is krap: er blijft maar %(overschot)s per maand over als buffer.")
            % {"overschot": euro(dekking.overschot)}
        )
    if not dekking.leefgeldregels:
        meldingen.append(
            _("Er is geen leefgeld ingesteld: de cliënt krijgt niets om van te leven.")
        )
    for regel in dekking.inkomstenregels:
        post = regel.post
        if post.einddatum and post.einddatum - op <= EINDE_INKOMEN_SIGNAAL:
            meldingen.append(
                _("Het inkomen '%(bron)s' stopt op %(datum)s: pas het plan op tijd aan.")
                % {"bron": post.bron, "datum": formats.date_format(post.einddatum, "j F Y")}
            )
    for regel in dekking.reserveringsregels:
        reservering = regel.post
        if reservering.doelbedrag and regel.per_maand * MAANDEN_PER_JAAR < reservering.doelbedrag:
            meldingen.append(
                _(
                    "De reservering '%(omschrijving)s' haalt het doelbedrag van %(doel)s niet "
                    "binnen een jaar (%(per_jaar)s per jaar)."
                )
                % {
                    "omschrijving": reservering.omschrijving,
                    "doel": euro(reservering.doelbedrag),
                    "per_jaar": euro(regel.per_maand * MAANDEN_PER_JAAR),
                }
            )
    return meldingen
