"""The Autorisaties API 1.1.0: applications with their autorisaties, scoped to the calling
application's organisation, read with autorisaties.lezen and written with
autorisaties.bijwerken."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import Applicatie, ApplicatieClient
from raadhuis.kernel.access.services import AutorisatieData, applicatie_create
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.catalog.models import BesluitType
from raadhuis.kernel.events.models import OutboxEvent
from tests import factories
from tests.apis.jwt import api_client_for, make_jwt

pytestmark = pytest.mark.django_db
BASE = "/autorisaties/api/v1"
LEZEN = "autorisaties.lezen"
BIJWERKEN = "autorisaties.bijwerken"


@pytest.fixture
def beheer(org):
    """A client of an application that may read and write the organisation's applications."""
    return api_client_for(org, scopes=[LEZEN, BIJWERKEN], component="ac", client_id="beheer")


@pytest.fixture
def lezer(org):
    return api_client_for(org, scopes=[LEZEN], component="ac", client_id="lezer")


def app(org, label: str, client_id: str, **kwargs) -> Applicatie:
    kwargs.setdefault("heeft_alle_autorisaties", not kwargs.get("autorisaties"))
    return applicatie_create(
        Actor.system(org), label=label, client_ids=[client_id], secrets={client_id: "s"}, **kwargs
    )


def zaaktype_url(zaaktype) -> str:
    return f"http://testserver/catalogi/api/v1/zaaktypen/{zaaktype.uuid}"


def zrc(zaaktype, *scopes: str, level: str = "vertrouwelijk") -> dict:
    return {
        "component": "zrc",
        "scopes": list(scopes) or ["zaken.lezen"],
        "zaaktype": zaaktype_url(zaaktype),
        "maxVertrouwelijkheidaanduiding": level,
    }


# --- reading ----------------------------------------------------------------------------------


def test_de_lijst_toont_alleen_applicaties_van_de_eigen_organisatie(org, lezer):
    app(org, "Eigen", "eigen")
    app(factories.organisatie("Elders"), "Vreemd", "vreemd")
    response = lezer.get(f"{BASE}/applicaties")
    assert response.status_code == 200
    assert response["API-version"] == "1.1.0"
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    labels = sorted(a["label"] for a in body["results"])
    assert labels == ["Eigen", "Testapplicatie lezer"]
    assert body["count"] == 2


def test_de_lijst_filtert_op_client_ids_met_kommas(org, lezer):
    app(org, "Een", "een")
    app(org, "Twee", "twee")
    app(org, "Drie", "drie")
    response = lezer.get(f"{BASE}/applicaties", {"clientIds": "een,drie"})
    assert sorted(a["label"] for a in response.json()["results"]) == ["Drie", "Een"]
    assert lezer.get(f"{BASE}/applicaties", {"clientIds": "vreemd"}).json()["count"] == 0


def test_een_applicatie_heeft_precies_de_velden_van_de_standaard(org, zaaktype, lezer):
    besluittype = BesluitType.objects.create(
        catalogus=zaaktype.catalogus, omschrijving="Besluit", begin_geldigheid=date(2024, 1, 1)
    )
    applicatie = app(
        org,
        "Zaaksysteem",
        "zaaksysteem",
        alleen_is_gereed_voor_publicatie=True,
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=zaaktype_url(zaaktype),
                max_vertrouwelijkheidaanduiding="intern",
            ),
            AutorisatieData(
                component="brc",
                scopes=["besluiten.lezen"],
                besluittype=f"http://testserver/catalogi/api/v1/besluittypen/{besluittype.uuid}",
            ),
            AutorisatieData(component="ztc", scopes=["catalogi.lezen"]),
        ],
    )
    response = lezer.get(f"{BASE}/applicaties/{applicatie.uuid}")
    assert response.status_code == 200
    assert "ETag" not in response  # the Autorisaties API 1.1.0 has none
    body = response.json()
    assert body == {
        "url": f"http://testserver{BASE}/applicaties/{applicatie.uuid}",
        "clientIds": ["zaaksysteem"],
        "label": "Zaaksysteem",
        "heeftAlleAutorisaties": False,
        "alleenIsGereedVoorPublicatie": True,
        "autorisaties": [
            {
                "component": "zrc",
                "componentWeergave": "Zaken API",
                "scopes": ["zaken.lezen"],
                "zaaktype": zaaktype_url(zaaktype),
                "maxVertrouwelijkheidaanduiding": "intern",
            },
            {
                "component": "brc",
                "componentWeergave": "Besluiten API",
                "scopes": ["besluiten.lezen"],
                "besluittype": f"http://testserver/catalogi/api/v1/besluittypen/{besluittype.uuid}",
            },
            {"component": "ztc", "componentWeergave": "Catalogi API", "scopes": ["catalogi.lezen"]},
        ],
    }


