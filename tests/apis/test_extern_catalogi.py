"""External references: a Zaken API client refers to a zaaktype (and its statustypen,
roltypen, resultaattypen) in another Catalogi API, configured as a zgw-consumers Service.

The "other" Catalogi API is a real HTTP server: pytest-django's live_server serving our own
Catalogi API for a second organisation, reached with that organisation's JWT client (the
service's client id and secret). The local side is the Django test client of the first
organisation."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core.cache import cache
from zgw_consumers.constants import APITypes, AuthTypes
from zgw_consumers.models import Service

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.catalog.models import Catalogus, StatusType, ZaakType
from raadhuis.kernel.integrations.zgw import ExternFout, resolve
from tests import factories
from tests.apis.jwt import applicatie_for
from tests.apis.test_zaken_support import ALLE_SCOPES, BASE, CRS, client_for, invalid_param

SECRET = "extern-geheim-dat-lang-genoeg-is-voor-hs256"


@pytest.fixture(autouse=True)
def _lege_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def remote_org(transactional_db):
    return factories.organisatie("Gemeente Elders")


@pytest.fixture
def remote_zaaktype(remote_org):
    return factories.zaaktype(remote_org, identificatie="EXT-VERGUNNING", omschrijving="Vergunning")


@pytest.fixture
def remote_root(live_server) -> str:
    return f"{live_server.url}/catalogi/api/v1/"


@pytest.fixture
def service(remote_org, remote_root) -> Service:
    _applicatie, client_id, secret = applicatie_for(
        remote_org, scopes=["catalogi.lezen"], component="ztc", secret=SECRET
    )
    return Service.objects.create(
        label="Catalogi Gemeente Elders",
        slug="catalogi-elders",
        api_type=APITypes.ztc,
        api_root=remote_root,
        auth_type=AuthTypes.zgw,
        client_id=client_id,
        secret=secret,
    )


@pytest.fixture
def local_org(transactional_db):
    return factories.organisatie("Gemeente Hier")


@pytest.fixture
def api(local_org):
    return client_for(local_org, [], scopes=ALLE_SCOPES, alle_autorisaties=True)


def remote_url(root: str, collectie: str, obj: Any) -> str:
    return f"{root}{collectie}/{obj.uuid}"


def zaak_body(org: Any, zaaktype_url: str) -> dict[str, Any]:
    return {
        "bronorganisatie": org.rsin,
        "verantwoordelijkeOrganisatie": org.rsin,
        "zaaktype": zaaktype_url,
        "startdatum": "2025-03-01",
    }


def post_zaak(api: Any, org: Any, zaaktype_url: str) -> Any:
    return api.post(f"{BASE}/zaken", zaak_body(org, zaaktype_url), format="json", **CRS)


def test_zaak_met_extern_zaaktype_spiegelt_het_type_en_toont_de_externe_url(
    api, local_org, service, remote_zaaktype, remote_root
):
    url = remote_url(remote_root, "zaaktypen", remote_zaaktype)

    response = post_zaak(api, local_org, url)

    assert response.status_code == 201, response.json()
    assert response.json()["zaaktype"] == url
    detail = api.get(response.json()["url"], **CRS)
    assert detail.status_code == 200
    assert detail.json()["zaaktype"] == url

    mirror = ZaakType.objects.get(extern_url=url)
    assert mirror.uuid != remote_zaaktype.uuid
    assert mirror.catalogus.organisatie == local_org
    assert mirror.catalogus.extern_url.startswith(remote_root)
    assert mirror.identificatie == "EXT-VERGUNNING"
    assert not mirror.concept
    assert mirror.statustypen.count() == 3
    assert mirror.roltypen.count() == 3
    assert mirror.resultaattypen.count() == 2
    assert all(s.extern_url.startswith(remote_root) for s in mirror.statustypen.all())
    assert AuditEntry.objects.filter(
        organisatie=local_org, actor_type="systeem", toelichting=url
    ).exists()


def test_tweede_zaak_hergebruikt_de_spiegel(api, local_org, service, remote_zaaktype, remote_root):
    url = remote_url(remote_root, "zaaktypen", remote_zaaktype)
    assert post_zaak(api, local_org, url).status_code == 201
    ZaakType.objects.filter(pk=remote_zaaktype.pk).update(omschrijving="Omgevingsvergunning")
    cache.clear()  # the remote is asked again: the mirror is refreshed, not duplicated

    assert post_zaak(api, local_org, url).status_code == 201

    assert ZaakType.objects.get(extern_url=url).omschrijving == "Omgevingsvergunning"
    assert AuditEntry.objects.filter(
        organisatie=local_org, actie="zaaktype_extern_bijgewerkt", toelichting=url
    ).exists()
    assert Catalogus.objects.filter(organisatie=local_org).count() == 1
    assert StatusType.objects.filter(zaaktype__extern_url=url).count() == 3


def test_status_en_resultaat_met_externe_typen(
    api, local_org, service, remote_zaaktype, remote_root
):
    zaak = post_zaak(api, local_org, remote_url(remote_root, "zaaktypen", remote_zaaktype)).json()
    statustype = remote_url(
        remote_root, "statustypen", remote_zaaktype.statustypen.get(volgnummer=1)
    )

    status = api.post(
        f"{BASE}/statussen",
        {"zaak": zaak["url"], "statustype": statustype, "datumStatusGezet": "2025-03-02T10:00:00Z"},
        format="json",
    )

    assert status.status_code == 201, status.json()
    assert status.json()["statustype"] == statustype
    resultaattype = remote_url(
        remote_root, "resultaattypen", remote_zaaktype.resultaattypen.get(omschrijving="Gegrond")
    )
    resultaat = api.post(
        f"{BASE}/resultaten", {"zaak": zaak["url"], "resultaattype": resultaattype}, format="json"
    )
    assert resultaat.status_code == 201, resultaat.json()
    assert resultaat.json()["resultaattype"] == resultaattype


def test_statustype_van_een_ander_zaaktype_wordt_geweigerd(
    api, local_org, service, remote_org, remote_zaaktype, remote_root
):
    zaak = post_zaak(api, local_org, remote_url(remote_root, "zaaktypen", remote_zaaktype)).json()
    ander = factories.zaaktype(remote_org, identificatie="EXT-ANDER")

    response = api.post(
        f"{BASE}/statussen",
        {
            "zaak": zaak["url"],
            "statustype": remote_url(remote_root, "statustypen", ander.statustypen.first()),
            "datumStatusGezet": "2025-03-02T10:00:00Z",
        },
        format="json",
    )

    assert response.status_code == 400, response.json()


def test_url_zonder_geconfigureerde_service_geeft_bad_url(
    api, local_org, remote_zaaktype, remote_root
):
    response = post_zaak(api, local_org, remote_url(remote_root, "zaaktypen", remote_zaaktype))

    fout = invalid_param(response, "zaaktype")
    assert fout["code"] == "bad-url"
    assert "Geen geconfigureerde service" in fout["reason"]


def test_onbekend_extern_zaaktype_geeft_does_not_exist(api, local_org, service, remote_root):
    response = post_zaak(api, local_org, f"{remote_root}zaaktypen/{uuid.uuid4()}")

    fout = invalid_param(response, "zaaktype")
    assert fout["code"] == "does_not_exist"
    assert "HTTP 404" in fout["reason"]


def test_onbereikbare_service_geeft_een_duidelijke_fout(api, local_org):
    root = "http://127.0.0.1:9/catalogi/api/v1/"
    Service.objects.create(
        label="Catalogi Onbereikbaar",
        slug="catalogi-onbereikbaar",
        api_type=APITypes.ztc,
        api_root=root,
        auth_type=AuthTypes.zgw,
        client_id="x",
        secret="y",
        timeout=2,
    )

    response = post_zaak(api, local_org, f"{root}zaaktypen/{uuid.uuid4()}")

    fout = invalid_param(response, "zaaktype")
    assert fout["code"] == "does_not_exist"
    assert "niet bereikbaar" in fout["reason"]
    assert "Catalogi Onbereikbaar" in fout["reason"]


def test_resolve_bewaart_het_antwoord_kort(service, remote_zaaktype, remote_root):
    url = remote_url(remote_root, "zaaktypen", remote_zaaktype)
    assert resolve(url, APITypes.ztc)["identificatie"] == "EXT-VERGUNNING"
    service.delete()  # answered from the cache now

    assert resolve(url, APITypes.ztc)["identificatie"] == "EXT-VERGUNNING"
    with pytest.raises(ExternFout) as fout:
        resolve(f"{remote_root}zaaktypen/{uuid.uuid4()}", APITypes.ztc)
    assert fout.value.code == "bad-url"


def test_filteren_op_de_externe_zaaktype_url(api, local_org, service, remote_zaaktype, remote_root):
    url = remote_url(remote_root, "zaaktypen", remote_zaaktype)
    zaak = post_zaak(api, local_org, url).json()

    response = api.get(f"{BASE}/zaken", {"zaaktype": url}, **CRS)

    assert response.status_code == 200, response.json()
    assert [z["url"] for z in response.json()["results"]] == [zaak["url"]]
    statustype = remote_url(
        remote_root, "statustypen", remote_zaaktype.statustypen.get(volgnummer=1)
    )
    api.post(
        f"{BASE}/statussen",
        {"zaak": zaak["url"], "statustype": statustype, "datumStatusGezet": "2025-03-02T10:00:00Z"},
        format="json",
    )
    statussen = api.get(f"{BASE}/statussen", {"statustype": statustype})
    assert statussen.json()["count"] == 1


def test_beheerder_configureert_een_service_in_de_admin(client, django_user_model, remote_root):
    beheerder = django_user_model.objects.create_superuser("beheer", "beheer@example.org", "x")
    client.force_login(beheerder, backend="django.contrib.auth.backends.ModelBackend")

    assert client.get("/admin/zgw_consumers/service/add/").status_code == 200
    assert client.get("/admin/zgw_consumers/service/").status_code == 200
    # NLX and the certificate manager are not offered (kernel/integrations/admin.py)
    assert client.get("/admin/zgw_consumers/nlxconfig/").status_code == 404
    assert client.get("/admin/simple_certmanager/certificate/").status_code == 404


def test_autorisatie_op_een_extern_zaaktype_geeft_toegang_tot_zijn_zaken(
    api, local_org, service, remote_zaaktype, remote_root
):
    from rest_framework.test import APIClient

    from raadhuis.kernel.access.actor import Actor
    from raadhuis.kernel.access.services import AutorisatieData, applicatie_create
    from tests.apis.jwt import make_jwt

    url = remote_url(remote_root, "zaaktypen", remote_zaaktype)
    zaak = post_zaak(api, local_org, url).json()
    applicatie_create(
        Actor.system(local_org),
        label="Portaal met één extern zaaktype",
        client_ids=["portaal-extern"],
        secrets={"portaal-extern": SECRET},
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=url,
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            )
        ],
    )
    lezer = APIClient()
    lezer.credentials(HTTP_AUTHORIZATION=f"Bearer {make_jwt('portaal-extern', SECRET)}")

    response = lezer.get(f"{BASE}/zaken", **CRS)

    assert response.status_code == 200, response.json()
    assert [z["url"] for z in response.json()["results"]] == [zaak["url"]]
