"""The dossier hands the VTLB calculator what it knows: household type, children's ages,
incomes, housing costs, premium, allowances and corrections, in the calculator's own shape."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from raadhuis.modules.shv.selectors import vtlb_invoer_voor_dossier
from raadhuis.modules.shv.services import inkomen_add, vaste_last_add


def test_the_dossier_gives_the_calculator_its_input(ik, dossier):
    inkomen_add(
        actor=ik,
        dossier=dossier,
        soort="loon",
        omschrijving="Salaris",
        bedrag_per_maand=Decimal("1985.40"),
    )
    inkomen_add(
        actor=ik,
        dossier=dossier,
        soort="uitkering",
        omschrijving="Aanvulling",
        bedrag_per_maand=Decimal("412"),
        van_partner=True,
    )
    inkomen_add(
        actor=ik,
        dossier=dossier,
        soort="toeslag",
        omschrijving="Huurtoeslag",
        bedrag_per_maand=Decimal("301"),
    )
    vaste_last_add(
        actor=ik,
        dossier=dossier,
        soort="huur",
        omschrijving="Huur",
        bedrag_per_maand=Decimal("845"),
    )
    vaste_last_add(
        actor=ik,
        dossier=dossier,
        soort="zorgverzekering",
        omschrijving="Zorg",
        bedrag_per_maand=Decimal("298"),
    )
    vaste_last_add(
        actor=ik,
        dossier=dossier,
        soort="gemeentelijke_belasting",
        omschrijving="OZB",
        bedrag_per_maand=Decimal("30"),
    )

    # The double fixes ages on 1 January of the current year.
    invoer = vtlb_invoer_voor_dossier(dossier, peildatum=date(date.today().year, 1, 2))

    # Married with children 17, 12 and 3 (ages on 1 January, BRP test double).
    assert invoer["leefsituatie"] == "gehuwd_met_kinderen"
    assert invoer["kinderen"] == [17, 12, 3]
    assert (invoer["netto_inkomen"], invoer["partner_netto_inkomen"]) == ("1985.40", "412.00")
    assert (invoer["woonlasten"], invoer["zorgpremie"]) == ("845.00", "298.00")
    assert invoer["toeslagen"]["huurtoeslag"] == "301.00"
    assert invoer["correcties"] == [
        {"soort": "lokale_lasten", "bedrag": "30.00", "toelichting": "OZB"}
    ]

    # The calculator reads it as its own input (its norms are the calculator's business).
    from raadhuis.modules.shv.vtlb.rekenen import invoer_controleren
    from raadhuis.modules.shv.vtlb.weergave import invoer_uit_data

    gelezen = invoer_uit_data(invoer)
    invoer_controleren(gelezen)
    assert gelezen.netto_inkomen == Decimal("1985.40")
