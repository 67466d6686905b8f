"""End to end through a client we did not write: `gemma-zds-client` drives the six ZGW APIs on a
live server, from an empty catalogue to a closed case with a document and a decision, and the
notifications reach a subscriber on localhost through the delivery worker.

Every API call goes through `zds_client.Client` (schema loaded from `<api>/schema/openapi.yaml`,
operationIds as in the official specs, JWT from `zds_client.ClientAuth`)."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.test import Client as DjangoClient
from django.urls import reverse
from zds_client import Client, ClientAuth
from zds_client.schema import get_operation_url

from raadhuis.kernel.organisations.models import Rol
from tests import factories
from tests.kernel.test_outbox_delivery import Subscriber

CLIENT_ID = "e2e-zds-client"
SECRET = "e2e-geheim-dat-lang-genoeg-is-voor-hs256"
LABEL = "E2E-applicatie (zds-client)"
INITIATOR_BSN = "111222333"
SELECTIELIJST = "https://selectielijst.example"

# The official specs name read/delete operations differently per API.
SUFFIXES_1X = {"retrieve": "_retrieve", "delete": "_destroy"}
SUFFIXES_BESLUITEN = {"retrieve": "_read", "delete": "_delete"}


@dataclass
class Apis:
    zaken: Client
    catalogi: Client
    documenten: Client
    besluiten: Client
    notificaties: Client


def zgw_client(live_url: str, api: str, suffixes: dict[str, str]) -> Client:
    auth = ClientAuth(
        client_id=CLIENT_ID,
        secret=SECRET,
        user_id="e2e",
        user_representation="E2E-test",
    )
    client = Client(
        api_root=f"{live_url}/{api}/api/v1/", oas_location="schema/openapi.yaml", auth=auth
    )
    client.operation_suffix_mapping = {**client.operation_suffix_mapping, **suffixes}
    return client


def apis_for(live_url: str) -> Apis:
    return Apis(
        zaken=zgw_client(live_url, "zaken", SUFFIXES_1X),
        catalogi=zgw_client(live_url, "catalogi", SUFFIXES_1X),
        documenten=zgw_client(live_url, "documenten", SUFFIXES_1X),
        besluiten=zgw_client(live_url, "besluiten", SUFFIXES_BESLUITEN),
        notificaties=zgw_client(live_url, "notificaties", SUFFIXES_BESLUITEN),
    )


def uuid_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


# --- the catalogue ----------------------------------------------------------------------------


@dataclass
class Catalogus:
    catalogus: dict[str, Any]
    zaaktype: dict[str, Any]
    statustypen: list[dict[str, Any]]
    roltype: dict[str, Any]
    resultaattype: dict[str, Any]
    informatieobjecttype: dict[str, Any]
    besluittype: dict[str, Any]


def publish(client: Client, resource: str, url: str) -> dict[str, Any]:
    return client.operation(f"{resource}_publish", {}, uuid=uuid_of(url))


def catalogus_build(catalogi: Client, rsin: str) -> Catalogus:
    catalogus = catalogi.create(
        "catalogus",
        {"domein": "E2E", "rsin": rsin, "contactpersoonBeheerNaam": "Functioneel beheer"},
    )
    iotype = catalogi.create(
        "informatieobjecttype",
        {
            "catalogus": catalogus["url"],
            "omschrijving": "Aanvraagformulier",
            "vertrouwelijkheidaanduiding": "openbaar",
            "beginGeldigheid": "2025-01-01",
            "informatieobjectcategorie": "Aanvraag",
        },
    )
    besluittype = catalogi.create(
        "besluittype",
        {
            "catalogus": catalogus["url"],
            "omschrijving": "Vergunning verleend",
            "publicatieIndicatie": False,
            "informatieobjecttypen": ["Aanvraagformulier"],
            "beginGeldigheid": "2025-01-01",
        },
    )
    publish(catalogi, "informatieobjecttype", iotype["url"])
    publish(catalogi, "besluittype", besluittype["url"])
    zaaktype = catalogi.create("zaaktype", zaaktype_body(catalogus["url"]))
    statustypen = [
        catalogi.create(
            "statustype",
            {"zaaktype": zaaktype["url"], "omschrijving": omschrijving, "volgnummer": nummer},
        )
        for nummer, omschrijving in ((1, "Ontvangen"), (2, "Afgehandeld"))
    ]
    roltype = catalogi.create(
        "roltype",
        {
            "zaaktype": zaaktype["url"],
            "omschrijving": "Aanvrager",
            "omschrijvingGeneriek": "initiator",
        },
    )
    resultaattype = catalogi.create(
        "resultaattype",
        {
            "zaaktype": zaaktype["url"],
            "omschrijving": "Verleend",
            "resultaattypeomschrijving": f"{SELECTIELIJST}/resultaattypeomschrijvingen/1",
            "selectielijstklasse": f"{SELECTIELIJST}/resultaten/1",
            "archiefnominatie": "vernietigen",
            "archiefactietermijn": "P1Y",
            "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
        },
    )
    catalogi.create(
        "zaakinformatieobjecttype",
        {
            "zaaktype": zaaktype["url"],
            "informatieobjecttype": "Aanvraagformulier",
            "volgnummer": 1,
            "richting": "inkomend",
        },
    )
    zaaktype = publish(catalogi, "zaaktype", zaaktype["url"])
    assert zaaktype["concept"] is False
    assert sorted(zaaktype["statustypen"]) == sorted(s["url"] for s in statustypen)
    assert zaaktype["roltypen"] == [roltype["url"]]
    assert zaaktype["resultaattypen"] == [resultaattype["url"]]
    assert zaaktype["informatieobjecttypen"] == [iotype["url"]]
    assert zaaktype["besluittypen"] == [besluittype["url"]]
    assert zaaktype == catalogi.retrieve("zaaktype", uuid=uuid_of(zaaktype["url"]))
    eind = catalogi.list("statustype", params={"zaaktype": zaaktype["url"], "status": "alles"})
    assert [s["isEindstatus"] for s in sorted(eind["results"], key=lambda s: s["volgnummer"])] == [
        False,
        True,
    ]
    return Catalogus(catalogus, zaaktype, statustypen, roltype, resultaattype, iotype, besluittype)


def zaaktype_body(catalogus_url: str) -> dict[str, Any]:
    return {
        "identificatie": "E2E-VERGUNNING",
        "omschrijving": "Vergunningaanvraag",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "Vergunningen verlenen",
        "aanleiding": "Een aanvraag van een inwoner",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "aanvragen",
        "onderwerp": "Vergunning",
        "handelingBehandelaar": "behandelen",
        "doorlooptijd": "P8W",
        "opschortingEnAanhoudingMogelijk": False,
        "verlengingMogelijk": False,
        "publicatieIndicatie": False,
        "productenOfDiensten": ["https://example.com/producten/vergunning"],
        "referentieproces": {"naam": "Vergunning"},
        "verantwoordelijke": "Team vergunningen",
        "catalogus": catalogus_url,
        "besluittypen": ["Vergunning verleend"],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2025-01-01",
        "versiedatum": "2025-01-01",
    }


def document_revise(documenten: Client, url: str) -> dict[str, Any]:
    """Lock, send a new version, unlock: the Documenten API's edit cycle."""
    doc_uuid = uuid_of(url)
    lock = documenten.operation("enkelvoudiginformatieobject_lock", {}, uuid=doc_uuid)["lock"]
    nieuw = documenten.partial_update(
        "enkelvoudiginformatieobject",
        {"titel": "Aanvraag dakkapel (aangevuld)", "inhoud": b64(b"Met tekening."), "lock": lock},
        uuid=doc_uuid,
    )
    assert nieuw["versie"] == 2 and nieuw["locked"] is True
    unlock = get_operation_url(
        documenten.schema,
        "enkelvoudiginformatieobject_unlock",
        base_url=documenten.api_root,
        uuid=doc_uuid,
    )
    documenten.request(
        unlock,
        "enkelvoudiginformatieobject_unlock",
        method="POST",
        json={"lock": lock},
        expected_status=204,
    )
    gelezen = documenten.retrieve("enkelvoudiginformatieobject", uuid=doc_uuid)
    assert (gelezen["versie"], gelezen["locked"]) == (2, False)
    return gelezen


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