def test_een_applicatie_van_een_andere_organisatie_is_niet_gevonden(org, beheer):
    vreemd = app(factories.organisatie("Elders"), "Vreemd", "vreemd")
    for method in ("get", "put", "patch", "delete"):
        response = getattr(beheer, method)(f"{BASE}/applicaties/{vreemd.uuid}", {}, format="json")
        assert response.status_code == 404, method
        assert response["Content-Type"] == "application/problem+json"
    assert Applicatie.objects.filter(pk=vreemd.pk).exists()


def test_consumer_geeft_de_applicatie_van_een_client_id(org, lezer):
    applicatie = app(org, "Zaaksysteem", "zaaksysteem")
    app(factories.organisatie("Elders"), "Vreemd", "vreemd")
    response = lezer.get(f"{BASE}/applicaties/consumer", {"clientId": "zaaksysteem"})
    assert response.status_code == 200
    assert response.json()["url"].endswith(f"/applicaties/{applicatie.uuid}")
    assert response["API-version"] == "1.1.0"
    assert lezer.get(f"{BASE}/applicaties/consumer", {"clientId": "vreemd"}).status_code == 404
    missing = lezer.get(f"{BASE}/applicaties/consumer")
    assert missing.status_code == 400
    assert missing.json()["invalidParams"][0]["name"] == "clientId"


# --- scopes -----------------------------------------------------------------------------------


def test_zonder_jwt_is_de_api_niet_toegankelijk(org):
    response = APIClient().get(f"{BASE}/applicaties")
    assert response.status_code == 401
    assert response.json()["status"] == 401


def test_lezen_vraagt_autorisaties_lezen_en_schrijven_autorisaties_bijwerken(org, lezer):
    zaken = api_client_for(org, scopes=["zaken.lezen"], types=[factories.zaaktype(org)])
    assert zaken.get(f"{BASE}/applicaties").status_code == 403
    response = lezer.post(f"{BASE}/applicaties", {"label": "x", "clientIds": ["x"]}, format="json")
    assert response.status_code == 403
    assert set(response.json()) == {"type", "code", "title", "status", "detail", "instance"}
    assert not Applicatie.objects.filter(label="x").exists()


def test_heeft_alle_autorisaties_mag_alles(org):
    alles = api_client_for(org, alle_autorisaties=True)
    body = {"label": "Nieuw", "clientIds": ["nieuw"], "heeftAlleAutorisaties": True}
    assert alles.post(f"{BASE}/applicaties", body, format="json").status_code == 201


# --- writing ----------------------------------------------------------------------------------


