"""A figure that is "Nog niet vastgesteld" blocks what needs it, clearly, until the functional
administrator enters it with its source on the norms screen; from then on the calculation uses
it and names that source (issue 4: norm amounts are data, editable, with the source named).

The maximum beslagvrije voet for a single person per 1 July 2026 was not found offline
(docs/shv/vtlb-methode.md), so a calculation on 1 September 2026 for an income above the
bijstandsnorm cannot be made. The amount entered here is a test value, marked as such in its
source: this test proves the path, not the figure."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from raadhuis.modules.shv.vtlb.models import NormBedrag, NormVersie
from raadhuis.modules.shv.vtlb.normen import NormSleutel
from raadhuis.modules.shv.vtlb.services import vtlb_normen_ensure
from tests.modules.shv.vtlb.conftest import inloggen

pytestmark = pytest.mark.django_db

VTLB = "/api/shv/v1/vtlb-berekeningen"
AANVRAAG = {
    "peildatum": "2026-09-01",
    "leefsituatie": "alleenstaand",
    "netto_inkomen": "3200.00",
    "partner_netto_inkomen": "0.00",
    "woonlasten": "0.00",
    "zorgpremie": "0.00",
    "toeslagen": {"huurtoeslag": "0", "zorgtoeslag": "0", "kindgebonden_budget": "0"},
    "kinderen": [],
    "correcties": [],
}
BRON = "Testwaarde, geen gepubliceerd bedrag (test_vtlb_norm_aanvullen)"


def test_a_missing_maximum_blocks_until_the_administrator_enters_it(org, fb, consulent):
    vtlb_normen_ensure(org)
    versie = NormVersie.objects.get(organisatie=org, geldig_vanaf=date(2026, 7, 1))
    sleutel = NormSleutel.BVV_MAX_ALLEENSTAAND
    assert NormBedrag.objects.get(normversie=versie, sleutel=sleutel).bedrag is None

    # The API says why, in the standard error format.
    api = inloggen(APIClient(), consulent)
    geweigerd = api.post(VTLB, AANVRAAG, format="json")
    assert geweigerd.status_code == 400, geweigerd.content
    fout = next(p for p in geweigerd.json()["invalidParams"] if p["code"] == "norm-ontbreekt")
    assert "ontbreekt" in fout["reason"] and "functioneel beheerder" in fout["reason"]

    # The norms screen shows the gap, and the administrator fills it with its source.
    web = inloggen(Client(), fb)
    detail_url = reverse("shv:vtlb:normversie_detail", args=[versie.uuid])
    assert "Nog niet vastgesteld" in web.get(detail_url).content.decode()
    wijzigen = reverse("shv:vtlb:normbedrag_wijzigen", args=[versie.uuid, sleutel])
    assert web.get(wijzigen).status_code == 200
    antwoord = web.post(wijzigen, {"bedrag": "2100,00", "bron": BRON, "toelichting": "test"})
    assert antwoord.status_code == 302
    assert BRON in web.get(detail_url).content.decode()

    # Now the same request is calculated with that maximum, and the line names its source.
    berekend = api.post(VTLB, AANVRAAG, format="json")
    assert berekend.status_code == 201, berekend.content
    body = berekend.json()
    assert body["beslagvrije_voet"] == "2100.00"  # a high income gets exactly the maximum
    assert any(BRON in regel.get("bron", "") for regel in body["regels"]), body["regels"]
