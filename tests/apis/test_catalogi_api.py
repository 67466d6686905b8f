"""Catalogi API 1.3.3: the resources, their filters and the concept/publish rules, through
HTTP with a real ZGW JWT. Each test is named after the rule it checks."""

from __future__ import annotations

from datetime import date

import pytest

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.catalog.models import StatusType, ZaakType
from raadhuis.kernel.events.models import OutboxEvent
from tests import factories
from tests.apis.jwt import api_client_for

BASE = "http://testserver/catalogi/api/v1"
LEZEN = ["catalogi.lezen"]
SCHRIJVEN = ["catalogi.lezen", "catalogi.schrijven"]


@pytest.fixture
def org(db):
    return factories.organisatie("Gemeente Catalogi")


@pytest.fixture
def gepubliceerd(org):
    """A published zaaktype with status, role, result, property and document types."""
    return factories.zaaktype(org, identificatie="KLACHT", omschrijving="Klacht")


@pytest.fixture
def catalogus(gepubliceerd):
    return gepubliceerd.catalogus


@pytest.fixture
def lezer(org):
    return api_client_for(org, scopes=LEZEN, component="ztc")


@pytest.fixture
def schrijver(org):
    return api_client_for(org, scopes=SCHRIJVEN, component="ztc")


@pytest.fixture
def geforceerd(org):
    return api_client_for(
        org,
        scopes=[*SCHRIJVEN, "catalogi.geforceerd-schrijven", "catalogi.geforceerd-verwijderen"],
        component="ztc",
    )


def url(resource: str, obj=None) -> str:
    return f"{BASE}/{resource}" + (f"/{obj.uuid}" if obj is not None else "")


def zaaktype_data(catalogus, **extra):
    data = {
        "identificatie": "MELDING",
        "omschrijving": "Melding openbare ruimte",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "Meldingen afhandelen",
        "aanleiding": "Een melding van een inwoner",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "melden",
        "onderwerp": "Openbare ruimte",
        "handelingBehandelaar": "behandelen",
        "doorlooptijd": "P2W",
        "opschortingEnAanhoudingMogelijk": False,
        "verlengingMogelijk": False,
        "publicatieIndicatie": False,
        "productenOfDiensten": ["https://example.com/producten/1"],
        "referentieproces": {"naam": "Melding"},
        "verantwoordelijke": "Team openbare ruimte",
        "catalogus": url("catalogussen", catalogus),
        "besluittypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2025-01-01",
        "versiedatum": "2025-01-01",
    }
    data.update(extra)
    return data


