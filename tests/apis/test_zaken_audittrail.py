"""The audit trail's `wijzigingen` hold the full JSON body of the object before and after each
action (Zaken API 1.7.0 `Wijzigingen`: "Volledige JSON body van het object"), rebuilt from
the kernel's per-field history."""

from __future__ import annotations

from tests.apis import test_zaken_support as steun
from tests.apis.test_zaken_support import BASE, CRS, catalogi_url

api = steun.api  # fixture
zaak = steun.zaak  # fixture


def _regels(api, zaak) -> list[dict]:
    response = api.get(f"{zaak['url']}/audittrail")
    assert response.status_code == 200, response.json()
    return response.json()


def test_elke_wijziging_toont_het_hele_object_ervoor_en_erna(api, zaak):
    api.patch(zaak["url"], {"omschrijving": "Tweede"}, format="json", **CRS)
    api.patch(
        zaak["url"],
        {"omschrijving": "Derde", "toelichting": "Meer uitleg", "startdatum": "2025-02-01"},
        format="json",
        **CRS,
    )
    huidig = api.get(zaak["url"], **CRS).json()
    regels = [r for r in _regels(api, zaak) if r["resource"] == "zaak"]
    aanmaak, eerste, tweede = regels
    assert tweede["wijzigingen"]["nieuw"] == huidig
    na_eerste = {**huidig, "omschrijving": "Tweede", "toelichting": "", "startdatum": "2025-03-01"}
    assert tweede["wijzigingen"]["oud"] == na_eerste
    assert eerste["wijzigingen"]["nieuw"] == na_eerste
    assert eerste["wijzigingen"]["oud"] == {**na_eerste, "omschrijving": "Klacht over geluid"}
    # creation: nothing before, the body as it was made
    assert aanmaak["actie"] == "create"
    assert aanmaak["wijzigingen"]["oud"] == {}
    assert aanmaak["wijzigingen"]["nieuw"] == eerste["wijzigingen"]["oud"]
    assert set(aanmaak["wijzigingen"]["nieuw"]) >= {"url", "uuid", "zaaktype", "rollen"}


def test_een_regel_apart_opgevraagd_heeft_dezelfde_volledige_wijzigingen(api, zaak):
    api.patch(zaak["url"], {"omschrijving": "Tweede"}, format="json", **CRS)
    api.patch(zaak["url"], {"omschrijving": "Derde"}, format="json", **CRS)
    for regel in _regels(api, zaak):
        detail = api.get(f"{zaak['url']}/audittrail/{regel['uuid']}")
        assert detail.status_code == 200
        assert detail.json() == regel


def test_onderdelen_tonen_hun_eigen_volledige_body(api, zaak, zaaktype):
    roltype = zaaktype.roltypen.filter(omschrijving_generiek="initiator").first()
    rol = api.post(
        f"{BASE}/rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "organisatorische_eenheid",
            "roltype": catalogi_url("roltypen", roltype),
            "roltoelichting": "Indiener",
            "betrokkeneIdentificatie": {"identificatie": "OE1", "naam": "Team"},
        },
        format="json",
    )
    assert rol.status_code == 201, rol.json()
    regel = next(r for r in _regels(api, zaak) if r["resource"] == "rol")
    assert regel["wijzigingen"]["nieuw"] == api.get(rol.json()["url"]).json()
    assert regel["wijzigingen"]["oud"] == {}


def test_een_verwijderd_object_houdt_de_vastgelegde_velden(api, zaak, zaaktype):
    """There is no body left to start from: the recorded fields stay (never a 500)."""
    roltype = zaaktype.roltypen.filter(omschrijving_generiek="initiator").first()
    rol = api.post(
        f"{BASE}/rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "organisatorische_eenheid",
            "roltype": catalogi_url("roltypen", roltype),
            "roltoelichting": "",
            "betrokkeneIdentificatie": {"identificatie": "OE1", "naam": "Team"},
        },
        format="json",
    ).json()
    assert api.delete(rol["url"]).status_code == 204
    regels = [r for r in _regels(api, zaak) if r["resource"] == "rol"]
    assert [r["actie"] for r in regels] == ["create", "destroy"]
    for regel in regels:
        assert isinstance(regel["wijzigingen"]["oud"], dict)
        assert isinstance(regel["wijzigingen"]["nieuw"], dict)
