"""Notificaties API 1.0.1 at /notificaties/api/v1/: kanalen, abonnementen and publishing a
notification, with the scopes of the specification, and delivery to a real subscriber."""

from __future__ import annotations

import pytest

from raadhuis.apis.common.schema import committed_openapi, generate_openapi
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.events import delivery
from raadhuis.kernel.events.kanalen import kanalen_standaard_ensure
from raadhuis.kernel.events.models import Abonnement, Kanaal, OutboxEvent, OutboxStatus
from tests import factories
from tests.apis.jwt import api_client_for
from tests.kernel.test_outbox_delivery import Subscriber


@pytest.fixture(autouse=True)
def _standaard_kanalen(db):
    """Tests on a live server flush the database, data-migration rows included."""
    kanalen_standaard_ensure()


pytestmark = pytest.mark.django_db

BASE = "/notificaties/api/v1"
CONSUMEREN = "notificaties.consumeren"
PUBLICEREN = "notificaties.publiceren"


@pytest.fixture
def interne_callbacks(settings, org):
    """This organisation allows callbacks on internal addresses (the test's own subscriber
    runs on 127.0.0.1)."""
    settings.NOTIFICATIES_INTERNE_CALLBACKS = [org.rsin]


@pytest.fixture
def consument(org):
    return api_client_for(org, scopes=[CONSUMEREN], component="nrc")


@pytest.fixture
def bron(org):
    return api_client_for(org, scopes=[PUBLICEREN], component="nrc")


def abonnement_body(url: str = "https://ontvanger.example.nl/callback", **filters) -> dict:
    return {
        "callbackUrl": url,
        "auth": "Bearer ontvanger-geheim",
        "kanalen": [{"naam": "zaken", "filters": filters}],
    }


def invalid(response) -> list[tuple[str, str]]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


# --- kanaal -----------------------------------------------------------------------------------


def test_kanaal_list_is_a_plain_list_of_the_standard_kanalen(consument):
    response = consument.get(f"{BASE}/kanaal")
    assert response.status_code == 200
    assert response["API-version"] == "1.0.1"
    kanalen = {k["naam"]: k for k in response.json()}
    assert {"zaken", "documenten", "besluiten", "zaaktypen", "autorisaties"} <= set(kanalen)
    zaken = kanalen["zaken"]
    assert set(zaken) == {"url", "naam", "documentatieLink", "filters"}
    assert zaken["filters"] == ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"]
    kanaal = Kanaal.objects.get(naam="zaken")
    assert zaken["url"] == f"http://testserver{BASE}/kanaal/{kanaal.uuid}"


def test_kanaal_list_filters_on_naam(bron):
    response = bron.get(f"{BASE}/kanaal", {"naam": "besluiten"})
    assert [k["naam"] for k in response.json()] == ["besluiten"]


