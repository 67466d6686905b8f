"""The actor of a staff request from one query (kernel.access.staff): the same grants and
zaaktype ids as from the grant rows, no query for the ids while the catalogue is unchanged,
and never a stale id after a catalogue edit. Also the per-actor memo (Actor.memo)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.access.staff import (
    fingerprint_of,
    medewerker_for_request,
    zaaktypen_cache_clear,
)
from raadhuis.kernel.catalog.models import Catalogus, ZaakType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Medewerker
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cold_cache():
    zaaktypen_cache_clear()
    yield
    zaaktypen_cache_clear()


@pytest.fixture
def klacht(org):
    """Two versions of one case type, plus a case type nobody here is granted."""
    v1 = factories.zaaktype(org, identificatie="KLACHT", versiedatum=date(2024, 1, 1))
    v2 = factories.zaaktype(org, identificatie="KLACHT", versiedatum=date(2025, 1, 1))
    factories.zaaktype(org, identificatie="ANDER", versiedatum=date(2023, 6, 1))
    return v1, v2


@pytest.fixture
def mw(org, klacht):
    m = factories.medewerker(org, zaaktypen=(klacht[0],))
    ZaakTypeAutorisatie.objects.create(
        medewerker=m,
        zaaktype_identificatie="BESTAAT-NIET",
        max_vertrouwelijkheidaanduiding=Vertrouwelijkheid.GEHEIM,
    )
    return m


def _from_rows(m: Medewerker) -> Actor:
    return Actor.for_medewerker(
        Medewerker.objects.prefetch_related("zaaktype_autorisaties").get(pk=m.pk)
    )


def _from_request(m: Medewerker) -> Actor:
    return Actor.for_medewerker(medewerker_for_request(user=m.user, organisatie_id=None))


def _access(actor: Actor) -> tuple:
    return (actor.zaaktype_grants, actor.zaaktype_id_grants, actor.zaaktype_identificaties)


def test_same_actor_as_from_the_grant_rows(mw, klacht):
    actor = _from_request(mw)
    assert _access(actor) == _access(_from_rows(mw))
    assert actor.zaaktype_grants == {
        "KLACHT": Vertrouwelijkheid.VERTROUWELIJK,
        "BESTAAT-NIET": Vertrouwelijkheid.GEHEIM,
    }
    assert actor.zaaktype_identificaties == {klacht[0].pk: "KLACHT", klacht[1].pk: "KLACHT"}
    assert actor == _from_rows(mw)


def test_no_grants_no_ids(org):
    m = factories.medewerker(org)
    actor = _from_request(m)
    assert _access(actor) == ({}, {}, {})


def test_one_query_for_medewerker_and_actor_once_the_map_is_known(mw):
    _from_request(mw)  # reads the organisation's case types once per process
    with CaptureQueriesContext(connection) as ctx:
        actor = _from_request(mw)
    assert len(ctx.captured_queries) == 1
    assert actor.zaaktype_id_grants


def test_database_fingerprint_matches_the_python_one(org, klacht):
    m = factories.medewerker(org)
    rows = ZaakType.objects.filter(catalogus__organisatie=org).values_list("pk", "identificatie")
    found = medewerker_for_request(user=m.user, organisatie_id=None)
    assert found.access_zaaktypen_fingerprint == fingerprint_of(rows)


def test_chosen_organisation_else_the_first(org, mw):
    other = factories.organisatie()
    elders = Medewerker.objects.create(
        organisatie=other, user=mw.user, identificatie="E1", achternaam="Elders", rollen=[]
    )
    assert medewerker_for_request(user=mw.user, organisatie_id=other.pk).pk == elders.pk
    assert medewerker_for_request(user=mw.user, organisatie_id=None).pk == mw.pk
    assert medewerker_for_request(user=mw.user, organisatie_id=987654).pk == mw.pk
    Medewerker.objects.filter(pk=elders.pk).update(actief=False)
    assert medewerker_for_request(user=mw.user, organisatie_id=other.pk).pk == mw.pk


def test_a_new_version_is_granted_at_the_next_request(org, mw, klacht):
    _from_request(mw)
    v3 = factories.zaaktype(org, identificatie="KLACHT", versiedatum=date(2026, 1, 1))
    assert v3.pk in _from_request(mw).zaaktype_id_grants
    assert _access(_from_request(mw)) == _access(_from_rows(mw))


def test_renaming_a_case_type_takes_it_out_and_in(org, mw, klacht):
    _from_request(mw)
    ZaakType.objects.filter(pk=klacht[1].pk).update(identificatie="KLACHT-OUD")
    actor = _from_request(mw)
    assert set(actor.zaaktype_id_grants) == {klacht[0].pk}
    ZaakType.objects.filter(pk=klacht[1].pk).update(identificatie="KLACHT")
    assert set(_from_request(mw).zaaktype_id_grants) == {klacht[0].pk, klacht[1].pk}
    # Renaming another type to a granted identificatie grants it too.
    ander = ZaakType.objects.get(catalogus__organisatie=org, identificatie="ANDER")
    ZaakType.objects.filter(pk=ander.pk).update(identificatie="KLACHT")
    assert ander.pk in _from_request(mw).zaaktype_id_grants


def test_deleting_or_moving_a_version_takes_it_out(org, mw, klacht):
    _from_request(mw)
    other = factories.organisatie()
    factories.zaaktype(other, identificatie="X")  # gives the other organisation a catalogue
    ZaakType.objects.filter(pk=klacht[1].pk).update(
        catalogus=Catalogus.objects.get(organisatie=other)
    )
    assert set(_from_request(mw).zaaktype_id_grants) == {klacht[0].pk}
    ZaakType.objects.filter(pk=klacht[1].pk).update(
        catalogus=Catalogus.objects.get(organisatie=org)
    )
    assert klacht[1].pk in _from_request(mw).zaaktype_id_grants
    ZaakType.objects.filter(pk=klacht[1].pk).delete()
    assert set(_from_request(mw).zaaktype_id_grants) == {klacht[0].pk}


def test_another_organisation_with_the_same_identificatie_is_never_granted(org, mw, klacht):
    other = factories.organisatie()
    vreemd = factories.zaaktype(other, identificatie="KLACHT")
    _from_request(mw)
    assert vreemd.pk not in _from_request(mw).zaaktype_id_grants
    # and the other organisation's medewerker gets only its own
    theirs = factories.medewerker(other, zaaktypen=(vreemd,))
    assert set(_from_request(theirs).zaaktype_id_grants) == {vreemd.pk}
    assert set(_from_request(mw).zaaktype_id_grants) == {klacht[0].pk, klacht[1].pk}


def test_grant_changes_show_at_the_next_request(mw, klacht):
    ZaakTypeAutorisatie.objects.filter(medewerker=mw, zaaktype_identificatie="KLACHT").update(
        max_vertrouwelijkheidaanduiding=Vertrouwelijkheid.OPENBAAR
    )
    actor = _from_request(mw)
    assert actor.zaaktype_id_grants[klacht[0].pk] == Vertrouwelijkheid.OPENBAAR
    ZaakTypeAutorisatie.objects.filter(medewerker=mw, zaaktype_identificatie="KLACHT").delete()
    assert _from_request(mw).zaaktype_id_grants == {}


def test_memo_computes_once_per_actor(mw):
    actor = _from_request(mw)
    calls = []

    def compute():
        calls.append(1)
        return {1, 2}

    assert actor.memo(("test", "x"), compute) == {1, 2}
    assert actor.memo(("test", "x"), compute) == {1, 2}
    assert calls == [1]
    assert actor.memo(("test", "y"), lambda: "ander") == "ander"
    # A new actor (another request) starts empty; the memo is no part of equality or repr.
    fresh = _from_request(mw)
    assert fresh.memo(("test", "x"), lambda: "nieuw") == "nieuw"
    assert fresh == actor
    assert "_memo" not in repr(actor)
    assert dataclasses.replace(actor, weergave="ander")._memo == {}
