# ruff: noqa: F811 (fixtures imported from test_besluiten_api)
"""Who sees and changes which besluit: the application's autorisaties per besluittype and its
organisation, applied in the SQL (a list costs the same number of queries for 2 or 20 rows)."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.services import AutorisatieData, applicatie_create
from raadhuis.kernel.cases.besluit_selectors import besluiten_visible
from raadhuis.kernel.catalog.models import BesluitType
from raadhuis.kernel.documents.services import besluit_document_add
from raadhuis.kernel.organisations.models import Rol
from tests import factories
from tests.apis.jwt import api_client_for, make_jwt, type_url
from tests.apis.test_besluiten_api import (  # noqa: F401 (fixtures)
    ALLE_SCOPES,
    BASE,
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


@pytest.fixture
def ander_type(besluittype):
    return BesluitType.objects.create(
        catalogus=besluittype.catalogus,
        omschrijving="Afwijzing",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )


def lijst(client) -> set[str]:
    response = client.get(f"{BASE}/besluiten")
    assert response.status_code == 200, response.content
    return {b["url"] for b in response.json()["results"]}


def test_een_applicatie_ziet_alleen_besluiten_van_besluittypen_waarvoor_ze_autorisatie_heeft(
    api, systeem, besluittype, ander_type
):
    eigen = besluit_maken(systeem, besluittype)
    vreemd = besluit_maken(systeem, ander_type)
    assert lijst(api) == {besluit_url(eigen)}
    assert api.get(f"{BASE}/besluiten/{vreemd.uuid}").status_code == 404
    assert api.patch(f"{BASE}/besluiten/{vreemd.uuid}", {}, format="json").status_code == 404
    assert api.delete(f"{BASE}/besluiten/{vreemd.uuid}").status_code == 404


def test_alle_autorisaties_ziet_alle_besluiten_van_de_eigen_organisatie(
    org, systeem, besluittype, ander_type
):
    beide = {besluit_url(besluit_maken(systeem, t)) for t in (besluittype, ander_type)}
    elders = factories.organisatie("Gemeente Elders")
    alles_elders = api_client_for(elders, component="brc", alle_autorisaties=True)
    assert lijst(alles_elders) == set()
    alles = api_client_for(org, component="brc", alle_autorisaties=True)
    assert lijst(alles) == beide


def test_aanmaken_voor_een_besluittype_zonder_autorisatie_geeft_403(api, org, ander_type):
    response = api.post(f"{BASE}/besluiten", besluit_body(org, ander_type), format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_de_scope_geldt_per_besluittype(org, systeem, besluittype, ander_type):
    """Reading both types but changing only one: the other is not there for a change."""
    client = APIClient()
    applicatie_create(
        Actor.system(org),
        label="Gemengd",
        client_ids=["gemengd"],
        secrets={"gemengd": "geheim"},
        autorisaties=[
            AutorisatieData(
                component="brc",
                scopes=["besluiten.lezen", "besluiten.bijwerken"],
                besluittype=type_url("brc", besluittype),
            ),
            AutorisatieData(
                component="brc", scopes=["besluiten.lezen"], besluittype=type_url("brc", ander_type)
            ),
        ],
    )
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_jwt('gemengd', 'geheim')}")
    eigen, ander = besluit_maken(systeem, besluittype), besluit_maken(systeem, ander_type)
    assert lijst(client) == {besluit_url(eigen), besluit_url(ander)}
    body = {"toelichting": "Bijgewerkt"}
    assert client.patch(f"{BASE}/besluiten/{eigen.uuid}", body, format="json").status_code == 200
    assert client.patch(f"{BASE}/besluiten/{ander.uuid}", body, format="json").status_code == 404


def test_zonder_scope_403_en_zonder_jwt_401(org, besluittype):
    alleen_lezen = api_client_for(
        org, scopes=["besluiten.lezen"], component="brc", types=[besluittype]
    )
    body = besluit_body(org, besluittype)
    assert alleen_lezen.post(f"{BASE}/besluiten", body, format="json").status_code == 403
    assert APIClient().get(f"{BASE}/besluiten").status_code == 401


def test_besluitinformatieobjecten_volgen_de_toegang_tot_het_besluit(
    api, org, systeem, besluittype, ander_type, document
):
    besluit = besluit_maken(systeem, besluittype)
    besluit_document_add(actor=systeem, besluit=besluit, informatieobject=document)
    assert len(api.get(f"{BASE}/besluitinformatieobjecten").json()) == 1
    anders = api_client_for(org, scopes=ALLE_SCOPES, component="brc", types=[ander_type])
    assert anders.get(f"{BASE}/besluitinformatieobjecten").json() == []


def test_een_lijst_kost_een_vast_aantal_queries(
    api, systeem, besluittype, zaak, django_assert_max_num_queries
):
    for _ in range(2):
        besluit_maken(systeem, besluittype, zaak=zaak)
    api.get(f"{BASE}/besluiten")  # warm the application cache
    with django_assert_max_num_queries(3) as weinig:
        assert api.get(f"{BASE}/besluiten").json()["count"] == 2
    for _ in range(20):
        besluit_maken(systeem, besluittype)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert api.get(f"{BASE}/besluiten").json()["count"] == 22
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        api.get(f"{BASE}/besluitinformatieobjecten")


def test_een_medewerker_ziet_besluiten_zonder_zaak_en_op_zaken_die_hij_mag_zien(
    org, systeem, besluittype, zaak, zaaktype
):
    met_zaak = besluit_maken(systeem, besluittype, zaak=zaak)
    zonder_zaak = besluit_maken(systeem, besluittype)
    bevoegd = Actor.for_medewerker(factories.medewerker(org, zaaktypen=(zaaktype,)))
    onbevoegd = Actor.for_medewerker(factories.medewerker(org))
    auditor = Actor.for_medewerker(factories.medewerker(org, rollen=(Rol.AUDITOR,)))
    assert set(besluiten_visible(actor=bevoegd)) == {met_zaak, zonder_zaak}
    assert set(besluiten_visible(actor=onbevoegd)) == {zonder_zaak}
    assert set(besluiten_visible(actor=auditor)) == set()
