"""GET /zaken stays cheap on deeper pages and with filters (issue 3, performance).

A page is chosen on the case ids alone and only its rows are read in full
(apis/zaken/lijst.py pagina_rijen); a filter set builds only the filters a request names
(apis/zaken/filters.py GevraagdeFiltersFilterSet). Both must leave every answer as it was:
these tests compare the pages with the list read in one piece, for every order."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIRequestFactory

from raadhuis.apis.zaken import lijst
from raadhuis.apis.zaken.filters import ORDERING, ZaakFilter
from raadhuis.apis.zaken.serializers.zaken import ZaakSerializer
from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.selectors import zaken_api
from raadhuis.kernel.cases.services import zaak_create
from tests.apis import test_zaken_support as steun
from tests.apis.test_zaken_support import BASE, CRS, zaaktype_url

api = steun.api  # fixture

AANTAL = 23  # cases: five pages of 5, the last one short


@pytest.fixture
def zaken(org, zaaktype) -> list[Any]:
    """Cases with many equal start dates (ties that only the id orders) and varied columns."""
    actor = Actor.system(org)
    return [
        zaak_create(
            actor=actor,
            zaaktype=zaaktype,
            startdatum=date(2025, 1, 1 + i % 4),
            registratiedatum=date(2025, 2, 1 + i % 3),
            omschrijving=f"Zaak {i}",
        )
        for i in range(AANTAL)
    ]


def _pagina(api, **params: Any) -> dict[str, Any]:
    response = api.get(f"{BASE}/zaken", params, **CRS)
    assert response.status_code == 200, response.json()
    return response.json()


def _alle_paginas(api, **params: Any) -> list[str]:
    """The uuids of every page in turn, following `next`."""
    uuids: list[str] = []
    pagina = 1
    while True:
        body = _pagina(api, page=pagina, pageSize=5, **params)
        assert body["count"] == AANTAL
        uuids += [z["uuid"] for z in body["results"]]
        if body["next"] is None:
            return uuids
        pagina += 1


@pytest.mark.django_db
@pytest.mark.parametrize("ordering", ["", *ORDERING, *(f"-{veld}" for veld in ORDERING)])
def test_paginas_samen_zijn_de_lijst_in_een_keer_zonder_overlap(api, zaken, ordering):
    """Pages of 5 in any order together give exactly the list of 100 read in one piece."""
    params = {"ordering": ordering} if ordering else {}
    in_een_keer = [z["uuid"] for z in _pagina(api, pageSize=100, **params)["results"]]
    assert len(in_een_keer) == AANTAL
    assert _alle_paginas(api, **params) == in_een_keer


@pytest.mark.django_db
def test_diepere_pagina_geeft_dezelfde_rijen_als_een_snede_van_de_lijst(org, zaken):
    """pagina_rijen (ids first, then the rows) gives the very rows, in the very order, of the
    list queryset sliced in one query, also with a query filter applied."""
    qs = zaken_api(actor=Actor.system(org))
    gefilterd = ZaakFilter(data={"startdatum__gte": "2025-01-02"}, queryset=qs).qs
    for queryset in (qs, gefilterd, qs.order_by("registratiedatum", "id")):
        for offset in (0, 5, 20):
            verwacht = list(lijst.zaak_rijen(queryset)[offset : offset + 6])
            assert lijst.pagina_rijen(queryset, offset, 6) == verwacht


@pytest.mark.django_db
def test_een_diepere_pagina_kost_evenveel_queries_als_de_eerste(api, zaken):
    _pagina(api, pageSize=5)  # the first request of a client caches what the next ones reuse

    def queries(**params: Any) -> list[str]:
        with CaptureQueriesContext(connection) as gevangen:
            _pagina(api, pageSize=5, **params)
        return [q["sql"] for q in gevangen.captured_queries]

    eerste, diepere = queries(), queries(page=4)
    assert len(diepere) == len(eerste)
    # the page's rows are joined only after the page's ids are chosen (a LIMIT subquery)
    pagina_query = next(q for q in diepere if '"cases_zaak"."identificatie"' in q)
    assert "IN (SELECT" in pagina_query and "OFFSET 15" in pagina_query


@pytest.mark.django_db
def test_gefilterde_lijst_telt_en_pagineert_als_voorheen(api, zaken, zaaktype):
    """A filtered list: the exact count over the filter and pages that partition it."""
    params = {"zaaktype": zaaktype_url(zaaktype), "startdatum__gte": "2025-01-03"}
    verwacht = sum(1 for z in zaken if z.startdatum >= date(2025, 1, 3))
    eerste = _pagina(api, pageSize=5, **params)
    assert eerste["count"] == verwacht
    uuids = [z["uuid"] for z in eerste["results"]]
    uuids += [z["uuid"] for z in _pagina(api, pageSize=5, page=2, **params)["results"]]
    assert len(set(uuids)) == min(10, verwacht)
    alle = {str(z.uuid) for z in zaken if z.startdatum >= date(2025, 1, 3)}
    assert set(uuids) <= alle


@pytest.mark.django_db
def test_filterset_bouwt_alleen_de_gevraagde_filters(org):
    qs = zaken_api(actor=Actor.system(org))
    filters = ZaakFilter(
        data={"startdatum__gte": "2025-01-01", "ordering": "-startdatum"}, queryset=qs
    )
    assert set(filters.filters) == {"startdatum__gte", "ordering"}
    assert set(filters.form.fields) == {"startdatum__gte", "ordering"}
    # unbound (the OpenAPI document, the list of allowed parameters) still has every filter
    assert len(ZaakFilter(queryset=qs).filters) == len(ZaakFilter.base_filters) > 40


@pytest.mark.django_db
def test_ongeldige_filterwaarde_geeft_nog_steeds_een_validatiefout(api, zaken):
    response = api.get(f"{BASE}/zaken", {"startdatum__gte": "geen-datum"}, **CRS)
    assert steun.invalid_param(response, "startdatumGte")["code"] == "invalid"


@pytest.mark.django_db
def test_filter_zonder_waarde_filtert_niets(api, zaken):
    assert _pagina(api, identificatie="", pageSize=100)["count"] == AANTAL


@pytest.mark.django_db
def test_detail_leest_de_lijsten_in_een_query_en_geeft_hetzelfde_als_de_relaties(
    api, org, zaaktype
):
    """GET /zaken/{uuid} reads its lists of related rows as a page does (one query on
    PostgreSQL); the JSON is what ZaakSerializer gives reading every relation itself."""
    from tests.apis.test_zaken_lijst import _render, _volle_zaak

    volle = _volle_zaak(api, org, zaaktype)
    with CaptureQueriesContext(connection) as gevangen:
        response = api.get(volle["url"], **CRS)
    assert response.status_code == 200
    zaak = zaken_api(actor=Actor.system(org)).get(uuid=volle["uuid"])
    request = APIRequestFactory().get(volle["url"])
    verwacht = ZaakSerializer(zaak, context={"request": request}).data
    assert response.content == _render(verwacht)
    assert response.json()["eigenschappen"] and response.json()["zaakinformatieobjecten"]
    if connection.vendor == "postgresql":
        relaties = ("cases_rol", "cases_zaakeigenschap", "cases_zaakkenmerk", "cases_zaakobject")
        los = [q["sql"] for q in gevangen.captured_queries if "UNION ALL" not in q["sql"]]
        assert not any(
            f'FROM "{tabel}" WHERE "{tabel}"."zaak_id" = ' in q
            for q in los
            for tabel in relaties[1:]
        )
