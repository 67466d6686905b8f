"""Large files in parts (Documenten API 1.1+): create without content, PUT each
BESTANDSDEEL with the lock, unlock to join them; the same for a new version."""

# ruff: noqa: F811  (fixtures imported from test_documenten_fixtures are test parameters)

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from raadhuis.kernel.documents.models import BestandsDeel, InformatieObject
from tests.apis.test_documenten_fixtures import (  # noqa: F401 (fixtures)
    BASE,
    client,
    eio_data,
    invalid_codes,
    iotype,
)

pytestmark = pytest.mark.django_db
EIO = f"{BASE}/enkelvoudiginformatieobjecten"
INHOUD = b"0123456789abcdefghijklmnopqrstuvwxy"  # 35 bytes: parts of 10, 10, 10, 5


@pytest.fixture(autouse=True)
def _kleine_delen(settings):
    settings.DOCUMENTEN_BESTANDSDEEL_OMVANG = 10


def groot_document(client, iotype, org, omvang: int | None = None) -> dict:
    data = eio_data(iotype, org, bestandsomvang=len(INHOUD) if omvang is None else omvang)
    del data["inhoud"]
    response = client.post(EIO, data, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def deel_sturen(client, deel: dict, inhoud: bytes, lock: str):
    return client.put(
        deel["url"],
        {"inhoud": SimpleUploadedFile("deel.bin", inhoud), "lock": lock},
        format="multipart",
    )


def alle_delen_sturen(client, document: dict, inhoud: bytes = INHOUD) -> None:
    begin = 0
    for deel in document["bestandsdelen"]:
        stuk = inhoud[begin : begin + deel["omvang"]]
        begin += deel["omvang"]
        response = deel_sturen(client, deel, stuk, document["lock"])
        assert response.status_code == 200, response.json()
        assert response.json()["voltooid"] is True


def test_create_without_content_gives_parts_and_a_lock(client, iotype, org):
    document = groot_document(client, iotype, org)
    assert document["locked"] is True
    assert document["lock"]
    assert [d["omvang"] for d in document["bestandsdelen"]] == [10, 10, 10, 5]
    assert [d["volgnummer"] for d in document["bestandsdelen"]] == [1, 2, 3, 4]
    assert document["inhoud"] is None
    assert {d["voltooid"] for d in document["bestandsdelen"]} == {False}


def test_parts_joined_on_unlock(client, iotype, org):
    document = groot_document(client, iotype, org)
    alle_delen_sturen(client, document)
    response = client.post(f"{document['url']}/unlock", {"lock": document["lock"]}, format="json")
    assert response.status_code == 204, response.json()
    na = client.get(document["url"]).json()
    assert na["locked"] is False
    assert na["bestandsdelen"] == []
    assert na["bestandsomvang"] == len(INHOUD)
    assert b"".join(client.get(na["inhoud"]).streaming_content) == INHOUD
    assert not BestandsDeel.objects.exists()


def test_bestandsdeel_moet_de_aangekondigde_omvang_hebben(client, iotype, org):
    document = groot_document(client, iotype, org)
    response = deel_sturen(client, document["bestandsdelen"][0], b"te kort", document["lock"])
    assert invalid_codes(response) == {"nonFieldErrors": "file-size"}


def test_bestandsdeel_vereist_het_lock(client, iotype, org):
    document = groot_document(client, iotype, org)
    response = deel_sturen(client, document["bestandsdelen"][0], INHOUD[:10], "verkeerd")
    assert invalid_codes(response) == {"nonFieldErrors": "incorrect-lock-id"}


def test_unlock_before_every_part_arrived_is_refused(client, iotype, org):
    document = groot_document(client, iotype, org)
    deel_sturen(client, document["bestandsdelen"][0], INHOUD[:10], document["lock"])
    response = client.post(f"{document['url']}/unlock", {"lock": document["lock"]}, format="json")
    assert invalid_codes(response) == {"nonFieldErrors": "incomplete-upload"}


def test_unlock_without_any_part_is_refused_while_a_size_was_announced(client, iotype, org):
    document = groot_document(client, iotype, org)
    response = client.post(f"{document['url']}/unlock", {"lock": document["lock"]}, format="json")
    assert invalid_codes(response) == {"nonFieldErrors": "file-size"}


def test_size_zero_without_content_is_an_empty_file(client, iotype, org):
    document = groot_document(client, iotype, org, omvang=0)
    assert document["locked"] is False
    assert document["bestandsdelen"] == []
    assert b"".join(client.get(document["inhoud"]).streaming_content) == b""


def test_new_version_in_parts_keeps_the_old_content(client, iotype, org):
    response = client.post(EIO, eio_data(iotype, org), format="json")
    document = response.json()
    lock = client.post(f"{document['url']}/lock", {}, format="json").json()["lock"]
    nieuw = client.patch(
        document["url"],
        {"inhoud": None, "bestandsomvang": len(INHOUD), "lock": lock},
        format="json",
    )
    assert nieuw.status_code == 200, nieuw.json()
    versie2 = nieuw.json()
    assert versie2["versie"] == 2 and versie2["inhoud"] is None
    alle_delen_sturen(client, {**versie2, "lock": lock})
    assert (
        client.post(f"{document['url']}/unlock", {"lock": lock}, format="json").status_code == 204
    )
    assert b"".join(client.get(f"{document['url']}/download").streaming_content) == INHOUD
    eerste = client.get(f"{document['url']}/download", {"versie": 1})
    assert b"".join(eerste.streaming_content) == b"hallo wereld"


def test_forced_unlock_drops_an_incomplete_upload(client, iotype, org):
    from tests.apis.jwt import api_client_for

    document = groot_document(client, iotype, org)
    deel_sturen(client, document["bestandsdelen"][0], INHOUD[:10], document["lock"])
    beheer = api_client_for(
        org, scopes=["documenten.geforceerd-unlock"], component="drc", types=[iotype]
    )
    assert beheer.post(f"{document['url']}/unlock", {}, format="json").status_code == 204
    na = client.get(document["url"]).json()
    assert na["locked"] is False and na["bestandsomvang"] is None
    assert not InformatieObject.objects.get().bestandsdelen.exists()
