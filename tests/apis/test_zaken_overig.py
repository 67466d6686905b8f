"""Zaken API 1.7.0: /zaakobjecten, /klantcontacten, /zaakcontactmomenten, /zaakverzoeken,
/zaaknotities, /zaken/{zaak_uuid}/besluiten and reading /zaakinformatieobjecten."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.koppelingen import besluit_create
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.catalog.models import BesluitType, InformatieObjectType
from raadhuis.kernel.documents.services import zaak_document_add
from tests.apis import test_zaken_support as steun
from tests.apis.test_zaken_support import (
    BASE,
    CRS,
    invalid_param,
)

api = steun.api  # fixture
zaak = steun.zaak  # fixture


def test_zaakobject_adres_aanmaken_wijzigen_en_filteren(api, zaak):
    body = {
        "zaak": zaak["url"],
        "objectType": "adres",
        "object": "https://bag.example/adressen/1",
        "relatieomschrijving": "Plaats van de overlast",
        "objectIdentificatie": {
            "identificatie": "0363200000000001",
            "wplWoonplaatsNaam": "Amsterdam",
            "gorOpenbareRuimteNaam": "Dam",
            "huisnummer": 1,
        },
    }
    response = api.post(f"{BASE}/zaakobjecten", body, format="json")
    assert response.status_code == 201, response.json()
    zaakobject = response.json()
    assert zaakobject["objectIdentificatie"]["gorOpenbareRuimteNaam"] == "Dam"
    assert api.get(zaak["url"], **CRS).json()["zaakobjecten"] == [zaakobject["url"]]
    lijst = api.get(f"{BASE}/zaakobjecten", {"objectType": "adres", "zaak": zaak["url"]}).json()
    assert lijst["count"] == 1
    patch = api.patch(zaakobject["url"], {"relatieomschrijving": "Elders"}, format="json")
    assert patch.status_code == 200, patch.json()
    assert patch.json()["relatieomschrijving"] == "Elders"
    verboden = api.patch(zaakobject["url"], {"objectType": "pand"}, format="json")
    assert invalid_param(verboden, "objectType")["code"] == "wijzigen-niet-toegelaten"
    assert api.delete(zaakobject["url"]).status_code == 204


def test_zaakobject_overige_vereist_object_type_overige(api, zaak):
    body = {"zaak": zaak["url"], "objectType": "overige", "objectIdentificatie": {"x": 1}}
    response = api.post(f"{BASE}/zaakobjecten", body, format="json")
    assert invalid_param(response, "objectTypeOverige")["code"] == "missing-object-type-overige"


def test_klantcontact_krijgt_een_identificatie(api, zaak):
    body = {"zaak": zaak["url"], "datumtijd": "2025-03-02T09:00:00Z", "kanaal": "telefoon"}
    response = api.post(f"{BASE}/klantcontacten", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["identificatie"]
    assert api.get(f"{BASE}/klantcontacten", {"zaak": zaak["url"]}).json()["count"] == 1


def test_zaakcontactmoment_en_zaakverzoek(api, zaak):
    cm = api.post(
        f"{BASE}/zaakcontactmomenten",
        {"zaak": zaak["url"], "contactmoment": "https://cm.example/contactmomenten/1"},
        format="json",
    )
    assert cm.status_code == 201, cm.json()
    assert len(api.get(f"{BASE}/zaakcontactmomenten", {"zaak": zaak["url"]}).json()) == 1
    assert api.delete(cm.json()["url"]).status_code == 204
    verzoek = api.post(
        f"{BASE}/zaakverzoeken",
        {"zaak": zaak["url"], "verzoek": "https://vrc.example/verzoeken/1"},
        format="json",
    )
    assert verzoek.status_code == 201, verzoek.json()
    gevonden = api.get(f"{BASE}/zaakverzoeken", {"verzoek": "https://vrc.example/verzoeken/1"})
    assert [v["url"] for v in gevonden.json()] == [verzoek.json()["url"]]


def test_zaaknotitie_kan_alleen_als_concept_gewijzigd_worden(api, zaak):
    body = {"gerelateerdAan": zaak["url"], "onderwerp": "Telefoon", "tekst": "Belde terug"}
    response = api.post(f"{BASE}/zaaknotities", body, format="json")
    assert response.status_code == 201, response.json()
    notitie = response.json()
    assert notitie["status"] == "concept"
    definitief = api.patch(notitie["url"], {"status": "definitief"}, format="json")
    assert definitief.status_code == 200
    response = api.patch(notitie["url"], {"tekst": "Anders"}, format="json")
    assert invalid_param(response, "status")["code"] == "notitie-definitief"
    lijst = api.get(f"{BASE}/zaaknotities", {"onderwerp__icontains": "tele"}).json()
    assert lijst["count"] == 1


def test_zaakbesluiten_tonen_de_besluiten_van_de_zaak(api, zaak, zaaktype, org):
    besluittype = BesluitType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Besluit",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    besluittype.zaaktypen.add(zaaktype)
    besluit = besluit_create(
        actor=Actor.system(org),
        besluittype=besluittype,
        datum=date(2025, 3, 5),
        ingangsdatum=date(2025, 3, 5),
        zaak=Zaak.objects.get(uuid=zaak["uuid"]),
    )
    lijst = api.get(f"{zaak['url']}/besluiten").json()
    besluit_url = f"http://testserver/besluiten/api/v1/besluiten/{besluit.uuid}"
    assert [b["besluit"] for b in lijst] == [besluit_url]
    response = api.post(f"{zaak['url']}/besluiten", {"besluit": besluit_url}, format="json")
    assert response.status_code == 201, response.json()


def test_zaakinformatieobjecten_lezen(api, zaak, zaaktype, org):
    iot = InformatieObjectType.objects.filter(catalogus=zaaktype.catalogus).first()
    koppeling = zaak_document_add(
        actor=Actor.system(org),
        zaak=Zaak.objects.get(uuid=zaak["uuid"]),
        bestand=ContentFile(b"inhoud", name="brief.txt"),
        titel="Brief",
        informatieobjecttype=iot,
    )
    lijst = api.get(f"{BASE}/zaakinformatieobjecten", {"zaak": zaak["url"]})
    assert lijst.status_code == 200, lijst.json()
    assert len(lijst.json()) == 1
    zio = lijst.json()[0]
    assert zio["aardRelatieWeergave"] == "Hoort bij, omgekeerd: kent"
    document_uuid = koppeling.informatieobject.uuid
    assert zio["informatieobject"].endswith(f"/enkelvoudiginformatieobjecten/{document_uuid}")
    assert zio["url"].endswith(str(koppeling.uuid))
    assert api.get(zaak["url"], **CRS).json()["zaakinformatieobjecten"] == [zio["url"]]


def test_zaakinformatieobject_koppelen_wijzigen_en_ontkoppelen(api, zaak, zaaktype, org):
    iot = InformatieObjectType.objects.filter(catalogus=zaaktype.catalogus).first()
    andere_zaak = Zaak.objects.get(uuid=zaak["uuid"])
    koppeling = zaak_document_add(
        actor=Actor.system(org),
        zaak=andere_zaak,
        bestand=ContentFile(b"inhoud", name="brief.txt"),
        titel="Brief",
        informatieobjecttype=iot,
    )
    document_url = (
        "http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten/"
        f"{koppeling.informatieobject.uuid}"
    )
    dubbel = api.post(
        f"{BASE}/zaakinformatieobjecten",
        {"zaak": zaak["url"], "informatieobject": document_url},
        format="json",
    )
    assert dubbel.status_code == 400  # the pair exists already
    zio_url = api.get(f"{BASE}/zaakinformatieobjecten", {"zaak": zaak["url"]}).json()[0]["url"]
    patch = api.patch(zio_url, {"titel": "Brief aan klager"}, format="json")
    assert patch.status_code == 200, patch.json()
    assert patch.json()["titel"] == "Brief aan klager"
    assert api.delete(zio_url).status_code == 204
    assert api.get(f"{BASE}/zaakinformatieobjecten", {"zaak": zaak["url"]}).json() == []
    nieuw = api.post(
        f"{BASE}/zaakinformatieobjecten",
        {"zaak": zaak["url"], "informatieobject": document_url, "titel": "Opnieuw"},
        format="json",
    )
    assert nieuw.status_code == 201, nieuw.json()
    assert nieuw["Location"] == nieuw.json()["url"]
