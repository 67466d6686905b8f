# ruff: noqa: F811 (fixtures imported from test_besluiten_api)
"""/besluiten/{besluit_uuid}/audittrail: the kernel's audit entries of a besluit in the shape
of the ZGW AuditTrail (bron "brc")."""

from __future__ import annotations

import uuid

import pytest

from raadhuis.kernel.catalog.models import BesluitType
from raadhuis.kernel.documents.services import besluit_document_add
from tests.apis.jwt import api_client_for
from tests.apis.test_besluiten_api import (  # noqa: F401 (fixtures)
    BASE,
    HOST,
    _base_url,
    api,
    besluit_body,
    besluit_maken,
    besluit_url,
    besluittype,
    document,
    iot,
    systeem,
    zaak,
)

pytestmark = pytest.mark.django_db


def test_audittrail_toont_aanmaken_en_wijzigen_als_zgw_audittrail(api, org, besluittype):
    response = api.post(
        f"{BASE}/besluiten",
        besluit_body(org, besluittype),
        format="json",
        HTTP_X_AUDIT_TOELICHTING="Aanvraag toegekend",
    )
    url = response.json()["url"]
    api.patch(url, {"toelichting": "Met voorwaarden"}, format="json")
    besluit_uuid = url.rsplit("/", 1)[-1]
    response = api.get(f"{BASE}/besluiten/{besluit_uuid}/audittrail")
    assert response.status_code == 200
    assert response["API-version"] == "1.1.0"
    aangemaakt, gewijzigd = response.json()
    assert aangemaakt["bron"] == "brc"
    assert (aangemaakt["actie"], aangemaakt["actieWeergave"], aangemaakt["resultaat"]) == (
        "create",
        "Object aangemaakt",
        201,
    )
    assert aangemaakt["hoofdObject"] == aangemaakt["resourceUrl"] == url
    assert aangemaakt["resource"] == "besluit"
    assert aangemaakt["toelichting"] == "Aanvraag toegekend"
    assert aangemaakt["applicatieId"] == str(api.applicatie.uuid)
    assert aangemaakt["applicatieWeergave"] == api.applicatie.label
    assert aangemaakt["wijzigingen"]["oud"] is None
    assert aangemaakt["wijzigingen"]["nieuw"]["identificatie"] == "BESLUIT-2026-0000001"
    assert aangemaakt["wijzigingen"]["nieuw"]["verantwoordelijkeOrganisatie"] == org.rsin
    assert gewijzigd["actie"] == "update"
    # the full body before and after, as the standard's AuditTrail has it
    huidig = api.get(url).json()
    assert gewijzigd["wijzigingen"] == {"oud": {**huidig, "toelichting": ""}, "nieuw": huidig}
    assert aangemaakt["wijzigingen"]["nieuw"] == {**huidig, "toelichting": ""}
    uuid.UUID(gewijzigd["uuid"])


def test_een_audittrail_regel_opvragen_op_uuid(api, systeem, besluittype):
    besluit = besluit_maken(systeem, besluittype)
    [regel] = api.get(f"{BASE}/besluiten/{besluit.uuid}/audittrail").json()
    response = api.get(f"{BASE}/besluiten/{besluit.uuid}/audittrail/{regel['uuid']}")
    assert response.status_code == 200
    assert response.json() == regel
    for onbekend in (str(uuid.uuid4()), "geen-uuid"):
        response = api.get(f"{BASE}/besluiten/{besluit.uuid}/audittrail/{onbekend}")
        assert response.status_code == 404


def test_de_regel_van_een_ander_besluit_is_er_niet(api, systeem, besluittype):
    een, ander = besluit_maken(systeem, besluittype), besluit_maken(systeem, besluittype)
    [regel] = api.get(f"{BASE}/besluiten/{ander.uuid}/audittrail").json()
    response = api.get(f"{BASE}/besluiten/{een.uuid}/audittrail/{regel['uuid']}")
    assert response.status_code == 404


def test_audittrail_bevat_de_regels_van_de_besluitinformatieobjecten(
    api, systeem, besluittype, document
):
    besluit = besluit_maken(systeem, besluittype)
    bio = besluit_document_add(actor=systeem, besluit=besluit, informatieobject=document)
    regels = api.get(f"{BASE}/besluiten/{besluit.uuid}/audittrail").json()
    assert [(r["resource"], r["actie"]) for r in regels] == [
        ("besluit", "create"),
        ("besluitinformatieobject", "create"),
    ]
    assert regels[1]["hoofdObject"] == besluit_url(besluit)
    assert regels[1]["resourceUrl"] == f"{HOST}{BASE}/besluitinformatieobjecten/{bio.uuid}"


def test_audittrail_vraagt_de_scope_audittrails_lezen_voor_het_besluittype(
    org, systeem, besluittype
):
    besluit = besluit_maken(systeem, besluittype)
    url = f"{BASE}/besluiten/{besluit.uuid}/audittrail"
    zonder = api_client_for(org, scopes=["besluiten.lezen"], component="brc", types=[besluittype])
    assert zonder.get(url).status_code == 403
    ander_type = BesluitType.objects.create(
        catalogus=besluittype.catalogus,
        omschrijving="Afwijzing",
        begin_geldigheid=besluittype.begin_geldigheid,
        concept=False,
    )
    ander = api_client_for(org, scopes=["audittrails.lezen"], component="brc", types=[ander_type])
    assert ander.get(url).status_code == 404
    assert (
        api_client_for(org, scopes=["audittrails.lezen"], component="brc", types=[besluittype])
        .get(url)
        .json()
    )
