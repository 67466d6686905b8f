"""The shared ZGW API infrastructure on a small viewset over catalogussen: error bodies,
pagination, API-version, ETag/If-None-Match, expand, URL fields and CRS negotiation."""

from __future__ import annotations

import pytest
from django.urls import include, path
from rest_framework import serializers
from rest_framework.routers import DefaultRouter

from raadhuis.apis.common.fields import (
    UUIDHyperlinkedIdentityField,
    UUIDHyperlinkedRelatedField,
    organisatie_scope,
)
from raadhuis.apis.common.schema import api_urlpatterns
from raadhuis.apis.common.viewsets import ZGWModelViewSet
from raadhuis.kernel.catalog.models import Catalogus, ZaakType
from raadhuis.kernel.exceptions import ToegangGeweigerd, field_error
from tests import factories
from tests.apis.jwt import api_client_for


class CatalogusProbeSerializer(serializers.ModelSerializer):
    url = UUIDHyperlinkedIdentityField(view_name="testapi:catalogus-detail")

    class Meta:
        model = Catalogus
        fields = ("url", "naam", "domein")


class ZaakTypeProbeSerializer(serializers.ModelSerializer):
    url = UUIDHyperlinkedIdentityField(view_name="testapi:zaaktype-detail")
    catalogus = UUIDHyperlinkedRelatedField(
        view_name="testapi:catalogus-detail",
        queryset=Catalogus.objects.all(),
        scope=organisatie_scope("organisatie"),
    )

    class Meta:
        model = ZaakType
        fields = ("url", "catalogus", "omschrijving")


class CatalogusProbeViewSet(ZGWModelViewSet):
    serializer_class = CatalogusProbeSerializer
    api_version = "9.9.9"
    component = "ztc"
    required_scopes = {"list": "catalogi.lezen", "retrieve": "catalogi.lezen", "create": None}

    def get_queryset(self):
        return Catalogus.objects.filter(organisatie=self.actor.organisatie).order_by("pk")

    def perform_create(self, serializer):
        if serializer.validated_data["naam"] == "verboden":
            raise ToegangGeweigerd("Dat mag niet.")
        if serializer.validated_data["naam"] == "dubbel":
            raise field_error("naam", "Deze naam bestaat al.", code="unique")


class ZaakTypeProbeViewSet(ZGWModelViewSet):
    serializer_class = ZaakTypeProbeSerializer
    api_version = "9.9.9"
    component = "ztc"
    required_scopes = {"list": "catalogi.lezen", "retrieve": "catalogi.lezen", "create": None}
    queryset = ZaakType.objects.none()

    def get_queryset(self):
        return ZaakType.objects.filter(catalogus__organisatie=self.actor.organisatie).order_by("pk")

    def perform_create(self, serializer):
        raise ToegangGeweigerd("Alleen valideren.")


class GeoProbeViewSet(CatalogusProbeViewSet):
    geo = True


router = DefaultRouter(trailing_slash=False)
router.register("catalogussen", CatalogusProbeViewSet, basename="catalogus")
router.register("zaaktypen", ZaakTypeProbeViewSet, basename="zaaktype")
router.register("geo", GeoProbeViewSet, basename="geo")
test_patterns = (api_urlpatterns("catalogi", router.urls), "testapi")
urlpatterns = [path("test/api/v1/", include(test_patterns))]
pytestmark = pytest.mark.urls("tests.apis.test_common_viewsets")
BASE = "/test/api/v1"


@pytest.fixture
def org(db):
    return factories.organisatie("Gemeente Infra")


@pytest.fixture
def zaaktype(org):
    return factories.zaaktype(org, identificatie="INFRA")


@pytest.fixture
def lezer(org):
    return api_client_for(org, scopes=["catalogi.lezen"], component="ztc")


def test_lijst_is_gepagineerd_met_count_next_previous_results(lezer, zaaktype):
    response = lezer.get(f"{BASE}/catalogussen")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    assert body["results"][0]["url"].startswith("http://testserver/test/api/v1/catalogussen/")


def test_ongeldige_pagina_geeft_404_fout(lezer, zaaktype):
    for page in ("2", "abc", "0"):
        response = lezer.get(f"{BASE}/catalogussen", {"page": page})
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "not_found"


def test_elk_antwoord_heeft_de_api_version_header(lezer, client, zaaktype):
    assert lezer.get(f"{BASE}/catalogussen")["API-version"] == "9.9.9"
    assert client.get(f"{BASE}/catalogussen")["API-version"] == "9.9.9"


def test_zonder_jwt_een_401_fout(client, db):
    response = client.get(f"{BASE}/catalogussen")
    assert response.status_code == 401
    body = response.json()
    assert set(body) == {"type", "code", "title", "status", "detail", "instance"}
    assert body["status"] == 401
    assert body["code"] == "not_authenticated"
    assert body["instance"].startswith("urn:uuid:")
    assert body["type"] == "http://testserver/test/api/v1/ref/fouten/NotAuthenticated/"


def test_zonder_scope_een_403_fout(org, zaaktype):
    client = api_client_for(org, scopes=["notificaties.consumeren"], component="nrc")
    response = client.get(f"{BASE}/catalogussen")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "permission_denied"


def test_actie_zonder_scope_in_required_scopes_is_verboden(lezer, zaaktype):
    url = f"{BASE}/catalogussen/{zaaktype.catalogus.uuid}"
    assert lezer.delete(url).status_code == 403


