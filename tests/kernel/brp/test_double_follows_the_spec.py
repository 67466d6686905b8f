"""The test double answers as the specification (openapi.yaml, BRP API Personen 2.7.0) says:
every answer and every error validates against the spec's schemas, requests are checked the
way the real API checks them, and `fields` returns only what was asked for."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from raadhuis.kernel.integrations.brp import brp_client, spec
from raadhuis.kernel.integrations.brp.client import FIELDS_RAADPLEGEN, FIELDS_ZOEKEN
from raadhuis.kernel.integrations.brp.double import (
    DOUBLE_API_KEY,
    beperkt,
    fields_tree,
    persoon_json,
    project,
)
from raadhuis.kernel.integrations.brp.records import leeftijd_op
from raadhuis.kernel.validators import elfproef

HEADERS = {"X-API-KEY": DOUBLE_API_KEY, "Content-Type": "application/json; charset=utf-8"}


def schema_errors(schema: str, instance: object) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in spec.schema_validator(schema).iter_errors(instance)
    ]


def post(url: str, body: object, headers: dict | None = None) -> requests.Response:
    return requests.post(f"{url}/personen", json=body, headers=headers or HEADERS, timeout=5)


def test_every_person_in_the_register_is_a_valid_persoon_and_persoon_beperkt(brp_double):
    register = brp_double.register
    vandaag = date(register.peildatum.year, 6, 1)
    personen = [persoon_json(m, register, vandaag) for m in register]
    assert len(personen) > 50

    volledig = {"type": "RaadpleegMetBurgerservicenummer", "personen": personen}
    gezocht = {
        "type": "ZoekMetPostcodeEnHuisnummer",
        "personen": [beperkt(p) for p in personen],
    }
    assert schema_errors("PersonenQueryResponse", volledig) == []
    assert schema_errors("PersonenQueryResponse", gezocht) == []


def test_the_validator_does_catch_a_wrong_answer():
    fout = {
        "type": "RaadpleegMetBurgerservicenummer",
        "personen": [{"burgerservicenummer": "12", "geboorte": {"datum": {"type": "Datum"}}}],
    }
    errors = schema_errors("PersonenQueryResponse", fout)
    assert any(e.startswith("personen/0/burgerservicenummer") for e in errors)
    assert any("'datum' is a required property" in e for e in errors)


def test_the_register_is_fictitious_and_consistent(brp_double):
    register = brp_double.register
    for mens in register:
        assert mens.bsn.startswith("99999") and elfproef(mens.bsn)
        for kind in mens.kinderen:
            assert mens.bsn in register.get(kind).ouders
        for verbintenis in mens.verbintenissen:
            partner = register.get(verbintenis.partner_bsn)
            assert any(v.partner_bsn == mens.bsn for v in partner.verbintenissen)
    assert len({m.bsn for m in register}) == len(register.personen)


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        (
            {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999990056"]},
            FIELDS_RAADPLEGEN,
        ),
        (
            {"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "6903ZC", "huisnummer": 7},
            FIELDS_ZOEKEN,
        ),
        (
            {
                "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
                "geslachtsnaam": "Test*",
                "geboortedatum": "1983-02-16",
            },
            FIELDS_ZOEKEN,
        ),
    ],
)
def test_answers_over_http_validate_against_the_spec(brp_double, query, fields):
    response = post(brp_double.url, {**query, "fields": fields})

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert schema_errors("PersonenQueryResponse", response.json()) == []
    assert response.json()["type"] == query["type"]


def test_what_the_client_sends_validates_against_the_request_schema(brp_double):
    client = brp_client()
    client.persoon("999990007")
    client.zoek(geslachtsnaam="Probeersel", geboortedatum=date(1990, 1, 1))
    client.zoek(postcode="6902 ZB", huisnummer=12, huisletter="A", geslachtsnaam="Steekproef")

    assert len(brp_double.app.verzoeken) == 3
    for vraag in brp_double.app.verzoeken:
        assert schema_errors("PersonenQuery", vraag) == []


def test_fields_returns_only_what_was_asked(brp_double):
    response = post(
        brp_double.url,
        {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": ["999990056"],
            "fields": [
                "naam.voornamen",
                "partners.geboorte.datum",
                "verblijfplaats.verblijfadres.postcode",
            ],
        },
    )

    (persoon,) = response.json()["personen"]
    assert persoon["naam"] == {"voornamen": "Mohamed"}
    assert list(persoon["partners"][0]) == ["geboorte"]
    assert persoon["partners"][0]["geboorte"]["datum"]["type"] == "Datum"
    assert persoon["verblijfplaats"] == {"type": "Adres", "verblijfadres": {"postcode": "6903ZC"}}
    assert set(persoon) == {"naam", "partners", "verblijfplaats"}


def test_fields_tree_and_projection():
    tree = fields_tree(["naam.voornamen", "naam", "kinderen.naam.voornamen"])
    assert tree == {"naam": {}, "kinderen": {"naam": {"voornamen": {}}}}
    data = {"naam": {"a": 1}, "kinderen": [{"naam": {"voornamen": "X", "b": 2}, "c": 3}], "d": 4}
    assert project(data, tree) == {"naam": {"a": 1}, "kinderen": [{"naam": {"voornamen": "X"}}]}


def _invalid_params(response: requests.Response) -> set[tuple[str, str]]:
    assert response.status_code == 400, response.text
    body = response.json()
    assert schema_errors("BadRequestFoutbericht", body) == []
    return {(p["name"], p["code"]) for p in body["invalidParams"]}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": ["12345"],
                "fields": ["naam"],
            },
            {("burgerservicenummer", "pattern")},
        ),
        (
            {"type": "RaadpleegMetBurgerservicenummer", "fields": ["naam"]},
            {("burgerservicenummer", "required")},
        ),
        (
            {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999990007"]},
            {("fields", "required")},
        ),
        (
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": ["999990007"],
                "fields": ["naam", "schoenmaat", "inOnderzoek"],
            },
            {("fields", "fields")},
        ),
        (
            {
                "type": "ZoekMetPostcodeEnHuisnummer",
                "postcode": "6903ZC",
                "huisnummer": "zeven",
                "fields": ["naam"],
            },
            {("huisnummer", "integer")},
        ),
        (
            {
                "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
                "geslachtsnaam": "Testelink",
                "geboortedatum": "16-02-1983",
                "fields": ["naam"],
            },
            {("geboortedatum", "date")},
        ),
        (
            {
                "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
                "geslachtsnaam": "Testelink",
                "geboortedatum": "1983-02-16",
                "postcode": "6903ZC",
                "fields": ["naam"],
            },
            {("postcode", "unknownParam")},
        ),
        (
            {
                "type": "ZoekMetPostcodeEnHuisnummer",
                "postcode": "6903ZC",
                "huisnummer": 7,
                "fields": ["partners"],
            },
            {("fields", "fields")},  # a search answers PersoonBeperkt: no partners
        ),
        ({"fields": ["naam"]}, {("type", "required")}),
        ({"type": "ZoekMetTelepathie", "fields": ["naam"]}, {("type", "value")}),
    ],
)
def test_a_bad_request_is_a_400_with_invalid_params(brp_double, body, expected):
    assert _invalid_params(post(brp_double.url, body)) == expected


def test_no_json_is_a_400(brp_double):
    response = requests.post(
        f"{brp_double.url}/personen", data=b"{niet json", headers=HEADERS, timeout=5
    )
    assert response.status_code == 400
    assert schema_errors("Foutbericht", response.json()) == []


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({"Content-Type": "application/json"}, 401, "authentication"),
        ({**HEADERS, "X-API-KEY": "fout"}, 401, "authentication"),
        ({**HEADERS, "Content-Type": "text/plain"}, 415, "unsupported"),
        ({**HEADERS, "Accept": "application/xml"}, 406, "notAcceptable"),
    ],
)
def test_refusals_are_spec_shaped_problems(brp_double, headers, status, code):
    body = {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999990007"]}
    response = post(brp_double.url, {**body, "fields": ["naam"]}, headers=headers)

    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == code
    assert schema_errors("Foutbericht", response.json()) == []


def test_an_outage_is_a_spec_shaped_503(brp_double):
    brp_double.app.storing = True
    body = {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999990007"]}

    response = post(brp_double.url, {**body, "fields": ["naam"]})

    assert response.status_code == 503
    assert response.json()["title"] == "Bronservice BRP is tijdelijk niet beschikbaar."
    assert schema_errors("Foutbericht", response.json()) == []


@given(
    geboren=st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)),
    dagen=st.integers(min_value=0, max_value=120 * 366),
)
def test_age_is_the_number_of_birthdays_passed(geboren, dagen):
    op = geboren + timedelta(days=dagen)
    leeftijd = leeftijd_op(geboren, op)

    def verjaardag(jaren: int) -> date:
        jaar = geboren.year + jaren
        # 29 February in a common year: the birthday is 1 March.
        if (geboren.month, geboren.day) == (2, 29) and not (
            jaar % 4 == 0 and (jaar % 100 != 0 or jaar % 400 == 0)
        ):
            return date(jaar, 3, 1)
        return geboren.replace(year=jaar)

    assert verjaardag(leeftijd) <= op
    assert verjaardag(leeftijd + 1) > op