def zaak_flow(apis: Apis, cat: Catalogus, rsin: str) -> dict[str, dict[str, Any]]:
    """A case from intake to its end status, through the Zaken, Documenten and Besluiten
    APIs; returns every resource made, by name."""
    vandaag = date.today().isoformat()
    r: dict[str, dict[str, Any]] = {}
    r["zaak"] = zaak = apis.zaken.create(
        "zaak",
        {
            "bronorganisatie": rsin,
            "verantwoordelijkeOrganisatie": rsin,
            "zaaktype": cat.zaaktype["url"],
            "omschrijving": "Dakkapel plaatsen",
            "startdatum": vandaag,
        },
    )
    r["status"] = apis.zaken.create(
        "status",
        {
            "zaak": zaak["url"],
            "statustype": cat.statustypen[0]["url"],
            "datumStatusGezet": f"{vandaag}T09:00:00Z",
        },
    )
    r["rol"] = apis.zaken.create(
        "rol",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "natuurlijk_persoon",
            "roltype": cat.roltype["url"],
            "roltoelichting": "Aanvrager",
            "betrokkeneIdentificatie": {"inpBsn": INITIATOR_BSN, "geslachtsnaam": "Jansen"},
        },
    )
    document = apis.documenten.create(
        "enkelvoudiginformatieobject",
        {
            "bronorganisatie": rsin,
            "creatiedatum": vandaag,
            "titel": "Aanvraag dakkapel",
            "auteur": "Aanvrager",
            "taal": "nld",
            "bestandsnaam": "aanvraag.txt",
            "formaat": "text/plain",
            "inhoud": b64(b"Graag een dakkapel."),
            "informatieobjecttype": cat.informatieobjecttype["url"],
        },
    )
    r["zio"] = apis.zaken.create(
        "zaakinformatieobject", {"zaak": zaak["url"], "informatieobject": document["url"]}
    )
    gewijzigd = apis.zaken.partial_update(
        "zaak", {"toelichting": "Aanvraag compleet"}, uuid=zaak["uuid"]
    )
    assert gewijzigd["toelichting"] == "Aanvraag compleet"
    r["besluit"] = apis.besluiten.create(
        "besluit",
        {
            "verantwoordelijkeOrganisatie": rsin,
            "besluittype": cat.besluittype["url"],
            "zaak": zaak["url"],
            "datum": vandaag,
            "ingangsdatum": vandaag,
        },
    )
    r["bio"] = apis.besluiten.create(
        "besluitinformatieobject",
        {"besluit": r["besluit"]["url"], "informatieobject": document["url"]},
    )
    r["document"] = document_revise(apis.documenten, document["url"])
    r["resultaat"] = apis.zaken.create(
        "resultaat", {"zaak": zaak["url"], "resultaattype": cat.resultaattype["url"]}
    )
    r["eindstatus"] = apis.zaken.create(
        "status",
        {
            "zaak": zaak["url"],
            "statustype": cat.statustypen[1]["url"],
            "datumStatusGezet": f"{vandaag}T10:00:00Z",
        },
    )
    return r


