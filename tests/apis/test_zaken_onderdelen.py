"""Zaken API 1.7.0: /statussen, /resultaten, /rollen (betrokkeneIdentificatie per
betrokkeneType), /zaken/{zaak_uuid}/zaakeigenschappen and /zaken/{zaak_uuid}/audittrail."""

from __future__ import annotations

import pytest

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.events.models import OutboxEvent
from tests import factories
from tests.apis import test_zaken_support as steun
from tests.apis.test_zaken_support import (
    BASE,
    CRS,
    catalogi_url,
    client_for,
    resultaat_zetten,
    status_zetten,
    statustype_url,
    zaak_afsluiten,
)

api = steun.api  # fixture
zaak = steun.zaak  # fixture


def _roltype_url(zaaktype, generiek: str) -> str:
    return catalogi_url("roltypen", zaaktype.roltypen.get(omschrijving_generiek=generiek))


def test_status_zetten_en_opvragen(api, zaak, zaaktype):
    response = status_zetten(api, zaak, zaaktype, 1, statustoelichting="Ontvangen")
    assert response.status_code == 201, response.json()
    status = response.json()
    assert status["indicatieLaatstGezetteStatus"] is True
    assert status["statustype"] == statustype_url(zaaktype, 1)
    assert api.get(zaak["url"], **CRS).json()["status"] == status["url"]
    lijst = api.get(f"{BASE}/statussen", {"zaak": zaak["url"]}).json()
    assert lijst["count"] == 1
    assert api.get(status["url"]).json()["uuid"] == status["uuid"]


def test_statussen_filter_laatst_gezette_status(api, zaak, zaaktype):
    status_zetten(api, zaak, zaaktype, 1)
    status_zetten(api, zaak, zaaktype, 2)
    laatste = api.get(f"{BASE}/statussen", {"indicatieLaatstGezetteStatus": "true"}).json()
    assert [s["statustype"] for s in laatste["results"]] == [statustype_url(zaaktype, 2)]


def test_resultaat_aanmaken_wijzigen_verwijderen(api, zaak, zaaktype):
    response = resultaat_zetten(api, zaak, zaaktype)
    assert response.status_code == 201, response.json()
    resultaat = response.json()
    assert api.get(zaak["url"], **CRS).json()["resultaat"] == resultaat["url"]
    patch = api.patch(resultaat["url"], {"toelichting": "Terecht"}, format="json")
    assert patch.status_code == 200
    assert patch.json()["toelichting"] == "Terecht"
    lijst = api.get(f"{BASE}/resultaten", {"zaak": zaak["url"]}).json()
    assert lijst["count"] == 1
    assert api.delete(resultaat["url"]).status_code == 204
    assert api.get(zaak["url"], **CRS).json()["resultaat"] is None


@pytest.mark.parametrize(
    "betrokkene_type, identificatie",
    [
        ("natuurlijk_persoon", {"inpBsn": "111222333", "geslachtsnaam": "Jansen"}),
        ("niet_natuurlijk_persoon", {"innNnpId": "123456782", "statutaireNaam": "BV"}),
        ("vestiging", {"vestigingsNummer": "000012345678", "handelsnaam": ["Bakker"]}),
        ("organisatorische_eenheid", {"identificatie": "OE1", "naam": "Team"}),
        ("medewerker", {"identificatie": "mw-1", "achternaam": "Pietersen"}),
    ],
)
def test_rol_met_betrokkene_identificatie_per_type(
    api, zaak, zaaktype, betrokkene_type, identificatie
):
    body = {
        "zaak": zaak["url"],
        "betrokkeneType": betrokkene_type,
        "roltype": _roltype_url(zaaktype, "belanghebbende"),
        "roltoelichting": "Betrokken",
        "betrokkeneIdentificatie": identificatie,
    }
    response = api.post(f"{BASE}/rollen", body, format="json")
    assert response.status_code == 201, response.json()
    rol = response.json()
    assert rol["betrokkeneType"] == betrokkene_type
    assert rol["omschrijvingGeneriek"] == "belanghebbende"
    for key, value in identificatie.items():
        assert rol["betrokkeneIdentificatie"][key] == value
    veld = next(iter(identificatie))
    filter_naam = {
        "natuurlijk_persoon": "natuurlijkPersoon",
        "niet_natuurlijk_persoon": "nietNatuurlijkPersoon",
        "vestiging": "vestiging",
        "organisatorische_eenheid": "organisatorischeEenheid",
        "medewerker": "medewerker",
    }[betrokkene_type]
    lijst = api.get(
        f"{BASE}/rollen",
        {f"betrokkeneIdentificatie__{filter_naam}__{veld}": identificatie[veld]},
    ).json()
    assert [r["uuid"] for r in lijst["results"]] == [rol["uuid"]]
    assert api.get(zaak["url"], **CRS).json()["rollen"] == [rol["url"]]
    assert api.delete(rol["url"]).status_code == 204


