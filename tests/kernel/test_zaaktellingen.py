"""The case counts PostgreSQL keeps (kernel.cases.tellingen) equal COUNT(*) over the cases an
actor may see, after any mix of creating, changing and deleting cases, bulk writes and folds.
The Zaken API takes an unfiltered list's `count` from them (issue 3, item 7)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.models import Zaak, ZaakTelling
from raadhuis.kernel.cases.selectors import zaken_visible
from raadhuis.kernel.cases.services import zaak_create, zaak_delete, zaak_update
from raadhuis.kernel.cases.tellingen import zaaktellingen_samenvoegen, zaken_aantal
from raadhuis.kernel.common import Vertrouwelijkheid
from tests import factories
from tests.apis.jwt import api_client_for

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the counts are kept by PostgreSQL triggers"
    ),
]

LEVELS = [Vertrouwelijkheid.OPENBAAR, Vertrouwelijkheid.VERTROUWELIJK, Vertrouwelijkheid.GEHEIM]


@pytest.fixture
def wereld():
    org_a = factories.organisatie("Gemeente Teldorp")
    org_b = factories.organisatie("Gemeente Elders")
    klacht = factories.zaaktype(org_a, identificatie="KLACHT")
    melding = factories.zaaktype(org_a, identificatie="MELDING")
    elders = factories.zaaktype(org_b, identificatie="KLACHT")
    # Granted KLACHT up to vertrouwelijk only: MELDING and geheim KLACHT cases are not counted.
    mw = factories.medewerker(
        org_a, zaaktypen=(klacht,), max_vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK
    )
    return {
        "systeem_a": Actor.system(org_a),
        "systeem_b": Actor.system(org_b),
        "medewerker": factories.actor(mw),
        "zaaktypen": [klacht, melding],
        "elders": elders,
    }


def assert_counts_exact(w) -> None:
    for name in ("systeem_a", "systeem_b", "medewerker"):
        actor = w[name]
        assert zaken_aantal(actor=actor) == zaken_visible(actor=actor).count(), name


def new_case(w, zaaktype, level, actor_name="systeem_a") -> Zaak:
    return zaak_create(
        actor=w[actor_name],
        zaaktype=zaaktype,
        omschrijving="Telzaak",
        startdatum=date(2026, 3, 2),
        vertrouwelijkheidaanduiding=level,
    )


def test_creating_changing_and_deleting_keep_the_count_exact(wereld):
    klacht, melding = wereld["zaaktypen"]
    zaken = [new_case(wereld, klacht, level) for level in LEVELS] + [
        new_case(wereld, melding, Vertrouwelijkheid.OPENBAAR),
        new_case(wereld, wereld["elders"], Vertrouwelijkheid.OPENBAAR, "systeem_b"),
    ]
    assert zaken_aantal(actor=wereld["medewerker"]) == 2  # openbaar + vertrouwelijk KLACHT
    assert_counts_exact(wereld)

    # A case made more confidential leaves the medewerker's count; a deleted one every count.
    zaak_update(actor=wereld["systeem_a"], zaak=zaken[0], vertrouwelijkheidaanduiding="geheim")
    zaak_delete(actor=wereld["systeem_a"], zaak=zaken[3])
    assert zaken_aantal(actor=wereld["medewerker"]) == 1
    assert_counts_exact(wereld)

    # Folding leaves one row per group and the same totals.
    zaaktellingen_samenvoegen()
    groups = ZaakTelling.objects.values_list(
        "organisatie_id", "zaaktype_id", "vertrouwelijkheidaanduiding"
    )
    assert len(groups) == len(set(groups))
    assert_counts_exact(wereld)


def test_bulk_statements_and_a_status_change_count_once(wereld):
    klacht, _ = wereld["zaaktypen"]
    zaken = [new_case(wereld, klacht, Vertrouwelijkheid.OPENBAAR) for _ in range(3)]
    # An UPDATE that touches no counted column adds no delta rows at all.
    rows_before = ZaakTelling.objects.count()
    Zaak.objects.filter(pk__in=[z.pk for z in zaken]).update(omschrijving="Anders")
    assert ZaakTelling.objects.count() == rows_before
    # One statement over several rows: one delta row per group.
    Zaak.objects.filter(pk__in=[z.pk for z in zaken]).update(vertrouwelijkheidaanduiding="geheim")
    assert_counts_exact(wereld)
    Zaak.objects.filter(pk__in=[z.pk for z in zaken]).delete()
    assert_counts_exact(wereld)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["create", "update", "delete", "fold"]),
            st.integers(min_value=0, max_value=1),
            st.sampled_from(LEVELS),
            st.integers(min_value=0, max_value=50),
        ),
        max_size=12,
    )
)
def test_any_sequence_of_writes_keeps_the_count_exact(wereld, steps):
    zaaktypen = wereld["zaaktypen"]
    for kind, which, level, pick in steps:
        existing = list(Zaak.objects.filter(organisatie=wereld["systeem_a"].organisatie))
        if kind == "create" or not existing:
            new_case(wereld, zaaktypen[which], level)
        elif kind == "update":
            zaak = existing[pick % len(existing)]
            zaak_update(actor=wereld["systeem_a"], zaak=zaak, vertrouwelijkheidaanduiding=level)
        elif kind == "delete":
            zaak_delete(actor=wereld["systeem_a"], zaak=existing[pick % len(existing)])
        else:
            zaaktellingen_samenvoegen()
        assert_counts_exact(wereld)


def test_the_api_count_of_an_unfiltered_list_comes_from_the_counts(
    wereld, django_assert_num_queries
):
    klacht, melding = wereld["zaaktypen"]
    for _ in range(3):
        new_case(wereld, klacht, Vertrouwelijkheid.OPENBAAR)
    new_case(wereld, melding, Vertrouwelijkheid.OPENBAAR)
    client = api_client_for(
        wereld["systeem_a"].organisatie,
        scopes=["zaken.lezen"],
        component="zrc",
        alle_autorisaties=True,
    )
    headers = {"HTTP_ACCEPT_CRS": "EPSG:4326"}
    page = client.get("/zaken/api/v1/zaken?pageSize=2", **headers).json()
    assert page["count"] == 4 and page["next"]
    # A filtered list counts the filtered set itself.
    gefilterd = client.get(
        f"/zaken/api/v1/zaken?pageSize=1&zaaktype=http://testserver/catalogi/api/v1/zaaktypen/{klacht.uuid}",
        **headers,
    ).json()
    assert gefilterd["count"] == 3