def test_aanmaken_geeft_201_met_location_audit_en_notificatie(org, zaaktype, beheer):
    body = {"label": "Zaaksysteem", "clientIds": ["zaaksysteem"], "autorisaties": [zrc(zaaktype)]}
    response = beheer.post(f"{BASE}/applicaties", body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert response["Location"] == data["url"]
    assert data["heeftAlleAutorisaties"] is False
    assert data["alleenIsGereedVoorPublicatie"] is False
    assert data["autorisaties"] == [{**zrc(zaaktype), "componentWeergave": "Zaken API"}]
    applicatie = Applicatie.objects.get(label="Zaaksysteem")
    assert applicatie.organisatie == org

    entry = AuditEntry.objects.get(actie="applicatie_aangemaakt", object_uuid=applicatie.uuid)
    assert entry.actor_type == "applicatie"
    assert entry.applicatie_uuid == beheer.applicatie.uuid
    event = OutboxEvent.objects.get(resource_uuid=applicatie.uuid)
    assert (event.kanaal, event.resource, event.actie) == ("autorisaties", "applicatie", "create")


def test_een_via_de_api_aangemaakte_client_heeft_een_onraadbare_secret(org, beheer):
    body = {"label": "Zonder secret", "clientIds": ["zonder"], "heeftAlleAutorisaties": True}
    assert beheer.post(f"{BASE}/applicaties", body, format="json").status_code == 201
    secret = ApplicatieClient.objects.get(client_id="zonder").secret
    assert len(secret) >= 32
    token = make_jwt("zonder", "s")
    response = APIClient().get(f"{BASE}/applicaties", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401


def test_put_vervangt_de_applicatie(org, zaaktype, beheer):
    applicatie = app(org, "Oud", "oud", alleen_is_gereed_voor_publicatie=True)
    body = {
        "label": "Nieuw",
        "clientIds": ["oud", "erbij"],
        "autorisaties": [zrc(zaaktype, "zaken.lezen", "zaken.bijwerken")],
    }
    response = beheer.put(f"{BASE}/applicaties/{applicatie.uuid}", body, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["label"] == "Nieuw"
    assert data["clientIds"] == ["erbij", "oud"]
    # autorisaties without heeftAlleAutorisaties: no longer "all"
    assert data["heeftAlleAutorisaties"] is False
    assert data["alleenIsGereedVoorPublicatie"] is False  # left out of a PUT: the default
    assert [a["scopes"] for a in data["autorisaties"]] == [["zaken.lezen", "zaken.bijwerken"]]
    event = OutboxEvent.objects.filter(resource_uuid=applicatie.uuid).latest("pk")
    assert event.actie == "update"


def test_patch_wijzigt_alleen_wat_is_meegegeven(org, zaaktype, beheer):
    applicatie = app(
        org,
        "Oud",
        "oud",
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=zaaktype_url(zaaktype),
                max_vertrouwelijkheidaanduiding="intern",
            )
        ],
    )
    url = f"{BASE}/applicaties/{applicatie.uuid}"
    response = beheer.patch(url, {"label": "Nieuw"}, format="json")
    assert response.status_code == 200
    data = response.json()
    assert (data["label"], data["clientIds"]) == ("Nieuw", ["oud"])
    assert len(data["autorisaties"]) == 1

    response = beheer.patch(url, {"heeftAlleAutorisaties": True}, format="json")
    assert response.status_code == 200
    assert response.json()["heeftAlleAutorisaties"] is True
    assert response.json()["autorisaties"] == []  # "all" replaces the separate ones

    response = beheer.patch(url, {"autorisaties": [zrc(zaaktype)]}, format="json")
    assert response.status_code == 200
    assert response.json()["heeftAlleAutorisaties"] is False


def test_verwijderen_geeft_204_en_de_client_werkt_niet_meer(org, beheer):
    applicatie = app(org, "Weg", "weg")
    assert beheer.delete(f"{BASE}/applicaties/{applicatie.uuid}").status_code == 204
    assert not Applicatie.objects.filter(pk=applicatie.pk).exists()
    token = make_jwt("weg", "s")
    response = APIClient().get(f"{BASE}/applicaties", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401
    assert OutboxEvent.objects.get(resource_uuid=applicatie.uuid, actie="destroy")


def test_een_api_applicatie_kan_zichzelf_niet_in_een_andere_organisatie_zetten(org, beheer):
    """There is no organisation field: what an application registers is its own
    organisation's."""
    body = {"label": "Nieuw", "clientIds": ["nieuw"], "heeftAlleAutorisaties": True}
    beheer.post(f"{BASE}/applicaties", body, format="json")
    assert Applicatie.objects.get(label="Nieuw").organisatie == org


def test_een_onbekend_pad_geeft_een_fout_van_de_api(org, lezer):
    response = lezer.get(f"{BASE}/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
