"""The business rules of the Zaken API 1.7.0, one test per rule, named after it. The rules are
kernel rules (kernel/cases/services.py, regels.py); these tests check that they reach an API
client as the specification and the reference implementation answer them."""

from __future__ import annotations

from datetime import date, timedelta

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.koppelingen import besluit_create
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.catalog.models import BesluitType
from tests import factories
from tests.apis import test_zaken_support as steun
from tests.apis.test_zaken_support import (
    BASE,
    CRS,
    catalogi_url,
    client_for,
    create_zaak,
    invalid_param,
    resultaat_zetten,
    status_zetten,
    zaak_afsluiten,
    zaak_body,
)

api = steun.api  # fixture
zaak = steun.zaak  # fixture


def _post_zaak(api, org, zaaktype, **extra):
    return api.post(f"{BASE}/zaken", zaak_body(org, zaaktype, **extra), format="json", **CRS)


def test_zaaktype_moet_gepubliceerd_zijn(org):
    concept = factories.zaaktype(org, identificatie="CONCEPT", concept=True)
    client = client_for(org, [concept])
    response = _post_zaak(client, org, concept)
    assert invalid_param(response, "zaaktype")["code"] == "not-published"


def test_zaaktype_van_een_andere_organisatie_bestaat_niet(api, org):
    elders = factories.zaaktype(factories.organisatie("Elders"), identificatie="ELDERS")
    response = _post_zaak(api, org, elders)
    assert invalid_param(response, "zaaktype")["code"] == "does_not_exist"


def test_zaaktype_url_van_een_andere_api_is_een_bad_url(api, org, zaaktype):
    body = zaak_body(org, zaaktype)
    body["zaaktype"] = "http://testserver/zaken/api/v1/zaken/1"
    response = api.post(f"{BASE}/zaken", body, format="json", **CRS)
    assert invalid_param(response, "zaaktype")["code"] == "bad-url"


def test_identificatie_is_uniek_per_bronorganisatie(api, org, zaaktype):
    create_zaak(api, org, zaaktype, identificatie="UNIEK-1")
    response = _post_zaak(api, org, zaaktype, identificatie="UNIEK-1")
    assert invalid_param(response, "identificatie")["code"] == "identificatie-niet-uniek"


def test_identificatie_mag_niet_gewijzigd_worden(api, zaak):
    response = api.patch(zaak["url"], {"identificatie": "ANDERS"}, format="json", **CRS)
    assert invalid_param(response, "identificatie")["code"] == "wijzigen-niet-toegelaten"


def test_zaaktype_mag_niet_gewijzigd_worden(org, zaaktype):
    ander = factories.zaaktype(org, identificatie="ANDER")
    client = client_for(org, [zaaktype, ander])
    zaak = create_zaak(client, org, zaaktype)
    body = {"zaaktype": catalogi_url("zaaktypen", ander)}
    response = client.patch(zaak["url"], body, format="json", **CRS)
    assert invalid_param(response, "zaaktype")["code"] == "wijzigen-niet-toegelaten"


def test_bronorganisatie_moet_een_geldig_rsin_zijn(api, org, zaaktype):
    response = _post_zaak(api, org, zaaktype, bronorganisatie="123456789")
    assert invalid_param(response, "bronorganisatie")["code"] == "invalid"


def test_communicatiekanaal_moet_een_url_zijn(api, org, zaaktype):
    response = _post_zaak(api, org, zaaktype, communicatiekanaal="telefoon")
    assert invalid_param(response, "communicatiekanaal")["code"] == "invalid"


def test_laatste_betaaldatum_mag_niet_in_de_toekomst_liggen(api, org, zaaktype):
    morgen = (date.today() + timedelta(days=2)).isoformat() + "T10:00:00Z"
    response = _post_zaak(
        api, org, zaaktype, betalingsindicatie="geheel", laatsteBetaaldatum=morgen
    )
    assert invalid_param(response, "laatsteBetaaldatum")["code"] == "date-in-future"


def test_laatste_betaaldatum_niet_bij_betalingsindicatie_nvt(api, org, zaaktype):
    response = _post_zaak(
        api, org, zaaktype, betalingsindicatie="nvt", laatsteBetaaldatum="2025-01-01T10:00:00Z"
    )
    assert invalid_param(response, "laatsteBetaaldatum")["code"] == "betaling-nvt"


def test_archiefstatus_gearchiveerd_vereist_archiefnominatie_en_archiefactiedatum(
    api, org, zaaktype
):
    response = _post_zaak(api, org, zaaktype, archiefstatus="gearchiveerd")
    assert invalid_param(response, "archiefnominatie")["code"] == "archiefnominatie-not-set"
    response = _post_zaak(
        api, org, zaaktype, archiefstatus="gearchiveerd", archiefnominatie="vernietigen"
    )
    assert invalid_param(response, "archiefactiedatum")["code"] == "archiefactiedatum-not-set"


def test_producten_of_diensten_moeten_bij_het_zaaktype_horen(api, org, zaaktype):
    response = _post_zaak(
        api, org, zaaktype, productenOfDiensten=["https://pdc.example/producten/1"]
    )
    assert invalid_param(response, "productenOfDiensten")["code"] == "invalid-products-services"


