"""Lead scoring: a transparent points model (registered as an algorithm, see
docs/crm/algoritme-leadscore.md). No learning, no weights fitted on data: every factor adds a
fixed number of points from a table below, and the lead page shows each factor with its points
and a Dutch explanation. The total runs from 0 to 100.

What the model claims (and tests/modules/crm/test_leads_scoring.py checks with hypothesis):
the score never drops when the value, the number of recent contact moments, the recency of the
last contact or the stage's win probability goes up, and never rises as the lead gets older.

It deliberately uses no personal characteristics (age, sex, nationality, address, income): only
facts about the opportunity and the contact with the organisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

# (lower bound in euros, points): the highest band whose bound the value reaches.
WAARDE_BANDEN: tuple[tuple[Decimal, int], ...] = (
    (Decimal("0"), 0),
    (Decimal("5000"), 5),
    (Decimal("25000"), 10),
    (Decimal("100000"), 15),
)
# How well the kind of relation fits acquisition work (companies and partners first).
RELATIE_FIT: dict[str, int] = {
    "bedrijf": 15,
    "partner": 10,
    "vereniging": 5,
    "inwoner": 0,
    "": 0,
}
# Contact moments in the last 90 days: (at least, points).
CONTACT_AANTAL: tuple[tuple[int, int], ...] = ((0, 0), (1, 5), (2, 10), (4, 15))
# Days since the last contact moment: (at most, points); none, or longer ago: 0.
CONTACT_RECENT: tuple[tuple[int, int], ...] = ((14, 10), (30, 5))
FASE_MAX = 25
# Days since the lead was registered: (at most, points); older: 0.
LEEFTIJD: tuple[tuple[int, int], ...] = ((30, 10), (90, 6), (180, 3))
BRON_PUNTEN: dict[str, int] = {
    "doorverwijzing": 10,
    "evenement": 7,
    "accountmanager": 7,
    "website": 5,
    "kcc": 5,
    "campagne": 3,
    "overig": 0,
}
MAXIMUM = 100
CONTACT_PERIODE_DAGEN = 90


@dataclass(frozen=True)
class LeadFeiten:
    """What the model reads of a lead, gathered by selectors.lead_feiten()."""

    waarde: Decimal
    relatie_soort: str
    contacten_90_dagen: int
    dagen_sinds_contact: int | None
    fase_kans: int
    dagen_open: int
    bron: str


@dataclass(frozen=True)
class Factor:
    code: str
    naam: str
    punten: int
    maximum: int
    uitleg: str


@dataclass(frozen=True)
class Score:
    totaal: int
    maximum: int
    factoren: tuple[Factor, ...]

    @property
    def niveau(self) -> str:
        """A word for the total, so the score is not read as a precise prediction."""
        if self.totaal >= 65:
            return _("hoog")
        if self.totaal >= 35:
            return _("gemiddeld")
        return _("laag")


def euro(bedrag: Decimal) -> str:
    return f"€ {bedrag:,.0f}".replace(",", ".")


def _waarde(feiten: LeadFeiten) -> Factor:
    punten = max(p for grens, p in WAARDE_BANDEN if feiten.waarde >= grens)
    return Factor(
        "waarde",
        _("Waarde"),
        punten,
        WAARDE_BANDEN[-1][1],
        _(
            "Verwachte waarde %(waarde)s: %(punten)s punten (vanaf € 5.000: 5, vanaf € 25.000: "
            "10, vanaf € 100.000: 15)."
        )
        % {"waarde": euro(feiten.waarde), "punten": punten},
    )


def _fit(feiten: LeadFeiten) -> Factor:
    punten = RELATIE_FIT.get(feiten.relatie_soort, 0)
    soort = feiten.relatie_soort or _("onbekend (geen relatieprofiel)")
    return Factor(
        "fit",
        _("Soort relatie"),
        punten,
        max(RELATIE_FIT.values()),
        _(
            "Soort relatie %(soort)s: %(punten)s punten (bedrijf 15, partner 10, vereniging 5, "
            "inwoner of onbekend 0)."
        )
        % {"soort": soort, "punten": punten},
    )


def _contacten(feiten: LeadFeiten) -> Factor:
    aantal = max(feiten.contacten_90_dagen, 0)
    punten = max(p for minimum, p in CONTACT_AANTAL if aantal >= minimum)
    return Factor(
        "contacten",
        _("Contactmomenten"),
        punten,
        CONTACT_AANTAL[-1][1],
        _(
            "%(aantal)s contactmoment(en) met de relatie in de laatste 90 dagen: %(punten)s "
            "punten (1: 5, 2 of 3: 10, 4 of meer: 15)."
        )
        % {"aantal": aantal, "punten": punten},
    )


def _recent(feiten: LeadFeiten) -> Factor:
    dagen = feiten.dagen_sinds_contact
    punten = 0
    if dagen is not None:
        punten = max((p for grens, p in CONTACT_RECENT if max(dagen, 0) <= grens), default=0)
    if dagen is None:
        uitleg = _("Nog geen contactmoment met de relatie vastgelegd: 0 punten.")
    else:
        uitleg = _(
            "Laatste contact %(dagen)s dag(en) geleden: %(punten)s punten (binnen 14 dagen: "
            "10, binnen 30 dagen: 5)."
        ) % {"dagen": dagen, "punten": punten}
    return Factor("recent", _("Recent contact"), punten, CONTACT_RECENT[0][1], uitleg)


def fase_punten(kans: int) -> int:
    """The stage's win probability (0-100 %) scaled to 0-25 points, rounded down."""
    return min(max(kans, 0), 100) * FASE_MAX // 100


def _fase(feiten: LeadFeiten) -> Factor:
    punten = fase_punten(feiten.fase_kans)
    return Factor(
        "fase",
        _("Fase"),
        punten,
        FASE_MAX,
        _("De fase heeft %(kans)s%% kans op winst: %(punten)s punten (kans × 25 / 100).")
        % {"kans": feiten.fase_kans, "punten": punten},
    )


def _leeftijd(feiten: LeadFeiten) -> Factor:
    dagen = max(feiten.dagen_open, 0)
    punten = max((p for grens, p in LEEFTIJD if dagen <= grens), default=0)
    return Factor(
        "leeftijd",
        _("Leeftijd van de lead"),
        punten,
        LEEFTIJD[0][1],
        _(
            "De lead staat %(dagen)s dag(en) open: %(punten)s punten (tot 30 dagen: 10, tot 90: "
            "6, tot 180: 3, ouder: 0)."
        )
        % {"dagen": dagen, "punten": punten},
    )


def _bron(feiten: LeadFeiten) -> Factor:
    punten = BRON_PUNTEN.get(feiten.bron, 0)
    return Factor(
        "bron",
        _("Bron"),
        punten,
        max(BRON_PUNTEN.values()),
        _(
            "Bron %(bron)s: %(punten)s punten (doorverwijzing 10, evenement of eigen acquisitie "
            "7, website of KCC 5, campagne 3, overig 0)."
        )
        % {"bron": feiten.bron, "punten": punten},
    )


FACTOREN = (_waarde, _fit, _contacten, _recent, _fase, _leeftijd, _bron)


def lead_score(feiten: LeadFeiten) -> Score:
    """The score of a lead with each factor's points and explanation."""
    factoren = tuple(f(feiten) for f in FACTOREN)
    return Score(
        totaal=sum(f.punten for f in factoren),
        maximum=sum(f.maximum for f in factoren),
        factoren=factoren,
    )


def dagen_tussen(van: date, tot: date) -> int:
    return (tot - van).days
