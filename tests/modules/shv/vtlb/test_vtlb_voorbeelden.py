"""Worked examples of the VTLB calculation, in the 2024 and 2026 norm versions, with the
source of every number. Norm sources are in raadhuis/modules/shv/vtlb/normen.py; the steps
are those of rekenen.py and docs/shv/vtlb-methode.md.

Sources used below:
- [PW-2024-01] bijstandsnormen per 1 januari 2024 (SZW, via Gemeente Velsen/Westland):
  alleenstaande 1283.83, gehuwden 1834.04, alleenstaande AOW 1425.76, gehuwden AOW 1933.98.
- [BVV-2024-01] maximum beslagvrije voet januari 2024 (schuldinfo.nl): alleenstaande 1996.21,
  alleenstaande ouder 2162.60, gehuwden 2631.49, gehuwden met kinderen 2747.09.
- [PW-2026-01] Normenbrief 1 januari 2026: alleenstaande 1401.50, gehuwden 2002.13.
- [PW-2026-07] Participatiewet per 1 juli 2026: alleenstaande 1419.46, gehuwden 2027.79,
  gehuwden AOW 2176.10.
- [ER] correctie premie/eigen risico 32.08 per volwassene (NVVK 2021: € 385 / 12; eigen
  risico 2024-2026 ongewijzigd € 385).
- [TEST] a norm amount no published source was found for; set here as a test value.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from raadhuis.modules.shv.vtlb.normen import NormSleutel
from raadhuis.modules.shv.vtlb.rekenen import (
    Correctie,
    InvoerFout,
    Toeslagen,
    VtlbInvoer,
    vtlb_berekenen,
)
from tests.modules.shv.vtlb.conftest import gepubliceerd

JAN_2024 = date(2024, 1, 1)
JAN_2026 = date(2026, 1, 1)
JUL_2026 = date(2026, 7, 1)


def regel(uitkomst, code):
    return next(r for r in uitkomst.regels if r.code == code)


# --- single person, low income --------------------------------------------------------------
def test_alleenstaande_laag_inkomen_2024():
    uitkomst = vtlb_berekenen(
        VtlbInvoer(date(2024, 3, 1), "alleenstaand", netto_inkomen=D("1100.00")),
        gepubliceerd(JAN_2024),
    )
    assert uitkomst.inkomensgroep == "laag"  # 1100.00 <= 1283.83 [PW-2024-01]
    assert uitkomst.beslagvrije_voet == D("1045.00")  # 95% x 1100.00 (art. 475da Rv)
    assert regel(uitkomst, "correctie_eigen_risico").bedrag == D("32.08")  # [ER] x 1
    assert uitkomst.nominaal_bedrag == D("32.08")  # reserveringstoeslag not published: 0
    assert uitkomst.vtlb == D("1077.08")  # 1045.00 + 32.08
    assert uitkomst.afloscapaciteit == D("22.92")  # 1100.00 - 1077.08
    assert any("Reserveringstoeslag" in w for w in uitkomst.waarschuwingen)


def test_alleenstaande_laag_inkomen_2026():
    uitkomst = vtlb_berekenen(
        VtlbInvoer(date(2026, 3, 1), "alleenstaand", netto_inkomen=D("1250.00")),
        gepubliceerd(JAN_2026),
    )
    assert regel(uitkomst, "bijstandsnorm").bedrag == D("1401.50")  # [PW-2026-01]
    assert uitkomst.beslagvrije_voet == D("1187.50")  # 95% x 1250.00
    assert uitkomst.vtlb == D("1219.58")  # 1187.50 + 32.08 [ER]
    assert uitkomst.afloscapaciteit == D("30.42")  # 1250.00 - 1219.58


# --- single parent with two children --------------------------------------------------------
def test_alleenstaande_ouder_met_twee_kinderen_2024():
    invoer = VtlbInvoer(
        date(2024, 5, 1),
        "alleenstaande_ouder",
        netto_inkomen=D("1750.00"),
        toeslagen=Toeslagen(D("210.00"), D("95.00"), D("380.00")),  # 685.00 received
        kinderen=(4, 9),
    )
    uitkomst = vtlb_berekenen(invoer, gepubliceerd(JAN_2024))
    assert uitkomst.inkomensgroep == "midden"
    assert regel(uitkomst, "bvv_basis").bedrag == D("1219.64")  # 95% x 1283.83 = 1219.6385
    # maximum 2162.60 [BVV-2024-01] - 1219.64 = 942.96 maximum kop; minus 685.00 received
    assert regel(uitkomst, "compensatiekop").bedrag == D("257.96")
    assert uitkomst.beslagvrije_voet == D("1477.60")  # 1219.64 + 257.96
    assert uitkomst.vtlb == D("1509.68")  # + 32.08 [ER]
    assert uitkomst.afloscapaciteit == D("240.32")  # 1750.00 - 1509.68


def test_alleenstaande_ouder_met_twee_kinderen_2026_met_compensatiekop_uit_de_rekentool():
    # July 2026: no published maximum was found, so the consultant enters the compensatiekop
    # from the Rijksoverheid rekentool (here 180.00, an example value).
    invoer = VtlbInvoer(
        date(2026, 9, 1),
        "alleenstaande_ouder",
        netto_inkomen=D("1750.00"),
        toeslagen=Toeslagen(D("210.00"), D("95.00"), D("380.00")),
        kinderen=(4, 9),
        compensatiekop=D("180.00"),
    )
    uitkomst = vtlb_berekenen(invoer, gepubliceerd(JUL_2026))
    assert regel(uitkomst, "bvv_basis").bedrag == D("1348.49")  # 95% x 1419.46 [PW-2026-07]
    assert regel(uitkomst, "compensatiekop").bedrag == D("180.00")
    assert uitkomst.beslagvrije_voet == D("1528.49")
    assert uitkomst.vtlb == D("1560.57")  # + 32.08 [ER]
    assert uitkomst.afloscapaciteit == D("189.43")


def test_zonder_gepubliceerd_maximum_en_zonder_compensatiekop_geen_berekening():
    invoer = VtlbInvoer(
        date(2026, 9, 1), "alleenstaande_ouder", netto_inkomen=D("1750.00"), kinderen=(4,)
    )
    with pytest.raises(InvoerFout) as fout:
        vtlb_berekenen(invoer, gepubliceerd(JUL_2026))
    assert fout.value.code == "norm-ontbreekt"
    assert "Maximum beslagvrije voet alleenstaande ouder" in fout.value.melding


# --- couple with children -------------------------------------------------------------------
def test_gehuwden_met_kinderen_2024():
    invoer = VtlbInvoer(
        date(2024, 2, 15),
        "gehuwd_met_kinderen",
        netto_inkomen=D("2100.00"),
        partner_netto_inkomen=D("650.00"),
        toeslagen=Toeslagen(kindgebonden_budget=D("150.00")),
        kinderen=(3, 7, 12),
        aantal_werkenden=2,
    )
    uitkomst = vtlb_berekenen(invoer, gepubliceerd(JAN_2024))
    assert regel(uitkomst, "gezinsinkomen").bedrag == D("2750.00")
    assert regel(uitkomst, "bvv_basis").bedrag == D("1742.34")  # 95% x 1834.04 = 1742.338
    # 2747.09 [BVV-2024-01] - 1742.34 = 1004.75; minus 150.00 kindgebonden budget
    assert regel(uitkomst, "compensatiekop").bedrag == D("854.75")
    assert uitkomst.beslagvrije_voet == D("2597.09")
    assert regel(uitkomst, "correctie_eigen_risico").bedrag == D("64.16")  # 2 x 32.08 [ER]
    assert regel(uitkomst, "werktoeslag").bedrag == D("0.00")  # not published: warned
    assert any("Werktoeslag" in w for w in uitkomst.waarschuwingen)
    assert uitkomst.vtlb == D("2661.25")
    assert uitkomst.afloscapaciteit == D("88.75")  # 2750.00 - 2661.25


def test_gehuwden_met_kinderen_2026_laag_inkomen():
    invoer = VtlbInvoer(
        date(2026, 2, 1),
        "gehuwd_met_kinderen",
        netto_inkomen=D("1500.00"),
        partner_netto_inkomen=D("400.00"),
        kinderen=(2,),
    )
    uitkomst = vtlb_berekenen(invoer, gepubliceerd(JAN_2026))
    assert uitkomst.inkomensgroep == "laag"  # 1900.00 <= 2002.13 [PW-2026-01]
    assert uitkomst.beslagvrije_voet == D("1805.00")  # 95% x 1900.00
    assert uitkomst.vtlb == D("1869.16")  # + 2 x 32.08 [ER]
    assert uitkomst.afloscapaciteit == D("30.84")


# --- past AOW age ---------------------------------------------------------------------------
def test_alleenstaande_met_pensioengerechtigde_leeftijd_hoog_inkomen_2024():
    invoer = VtlbInvoer(
        date(2024, 6, 1), "alleenstaand", netto_inkomen=D("2400.00"), pensioengerechtigd=True
    )
    uitkomst = vtlb_berekenen(invoer, gepubliceerd(JAN_2024))
    assert uitkomst.inkomensgroep == "hoog"
    assert uitkomst.beslagvrije_voet == D("1996.21")  # the fixed maximum [BVV-2024-01]
    # 95% x 1425.76 = 1354.472 -> 1354.47; 95% x 1283.83 -> 1219.64 [PW-2024-01]
    assert regel(uitkomst, "aow_correctie").bedrag == D("134.83")
    assert uitkomst.nominaal_bedrag == D("166.91")  # 134.83 + 32.08 [ER]
    assert uitkomst.vtlb == D("2163.12")
    assert uitkomst.afloscapaciteit == D("236.88")


def test_gehuwden_pensioengerechtigd_2026_afloscapaciteit_niet_negatief():
    invoer = VtlbInvoer(
        date(2026, 8, 1),
        "gehuwd",
        netto_inkomen=D("1250.00"),
        partner_netto_inkomen=D("750.00"),
        pensioengerechtigd=True,
    )
    uitkomst = vtlb_berekenen(invoer, gepubliceerd(JUL_2026))
    assert uitkomst.beslagvrije_voet == D("1900.00")  # 95% x 2000.00 (<= 2027.79)
    # 95% x 2176.10 = 2067.295 -> 2067.30 (half up); 95% x 2027.79 = 1926.4005 -> 1926.40
    assert regel(uitkomst, "aow_correctie").bedrag == D("140.90")
    assert uitkomst.vtlb == D("2105.06")  # 1900.00 + 140.90 + 2 x 32.08
    assert uitkomst.afloscapaciteit == D("0.00")  # 2000.00 - 2105.06 < 0


# --- housing-cost correction ----------------------------------------------------------------
WOON = {
    NormSleutel.WOONKOSTEN_DREMPEL: "300.00",  # [TEST]
    NormSleutel.ZORGPREMIE_DREMPEL: "40.00",  # [TEST]
}


def test_woonkostencorrectie_2024():
    invoer = VtlbInvoer(
        date(2024, 4, 1),
        "alleenstaand",
        netto_inkomen=D("2300.00"),
        woonlasten=D("1150.00"),
        zorgpremie=D("160.00"),
    )
    uitkomst = vtlb_berekenen(invoer, gepubliceerd(JAN_2024, **WOON))
    assert uitkomst.beslagvrije_voet == D("1996.21")  # high income: maximum [BVV-2024-01]
    assert regel(uitkomst, "correctie_woonlasten").bedrag == D("850.00")  # 1150 - 0 - 300
    assert regel(uitkomst, "correctie_zorgpremie").bedrag == D("120.00")  # 160 - 0 - 40
    assert regel(uitkomst, "correctie_min_compensatiekop").bedrag == D("-776.57")
    # 850.00 + 120.00 - 776.57 (kop = 1996.21 - 1219.64)
    assert regel(uitkomst, "correctie_individuele_lasten").bedrag == D("193.43")
    assert uitkomst.vtlb == D("2221.72")  # 1996.21 + 32.08 + 193.43
    assert uitkomst.afloscapaciteit == D("78.28")


def test_woonkostencorrectie_2026():
    invoer = VtlbInvoer(
        date(2026, 4, 1),
        "alleenstaand",
        netto_inkomen=D("1350.00"),
        woonlasten=D("700.00"),
        zorgpremie=D("150.00"),
        toeslagen=Toeslagen(huurtoeslag=D("250.00"), zorgtoeslag=D("131.00")),
    )
    uitkomst = vtlb_berekenen(invoer, gepubliceerd(JAN_2026, **WOON))
    assert uitkomst.beslagvrije_voet == D("1282.50")  # 95% x 1350.00 (<= 1401.50)
    assert regel(uitkomst, "correctie_woonlasten").bedrag == D("150.00")  # 700 - 250 - 300
    assert regel(uitkomst, "correctie_zorgpremie").bedrag == D("0.00")  # 150-131-40 < 0
    assert regel(uitkomst, "correctie_individuele_lasten").bedrag == D("150.00")  # kop 0
    assert uitkomst.vtlb == D("1464.58")  # 1282.50 + 32.08 + 150.00
    assert uitkomst.afloscapaciteit == D("0.00")


def test_zonder_drempels_geen_correctie_individuele_lasten_en_een_waarschuwing():
    invoer = VtlbInvoer(
        date(2024, 4, 1), "alleenstaand", netto_inkomen=D("2300.00"), woonlasten=D("1150.00")
    )
    uitkomst = vtlb_berekenen(invoer, gepubliceerd(JAN_2024))
    assert regel(uitkomst, "correctie_individuele_lasten").bedrag == D("0.00")
    assert any("niet toegepast" in w for w in uitkomst.waarschuwingen)


def test_vtlb_is_nooit_lager_dan_de_beslagvrije_voet():
    # High income, no housing costs: the individual correction is -776.57, but the vtlb
    # stays at the beslagvrije voet.
    invoer = VtlbInvoer(date(2024, 4, 1), "alleenstaand", netto_inkomen=D("3000.00"))
    uitkomst = vtlb_berekenen(invoer, gepubliceerd(JAN_2024, **WOON))
    assert uitkomst.nominaal_bedrag == D("-744.49")  # 32.08 - 776.57
    assert uitkomst.vtlb == uitkomst.beslagvrije_voet == D("1996.21")


def test_correcties_van_de_rechter_tellen_op():
    invoer = VtlbInvoer(
        date(2024, 3, 1),
        "alleenstaand",
        netto_inkomen=D("1100.00"),
        correcties=(
            Correctie("lokale_lasten", D("25.00")),
            Correctie("bewindvoering", D("130.00"), "beschermingsbewind"),
        ),
    )
    uitkomst = vtlb_berekenen(invoer, gepubliceerd(JAN_2024))
    assert regel(uitkomst, "correctie_bewindvoering").bedrag == D("130.00")
    assert uitkomst.vtlb == D("1232.08")  # 1045.00 + 32.08 + 25.00 + 130.00
    assert uitkomst.afloscapaciteit == D("0.00")


@pytest.mark.parametrize(
    ("leefsituatie", "kinderen", "partner", "code"),
    [
        ("alleenstaande_ouder", (), D("0"), "kinderen-ontbreken"),
        ("alleenstaand", (5,), D("0"), "leefsituatie-kinderen"),
        ("alleenstaand", (), D("100"), "geen-partner"),
        ("alleenstaand", (19,), D("0"), None),  # an adult child does not count
    ],
)
def test_leefsituatie_past_bij_kinderen_en_partner(leefsituatie, kinderen, partner, code):
    invoer = VtlbInvoer(
        date(2024, 3, 1),
        leefsituatie,
        netto_inkomen=D("1000.00"),
        partner_netto_inkomen=partner,
        kinderen=kinderen,
    )
    if code is None:
        vtlb_berekenen(invoer, gepubliceerd(JAN_2024))
        return
    with pytest.raises(InvoerFout) as fout:
        vtlb_berekenen(invoer, gepubliceerd(JAN_2024))
    assert fout.value.code == code


def test_peildatum_na_de_looptijd_geeft_een_waarschuwing():
    uitkomst = vtlb_berekenen(
        VtlbInvoer(date(2027, 2, 1), "alleenstaand", netto_inkomen=D("1000.00")),
        gepubliceerd(JUL_2026),
    )
    assert any("na de looptijd" in w for w in uitkomst.waarschuwingen)
