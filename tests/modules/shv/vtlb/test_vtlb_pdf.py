"""The printable calculation: every line with its description, amount, rule and source, as a
creditor or a judge reads it (text extracted with pypdf)."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from raadhuis.modules.shv.vtlb.pdf import euro, vtlb_pdf
from raadhuis.modules.shv.vtlb.services import vtlb_bereken
from tests import factories

pytestmark = pytest.mark.django_db


def tekst(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    ruw = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", ruw)


def test_pdf_bevat_elke_regel_met_bedrag_regel_en_bron(org, consulent):
    berekening = vtlb_bereken(
        actor=factories.actor(consulent),
        invoer={
            "peildatum": date(2024, 5, 1),
            "leefsituatie": "alleenstaande_ouder",
            "netto_inkomen": "1750.00",
            "toeslagen": {
                "huurtoeslag": "210.00",
                "zorgtoeslag": "95.00",
                "kindgebonden_budget": "380",
            },
            "kinderen": [4, 9],
            "correcties": [{"soort": "bewindvoering", "bedrag": "130.00"}],
        },
    )
    pdf = vtlb_pdf(berekening)
    assert pdf.startswith(b"%PDF")
    inhoud = tekst(pdf)
    assert "Berekening vrij te laten bedrag" in inhoud
    assert org.naam in inhoud
    assert "Gepubliceerde normen per 1 januari 2024" in inhoud
    for bedrag in ("€ 1.283,83", "€ 1.219,64", "€ 257,96", "€ 1.477,60", "€ 130,00", "€ 110,32"):
        assert bedrag in inhoud, bedrag  # norm, 95%, kop, bvv, correction, afloscapaciteit
    assert "art. 21 onderdeel a Participatiewet" in inhoud
    assert "art. 475da Rv" in inhoud
    assert "schuldinfo.nl" in inhoud  # the source of the maximum beslagvrije voet
    assert "Kosten budgetbeheer of beschermingsbewind" in inhoud
    assert "ontbreekt" in inhoud  # the missing reserveringstoeslag is stated, not hidden
    for regel in berekening.uitkomst["regels"]:
        assert euro(regel["bedrag"]) in inhoud, regel


@pytest.mark.parametrize(
    ("waarde", "tekst_"),
    [("1234.50", "€ 1.234,50"), ("-776.57", "−€ 776,57"), ("0.00", "€ 0,00"), (None, "—")],
)
def test_bedragen_in_nederlandse_notatie(waarde, tekst_):
    assert euro(waarde) == tekst_
