"""Besluiten API 1.1.0: the besluiten and besluitinformatieobjecten resources over HTTP, with
their notifications on kanaal `besluiten` delivered to a real subscriber on localhost."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.base import ContentFile

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.koppelingen import besluit_create
from raadhuis.kernel.cases.models import Besluit
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.catalog.models import BesluitType, InformatieObjectType
from raadhuis.kernel.documents.models import BesluitInformatieObject
from raadhuis.kernel.documents.services import besluit_document_add, zaak_document_add
from raadhuis.kernel.events.delivery import outbox_process
from raadhuis.kernel.events.models import OutboxEvent
from raadhuis.kernel.events.services import KanaalFilters, abonnement_create
from tests.apis.jwt import api_client_for
from tests.kernel.test_outbox_delivery import Subscriber

BASE = "/besluiten/api/v1"
HOST = "http://testserver"
ALLE_SCOPES = [
    "besluiten.lezen",
    "besluiten.aanmaken",
    "besluiten.bijwerken",
    "besluiten.verwijderen",
    "audittrails.lezen",
]


# --- fixtures shared by the test_besluiten_* modules ----------------------------------------


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.BASE_URL = HOST


@pytest.fixture
def systeem(org):
    return Actor.system(org)


@pytest.fixture
def iot(zaaktype):
    return InformatieObjectType.objects.get(zaaktypen=zaaktype)


@pytest.fixture
def besluittype(zaaktype, iot):
    bt = BesluitType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Toekenning",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    bt.zaaktypen.add(zaaktype)
    bt.informatieobjecttypen.add(iot)
    return bt


@pytest.fixture
def api(org, besluittype):
    return api_client_for(org, scopes=ALLE_SCOPES, component="brc", types=[besluittype])


@pytest.fixture
def zaak(systeem, zaaktype):
    return zaak_create(actor=systeem, zaaktype=zaaktype, omschrijving="Aanvraag subsidie")


@pytest.fixture
def document(systeem, zaak, iot):
    zio = zaak_document_add(
        actor=systeem,
        zaak=zaak,
        bestand=ContentFile(b"inhoud", name="besluit.pdf"),
        titel="Besluitbrief",
        informatieobjecttype=iot,
    )
    return zio.informatieobject


def besluittype_url(besluittype: BesluitType) -> str:
    return f"{HOST}/catalogi/api/v1/besluittypen/{besluittype.uuid}"


def zaak_url(zaak) -> str:
    return f"{HOST}/zaken/api/v1/zaken/{zaak.uuid}"


def besluit_url(besluit: Besluit) -> str:
    return f"{HOST}{BASE}/besluiten/{besluit.uuid}"


def document_url(document) -> str:
    return f"{HOST}/documenten/api/v1/enkelvoudiginformatieobjecten/{document.uuid}"


def besluit_body(org, besluittype, /, **extra) -> dict:
    body = {
        "verantwoordelijkeOrganisatie": org.rsin,
        "besluittype": besluittype_url(besluittype),
        "datum": "2026-03-01",
        "ingangsdatum": "2026-03-02",
    }
    body.update(extra)
    return body


def besluit_maken(systeem, besluittype, /, **extra) -> Besluit:
    velden = {"datum": date(2026, 3, 1), "ingangsdatum": date(2026, 3, 2)}
    velden.update(extra)
    return besluit_create(actor=systeem, besluittype=besluittype, **velden)


def invalid_params(response) -> dict[str, str]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {p["name"]: p["code"] for p in response.json()["invalidParams"]}


# --- besluiten --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_besluit_aanmaken_geeft_201_met_location_en_een_gegenereerde_identificatie(
    api, org, besluittype
):
    response = api.post(f"{BASE}/besluiten", besluit_body(org, besluittype), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    besluit = Besluit.objects.get()
    assert response["Location"] == body["url"] == besluit_url(besluit)
    assert response["API-version"] == "1.1.0"
    assert body == {
        "url": besluit_url(besluit),
        "identificatie": "BESLUIT-2026-0000001",
        "verantwoordelijkeOrganisatie": org.rsin,
        "besluittype": besluittype_url(besluittype),
        "zaak": "",
        "datum": "2026-03-01",
        "toelichting": "",
        "bestuursorgaan": "",
        "ingangsdatum": "2026-03-02",
        "vervaldatum": None,
        "vervalreden": "",
        "vervalredenWeergave": "",
        "publicatiedatum": None,
        "verzenddatum": None,
        "uiterlijkeReactiedatum": None,
    }
    assert besluit.organisatie == org


@pytest.mark.django_db
def test_besluit_met_alle_velden_en_een_zaak(api, org, besluittype, zaak):
    body = besluit_body(
        org,
        besluittype,
        identificatie="B-123",
        zaak=zaak_url(zaak),
        toelichting="Toegekend",
        bestuursorgaan="College van B&W",
        vervaldatum="2026-12-31",
        vervalreden="tijdelijk",
        publicatiedatum="2026-03-03",
        verzenddatum="2026-03-04",
        uiterlijkeReactiedatum="2026-04-15",
    )
    response = api.post(f"{BASE}/besluiten", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert {k: data[k] for k in body} == body
    assert data["vervalredenWeergave"] == "Besluit met tijdelijke werking"
    assert Besluit.objects.get().zaak == zaak


@pytest.mark.django_db
def test_besluit_opvragen(api, systeem, besluittype):
    besluit = besluit_maken(systeem, besluittype)
    response = api.get(f"{BASE}/besluiten/{besluit.uuid}")
    assert response.status_code == 200
    assert response.json()["identificatie"] == besluit.identificatie
    assert api.get(f"{BASE}/besluiten/00000000-0000-0000-0000-000000000000").status_code == 404
    assert api.get(f"{BASE}/besluiten/geen-uuid").status_code == 404


@pytest.mark.django_db
def test_besluiten_lijst_is_gepagineerd_en_filtert_zoals_de_specificatie(
    api, org, systeem, besluittype, zaak
):
    met_zaak = besluit_maken(systeem, besluittype, zaak=zaak)
    zonder_zaak = besluit_maken(systeem, besluittype, identificatie="EIGEN-1")
    response = api.get(f"{BASE}/besluiten")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2

    def urls(params: dict) -> set[str]:
        response = api.get(f"{BASE}/besluiten", params)
        assert response.status_code == 200, response.content
        return {b["url"] for b in response.json()["results"]}

    assert urls({"identificatie": "EIGEN-1"}) == {besluit_url(zonder_zaak)}
    assert urls({"verantwoordelijkeOrganisatie": org.rsin}) == {
        besluit_url(met_zaak),
        besluit_url(zonder_zaak),
    }
    assert urls({"verantwoordelijkeOrganisatie": "111222333"}) == set()
    assert urls({"besluittype": besluittype_url(besluittype)}) == {
        besluit_url(met_zaak),
        besluit_url(zonder_zaak),
    }
    assert urls({"zaak": zaak_url(zaak)}) == {besluit_url(met_zaak)}
    assert urls({"zaak": f"{HOST}/iets/anders/{zaak.uuid}"}) == set()


@pytest.mark.django_db
def test_ongeldige_url_als_filter_geeft_400(api, besluittype):
    assert invalid_params(api.get(f"{BASE}/besluiten", {"zaak": "geen url"})) == {"zaak": "invalid"}


@pytest.mark.django_db
def test_onbekende_query_parameter_geeft_400(api, besluittype):
    params = invalid_params(api.get(f"{BASE}/besluiten", {"zaaktype": "x"}))
    assert params == {"nonFieldErrors": "unknown-parameters"}
    params = invalid_params(api.get(f"{BASE}/besluitinformatieobjecten", {"page": "1"}))
    assert params == {"nonFieldErrors": "unknown-parameters"}


@pytest.mark.django_db
def test_besluit_geheel_bijwerken_met_put(api, org, systeem, besluittype):
    besluit = besluit_maken(systeem, besluittype)
    body = besluit_body(
        org,
        besluittype,
        identificatie=besluit.identificatie,
        toelichting="Herzien",
        vervaldatum="2027-01-01",
    )
    response = api.put(f"{BASE}/besluiten/{besluit.uuid}", body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["toelichting"] == "Herzien"
    besluit.refresh_from_db()
    assert (besluit.toelichting, besluit.vervaldatum) == ("Herzien", date(2027, 1, 1))


@pytest.mark.django_db
def test_besluit_deels_bijwerken_met_patch(api, systeem, besluittype, zaak):
    besluit = besluit_maken(systeem, besluittype)
    url = f"{BASE}/besluiten/{besluit.uuid}"
    response = api.patch(url, {"zaak": zaak_url(zaak)}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["zaak"] == zaak_url(zaak)
    response = api.patch(url, {"zaak": ""}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["zaak"] == ""
    besluit.refresh_from_db()
    assert besluit.zaak is None


@pytest.mark.django_db
def test_besluit_verwijderen_verwijdert_ook_de_besluitinformatieobjecten(
    api, systeem, besluittype, document
):
    besluit = besluit_maken(systeem, besluittype)
    besluit_document_add(actor=systeem, besluit=besluit, informatieobject=document)
    response = api.delete(f"{BASE}/besluiten/{besluit.uuid}")
    assert response.status_code == 204
    assert not Besluit.objects.exists()
    assert not BesluitInformatieObject.objects.exists()
    document.refresh_from_db()  # the document itself stays
    entry = AuditEntry.objects.get(actie="besluit_verwijderd")
    assert entry.wijzigingen["documenten"] == [["Besluitbrief"], None]


# --- besluitinformatieobjecten ----------------------------------------------------------------


@pytest.mark.django_db
def test_besluitinformatieobject_aanmaken_opvragen_en_verwijderen(
    api, systeem, besluittype, document
):
    besluit = besluit_maken(systeem, besluittype)
    body = {"informatieobject": document_url(document), "besluit": besluit_url(besluit)}
    response = api.post(f"{BASE}/besluitinformatieobjecten", body, format="json")
    assert response.status_code == 201, response.content
    bio = BesluitInformatieObject.objects.get()
    url = f"{HOST}{BASE}/besluitinformatieobjecten/{bio.uuid}"
    assert response["Location"] == url
    assert response.json() == {"url": url, **body}

    response = api.get(f"{BASE}/besluitinformatieobjecten")
    assert response.status_code == 200
    assert response.json() == [{"url": url, **body}]  # the specification: a plain array
    for params in ({"besluit": besluit_url(besluit)}, {"informatieobject": document_url(document)}):
        assert len(api.get(f"{BASE}/besluitinformatieobjecten", params).json()) == 1
    assert api.get(f"{BASE}/besluitinformatieobjecten", {"besluit": url}).json() == []
    assert api.get(f"{BASE}/besluitinformatieobjecten/{bio.uuid}").json()["url"] == url

    assert api.delete(f"{BASE}/besluitinformatieobjecten/{bio.uuid}").status_code == 204
    assert not BesluitInformatieObject.objects.exists()


# --- notifications ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_notificaties_op_kanaal_besluiten_met_de_kenmerken_van_de_specificatie(
    api, org, systeem, besluittype
):
    with Subscriber() as subscriber:
        abonnement_create(
            actor=systeem,
            callback_url=subscriber.url,
            auth="Bearer abonnee",
            kanalen=[
                KanaalFilters(
                    naam="besluiten", filters={"besluittype": besluittype_url(besluittype)}
                )
            ],
        )
        response = api.post(f"{BASE}/besluiten", besluit_body(org, besluittype), format="json")
        url = response.json()["url"]
        api.patch(url, {"toelichting": "Aangevuld"}, format="json")
        api.delete(url)
        outbox_process()
    berichten = subscriber.berichten
    assert [(b["resource"], b["actie"]) for b in berichten] == [
        ("besluit", "create"),
        ("besluit", "update"),
        ("besluit", "destroy"),
    ]
    for bericht in berichten:
        assert bericht["kanaal"] == "besluiten"
        assert bericht["hoofdObject"] == bericht["resourceUrl"] == url
        assert bericht["kenmerken"] == {
            "verantwoordelijke_organisatie": org.rsin,
            "besluittype": besluittype_url(besluittype),
        }


@pytest.mark.django_db
def test_een_ongewijzigd_besluit_geeft_geen_audit_en_geen_notificatie(api, systeem, besluittype):
    besluit = besluit_maken(systeem, besluittype, toelichting="Zo")
    aantal = OutboxEvent.objects.count(), AuditEntry.objects.count()
    response = api.patch(f"{BASE}/besluiten/{besluit.uuid}", {"toelichting": "Zo"}, format="json")
    assert response.status_code == 200
    assert (OutboxEvent.objects.count(), AuditEntry.objects.count()) == aantal


@pytest.mark.django_db
def test_expand_neemt_besluittype_en_zaak_op(org, systeem, besluittype, zaak):
    besluit = besluit_maken(systeem, besluittype, zaak=zaak)
    alles = api_client_for(org, component="brc", alle_autorisaties=True)
    response = alles.get(f"{BASE}/besluiten/{besluit.uuid}", {"expand": "besluittype,zaak"})
    assert response.status_code == 200, response.content
    expand = response.json()["_expand"]
    assert expand["besluittype"]["url"] == besluittype_url(besluittype)
    assert expand["zaak"]["url"] == zaak_url(zaak)
    response = alles.get(f"{BASE}/besluiten", {"expand": "besluittype"})
    assert response.json()["results"][0]["_expand"]["besluittype"]["omschrijving"] == "Toekenning"
