"""The committed OpenAPI document of the Autorisaties API is what the code generates, and it
has everything of the official Autorisaties API 1.1.0."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from raadhuis.apis.common.schema import committed_openapi, generate_openapi, generate_openapi_dict
from tests.apis.spec_compare import compare_openapi, load_spec, status_code_differences

SPEC = "autorisaties-1.1.0"
# The official document types GET /applicaties/consumer as an array of applicaties; the
# reference implementation (and every client of it) answers one applicatie, as we do.
KNOWN = {"[type] GET /applicaties/consumer response: (body): object instead of array"}


def test_het_vastgelegde_document_is_wat_de_code_genereert():
    assert committed_openapi("autorisaties") == generate_openapi("autorisaties"), (
        'Regenerate: .venv/bin/python -c "import django, os; '
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'raadhuis.conf.settings'); "
        "django.setup(); from raadhuis.apis.common.schema import write_openapi; "
        "write_openapi('autorisaties')\""
    )


def test_het_document_heeft_alles_van_de_officiele_specificatie():
    differences = compare_openapi(generate_openapi_dict("autorisaties"), load_spec(SPEC))
    assert sorted(str(d) for d in differences if str(d) not in KNOWN) == []


def test_de_statuscodes_zijn_die_van_de_specificatie():
    ours = generate_openapi_dict("autorisaties")
    assert status_code_differences(ours, load_spec(SPEC)) == []


def test_de_operaties_hebben_de_namen_en_scopes_van_de_specificatie():
    official, ours = load_spec(SPEC), generate_openapi_dict("autorisaties")
    for path, item in official["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            mine = ours["paths"][path][method]
            assert mine["operationId"] == operation["operationId"], (method, path)
            assert mine["security"] == operation["security"], (method, path)
            assert set(mine["responses"]) == set(operation["responses"]), (method, path)
    assert set(ours["paths"]) == set(official["paths"])


def test_de_autorisaties_zijn_polymorf_zoals_in_de_specificatie():
    schemas = generate_openapi_dict("autorisaties")["components"]["schemas"]
    assert schemas["AutorisatieBase"]["discriminator"] == {"propertyName": "component"}
    official = load_spec(SPEC)["components"]["schemas"]
    for component in ("ac", "nrc", "zrc", "ztc", "drc", "brc"):
        assert schemas[component]["allOf"] == official[component]["allOf"]
        assert set(schemas[f"{component}Autorisatie"]["properties"]) == set(
            official[f"{component}Autorisatie"]["properties"]
        )


@pytest.mark.django_db
def test_het_document_wordt_geserveerd():
    response = APIClient().get("/autorisaties/api/v1/schema/openapi.yaml")
    assert response.status_code == 200
    assert response.content.decode() == committed_openapi("autorisaties")