def test_verlenging_duur_is_een_iso_duur(api, org, zaaktype):
    response = _post_zaak(api, org, zaaktype, verlenging={"reden": "x", "duur": "twee weken"})
    assert invalid_param(response, "verlenging.duur")["code"] == "invalid"


def test_hoofdzaak_mag_zelf_geen_deelzaak_zijn(api, org, zaaktype):
    zaaktype.deelzaaktypen.add(zaaktype)
    hoofd = create_zaak(api, org, zaaktype)
    deel = create_zaak(api, org, zaaktype, hoofdzaak=hoofd["url"])
    assert deel["hoofdzaak"] == hoofd["url"]
    assert api.get(hoofd["url"], **CRS).json()["deelzaken"] == [deel["url"]]
    response = _post_zaak(api, org, zaaktype, hoofdzaak=deel["url"])
    assert invalid_param(response, "hoofdzaak")["code"] == "deelzaak-als-hoofdzaak"


def test_deelzaak_moet_een_deelzaaktype_van_de_hoofdzaak_hebben(api, org, zaaktype):
    hoofd = create_zaak(api, org, zaaktype)
    response = _post_zaak(api, org, zaaktype, hoofdzaak=hoofd["url"])
    assert invalid_param(response, "hoofdzaak")["code"] == "invalid-deelzaaktype"


def test_hoofdzaak_mag_niet_naar_zichzelf_verwijzen(api, zaak, zaaktype):
    zaaktype.deelzaaktypen.add(zaaktype)
    response = api.patch(zaak["url"], {"hoofdzaak": zaak["url"]}, format="json", **CRS)
    assert invalid_param(response, "hoofdzaak")["code"] == "self-forbidden"


def test_hoofdzaak_sluit_pas_als_de_deelzaken_gesloten_zijn(api, org, zaaktype):
    zaaktype.deelzaaktypen.add(zaaktype)
    hoofd = create_zaak(api, org, zaaktype)
    deel = create_zaak(api, org, zaaktype, hoofdzaak=hoofd["url"])
    assert resultaat_zetten(api, hoofd, zaaktype).status_code == 201
    response = status_zetten(api, hoofd, zaaktype, 3)
    assert invalid_param(response, "zaak")["code"] == "deelzaken-not-closed"
    zaak_afsluiten(api, deel, zaaktype)
    assert status_zetten(api, hoofd, zaaktype, 3).status_code == 201


def test_relevante_andere_zaken_worden_vastgelegd(api, org, zaaktype):
    andere = create_zaak(api, org, zaaktype)
    relatie = [{"url": andere["url"], "aardRelatie": "vervolg"}]
    zaak = create_zaak(api, org, zaaktype, relevanteAndereZaken=relatie)
    assert zaak["relevanteAndereZaken"] == relatie
    response = api.patch(zaak["url"], {"relevanteAndereZaken": []}, format="json", **CRS)
    assert response.json()["relevanteAndereZaken"] == []
    response = api.patch(
        zaak["url"],
        {"relevanteAndereZaken": [{"url": zaak["url"], "aardRelatie": "vervolg"}]},
        format="json",
        **CRS,
    )
    assert invalid_param(response, "relevanteAndereZaken")["code"] == "self-forbidden"


def test_eindstatus_vereist_eerst_een_resultaat(api, zaak, zaaktype):
    response = status_zetten(api, zaak, zaaktype, 3)
    assert invalid_param(response, "resultaattype")["code"] == "resultaat-does-not-exist"


def test_eindstatus_zet_einddatum_en_archiefgegevens_uit_het_resultaat(api, zaak, zaaktype):
    assert resultaat_zetten(api, zaak, zaaktype, "Ongegrond").status_code == 201
    assert status_zetten(api, zaak, zaaktype, 3).status_code == 201
    body = api.get(zaak["url"], **CRS).json()
    assert body["einddatum"] == "2025-03-02"
    assert body["archiefnominatie"] == "blijvend_bewaren"
    assert body["archiefactiedatum"] == "2045-03-02"


def test_gesloten_zaak_wijzigen_vereist_geforceerd_bijwerken(api, zaak, zaaktype, org):
    zaak_afsluiten(api, zaak, zaaktype)
    response = api.patch(zaak["url"], {"omschrijving": "Later"}, format="json", **CRS)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    geforceerd = client_for(org, [zaaktype], scopes=["zaken.lezen", "zaken.geforceerd-bijwerken"])
    response = geforceerd.patch(zaak["url"], {"omschrijving": "Later"}, format="json", **CRS)
    assert response.status_code == 200, response.json()


def test_rol_toevoegen_aan_gesloten_zaak_vereist_geforceerd_bijwerken(api, zaak, zaaktype):
    zaak_afsluiten(api, zaak, zaaktype)
    roltype = zaaktype.roltypen.get(omschrijving_generiek="belanghebbende")
    body = {
        "zaak": zaak["url"],
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": catalogi_url("roltypen", roltype),
        "roltoelichting": "",
        "betrokkeneIdentificatie": {"inpBsn": "111222333"},
    }
    assert api.post(f"{BASE}/rollen", body, format="json").status_code == 403


