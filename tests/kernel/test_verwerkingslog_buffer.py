"""A web request writes all its processing-log rows in one INSERT when it ends
(audit.services.verwerkingen_buffer, opened by the request middleware): the same rows as
before, also when the view raises after reading, never twice; outside a request every read is
written at once, as before."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.http import Http404, HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from raadhuis.kernel.audit.context import request_id_var
from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.audit.services import (
    verwerking_record,
    verwerkingen_buffer,
    verwerkingen_record,
)
from raadhuis.web.auth.decorators import staff_required
from tests import factories
from tests.web.test_auth import login_post, make_medewerker, make_organisatie

pytestmark = pytest.mark.django_db

DOEL = "Behandeling aanvraag"


def _read_three_times(request) -> None:
    """What a page does that shows personal data in three places."""
    org = request.actor.organisatie
    verwerking_record(actor=request.actor, handeling="Zaak bekeken", doel=DOEL)
    verwerkingen_record(
        actor=request.actor, handeling="Betrokkenen getoond", doel=DOEL, partijen=[org, org]
    )
    verwerking_record(actor=request.actor, handeling="Documenten getoond", doel=DOEL, partij=org)


@staff_required
def _leest(request):
    _read_three_times(request)
    # Inside the request the rows wait: nothing is written yet.
    return HttpResponse(str(VerwerkingsLog.objects.count()))


@staff_required
def _leest_niets(request):
    return HttpResponse("niets")


@staff_required
def _leest_en_vindt_niets(request):
    _read_three_times(request)
    raise Http404


@staff_required
def _leest_en_crasht(request):
    _read_three_times(request)
    raise RuntimeError("na het lezen")


@staff_required
def _leest_in_teruggedraaide_transactie(request):
    try:
        with transaction.atomic():
            _read_three_times(request)
            raise ValueError("ongeldige invoer")
    except ValueError:
        pass
    return HttpResponse("ok")


urlpatterns = [
    path("", include("raadhuis.conf.urls")),
    path("test/niets/", _leest_niets),
    path("test/leest/", _leest),
    path("test/leest-404/", _leest_en_vindt_niets),
    path("test/leest-500/", _leest_en_crasht),
    path("test/leest-rollback/", _leest_in_teruggedraaide_transactie),
]

HANDELINGEN = [
    "Zaak bekeken",
    "Betrokkenen getoond",
    "Betrokkenen getoond",
    "Documenten getoond",
]


@pytest.fixture
def anna_client(client):
    anna = make_medewerker(make_organisatie())
    assert login_post(client, username=anna.user.username).status_code == 302
    client.get("/test/niets/")  # the first request after login also saves the session
    assert not VerwerkingsLog.objects.exists()
    client.anna = anna
    return client


def _rows() -> list[VerwerkingsLog]:
    return list(VerwerkingsLog.objects.order_by("pk"))


def _inserts(ctx: CaptureQueriesContext) -> list[str]:
    table = VerwerkingsLog._meta.db_table
    return [q["sql"] for q in ctx.captured_queries if q["sql"].startswith(f'INSERT INTO "{table}"')]


@pytest.mark.urls(__name__)
def test_a_request_writes_its_reads_in_one_insert_at_the_end(anna_client):
    with CaptureQueriesContext(connection) as ctx:
        response = anna_client.get("/test/leest/", HTTP_X_REQUEST_ID="verzoek-1")
    assert response.content == b"0"  # not written while the view ran
    assert len(_inserts(ctx)) == 1
    rows = _rows()
    assert [r.handeling for r in rows] == HANDELINGEN
    anna = anna_client.anna
    org = anna.organisatie
    assert {r.request_id for r in rows} == {"verzoek-1"}
    assert {r.actor_user_id for r in rows} == {anna.user_id}
    assert {r.organisatie_id for r in rows} == {org.pk}
    assert [r.partij_uuid for r in rows] == [None, org.uuid, org.uuid, org.uuid]
    assert {r.doel for r in rows} == {DOEL}


@pytest.mark.urls(__name__)
def test_every_request_writes_only_its_own_rows(anna_client):
    anna_client.get("/test/leest/")
    anna_client.get("/test/leest/")
    assert len(_rows()) == 2 * len(HANDELINGEN)  # none written twice, none left behind


@pytest.mark.urls(__name__)
def test_reads_before_a_not_found_are_written(anna_client):
    assert anna_client.get("/test/leest-404/").status_code == 404
    assert [r.handeling for r in _rows()] == HANDELINGEN


@pytest.mark.urls(__name__)
def test_reads_before_a_crash_are_written_once(anna_client):
    anna_client.raise_request_exception = False
    assert anna_client.get("/test/leest-500/").status_code == 500
    assert [r.handeling for r in _rows()] == HANDELINGEN
    anna_client.get("/test/leest/")
    assert len(_rows()) == 2 * len(HANDELINGEN)


@pytest.mark.urls(__name__)
def test_reads_inside_a_transaction_that_rolls_back_are_still_written(anna_client):
    assert anna_client.get("/test/leest-rollback/").status_code == 200
    assert [r.handeling for r in _rows()] == HANDELINGEN


def test_outside_a_request_every_read_is_written_at_once(org):
    actor = factories.actor(factories.medewerker(org))
    verwerking_record(actor=actor, handeling="Zaak bekeken", doel=DOEL)
    assert VerwerkingsLog.objects.count() == 1
    verwerkingen_record(actor=actor, handeling="Lijst", doel=DOEL, partijen=[org, org])
    assert VerwerkingsLog.objects.count() == 3


def test_the_buffer_writes_when_its_block_raises(org):
    actor = factories.actor(factories.medewerker(org))
    token = request_id_var.set("taak-7")
    try:
        with pytest.raises(KeyError), verwerkingen_buffer():
            verwerking_record(actor=actor, handeling="Zaak bekeken", doel=DOEL)
            assert VerwerkingsLog.objects.count() == 0
            raise KeyError("fout")
    finally:
        request_id_var.reset(token)
    assert [(r.handeling, r.request_id) for r in _rows()] == [("Zaak bekeken", "taak-7")]
    # After the block, reads are immediate again.
    verwerking_record(actor=actor, handeling="Daarna", doel=DOEL)
    assert VerwerkingsLog.objects.count() == 2


def test_an_empty_buffer_writes_nothing(org):
    with CaptureQueriesContext(connection) as ctx, verwerkingen_buffer():
        pass
    assert ctx.captured_queries == []


@pytest.mark.parametrize("aantal", [1, 3, 5000])
def test_small_and_large_buffers_write_every_row_once(org, aantal):
    """One INSERT statement for what fits in one; bulk_create in batches beyond that."""
    actor = factories.actor(factories.medewerker(org))
    eenheden = [factories.team(org, naam=f"Team {n}") for n in range(3)]
    partijen = [eenheden[n % 3] for n in range(aantal)]
    with verwerkingen_buffer():
        verwerkingen_record(actor=actor, handeling="Lijst", doel=DOEL, partijen=partijen)
    rows = _rows()
    assert len(rows) == aantal
    assert [r.partij_uuid for r in rows] == [p.uuid for p in partijen]
    assert {(r.organisatie_id, r.actor_user_id, r.actor_type) for r in rows} == {
        (org.pk, actor.user_id, "medewerker")
    }
    assert all(r.tijdstip is not None for r in rows)
