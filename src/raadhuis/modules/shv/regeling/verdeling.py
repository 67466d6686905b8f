"""The seam to the distribution rule of the VTLB app (`raadhuis.modules.shv.vtlb.verdeling`):
pro rata (pondspondsgewijs) with a preferent weighting, no debt above its amount, rounded to the
cent with the largest remainder so the parts add up to the total exactly.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from raadhuis.modules.shv.vtlb.verdeling import Schuld, verdeel


@dataclass(frozen=True)
class Post:
    sleutel: Hashable
    bedrag: Decimal
    preferent: bool = False


def verdeel_posten(
    totaal: Decimal, posten: Sequence[Post], preferent_weging: Decimal
) -> dict[Hashable, Decimal]:
    """{sleutel: aandeel}, adding up to `totaal` exactly (at most the sum of the posts)."""
    verdeling = verdeel(
        Decimal(totaal),
        [
            Schuld(id=str(i), bedrag=Decimal(p.bedrag), preferent=p.preferent)
            for i, p in enumerate(posten)
        ],
        Decimal(preferent_weging),
    )
    return {posten[int(a.id)].sleutel: a.aandeel for a in verdeling.aandelen}
