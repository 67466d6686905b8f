"""Fixtures and helpers for the Zaken API tests (imported by tests/apis/test_zaken_*.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories
from tests.apis.jwt import api_client_for, type_url

BASE = "/zaken/api/v1"
CRS = {"HTTP_ACCEPT_CRS": "EPSG:4326", "HTTP_CONTENT_CRS": "EPSG:4326"}
ALLE_SCOPES = [
    "zaken.lezen",
    "zaken.aanmaken",
    "zaken.bijwerken",
    "zaken.verwijderen",
    "zaken.statussen.toevoegen",
    "audittrails.lezen",
]


def zaaktype_url(zaaktype: Any) -> str:
    return type_url("zrc", zaaktype)


def catalogi_url(collectie: str, obj: Any) -> str:
    return f"http://testserver/catalogi/api/v1/{collectie}/{obj.uuid}"


def zaak_url(zaak_uuid: Any) -> str:
    return f"http://testserver{BASE}/zaken/{zaak_uuid}"


def zaak_body(org: Any, zaaktype: Any, **extra: Any) -> dict[str, Any]:
    body = {
        "bronorganisatie": org.rsin,
        "verantwoordelijkeOrganisatie": org.rsin,
        "zaaktype": zaaktype_url(zaaktype),
        "startdatum": "2025-03-01",
    }
    body.update(extra)
    return body


def client_for(org: Any, zaaktypen: list[Any], scopes: list[str] | None = None, **kw: Any) -> Any:
    return api_client_for(org, scopes=scopes or ALLE_SCOPES, types=zaaktypen, **kw)


def create_zaak(client: Any, org: Any, zaaktype: Any, **extra: Any) -> dict[str, Any]:
    response = client.post(f"{BASE}/zaken", zaak_body(org, zaaktype, **extra), format="json", **CRS)
    assert response.status_code == 201, response.json()
    return response.json()


def invalid_param(response: Any, name: str) -> dict[str, str]:
    assert response.status_code == 400, response.json()
    params = {p["name"]: p for p in response.json()["invalidParams"]}
    assert name in params, params
    return params[name]


@pytest.fixture
def api(org, zaaktype):
    return client_for(org, [zaaktype])


@pytest.fixture
def zaak(api, org, zaaktype):
    return create_zaak(api, org, zaaktype, omschrijving="Klacht over geluid")


def statustype_url(zaaktype: Any, volgnummer: int) -> str:
    return catalogi_url("statustypen", zaaktype.statustypen.get(volgnummer=volgnummer))


def status_zetten(client: Any, zaak: dict[str, Any], zaaktype: Any, volgnummer: int, **kw: Any):
    body = {
        "zaak": zaak["url"],
        "statustype": statustype_url(zaaktype, volgnummer),
        "datumStatusGezet": "2025-03-02T10:00:00Z",
    }
    body.update(kw)
    return client.post(f"{BASE}/statussen", body, format="json")


def resultaat_zetten(
    client: Any, zaak: dict[str, Any], zaaktype: Any, omschrijving: str = "Gegrond"
):
    resultaattype = zaaktype.resultaattypen.get(omschrijving=omschrijving)
    return client.post(
        f"{BASE}/resultaten",
        {"zaak": zaak["url"], "resultaattype": catalogi_url("resultaattypen", resultaattype)},
        format="json",
    )


def zaak_afsluiten(client: Any, zaak: dict[str, Any], zaaktype: Any) -> None:
    assert resultaat_zetten(client, zaak, zaaktype).status_code == 201
    eind = zaaktype.statustypen.order_by("-volgnummer").first().volgnummer
    response = status_zetten(client, zaak, zaaktype, eind)
    assert response.status_code == 201, response.json()


__all__ = [
    "ALLE_SCOPES",
    "BASE",
    "CRS",
    "api",
    "catalogi_url",
    "client_for",
    "create_zaak",
    "factories",
    "invalid_param",
    "resultaat_zetten",
    "status_zetten",
    "statustype_url",
    "zaak",
    "zaak_afsluiten",
    "zaak_body",
    "zaak_url",
    "zaaktype_url",
]