def audittrail_check(apis: Apis, r: dict[str, dict[str, Any]], gesloten: dict[str, Any]) -> None:
    """The zaak's audit trail holds every creation and change, by this application."""
    zaak = r["zaak"]
    audit = apis.zaken.list("audittrail", zaak_uuid=zaak["uuid"])
    gezien = {(regel["resource"], regel["actie"], regel["resourceUrl"]) for regel in audit}
    for verwacht in (
        ("zaak", "create", zaak["url"]),
        ("status", "create", r["status"]["url"]),
        ("rol", "create", r["rol"]["url"]),
        ("zaakinformatieobject", "create", r["zio"]["url"]),
        ("resultaat", "create", r["resultaat"]["url"]),
        ("status", "create", r["eindstatus"]["url"]),
    ):
        assert verwacht in gezien, (verwacht, sorted(gezien))
    assert {regel["applicatieWeergave"] for regel in audit} == {LABEL}
    assert {regel["gebruikersWeergave"] for regel in audit} == {"E2E-test"}
    assert {regel["hoofdObject"] for regel in audit} == {zaak["url"]}
    assert {regel["resource"] for regel in audit} <= {
        "zaak", "status", "rol", "resultaat", "zaakinformatieobject", "zaakbesluit"
    }  # fmt: skip
    for regel in audit:  # every line points at a resource that can be read
        gelezen = apis.zaken.retrieve(regel["resource"], url=regel["resourceUrl"])
        assert gelezen["url"] == regel["resourceUrl"]
    eerste = apis.zaken.retrieve("audittrail", zaak_uuid=zaak["uuid"], uuid=audit[0]["uuid"])
    assert eerste == audit[0]
    wijziging = next(regel for regel in audit if regel["wijzigingen"]["nieuw"].get("toelichting"))
    assert (wijziging["resource"], wijziging["actie"]) == ("zaak", "partial_update")
    assert wijziging["wijzigingen"]["nieuw"]["toelichting"] == "Aanvraag compleet"
    afsluiting = next(regel for regel in audit if regel["wijzigingen"]["nieuw"].get("einddatum"))
    assert afsluiting["wijzigingen"]["nieuw"]["einddatum"] == gesloten["einddatum"]