def test_onbekende_uuid_en_ongeldige_uuid_geven_404(lezer, db):
    for suffix in ("00000000-0000-0000-0000-000000000000", "geen-uuid"):
        response = lezer.get(f"{BASE}/catalogussen/{suffix}")
        assert response.status_code == 404
        assert response.json()["status"] == 404


def test_onbekend_pad_onder_de_api_geeft_een_404_fout(lezer, db):
    response = lezer.get(f"{BASE}/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-version"] == "1.3.3"


def test_niet_toegestane_methode_geeft_405_fout(lezer, zaaktype):
    response = lezer.put(f"{BASE}/catalogussen", {}, format="json")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_verkeerd_accept_geeft_406_en_verkeerd_content_type_415(lezer, zaaktype):
    response = lezer.get(f"{BASE}/catalogussen", HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert response.json()["code"] == "not_acceptable"
    response = lezer.post(f"{BASE}/catalogussen", "naam=x", content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_validatiefout_heeft_invalid_params_in_camelcase(lezer, db):
    response = lezer.post(f"{BASE}/zaaktypen", {"omschrijving": "x" * 200}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "invalid"
    params = {p["name"]: p["code"] for p in body["invalidParams"]}
    assert params == {"catalogus": "required", "omschrijving": "max_length"}


def test_url_veld_ongeldige_url_geeft_bad_url(lezer, zaaktype):
    response = lezer.post(
        f"{BASE}/zaaktypen",
        {"catalogus": "http://testserver/iets/anders", "omschrijving": "x"},
        format="json",
    )
    assert response.json()["invalidParams"] == [
        {
            "name": "catalogus",
            "code": "bad-url",
            "reason": response.json()["invalidParams"][0]["reason"],
        }
    ]


def test_url_veld_van_andere_organisatie_bestaat_niet(lezer, zaaktype):
    ander = factories.zaaktype(factories.organisatie("Gemeente Anders"))
    url = f"http://testserver{BASE}/catalogussen/{ander.catalogus.uuid}"
    response = lezer.post(
        f"{BASE}/zaaktypen", {"catalogus": url, "omschrijving": "x"}, format="json"
    )
    assert response.json()["invalidParams"][0]["code"] == "does_not_exist"
    eigen = f"http://testserver{BASE}/catalogussen/{zaaktype.catalogus.uuid}"
    response = lezer.post(
        f"{BASE}/zaaktypen", {"catalogus": eigen, "omschrijving": "x"}, format="json"
    )
    assert response.status_code == 403  # validated, then refused by the "service"


def test_kernel_fouten_worden_403_en_400(lezer, db):
    response = lezer.post(
        f"{BASE}/catalogussen", {"naam": "verboden", "domein": "A"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Dat mag niet."
    response = lezer.post(f"{BASE}/catalogussen", {"naam": "dubbel", "domein": "A"}, format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"] == [
        {"name": "naam", "code": "unique", "reason": "Deze naam bestaat al."}
    ]


def test_etag_en_if_none_match_geven_304(lezer, zaaktype):
    url = f"{BASE}/catalogussen/{zaaktype.catalogus.uuid}"
    response = lezer.get(url)
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert lezer.head(url)["ETag"] == etag
    cached = lezer.get(url, HTTP_IF_NONE_MATCH=f'"anders", {etag}')
    assert cached.status_code == 304
    assert cached.content == b""
    assert lezer.get(url, HTTP_IF_NONE_MATCH='"anders"').status_code == 200


def test_expand_neemt_de_gerefereerde_resource_op(lezer, zaaktype):
    response = lezer.get(f"{BASE}/zaaktypen/{zaaktype.uuid}", {"expand": "catalogus"})
    assert response.json()["_expand"]["catalogus"]["naam"] == zaaktype.catalogus.naam
    response = lezer.get(f"{BASE}/zaaktypen", {"expand": "catalogus"})
    assert response.json()["results"][0]["_expand"]["catalogus"]["domein"]
    response = lezer.get(f"{BASE}/zaaktypen", {"expand": "bestaatniet"})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "expand"


def test_geo_endpoint_vraagt_accept_crs(lezer, zaaktype):
    url = f"{BASE}/geo"
    assert lezer.get(url).status_code == 412
    assert lezer.get(url, HTTP_ACCEPT_CRS="EPSG:28992").status_code == 406
    response = lezer.get(url, HTTP_ACCEPT_CRS="EPSG:4326")
    assert response.status_code == 200
    assert response["Content-Crs"] == "EPSG:4326"


def test_schema_en_referentiepagina_worden_geserveerd(lezer, db, tmp_path):
    response = lezer.get(f"{BASE}/ref/fouten/NotFound/")
    assert response.status_code == 200
    assert b"404" in response.content


class AlternativesProbeViewSet(CatalogusProbeViewSet):
    required_scopes = {"list": ("catalogi.lezen", "notificaties.consumeren")}


alt_router = DefaultRouter(trailing_slash=False)
alt_router.register("alternatief", AlternativesProbeViewSet, basename="alternatief")
urlpatterns.append(path("alt/api/v1/", include((alt_router.urls, "alt"))))


def test_scope_alternatieven_over_componenten(org, zaaktype):
    nrc = api_client_for(org, scopes=["notificaties.consumeren"], component="nrc")
    assert nrc.get("/alt/api/v1/alternatief").status_code == 200
    ander = api_client_for(org, scopes=["notificaties.publiceren"], component="nrc")
    assert ander.get("/alt/api/v1/alternatief").status_code == 403
