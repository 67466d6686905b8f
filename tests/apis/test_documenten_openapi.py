"""The committed OpenAPI document of the Documenten API is what the code generates, and it has
everything of the official Documenten API 1.7.0 (tests/apis/spec_compare.py)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from raadhuis.apis.common.schema import committed_openapi, generate_openapi, generate_openapi_dict
from tests.apis.spec_compare import compare_openapi, load_spec, status_code_differences

SPEC = "documenten-1.7.0"
# What still differs from the official document, and why.
KNOWN = {
    # The official BestandsDeelResponse has an `inhoud` URL of the part's content; parts are
    # not served on their own here (nor by the reference implementation, which leaves it out).
    "[property] PUT /bestandsdelen/{uuid} response: inhoud is missing",
}
# Operations whose security differs from the official document, and why.
KNOWN_SECURITY = {
    # The official document lists no scopes for VERZENDINGen; they are protected with the
    # documenten.* scopes like every other resource (as the reference implementation does).
    ("get", "/verzendingen"),
    ("post", "/verzendingen"),
    ("get", "/verzendingen/{uuid}"),
    ("put", "/verzendingen/{uuid}"),
    ("patch", "/verzendingen/{uuid}"),
    ("delete", "/verzendingen/{uuid}"),
}

# Operations we have that the official document lacks, and why.
KNOWN_EXTRA = {
    # The shared postprocessing hook gives every retrieve a HEAD twin; the official document
    # has none for an audit trail line (asked of "common": only where the GET has an ETag).
    ("head", "/enkelvoudiginformatieobjecten/{enkelvoudiginformatieobject_uuid}/audittrail/{uuid}"),
}


def test_het_vastgelegde_document_is_wat_de_code_genereert():
    assert committed_openapi("documenten") == generate_openapi("documenten"), (
        'Regenerate: .venv/bin/python -c "import django, os; '
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'raadhuis.conf.settings'); "
        "django.setup(); from raadhuis.apis.common.schema import write_openapi; "
        "write_openapi('documenten')\""
    )


def test_het_document_heeft_alles_van_de_officiele_specificatie():
    differences = compare_openapi(generate_openapi_dict("documenten"), load_spec(SPEC))
    assert sorted(str(d) for d in differences if str(d) not in KNOWN) == []


def test_de_statuscodes_zijn_die_van_de_specificatie():
    ours = generate_openapi_dict("documenten")
    assert status_code_differences(ours, load_spec(SPEC)) == []


def test_de_operaties_hebben_de_namen_scopes_en_parameters_van_de_specificatie():
    official, ours = load_spec(SPEC), generate_openapi_dict("documenten")
    assert set(ours["paths"]) == set(official["paths"])
    for path, item in official["paths"].items():
        extra = {m for m, p in KNOWN_EXTRA if p == path}
        assert set(ours["paths"][path]) - {"parameters"} - extra == set(item), path
        for method, operation in item.items():
            mine = ours["paths"][path][method]
            assert mine["operationId"] == operation["operationId"], (method, path)
            assert set(mine["responses"]) == set(operation["responses"]), (method, path)
            assert mine["tags"] == operation["tags"], (method, path)
            if method != "head" and (method, path) not in KNOWN_SECURITY:
                assert mine["security"] == operation["security"], (method, path)
            official_names = {p["name"] for p in operation.get("parameters", [])}
            our_names = {p["name"] for p in mine.get("parameters", [])}
            assert our_names == official_names, (method, path)


def test_de_componenten_zijn_die_van_de_specificatie():
    official = load_spec(SPEC)["components"]["schemas"]
    ours = generate_openapi_dict("documenten")["components"]["schemas"]
    assert set(official) <= set(ours)
    for name, schema in official.items():
        if "properties" in schema:
            assert set(ours[name].get("properties", {})) >= set(schema["properties"]) - {
                "inhoud" if name == "BestandsDeelResponse" else ""
            }, name
            assert set(ours[name].get("required", [])) == set(schema.get("required", [])), name


@pytest.mark.django_db
def test_het_document_wordt_geserveerd():
    response = APIClient().get("/documenten/api/v1/schema/openapi.yaml")
    assert response.status_code == 200
    assert b"enkelvoudiginformatieobject_create" in response.content
