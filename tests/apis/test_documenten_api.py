"""Documenten API 1.7.0: registering, reading, versions, downloading and deleting
ENKELVOUDIGINFORMATIEOBJECTen."""

# ruff: noqa: F811  (fixtures imported from test_documenten_fixtures are test parameters)

from __future__ import annotations

import time

import pytest

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.documents.models import InformatieObject, InformatieObjectVersie
from raadhuis.kernel.events.models import OutboxEvent
from tests.apis.test_documenten_fixtures import (  # noqa: F401 (fixtures)
    BASE,
    b64,
    client,
    document_maken,
    eio_data,
    invalid_codes,
    iotype,
    iotype_url,
    lock_nemen,
)

pytestmark = pytest.mark.django_db


def test_create_with_base64_content_answers_201_with_the_spec_fields(client, iotype, org):
    response = client.post(
        f"{BASE}/enkelvoudiginformatieobjecten", eio_data(iotype, org), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert response["API-version"] == "1.7.0"
    assert response["Location"] == body["url"]
    assert list(body) == [
        "url",
        "identificatie",
        "bronorganisatie",
        "creatiedatum",
        "titel",
        "vertrouwelijkheidaanduiding",
        "isGereedVoorPublicatie",
        "tonenAanInitiator",
        "auteur",
        "status",
        "inhoudIsVervallen",
        "formaat",
        "taal",
        "versie",
        "beginRegistratie",
        "bestandsnaam",
        "inhoud",
        "bestandsomvang",
        "link",
        "beschrijving",
        "ontvangstdatum",
        "verzenddatum",
        "indicatieGebruiksrecht",
        "verschijningsvorm",
        "ondertekening",
        "integriteit",
        "informatieobjecttype",
        "locked",
        "bestandsdelen",
        "trefwoorden",
        "lock",
    ]
    assert body["versie"] == 1
    assert body["bestandsomvang"] == len(b"hallo wereld")
    assert body["vertrouwelijkheidaanduiding"] == iotype.vertrouwelijkheidaanduiding
    assert body["identificatie"].startswith("DOCUMENT-2025-")
    assert body["inhoud"] == f"{body['url']}/download?versie=1"
    assert body["informatieobjecttype"] == iotype_url(iotype)
    assert body["locked"] is False and body["lock"] == "" and body["bestandsdelen"] == []
    assert body["ondertekening"] == {"soort": "", "datum": None}
    assert body["integriteit"] == {"algoritme": "", "waarde": "", "datum": None}
    io = InformatieObject.objects.get()
    assert io.laatste_versie.bestand.read() == b"hallo wereld"
    assert AuditEntry.objects.filter(actie="document_aangemaakt", object_uuid=io.uuid).exists()
    event = OutboxEvent.objects.get(kanaal="documenten")
    assert (event.resource, event.actie) == ("enkelvoudiginformatieobject", "create")
    assert event.kenmerken["informatieobjecttype"] == str(iotype.uuid)


def test_retrieve_and_list_show_the_current_version(client, iotype, org):
    document = document_maken(client, iotype, org)
    detail = client.get(document["url"])
    assert detail.status_code == 200
    assert detail["ETag"]
    assert "lock" not in detail.json()
    lijst = client.get(f"{BASE}/enkelvoudiginformatieobjecten")
    assert lijst.status_code == 200
    assert lijst.json()["count"] == 1
    assert lijst.json()["results"][0]["url"] == document["url"]


def test_update_creates_a_new_version_and_keeps_the_old_one(client, iotype, org):
    document = document_maken(client, iotype, org)
    lock = lock_nemen(client, document)
    response = client.patch(
        document["url"],
        {"titel": "Aanvraag (herzien)", "inhoud": b64(b"tweede inhoud"), "lock": lock},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["versie"] == 2
    assert response.json()["titel"] == "Aanvraag (herzien)"
    assert InformatieObjectVersie.objects.count() == 2

    eerste = client.get(document["url"], {"versie": 1}).json()
    assert eerste["titel"] == "Aanvraag"[:9] + "formulier"
    assert eerste["versie"] == 1
    assert client.get(eerste["inhoud"]).getvalue() == b"hallo wereld"
    tweede = client.get(f"{document['url']}/download").getvalue()
    assert tweede == b"tweede inhoud"
    assert client.get(document["url"], {"versie": 9}).status_code == 404


def test_patch_without_content_keeps_the_file(client, iotype, org):
    document = document_maken(client, iotype, org)
    lock = lock_nemen(client, document)
    response = client.patch(
        document["url"], {"beschrijving": "Nu met uitleg", "lock": lock}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["bestandsomvang"] == len(b"hallo wereld")
    assert client.get(f"{document['url']}/download").getvalue() == b"hallo wereld"


def test_put_replaces_the_metadata(client, iotype, org):
    document = document_maken(client, iotype, org, beschrijving="weg ermee")
    lock = lock_nemen(client, document)
    data = eio_data(iotype, org, titel="Vervangen", inhoud=b64(b"nieuw"), lock=lock)
    data["identificatie"] = document["identificatie"]
    response = client.put(document["url"], data, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["beschrijving"] == ""
    assert response.json()["titel"] == "Vervangen"
    assert response.json()["identificatie"] == document["identificatie"]


def test_retrieve_registratie_op_gives_the_version_registered_then(client, iotype, org):
    document = document_maken(client, iotype, org)
    eerste = client.get(document["url"]).json()["beginRegistratie"]
    time.sleep(0.01)
    lock = lock_nemen(client, document)
    client.patch(document["url"], {"titel": "Later", "lock": lock}, format="json")
    response = client.get(document["url"], {"registratieOp": eerste})
    assert response.status_code == 200
    assert response.json()["versie"] == 1
    assert client.get(document["url"], {"registratieOp": "gisteren"}).status_code == 400


def test_download_streams_the_file(client, iotype, org):
    document = document_maken(client, iotype, org)
    response = client.get(f"{document['url']}/download", HTTP_ACCEPT="application/octet-stream")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert b"".join(response.streaming_content) == b"hallo wereld"
    assert response["API-version"] == "1.7.0"


def test_destroy_removes_the_document_and_its_versions(client, iotype, org):
    document = document_maken(client, iotype, org)
    response = client.delete(document["url"])
    assert response.status_code == 204
    assert not InformatieObject.objects.exists()
    assert not InformatieObjectVersie.objects.exists()
    assert client.get(document["url"]).status_code == 404
    assert OutboxEvent.objects.filter(kanaal="documenten", actie="destroy").exists()


def test_zoek_finds_documents_by_uuid(client, iotype, org):
    een = document_maken(client, iotype, org)
    document_maken(client, iotype, org)
    uuid = een["url"].rsplit("/", 1)[-1]
    response = client.post(
        f"{BASE}/enkelvoudiginformatieobjecten/_zoek", {"uuid__in": [uuid]}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert [r["url"] for r in response.json()["results"]] == [een["url"]]
    leeg = client.post(f"{BASE}/enkelvoudiginformatieobjecten/_zoek", {}, format="json")
    assert invalid_codes(leeg) == {"nonFieldErrors": "empty_search_body"}
    zonder = client.post(
        f"{BASE}/enkelvoudiginformatieobjecten/_zoek", {"identificatie": "x"}, format="json"
    )
    assert invalid_codes(zonder) == {"uuidIn": "required"}


def test_list_filters_of_the_spec(client, iotype, org):
    een = document_maken(
        client, iotype, org, identificatie="DOC-A", trefwoorden=["bouw", "vergunning"]
    )
    document_maken(client, iotype, org, identificatie="DOC-B", trefwoorden=["bouw"])
    url = f"{BASE}/enkelvoudiginformatieobjecten"
    assert [r["url"] for r in client.get(url, {"identificatie": "DOC-A"}).json()["results"]] == [
        een["url"]
    ]
    assert client.get(url, {"bronorganisatie": org.rsin}).json()["count"] == 2
    assert client.get(url, {"trefwoorden": "bouw"}).json()["count"] == 2
    assert client.get(url, {"trefwoorden": "bouw,vergunning"}).json()["count"] == 1
    assert client.get(url, {"objectinformatieobjecten_objectType": "zaak"}).json()["count"] == 0
    assert client.get(url, {"onbekend": "x"}).status_code == 400


def test_expand_embeds_the_informatieobjecttype(org, iotype):
    from tests.apis.jwt import api_client_for
    from tests.apis.test_documenten_fixtures import ALLE_SCOPES

    beheer = api_client_for(org, scopes=ALLE_SCOPES, component="drc", alle_autorisaties=True)
    document = document_maken(beheer, iotype, org)
    response = beheer.get(document["url"], {"expand": "informatieobjecttype"})
    assert response.status_code == 200, response.json()
    embedded = response.json()["_expand"]["informatieobjecttype"]
    assert embedded["url"] == iotype_url(iotype)
    recht = beheer.post(
        f"{BASE}/gebruiksrechten",
        {
            "informatieobject": document["url"],
            "startdatum": "2025-01-01T00:00:00Z",
            "omschrijvingVoorwaarden": "Intern",
        },
        format="json",
    ).json()
    lijst = beheer.get(f"{BASE}/gebruiksrechten", {"expand": "informatieobject"}).json()
    assert lijst[0]["url"] == recht["url"]
    assert lijst[0]["_expand"]["informatieobject"]["url"] == document["url"]