def test_kanaal_read_by_uuid_and_404_for_an_unknown_one(consument):
    kanaal = Kanaal.objects.get(naam="documenten")
    response = consument.get(f"{BASE}/kanaal/{kanaal.uuid}")
    assert response.status_code == 200
    assert response.json()["naam"] == "documenten"
    missing = consument.get(f"{BASE}/kanaal/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404
    assert missing.json()["status"] == 404


def test_kanaal_create_needs_the_publiceren_scope(consument, bron):
    body = {"naam": "meldingen", "documentatieLink": "https://example.nl/doc", "filters": ["x"]}
    assert consument.post(f"{BASE}/kanaal", body, format="json").status_code == 403
    response = bron.post(f"{BASE}/kanaal", body, format="json")
    assert response.status_code == 201
    assert response["Location"] == response.json()["url"]
    assert response.json()["filters"] == ["x"]
    assert AuditEntry.objects.filter(actie="kanaal_aangemaakt").count() == 1


def test_kanaal_may_be_created_without_documentatielink_or_filters(bron):
    response = bron.post(f"{BASE}/kanaal", {"naam": "kaal"}, format="json")
    assert response.status_code == 201
    assert response.json()["documentatieLink"] == ""
    assert response.json()["filters"] == []


def test_kanaal_with_a_name_that_exists_is_refused_as_unique(bron):
    response = bron.post(f"{BASE}/kanaal", {"naam": "zaken"}, format="json")
    assert invalid(response) == [("naam", "unique")]


# --- abonnement -------------------------------------------------------------------------------


def test_abonnement_create_read_update_and_delete(consument):
    created = consument.post(f"{BASE}/abonnement", abonnement_body(), format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["callbackUrl"] == "https://ontvanger.example.nl/callback"
    assert body["auth"] == "Bearer ontvanger-geheim"
    assert body["kanalen"] == [{"filters": {}, "naam": "zaken"}]
    url = body["url"]
    assert created["Location"] == url

    assert consument.get(url).json() == body
    assert consument.get(f"{BASE}/abonnement").json() == [body]

    put = consument.put(
        url,
        {
            "callbackUrl": "https://ontvanger.example.nl/nieuw",
            "auth": "Bearer nieuw",
            "kanalen": [
                {"naam": "documenten", "filters": {"vertrouwelijkheidaanduiding": "openbaar"}}
            ],
        },
        format="json",
    )
    assert put.status_code == 200, put.content
    assert put.json()["kanalen"] == [
        {"filters": {"vertrouwelijkheidaanduiding": "openbaar"}, "naam": "documenten"}
    ]

    assert consument.delete(url).status_code == 204
    assert consument.get(url).status_code == 404
    assert not Abonnement.objects.exists()


def test_abonnement_patch_changes_only_the_given_fields(consument):
    url = consument.post(f"{BASE}/abonnement", abonnement_body(), format="json").json()["url"]
    response = consument.patch(url, {"auth": "Bearer ander"}, format="json")
    assert response.status_code == 200
    assert response.json()["auth"] == "Bearer ander"
    assert response.json()["kanalen"] == [{"filters": {}, "naam": "zaken"}]
    assert response.json()["callbackUrl"] == "https://ontvanger.example.nl/callback"


def test_abonnement_on_an_unknown_kanaal_is_refused(consument):
    body = abonnement_body()
    body["kanalen"][0]["naam"] = "bestaat-niet"
    response = consument.post(f"{BASE}/abonnement", body, format="json")
    assert invalid(response) == [("kanalen", "kanaal-bestaat-niet")]


def test_abonnement_filter_on_a_kenmerk_the_kanaal_does_not_have_is_refused(consument):
    response = consument.post(f"{BASE}/abonnement", abonnement_body(kleur="rood"), format="json")
    assert invalid(response) == [("kanalen", "kenmerken-inconsistent")]


def test_abonnement_without_required_fields_is_refused(consument):
    response = consument.post(f"{BASE}/abonnement", {}, format="json")
    assert sorted(invalid(response)) == [
        ("auth", "required"),
        ("callbackUrl", "required"),
        ("kanalen", "required"),
    ]


def test_abonnement_writes_need_consumeren_but_reading_allows_publiceren(consument, bron):
    assert bron.post(f"{BASE}/abonnement", abonnement_body(), format="json").status_code == 403
    url = consument.post(f"{BASE}/abonnement", abonnement_body(), format="json").json()["url"]
    assert bron.get(f"{BASE}/abonnement").status_code == 200
    assert bron.get(url).status_code == 200
    assert bron.delete(url).status_code == 403


def test_abonnementen_of_another_organisation_are_not_visible(consument):
    url = consument.post(f"{BASE}/abonnement", abonnement_body(), format="json").json()["url"]
    elders = api_client_for(factories.organisatie(), scopes=[CONSUMEREN], component="nrc")
    assert elders.get(f"{BASE}/abonnement").json() == []
    assert elders.get(url).status_code == 404
    assert elders.delete(url).status_code == 404


def test_abonnement_audit_trail_never_holds_the_auth_header(consument):
    url = consument.post(f"{BASE}/abonnement", abonnement_body(), format="json").json()["url"]
    consument.patch(url, {"auth": "Bearer nog-geheimer"}, format="json")
    entries = AuditEntry.objects.filter(actie__startswith="abonnement_")
    assert [e.actie for e in entries.order_by("pk")] == [
        "abonnement_aangemaakt",
        "abonnement_gewijzigd",
    ]
    for entry in entries:
        assert "geheim" not in str(entry.wijzigingen)


def test_without_a_jwt_the_api_answers_401(client, db):
    response = client.get(f"{BASE}/kanaal")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_scope_of_another_component_gives_403(org):
    lezer = api_client_for(org, scopes=["catalogi.lezen"], component="ztc")
    assert lezer.get(f"{BASE}/kanaal").status_code == 403


# --- notificaties -----------------------------------------------------------------------------


def bericht(**extra) -> dict:
    zaak = "https://openzaak.example.nl/zaken/api/v1/zaken/0c6f2bb8-8f2f-4b7e-8a51-3c5a6e0f9d11"
    return {
        "kanaal": "zaken",
        "hoofdObject": zaak,
        "resource": "status",
        "resourceUrl": "https://openzaak.example.nl/zaken/api/v1/statussen/"
        "5b1e1b5e-6bd1-4c2b-9d4c-2a3f0e1d2c3b",
        "actie": "create",
        "aanmaakdatum": "2026-03-16T15:29:30.833664Z",
        "kenmerken": {"bronorganisatie": "224557609", "vertrouwelijkheidaanduiding": "openbaar"},
        **extra,
    }


def test_published_notification_is_routed_unchanged_to_matching_subscribers(
    org, consument, bron, interne_callbacks
):
    with Subscriber() as openbaar, Subscriber() as geheim:
        consument.post(
            f"{BASE}/abonnement",
            abonnement_body(openbaar.url, vertrouwelijkheidaanduiding="openbaar"),
            format="json",
        )
        consument.post(
            f"{BASE}/abonnement",
            abonnement_body(geheim.url, vertrouwelijkheidaanduiding="geheim"),
            format="json",
        )
        response = bron.post(f"{BASE}/notificaties", bericht(), format="json")
        assert response.status_code == 200
        assert response["API-version"] == "1.0.1"
        assert response.json() == bericht()
        delivery.outbox_process()
    assert openbaar.berichten == [bericht()]
    assert openbaar.ontvangen[0].headers["Authorization"] == "Bearer ontvanger-geheim"
    assert geheim.ontvangen == []
    event = OutboxEvent.objects.get(kanaal="zaken", status=OutboxStatus.SENT)
    assert event.organisatie == org


def test_publishing_needs_the_publiceren_scope(consument):
    assert consument.post(f"{BASE}/notificaties", bericht(), format="json").status_code == 403


def test_notification_on_an_unknown_kanaal_is_refused(bron):
    response = bron.post(f"{BASE}/notificaties", bericht(kanaal="onbekend"), format="json")
    assert invalid(response) == [("kanaal", "kanaal-bestaat-niet")]
    assert not OutboxEvent.objects.filter(kanaal="onbekend").exists()


def test_notification_with_a_kenmerk_the_kanaal_does_not_have_is_refused(bron):
    response = bron.post(
        f"{BASE}/notificaties", bericht(kenmerken={"kleur": "rood"}), format="json"
    )
    assert invalid(response) == [("kenmerken", "kenmerken-inconsistent")]


def test_notification_without_required_fields_is_refused(bron):
    response = bron.post(f"{BASE}/notificaties", {"kanaal": "zaken"}, format="json")
    assert {name for name, _code in invalid(response)} == {
        "hoofdObject",
        "resource",
        "resourceUrl",
        "actie",
        "aanmaakdatum",
    }


def test_a_case_opened_in_raadhuis_reaches_a_subscriber_registered_through_the_api(
    org, actor, zaaktype, consument, settings, interne_callbacks
):
    settings.BASE_URL = "http://testserver"
    with Subscriber() as sub:
        consument.post(
            f"{BASE}/abonnement",
            abonnement_body(sub.url, vertrouwelijkheidaanduiding="zaakvertrouwelijk"),
            format="json",
        )
        zaak = zaak_create(actor=actor, zaaktype=zaaktype)
        delivery.outbox_process()
    zaak_bericht = next(b for b in sub.berichten if b["resource"] == "zaak")
    assert zaak_bericht["hoofdObject"] == f"http://testserver/zaken/api/v1/zaken/{zaak.uuid}"
    assert zaak_bericht["kenmerken"]["zaaktype"] == (
        f"http://testserver/catalogi/api/v1/zaaktypen/{zaaktype.uuid}"
    )


# --- the published document -------------------------------------------------------------------


def test_committed_openapi_document_is_what_the_code_generates():
    assert committed_openapi("notificaties") == generate_openapi("notificaties")


def test_schema_is_served_from_the_committed_file(client, db):
    response = client.get(f"{BASE}/schema/openapi.yaml")
    assert response.status_code == 200
    assert "operationId: abonnement_read" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",  # the cloud metadata service
        "http://0.0.0.0:8000/callback",
        "http://[ff02::1]/callback",
    ],
)
def test_abonnement_to_an_address_that_is_no_subscriber_is_refused(consument, url):
    response = consument.post(f"{BASE}/abonnement", abonnement_body(url), format="json")
    assert invalid(response) == [("callbackUrl", "invalid")]
    assert "niet toegestaan" in response.json()["invalidParams"][0]["reason"]


