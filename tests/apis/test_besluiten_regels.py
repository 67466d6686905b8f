# ruff: noqa: F811 (fixtures imported from test_besluiten_api)
"""The business rules of the Besluiten API 1.1.0, each answered with the error code the
reference implementation (Open Zaak) uses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.numbering import identificatie_format
from raadhuis.kernel.cases.services import zaak_create, zaak_status_set
from raadhuis.kernel.catalog.models import BesluitType
from raadhuis.kernel.documents.services import besluit_document_add
from tests import factories
from tests.apis.jwt import api_client_for
from tests.apis.test_besluiten_api import (  # noqa: F401 (fixtures)
    ALLE_SCOPES,
    BASE,
    HOST,
    _base_url,
    api,
    besluit_body,
    besluit_maken,
    besluit_url,
    besluittype,
    besluittype_url,
    document,
    document_url,
    invalid_params,
    iot,
    systeem,
    zaak,
    zaak_url,
)

pytestmark = pytest.mark.django_db


def test_besluittype_moet_gepubliceerd_zijn(api, org, besluittype):
    besluittype.concept = True
    besluittype.save()
    response = api.post(f"{BASE}/besluiten", besluit_body(org, besluittype), format="json")
    assert invalid_params(response) == {"besluittype": "not-published"}


def test_besluittype_moet_geldig_zijn_op_de_besluitdatum(api, org, besluittype):
    besluittype.einde_geldigheid = date(2025, 12, 31)
    besluittype.save()
    response = api.post(f"{BASE}/besluiten", besluit_body(org, besluittype), format="json")
    assert invalid_params(response) == {"besluittype": "besluittype-niet-geldig"}
    body = besluit_body(org, besluittype, datum="2025-06-01")
    assert api.post(f"{BASE}/besluiten", body, format="json").status_code == 201


def test_besluittype_van_een_andere_organisatie_bestaat_hier_niet(api, org):
    ander = factories.zaaktype(factories.organisatie("Gemeente Elders"))
    vreemd = BesluitType.objects.create(
        catalogus=ander.catalogus,
        omschrijving="Vreemd",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    response = api.post(f"{BASE}/besluiten", besluit_body(org, vreemd), format="json")
    assert invalid_params(response) == {"besluittype": "does_not_exist"}


def test_besluittype_moet_een_url_van_een_besluittype_zijn(api, org, besluittype):
    body = besluit_body(org, besluittype, besluittype=f"{HOST}/catalogi/api/v1/zaaktypen/x")
    assert invalid_params(api.post(f"{BASE}/besluiten", body, format="json")) == {
        "besluittype": "bad-url"
    }


def test_verplichte_velden(api):
    assert invalid_params(api.post(f"{BASE}/besluiten", {}, format="json")) == {
        "verantwoordelijkeOrganisatie": "required",
        "besluittype": "required",
        "datum": "required",
        "ingangsdatum": "required",
    }


def test_identificatie_is_uniek_per_verantwoordelijke_organisatie(api, org, besluittype):
    body = besluit_body(org, besluittype, identificatie="B-1")
    assert api.post(f"{BASE}/besluiten", body, format="json").status_code == 201
    response = api.post(f"{BASE}/besluiten", body, format="json")
    assert invalid_params(response) == {"identificatie": "identificatie-niet-uniek"}
    # the same identificatie for another verantwoordelijke organisatie is fine
    other = factories.elfproef_number(4242)
    body = besluit_body(org, besluittype, identificatie="B-1", verantwoordelijkeOrganisatie=other)
    assert api.post(f"{BASE}/besluiten", body, format="json").status_code == 201


def test_identificatie_wordt_gegenereerd_en_slaat_bezette_nummers_over(api, org, besluittype):
    bezet = identificatie_format(prefix="BESLUIT", jaar=2026, nummer=1)
    body = besluit_body(org, besluittype, identificatie=bezet)
    assert api.post(f"{BASE}/besluiten", body, format="json").status_code == 201
    response = api.post(f"{BASE}/besluiten", besluit_body(org, besluittype), format="json")
    assert response.json()["identificatie"] == "BESLUIT-2026-0000002"
    response = api.post(
        f"{BASE}/besluiten", besluit_body(org, besluittype, identificatie=""), format="json"
    )
    assert response.json()["identificatie"] == "BESLUIT-2026-0000003"


def test_zaaktype_van_de_zaak_moet_bij_het_besluittype_horen(api, org, besluittype, zaak):
    besluittype.zaaktypen.clear()
    body = besluit_body(org, besluittype, zaak=zaak_url(zaak))
    response = api.post(f"{BASE}/besluiten", body, format="json")
    assert invalid_params(response) == {"nonFieldErrors": "zaaktype-mismatch"}


def test_zaak_moet_een_zaak_van_de_organisatie_zijn(api, org, besluittype):
    andere_org = factories.organisatie("Gemeente Elders")
    vreemde_zaak = zaak_create(
        actor=Actor.system(andere_org), zaaktype=factories.zaaktype(andere_org)
    )
    body = besluit_body(org, besluittype, zaak=zaak_url(vreemde_zaak))
    response = api.post(f"{BASE}/besluiten", body, format="json")
    assert invalid_params(response) == {"zaak": "does_not_exist"}


def test_vervaldatum_ligt_niet_voor_de_ingangsdatum(api, org, besluittype):
    body = besluit_body(org, besluittype, ingangsdatum="2026-03-02", vervaldatum="2026-03-01")
    response = api.post(f"{BASE}/besluiten", body, format="json")
    assert invalid_params(response) == {"vervaldatum": "date-mismatch"}


def test_besluitdatum_ligt_niet_in_de_toekomst(api, org, besluittype):
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = api.post(
        f"{BASE}/besluiten", besluit_body(org, besluittype, datum=morgen), format="json"
    )
    assert invalid_params(response) == {"datum": "date-in-future"}


def test_alle_overtredingen_tegelijk(api, org, besluittype):
    besluittype.concept = True
    besluittype.save()
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    body = besluit_body(org, besluittype, datum=morgen, vervaldatum="2020-01-01")
    assert invalid_params(api.post(f"{BASE}/besluiten", body, format="json")) == {
        "datum": "date-in-future",
        "besluittype": "not-published",
        "vervaldatum": "date-mismatch",
    }


@pytest.mark.parametrize(
    ("rsin", "code"),
    [("12345678a", "only-digits"), ("12345678", "invalid-length"), ("123456789", "invalid")],
)
def test_rsin_van_de_verantwoordelijke_organisatie_wordt_gecontroleerd(
    api, org, besluittype, rsin, code
):
    body = besluit_body(org, besluittype, verantwoordelijkeOrganisatie=rsin)
    response = api.post(f"{BASE}/besluiten", body, format="json")
    assert invalid_params(response) == {"verantwoordelijkeOrganisatie": code}


def test_vervalreden_is_een_van_de_waarden_van_de_specificatie(api, org, besluittype):
    body = besluit_body(org, besluittype, vervalreden="vergeten")
    response = api.post(f"{BASE}/besluiten", body, format="json")
    assert invalid_params(response) == {"vervalreden": "invalid_choice"}


def test_identificatie_organisatie_en_besluittype_mogen_niet_wijzigen(
    api, org, systeem, besluittype
):
    besluit = besluit_maken(systeem, besluittype)
    ander_type = BesluitType.objects.create(
        catalogus=besluittype.catalogus,
        omschrijving="Afwijzing",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    body = {
        "identificatie": "ANDERS",
        "verantwoordelijkeOrganisatie": factories.elfproef_number(4242),
        "besluittype": besluittype_url(ander_type),
    }
    response = api.patch(f"{BASE}/besluiten/{besluit.uuid}", body, format="json")
    assert invalid_params(response) == {
        "identificatie": "wijzigen-niet-toegelaten",
        "verantwoordelijkeOrganisatie": "wijzigen-niet-toegelaten",
        "besluittype": "wijzigen-niet-toegelaten",
    }
    same = {"identificatie": besluit.identificatie, "besluittype": besluittype_url(besluittype)}
    assert api.patch(f"{BASE}/besluiten/{besluit.uuid}", same, format="json").status_code == 200


def test_regels_gelden_ook_bij_bijwerken(api, systeem, besluittype):
    besluit = besluit_maken(systeem, besluittype)
    response = api.patch(
        f"{BASE}/besluiten/{besluit.uuid}", {"vervaldatum": "2020-01-01"}, format="json"
    )
    assert invalid_params(response) == {"vervaldatum": "date-mismatch"}


def test_een_gesloten_zaak_vraagt_zaken_geforceerd_bijwerken(
    api, org, systeem, besluittype, zaak, zaaktype
):
    eind = zaaktype.statustypen.order_by("-volgnummer").first()
    resultaattype = zaaktype.resultaattypen.get(omschrijving="Gegrond")
    zaak_status_set(actor=systeem, zaak=zaak, statustype=eind, resultaattype=resultaattype)
    body = besluit_body(org, besluittype, zaak=zaak_url(zaak))
    response = api.post(f"{BASE}/besluiten", body, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    geforceerd = api_client_for(
        org,
        scopes=[*ALLE_SCOPES, "zaken.geforceerd-bijwerken"],
        component="brc",
        types=[besluittype],
    )
    assert geforceerd.post(f"{BASE}/besluiten", body, format="json").status_code == 201


def test_informatieobjecttype_moet_bij_het_besluittype_horen(api, systeem, besluittype, document):
    besluittype.informatieobjecttypen.clear()
    besluit = besluit_maken(systeem, besluittype)
    body = {"informatieobject": document_url(document), "besluit": besluit_url(besluit)}
    response = api.post(f"{BASE}/besluitinformatieobjecten", body, format="json")
    assert invalid_params(response) == {
        "nonFieldErrors": "missing-besluittype-informatieobjecttype-relation"
    }


def test_combinatie_besluit_en_informatieobject_is_uniek(api, systeem, besluittype, document):
    besluit = besluit_maken(systeem, besluittype)
    besluit_document_add(actor=systeem, besluit=besluit, informatieobject=document)
    body = {"informatieobject": document_url(document), "besluit": besluit_url(besluit)}
    response = api.post(f"{BASE}/besluitinformatieobjecten", body, format="json")
    assert invalid_params(response) == {"nonFieldErrors": "unique"}


def test_informatieobject_moet_een_url_van_een_document_zijn(api, systeem, besluittype):
    besluit = besluit_maken(systeem, besluittype)
    body = {"informatieobject": "https://elders.test/documenten/1", "besluit": besluit_url(besluit)}
    response = api.post(f"{BASE}/besluitinformatieobjecten", body, format="json")
    assert invalid_params(response) == {"informatieobject": "bad-url"}
