"""The read-only CRM API (/api/crm/v1/): KPI figures and their rows with ZGW paging, JWT and
session access, the standard error documents, and a bounded schemathesis run over the
OpenAPI document against a live server."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.test import APIClient
from schemathesis import checks
from schemathesis.generation import GenerationMode

from raadhuis.modules.crm.api.schema import openapi_dict
from raadhuis.modules.crm.kpi.selectors import KPIS
from tests import factories
from tests.apis.jwt import api_client_for, applicatie_for, make_jwt
from tests.modules.crm.test_kpi import opvolgingen, teamleider  # noqa: F401 - fixtures

URL = "/api/crm/v1/kpis"
MAART = {"van": "2026-03-01", "tot": "2026-03-31"}


@pytest.fixture
def app_client(crm_org):
    return api_client_for(crm_org, alle_autorisaties=True)


@pytest.mark.usefixtures("opvolgingen")
def test_figures_are_paged_like_the_zgw_lists(app_client):
    response = app_client.get(URL, {**MAART, "pageSize": 5})
    assert response.status_code == 200
    body = response.json()
    # 8 KPIs; reactietijd and opvolging_op_tijd have 2 departments, so total + 2 each; the
    # others have no rows, so only their total: 2 * 3 + 6 * 1 = 12
    assert body["count"] == 12
    assert len(body["results"]) == 5 and body["previous"] is None
    assert "page=2" in body["next"]
    eerste = body["results"][0]
    assert eerste["kpi"] == "reactietijd" and eerste["afdeling"] is None
    assert (eerste["waarde"], eerste["aantalRijen"]) == ("2.0", 3)
    rijen = app_client.get(eerste["rijen"]).json()
    assert rijen["count"] == 3
    assert [r["werkdagen"] for r in rijen["results"]] == [2, 0, 4]
    assert {"toelichting", "afdeling_id"}.isdisjoint(rijen["results"][0])
    assert rijen["results"][0]["contact_op"] == "2026-03-02"
    # per department, by the unit's identificatie
    ez = next(r for r in body["results"] if r["afdelingNaam"] == "Economische Zaken")
    per_afdeling = app_client.get(ez["rijen"]).json()
    assert per_afdeling["count"] == 2


@pytest.mark.usefixtures("opvolgingen")
def test_filters_and_errors_use_the_standard_format(app_client):
    alleen = app_client.get(URL, {**MAART, "kpi": "tevredenheid"}).json()
    assert [r["kpi"] for r in alleen["results"]] == ["tevredenheid"]
    fout = app_client.get(URL, {"van": "2026-04-01", "tot": "2026-03-01"})
    assert fout.status_code == 400
    assert fout["Content-Type"] == "application/problem+json"
    assert fout.json()["invalidParams"][0]["name"] == "tot"
    assert app_client.get(URL, {"afdeling": "BESTAATNIET"}).status_code == 400
    assert app_client.get(f"{URL}/bestaat-niet/rijen").status_code == 404
    assert app_client.get(URL, {"page": 99}).status_code == 404
    anoniem = APIClient().get(URL)
    assert anoniem.status_code in (401, 403)
    assert anoniem["Content-Type"] == "application/problem+json"


@pytest.mark.usefixtures("opvolgingen")
def test_sessions_of_a_teamleider_and_a_medewerker(client, request, sportmedewerker, crm_org):
    leider = request.getfixturevalue("teamleider")
    client.force_login(leider.user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(URL, MAART).json()["count"] == 12
    client.force_login(sportmedewerker.user, backend="django.contrib.auth.backends.ModelBackend")
    sport = client.get(URL, {**MAART, "kpi": "reactietijd"}).json()
    assert [(r["afdelingNaam"], r["waarde"]) for r in sport["results"]] == [
        (None, "0.0"),
        ("Sport en Bewegen", "0.0"),
    ]
    auditor = factories.medewerker(crm_org, rollen=("auditor",))
    client.force_login(auditor.user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(URL).status_code == 403


def test_the_schema_is_served(client):
    response = client.get("/api/crm/v1/schema/openapi.yaml")
    assert response.status_code == 200
    assert b"kpi_rijen_list" in response.content


# --- schemathesis ---------------------------------------------------------------------------
SCHEMA = schemathesis.openapi.from_dict(openapi_dict())
OPERATIONS = {
    f"{op.method.upper()} {op.path}": op
    for op in (result.ok() for result in SCHEMA.get_all_operations())
}
BOUNDED = settings(
    max_examples=10,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


@pytest.fixture
def token(live_server) -> str:
    org = factories.organisatie("Gemeente Schemathesis CRM")
    _applicatie, client_id, secret = applicatie_for(org, alle_autorisaties=True)
    return make_jwt(client_id, secret)


def _call(case, live_server, token):  # noqa: ANN001, ANN202
    return case.call(
        base_url=f"{live_server.url}/api/crm/v1", headers={"Authorization": f"Bearer {token}"}
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("operation_id", list(OPERATIONS))
def test_valid_requests_follow_the_document(operation_id, live_server, token):
    operation = OPERATIONS[operation_id]

    @BOUNDED
    @given(case=operation.as_strategy(GenerationMode.POSITIVE))
    def run(case) -> None:  # noqa: ANN001
        response = _call(case, live_server, token)
        # a schema-valid query can still break a rule (van after tot, unknown afdeling: 400;
        # a page past the end: 404, as the ZGW lists answer)
        case.validate_response(response, excluded_checks=[checks.positive_data_acceptance])

    run()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("operation_id", list(OPERATIONS))
def test_invalid_requests_never_give_a_server_error(operation_id, live_server, token):
    operation = OPERATIONS[operation_id]

    @BOUNDED
    @given(case=operation.as_strategy(GenerationMode.NEGATIVE))
    def run(case) -> None:  # noqa: ANN001
        response = _call(case, live_server, token)
        assert response.status_code < 500, response.text
        if response.status_code >= 400:
            assert response.headers.get("content-type", [""])[0] == "application/problem+json"

    run()


def test_every_kpi_is_in_the_document():
    assert openapi_dict()["components"]["schemas"]["KpiCijfer"]["properties"]["kpi"]["enum"] == (
        sorted(KPIS)
    )