INTERNE_ADRESSEN = [
    "http://127.0.0.1:9000/callback",
    "http://localhost:9000/callback",  # a name that resolves to loopback
    "http://10.1.2.3/callback",
    "http://172.16.0.9/callback",
    "http://192.168.1.10/callback",
    "http://100.64.0.1/callback",  # shared address space (carrier-grade NAT)
    "http://[::1]/callback",
    "http://[fd12:3456::1]/callback",  # unique local IPv6
    "http://[::ffff:127.0.0.1]/callback",  # IPv4 loopback inside IPv6
]


@pytest.mark.parametrize("url", INTERNE_ADRESSEN)
def test_abonnement_op_een_intern_adres_wordt_geweigerd(consument, url, settings):
    settings.NOTIFICATIES_INTERNE_CALLBACKS = None
    response = consument.post(f"{BASE}/abonnement", abonnement_body(url), format="json")
    assert invalid(response) == [("callbackUrl", "intern-adres")]
    reden = response.json()["invalidParams"][0]["reason"]
    assert "intern netwerk" in reden and "RAADHUIS_NOTIFICATIES_INTERNE_CALLBACKS" in reden
    assert not Abonnement.objects.exists()


def test_abonnement_intern_adres_geweigerd_bij_wijzigen(consument, settings):
    settings.NOTIFICATIES_INTERNE_CALLBACKS = []
    url = consument.post(f"{BASE}/abonnement", abonnement_body(), format="json").json()["url"]
    response = consument.patch(url, {"callbackUrl": "http://10.0.0.1/x"}, format="json")
    assert invalid(response) == [("callbackUrl", "intern-adres")]


