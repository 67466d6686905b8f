"""The complaints report (Awb 9:12a asks for a register and a yearly publication): counts per
department and per category, handled within or over the term, average handling time, and the
judgement (gegrond / deels gegrond / ongegrond) per department.

Aggregates only, never a name: team leaders may open it. Counted over the whole organisation for
the period of receipt asked for.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.modules.crm.klachten.models import (
    EINDSTATUSSEN,
    Categorie,
    Klacht,
    KlachtStatus,
    Oordeel,
)
from raadhuis.modules.crm.klachten.selectors import MAY_REPORT
from raadhuis.modules.crm.klachten.termijnen import termijn_toestand


@dataclass
class Telling:
    naam: str
    totaal: int = 0
    open: int = 0
    open_te_laat: int = 0
    binnen_termijn: int = 0
    over_termijn: int = 0
    gegrond: int = 0
    deels_gegrond: int = 0
    ongegrond: int = 0
    zonder_besluit: int = 0  # withdrawn, resolved informally, not handled
    _dagen: list[int] = field(default_factory=list, repr=False)

    @property
    def gemiddelde_dagen(self) -> Decimal | None:
        """Average calendar days from receipt to the decision (or other ending)."""
        if not self._dagen:
            return None
        return (Decimal(sum(self._dagen)) / len(self._dagen)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def percentage_binnen(self) -> Decimal | None:
        afgerond = self.binnen_termijn + self.over_termijn
        if not afgerond:
            return None
        return (Decimal(100) * self.binnen_termijn / afgerond).quantize(
            Decimal("1"), rounding=ROUND_HALF_UP
        )

    def tel(self, rij: dict, vandaag: date) -> None:
        self.totaal += 1
        uiterlijk = rij["uitstel_tot"] or rij["verdaagd_tot"] or rij["uiterlijk_oorspronkelijk"]
        toestand = termijn_toestand(uiterlijk, rij["afgehandeld_op"], vandaag)
        if rij["afgehandeld_op"] is None:
            self.open += 1
            self.open_te_laat += toestand == "te_laat"
        else:
            self.binnen_termijn += toestand == "binnen"
            self.over_termijn += toestand == "over"
            self._dagen.append((rij["afgehandeld_op"] - rij["ontvangen_op"]).days)
        oordeel = rij["oordeel"]
        self.gegrond += oordeel == Oordeel.GEGROND
        self.deels_gegrond += oordeel == Oordeel.DEELS_GEGROND
        self.ongegrond += oordeel == Oordeel.ONGEGROND
        self.zonder_besluit += rij["status"] in EINDSTATUSSEN - {KlachtStatus.AFGEHANDELD}


@dataclass
class Rapportage:
    van: date | None
    tot: date | None
    totaal: Telling
    per_afdeling: list[Telling]
    per_categorie: list[Telling]


def klachten_rapportage(
    *, actor: Actor, vandaag: date, van: date | None = None, tot: date | None = None
) -> Rapportage:
    require_role(actor, *MAY_REPORT)
    qs = Klacht.objects.filter(organisatie_id=actor.organisatie.pk)
    if van:
        qs = qs.filter(ontvangen_op__gte=van)
    if tot:
        qs = qs.filter(ontvangen_op__lte=tot)
    totaal = Telling(naam="Totaal")
    afdelingen: dict[str, Telling] = {}
    categorieen: dict[str, Telling] = {}
    labels = dict(Categorie.choices)
    for rij in qs.values(
        "afdeling__naam",
        "categorie",
        "status",
        "oordeel",
        "ontvangen_op",
        "afgehandeld_op",
        "uiterlijk_oorspronkelijk",
        "verdaagd_tot",
        "uitstel_tot",
    ).iterator():
        totaal.tel(rij, vandaag)
        naam = rij["afdeling__naam"]
        afdelingen.setdefault(naam, Telling(naam=naam)).tel(rij, vandaag)
        categorie = str(labels.get(rij["categorie"], rij["categorie"]))
        categorieen.setdefault(categorie, Telling(naam=categorie)).tel(rij, vandaag)
    return Rapportage(
        van=van,
        tot=tot,
        totaal=totaal,
        per_afdeling=sorted(afdelingen.values(), key=lambda t: t.naam),
        per_categorie=sorted(categorieen.values(), key=lambda t: t.naam),
    )


CSV_KOLOMMEN = (
    "indeling",
    "naam",
    "totaal",
    "open",
    "open_te_laat",
    "binnen_termijn",
    "over_termijn",
    "percentage_binnen_termijn",
    "gemiddelde_doorlooptijd_dagen",
    "gegrond",
    "deels_gegrond",
    "ongegrond",
    "zonder_besluit",
)


def rapportage_csv(rapportage: Rapportage) -> str:
    """The report as CSV (semicolon, as Dutch Excel expects; decimal point for Power BI)."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(CSV_KOLOMMEN)
    groepen = (
        [("totaal", rapportage.totaal)]
        + [("afdeling", t) for t in rapportage.per_afdeling]
        + [("categorie", t) for t in rapportage.per_categorie]
    )
    for indeling, t in groepen:
        schrijver.writerow(
            [
                indeling,
                t.naam,
                t.totaal,
                t.open,
                t.open_te_laat,
                t.binnen_termijn,
                t.over_termijn,
                "" if t.percentage_binnen is None else t.percentage_binnen,
                "" if t.gemiddelde_dagen is None else t.gemiddelde_dagen,
                t.gegrond,
                t.deels_gegrond,
                t.ongegrond,
                t.zonder_besluit,
            ]
        )
    return uit.getvalue()
