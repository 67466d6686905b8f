"""A small bar chart as SVG geometry, drawn by the template: no JavaScript, no image files.

The chart is a picture of a table that is on the page as well (the accessible source of the
same numbers); the SVG carries a title and a text description for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

BREEDTE, HOOGTE = 600, 220
MARGE_LINKS, MARGE_ONDER, MARGE_BOVEN = 36, 28, 12


@dataclass(frozen=True)
class Staaf:
    x: float
    y: float
    breedte: float
    hoogte: float
    label: str  # the week
    waarde: int


@dataclass(frozen=True)
class Staafgrafiek:
    titel: str
    beschrijving: str
    breedte: int
    hoogte: int
    staven: list[Staaf]
    schaal: list[tuple[float, int]]  # (y, value) of the gridlines
    basislijn: float
    links: int


def weeklabel(maandag: date) -> str:
    return _("wk %(week)s") % {"week": maandag.isocalendar().week}


def staafgrafiek(weken: tuple[date, ...], waarden: tuple[int, ...], *, titel: str) -> Staafgrafiek:
    hoogste = max(max(waarden, default=0), 1)
    stap = max(1, -(-hoogste // 4))  # four gridlines at most, whole numbers
    top = stap * -(-hoogste // stap)
    plot_hoogte = HOOGTE - MARGE_ONDER - MARGE_BOVEN
    basis = HOOGTE - MARGE_ONDER
    vak = (BREEDTE - MARGE_LINKS) / max(len(waarden), 1)
    staven = []
    for i, (maandag, waarde) in enumerate(zip(weken, waarden, strict=True)):
        h = plot_hoogte * waarde / top
        staven.append(
            Staaf(
                x=round(MARGE_LINKS + i * vak + vak * 0.15, 1),
                y=round(basis - h, 1),
                breedte=round(vak * 0.7, 1),
                hoogte=round(h, 1),
                label=weeklabel(maandag),
                waarde=waarde,
            )
        )
    schaal = [(round(basis - plot_hoogte * v / top, 1), v) for v in range(0, top + 1, stap)]
    beschrijving = "; ".join(f"{s.label}: {s.waarde}" for s in staven)
    return Staafgrafiek(
        titel=titel,
        beschrijving=beschrijving,
        breedte=BREEDTE,
        hoogte=HOOGTE,
        staven=staven,
        schaal=schaal,
        basislijn=basis,
        links=MARGE_LINKS,
    )
