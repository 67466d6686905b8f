"""The committed OpenAPI document of the Besluiten API is what the code generates, and it has
everything of the official Besluiten API 1.1.0."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from raadhuis.apis.common.schema import committed_openapi, generate_openapi, generate_openapi_dict
from tests.apis.spec_compare import compare_openapi, load_spec, status_code_differences

SPEC = "besluiten-1.1.0"
# What still differs from the official document, and why.
KNOWN: set[str] = set()


def test_het_vastgelegde_document_is_wat_de_code_genereert():
    assert committed_openapi("besluiten") == generate_openapi("besluiten"), (
        'Regenerate: .venv/bin/python -c "import django, os; '
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'raadhuis.conf.settings'); "
        "django.setup(); from raadhuis.apis.common.schema import write_openapi; "
        "write_openapi('besluiten')\""
    )


def test_het_document_heeft_alles_van_de_officiele_specificatie():
    differences = compare_openapi(generate_openapi_dict("besluiten"), load_spec(SPEC))
    assert sorted(str(d) for d in differences if str(d) not in KNOWN) == []


def test_de_statuscodes_zijn_die_van_de_specificatie():
    ours = generate_openapi_dict("besluiten")
    assert status_code_differences(ours, load_spec(SPEC)) == []


def test_de_operaties_hebben_de_namen_scopes_en_parameters_van_de_specificatie():
    official, ours = load_spec(SPEC), generate_openapi_dict("besluiten")
    assert set(ours["paths"]) == set(official["paths"])
    for path, item in official["paths"].items():
        assert set(ours["paths"][path]) - {"parameters"} == set(item) - {"parameters"}, path
        for method, operation in item.items():
            if method == "parameters":
                continue
            mine = ours["paths"][path][method]
            assert mine["operationId"] == operation["operationId"], (method, path)
            assert mine["security"] == operation["security"], (method, path)
            assert set(mine["responses"]) == set(operation["responses"]), (method, path)
            assert mine["tags"] == operation["tags"], (method, path)
            official_names = {
                p.get("name", p.get("$ref", "").rsplit("/", 1)[-1])
                for p in operation.get("parameters", [])
            }
            our_names = {p["name"] for p in mine.get("parameters", []) if p["in"] != "path"}
            assert our_names == official_names, (method, path)


@pytest.mark.django_db
def test_het_document_wordt_geserveerd():
    response = APIClient().get("/besluiten/api/v1/schema/openapi.yaml")
    assert response.status_code == 200
    assert response.content.decode() == committed_openapi("besluiten")
