"""A zaakinformatieobject whose document lives in ANOTHER Documenten API (Zaken API 1.7.0):
the URL must resolve to an EnkelvoudigInformatieObject there, is answered unchanged, and the
other Documenten API gets its mirrored OBJECTINFORMATIEOBJECT (which it checks back with us).

Both APIs are real HTTP servers: pytest-django's live_server serves our Zaken API as
http://localhost:PORT (organisation "Gemeente Hier") and our Documenten API as the "remote"
http://127.0.0.1:PORT (organisation "Gemeente Elders"). Each side knows the other as a
zgw-consumers Service: a drc service for the Zaken API, a zrc service for the Documenten API,
each with a ZGW client of the organisation it calls."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone
from zgw_consumers.constants import APITypes, AuthTypes
from zgw_consumers.models import Service

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.documents.gebruiksrechten import gebruiksrecht_create
from raadhuis.kernel.documents.models import (
    ExternObjectInformatieObject,
    InformatieObject,
    ZaakInformatieObject,
)
from raadhuis.kernel.documents.selectors import zaak_documenten, zaak_externe_documenten
from raadhuis.kernel.documents.services import document_create
from tests import factories
from tests.apis.jwt import applicatie_for, make_jwt

SECRET = "extern-documenten-geheim-lang-genoeg-voor-hs256"
ZAKEN_SCOPES = ["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.verwijderen"]
DOCUMENTEN_SCOPES = ["documenten.lezen", "documenten.aanmaken", "documenten.verwijderen"]
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


@pytest.fixture(autouse=True)
def _lege_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def port(live_server) -> int:
    return int(urlsplit(live_server.url).port)


@pytest.fixture
def hier(transactional_db):
    return factories.organisatie("Gemeente Hier")


@pytest.fixture
def elders(transactional_db):
    return factories.organisatie("Gemeente Elders")


@pytest.fixture
def zaken_root(port) -> str:
    return f"http://localhost:{port}/zaken/api/v1/"


@pytest.fixture
def documenten_root(port) -> str:
    return f"http://127.0.0.1:{port}/documenten/api/v1/"


def _service(label: str, api_type: str, root: str, organisatie: Any, scopes: list[str]) -> Service:
    component = {APITypes.drc: "drc", APITypes.zrc: "zrc"}[api_type]
    _app, client_id, secret = applicatie_for(
        organisatie, scopes=scopes, component=component, alle_autorisaties=True, secret=SECRET
    )
    return Service.objects.create(
        label=label,
        slug=label.lower().replace(" ", "-"),
        api_type=api_type,
        api_root=root,
        auth_type=AuthTypes.zgw,
        client_id=client_id,
        secret=secret,
        timeout=10,
    )


@pytest.fixture
def drc_service(elders, documenten_root) -> Service:
    """Our Zaken API reaches the other Documenten API as an application of Gemeente Elders."""
    return _service("Documenten Elders", APITypes.drc, documenten_root, elders, DOCUMENTEN_SCOPES)


@pytest.fixture
def zrc_service(hier, zaken_root) -> Service:
    """The other Documenten API asks our Zaken API back as an application of Gemeente Hier."""
    return _service("Zaken Hier", APITypes.zrc, zaken_root, hier, ["zaken.lezen"])


@pytest.fixture
def extern_document(elders, documenten_root) -> str:
    zaaktype = factories.zaaktype(elders, identificatie="ELDERS")
    versie = document_create(
        actor=Actor.system(elders),
        gegevens={
            "informatieobjecttype": zaaktype.informatieobjecttypen.get(),
            "bronorganisatie": elders.rsin,
            "creatiedatum": date(2025, 3, 1),
            "titel": "Vonnis rechtbank",
            "auteur": "Rechtbank Gelderland",
            "taal": "nld",
            "inhoud": ContentFile(b"vonnis", name="vonnis.pdf"),
        },
    )
    return f"{documenten_root}enkelvoudiginformatieobjecten/{versie.informatieobject.uuid}"


@pytest.fixture
def zaaktype(hier):
    return factories.zaaktype(hier, identificatie="SCHULDHULP")


@pytest.fixture
def zaak(hier, zaaktype):
    return zaak_create(actor=Actor.system(hier), zaaktype=zaaktype, omschrijving="Schuldhulp")


class Api:
    """Our Zaken API over HTTP, as an application of Gemeente Hier with every zaken scope."""

    def __init__(self, organisatie: Any, root: str) -> None:
        _app, client_id, secret = applicatie_for(
            organisatie, scopes=ZAKEN_SCOPES, component="zrc", alle_autorisaties=True
        )
        self.root = root
        self.headers = {"Authorization": f"Bearer {make_jwt(client_id, secret)}", **CRS}

    def url(self, pad: str) -> str:
        return pad if pad.startswith("http") else self.root + pad

    def get(self, pad: str, **params: Any) -> requests.Response:
        return requests.get(self.url(pad), params=params, headers=self.headers, timeout=30)

    def post(self, pad: str, body: dict[str, Any]) -> requests.Response:
        return requests.post(self.url(pad), json=body, headers=self.headers, timeout=30)

    def patch(self, pad: str, body: dict[str, Any]) -> requests.Response:
        return requests.patch(self.url(pad), json=body, headers=self.headers, timeout=30)

    def delete(self, pad: str) -> requests.Response:
        return requests.delete(self.url(pad), headers=self.headers, timeout=30)


@pytest.fixture
def api(hier, zaken_root) -> Api:
    return Api(hier, zaken_root)


def zaak_url(root: str, zaak: Any) -> str:
    return f"{root}zaken/{zaak.uuid}"


def fout(response: requests.Response, naam: str) -> dict[str, str]:
    assert response.status_code == 400, response.text
    params = {p["name"]: p for p in response.json()["invalidParams"]}
    assert naam in params, params
    return params[naam]


def test_extern_document_is_linked_answered_unchanged_and_mirrored_remotely(
    api, zaak, zaken_root, extern_document, drc_service, zrc_service, elders
):
    response = api.post(
        "zaakinformatieobjecten",
        {"zaak": zaak_url(zaken_root, zaak), "informatieobject": extern_document},
    )

    assert response.status_code == 201, response.text
    zio = response.json()
    assert zio["informatieobject"] == extern_document
    assert zio["titel"] == "Vonnis rechtbank"  # taken from the remote document
    assert api.get(zio["url"]).json()["informatieobject"] == extern_document
    lijst = api.get("zaakinformatieobjecten", informatieobject=extern_document).json()
    assert [z["url"] for z in lijst] == [zio["url"]]
    assert api.get(zaak_url(zaken_root, zaak)).json()["zaakinformatieobjecten"] == [zio["url"]]

    # The remote Documenten API holds the mirrored relation, and shows it to its own clients.
    rij = ZaakInformatieObject.objects.get(uuid=zio["uuid"])
    assert rij.informatieobject is None and rij.informatieobject_url == extern_document
    relatie = ExternObjectInformatieObject.objects.get()
    assert relatie.object_url == zaak_url(zaken_root, zaak)
    assert relatie.informatieobject.organisatie == elders
    assert rij.objectinformatieobject_url.endswith(f"/objectinformatieobjecten/{relatie.uuid}")
    remote = requests.get(
        rij.objectinformatieobject_url,
        headers={"Authorization": f"Bearer {make_jwt(drc_service.client_id, SECRET)}"},
        timeout=30,
    )
    assert remote.status_code == 200, remote.text
    assert remote.json()["object"] == zaak_url(zaken_root, zaak)
    assert remote.json()["objectType"] == "zaak"
    acties = set(AuditEntry.objects.values_list("actie", flat=True))
    assert {"zaakdocument_gekoppeld", "zaakdocument_extern_gemeld"} <= acties
    assert "objectrelatie_extern_aangemaakt" in acties


def test_unlinking_removes_the_remote_relation_too(
    api, zaak, zaken_root, extern_document, drc_service, zrc_service
):
    zio = api.post(
        "zaakinformatieobjecten",
        {"zaak": zaak_url(zaken_root, zaak), "informatieobject": extern_document},
    ).json()
    assert api.patch(zio["url"], {"titel": "Vonnis (kopie)"}).json()["titel"] == "Vonnis (kopie)"
    anders = api.patch(zio["url"], {"informatieobject": extern_document + "0"})
    assert fout(anders, "informatieobject")["code"] in ("wijzigen-niet-toegelaten", "bad-url")

    assert api.delete(zio["url"]).status_code == 204

    assert not ZaakInformatieObject.objects.exists()
    assert not ExternObjectInformatieObject.objects.exists()
    assert not AuditEntry.objects.filter(actie="zaakdocument_extern_niet_opgeruimd").exists()


def test_remote_refusal_undoes_the_link(api, zaak, zaken_root, extern_document, drc_service):
    # Without a zrc service the other Documenten API cannot check the relation with us.
    response = api.post(
        "zaakinformatieobjecten",
        {"zaak": zaak_url(zaken_root, zaak), "informatieobject": extern_document},
    )

    melding = fout(response, "informatieobject")
    assert melding["code"] == "pending-relations"
    assert "Documenten Elders" in melding["reason"]
    assert not ZaakInformatieObject.objects.exists()
    assert AuditEntry.objects.filter(actie="zaakdocument_ontkoppeld").exists()


def test_urls_that_are_not_a_remote_document_are_refused(
    api, zaak, zaken_root, documenten_root, extern_document, drc_service, zrc_service, elders
):
    body = {"zaak": zaak_url(zaken_root, zaak)}
    onbekend = api.post(
        "zaakinformatieobjecten",
        {
            **body,
            "informatieobject": f"{documenten_root}enkelvoudiginformatieobjecten/{uuid.uuid4()}",
        },
    )
    assert fout(onbekend, "informatieobject")["code"] == "does_not_exist"

    recht = gebruiksrecht_create(
        actor=Actor.system(elders),
        informatieobject=InformatieObject.objects.get(uuid=extern_document.rsplit("/", 1)[-1]),
        startdatum=datetime(2025, 3, 1, tzinfo=UTC),
        omschrijving_voorwaarden="Alleen inzien",
    )
    geen_document = api.post(
        "zaakinformatieobjecten",
        {**body, "informatieobject": f"{documenten_root}gebruiksrechten/{recht.uuid}"},
    )
    assert fout(geen_document, "informatieobject")["code"] == "invalid-resource"

    nergens = f"https://drc.nergens.example/enkelvoudiginformatieobjecten/{uuid.uuid4()}"
    niet_geconfigureerd = api.post("zaakinformatieobjecten", {**body, "informatieobject": nergens})
    assert fout(niet_geconfigureerd, "informatieobject")["code"] == "bad-url"

    assert api.post("zaakinformatieobjecten", {**body, "informatieobject": extern_document}).ok
    dubbel = api.post("zaakinformatieobjecten", {**body, "informatieobject": extern_document})
    assert dubbel.status_code == 400 and dubbel.json()["invalidParams"][0]["code"] == "unique"


def test_case_with_an_extern_document_still_works_in_the_kernel(
    api, hier, zaak, zaaktype, zaken_root, extern_document, drc_service, zrc_service
):
    api.post(
        "zaakinformatieobjecten",
        {"zaak": zaak_url(zaken_root, zaak), "informatieobject": extern_document},
    )
    medewerker = factories.actor(factories.medewerker(hier, zaaktypen=(zaaktype,)))

    # The staff case page lists documents of ours; the external one is listed apart.
    assert list(zaak_documenten(actor=medewerker, zaak=zaak)) == []
    extern = zaak_externe_documenten(actor=medewerker, zaak=zaak)
    assert [z.informatieobject_url for z in extern] == [extern_document]


def test_a_case_with_an_extern_document_can_be_closed(
    api, zaak, zaaktype, zaken_root, extern_document, drc_service, zrc_service
):
    api.post(
        "zaakinformatieobjecten",
        {"zaak": zaak_url(zaken_root, zaak), "informatieobject": extern_document},
    )
    # Closing the case is not blocked by a lock on a document we do not hold.
    catalogi = zaken_root.replace("/zaken/api/v1/", "/catalogi/api/v1/")
    resultaattype = zaaktype.resultaattypen.get(omschrijving="Gegrond")
    resultaat = api.post(
        "resultaten",
        {
            "zaak": zaak_url(zaken_root, zaak),
            "resultaattype": f"{catalogi}resultaattypen/{resultaattype.uuid}",
        },
    )
    assert resultaat.status_code == 201, resultaat.text
    eind = zaaktype.statustypen.order_by("-volgnummer").first()
    status = api.post(
        "statussen",
        {
            "zaak": zaak_url(zaken_root, zaak),
            "statustype": f"{catalogi}statustypen/{eind.uuid}",
            "datumStatusGezet": timezone.now().isoformat(),
        },
    )
    assert status.status_code == 201, status.text
    zaak.refresh_from_db()
    assert zaak.einddatum is not None
