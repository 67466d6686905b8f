"""GEBRUIKSRECHTen, OBJECTINFORMATIEOBJECTen, VERZENDINGen and the audit trail of the
Documenten API 1.7.0."""

# ruff: noqa: F811  (fixtures imported from test_documenten_fixtures are test parameters)

from __future__ import annotations

from datetime import date

import pytest

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.koppelingen import besluit_create
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.catalog.models import BesluitType
from raadhuis.kernel.documents.models import InformatieObject
from raadhuis.kernel.documents.services import (
    besluit_document_add,
    zaak_informatieobject_create,
)
from raadhuis.kernel.events.models import OutboxEvent
from tests.apis.test_documenten_fixtures import (  # noqa: F401 (fixtures)
    BASE,
    client,
    document_maken,
    invalid_codes,
    iotype,
    lock_nemen,
)

pytestmark = pytest.mark.django_db


def recht_data(document: dict, **extra) -> dict:
    return {
        "informatieobject": document["url"],
        "startdatum": "2025-01-01T00:00:00Z",
        "omschrijvingVoorwaarden": "Niet publiceren",
        **extra,
    }


# --- gebruiksrechten ------------------------------------------------------------------------
def test_gebruiksrechten_crud_and_filters(client, iotype, org):
    document = document_maken(client, iotype, org)
    maak = client.post(f"{BASE}/gebruiksrechten", recht_data(document), format="json")
    assert maak.status_code == 201, maak.json()
    recht = maak.json()
    assert list(recht) == [
        "url",
        "informatieobject",
        "startdatum",
        "einddatum",
        "omschrijvingVoorwaarden",
    ]
    assert client.get(recht["url"]).json() == recht

    lijst = client.get(f"{BASE}/gebruiksrechten", {"informatieobject": document["url"]})
    assert lijst.json() == [recht]
    assert (
        client.get(f"{BASE}/gebruiksrechten", {"startdatum__gt": "2025-06-01T00:00:00Z"}).json()
        == []
    )

    patch = client.patch(recht["url"], {"omschrijvingVoorwaarden": "Alleen intern"}, format="json")
    assert patch.status_code == 200 and patch.json()["omschrijvingVoorwaarden"] == "Alleen intern"
    assert OutboxEvent.objects.filter(resource="gebruiksrechten", actie="partial_update").exists()


def test_gebruiksrecht_informatieobject_mag_niet_wijzigen(client, iotype, org):
    een = document_maken(client, iotype, org)
    twee = document_maken(client, iotype, org)
    recht = client.post(f"{BASE}/gebruiksrechten", recht_data(een), format="json").json()
    response = client.put(recht["url"], recht_data(twee), format="json")
    assert invalid_codes(response) == {"informatieobject": "wijzigen-niet-toegelaten"}


# --- objectinformatieobjecten ---------------------------------------------------------------
@pytest.fixture
def relaties(client, iotype, org, zaaktype):
    systeem = Actor.system(org)
    document = document_maken(client, iotype, org)
    io = InformatieObject.objects.get()
    zaak = zaak_create(actor=systeem, zaaktype=zaaktype)
    zio = zaak_informatieobject_create(actor=systeem, zaak=zaak, informatieobject=io)
    besluittype = BesluitType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Besluit",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    besluittype.informatieobjecttypen.add(iotype)
    besluit = besluit_create(
        actor=systeem,
        besluittype=besluittype,
        datum=date(2025, 1, 1),
        ingangsdatum=date(2025, 1, 1),
    )
    bio = besluit_document_add(actor=systeem, besluit=besluit, informatieobject=io)
    return document, zaak, zio, besluit, bio


def test_objectinformatieobjecten_show_the_case_and_decision_relations(client, relaties):
    document, zaak, zio, besluit, bio = relaties
    lijst = client.get(f"{BASE}/objectinformatieobjecten").json()
    zaak_url = f"http://testserver/zaken/api/v1/zaken/{zaak.uuid}"
    besluit_url = f"http://testserver/besluiten/api/v1/besluiten/{besluit.uuid}"
    assert {(o["object"], o["objectType"]) for o in lijst} == {
        (zaak_url, "zaak"),
        (besluit_url, "besluit"),
    }
    assert {o["informatieobject"] for o in lijst} == {document["url"]}
    gefilterd = client.get(f"{BASE}/objectinformatieobjecten", {"object": zaak_url}).json()
    assert [o["url"] for o in gefilterd] == [
        f"http://testserver{BASE}/objectinformatieobjecten/{zio.uuid}"
    ]
    detail = client.get(gefilterd[0]["url"])
    assert detail.status_code == 200 and detail.json() == gefilterd[0]

    documenten = client.get(
        f"{BASE}/enkelvoudiginformatieobjecten", {"objectinformatieobjecten_object": besluit_url}
    ).json()
    assert [d["url"] for d in documenten["results"]] == [document["url"]]


