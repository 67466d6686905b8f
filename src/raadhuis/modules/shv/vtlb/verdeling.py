"""Pro-rata distribution of a settlement total over the creditors (pondspondsgewijs).

Each debt weighs its amount; a preferent debt weighs its amount times `preferent_weging`. The
exact shares are computed with fractions, no creditor is offered more than its claim (the
surplus goes to the others, in proportion), and the shares are rounded to the cent with the
largest-remainder method, so they add up exactly to the total. A total of 0 gives a 0 % offer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")


class VerdelingFout(ValueError):
    def __init__(self, veld: str, code: str, melding: str) -> None:
        super().__init__(melding)
        self.veld = veld
        self.code = code
        self.melding = melding


@dataclass(frozen=True)
class Schuld:
    id: str
    bedrag: Decimal
    preferent: bool = False


@dataclass(frozen=True)
class Aandeel:
    id: str
    bedrag: Decimal
    preferent: bool
    aandeel: Decimal
    percentage: Decimal  # of this debt that is offered, rounded to 2 decimals


@dataclass(frozen=True)
class Verdeling:
    totaal: Decimal
    totaal_schulden: Decimal
    percentage: Decimal  # of all debts together that is offered
    preferent_weging: Decimal
    aandelen: tuple[Aandeel, ...]


def _percentage(deel: Decimal, geheel: Decimal) -> Decimal:
    if not geheel:
        return Decimal("0.00")
    return (deel * 100 / geheel).quantize(CENT, rounding=ROUND_HALF_UP)


def _controleren(totaal: Decimal, schulden: list[Schuld], weging: Decimal) -> None:
    if totaal < 0:
        raise VerdelingFout("totaal", "min_value", "Het totaal kan niet negatief zijn.")
    if totaal != totaal.quantize(CENT):
        raise VerdelingFout("totaal", "max_decimal_places", "Geef het totaal in hele centen.")
    if weging <= 0:
        raise VerdelingFout(
            "preferent_weging", "min_value", "De weging van preferente schulden moet positief zijn."
        )
    if not schulden:
        raise VerdelingFout("schulden", "empty", "Geef ten minste één schuld op.")
    gezien: set[str] = set()
    for index, schuld in enumerate(schulden):
        if schuld.id in gezien:
            raise VerdelingFout(f"schulden.{index}.id", "unique", "Elke schuld heeft een eigen id.")
        gezien.add(schuld.id)
        if schuld.bedrag < 0 or schuld.bedrag != schuld.bedrag.quantize(CENT):
            raise VerdelingFout(
                f"schulden.{index}.bedrag",
                "invalid",
                "Het bedrag van een schuld is niet negatief en in hele centen.",
            )
    som = sum((s.bedrag for s in schulden), Decimal("0"))
    if totaal > som:
        raise VerdelingFout(
            "totaal",
            "totaal-te-hoog",
            f"Het totaal (€ {totaal}) is hoger dan de som van de schulden (€ {som}).",
        )


def _exacte_delen(totaal: Fraction, schulden: list[Schuld], weging: Fraction) -> list[Fraction]:
    """Pro-rata by weight, with no share above its debt: capped debts are fixed at their
    amount and the rest is shared again among the others (water-filling)."""
    delen = [Fraction(0)] * len(schulden)
    open_ = [i for i, s in enumerate(schulden) if s.bedrag > 0]
    rest = totaal
    while open_ and rest > 0:
        gewichten = {
            i: Fraction(schulden[i].bedrag) * (weging if schulden[i].preferent else 1)
            for i in open_
        }
        som = sum(gewichten.values())
        vol = [i for i in open_ if rest * gewichten[i] / som >= Fraction(schulden[i].bedrag)]
        if not vol:
            for i in open_:
                delen[i] = rest * gewichten[i] / som
            break
        for i in vol:
            delen[i] = Fraction(schulden[i].bedrag)
            rest -= delen[i]
        open_ = [i for i in open_ if i not in vol]
    return delen


def _afronden(totaal: Decimal, exact: list[Fraction], schulden: list[Schuld]) -> list[Decimal]:
    """Largest remainder: floor every share to the cent, then give the cents still missing to
    the largest remainders (ties: the larger debt, then the earlier one); never above a debt."""
    centen = [int(deel * 100) for deel in exact]  # exact >= 0, so int() floors
    tekort = int(totaal * 100) - sum(centen)
    volgorde = sorted(
        range(len(exact)),
        key=lambda i: (-(exact[i] * 100 - centen[i]), -schulden[i].bedrag, i),
    )
    for i in volgorde:
        if tekort <= 0:
            break
        if centen[i] + 1 <= int(schulden[i].bedrag * 100):
            centen[i] += 1
            tekort -= 1
    return [Decimal(c) / 100 for c in centen]


def verdeel(
    totaal: Decimal,
    schulden: Iterable[Schuld],
    preferent_weging: Decimal = Decimal("1"),
) -> Verdeling:
    """Distribute `totaal` over `schulden` pro rata; see the module docstring."""
    schulden = list(schulden)
    _controleren(totaal, schulden, preferent_weging)
    exact = _exacte_delen(Fraction(totaal), schulden, Fraction(preferent_weging))
    delen = _afronden(totaal, exact, schulden) if totaal else [Decimal("0.00")] * len(schulden)
    som = sum((s.bedrag for s in schulden), Decimal("0"))
    aandelen = tuple(
        Aandeel(
            id=schuld.id,
            bedrag=schuld.bedrag,
            preferent=schuld.preferent,
            aandeel=deel.quantize(CENT),
            percentage=_percentage(deel, schuld.bedrag),
        )
        for schuld, deel in zip(schulden, delen, strict=True)
    )
    return Verdeling(
        totaal=totaal.quantize(CENT),
        totaal_schulden=som.quantize(CENT),
        percentage=_percentage(totaal, som),
        preferent_weging=preferent_weging,
        aandelen=aandelen,
    )
