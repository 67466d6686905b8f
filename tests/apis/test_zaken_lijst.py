"""GET /zaken and POST /zaken/_zoek build a page's ZAAKen from plain rows (apis/zaken/lijst.py).
The JSON must be exactly what ZaakSerializer gives (which GET /zaken/{uuid} still uses): these
tests compare both, byte for byte after rendering, for cases with every part filled or empty."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIRequestFactory

from raadhuis.apis.zaken import lijst
from raadhuis.apis.zaken.serializers.zaken import ZaakSerializer
from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases import verwijzingen
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.selectors import zaken_api
from raadhuis.kernel.cases.verwijzingen import zaak_verwijzingen_laden
from raadhuis.kernel.catalog.models import InformatieObjectType
from raadhuis.kernel.documents.services import zaak_document_add
from tests.apis import test_zaken_support as steun
from tests.apis.test_zaken_support import (
    BASE,
    CRS,
    catalogi_url,
    resultaat_zetten,
    status_zetten,
)

api = steun.api  # fixture
zaak = steun.zaak  # fixture


def _render(data: Any) -> bytes:
    return JSONRenderer().render(data)


def _lijst(api, **params: Any) -> dict[str, Any]:
    response = api.get(f"{BASE}/zaken", params, **CRS)
    assert response.status_code == 200, response.json()
    return response.json()


def _zelfde_als_detail(api, items: list[dict[str, Any]], query: str = "") -> None:
    """Every list item renders to exactly the bytes of its own GET /zaken/{uuid}."""
    assert items
    for item in items:
        detail = api.get(item["url"] + query, **CRS)
        assert detail.status_code == 200
        assert _render(item) == detail.content, item["uuid"]


def create_zaak(client: Any, org: Any, zaaktype: Any, **extra: Any) -> dict[str, Any]:
    body = steun.zaak_body(org, zaaktype, **extra)
    response = client.post(f"{BASE}/zaken", body, format="json", **CRS)
    assert response.status_code == 201, response.json().get("invalidParams")
    return response.json()


def _volle_zaak(api, org, zaaktype) -> dict[str, Any]:
    """A case with every part a ZAAK can show filled in."""
    producten = ["https://pdc.example/producten/1", "https://pdc.example/2"]
    zaaktype.producten_of_diensten = producten
    zaaktype.save(update_fields=["producten_of_diensten"])
    zaaktype.deelzaaktypen.add(zaaktype)
    hoofd = create_zaak(api, org, zaaktype, omschrijving="Hoofdzaak")
    ander = create_zaak(api, org, zaaktype, omschrijving="Andere zaak")
    zaak = create_zaak(
        api,
        org,
        zaaktype,
        omschrijving="Overlast € 'café' \"De Hoek\"",
        toelichting="Regel 1\nRegel 2 — ü",
        hoofdzaak=hoofd["url"],
        einddatumGepland="2025-04-01",
        uiterlijkeEinddatumAfdoening="2025-05-01",
        publicatiedatum="2025-03-10",
        communicatiekanaal="https://kanalen.example/email",
        productenOfDiensten=producten,
        vertrouwelijkheidaanduiding="vertrouwelijk",
        betalingsindicatie="gedeeltelijk",
        laatsteBetaaldatum="2025-03-05T10:15:30.250000+01:00",
        zaakgeometrie={"type": "Point", "coordinates": [5.3, 51.69]},
        verlenging={"reden": "Advies nodig", "duur": "P14D"},
        opschorting={"indicatie": True, "reden": "Wacht op stukken"},
        selectielijstklasse="https://selectielijst.example/resultaten/1",
        relevanteAndereZaken=[{"url": ander["url"], "aardRelatie": "vervolg"}],
        kenmerken=[{"kenmerk": "K-1", "bron": "Balie"}, {"kenmerk": "K-2", "bron": "Post"}],
        archiefnominatie="vernietigen",
        archiefactiedatum="2035-01-01",
        opdrachtgevendeOrganisatie="123456782",
        processobjectaard="Vergunning",
        startdatumBewaartermijn="2025-06-01",
        processobject={
            "datumkenmerk": "x",
            "identificatie": "1",
            "objecttype": "y",
            "registratie": "z",
        },
    )
    rol = api.post(
        f"{BASE}/rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "organisatorische_eenheid",
            "roltype": catalogi_url(
                "roltypen", zaaktype.roltypen.filter(omschrijving_generiek="initiator").first()
            ),
            "roltoelichting": "",
            "betrokkeneIdentificatie": {"identificatie": "OE1", "naam": "Team"},
        },
        format="json",
    )
    assert rol.status_code == 201, rol.json()
    object_ = api.post(
        f"{BASE}/zaakobjecten",
        {"zaak": zaak["url"], "objectType": "adres", "object": "https://bag.example/adressen/1"},
        format="json",
    )
    assert object_.status_code == 201, object_.json()
    eigenschap = api.post(
        f"{zaak['url']}/zaakeigenschappen",
        {
            "zaak": zaak["url"],
            "eigenschap": catalogi_url("eigenschappen", zaaktype.eigenschappen.get()),
            "waarde": "2025-03-01",
        },
        format="json",
    )
    assert eigenschap.status_code == 201, eigenschap.json()
    zaak_document_add(
        actor=Actor.system(org),
        zaak=Zaak.objects.get(uuid=zaak["uuid"]),
        bestand=ContentFile(b"inhoud", name="brief.txt"),
        titel="Brief",
        informatieobjecttype=InformatieObjectType.objects.filter(
            catalogus=zaaktype.catalogus
        ).first(),
    )
    assert status_zetten(api, zaak, zaaktype, 1).status_code == 201
    assert resultaat_zetten(api, zaak, zaaktype).status_code == 201
    return zaak


def test_lijst_geeft_dezelfde_json_als_de_serializer_voor_volle_en_lege_zaken(api, org, zaaktype):
    volle = _volle_zaak(api, org, zaaktype)
    create_zaak(api, org, zaaktype)  # only what is required
    items = _lijst(api)["results"]
    assert len(items) == 4
    vol = next(i for i in items if i["uuid"] == volle["uuid"])
    # the full case really has every list and reference filled
    for veld in ("rollen", "zaakobjecten", "eigenschappen", "zaakinformatieobjecten"):
        assert len(vol[veld]) == 1, veld
    assert vol["status"] and vol["resultaat"] and vol["hoofdzaak"]
    assert vol["laatsteBetaaldatum"] and vol["processobject"] and vol["verlenging"]
    hoofd = next(i for i in items if i["url"] == vol["hoofdzaak"])
    assert hoofd["deelzaken"] == [vol["url"]]
    _zelfde_als_detail(api, items)


def test_lijst_met_expand_geeft_hetzelfde_als_het_detail_met_expand(api, org, zaaktype):
    _volle_zaak(api, org, zaaktype)
    expand = "zaaktype,status,resultaat,rollen,hoofdzaak,deelzaken,eigenschappen"
    items = _lijst(api, expand=expand)["results"]
    assert any(i["_expand"].get("rollen") for i in items)
    _zelfde_als_detail(api, items, f"?expand={expand}")


def test_zoeken_geeft_dezelfde_json_als_de_serializer(api, org, zaaktype):
    volle = _volle_zaak(api, org, zaaktype)
    response = api.post(
        f"{BASE}/zaken/_zoek",
        {"uuid__in": [volle["uuid"]], "zaakgeometrie": {"within": _VLAK}},
        format="json",
        **CRS,
    )
    assert response.status_code == 200, response.json()
    items = response.json()["results"]
    assert [i["uuid"] for i in items] == [volle["uuid"]]
    _zelfde_als_detail(api, items)


_VLAK = {"type": "Polygon", "coordinates": [[[5, 51], [6, 51], [6, 52], [5, 52], [5, 51]]]}


@override_settings(LANGUAGE_CODE="nl")
def test_weergave_rechtstreeks_gelijk_aan_serializer(api, org, zaaktype):
    """Without HTTP: LijstWeergave on rows against ZaakSerializer on model instances."""
    _volle_zaak(api, org, zaaktype)
    actor = Actor.system(org)
    request = APIRequestFactory().get("/zaken/api/v1/zaken")
    instanties = list(zaken_api(actor=actor))
    zaak_verwijzingen_laden(instanties)
    verwacht = ZaakSerializer(instanties, many=True, context={"request": request}).data
    rijen = lijst.rijen_laden(list(lijst.zaak_rijen(zaken_api(actor=actor))))
    gekregen = lijst.LijstWeergave(request).zaken(rijen)
    assert _render(gekregen) == _render(verwacht)


_TEKST = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=30)
_DATUM = st.dates().map(lambda d: d.isoformat())
_OPTIONEEL: dict[str, st.SearchStrategy[Any]] = {
    "omschrijving": _TEKST,
    "toelichting": _TEKST,
    "einddatumGepland": _DATUM,
    "uiterlijkeEinddatumAfdoening": _DATUM,
    "publicatiedatum": _DATUM,
    "betalingsindicatie": st.sampled_from(["", "nvt", "nog_niet", "gedeeltelijk", "geheel"]),
    "laatsteBetaaldatum": st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    "vertrouwelijkheidaanduiding": st.sampled_from(
        ["openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk", "vertrouwelijk"]
    ),
    "zaakgeometrie": st.builds(
        lambda x, y: {"type": "Point", "coordinates": [x, y]},
        st.floats(-180, 180, allow_nan=False),
        st.floats(-90, 90, allow_nan=False),
    ),
    "verlenging": st.builds(
        lambda r, d: {"reden": r or "x", "duur": f"P{d}D"}, _TEKST, st.integers(1, 99)
    ),
    "opschorting": st.builds(lambda i, r: {"indicatie": i, "reden": r}, st.booleans(), _TEKST),
    "kenmerken": st.lists(
        st.builds(lambda k, b: {"kenmerk": k[:40], "bron": b[:40]}, _TEKST, _TEKST),
        max_size=3,
    ),
    "archiefnominatie": st.sampled_from(["", "blijvend_bewaren", "vernietigen"]),
}


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(velden=st.fixed_dictionaries({}, optional=_OPTIONEEL))
def test_lijst_gelijk_aan_detail_voor_willekeurige_zaken(api, org, zaaktype, velden):
    response = api.post(f"{BASE}/zaken", steun.zaak_body(org, zaaktype, **velden), **_JSON)
    if response.status_code == 400:
        return  # a combination the rules refuse (e.g. a planned end before the start)
    assert response.status_code == 201, response.json()
    nieuw = response.json()
    items = [i for i in _lijst(api, pageSize=500)["results"] if i["uuid"] == nieuw["uuid"]]
    _zelfde_als_detail(api, items)


_JSON = {"format": "json", **CRS}


@pytest.mark.django_db
def test_rijen_kolommen_bestaan():
    """Every column the fast path reads exists (a renamed kernel field fails here first)."""
    assert list(lijst.zaak_rijen(Zaak.objects.all())) == []
    assert json.dumps(lijst.KOLOMMEN)


@pytest.mark.django_db
def test_verwijzingen_in_een_query_gelijk_aan_die_per_relatie(api, org, zaaktype):
    """The one-statement loader (UNION ALL, PostgreSQL) puts exactly what the query-per-relation
    loader puts on a page: the same values, in the same order."""
    if connection.vendor != "postgresql":
        pytest.skip("the one-statement loader is PostgreSQL's")
    _volle_zaak(api, org, zaaktype)
    create_zaak(api, org, zaaktype)
    rijen = list(lijst.zaak_rijen(zaken_api(actor=Actor.system(org))))
    snel, kernel = [lijst.ZaakRij(r) for r in rijen], [lijst.ZaakRij(r) for r in rijen]
    verwijzingen._in_een_query(snel)
    verwijzingen._per_relatie(kernel)
    namen = [n for n in vars(kernel[0]) if n.endswith("_refs")]
    assert len(namen) == 7
    assert any(z.relevante_andere_zaken_refs for z in kernel)
    assert any(z.kenmerken_refs for z in kernel)
    for a, b in zip(snel, kernel, strict=True):
        assert {n: getattr(a, n) for n in namen} == {n: getattr(b, n) for n in namen}


@pytest.mark.django_db
def test_het_aantal_queries_hangt_niet_af_van_de_paginagrootte(api, org, zaaktype):
    """A page of 2, 10 or 20 cases (with a filter, so the count is a query too) costs the same
    queries; on PostgreSQL the lists of related rows are one of them."""
    from tests.apis.test_zaken_api import _veel_zaken

    _veel_zaken(org, zaaktype, 21)
    bsn = "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"

    def queries(page_size: int) -> list[str]:
        with CaptureQueriesContext(connection) as gevangen:
            body = _lijst(api, pageSize=page_size, **{bsn: "111222333"})
        assert body["count"] == 21 and len(body["results"]) == page_size
        return [q["sql"] for q in gevangen.captured_queries]

    queries(2)  # the first request of a client also loads what is cached for the next ones
    aantallen = {n: len(queries(n)) for n in (2, 10, 20)}
    assert len(set(aantallen.values())) == 1, aantallen
    if connection.vendor == "postgresql":
        assert sum("UNION ALL" in q for q in queries(20)) == 1
