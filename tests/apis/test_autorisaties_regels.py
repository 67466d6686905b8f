"""The validation rules of the Autorisaties API 1.1.0, each answered with a ValidatieFout
whose invalidParams name the field, the standard's code and a Dutch reason."""

from __future__ import annotations

from datetime import date

import pytest

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import Applicatie
from raadhuis.kernel.access.services import applicatie_create
from raadhuis.kernel.catalog.models import BesluitType
from tests import factories
from tests.apis.jwt import api_client_for

pytestmark = pytest.mark.django_db
URL = "/autorisaties/api/v1/applicaties"


@pytest.fixture
def api(org):
    return api_client_for(
        org, scopes=["autorisaties.lezen", "autorisaties.bijwerken"], component="ac"
    )


def fouten(response) -> dict[str, tuple[str, str]]:
    """invalidParams as {name: (code, reason)}."""
    assert response.status_code == 400, response.json()
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid"
    return {p["name"]: (p["code"], p["reason"]) for p in body["invalidParams"]}


def post(api, **body):
    body.setdefault("label", "Koppeling")
    body.setdefault("clientIds", ["koppeling"])
    return api.post(URL, body, format="json")


def zaaktype_url(zaaktype) -> str:
    return f"http://testserver/catalogi/api/v1/zaaktypen/{zaaktype.uuid}"


# --- a client_id belongs to one applicatie ------------------------------------------------------


def test_regel_een_client_id_hoort_bij_een_applicatie(org, api):
    applicatie_create(
        Actor.system(org), label="Bestaand", client_ids=["bezet"], heeft_alle_autorisaties=True
    )
    response = post(api, clientIds=["bezet"], heeftAlleAutorisaties=True)
    assert fouten(response) == {
        "clientIds": ("clientId-exists", "Client-id bezet hoort al bij een andere applicatie.")
    }


def test_regel_een_client_id_hoort_bij_een_applicatie_ook_over_organisaties_heen(org, api):
    elders = factories.organisatie("Elders")
    applicatie_create(
        Actor.system(elders), label="Vreemd", client_ids=["bezet"], heeft_alle_autorisaties=True
    )
    response = post(api, clientIds=["bezet"], heeftAlleAutorisaties=True)
    assert fouten(response)["clientIds"][0] == "clientId-exists"


def test_regel_een_applicatie_mag_haar_eigen_client_ids_houden(org, api):
    applicatie = applicatie_create(
        Actor.system(org), label="Eigen", client_ids=["eigen"], heeft_alle_autorisaties=True
    )
    body = {"label": "Eigen", "clientIds": ["eigen"], "heeftAlleAutorisaties": True}
    assert api.put(f"{URL}/{applicatie.uuid}", body, format="json").status_code == 200


def test_regel_een_client_id_twee_keer_in_dezelfde_lijst(api):
    response = post(api, clientIds=["dubbel", "dubbel"], heeftAlleAutorisaties=True)
    assert fouten(response)["clientIds"][0] == "unique"


def test_regel_clientids_en_label_zijn_verplicht(api):
    response = api.post(URL, {"heeftAlleAutorisaties": True}, format="json")
    assert fouten(response) == {
        "clientIds": ("required", "Dit veld is vereist."),
        "label": ("required", "Dit veld is vereist."),
    }


def test_regel_een_client_id_is_hoogstens_50_tekens(api):
    response = post(api, clientIds=["x" * 51], heeftAlleAutorisaties=True)
    assert fouten(response)["clientIds.0"][0] == "max_length"


# --- zrc, drc and brc need their type (and zrc, drc a level) --------------------------------------


def test_regel_zrc_vereist_zaaktype_en_max_vertrouwelijkheidaanduiding(api):
    response = post(api, autorisaties=[{"component": "zrc", "scopes": ["zaken.lezen"]}])
    assert fouten(response) == {
        "autorisaties.0.zaaktype": ("required", "Verplicht voor component zrc."),
        "autorisaties.0.maxVertrouwelijkheidaanduiding": (
            "required",
            "Verplicht voor component zrc.",
        ),
    }
    assert not Applicatie.objects.filter(label="Koppeling").exists()


def test_regel_drc_vereist_informatieobjecttype_en_max_vertrouwelijkheidaanduiding(api):
    ztc = {"component": "ztc", "scopes": ["catalogi.lezen"]}
    drc = {"component": "drc", "scopes": ["documenten.lezen"]}
    response = post(api, autorisaties=[ztc, drc])
    assert set(fouten(response)) == {
        "autorisaties.1.informatieobjecttype",
        "autorisaties.1.maxVertrouwelijkheidaanduiding",
    }


