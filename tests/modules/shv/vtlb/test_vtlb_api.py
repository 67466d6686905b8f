"""`POST /api/shv/v1/vtlb-berekeningen`, the stored calculation and its PDF, and
`POST /api/shv/v1/verdelingen`: the contract of issue 4 (field names, amounts as strings with
two decimals, regels, normversie), the standard error documents in Dutch, and no server error
on garbage."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from rest_framework.test import APIClient

from raadhuis.modules.shv.vtlb.api.schema import SPEC_FILE, generate_openapi
from raadhuis.modules.shv.vtlb.models import VtlbBerekening
from tests import factories
from tests.apis.jwt import api_client_for
from tests.modules.shv.vtlb.conftest import inloggen

pytestmark = pytest.mark.django_db

VTLB = "/api/shv/v1/vtlb-berekeningen"
VERDELINGEN = "/api/shv/v1/verdelingen"
BEDRAG = r"^-?\d+\.\d{2}$"

AANVRAAG = {
    "peildatum": "2024-05-01",
    "leefsituatie": "alleenstaande_ouder",
    "netto_inkomen": "1750.00",
    "partner_netto_inkomen": "0.00",
    "woonlasten": "650.00",
    "zorgpremie": "140.00",
    "toeslagen": {"huurtoeslag": "210.00", "zorgtoeslag": "95.00", "kindgebonden_budget": "380"},
    "kinderen": [4, 9],
    "correcties": [{"soort": "lokale_lasten", "bedrag": "25"}],
}


@pytest.fixture
def sessie(consulent):
    return inloggen(APIClient(), consulent)


def is_bedrag(waarde: str) -> bool:
    import re

    return isinstance(waarde, str) and re.match(BEDRAG, waarde) is not None


def test_berekening_volgt_het_contract(sessie):
    response = sessie.post(VTLB, AANVRAAG, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    for veld in ("beslagvrije_voet", "vtlb", "afloscapaciteit", "nominaal_bedrag"):
        assert is_bedrag(body[veld]), (veld, body[veld])
    # Worked example test_alleenstaande_ouder_met_twee_kinderen_2024 plus 25.00 local taxes.
    assert body["beslagvrije_voet"] == "1477.60"
    assert body["vtlb"] == "1534.68"
    assert body["afloscapaciteit"] == "215.32"
    assert body["normversie"] == {
        "geldig_vanaf": "2024-01-01",
        "omschrijving": "Gepubliceerde normen per 1 januari 2024",
    }
    assert body["regels"] and all(
        set(r) == {"code", "omschrijving", "bedrag", "regel", "bron", "soort"}
        for r in body["regels"]
    )
    assert all(is_bedrag(r["bedrag"]) for r in body["regels"])
    assert response["Location"] == body["url"]
    berekening = VtlbBerekening.objects.get(uuid=body["uuid"])
    assert berekening.afloscapaciteit == D("215.32")

    detail = sessie.get(body["url"])
    assert detail.status_code == 200 and detail.json() == body


def test_pdf_van_de_berekening(sessie):
    body = sessie.post(VTLB, AANVRAAG, format="json").json()
    response = sessie.get(body["pdf"], HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_applicatie_met_jwt(org):
    client = api_client_for(org, scopes=["catalogi.lezen"], component="ztc")
    response = client.post(VTLB, AANVRAAG, format="json")
    assert response.status_code == 201, response.content
    berekening = VtlbBerekening.objects.get(uuid=response.json()["uuid"])
    assert berekening.actor_type == "applicatie" and berekening.organisatie == org
    assert (
        client.post(
            VERDELINGEN, {"totaal": "0", "schulden": [{"id": 1, "bedrag": "1"}]}, format="json"
        ).status_code
        == 200
    )


def test_zonder_authenticatie_401(db):
    response = APIClient().post(VTLB, AANVRAAG, format="json")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401


@pytest.mark.parametrize("rol", ["teamleider", "auditor"])
def test_teamleider_en_auditor_krijgen_403(org, rol):
    client = inloggen(APIClient(), factories.medewerker(org, rollen=(rol,)))
    assert client.post(VTLB, AANVRAAG, format="json").status_code == 403
    assert client.get(f"{VTLB}/00000000-0000-0000-0000-000000000000").status_code == 403
    assert (
        client.post(VERDELINGEN, {"totaal": "1", "schulden": []}, format="json").status_code == 403
    )


def test_berekening_van_een_andere_organisatie_is_niet_te_vinden(sessie, db):
    body = sessie.post(VTLB, AANVRAAG, format="json").json()
    andere = factories.organisatie("Andere gemeente")
    vreemde = inloggen(APIClient(), factories.medewerker(andere, rollen=("medewerker",)))
    assert vreemde.get(body["url"]).status_code == 404
    assert vreemde.get(body["pdf"]).status_code == 404


@pytest.mark.parametrize(
    ("wijziging", "veld", "code"),
    [
        ({"peildatum": "1-5-2024"}, "peildatum", "invalid"),
        ({"leefsituatie": "samenwonend"}, "leefsituatie", "invalid_choice"),
        ({"netto_inkomen": "-5"}, "netto_inkomen", "min_value"),
        ({"netto_inkomen": "12.345"}, "netto_inkomen", "max_decimal_places"),
        ({"kinderen": []}, "kinderen", "kinderen-ontbreken"),
        ({"kinderen": [40]}, "kinderen.0", "max_value"),
        ({"toeslagen": {"huurtoeslag": "abc"}}, "toeslagen.huurtoeslag", "invalid"),
        (
            {"correcties": [{"soort": "vakantie", "bedrag": "1"}]},
            "correcties.0.soort",
            "invalid_choice",
        ),
        ({"peildatum": "2023-06-01"}, "peildatum", "geen-normversie"),
        ({"peildatum": "2026-09-01"}, "peildatum", "norm-ontbreekt"),
        ({"partner_netto_inkomen": "100.00"}, "partner_netto_inkomen", "geen-partner"),
    ],
)
def test_validatiefouten_in_het_standaardformaat(sessie, wijziging, veld, code):
    response = sessie.post(VTLB, {**AANVRAAG, **wijziging}, format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "invalid" and body["status"] == 400 and body["instance"]
    gevonden = {(p["name"], p["code"]) for p in body["invalidParams"]}
    assert (veld, code) in gevonden, body["invalidParams"]
    assert all(p["reason"] for p in body["invalidParams"])


def test_fouten_zijn_in_het_nederlands(sessie):
    body = sessie.post(VTLB, {}, format="json").json()
    redenen = {p["name"]: p["reason"] for p in body["invalidParams"]}
    assert redenen["peildatum"] == "Dit veld is vereist."


@pytest.mark.parametrize(
    "inhoud",
    [
        "niet json",
        "[]",
        "null",
        "123",
        '{"peildatum": null, "leefsituatie": [], "netto_inkomen": {}}',
        '{"netto_inkomen": "1e400", "peildatum": "2024-01-01", "leefsituatie": "gehuwd"}',
        '{"netto_inkomen": "NaN", "peildatum": "9999-12-31", "leefsituatie": "gehuwd"}',
        '{"kinderen": "drie", "correcties": {"soort": 1}, "toeslagen": []}',
        '{"aantal_werkenden": true, "pensioengerechtigd": "misschien"}',
    ],
)
def test_geen_serverfout_op_onzin(sessie, inhoud):
    for pad in (VTLB, VERDELINGEN):
        response = sessie.post(pad, inhoud, content_type="application/json")
        assert response.status_code == 400, (pad, inhoud, response.content)
        assert response["Content-Type"] == "application/problem+json"


def test_andere_inhoud_dan_json_415(sessie):
    response = sessie.post(VTLB, "peildatum=2024-01-01", content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["status"] == 415


def test_onbekende_berekening_404(sessie):
    response = sessie.get(f"{VTLB}/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


# --- distribution ----------------------------------------------------------------------------
def test_verdeling_volgt_het_contract(sessie):
    response = sessie.post(
        VERDELINGEN,
        {
            "totaal": "900.00",
            "schulden": [
                {"id": "belasting", "bedrag": "1000.00", "preferent": True},
                {"id": 2, "bedrag": "1000.00", "preferent": False},
                {"id": "energie", "bedrag": "333.33"},
            ],
            "preferent_weging": "2",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["totaal"] == "900.00"
    assert [s["id"] for s in body["schulden"]] == ["belasting", 2, "energie"]
    assert all(is_bedrag(s["aandeel"]) and is_bedrag(s["percentage"]) for s in body["schulden"])
    assert sum(D(s["aandeel"]) for s in body["schulden"]) == D("900.00")
    # weights 2000 : 1000 : 333.33 of 3333.33
    assert [s["aandeel"] for s in body["schulden"]] == ["540.00", "270.00", "90.00"]


def test_verdeling_validatie(sessie):
    response = sessie.post(
        VERDELINGEN,
        {"totaal": "5000.00", "schulden": [{"id": "a", "bedrag": "10.00"}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0] == {
        "name": "totaal",
        "code": "totaal-te-hoog",
        "reason": "Het totaal (€ 5000.00) is hoger dan de som van de schulden (€ 10.00).",
    }
    response = sessie.post(
        VERDELINGEN,
        {"totaal": "5", "schulden": [{"id": True, "bedrag": "1"}, {"id": "x"}]},
        format="json",
    )
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"schulden.0.id", "schulden.1.bedrag"} <= names


# --- the OpenAPI document --------------------------------------------------------------------
def test_openapi_document_is_actueel_en_wordt_geserveerd(sessie):
    assert SPEC_FILE.read_text(encoding="utf-8") == generate_openapi(), (
        "Regenerate: raadhuis.modules.shv.vtlb.api.schema.write_openapi()"
    )
    response = APIClient().get("/api/shv/v1/schema/vtlb/openapi.yaml")
    assert response.status_code == 200
    assert b"/vtlb-berekeningen" in response.content and b"/verdelingen" in response.content


def test_antwoord_past_in_het_openapi_document(sessie):
    import yaml

    document = yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8"))
    vereist = document["components"]["schemas"]["VtlbBerekening"]["required"]
    body = sessie.post(VTLB, AANVRAAG, format="json").json()
    assert set(vereist) <= set(body)
    assert json.loads(json.dumps(body)) == body


def test_alleen_post_op_de_rekenendpoints(sessie):
    for pad in (VTLB, VERDELINGEN):
        assert sessie.get(pad).status_code == 405
        assert APIClient().get(pad).status_code == 401
    assert APIClient().get("/api/shv/v1/schema/vtlb/openapi.yaml").status_code == 200
