"""A small schemathesis run over the VTLB API's own OpenAPI document against a live server:
schema-valid requests get answers that conform to the document, and schema-invalid requests
never get a server error (always a Fout / ValidatieFout). Bounded: a few examples per
operation, fixed seed."""

from __future__ import annotations

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks
from schemathesis.generation import GenerationMode

from raadhuis.modules.shv.vtlb.api.schema import SPEC_FILE
from tests import factories
from tests.apis.jwt import applicatie_for, make_jwt

pytestmark = [pytest.mark.django_db(transaction=True)]

SCHEMA = schemathesis.openapi.from_dict(yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8")))
OPERATIONS = {
    f"{op.method.upper()} {op.path}": op
    for op in (result.ok() for result in SCHEMA.get_all_operations())
}
BOUNDED = settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


@pytest.fixture
def token(live_server) -> str:
    org = factories.organisatie("Gemeente Schemathesis VTLB")
    _applicatie, client_id, secret = applicatie_for(org, alle_autorisaties=True)
    return make_jwt(client_id, secret)


def _call(case, live_server, token):
    return case.call(
        base_url=f"{live_server.url}/api/shv/v1", headers={"Authorization": f"Bearer {token}"}
    )


@pytest.mark.parametrize("operation_id", list(OPERATIONS))
def test_geldige_verzoeken_volgen_het_document(operation_id, live_server, token):
    operation = OPERATIONS[operation_id]

    @BOUNDED
    @given(case=operation.as_strategy(GenerationMode.POSITIVE))
    def run(case) -> None:
        response = _call(case, live_server, token)
        # A schema-valid body can still break a rule of the method (400 is then right).
        case.validate_response(response, excluded_checks=[checks.positive_data_acceptance])

    run()


@pytest.mark.parametrize("operation_id", [o for o in OPERATIONS if o.startswith("POST")])
def test_ongeldige_verzoeken_geven_nooit_een_serverfout(operation_id, live_server, token):
    operation = OPERATIONS[operation_id]

    @BOUNDED
    @given(case=operation.as_strategy(GenerationMode.NEGATIVE))
    def run(case) -> None:
        response = _call(case, live_server, token)
        assert response.status_code < 500, response.text
        assert response.status_code in (400, 401, 403, 406, 415), response.text
        assert response.headers.get("content-type", [""])[0] == "application/problem+json"

    run()


def test_benchmark_tegen_een_live_server(live_server):
    """The API part of benchmarks/bench_vtlb.py works (a handful of calls, no load; one
    client, because the test database is SQLite in memory)."""
    from benchmarks.bench_vtlb import run_api

    from raadhuis.modules.shv.vtlb.services import vtlb_normen_ensure

    org = factories.organisatie("Gemeente Benchmark VTLB")
    vtlb_normen_ensure(org)  # as demo_load does before any load
    _applicatie, client_id, secret = applicatie_for(org, alle_autorisaties=True)
    token = make_jwt(client_id, secret)
    resultaat = run_api(live_server.url, token, requests=5, clients=1, max_seconds=30)
    assert resultaat["geslaagd"] == 5 and resultaat["fouten"] == 0, resultaat
    with pytest.raises(ValueError):
        run_api("http://example.org", token, requests=1)
