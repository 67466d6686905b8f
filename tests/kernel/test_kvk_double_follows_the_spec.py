"""Every answer of the KvK test double fits the official specification (API Zoeken 1.3 and
API Basisprofiel 1.3), checked strictly: no property the specification does not name. The KvK's
own example answers pass the same check, so the check itself is not too strict."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from raadhuis.kernel.integrations.kvk import spec
from raadhuis.kernel.integrations.kvk.double import DOUBLE_API_KEY
from raadhuis.kernel.integrations.kvk.testdata import kvk_nummer
from tests.kernel import test_kvk_client

# The double's fixtures (a running double on a free port; Django's KVK settings on it).
kvk_double_server = test_kvk_client.kvk_double_server
kvk_double = test_kvk_client.kvk_double


def _closed(schema: Any) -> Any:
    """The schema with `additionalProperties: false` on every object that lists properties."""
    if isinstance(schema, dict):
        schema = {k: _closed(v) for k, v in schema.items()}
        if "properties" in schema:
            schema.setdefault("additionalProperties", False)
        return schema
    if isinstance(schema, list):
        return [_closed(v) for v in schema]
    return schema


def _strict(path, name: str) -> Draft202012Validator:  # noqa: ANN001
    document = _closed(copy.deepcopy(spec.spec(path)))
    base = f"urn:test:{path.stem}"
    registry = Registry().with_resource(
        base, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    return Draft202012Validator({"$ref": f"{base}#/components/schemas/{name}"}, registry=registry)


def _fouten(path, template: str, body: dict) -> list[str]:  # noqa: ANN001
    name = spec.response_schema_name(path, template)
    return [e.message for e in _strict(path, name).iter_errors(body)]


def _get(double: str, path: str, **params: str) -> requests.Response:
    return requests.get(
        f"{double}{path}", params=params, headers={"apikey": DOUBLE_API_KEY}, timeout=5
    )


def test_the_kvk_examples_fit_the_strict_check():
    zoeken = json.loads(spec.VOORBEELD_ZOEKEN.read_text())
    profiel = json.loads(spec.VOORBEELD_BASISPROFIEL.read_text())

    assert _fouten(spec.ZOEKEN, "/v1/zoeken", zoeken) == []
    assert _fouten(spec.BASISPROFIEL, "/v1/basisprofielen/{kvkNummer}", profiel) == []


@pytest.mark.parametrize("index", range(1, 12))
@pytest.mark.parametrize(
    ("deel", "template"),
    [
        ("", "/v1/basisprofielen/{kvkNummer}"),
        ("/eigenaar", "/v1/basisprofielen/{kvkNummer}/eigenaar"),
        ("/hoofdvestiging", "/v1/basisprofielen/{kvkNummer}/hoofdvestiging"),
        ("/vestigingen", "/v1/basisprofielen/{kvkNummer}/vestigingen"),
    ],
)
def test_every_basisprofiel_answer_fits_the_spec(kvk_double, index, deel, template):
    params = {} if deel == "/vestigingen" else {"geoData": "true"}
    antwoord = _get(kvk_double, f"/v1/basisprofielen/{kvk_nummer(index)}{deel}", **params)

    if antwoord.status_code == 404:  # a holding has no main branch
        assert deel == "/hoofdvestiging" and antwoord.json()["fout"][0]["code"] == "IPD0005"
        return
    assert antwoord.status_code == 200
    assert antwoord.headers["Content-Type"].startswith("application/hal+json")
    assert _fouten(spec.BASISPROFIEL, template, antwoord.json()) == []


def test_every_search_answer_fits_the_spec_and_lists_every_registration(kvk_double):
    antwoord = _get(kvk_double, "/v1/zoeken", plaats="'s-Hertogenbosch", aantal="100")

    assert antwoord.status_code == 200
    body = antwoord.json()
    assert _fouten(spec.ZOEKEN, "/v1/zoeken", body) == []
    assert body["totaal"] == len(body["resultaten"]) > 5
    volgende = _get(kvk_double, "/v1/zoeken", plaats="'s-Hertogenbosch", aantal="3")
    assert volgende.json()["volgende"].endswith("pagina=2")


_tekst = st.text(alphabet="abcdeéfgnoprstuvz '-", min_size=1, max_size=12)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "handelsnaam",
                "plaats",
                "straatnaam",
                "kvkNummer",
                "rsin",
                "vestigingsnummer",
                "type",
                "pagina",
                "aantal",
                "InclusiefInactieveRegistraties",
                "onbekend",
            ]
        ),
        st.one_of(
            _tekst, st.from_regex(r"\A[0-9]{1,12}\Z"), st.sampled_from(["true", "rechtspersoon"])
        ),
        max_size=4,
    )
)
def test_any_search_is_an_answer_or_a_kvk_error_never_a_crash(kvk_double, params):
    antwoord = _get(kvk_double, "/v1/zoeken", **params)

    assert antwoord.status_code in (200, 400, 404)
    body = antwoord.json()
    if antwoord.status_code == 200:
        assert _fouten(spec.ZOEKEN, "/v1/zoeken", body) == []
    else:
        assert body["fout"][0]["code"].startswith("IPD")