@pytest.mark.parametrize("toegestaan", [["*"], ["ORG"], "123,ORG"])
def test_intern_adres_mag_als_de_organisatie_het_toestaat(consument, org, settings, toegestaan):
    """Common Ground components next to Raadhuis on one host: allowed per organisation."""
    if isinstance(toegestaan, list):
        toegestaan = [org.rsin if t == "ORG" else t for t in toegestaan]
    else:
        toegestaan = toegestaan.replace("ORG", org.rsin)
    settings.NOTIFICATIES_INTERNE_CALLBACKS = toegestaan
    body = abonnement_body("http://127.0.0.1:9000/callback")
    assert consument.post(f"{BASE}/abonnement", body, format="json").status_code == 201


def test_toestemming_van_een_andere_organisatie_geldt_niet(consument, settings):
    settings.NOTIFICATIES_INTERNE_CALLBACKS = ["999999990"]
    body = abonnement_body("http://192.168.0.5/callback")
    assert invalid(consument.post(f"{BASE}/abonnement", body, format="json")) == [
        ("callbackUrl", "intern-adres")
    ]


def test_toestemming_uit_de_omgeving(consument, org, settings, monkeypatch):
    """Without the Django setting, the environment variable decides."""
    del settings.NOTIFICATIES_INTERNE_CALLBACKS
    monkeypatch.setenv("RAADHUIS_NOTIFICATIES_INTERNE_CALLBACKS", f" {org.rsin} , 123")
    body = abonnement_body("http://127.0.0.1:9000/callback")
    assert consument.post(f"{BASE}/abonnement", body, format="json").status_code == 201


def test_metadata_dienst_blijft_geweigerd_ook_met_toestemming(consument, settings):
    settings.NOTIFICATIES_INTERNE_CALLBACKS = ["*"]
    body = abonnement_body("http://169.254.169.254/latest/meta-data/")
    assert invalid(consument.post(f"{BASE}/abonnement", body, format="json")) == [
        ("callbackUrl", "invalid")
    ]


@pytest.mark.parametrize(
    "url", ["https://ontvanger.example.nl/callback", "http://93.184.216.34/callback"]
)
def test_publiek_adres_mag_zonder_toestemming(consument, settings, url):
    settings.NOTIFICATIES_INTERNE_CALLBACKS = None
    response = consument.post(f"{BASE}/abonnement", abonnement_body(url), format="json")
    assert response.status_code == 201, response.json()