def test_regel_brc_vereist_besluittype_maar_geen_vertrouwelijkheid(org, zaaktype, api):
    response = post(api, autorisaties=[{"component": "brc", "scopes": ["besluiten.lezen"]}])
    assert fouten(response) == {
        "autorisaties.0.besluittype": ("required", "Verplicht voor component brc.")
    }
    besluittype = BesluitType.objects.create(
        catalogus=zaaktype.catalogus, omschrijving="Besluit", begin_geldigheid=date(2024, 1, 1)
    )
    brc = {
        "component": "brc",
        "scopes": ["besluiten.lezen"],
        "besluittype": f"http://testserver/catalogi/api/v1/besluittypen/{besluittype.uuid}",
    }
    assert post(api, autorisaties=[brc]).status_code == 201


def test_regel_velden_van_een_andere_component_tellen_niet_mee(zaaktype, api):
    ztc = {"component": "ztc", "scopes": ["catalogi.lezen"], "zaaktype": zaaktype_url(zaaktype)}
    response = post(api, autorisaties=[ztc])
    assert response.status_code == 201
    assert response.json()["autorisaties"] == [
        {"component": "ztc", "componentWeergave": "Catalogi API", "scopes": ["catalogi.lezen"]}
    ]


def test_regel_een_onbekende_component_of_vertrouwelijkheid_wordt_geweigerd(zaaktype, api):
    autorisaties = [
        {"component": "xyz", "scopes": ["x.lezen"]},
        {
            "component": "zrc",
            "scopes": ["zaken.lezen"],
            "zaaktype": zaaktype_url(zaaktype),
            "maxVertrouwelijkheidaanduiding": "supergeheim",
        },
    ]
    errors = fouten(post(api, autorisaties=autorisaties))
    assert errors["autorisaties.0.component"][0] == "invalid_choice"
    assert errors["autorisaties.1.maxVertrouwelijkheidaanduiding"][0] == "invalid_choice"


def test_regel_scopes_zijn_verplicht(zaaktype, api):
    response = post(api, autorisaties=[{"component": "ztc", "scopes": []}])
    assert fouten(response) == {"autorisaties.0.scopes": ("required", "Geef minstens één scope.")}


def test_regel_het_type_moet_een_type_van_de_eigen_organisatie_zijn(org, api):
    vreemd = factories.zaaktype(factories.organisatie("Elders"), identificatie="VREEMD")
    zrc = {
        "component": "zrc",
        "scopes": ["zaken.lezen"],
        "zaaktype": zaaktype_url(vreemd),
        "maxVertrouwelijkheidaanduiding": "openbaar",
    }
    assert fouten(post(api, autorisaties=[zrc]))["autorisaties.0.zaaktype"][0] == "does_not_exist"
    zrc["zaaktype"] = "http://testserver/catalogi/api/v1/besluittypen/" + str(vreemd.uuid)
    assert fouten(post(api, autorisaties=[zrc]))["autorisaties.0.zaaktype"][0] == "bad-url"
    zrc["zaaktype"] = "geen url"
    assert fouten(post(api, autorisaties=[zrc]))["autorisaties.0.zaaktype"][0] == "invalid"


# --- heeftAlleAutorisaties xor autorisaties ------------------------------------------------


def test_regel_heeft_alle_autorisaties_en_autorisaties_niet_allebei(api):
    response = post(
        api,
        heeftAlleAutorisaties=True,
        autorisaties=[{"component": "ztc", "scopes": ["catalogi.lezen"]}],
    )
    code, reason = fouten(response)["nonFieldErrors"]
    assert code == "ambiguous-authorizations-specified"
    assert "niet allebei" in reason


def test_regel_heeft_alle_autorisaties_of_minstens_een_autorisatie(api):
    code, reason = fouten(post(api))["nonFieldErrors"]
    assert code == "missing-authorizations"
    assert reason == "Geef 'heeft alle autorisaties' of minstens één autorisatie."
    code, _reason = fouten(post(api, heeftAlleAutorisaties=False, autorisaties=[]))[
        "nonFieldErrors"
    ]
    assert code == "missing-authorizations"


def test_regel_patch_naar_geen_enkele_autorisatie_wordt_geweigerd(org, api):
    applicatie = applicatie_create(
        Actor.system(org), label="Alles", client_ids=["alles"], heeft_alle_autorisaties=True
    )
    response = api.patch(
        f"{URL}/{applicatie.uuid}", {"heeftAlleAutorisaties": False}, format="json"
    )
    assert fouten(response)["nonFieldErrors"][0] == "missing-authorizations"
    applicatie.refresh_from_db()
    assert applicatie.heeft_alle_autorisaties is True
