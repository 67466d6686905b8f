"""Shared set-up for the Documenten API tests: a published informatieobjecttype, clients with
drc autorisaties, and a helper that registers a document through the API."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

import pytest

from raadhuis.kernel.catalog.models import InformatieObjectType
from tests.apis.jwt import api_client_for

BASE = "/documenten/api/v1"
ALLE_SCOPES = [
    "documenten.lezen",
    "documenten.aanmaken",
    "documenten.bijwerken",
    "documenten.verwijderen",
    "documenten.lock",
]


def iotype_url(iotype: InformatieObjectType) -> str:
    return f"http://testserver/catalogi/api/v1/informatieobjecttypen/{iotype.uuid}"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def eio_data(iotype: InformatieObjectType, org: Any, **extra: Any) -> dict[str, Any]:
    data = {
        "bronorganisatie": org.rsin,
        "creatiedatum": "2025-03-01",
        "titel": "Aanvraagformulier",
        "auteur": "Team Vergunningen",
        "taal": "dut",
        "informatieobjecttype": iotype_url(iotype),
        "inhoud": b64(b"hallo wereld"),
        "bestandsnaam": "aanvraag.txt",
        "formaat": "text/plain",
    }
    data.update(extra)
    return data


@pytest.fixture
def iotype(zaaktype) -> InformatieObjectType:
    return InformatieObjectType.objects.get(zaaktypen=zaaktype)


@pytest.fixture
def iotype_concept(zaaktype) -> InformatieObjectType:
    return InformatieObjectType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Concepttype",
        begin_geldigheid=date(2024, 1, 1),
        concept=True,
    )


@pytest.fixture
def client(org, iotype):
    """An application with every documenten scope on `iotype`, up to zeer_geheim."""
    return api_client_for(
        org,
        scopes=ALLE_SCOPES,
        component="drc",
        types=[iotype],
        max_vertrouwelijkheid="zeer_geheim",
    )


def document_maken(client: Any, iotype: InformatieObjectType, org: Any, **extra: Any) -> dict:
    response = client.post(
        f"{BASE}/enkelvoudiginformatieobjecten", eio_data(iotype, org, **extra), format="json"
    )
    assert response.status_code == 201, response.json()
    return response.json()


def lock_nemen(client: Any, document: dict) -> str:
    response = client.post(f"{document['url']}/lock", {}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()["lock"]


def invalid_codes(response: Any) -> dict[str, str]:
    """{name: code} of a ValidatieFout."""
    return {p["name"]: p["code"] for p in response.json().get("invalidParams", [])}