def test_objectinformatieobject_create_of_an_existing_relation_is_not_unique(client, relaties):
    document, zaak, *_ = relaties
    response = client.post(
        f"{BASE}/objectinformatieobjecten",
        {
            "informatieobject": document["url"],
            "object": f"http://testserver/zaken/api/v1/zaken/{zaak.uuid}",
            "objectType": "zaak",
        },
        format="json",
    )
    assert invalid_codes(response) == {"nonFieldErrors": "unique"}


def test_objectinformatieobject_create_without_the_relation_is_inconsistent(
    client, iotype, org, zaaktype
):
    document = document_maken(client, iotype, org)
    zaak = zaak_create(actor=Actor.system(org), zaaktype=zaaktype)
    response = client.post(
        f"{BASE}/objectinformatieobjecten",
        {
            "informatieobject": document["url"],
            "object": f"http://testserver/zaken/api/v1/zaken/{zaak.uuid}",
            "objectType": "zaak",
        },
        format="json",
    )
    assert invalid_codes(response) == {"nonFieldErrors": "inconsistent-relation"}


def test_objectinformatieobject_destroy_while_the_relation_exists_is_refused(client, relaties):
    *_, bio = relaties
    response = client.delete(f"{BASE}/objectinformatieobjecten/{bio.uuid}")
    assert invalid_codes(response) == {"nonFieldErrors": "remote-relation-exists"}


# --- verzendingen ---------------------------------------------------------------------------
def verzending_data(document: dict, **extra) -> dict:
    return {
        "betrokkene": "https://klanten.example.nl/api/v1/klanten/1",
        "informatieobject": document["url"],
        "aardRelatie": "geadresseerde",
        "contactPersoon": "https://medewerkers.example.nl/api/v1/medewerkers/7",
        "emailadres": "burger@example.nl",
        **extra,
    }


def test_verzendingen_crud(client, iotype, org):
    document = document_maken(client, iotype, org)
    maak = client.post(f"{BASE}/verzendingen", verzending_data(document), format="json")
    assert maak.status_code == 201, maak.json()
    verzending = maak.json()
    assert verzending["binnenlandsCorrespondentieadres"] is None
    lijst = client.get(f"{BASE}/verzendingen", {"aardRelatie": "geadresseerde"}).json()
    assert lijst["count"] == 1 and lijst["results"][0]["url"] == verzending["url"]
    adres = {"huisnummer": 12, "naamOpenbareRuimte": "Markt", "woonplaatsnaam": "Utrecht"}
    put = client.put(
        verzending["url"],
        verzending_data(document, emailadres=None, binnenlandsCorrespondentieadres=adres),
        format="json",
    )
    assert put.status_code == 200, put.json()
    assert put.json()["binnenlandsCorrespondentieadres"]["naamOpenbareRuimte"] == "Markt"
    assert put.json()["emailadres"] == ""
    assert client.delete(verzending["url"]).status_code == 204


def test_verzending_heeft_precies_een_adres(client, iotype, org):
    document = document_maken(client, iotype, org)
    response = client.post(
        f"{BASE}/verzendingen",
        verzending_data(document, telefoonnummer="0301234567"),
        format="json",
    )
    assert invalid_codes(response) == {"nonFieldErrors": "invalid-address"}


# --- audit trail ----------------------------------------------------------------------------
def test_audittrail_of_a_document(org, client, iotype):
    from tests.apis.jwt import api_client_for

    document = document_maken(client, iotype, org)
    lock = lock_nemen(client, document)
    client.patch(document["url"], {"titel": "Nieuw", "lock": lock}, format="json")
    client.post(f"{BASE}/gebruiksrechten", recht_data(document), format="json")
    auditor = api_client_for(org, scopes=["audittrails.lezen"], component="drc", types=[iotype])
    response = auditor.get(f"{document['url']}/audittrail")
    assert response.status_code == 200, response.json()
    regels = response.json()
    assert [r["actie"] for r in regels] == ["create", "lock", "update", "create"]
    eerste = regels[0]
    assert eerste["bron"] == "drc"
    assert eerste["hoofdObject"] == document["url"]
    assert eerste["resource"] == "enkelvoudiginformatieobject"
    assert eerste["resultaat"] == 201
    assert eerste["wijzigingen"]["oud"] is None
    assert regels[2]["wijzigingen"]["nieuw"]["titel"] == "Nieuw"
    assert regels[3]["resource"] == "gebruiksrechten"
    detail = auditor.get(f"{document['url']}/audittrail/{regels[2]['uuid']}")
    assert detail.status_code == 200 and detail.json() == regels[2]
    assert client.get(f"{document['url']}/audittrail").status_code == 403