def berichten_check(
    berichten: list[dict[str, Any]], r: dict[str, dict[str, Any]], cat: Catalogus, rsin: str
) -> None:
    """The subscriber got a message per creation and change, with kanaal, URLs and kenmerken."""
    ontvangen = {(b["kanaal"], b["resource"], b["actie"], b["resourceUrl"]) for b in berichten}
    for verwacht in (
        ("zaken", "zaak", "create", r["zaak"]["url"]),
        ("zaken", "status", "create", r["status"]["url"]),
        ("zaken", "rol", "create", r["rol"]["url"]),
        ("zaken", "zaakinformatieobject", "create", r["zio"]["url"]),
        ("zaken", "resultaat", "create", r["resultaat"]["url"]),
        ("zaken", "status", "create", r["eindstatus"]["url"]),
        ("documenten", "enkelvoudiginformatieobject", "create", r["document"]["url"]),
        ("documenten", "enkelvoudiginformatieobject", "partial_update", r["document"]["url"]),
        ("besluiten", "besluit", "create", r["besluit"]["url"]),
        ("besluiten", "besluitinformatieobject", "create", r["bio"]["url"]),
    ):
        assert verwacht in ontvangen, (verwacht, sorted(ontvangen))
    assert all(b["aanmaakdatum"].endswith("Z") for b in berichten)
    hoofd = {
        "zaken": r["zaak"]["url"],
        "documenten": r["document"]["url"],
        "besluiten": r["besluit"]["url"],
    }
    kenmerken = {
        "zaken": {
            "bronorganisatie": rsin,
            "zaaktype": cat.zaaktype["url"],
            "vertrouwelijkheidaanduiding": "openbaar",
        },
        "documenten": {
            "bronorganisatie": rsin,
            "informatieobjecttype": cat.informatieobjecttype["url"],
            "vertrouwelijkheidaanduiding": "openbaar",
        },
        # The Besluiten API's "Notificaties" section names this kenmerk in snake case.
        "besluiten": {"verantwoordelijke_organisatie": rsin, "besluittype": cat.besluittype["url"]},
    }
    for b in berichten:
        assert b["hoofdObject"] == hoofd[b["kanaal"]], b
        assert b["kenmerken"] == kenmerken[b["kanaal"]], b


