"""Zaken API 1.7.0 /zaken: create, read, change and delete; every list filter, ordering,
paging with an exact count, expand, _zoek, access in SQL and a constant number of queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_create, zaak_rol_add
from raadhuis.kernel.catalog.models import RolType
from tests import factories
from tests.apis import test_zaken_support as steun
from tests.apis.test_zaken_support import (
    BASE,
    CRS,
    catalogi_url,
    client_for,
    create_zaak,
    zaak_body,
    zaak_url,
    zaaktype_url,
)

api = steun.api  # fixture
zaak = steun.zaak  # fixture


def test_zaak_aanmaken_geeft_201_met_location_en_de_velden_van_de_standaard(api, org, zaaktype):
    response = api.post(
        f"{BASE}/zaken",
        zaak_body(
            org,
            zaaktype,
            omschrijving="Geluidsoverlast",
            communicatiekanaal="https://referentielijsten.example/communicatiekanalen/1",
            betalingsindicatie="nog_niet",
            verlenging={"reden": "Drukte", "duur": "P14D"},
            opschorting={"indicatie": True, "reden": "Wacht op info"},
            kenmerken=[{"kenmerk": "X-1", "bron": "Portaal"}],
            processobject={
                "datumkenmerk": "einddatum",
                "identificatie": "1",
                "objecttype": "zaak",
                "registratie": "ZRC",
            },
        ),
        format="json",
        **CRS,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert response["Location"] == body["url"]
    assert response["Content-Crs"] == "EPSG:4326"
    assert response["API-version"] == "1.7.0"
    assert body["identificatie"].startswith("ZAAK-2025-")
    assert body["zaaktype"] == zaaktype_url(zaaktype)
    assert body["vertrouwelijkheidaanduiding"] == zaaktype.vertrouwelijkheidaanduiding
    assert body["verlenging"] == {"reden": "Drukte", "duur": "P14D"}
    assert body["opschorting"] == {"indicatie": True, "reden": "Wacht op info"}
    assert body["kenmerken"] == [{"kenmerk": "X-1", "bron": "Portaal"}]
    assert body["betalingsindicatieWeergave"]
    assert body["status"] is None and body["resultaat"] is None
    assert body["einddatumGepland"] and body["uiterlijkeEinddatumAfdoening"]


def test_zaak_opvragen_bijwerken_en_verwijderen(api, zaak, org, zaaktype):
    url = zaak["url"]
    assert api.get(url, **CRS).json()["omschrijving"] == "Klacht over geluid"
    patch = api.patch(url, {"omschrijving": "Anders"}, format="json", **CRS)
    assert patch.status_code == 200, patch.json()
    assert patch.json()["omschrijving"] == "Anders"
    put = api.put(
        url,
        zaak_body(org, zaaktype, identificatie=zaak["identificatie"], toelichting="Volledig"),
        format="json",
        **CRS,
    )
    assert put.status_code == 200, put.json()
    assert put.json()["toelichting"] == "Volledig"
    assert api.delete(url, **CRS).status_code == 204
    assert api.get(url, **CRS).status_code == 404
    assert not Zaak.objects.filter(uuid=zaak["uuid"]).exists()


def test_zaak_zonder_crs_headers_geeft_412(api, zaak):
    assert api.get(zaak["url"]).status_code == 412


def test_zaak_opvragen_heeft_etag_en_304(api, zaak):
    first = api.get(zaak["url"], **CRS)
    again = api.get(zaak["url"], HTTP_IF_NONE_MATCH=first["ETag"], **CRS)
    assert again.status_code == 304


def test_lijst_toont_alleen_zaken_van_geautoriseerde_zaaktypen(org, zaaktype):
    ander = factories.zaaktype(org, identificatie="ANDER")
    beide = client_for(org, [zaaktype, ander])
    create_zaak(beide, org, zaaktype)
    create_zaak(beide, org, ander)
    alleen_klacht = client_for(org, [zaaktype], scopes=["zaken.lezen"])
    body = alleen_klacht.get(f"{BASE}/zaken", **CRS).json()
    assert body["count"] == 1
    assert body["results"][0]["zaaktype"] == zaaktype_url(zaaktype)


def test_lijst_respecteert_de_maximale_vertrouwelijkheid(org, zaaktype):
    create_zaak(client_for(org, [zaaktype]), org, zaaktype, vertrouwelijkheidaanduiding="geheim")
    lezer = client_for(org, [zaaktype], scopes=["zaken.lezen"], max_vertrouwelijkheid="intern")
    assert lezer.get(f"{BASE}/zaken", **CRS).json()["count"] == 0


def test_andere_organisatie_ziet_de_zaak_niet(api, zaak, zaaktype):
    andere = factories.organisatie("Gemeente Elders")
    client = client_for(andere, [], alle_autorisaties=True)
    assert client.get(zaak["url"], **CRS).status_code == 404


@pytest.fixture
def drie_zaken(api, org, zaaktype):
    a = create_zaak(api, org, zaaktype, startdatum="2025-01-10", identificatie="Z-A")
    b = create_zaak(
        api, org, zaaktype, startdatum="2025-02-10", identificatie="Z-B", archiefnominatie=""
    )
    c = create_zaak(
        api,
        org,
        zaaktype,
        startdatum="2025-03-10",
        identificatie="Z-C",
        vertrouwelijkheidaanduiding="openbaar",
    )
    return a, b, c


def _ids(api, **params) -> list[str]:
    response = api.get(f"{BASE}/zaken", params, **CRS)
    assert response.status_code == 200, response.json()
    return [z["identificatie"] for z in response.json()["results"]]


def test_filters_op_datum_identificatie_en_bronorganisatie(api, org, drie_zaken):
    assert _ids(api, identificatie="Z-B") == ["Z-B"]
    assert _ids(api, startdatum__gte="2025-02-10") == ["Z-C", "Z-B"]
    assert _ids(api, startdatum__lt="2025-02-10") == ["Z-A"]
    assert _ids(api, startdatum="2025-01-10") == ["Z-A"]
    assert len(_ids(api, bronorganisatie__in=f"{org.rsin},123456782")) == 3
    assert _ids(api, bronorganisatie="123456782") == []
    assert len(_ids(api, einddatum__isnull="true")) == 3
    assert _ids(api, maximaleVertrouwelijkheidaanduiding="openbaar") == ["Z-C"]
    assert len(_ids(api, archiefstatus="nog_te_archiveren")) == 3


def test_filter_op_zaaktype_url(api, org, zaaktype, drie_zaken):
    ander = factories.zaaktype(org, identificatie="ANDER2")
    assert len(_ids(api, zaaktype=zaaktype_url(zaaktype))) == 3
    assert _ids(api, zaaktype=zaaktype_url(ander)) == []
    assert _ids(api, zaaktype="http://elders.example/zaaktypen/1") == []


def test_ordering_met_unieke_volgorde(api, drie_zaken):
    assert _ids(api, ordering="startdatum") == ["Z-A", "Z-B", "Z-C"]
    assert _ids(api, ordering="-identificatie") == ["Z-C", "Z-B", "Z-A"]
    assert _ids(api) == ["Z-C", "Z-B", "Z-A"]


def test_ongeldige_filterwaarde_geeft_400(api, drie_zaken):
    response = api.get(f"{BASE}/zaken", {"startdatum": "gisteren"}, **CRS)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "startdatum"


def test_paginering_met_pagesize_en_exacte_count(api, drie_zaken):
    eerste = api.get(f"{BASE}/zaken", {"pageSize": 2}, **CRS).json()
    assert eerste["count"] == 3
    assert len(eerste["results"]) == 2
    assert "page=2" in eerste["next"]
    tweede = api.get(eerste["next"], **CRS).json()
    assert tweede["count"] == 3
    assert tweede["next"] is None
    assert [z["identificatie"] for z in tweede["results"]] == ["Z-A"]
    assert api.get(f"{BASE}/zaken", {"page": 9}, **CRS).status_code == 404


def test_count_op_de_laatste_pagina_kost_geen_count_query(api, drie_zaken):
    with CaptureQueriesContext(connection) as queries:
        body = api.get(f"{BASE}/zaken", {"pageSize": 10}, **CRS).json()
    assert body["count"] == 3
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        body = api.get(f"{BASE}/zaken", {"pageSize": 2}, **CRS).json()
    assert body["count"] == 3
    sqls = [q["sql"].upper() for q in queries.captured_queries]
    if connection.vendor == "postgresql":
        # The unfiltered count is a sum over the counts the database keeps, not a COUNT(*).
        assert not any("COUNT(" in q for q in sqls)
        assert sum("CASES_ZAAKTELLING" in q for q in sqls) == 1
    else:
        assert sum("COUNT(" in q for q in sqls) == 1


def _veel_zaken(org, zaaktype, aantal: int) -> None:
    actor = Actor.system(org)
    initiator = RolType.objects.get(zaaktype=zaaktype, omschrijving_generiek="initiator")
    for i in range(aantal):
        zaak = zaak_create(actor=actor, zaaktype=zaaktype, startdatum=date(2025, 1, 1 + i % 28))
        zaak_rol_add(
            actor=actor,
            zaak=zaak,
            roltype=initiator,
            betrokkene_type="natuurlijk_persoon",
            betrokkene_identificatie={"inpBsn": "111222333", "geslachtsnaam": f"P{i}"},
        )


@pytest.mark.parametrize("page_size", [10, 100])
def test_aantal_queries_per_lijst_is_constant(
    api, org, zaaktype, page_size, django_assert_max_num_queries
):
    _veel_zaken(org, zaaktype, page_size + 1)
    with django_assert_max_num_queries(12):
        response = api.get(
            f"{BASE}/zaken",
            {
                "pageSize": page_size,
                "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": "111222333",
            },
            **CRS,
        )
    assert response.status_code == 200
    assert response.json()["count"] == page_size + 1
    assert len(response.json()["results"]) == page_size
    assert all(len(z["rollen"]) == 1 for z in response.json()["results"])


def test_rol_filters_op_zaken(api, org, zaaktype, drie_zaken):
    a, b, _c = drie_zaken
    roltypen = {r.omschrijving_generiek: r for r in zaaktype.roltypen.all()}
    persoon = {
        "zaak": a["url"],
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": catalogi_url("roltypen", roltypen["initiator"]),
        "roltoelichting": "",
        "betrokkeneIdentificatie": {"inpBsn": "111222333", "geslachtsnaam": "Jansen"},
    }
    assert api.post(f"{BASE}/rollen", persoon, format="json").status_code == 201
    medewerker = factories.medewerker(org, zaaktypen=(zaaktype,))
    behandelaar = {
        "zaak": b["url"],
        "betrokkeneType": "medewerker",
        "roltype": catalogi_url("roltypen", roltypen["behandelaar"]),
        "roltoelichting": "",
        "betrokkene": "https://medewerkers.example/1",
        "betrokkeneIdentificatie": {"identificatie": medewerker.identificatie},
    }
    assert api.post(f"{BASE}/rollen", behandelaar, format="json").status_code == 201
    prefix = "rol__betrokkeneIdentificatie__"
    assert _ids(api, **{f"{prefix}natuurlijkPersoon__inpBsn": "111222333"}) == ["Z-A"]
    assert _ids(api, **{f"{prefix}natuurlijkPersoon__inpBsn": "999999999"}) == []
    assert _ids(api, **{f"{prefix}medewerker__identificatie": medewerker.identificatie}) == ["Z-B"]
    assert _ids(api, rol__betrokkeneType="medewerker") == ["Z-B"]
    assert _ids(api, rol__omschrijvingGeneriek="initiator") == ["Z-A"]
    assert _ids(api, rol__betrokkene="https://medewerkers.example/1") == ["Z-B"]


def test_expand_zaaktype_en_status(api, zaak, zaaktype):
    response = api.get(zaak["url"], {"expand": "status"}, **CRS)
    assert response.status_code == 200
    assert response.json()["_expand"] == {"status": {}}
    response = api.get(f"{BASE}/zaken", {"expand": "hoofdzaak"}, **CRS)
    assert response.json()["results"][0]["_expand"] == {"hoofdzaak": {}}


def test_zoeken_op_uuids(api, drie_zaken):
    a, _b, c = drie_zaken
    response = api.post(
        f"{BASE}/zaken/_zoek", {"uuid__in": [a["uuid"], c["uuid"]]}, format="json", **CRS
    )
    assert response.status_code == 200, response.json()
    assert {z["uuid"] for z in response.json()["results"]} == {a["uuid"], c["uuid"]}


def test_zoeken_zonder_parameters_geeft_400(api, drie_zaken):
    response = api.post(f"{BASE}/zaken/_zoek", {}, format="json", **CRS)
    assert response.status_code == 400


def test_zoeken_op_zaakgeometrie_within(api, org, zaaktype):
    binnen = create_zaak(
        api, org, zaaktype, zaakgeometrie={"type": "Point", "coordinates": [5.1, 52.1]}
    )
    create_zaak(api, org, zaaktype, zaakgeometrie={"type": "Point", "coordinates": [6.5, 53.0]})
    create_zaak(api, org, zaaktype)
    gebied = {
        "type": "Polygon",
        "coordinates": [[[5.0, 52.0], [5.5, 52.0], [5.5, 52.5], [5.0, 52.5], [5.0, 52.0]]],
    }
    response = api.post(
        f"{BASE}/zaken/_zoek",
        {"zaakgeometrie": {"within": gebied}, "startdatum__gte": "2025-01-01"},
        format="json",
        **CRS,
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["count"] == 1
    assert body["results"][0]["uuid"] == binnen["uuid"]


def test_zaaknummer_reserveren_en_gebruiken(api, org, zaaktype):
    response = api.post(
        f"{BASE}/zaaknummer_reserveren", {"bronorganisatie": org.rsin}, format="json"
    )
    assert response.status_code == 201, response.json()
    nummer = response.json()["zaaknummer"]
    volgende = create_zaak(api, org, zaaktype)
    assert volgende["identificatie"] != nummer
    gereserveerd = create_zaak(api, org, zaaktype, identificatie=nummer)
    assert gereserveerd["identificatie"] == nummer
    meer = api.post(
        f"{BASE}/zaaknummer_reserveren",
        {"bronorganisatie": org.rsin, "aantal": 3},
        format="json",
    )
    assert meer.status_code == 201
    assert len(meer.json()) == 3


def test_zaak_url_is_absoluut(zaak):
    assert zaak["url"] == zaak_url(zaak["uuid"])