def test_rol_identificatie_wordt_gevalideerd_naar_betrokkene_type(api, zaak, zaaktype):
    body = {
        "zaak": zaak["url"],
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": _roltype_url(zaaktype, "belanghebbende"),
        "roltoelichting": "",
        "betrokkeneIdentificatie": {"inpA_nummer": "0123"},
    }
    response = api.post(f"{BASE}/rollen", body, format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"].startswith("betrokkeneIdentificatie")


def test_rol_met_bsn_van_bekende_partij_koppelt_aan_de_partij(api, zaak, zaaktype, org, actor):
    persoon = factories.persoon(actor, geslachtsnaam="Bekend")
    body = {
        "zaak": zaak["url"],
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": _roltype_url(zaaktype, "initiator"),
        "roltoelichting": "",
        "betrokkeneIdentificatie": {"inpBsn": persoon.bsn},
    }
    assert api.post(f"{BASE}/rollen", body, format="json").status_code == 201
    assert Zaak.objects.get(uuid=zaak["uuid"]).rollen.get().partij_id == persoon.pk


def test_zaakeigenschap_aanmaken_wijzigen_verwijderen(api, zaak, zaaktype):
    eigenschap = zaaktype.eigenschappen.get()
    url = f"{zaak['url']}/zaakeigenschappen"
    body = {
        "zaak": zaak["url"],
        "eigenschap": catalogi_url("eigenschappen", eigenschap),
        "waarde": "2025-03-01",
    }
    response = api.post(url, body, format="json")
    assert response.status_code == 201, response.json()
    ze = response.json()
    assert ze["naam"] == eigenschap.naam
    assert ze["url"].startswith(url + "/")
    assert api.get(url).json()[0]["uuid"] == ze["uuid"]
    assert api.get(zaak["url"], **CRS).json()["eigenschappen"] == [ze["url"]]
    patch = api.patch(ze["url"], {"waarde": "2025-03-05"}, format="json")
    assert patch.status_code == 200, patch.json()
    assert patch.json()["waarde"] == "2025-03-05"
    assert api.delete(ze["url"]).status_code == 204
    assert api.get(url).json() == []


def test_audittrail_toont_de_auditregels_van_de_zaak(api, zaak, zaaktype):
    status_zetten(api, zaak, zaaktype, 1)
    api.patch(zaak["url"], {"omschrijving": "Nieuw"}, format="json", **CRS)
    response = api.get(f"{zaak['url']}/audittrail")
    assert response.status_code == 200
    regels = response.json()
    acties = [(r["resource"], r["actie"]) for r in regels]
    assert acties[0] == ("zaak", "create")
    assert ("status", "create") in acties
    gewijzigd = next(r for r in regels if r["actieWeergave"] == "zaak_gewijzigd")
    assert gewijzigd["actie"] == "partial_update"
    # the full body before and after, as the standard's AuditTrail has it
    huidig = api.get(zaak["url"], **CRS).json()
    assert gewijzigd["wijzigingen"]["nieuw"] == huidig
    assert gewijzigd["wijzigingen"]["oud"] == {**huidig, "omschrijving": "Klacht over geluid"}
    assert gewijzigd["bron"] == "zrc"
    assert gewijzigd["hoofdObject"] == zaak["url"]
    assert gewijzigd["resourceUrl"] == zaak["url"]
    assert gewijzigd["applicatieId"] == str(api.applicatie.uuid)
    assert gewijzigd["applicatieWeergave"] == api.applicatie.label
    assert gewijzigd["resultaat"] == 200
    detail = api.get(f"{zaak['url']}/audittrail/{gewijzigd['uuid']}")
    assert detail.status_code == 200
    assert detail.json() == gewijzigd
    onbekend = f"{zaak['url']}/audittrail/00000000-0000-4000-8000-000000000001"
    assert api.get(onbekend).status_code == 404


def test_audittrail_vereist_de_scope_audittrails_lezen(org, zaaktype, api, zaak):
    lezer = client_for(org, [zaaktype], scopes=["zaken.lezen"])
    assert lezer.get(f"{zaak['url']}/audittrail").status_code == 403


def test_notificaties_van_zaken_hebben_kanaal_en_kenmerken(api, zaak, zaaktype, org):
    event = OutboxEvent.objects.filter(resource="zaak", actie="create").latest("id")
    assert event.kanaal == "zaken"
    assert event.kenmerken == {
        "bronorganisatie": org.rsin,
        "zaaktype": str(zaaktype.uuid),
        "vertrouwelijkheidaanduiding": zaak["vertrouwelijkheidaanduiding"],
    }


def test_zaak_afsluiten_via_de_api(api, zaak, zaaktype):
    zaak_afsluiten(api, zaak, zaaktype)
    body = api.get(zaak["url"], **CRS).json()
    assert body["einddatum"] == "2025-03-02"
    assert body["archiefnominatie"] == "vernietigen"
    assert body["archiefactiedatum"] == "2030-03-02"
