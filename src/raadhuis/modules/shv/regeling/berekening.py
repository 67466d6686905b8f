"""The arithmetic of a settlement, free of the database: the offer per debt, the payout of a
month over the creditors, and the running balance of the months. Money is Decimal, to the cent.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from raadhuis.modules.shv.regeling.verdeling import Post, verdeel_posten

CENT = Decimal("0.01")
NUL = Decimal("0.00")


def geld(bedrag: Decimal | int | str) -> Decimal:
    return Decimal(bedrag).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Aandeel:
    sleutel: Hashable
    bedrag: Decimal  # the debt
    preferent: bool
    aandeel: Decimal  # what the offer gives this debt
    percentage: Decimal  # aandeel / bedrag, two decimals


@dataclass(frozen=True)
class AanbodBerekening:
    afloscapaciteit: Decimal
    looptijd_maanden: int
    totaal: Decimal
    schuldenlast: Decimal
    aandelen: list[Aandeel]


def aanbod_berekenen(
    *,
    afloscapaciteit: Decimal,
    looptijd_maanden: int,
    schulden: Sequence[Post],
    preferent_weging: Decimal,
) -> AanbodBerekening:
    """The offer: capacity × months, at most the whole debt, spread pro rata (pondspondsgewijs)
    over the debts with the preferent weighting; the parts add up to the total exactly.

    A capacity of zero (or less: the VTLB leaves nothing) gives a 0 % offer to every creditor.
    """
    capaciteit = max(geld(afloscapaciteit), NUL)
    schuldenlast = sum((geld(p.bedrag) for p in schulden), NUL)
    totaal = min(capaciteit * looptijd_maanden, schuldenlast)
    delen = verdeel_posten(totaal, schulden, preferent_weging) if schulden else {}
    aandelen = [
        Aandeel(
            sleutel=p.sleutel,
            bedrag=geld(p.bedrag),
            preferent=p.preferent,
            aandeel=delen[p.sleutel],
            percentage=percentage(delen[p.sleutel], p.bedrag),
        )
        for p in schulden
    ]
    return AanbodBerekening(
        afloscapaciteit=capaciteit,
        looptijd_maanden=looptijd_maanden,
        totaal=totaal,
        schuldenlast=schuldenlast,
        aandelen=aandelen,
    )


def percentage(deel: Decimal, geheel: Decimal) -> Decimal:
    if not geheel:
        return NUL
    return (Decimal(deel) * 100 / Decimal(geheel)).quantize(CENT, rounding=ROUND_HALF_UP)


def afdracht_verdelen(
    bedrag: Decimal, resterend: dict[Hashable, Decimal]
) -> dict[Hashable, Decimal]:
    """A payout of `bedrag` over the debts, pro rata to what each is still owed under the
    settlement. Because what is owed shrinks in step, the rounding cents even out over the
    months, and no debt ever gets more than its share of the offer (bedrag ≤ sum owed)."""
    open_ = {k: geld(v) for k, v in resterend.items() if v > 0}
    bedrag = geld(bedrag)
    if bedrag > sum(open_.values(), NUL):
        raise ValueError("payout exceeds what the settlement still owes")
    if not open_ or not bedrag:
        return dict.fromkeys(resterend, NUL)
    posten = [Post(sleutel=k, bedrag=v, preferent=False) for k, v in open_.items()]
    delen = verdeel_posten(bedrag, posten, Decimal(1))
    return {k: delen.get(k, NUL) for k in resterend}


def uitbetaling_berekenen(
    saldo: Decimal, resterend: dict[Hashable, Decimal]
) -> dict[Hashable, Decimal]:
    """One payout: everything the settlement holds, but never more than it still owes; spread
    over the debts by `afdracht_verdelen`. The parts add up to the payout."""
    nog_schuldig = sum((v for v in resterend.values() if v > 0), NUL)
    return afdracht_verdelen(max(min(geld(saldo), nog_schuldig), NUL), resterend)


def fase_uiterlijk(start: date, dagen: int) -> date:
    return start + timedelta(days=dagen)


def maanden_vanaf(eerste: date, aantal: int) -> list[date]:
    """The first days of `aantal` consecutive months, starting with `eerste`'s month."""
    jaar, maand = eerste.year, eerste.month
    result = []
    for _ in range(aantal):
        result.append(date(jaar, maand, 1))
        maand += 1
        if maand == 13:
            jaar, maand = jaar + 1, 1
    return result


@dataclass(frozen=True)
class MaandRegel:
    """One month of the running settlement with the running totals up to that month."""

    volgnummer: int
    maand: date
    verwacht: Decimal
    ontvangen: Decimal
    uitbetaald: Decimal
    uitbetaald_op: date | None
    cumulatief_verwacht: Decimal
    cumulatief_ontvangen: Decimal
    cumulatief_uitbetaald: Decimal

    @property
    def achterstand(self) -> Decimal:
        """What the client is behind (never negative: paying ahead is no arrear)."""
        return max(self.cumulatief_verwacht - self.cumulatief_ontvangen, NUL)

    @property
    def saldo(self) -> Decimal:
        """Money held for the creditors after this month's payout."""
        return self.cumulatief_ontvangen - self.cumulatief_uitbetaald


def maandregels(
    maanden: Iterable[tuple[int, date, Decimal, Decimal, Decimal, date | None]],
) -> list[MaandRegel]:
    """Running totals over (volgnummer, maand, verwacht, ontvangen, uitbetaald, uitbetaald_op)."""
    regels = []
    cv = co = cu = NUL
    for volgnummer, maand, verwacht, ontvangen, uitbetaald, op in maanden:
        cv, co, cu = cv + verwacht, co + ontvangen, cu + uitbetaald
        regels.append(
            MaandRegel(volgnummer, maand, verwacht, ontvangen, uitbetaald, op, cv, co, cu)
        )
    return regels
