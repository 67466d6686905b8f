"""ZGW JWT authentication and scopes, tested on a tiny view that echoes the request's actor."""

from __future__ import annotations

import time

import pytest
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from raadhuis.apis.common.auth import ScopesRequired, ZGWJWTAuthentication, request_actor
from tests import factories
from tests.apis.jwt import api_client_for, applicatie_for, make_jwt


class EchoView(APIView):
    authentication_classes = [ZGWJWTAuthentication]
    permission_classes = [ScopesRequired]
    component = "zrc"
    required_scopes = {"get": "zaken.lezen", "post": "zaken.aanmaken"}

    def get(self, request):
        actor = request_actor(request)
        return Response(
            {
                "organisatie": actor.organisatie.naam,
                "zaaktypen": sorted(actor.zaaktype_id_grants),
                "alle": actor.alle_zaaktypen,
                "weergave": actor.weergave,
            }
        )

    def post(self, request):
        return Response({"ok": True}, status=201)


urlpatterns = [path("echo/", EchoView.as_view())]
pytestmark = pytest.mark.urls("tests.apis.test_jwt_auth")


@pytest.fixture
def org(db):
    return factories.organisatie("Gemeente API")


def test_zonder_jwt_is_een_aanroep_niet_geauthenticeerd(org, client):
    response = client.get("/echo/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_jwt_met_verkeerd_secret_wordt_geweigerd(org, client):
    _app, client_id, _secret = applicatie_for(org, scopes=["zaken.lezen"], component="ztc")
    token = make_jwt(client_id, "niet-het-secret")
    assert client.get("/echo/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_verlopen_jwt_wordt_geweigerd(org, client, settings):
    settings.JWT_MAX_AGE_SECONDS = 60
    _app, client_id, secret = applicatie_for(org, alle_autorisaties=True)
    oud = make_jwt(client_id, secret, iat=int(time.time()) - 3600)
    assert client.get("/echo/", HTTP_AUTHORIZATION=f"Bearer {oud}").status_code == 401
    vers = make_jwt(client_id, secret)
    assert client.get("/echo/", HTTP_AUTHORIZATION=f"Bearer {vers}").status_code == 200


def test_onbekende_client_id_wordt_geweigerd(org, client):
    token = make_jwt("bestaat-niet", "x")
    assert client.get("/echo/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_zonder_de_scope_van_de_actie_is_toegang_geweigerd(org):
    zaaktype = factories.zaaktype(org, identificatie="A")
    api = api_client_for(org, scopes=["zaken.lezen"], types=[zaaktype])
    assert api.get("/echo/").status_code == 200
    assert api.post("/echo/").status_code == 403


def test_actor_ziet_alleen_zaaktypen_met_de_scope_van_de_actie(org):
    a = factories.zaaktype(org, identificatie="A")
    factories.zaaktype(org, identificatie="B")
    api = api_client_for(org, scopes=["zaken.lezen"], types=[a])
    body = api.get("/echo/").json()
    assert body["zaaktypen"] == [a.pk]
    assert body["organisatie"] == "Gemeente API"
    assert body["alle"] is False


def test_heeft_alle_autorisaties_geeft_alle_zaaktypen(org):
    api = api_client_for(org, alle_autorisaties=True)
    assert api.get("/echo/").json()["alle"] is True
    assert api.post("/echo/").status_code == 201


def test_gebruiker_uit_de_jwt_is_de_weergave_van_de_actor(org, client):
    _app, client_id, secret = applicatie_for(org, alle_autorisaties=True)
    token = make_jwt(client_id, secret, user_id="u1", user_representation="A. Ambtenaar")
    body = client.get("/echo/", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert body["weergave"] == "A. Ambtenaar"


def test_wijziging_van_autorisaties_werkt_direct(org):
    from raadhuis.kernel.access.actor import Actor
    from raadhuis.kernel.access.services import applicatie_update

    api = api_client_for(org, scopes=["zaken.lezen"], types=[factories.zaaktype(org)])
    assert api.post("/echo/").status_code == 403
    applicatie_update(
        Actor.system(org), api.applicatie, heeft_alle_autorisaties=True, autorisaties=[]
    )
    assert api.post("/echo/").status_code == 201
