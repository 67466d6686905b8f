"""Worked examples of the pro-rata distribution (pondspondsgewijze verdeling)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from raadhuis.modules.shv.vtlb.verdeling import Schuld, VerdelingFout, verdeel


def aandelen(verdeling):
    return {a.id: a.aandeel for a in verdeling.aandelen}


def test_pro_rata_zonder_preferenten():
    # 18 months x 50.00 capacity = 900.00 over debts of 1000, 2000 and 3000 (6000 in total):
    # 15 % each, 150.00 / 300.00 / 450.00.
    verdeling = verdeel(
        D("900.00"),
        [Schuld("a", D("1000.00")), Schuld("b", D("2000.00")), Schuld("c", D("3000.00"))],
    )
    assert aandelen(verdeling) == {"a": D("150.00"), "b": D("300.00"), "c": D("450.00")}
    assert verdeling.percentage == D("15.00")
    assert {a.percentage for a in verdeling.aandelen} == {D("15.00")}


def test_afronding_met_grootste_rest_telt_op_tot_het_totaal():
    # 100.00 over three equal debts: 33.333... each; floors 33.33 x 3 = 99.99, the missing
    # cent goes to the largest remainder (equal: the larger debt, then the first): a.
    verdeling = verdeel(
        D("100.00"),
        [Schuld("a", D("500.00")), Schuld("b", D("500.00")), Schuld("c", D("500.00"))],
    )
    assert aandelen(verdeling) == {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")}
    assert sum(aandelen(verdeling).values()) == D("100.00")


def test_preferente_schuld_weegt_zwaarder():
    # Weight 2: the preferent 1000.00 weighs 2000; total weight 3000: 600.00 / 300.00.
    verdeling = verdeel(
        D("900.00"),
        [Schuld("belasting", D("1000.00"), preferent=True), Schuld("winkel", D("1000.00"))],
        preferent_weging=D("2"),
    )
    assert aandelen(verdeling) == {"belasting": D("600.00"), "winkel": D("300.00")}


def test_niemand_krijgt_meer_dan_zijn_vordering():
    # Weight 10 would give the preferent 100.00 debt 10/11 of 500 = 454.55; it gets its
    # 100.00 and the other 400.00 goes to the concurrent debt.
    verdeling = verdeel(
        D("500.00"),
        [Schuld("p", D("100.00"), preferent=True), Schuld("c", D("1000.00"))],
        preferent_weging=D("10"),
    )
    assert aandelen(verdeling) == {"p": D("100.00"), "c": D("400.00")}
    assert verdeling.aandelen[0].percentage == D("100.00")


def test_nul_procent_aanbod():
    verdeling = verdeel(D("0"), [Schuld("a", D("1234.56")), Schuld("b", D("99.99"), True)])
    assert aandelen(verdeling) == {"a": D("0.00"), "b": D("0.00")}
    assert verdeling.percentage == D("0.00")


@pytest.mark.parametrize(
    ("totaal", "schulden", "weging", "code"),
    [
        (D("10.00"), [], D("1"), "empty"),
        (D("-1.00"), [Schuld("a", D("5.00"))], D("1"), "min_value"),
        (D("10.00"), [Schuld("a", D("5.00"))], D("1"), "totaal-te-hoog"),
        (D("1.00"), [Schuld("a", D("5.00")), Schuld("a", D("5.00"))], D("1"), "unique"),
        (D("1.00"), [Schuld("a", D("5.00"))], D("0"), "min_value"),
        (D("1.001"), [Schuld("a", D("5.00"))], D("1"), "max_decimal_places"),
    ],
)
def test_ongeldige_verdeling(totaal, schulden, weging, code):
    with pytest.raises(VerdelingFout) as fout:
        verdeel(totaal, schulden, weging)
    assert fout.value.code == code