def maak_concept(schrijver, catalogus, **extra) -> dict:
    response = schrijver.post(url("zaaktypen"), zaaktype_data(catalogus, **extra), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def voeg_onderdelen_toe(schrijver, zaaktype_url: str) -> None:
    for volgnummer, omschrijving in ((1, "Ontvangen"), (2, "Afgehandeld")):
        response = schrijver.post(
            url("statustypen"),
            {"zaaktype": zaaktype_url, "omschrijving": omschrijving, "volgnummer": volgnummer},
            format="json",
        )
        assert response.status_code == 201, response.json()
    response = schrijver.post(
        url("roltypen"),
        {"zaaktype": zaaktype_url, "omschrijving": "Melder", "omschrijvingGeneriek": "initiator"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    response = schrijver.post(
        url("resultaattypen"),
        {
            "zaaktype": zaaktype_url,
            "omschrijving": "Opgelost",
            "resultaattypeomschrijving": "https://selectielijst.example/resultaattypeomschrijvingen/1",
            "selectielijstklasse": "https://selectielijst.example/resultaten/1",
            "archiefnominatie": "vernietigen",
            "archiefactietermijn": "P1Y",
            "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()


# --- reading -------------------------------------------------------------------------------
def test_zaaktypen_lijst_toont_standaard_alleen_definitieve(lezer, schrijver, catalogus):
    maak_concept(schrijver, catalogus)
    body = lezer.get(url("zaaktypen")).json()
    assert [z["identificatie"] for z in body["results"]] == ["KLACHT"]
    alles = lezer.get(url("zaaktypen"), {"status": "alles"}).json()
    assert {z["identificatie"] for z in alles["results"]} == {"KLACHT", "MELDING"}
    concept = lezer.get(url("zaaktypen"), {"status": "concept"}).json()
    assert [z["identificatie"] for z in concept["results"]] == ["MELDING"]


def test_zaaktype_heeft_de_velden_van_de_standaard(lezer, gepubliceerd):
    response = lezer.get(url("zaaktypen", gepubliceerd))
    assert response.status_code == 200
    assert response["API-version"] == "1.3.3"
    assert response["ETag"]
    body = response.json()
    assert body["url"] == url("zaaktypen", gepubliceerd)
    assert body["catalogus"] == url("catalogussen", gepubliceerd.catalogus)
    assert body["concept"] is False
    assert len(body["statustypen"]) == 3
    assert body["informatieobjecttypeOmschrijving"] == ["Brief"]
    assert body["beginObject"] == "2024-01-01"
    assert body["eindeObject"] is None
    assert body["servicenorm"] == "P4W"
    assert body["verlengingstermijn"] is None


def test_catalogi_van_een_andere_organisatie_zijn_onzichtbaar(lezer, gepubliceerd):
    ander = factories.zaaktype(factories.organisatie("Gemeente Elders"), identificatie="ANDERS")
    assert lezer.get(url("zaaktypen", ander)).status_code == 404
    lijst = lezer.get(url("zaaktypen"), {"identificatie": "ANDERS"}).json()
    assert lijst["count"] == 0


def test_zaaktypen_lezen_mag_ook_met_zaken_lezen(org, gepubliceerd):
    zaken_client = api_client_for(
        org, scopes=["zaken.lezen"], component="zrc", types=[gepubliceerd]
    )
    assert zaken_client.get(url("zaaktypen", gepubliceerd)).status_code == 200
    assert zaken_client.get(url("statustypen")).status_code == 403


def test_statustypen_filteren_op_zaaktype_en_eindstatus(lezer, gepubliceerd):
    body = lezer.get(url("statustypen"), {"zaaktype": url("zaaktypen", gepubliceerd)}).json()
    assert [s["volgnummer"] for s in body["results"]] == [1, 2, 3]
    assert [s["isEindstatus"] for s in body["results"]] == [False, False, True]
    assert body["results"][0]["zaaktypeIdentificatie"] == "KLACHT"


def test_onbekende_filterparameter_geeft_400(lezer, gepubliceerd):
    response = lezer.get(url("statustypen"), {"zaaktypen": "x"})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "unknown-parameters"


def test_datum_geldigheid_filtert_op_geldige_versies(lezer, gepubliceerd):
    gepubliceerd.einde_geldigheid = date(2024, 12, 31)
    gepubliceerd.save()
    assert lezer.get(url("zaaktypen"), {"datumGeldigheid": "2024-06-01"}).json()["count"] == 1
    assert lezer.get(url("zaaktypen"), {"datumGeldigheid": "2025-06-01"}).json()["count"] == 0
    assert lezer.get(url("zaaktypen"), {"datumGeldigheid": "geen-datum"}).status_code == 400


def test_catalogus_filtert_op_domein_in(lezer, catalogus):
    assert (
        lezer.get(url("catalogussen"), {"domein__in": f"XXXXX,{catalogus.domein}"}).json()["count"]
        == 1
    )
    assert lezer.get(url("catalogussen"), {"rsin": "000000000"}).json()["count"] == 0


def test_expand_zaaktype_neemt_statustypen_en_catalogus_op(lezer, gepubliceerd):
    body = lezer.get(url("zaaktypen", gepubliceerd), {"expand": "statustypen,catalogus"}).json()
    assert [s["omschrijving"] for s in body["_expand"]["statustypen"]] == [
        "Ontvangen",
        "In behandeling",
        "Afgehandeld",
    ]
    assert body["_expand"]["catalogus"]["domein"] == gepubliceerd.catalogus.domein


def test_expand_zaaktype_informatieobjecttype_op_omschrijving(lezer, gepubliceerd):
    body = lezer.get(url("zaaktype-informatieobjecttypen"), {"expand": "informatieobjecttype"})
    result = body.json()["results"][0]
    assert result["informatieobjecttype"] == "Brief"
    assert result["_expand"]["informatieobjecttype"]["omschrijving"] == "Brief"


# --- writing and the concept rules ----------------------------------------------------------
def test_nieuw_zaaktype_is_een_concept_en_wordt_geaudit(schrijver, catalogus):
    body = maak_concept(schrijver, catalogus)
    assert body["concept"] is True
    zaaktype = ZaakType.objects.get(uuid=body["url"].rsplit("/", 1)[-1])
    assert AuditEntry.objects.filter(actie="zaaktype_aangemaakt", object_uuid=zaaktype.uuid)
    assert OutboxEvent.objects.filter(kanaal="zaaktypen", actie="create").count() == 1


def test_zaaktype_aanmaken_zonder_schrijfscope_is_verboden(lezer, catalogus):
    response = lezer.post(url("zaaktypen"), zaaktype_data(catalogus), format="json")
    assert response.status_code == 403


def test_zaaktype_aanmaken_valideert_verplichte_velden(schrijver, catalogus):
    response = schrijver.post(
        url("zaaktypen"), {"catalogus": url("catalogussen", catalogus)}, format="json"
    )
    assert response.status_code == 400
    namen = {p["name"] for p in response.json()["invalidParams"]}
    assert {"identificatie", "doorlooptijd", "referentieproces", "productenOfDiensten"} <= namen


def test_zaaktype_identificatie_mag_niet_overlappen_in_geldigheid(schrijver, catalogus):
    response = schrijver.post(
        url("zaaktypen"),
        zaaktype_data(catalogus, identificatie="KLACHT", beginGeldigheid="2024-06-01"),
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0] == {
        "name": "beginGeldigheid",
        "code": "overlap",
        "reason": response.json()["invalidParams"][0]["reason"],
    }


def test_besluittypen_worden_op_omschrijving_gekoppeld(schrijver, catalogus):
    besluittype = schrijver.post(
        url("besluittypen"),
        {
            "catalogus": url("catalogussen", catalogus),
            "omschrijving": "Toekenning",
            "publicatieIndicatie": False,
            "informatieobjecttypen": ["Brief"],
            "beginGeldigheid": "2025-01-01",
        },
        format="json",
    )
    assert besluittype.status_code == 201, besluittype.json()
    assert besluittype.json()["vastgelegdIn"] == ["Brief"]
    body = maak_concept(schrijver, catalogus, besluittypen=["Toekenning"])
    assert body["besluittypen"] == [besluittype.json()["url"]]
    assert body["besluittypeOmschrijving"] == ["Toekenning"]
    onbekend = schrijver.post(
        url("zaaktypen"),
        zaaktype_data(catalogus, identificatie="X", besluittypen=["Bestaat niet"]),
        format="json",
    )
    assert onbekend.json()["invalidParams"][0]["code"] == "does_not_exist"


def test_concept_zaaktype_kan_gewijzigd_en_verwijderd_worden(schrijver, catalogus):
    body = maak_concept(schrijver, catalogus)
    response = schrijver.patch(body["url"], {"omschrijving": "Nieuwe naam"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["omschrijving"] == "Nieuwe naam"
    assert schrijver.delete(body["url"]).status_code == 204
    assert schrijver.get(body["url"]).status_code == 404


def test_gepubliceerd_zaaktype_kan_niet_gewijzigd_worden(schrijver, gepubliceerd):
    response = schrijver.patch(
        url("zaaktypen", gepubliceerd), {"omschrijving": "Anders"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "non-concept-object"
    gepubliceerd.refresh_from_db()
    assert gepubliceerd.omschrijving == "Klacht"


def test_gepubliceerd_zaaktype_einde_geldigheid_mag_wel_gezet_worden(schrijver, gepubliceerd):
    response = schrijver.patch(
        url("zaaktypen", gepubliceerd), {"eindeGeldigheid": "2025-12-31"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["eindeGeldigheid"] == "2025-12-31"


def test_gepubliceerd_zaaktype_kan_niet_verwijderd_worden(schrijver, gepubliceerd):
    response = schrijver.delete(url("zaaktypen", gepubliceerd))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "non-concept-object"
    assert ZaakType.objects.filter(pk=gepubliceerd.pk).exists()


def test_geforceerd_schrijven_mag_een_gepubliceerd_zaaktype_wijzigen(geforceerd, gepubliceerd):
    response = geforceerd.patch(
        url("zaaktypen", gepubliceerd), {"omschrijving": "Anders"}, format="json"
    )
    assert response.status_code == 200, response.json()


def test_gepubliceerd_zaaktype_in_gebruik_kan_ook_geforceerd_niet_verwijderd_worden(
    org, geforceerd, gepubliceerd
):
    medewerker = factories.actor(factories.medewerker(org, zaaktypen=(gepubliceerd,)))
    from raadhuis.kernel.cases.services import zaak_create

    zaak_create(actor=medewerker, zaaktype=gepubliceerd, omschrijving="Een klacht")
    response = geforceerd.delete(url("zaaktypen", gepubliceerd))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "protected"


def test_statustype_van_gepubliceerd_zaaktype_kan_niet_toegevoegd_worden(schrijver, gepubliceerd):
    response = schrijver.post(
        url("statustypen"),
        {"zaaktype": url("zaaktypen", gepubliceerd), "omschrijving": "Extra", "volgnummer": 9},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "non-concept-zaaktype"


def test_statustype_van_gepubliceerd_zaaktype_kan_niet_gewijzigd_of_verwijderd_worden(
    schrijver, gepubliceerd
):
    statustype = gepubliceerd.statustypen.first()
    response = schrijver.patch(url("statustypen", statustype), {"omschrijving": "X"}, format="json")
    assert response.status_code == 400
    assert schrijver.delete(url("statustypen", statustype)).status_code == 400
    assert StatusType.objects.filter(pk=statustype.pk).exists()


def test_onderdelen_van_een_concept_zaaktype_kunnen_gewijzigd_worden(schrijver, catalogus):
    zaaktype = maak_concept(schrijver, catalogus)
    voeg_onderdelen_toe(schrijver, zaaktype["url"])
    statustypen = schrijver.get(
        url("statustypen"), {"zaaktype": zaaktype["url"], "status": "alles"}
    ).json()["results"]
    eerste = statustypen[0]["url"]
    response = schrijver.patch(eerste, {"statustekst": "We hebben uw melding"}, format="json")
    assert response.status_code == 200, response.json()
    assert schrijver.delete(eerste).status_code == 204


def test_zaaktype_publiceren_vraagt_statustypen_roltype_en_resultaattype(schrijver, catalogus):
    zaaktype = maak_concept(schrijver, catalogus)
    response = schrijver.post(f"{zaaktype['url']}/publish")
    assert response.status_code == 400
    codes = {p["code"] for p in response.json()["invalidParams"]}
    assert codes == {"missing-statustypen", "missing-roltypen", "missing-resultaattypen"}
    voeg_onderdelen_toe(schrijver, zaaktype["url"])
    response = schrijver.post(f"{zaaktype['url']}/publish")
    assert response.status_code == 200, response.json()
    assert response.json()["concept"] is False
    assert OutboxEvent.objects.filter(kanaal="zaaktypen", actie="publish").exists()


def test_zaaktype_publiceren_vraagt_gepubliceerde_informatieobjecttypen(schrijver, catalogus):
    iotype = schrijver.post(
        url("informatieobjecttypen"),
        {
            "catalogus": url("catalogussen", catalogus),
            "omschrijving": "Foto",
            "vertrouwelijkheidaanduiding": "openbaar",
            "beginGeldigheid": "2025-01-01",
            "informatieobjectcategorie": "Foto",
        },
        format="json",
    ).json()
    zaaktype = maak_concept(schrijver, catalogus)
    voeg_onderdelen_toe(schrijver, zaaktype["url"])
    koppeling = schrijver.post(
        url("zaaktype-informatieobjecttypen"),
        {
            "zaaktype": zaaktype["url"],
            "informatieobjecttype": "Foto",
            "volgnummer": 1,
            "richting": "inkomend",
        },
        format="json",
    )
    assert koppeling.status_code == 201, koppeling.json()
    response = schrijver.post(f"{zaaktype['url']}/publish")
    assert response.json()["invalidParams"][0]["code"] == "concept-relation"
    assert schrijver.post(f"{iotype['url']}/publish").status_code == 200
    assert schrijver.post(f"{zaaktype['url']}/publish").status_code == 200


def test_zaaktype_informatieobjecttype_moet_in_dezelfde_catalogus(schrijver, catalogus):
    zaaktype = maak_concept(schrijver, catalogus)
    response = schrijver.post(
        url("zaaktype-informatieobjecttypen"),
        {
            "zaaktype": zaaktype["url"],
            "informatieobjecttype": "Bestaat niet",
            "volgnummer": 1,
            "richting": "inkomend",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "informatieobjecttype"


def test_gepubliceerd_informatieobjecttype_kan_niet_gewijzigd_worden(schrijver, gepubliceerd):
    iotype = gepubliceerd.informatieobjecttypen.first()
    response = schrijver.patch(
        url("informatieobjecttypen", iotype), {"omschrijving": "Anders"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "non-concept-object"


def test_gepubliceerd_besluittype_kan_niet_verwijderd_worden(schrijver, catalogus):
    besluittype = schrijver.post(
        url("besluittypen"),
        {
            "catalogus": url("catalogussen", catalogus),
            "omschrijving": "Afwijzing",
            "publicatieIndicatie": False,
            "informatieobjecttypen": [],
            "beginGeldigheid": "2025-01-01",
        },
        format="json",
    ).json()
    assert schrijver.post(f"{besluittype['url']}/publish").status_code == 200
    response = schrijver.delete(besluittype["url"])
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "non-concept-object"


def test_roltype_catalogus_moet_die_van_het_zaaktype_zijn(schrijver, catalogus):
    zaaktype = maak_concept(schrijver, catalogus)
    andere = factories.zaaktype(factories.organisatie("Elders"), identificatie="E").catalogus
    response = schrijver.post(
        url("roltypen"),
        {
            "zaaktype": zaaktype["url"],
            "omschrijving": "Melder",
            "omschrijvingGeneriek": "initiator",
            "catalogus": url("catalogussen", andere),
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "catalogus"


def test_eigenschap_met_specificatie(schrijver, catalogus):
    zaaktype = maak_concept(schrijver, catalogus)
    response = schrijver.post(
        url("eigenschappen"),
        {
            "zaaktype": zaaktype["url"],
            "naam": "locatie",
            "definitie": "Waar het is",
            "specificatie": {
                "formaat": "tekst",
                "lengte": "100",
                "kardinaliteit": "1",
                "waardenverzameling": [],
            },
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["specificatie"]["formaat"] == "tekst"
    assert response.json()["catalogus"] == url("catalogussen", catalogus)


def test_zaakobjecttype_aanmaken(schrijver, catalogus):
    zaaktype = maak_concept(schrijver, catalogus)
    response = schrijver.post(
        url("zaakobjecttypen"),
        {
            "zaaktype": zaaktype["url"],
            "catalogus": url("catalogussen", catalogus),
            "anderObjecttype": False,
            "objecttype": "https://objecttypen.example/api/v2/objecttypes/1",
            "relatieOmschrijving": "Locatie",
            "beginGeldigheid": "2025-01-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    lijst = schrijver.get(url("zaakobjecttypen"), {"anderObjecttype": "false"}).json()
    assert lijst["count"] == 1


def test_catalogus_aanmaken_en_bijwerken(schrijver, org):
    response = schrijver.post(
        url("catalogussen"),
        {
            "domein": "NIEUW",
            "rsin": org.rsin,
            "contactpersoonBeheerNaam": "Beheer",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response["Location"] == response.json()["url"]
    response = schrijver.patch(
        response.json()["url"], {"contactpersoonBeheerTelefoonnummer": "0201234567"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["contactpersoonBeheerTelefoonnummer"] == "0201234567"


def test_catalogus_kan_niet_verwijderd_worden(schrijver, catalogus):
    assert schrijver.delete(url("catalogussen", catalogus)).status_code == 405


def test_schema_en_referentiepagina(lezer, db):
    schema = lezer.get(f"{BASE}/schema/openapi.yaml")
    assert schema.status_code == 200
    assert b"Catalogi API" in schema.content
    pagina = lezer.get(f"{BASE}/schema/")
    assert pagina.status_code == 200
    assert b"zaaktype_publish" in pagina.content


def test_concept_zaaktype_in_zijn_geheel_bijwerken_met_relaties(schrijver, catalogus):
    zaaktype = maak_concept(schrijver, catalogus)
    data = zaaktype_data(
        catalogus,
        omschrijving="Volledig bijgewerkt",
        deelzaaktypen=["KLACHT"],
        gerelateerdeZaaktypen=[
            {"zaaktype": "KLACHT", "aardRelatie": "vervolg", "toelichting": "Daarna"}
        ],
    )
    response = schrijver.put(zaaktype["url"], data, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["omschrijving"] == "Volledig bijgewerkt"
    assert body["deelzaaktypeIdentificaties"] == ["KLACHT"]
    relatie = body["gerelateerdeZaaktypen"][0]
    assert relatie["zaaktypeIdentificatie"] == "KLACHT"
    assert relatie["zaaktype"].startswith(f"{BASE}/zaaktypen/")
    assert relatie["aardRelatie"] == "vervolg"
    expanded = schrijver.get(zaaktype["url"], {"expand": "gerelateerdeZaaktypen"}).json()
    assert expanded["_expand"]["gerelateerdeZaaktypen"][0]["identificatie"] == "KLACHT"


def test_head_geeft_dezelfde_etag_als_get(lezer, gepubliceerd):
    get = lezer.get(url("zaaktypen", gepubliceerd))
    head = lezer.head(url("zaaktypen", gepubliceerd))
    assert head.status_code == 200
    assert head["ETag"] == get["ETag"]
    assert (
        lezer.get(url("zaaktypen", gepubliceerd), HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304
    )
