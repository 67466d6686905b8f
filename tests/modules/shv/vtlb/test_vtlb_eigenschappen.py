"""Properties of the VTLB calculation and the distribution that must hold for every input
(hypothesis): afloscapaciteit never negative, low income gives 95 % of net income, high income
gives the fixed maximum of its household type and norm version, and the parts of a
distribution always add up to the total to the cent."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from raadhuis.modules.shv.vtlb.normen import GEPUBLICEERDE_NORMEN, NormSleutel
from raadhuis.modules.shv.vtlb.rekenen import (
    BVV_MAX_SLEUTEL,
    CORRECTIE_SOORTEN,
    Correctie,
    InvoerFout,
    Leefsituatie,
    Toeslagen,
    VtlbInvoer,
    cent,
    vtlb_berekenen,
)
from raadhuis.modules.shv.vtlb.verdeling import Schuld, verdeel
from tests.modules.shv.vtlb.conftest import gepubliceerd

VERSIES = [v.geldig_vanaf for v in GEPUBLICEERDE_NORMEN]
AANGEVULD = {
    NormSleutel.WOONKOSTEN_DREMPEL: "300.00",
    NormSleutel.ZORGPREMIE_DREMPEL: "40.00",
    NormSleutel.KGB_NORM_PER_KIND: "250.00",
    NormSleutel.KGB_ALO_KOP: "280.00",
    NormSleutel.RESERVERINGSTOESLAG_ALLEENSTAAND: "60.00",
    NormSleutel.RESERVERINGSTOESLAG_GEHUWD: "90.00",
    NormSleutel.WERKTOESLAG: "150.00",
}
PROPERTY = settings(max_examples=150, deadline=None, derandomize=True, database=None)

bedragen = st.decimals(min_value=0, max_value=8000, places=2, allow_nan=False)
kleine_bedragen = st.decimals(min_value=0, max_value=600, places=2, allow_nan=False)


@st.composite
def invoeren(draw, versie: date | None = None) -> tuple[VtlbInvoer, date]:
    geldig_vanaf = versie or draw(st.sampled_from(VERSIES))
    leefsituatie = draw(st.sampled_from(Leefsituatie.ALLE))
    met_partner = Leefsituatie.met_partner(leefsituatie)
    if Leefsituatie.met_kinderen(leefsituatie):
        kinderen = draw(st.lists(st.integers(0, 17), min_size=1, max_size=5))
    else:
        kinderen = draw(st.lists(st.integers(18, 30), max_size=2))
    invoer = VtlbInvoer(
        peildatum=geldig_vanaf + timedelta(days=draw(st.integers(0, 180))),
        leefsituatie=leefsituatie,
        netto_inkomen=draw(bedragen),
        partner_netto_inkomen=draw(bedragen) if met_partner else D("0"),
        woonlasten=draw(st.decimals(0, 2000, places=2, allow_nan=False)),
        zorgpremie=draw(kleine_bedragen),
        toeslagen=Toeslagen(draw(kleine_bedragen), draw(kleine_bedragen), draw(kleine_bedragen)),
        kinderen=tuple(kinderen),
        correcties=tuple(
            Correctie(soort, bedrag)
            for soort, bedrag in draw(
                st.lists(st.tuples(st.sampled_from(list(CORRECTIE_SOORTEN)), kleine_bedragen))
            )
        ),
        pensioengerechtigd=draw(st.booleans()),
        aantal_werkenden=draw(st.integers(0, 2 if met_partner else 1)),
        compensatiekop=draw(st.none() | kleine_bedragen),
    )
    return invoer, geldig_vanaf


def berekenen(invoer: VtlbInvoer, geldig_vanaf: date, aanvullen: bool):
    normen = gepubliceerd(geldig_vanaf, **(AANGEVULD if aanvullen else {}))
    try:
        return vtlb_berekenen(invoer, normen)
    except InvoerFout as fout:
        # Only a missing published maximum may stop a calculation of valid input.
        assert fout.code == "norm-ontbreekt", fout.melding
        assume(False)


@PROPERTY
@given(invoeren(), st.booleans())
def test_afloscapaciteit_is_nooit_negatief_en_vtlb_niet_lager_dan_bvv(gegeven, aanvullen):
    invoer, versie = gegeven
    uitkomst = berekenen(invoer, versie, aanvullen)
    assert uitkomst.afloscapaciteit >= 0
    assert uitkomst.afloscapaciteit == max(invoer.gezinsinkomen - uitkomst.vtlb, D("0"))
    assert uitkomst.vtlb >= uitkomst.beslagvrije_voet
    assert all(r.bedrag == r.bedrag.quantize(D("0.01")) for r in uitkomst.regels)


@PROPERTY
@given(invoeren(), st.booleans())
def test_laag_inkomen_geeft_95_procent_van_het_netto_inkomen(gegeven, aanvullen):
    invoer, versie = gegeven
    uitkomst = berekenen(invoer, versie, aanvullen)
    norm = next(r for r in uitkomst.regels if r.code == "bijstandsnorm").bedrag
    assume(invoer.gezinsinkomen <= norm)
    assert uitkomst.inkomensgroep == "laag"
    assert uitkomst.beslagvrije_voet == cent(D("0.95") * invoer.gezinsinkomen)


MET_MAXIMUM = [
    v.geldig_vanaf
    for v in GEPUBLICEERDE_NORMEN
    if all(v.bedragen[s].bedrag is not None for s in BVV_MAX_SLEUTEL.values())
]


@PROPERTY
@given(st.sampled_from(MET_MAXIMUM).flatmap(lambda v: invoeren(versie=v)))
def test_hoog_inkomen_geeft_het_vaste_maximum_van_leefsituatie_en_normversie(gegeven):
    invoer, versie = gegeven
    # High income: above the norm and no allowances any more (and no rekentool override).
    invoer = VtlbInvoer(
        **{
            **invoer.__dict__,
            "netto_inkomen": invoer.netto_inkomen + D("2500.00"),
            "toeslagen": Toeslagen(),
            "compensatiekop": None,
        }
    )
    uitkomst = berekenen(invoer, versie, aanvullen=False)
    maximum = next(v for v in GEPUBLICEERDE_NORMEN if v.geldig_vanaf == versie).bedragen[
        BVV_MAX_SLEUTEL[invoer.leefsituatie]
    ]
    assert uitkomst.inkomensgroep == "hoog"
    assert uitkomst.beslagvrije_voet == maximum.bedrag


# --- distribution ---------------------------------------------------------------------------
schulden_lijsten = st.lists(
    st.tuples(st.decimals(0, 50000, places=2, allow_nan=False), st.booleans()),
    min_size=1,
    max_size=25,
)


@st.composite
def verdelingen(draw):
    lijst = draw(schulden_lijsten)
    schulden = [Schuld(f"s{i}", bedrag, preferent) for i, (bedrag, preferent) in enumerate(lijst)]
    som = sum((s.bedrag for s in schulden), D("0"))
    totaal = draw(st.decimals(0, som, places=2, allow_nan=False)) if som else D("0")
    weging = draw(st.sampled_from([D("1"), D("1.5"), D("2"), D("3")]))
    return totaal, schulden, weging


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(verdelingen())
def test_aandelen_tellen_precies_op_tot_het_totaal(gegeven):
    totaal, schulden, weging = gegeven
    verdeling = verdeel(totaal, schulden, weging)
    assert sum(a.aandeel for a in verdeling.aandelen) == totaal
    for aandeel, schuld in zip(verdeling.aandelen, schulden, strict=True):
        assert D("0") <= aandeel.aandeel <= schuld.bedrag
        assert aandeel.aandeel == aandeel.aandeel.quantize(D("0.01"))


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(verdelingen())
def test_zonder_plafond_wijkt_elk_aandeel_minder_dan_een_cent_af_van_pro_rata(gegeven):
    totaal, schulden, weging = gegeven
    gewichten = [Fraction(s.bedrag) * (Fraction(weging) if s.preferent else 1) for s in schulden]
    som = sum(gewichten)
    assume(som > 0)
    exact = [Fraction(totaal) * g / som for g in gewichten]
    assume(all(e <= Fraction(s.bedrag) for e, s in zip(exact, schulden, strict=True)))
    verdeling = verdeel(totaal, schulden, weging)
    for aandeel, precies in zip(verdeling.aandelen, exact, strict=True):
        assert abs(Fraction(aandeel.aandeel) - precies) < Fraction(1, 100)


@settings(max_examples=50, deadline=None, derandomize=True, database=None)
@given(schulden_lijsten)
def test_een_totaal_van_nul_is_een_aanbod_van_nul_procent(lijst):
    schulden = [Schuld(str(i), bedrag, preferent) for i, (bedrag, preferent) in enumerate(lijst)]
    verdeling = verdeel(D("0"), schulden)
    assert verdeling.percentage == D("0.00")
    assert all(a.aandeel == D("0.00") and a.percentage == D("0.00") for a in verdeling.aandelen)