def staff_ui_check(client: DjangoClient, org: Any, cat: Catalogus, identificatie: str) -> None:
    """The staff UI shows the case to a medewerker granted its zaaktype, not to another."""
    from raadhuis.kernel.catalog.models import ZaakType

    zaaktype = ZaakType.objects.get(uuid=uuid_of(cat.zaaktype["url"]))
    medewerker = factories.medewerker(org, rollen=(Rol.MEDEWERKER,), zaaktypen=(zaaktype,))
    login = client.post(
        reverse("web:login"),
        {"username": medewerker.user.username, "password": factories.PASSWORD},
    )
    assert login.status_code == 302, login.content.decode()[:500]
    lijst = client.get(reverse("web:zaken"), {"status": "gesloten"})
    assert lijst.status_code == 200
    assert identificatie in lijst.content.decode()

    buitenstaander = factories.medewerker(org, rollen=(Rol.MEDEWERKER,))
    anders = DjangoClient()
    anders.force_login(buitenstaander.user, backend="django.contrib.auth.backends.ModelBackend")
    lijst = anders.get(reverse("web:zaken"), {"status": "gesloten"})
    assert lijst.status_code == 200
    assert identificatie not in lijst.content.decode()


# --- reads across the APIs --------------------------------------------------------------------


def related_reads_check(apis: Apis, cat: Catalogus, r: dict[str, dict[str, Any]]) -> None:
    """What one API wrote, the others show: lists, relations and their own audit trails."""
    zaak, document, besluit, zio = r["zaak"], r["document"], r["besluit"], r["zio"]
    gevonden = apis.zaken.list("zaak", params={"zaaktype": cat.zaaktype["url"]})
    assert [z["url"] for z in gevonden["results"]] == [zaak["url"]]
    zoek = apis.zaken.operation("zaak__zoek", {"zaaktype": cat.zaaktype["url"]})
    assert [z["url"] for z in zoek["results"]] == [zaak["url"]]
    assert apis.zaken.list("zaakinformatieobject", params={"zaak": zaak["url"]}) == [zio]
    oios = apis.documenten.list("objectinformatieobject", params={"object": zaak["url"]})
    assert [(o["informatieobject"], o["objectType"]) for o in oios] == [(document["url"], "zaak")]
    doc_uuid = uuid_of(document["url"])
    assert (
        apis.documenten.retrieve("enkelvoudiginformatieobject", uuid=doc_uuid)["url"]
        == (document["url"])
    )
    doc_zoek = apis.documenten.operation(
        "enkelvoudiginformatieobject__zoek", {"uuid__in": [doc_uuid]}
    )
    assert [d["url"] for d in doc_zoek["results"]] == [document["url"]]
    doc_audit = apis.documenten.list("audittrail", enkelvoudiginformatieobject_uuid=doc_uuid)
    assert ("enkelvoudiginformatieobject", "create") in {
        (r["resource"], r["actie"]) for r in doc_audit
    }
    assert {r["applicatieWeergave"] for r in doc_audit} == {LABEL}
    besluit_uuid = uuid_of(besluit["url"])
    assert apis.besluiten.retrieve("besluit", uuid=besluit_uuid)["zaak"] == zaak["url"]
    bios = apis.besluiten.list("besluitinformatieobject", params={"besluit": besluit["url"]})
    assert [b["informatieobject"] for b in bios] == [document["url"]]
    oios = apis.documenten.list("objectinformatieobject", params={"object": besluit["url"]})
    assert [(o["informatieobject"], o["objectType"]) for o in oios] == [
        (document["url"], "besluit")
    ]
    expanded = apis.zaken.retrieve(
        "zaak", uuid=zaak["uuid"], request_kwargs={"params": {"expand": "zaaktype,status"}}
    )
    assert expanded["_expand"]["zaaktype"]["url"] == cat.zaaktype["url"]
    assert expanded["_expand"]["status"]["url"] == expanded["status"]
    besluit_audit = apis.besluiten.list("audittrail", besluit_uuid=besluit_uuid)
    besluit_regels = {(r["resource"], r["actie"]) for r in besluit_audit}
    assert {("besluit", "create"), ("besluitinformatieobject", "create")} <= besluit_regels
    assert {r["applicatieWeergave"] for r in besluit_audit} == {LABEL}