def test_heropenen_vereist_de_scope_zaken_heropenen(api, zaak, zaaktype, org):
    zaak_afsluiten(api, zaak, zaaktype)
    response = status_zetten(api, zaak, zaaktype, 2, statustoelichting="Toch niet klaar")
    assert response.status_code == 403
    heropener = client_for(org, [zaaktype], scopes=["zaken.lezen", "zaken.heropenen"])
    response = status_zetten(heropener, zaak, zaaktype, 2, statustoelichting="Toch niet klaar")
    assert response.status_code == 201, response.json()
    body = api.get(zaak["url"], **CRS).json()
    assert body["einddatum"] is None
    assert body["archiefactiedatum"] is None


def test_met_alleen_zaken_aanmaken_mag_je_een_status_zetten(org, zaaktype):
    client = client_for(org, [zaaktype], scopes=["zaken.lezen", "zaken.aanmaken"])
    zaak = create_zaak(client, org, zaaktype)
    assert status_zetten(client, zaak, zaaktype, 1).status_code == 201
    assert status_zetten(client, zaak, zaaktype, 2).status_code == 403


def test_datum_status_gezet_niet_voor_de_startdatum(api, zaak, zaaktype):
    response = status_zetten(api, zaak, zaaktype, 1, datumStatusGezet="2020-01-01T10:00:00Z")
    code = invalid_param(response, "datumStatusGezet")["code"]
    assert code == "datum-status-gezet-voor-startdatum"


def test_een_zaak_heeft_een_resultaat(api, zaak, zaaktype):
    assert resultaat_zetten(api, zaak, zaaktype).status_code == 201
    response = resultaat_zetten(api, zaak, zaaktype, "Ongegrond")
    assert invalid_param(response, "zaak")["code"] == "unique"


def test_resultaattype_mag_niet_gewijzigd_worden(api, zaak, zaaktype):
    resultaat = resultaat_zetten(api, zaak, zaaktype).json()
    ander = zaaktype.resultaattypen.get(omschrijving="Ongegrond")
    response = api.patch(
        resultaat["url"],
        {"resultaattype": catalogi_url("resultaattypen", ander)},
        format="json",
    )
    assert invalid_param(response, "resultaattype")["code"] == "wijzigen-niet-toegelaten"


def test_een_zaak_heeft_hoogstens_een_initiator(api, zaak, zaaktype):
    roltype = zaaktype.roltypen.get(omschrijving_generiek="initiator")
    body = {
        "zaak": zaak["url"],
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": catalogi_url("roltypen", roltype),
        "roltoelichting": "",
        "betrokkeneIdentificatie": {"inpBsn": "111222333"},
    }
    assert api.post(f"{BASE}/rollen", body, format="json").status_code == 201
    response = api.post(f"{BASE}/rollen", body, format="json")
    assert invalid_param(response, "roltype")["code"] == "max-occurences"


def test_rol_vereist_betrokkene_of_betrokkene_identificatie(api, zaak, zaaktype):
    roltype = zaaktype.roltypen.get(omschrijving_generiek="belanghebbende")
    body = {
        "zaak": zaak["url"],
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": catalogi_url("roltypen", roltype),
        "roltoelichting": "",
    }
    response = api.post(f"{BASE}/rollen", body, format="json")
    assert invalid_param(response, "nonFieldErrors")["code"] == "invalid-betrokkene"


def test_eigenschap_moet_bij_het_zaaktype_horen(api, zaak, org):
    ander = factories.zaaktype(org, identificatie="ANDERE-EIG")
    body = {
        "zaak": zaak["url"],
        "eigenschap": catalogi_url("eigenschappen", ander.eigenschappen.get()),
        "waarde": "2025-01-01",
    }
    response = api.post(f"{zaak['url']}/zaakeigenschappen", body, format="json")
    assert invalid_param(response, "eigenschap")["code"] == "zaaktype-mismatch"


def test_zaak_met_besluiten_kan_niet_verwijderd_worden(api, zaak, zaaktype, org):
    besluittype = BesluitType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Besluit",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    besluittype.zaaktypen.add(zaaktype)
    besluit_create(
        actor=Actor.system(org),
        besluittype=besluittype,
        datum=date(2025, 3, 5),
        ingangsdatum=date(2025, 3, 5),
        zaak=Zaak.objects.get(uuid=zaak["uuid"]),
    )
    response = api.delete(zaak["url"], **CRS)
    assert invalid_param(response, "nonFieldErrors")["code"] == "related-besluiten"


def test_verwijderen_van_een_hoofdzaak_verwijdert_de_deelzaken(api, org, zaaktype):
    zaaktype.deelzaaktypen.add(zaaktype)
    hoofd = create_zaak(api, org, zaaktype)
    deel = create_zaak(api, org, zaaktype, hoofdzaak=hoofd["url"])
    assert api.delete(hoofd["url"], **CRS).status_code == 204
    assert not Zaak.objects.filter(uuid__in=[hoofd["uuid"], deel["uuid"]]).exists()
