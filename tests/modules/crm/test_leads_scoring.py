"""The lead score: worked numbers for each factor and the claims of the algorithm register
(bounds 0-100, monotone in value, contact moments, recency, stage; never rising with age)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from raadhuis.modules.crm.leads.scoring import (
    BRON_PUNTEN,
    RELATIE_FIT,
    LeadFeiten,
    fase_punten,
    lead_score,
)

BASIS = LeadFeiten(
    waarde=Decimal("30000"),
    relatie_soort="bedrijf",
    contacten_90_dagen=2,
    dagen_sinds_contact=10,
    fase_kans=50,
    dagen_open=45,
    bron="website",
)


def _punten(feiten: LeadFeiten) -> dict[str, int]:
    return {f.code: f.punten for f in lead_score(feiten).factoren}


def test_a_worked_example_adds_up_factor_by_factor():
    score = lead_score(BASIS)
    # 30.000 -> 10; bedrijf -> 15; 2 contacts -> 10; 10 days ago -> 10; 50% -> 12 (50*25//100);
    # 45 days open -> 6; website -> 5.
    assert _punten(BASIS) == {
        "waarde": 10,
        "fit": 15,
        "contacten": 10,
        "recent": 10,
        "fase": 12,
        "leeftijd": 6,
        "bron": 5,
    }
    assert score.totaal == 68
    assert score.maximum == 100
    assert score.niveau == "hoog"
    assert all(f.uitleg for f in score.factoren)


def test_band_edges_are_inclusive():
    assert _punten(replace(BASIS, waarde=Decimal("4999.99")))["waarde"] == 0
    assert _punten(replace(BASIS, waarde=Decimal("5000")))["waarde"] == 5
    assert _punten(replace(BASIS, waarde=Decimal("100000")))["waarde"] == 15
    assert _punten(replace(BASIS, contacten_90_dagen=0))["contacten"] == 0
    assert _punten(replace(BASIS, contacten_90_dagen=1))["contacten"] == 5
    assert _punten(replace(BASIS, contacten_90_dagen=4))["contacten"] == 15
    assert _punten(replace(BASIS, dagen_sinds_contact=14))["recent"] == 10
    assert _punten(replace(BASIS, dagen_sinds_contact=30))["recent"] == 5
    assert _punten(replace(BASIS, dagen_sinds_contact=31))["recent"] == 0
    assert _punten(replace(BASIS, dagen_sinds_contact=None))["recent"] == 0
    assert _punten(replace(BASIS, dagen_open=30))["leeftijd"] == 10
    assert _punten(replace(BASIS, dagen_open=181))["leeftijd"] == 0
    assert fase_punten(100) == 25 and fase_punten(10) == 2 and fase_punten(0) == 0


def test_the_lowest_and_highest_possible_scores():
    laag = LeadFeiten(Decimal("0"), "inwoner", 0, None, 0, 400, "overig")
    hoog = LeadFeiten(Decimal("1000000"), "bedrijf", 9, 0, 100, 0, "doorverwijzing")
    assert lead_score(laag).totaal == 0
    assert lead_score(hoog).totaal == 100
    assert lead_score(laag).niveau == "laag"


feiten = st.builds(
    LeadFeiten,
    waarde=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    relatie_soort=st.sampled_from(sorted(RELATIE_FIT)),
    contacten_90_dagen=st.integers(min_value=0, max_value=500),
    dagen_sinds_contact=st.none() | st.integers(min_value=0, max_value=5000),
    fase_kans=st.integers(min_value=0, max_value=100),
    dagen_open=st.integers(min_value=0, max_value=5000),
    bron=st.sampled_from(sorted(BRON_PUNTEN)),
)
extra = st.integers(min_value=0, max_value=1000)


@given(feiten)
def test_the_score_stays_within_0_and_100(f):
    score = lead_score(f)
    assert 0 <= score.totaal <= 100
    assert score.totaal == sum(x.punten for x in score.factoren)
    assert all(0 <= x.punten <= x.maximum for x in score.factoren)


@given(feiten, st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_more_value_never_lowers_the_score(f, meer):
    assert lead_score(replace(f, waarde=f.waarde + meer)).totaal >= lead_score(f).totaal


@given(feiten, extra)
def test_more_contact_moments_never_lower_the_score(f, meer):
    hoger = replace(f, contacten_90_dagen=f.contacten_90_dagen + meer)
    assert lead_score(hoger).totaal >= lead_score(f).totaal


@given(feiten, extra)
def test_a_more_recent_contact_never_lowers_the_score(f, minder):
    if f.dagen_sinds_contact is None:
        recenter = replace(f, dagen_sinds_contact=minder)
    else:
        recenter = replace(f, dagen_sinds_contact=max(f.dagen_sinds_contact - minder, 0))
    assert lead_score(recenter).totaal >= lead_score(f).totaal


@given(feiten, st.integers(min_value=0, max_value=100))
def test_a_higher_stage_probability_never_lowers_the_score(f, meer):
    hoger = replace(f, fase_kans=min(f.fase_kans + meer, 100))
    assert lead_score(hoger).totaal >= lead_score(f).totaal


@given(feiten, extra)
def test_an_older_lead_never_scores_higher(f, ouder):
    assert lead_score(replace(f, dagen_open=f.dagen_open + ouder)).totaal <= lead_score(f).totaal