# --- the test ---------------------------------------------------------------------------------


@pytest.fixture
def live_url(live_server, settings) -> str:
    settings.BASE_URL = live_server.url  # notification URLs point at the live server
    settings.NOTIFICATIES_INTERNE_CALLBACKS = ["*"]  # the subscriber runs on 127.0.0.1
    return live_server.url


def applicatie_register() -> None:
    """`raadhuis api-client create --all-scopes`: heeftAlleAutorisaties."""
    call_command(
        "api_client", "create", "--client-id", CLIENT_ID, "--secret", SECRET, "--all-scopes",
        "--label", LABEL,
    )  # fmt: skip


def test_zaak_van_catalogus_tot_archief_via_gemma_zds_client(live_url, org, client):
    applicatie_register()
    apis = apis_for(live_url)
    cat = catalogus_build(apis.catalogi, org.rsin)
    kanalen = {k["naam"] for k in apis.notificaties.list("kanaal")}
    assert {"zaken", "documenten", "besluiten"} <= kanalen

    with Subscriber() as subscriber:
        abonnement = apis.notificaties.create(
            "abonnement",
            {
                "callbackUrl": subscriber.url,
                "auth": "Bearer e2e-ontvanger",
                "kanalen": [
                    {"naam": kanaal, "filters": {}}
                    for kanaal in ("zaken", "documenten", "besluiten")
                ],
            },
        )
        assert apis.notificaties.retrieve("abonnement", url=abonnement["url"]) == abonnement
        r = zaak_flow(apis, cat, org.rsin)
        gesloten = apis.zaken.retrieve("zaak", uuid=r["zaak"]["uuid"])
        assert gesloten["einddatum"] == date.today().isoformat()
        assert gesloten["archiefactiedatum"] == (date.today() + relativedelta(years=1)).isoformat()
        assert gesloten["archiefnominatie"] == "vernietigen"
        assert gesloten["status"] == r["eindstatus"]["url"]
        assert gesloten["resultaat"] == r["resultaat"]["url"]
        zaakbesluiten = apis.zaken.list("zaakbesluit", zaak_uuid=r["zaak"]["uuid"])
        assert [zb["besluit"] for zb in zaakbesluiten] == [r["besluit"]["url"]]
        audittrail_check(apis, r, gesloten)
        related_reads_check(apis, cat, r)

        call_command("notificaties_afleveren", "--once")

    assert {o.headers["Authorization"] for o in subscriber.ontvangen} == {"Bearer e2e-ontvanger"}
    berichten_check(subscriber.berichten, r, cat, org.rsin)
    staff_ui_check(client, org, cat, gesloten["identificatie"])


def test_audittrail_toont_een_leesbare_weergave_van_elke_regel(live_url, org):
    applicatie_register()
    apis = apis_for(live_url)
    cat = catalogus_build(apis.catalogi, org.rsin)
    zaak = apis.zaken.create(
        "zaak",
        {
            "bronorganisatie": org.rsin,
            "verantwoordelijkeOrganisatie": org.rsin,
            "zaaktype": cat.zaaktype["url"],
            "startdatum": date.today().isoformat(),
        },
    )
    document = apis.documenten.create(
        "enkelvoudiginformatieobject",
        {
            "bronorganisatie": org.rsin,
            "creatiedatum": date.today().isoformat(),
            "titel": "Bijlage",
            "auteur": "Aanvrager",
            "taal": "nld",
            "inhoud": b64(b"bijlage"),
            "informatieobjecttype": cat.informatieobjecttype["url"],
        },
    )
    apis.zaken.create(
        "zaakinformatieobject", {"zaak": zaak["url"], "informatieobject": document["url"]}
    )
    audit = apis.zaken.list("audittrail", zaak_uuid=zaak["uuid"])
    weergaven = [regel["resourceWeergave"] for regel in audit]
    assert len(weergaven) == 2
    assert not [w for w in weergaven if re.search(r"object \(\d+\)", w)], weergaven
