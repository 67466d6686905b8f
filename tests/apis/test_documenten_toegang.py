"""Who sees which document: the application's informatieobjecttype grants and maximum
confidentiality, applied in SQL, with a constant number of queries per list."""

# ruff: noqa: F811  (fixtures imported from test_documenten_fixtures are test parameters)

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import reset_queries

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.catalog.models import InformatieObjectType
from raadhuis.kernel.documents.selectors import documenten_zichtbaar
from raadhuis.kernel.documents.services import zaak_document_add
from tests import factories
from tests.apis.jwt import api_client_for
from tests.apis.test_documenten_fixtures import (  # noqa: F401 (fixtures)
    ALLE_SCOPES,
    BASE,
    b64,
    client,
    document_maken,
    eio_data,
    iotype,
)

pytestmark = pytest.mark.django_db
EIO = f"{BASE}/enkelvoudiginformatieobjecten"


@pytest.fixture
def ander_type(zaaktype):
    return InformatieObjectType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Bijlage",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )


def test_an_application_sees_only_its_types_up_to_its_confidentiality(
    org, client, iotype, ander_type
):
    beheer = api_client_for(org, scopes=ALLE_SCOPES, component="drc", alle_autorisaties=True)
    openbaar = document_maken(client, iotype, org, vertrouwelijkheidaanduiding="openbaar")
    geheim = document_maken(client, iotype, org, vertrouwelijkheidaanduiding="geheim")
    ander = document_maken(beheer, ander_type, org)

    lezer = api_client_for(
        org,
        scopes=["documenten.lezen"],
        component="drc",
        types=[iotype],
        max_vertrouwelijkheid="intern",
    )
    urls = [r["url"] for r in lezer.get(EIO).json()["results"]]
    assert urls == [openbaar["url"]]
    assert lezer.get(geheim["url"]).status_code == 404
    assert lezer.get(ander["url"]).status_code == 404
    assert lezer.get(f"{geheim['url']}/download").status_code == 404
    assert beheer.get(EIO).json()["count"] == 3


def test_creating_above_the_granted_confidentiality_is_forbidden(org, iotype):
    schrijver = api_client_for(
        org,
        scopes=["documenten.aanmaken"],
        component="drc",
        types=[iotype],
        max_vertrouwelijkheid="intern",
    )
    response = schrijver.post(
        EIO, eio_data(iotype, org, vertrouwelijkheidaanduiding="geheim"), format="json"
    )
    assert response.status_code == 403
    assert (
        schrijver.post(
            EIO, eio_data(iotype, org, vertrouwelijkheidaanduiding="openbaar"), format="json"
        ).status_code
        == 201
    )


def test_a_scope_is_needed_for_each_action(org, iotype):
    lezer = api_client_for(org, scopes=["documenten.lezen"], component="drc", types=[iotype])
    assert lezer.post(EIO, eio_data(iotype, org), format="json").status_code == 403
    assert lezer.get(EIO).status_code == 200


def test_another_organisation_sees_nothing(org, client, iotype):
    document_maken(client, iotype, org)
    andere = factories.organisatie()
    vreemde = api_client_for(andere, scopes=ALLE_SCOPES, component="drc", alle_autorisaties=True)
    assert vreemde.get(EIO).json()["count"] == 0


LIJSTEN = (
    EIO,
    f"{BASE}/gebruiksrechten",
    f"{BASE}/verzendingen",
    f"{BASE}/objectinformatieobjecten",
)


def _document_met_alles(client, iotype, org, zaak) -> None:
    from raadhuis.kernel.documents.models import InformatieObject
    from raadhuis.kernel.documents.services import zaak_informatieobject_create

    document = document_maken(client, iotype, org, trefwoorden=["a"])
    client.post(
        f"{BASE}/gebruiksrechten",
        {
            "informatieobject": document["url"],
            "startdatum": "2025-01-01T00:00:00Z",
            "omschrijvingVoorwaarden": "Intern",
        },
        format="json",
    )
    client.post(
        f"{BASE}/verzendingen",
        {
            "betrokkene": "https://klanten.example.nl/api/v1/klanten/1",
            "informatieobject": document["url"],
            "aardRelatie": "afzender",
            "contactPersoon": "https://medewerkers.example.nl/api/v1/medewerkers/7",
            "mijnOverheid": True,
        },
        format="json",
    )
    io = InformatieObject.objects.get(uuid=document["url"].rsplit("/", 1)[-1])
    zaak_informatieobject_create(actor=Actor.system(org), zaak=zaak, informatieobject=io)


@pytest.mark.parametrize("lijst", LIJSTEN)
def test_list_query_count_is_constant(
    lijst, client, iotype, org, zaaktype, django_assert_max_num_queries
):
    zaak = zaak_create(actor=Actor.system(org), zaaktype=zaaktype)
    _document_met_alles(client, iotype, org, zaak)
    reset_queries()
    with django_assert_max_num_queries(20) as eerste:
        assert client.get(lijst).status_code == 200
    aantal = len(eerste.captured_queries)  # read now: the log is read lazily
    for _ in range(5):
        _document_met_alles(client, iotype, org, zaak)
    reset_queries()
    with django_assert_max_num_queries(aantal):
        response = client.get(lijst)
    antwoord = response.json()
    assert len(antwoord["results"] if isinstance(antwoord, dict) else antwoord) == 6


def test_a_medewerker_sees_documents_through_the_cases_they_may_see(org, zaaktype, actor):
    iot = InformatieObjectType.objects.get(zaaktypen=zaaktype)
    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    zaak_document_add(
        actor=actor,
        zaak=zaak,
        bestand=ContentFile(b"x", name="brief.txt"),
        titel="Brief",
        informatieobjecttype=iot,
    )
    assert documenten_zichtbaar(actor=actor).count() == 1
    buitenstaander = factories.actor(factories.medewerker(org))
    assert documenten_zichtbaar(actor=buitenstaander).count() == 0
    assert documenten_zichtbaar(actor=Actor.system(org)).count() == 1
    assert b64(b"") == ""
