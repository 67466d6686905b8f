"""Autorisaties API `alleenIsGereedVoorPublicatie`: an application with it may only read
documents whose `isGereedVoorPublicatie` is true; the others are absent to it (404, not in
lists or searches). Without it, every document of its grants is readable."""

# ruff: noqa: F811  (fixtures imported from test_documenten_fixtures are test parameters)

from __future__ import annotations

import pytest

from tests.apis.jwt import api_client_for
from tests.apis.test_documenten_fixtures import (  # noqa: F401 (fixtures)
    ALLE_SCOPES,
    BASE,
    document_maken,
    iotype,
)
from tests.apis.test_documenten_relaties import recht_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(org, iotype):
    """Every documenten scope and the audit trail, on `iotype`, up to zeer_geheim."""
    return api_client_for(
        org,
        scopes=[*ALLE_SCOPES, "audittrails.lezen"],
        component="drc",
        types=[iotype],
        max_vertrouwelijkheid="zeer_geheim",
    )


@pytest.fixture
def documenten(client, iotype, org) -> dict[str, dict]:
    return {
        "gereed": document_maken(client, iotype, org, isGereedVoorPublicatie=True),
        "niet": document_maken(client, iotype, org, isGereedVoorPublicatie=False),
        "onbekend": document_maken(client, iotype, org),
    }


def _alleen_gereed(client, waarde: bool = True) -> None:
    client.applicatie.alleen_is_gereed_voor_publicatie = waarde
    client.applicatie.save(update_fields=["alleen_is_gereed_voor_publicatie"])


def _urls(response) -> set[str]:
    assert response.status_code == 200, response.json()
    return {d["url"] for d in response.json()["results"]}


def test_zonder_de_beperking_zijn_alle_documenten_leesbaar(client, documenten):
    lijst = client.get(f"{BASE}/enkelvoudiginformatieobjecten")
    assert _urls(lijst) == {d["url"] for d in documenten.values()}
    assert client.get(documenten["niet"]["url"]).status_code == 200


def test_lijst_en_zoeken_tonen_alleen_documenten_gereed_voor_publicatie(client, documenten):
    _alleen_gereed(client)
    lijst = client.get(f"{BASE}/enkelvoudiginformatieobjecten")
    assert _urls(lijst) == {documenten["gereed"]["url"]}
    assert lijst.json()["count"] == 1
    uuids = [d["url"].rsplit("/", 1)[-1] for d in documenten.values()]
    zoek = client.post(
        f"{BASE}/enkelvoudiginformatieobjecten/_zoek", {"uuid__in": uuids}, format="json"
    )
    assert _urls(zoek) == {documenten["gereed"]["url"]}


@pytest.mark.parametrize("welk", ["niet", "onbekend"])
def test_een_document_niet_gereed_voor_publicatie_bestaat_niet_voor_de_applicatie(
    client, documenten, welk
):
    _alleen_gereed(client)
    url = documenten[welk]["url"]
    assert client.get(url).status_code == 404
    download = client.get(f"{url}/download", HTTP_ACCEPT="application/octet-stream")
    assert download.status_code == 404
    assert client.get(f"{url}/audittrail").status_code == 404


def test_een_document_gereed_voor_publicatie_is_gewoon_leesbaar(client, documenten):
    _alleen_gereed(client)
    url = documenten["gereed"]["url"]
    detail = client.get(url)
    assert detail.status_code == 200
    assert detail.json()["isGereedVoorPublicatie"] is True
    download = client.get(f"{url}/download", HTTP_ACCEPT="application/octet-stream")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"hallo wereld"
    assert client.get(f"{url}/audittrail").status_code == 200


def test_de_regel_geldt_ook_voor_de_gebruiksrechten_van_een_document(client, documenten):
    """One rule in the kernel's read filter: what hangs on a hidden document is hidden too,
    while writing it stays a matter of scopes."""
    rechten = {
        welk: client.post(f"{BASE}/gebruiksrechten", recht_data(d), format="json").json()
        for welk, d in documenten.items()
    }
    _alleen_gereed(client)
    lijst = client.get(f"{BASE}/gebruiksrechten")
    assert [r["url"] for r in lijst.json()] == [rechten["gereed"]["url"]]
    assert client.get(rechten["gereed"]["url"]).status_code == 200
    assert client.get(rechten["niet"]["url"]).status_code == 404
    wijzig = client.patch(rechten["niet"]["url"], {"omschrijvingVoorwaarden": "x"}, format="json")
    assert wijzig.status_code == 200


def test_een_oudere_versie_gereed_voor_publicatie_blijft_leesbaar(client, documenten):
    """The rule holds for the version asked for: version 1 (ready) of a document whose
    current version is not ready may be read, the current one may not."""
    url = documenten["gereed"]["url"]
    lock = client.post(f"{url}/lock").json()["lock"]
    nieuw = client.patch(url, {"isGereedVoorPublicatie": False, "lock": lock}, format="json")
    assert nieuw.status_code == 200, nieuw.json()
    _alleen_gereed(client)
    assert client.get(url, {"versie": 1}).status_code == 200
    assert client.get(url).status_code == 404
    assert _urls(client.get(f"{BASE}/enkelvoudiginformatieobjecten")) == set()
