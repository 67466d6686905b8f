"""The notification outbox is delivered to subscribers over real HTTP on localhost: a subscriber
that fails is tried again with back-off, one that is down loses nothing, and no delivery is sent
twice by the worker."""

from __future__ import annotations

import datetime
import io
import json
import socket
import threading
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.koppelingen import besluit_create
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.catalog.models import BesluitType, InformatieObjectType
from raadhuis.kernel.documents.services import document_versie_add, zaak_document_add
from raadhuis.kernel.events import delivery
from raadhuis.kernel.events.kanalen import kanalen_standaard_ensure
from raadhuis.kernel.events.models import (
    Aflevering,
    AfleveringStatus,
    Kanaal,
    OutboxEvent,
    OutboxStatus,
)
from raadhuis.kernel.events.services import (
    KanaalFilters,
    abonnement_create,
    aflevering_retry,
)
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.services import taak_create
from tests import factories


@pytest.fixture(autouse=True)
def _standaard_kanalen(db):
    """Tests on a live server flush the database, data-migration rows included."""
    kanalen_standaard_ensure()


pytestmark = pytest.mark.django_db

BASE = "http://raadhuis.test"


# --- a real subscriber on localhost -----------------------------------------------------------


@dataclass
class Ontvangen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class Subscriber:
    """A notification endpoint in a thread: records every POST, answers 204, or 500 for the
    first `fail_first` calls. `port` may be given to start on a port that was closed before."""

    fail_first: int = 0
    port: int = 0
    ontvangen: list[Ontvangen] = field(default_factory=list)
    calls: int = 0

    def __enter__(self) -> Subscriber:
        subscriber = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                subscriber.calls += 1
                subscriber.ontvangen.append(Ontvangen(self.path, dict(self.headers), body))
                failing = subscriber.calls <= subscriber.fail_first
                self.send_response(500 if failing else 204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/callback"

    @property
    def berichten(self) -> list[dict[str, Any]]:
        """The messages that were accepted (answered 2xx)."""
        return [o.body for o in self.ontvangen[self.fail_first :]]


def closed_port() -> int:
    """A port nothing listens on (connection refused), to start a subscriber on later."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- helpers ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.BASE_URL = BASE


def subscribe(org, url: str, kanaal: str = "zaken", auth: str = "Bearer geheim", **filters):
    return abonnement_create(
        actor=Actor.system(org),
        callback_url=url,
        auth=auth,
        kanalen=[KanaalFilters(naam=kanaal, filters=filters)],
    )


def run_worker(now: datetime.datetime | None = None) -> delivery.SendResult:
    delivery.events_distribute(now=now)
    return delivery.afleveringen_send(now=now)


def aflevering() -> Aflevering:
    return Aflevering.objects.get()


# --- the message ------------------------------------------------------------------------------


def test_zaak_create_reaches_subscriber_as_zgw_message_with_its_authorization_header(
    org, actor, zaaktype
):
    with Subscriber() as sub:
        subscribe(org, sub.url, auth="Bearer abc123")
        zaak = zaak_create(actor=actor, zaaktype=zaaktype)
        result = run_worker()

    assert result.afgeleverd == 2  # the case and its first status
    zaak_bericht = next(b for b in sub.berichten if b["resource"] == "zaak")
    assert zaak_bericht == {
        "kanaal": "zaken",
        "hoofdObject": f"{BASE}/zaken/api/v1/zaken/{zaak.uuid}",
        "resource": "zaak",
        "resourceUrl": f"{BASE}/zaken/api/v1/zaken/{zaak.uuid}",
        "actie": "create",
        "aanmaakdatum": zaak_bericht["aanmaakdatum"],
        "kenmerken": {
            "bronorganisatie": zaak.bronorganisatie,
            "zaaktype": f"{BASE}/catalogi/api/v1/zaaktypen/{zaaktype.uuid}",
            "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
        },
    }
    assert zaak_bericht["aanmaakdatum"].endswith("Z")
    assert {o.headers["Authorization"] for o in sub.ontvangen} == {"Bearer abc123"}
    assert {o.path for o in sub.ontvangen} == {"/callback"}


def test_status_message_points_to_the_status_with_the_zaak_as_hoofdobject(org, actor, zaaktype):
    with Subscriber() as sub:
        subscribe(org, sub.url)
        zaak = zaak_create(actor=actor, zaaktype=zaaktype)
        run_worker()
    status = zaak.statussen.get()
    bericht = next(b for b in sub.berichten if b["resource"] == "status")
    assert bericht["resourceUrl"] == f"{BASE}/zaken/api/v1/statussen/{status.uuid}"
    assert bericht["hoofdObject"] == f"{BASE}/zaken/api/v1/zaken/{zaak.uuid}"


def test_zaakeigenschap_url_is_nested_under_its_zaak():
    event = OutboxEvent(
        kanaal="zaken",
        resource="zaakeigenschap",
        actie="create",
        resource_uuid="5b1e1b5e-6bd1-4c2b-9d4c-2a3f0e1d2c3b",
        hoofd_object_uuid="0c6f2bb8-8f2f-4b7e-8a51-3c5a6e0f9d11",
        kenmerken={"bronorganisatie": "002220647"},
        aangemaakt_op=timezone.now(),
    )
    bericht = delivery.notificatie_bericht(event)
    assert bericht is not None
    assert bericht["resourceUrl"] == (
        f"{BASE}/zaken/api/v1/zaken/0c6f2bb8-8f2f-4b7e-8a51-3c5a6e0f9d11"
        "/zaakeigenschappen/5b1e1b5e-6bd1-4c2b-9d4c-2a3f0e1d2c3b"
    )


def test_missing_document_kenmerken_are_derived_from_the_database(org, actor, zaaktype):
    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    iot = InformatieObjectType.objects.get(catalogus=zaaktype.catalogus)
    zio = zaak_document_add(
        actor=actor,
        zaak=zaak,
        bestand=ContentFile(b"eerste", name="brief.txt"),
        titel="Brief",
        informatieobjecttype=iot,
    )
    OutboxEvent.objects.update(status=OutboxStatus.SENT)  # only the new version matters here
    with Subscriber() as sub:
        subscribe(org, sub.url, kanaal="documenten")
        document_versie_add(
            actor=actor,
            informatieobject=zio.informatieobject,
            bestand=ContentFile(b"tweede", name="brief.txt"),
        )
        event = OutboxEvent.objects.get(status=OutboxStatus.PENDING)
        assert set(event.kenmerken) == {"bronorganisatie"}  # what the service sends today
        run_worker()
    [bericht] = sub.berichten
    assert bericht["actie"] == "update"
    assert bericht["kenmerken"] == {
        "bronorganisatie": zio.informatieobject.bronorganisatie,
        "informatieobjecttype": f"{BASE}/catalogi/api/v1/informatieobjecttypen/{iot.uuid}",
        "vertrouwelijkheidaanduiding": zio.informatieobject.vertrouwelijkheidaanduiding,
    }


def test_besluit_kenmerken_use_the_names_of_the_besluiten_specification(org, actor, zaaktype):
    besluittype = BesluitType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Toekenning",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    with Subscriber() as sub:
        subscribe(org, sub.url, kanaal="besluiten", besluittype="*")
        besluit = besluit_create(
            actor=actor, besluittype=besluittype, datum=date.today(), ingangsdatum=date.today()
        )
        run_worker()
    [bericht] = sub.berichten
    assert bericht["hoofdObject"] == f"{BASE}/besluiten/api/v1/besluiten/{besluit.uuid}"
    assert bericht["kenmerken"] == {
        "verantwoordelijke_organisatie": org.rsin,
        "besluittype": f"{BASE}/catalogi/api/v1/besluittypen/{besluittype.uuid}",
    }


def test_event_of_a_resource_no_api_publishes_is_not_notified(org, actor, zaaktype, behandelaar):
    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    OutboxEvent.objects.update(status=OutboxStatus.SENT)
    subscribe(org, "http://127.0.0.1:9/niet-gebruikt")
    taak_create(
        actor=actor, zaak=zaak, titel="Bellen", toegewezen_aan=behandelaar, vervaldatum=date.today()
    )
    delivery.events_distribute()
    event = OutboxEvent.objects.get(resource="taak")
    assert event.status == OutboxStatus.SKIPPED
    assert not Aflevering.objects.exists()


def test_standard_kanalen_exist_with_the_kenmerken_of_their_specification():
    kanalen = dict(Kanaal.objects.values_list("naam", "filters"))
    assert kanalen["zaken"] == ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"]
    assert kanalen["documenten"] == [
        "bronorganisatie",
        "informatieobjecttype",
        "vertrouwelijkheidaanduiding",
    ]
    assert kanalen["besluiten"] == ["verantwoordelijke_organisatie", "besluittype"]
    assert {"zaaktypen", "informatieobjecttypen", "besluittypen", "autorisaties"} <= set(kanalen)


# --- who receives what ------------------------------------------------------------------------


def test_only_abonnementen_whose_filters_match_receive_the_message(org, actor, zaaktype):
    with Subscriber() as openbaar, Subscriber() as passend, Subscriber() as alles:
        subscribe(org, openbaar.url, vertrouwelijkheidaanduiding="openbaar")
        subscribe(org, passend.url, vertrouwelijkheidaanduiding="zaakvertrouwelijk")
        subscribe(org, alles.url)
        zaak_create(actor=actor, zaaktype=zaaktype)  # zaakvertrouwelijk by its zaaktype
        run_worker()
    assert openbaar.ontvangen == []
    assert len(passend.berichten) == 2
    assert len(alles.berichten) == 2


def test_abonnement_of_another_organisation_receives_nothing(org, actor, zaaktype):
    andere = factories.organisatie("Gemeente Elders")
    with Subscriber() as sub:
        subscribe(andere, sub.url)
        zaak_create(actor=actor, zaaktype=zaaktype)
        run_worker()
    assert sub.ontvangen == []


def test_abonnement_on_another_kanaal_receives_nothing(org, actor, zaaktype):
    with Subscriber() as sub:
        subscribe(org, sub.url, kanaal="besluiten")
        zaak_create(actor=actor, zaaktype=zaaktype)
        run_worker()
    assert sub.ontvangen == []


# --- retries, back-off, nothing lost ----------------------------------------------------------


def test_failing_subscriber_is_retried_with_doubling_waits_until_it_accepts(org, actor, zaaktype):
    t0 = timezone.now()
    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    OutboxEvent.objects.exclude(resource="zaak").update(status=OutboxStatus.SENT)
    with Subscriber(fail_first=2) as sub:
        subscribe(org, sub.url)
        run_worker(now=t0)
        a = aflevering()
        assert (a.status, a.pogingen, a.http_status) == (AfleveringStatus.PENDING, 1, 500)
        assert a.laatste_fout.startswith("HTTP 500")
        assert a.volgende_poging_op == t0 + datetime.timedelta(minutes=1)

        assert run_worker(now=t0 + datetime.timedelta(seconds=59)).pogingen == 0  # not yet due
        run_worker(now=t0 + datetime.timedelta(minutes=1))
        a = aflevering()
        assert a.pogingen == 2
        assert a.volgende_poging_op == t0 + datetime.timedelta(minutes=3)  # waited 2 minutes

        result = run_worker(now=t0 + datetime.timedelta(minutes=3))
    a = aflevering()
    assert result.afgeleverd == 1
    assert (a.status, a.pogingen, a.http_status, a.laatste_fout) == (
        AfleveringStatus.SENT,
        3,
        204,
        "",
    )
    assert sub.calls == 3
    assert sub.berichten[0]["resourceUrl"].endswith(str(zaak.uuid))


def test_backoff_doubles_from_one_minute_and_is_capped_at_an_hour():
    waits = [delivery.backoff(n) for n in range(1, 10)]
    assert [w.total_seconds() / 60 for w in waits] == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_subscriber_that_is_down_loses_nothing_and_gets_the_message_when_it_is_up(
    org, actor, zaaktype
):
    t0 = timezone.now()
    port = closed_port()
    subscribe(org, f"http://127.0.0.1:{port}/callback")
    zaak_create(actor=actor, zaaktype=zaaktype)
    for minuten in (0, 1, 3):  # three attempts while it is down
        run_worker(now=t0 + datetime.timedelta(minutes=minuten))
    afleveringen = Aflevering.objects.all()
    assert {a.status for a in afleveringen} == {AfleveringStatus.PENDING}
    assert {a.pogingen for a in afleveringen} == {3}
    assert all(a.http_status is None and "Connection" in a.laatste_fout for a in afleveringen)

    with Subscriber(port=port) as sub:
        result = run_worker(now=t0 + datetime.timedelta(minutes=7))
    assert result.afgeleverd == 2
    assert sorted(b["resource"] for b in sub.berichten) == ["status", "zaak"]
    assert {a.status for a in Aflevering.objects.all()} == {AfleveringStatus.SENT}


def test_delivery_fails_after_max_pogingen_and_a_beheerder_can_offer_it_again(
    org, actor, zaaktype, settings
):
    settings.NOTIFICATIES_MAX_POGINGEN = 2
    t0 = timezone.now()
    port = closed_port()
    subscribe(org, f"http://127.0.0.1:{port}/callback")
    zaak_create(actor=actor, zaaktype=zaaktype)
    OutboxEvent.objects.exclude(resource="zaak").update(status=OutboxStatus.SENT)
    run_worker(now=t0)
    result = run_worker(now=t0 + datetime.timedelta(minutes=1))
    a = aflevering()
    assert result.opgegeven == 1
    assert (a.status, a.pogingen, a.volgende_poging_op) == (AfleveringStatus.FAILED, 2, None)
    assert run_worker(now=t0 + datetime.timedelta(days=1)).pogingen == 0  # stays failed

    beheerder = factories.actor(factories.medewerker(org, rollen=(Rol.BEHEERDER,)))
    aflevering_retry(actor=beheerder, aflevering=a)
    entry = AuditEntry.objects.filter(actie="aflevering_opnieuw_aangeboden").get()
    assert entry.wijzigingen["status"] == ["failed", "pending"]
    with Subscriber(port=port) as sub:
        run_worker()
    assert aflevering().status == AfleveringStatus.SENT
    assert len(sub.berichten) == 1


def test_only_a_beheerder_may_offer_a_failed_delivery_again(org, actor, zaaktype):
    subscribe(org, "http://127.0.0.1:9/x")
    zaak_create(actor=actor, zaaktype=zaaktype)
    delivery.events_distribute()
    a = Aflevering.objects.first()
    Aflevering.objects.filter(pk=a.pk).update(status=AfleveringStatus.FAILED)
    functioneel = factories.actor(factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))
    with pytest.raises(PermissionDenied):
        aflevering_retry(actor=functioneel, aflevering=a)
    elders = factories.organisatie()
    with pytest.raises(PermissionDenied):
        aflevering_retry(actor=Actor.system(elders), aflevering=a)


def test_a_delivery_that_did_not_fail_cannot_be_offered_again(org, actor, zaaktype):
    subscribe(org, "http://127.0.0.1:9/x")
    zaak_create(actor=actor, zaaktype=zaaktype)
    delivery.events_distribute()
    with pytest.raises(ValidationError):
        aflevering_retry(actor=Actor.system(org), aflevering=Aflevering.objects.first())


# --- exactly one delivery per (event, abonnement) ---------------------------------------------


def test_distributing_an_event_twice_creates_one_delivery_per_abonnement(org, actor, zaaktype):
    subscribe(org, "http://127.0.0.1:9/x")
    zaak_create(actor=actor, zaaktype=zaaktype)
    delivery.events_distribute()
    OutboxEvent.objects.update(status=OutboxStatus.PENDING)  # as if a worker crashed after it
    delivery.events_distribute()
    assert Aflevering.objects.count() == OutboxEvent.objects.count() == 2


def test_a_delivered_message_is_not_sent_again(org, actor, zaaktype):
    with Subscriber() as sub:
        subscribe(org, sub.url)
        zaak_create(actor=actor, zaaktype=zaaktype)
        run_worker()
        later = timezone.now() + datetime.timedelta(days=1)
        assert run_worker(now=later).pogingen == 0
    assert sub.calls == 2


def test_a_delivery_claimed_by_one_worker_is_not_sent_by_another(org, actor, zaaktype):
    with Subscriber() as sub:
        subscribe(org, sub.url)
        zaak_create(actor=actor, zaaktype=zaaktype)
        delivery.events_distribute()
        claimed = delivery._claim(timezone.now(), batch=10)  # worker A, still sending
        assert len(claimed) == 2
        assert delivery.afleveringen_send().pogingen == 0  # worker B finds nothing due
    assert sub.calls == 0


def test_a_delivery_of_a_worker_that_died_is_sent_after_its_lease(org, actor, zaaktype):
    t0 = timezone.now()
    with Subscriber() as sub:
        subscribe(org, sub.url)
        zaak_create(actor=actor, zaaktype=zaaktype)
        delivery.events_distribute(now=t0)
        delivery._claim(t0, batch=10)  # worker A claims, then dies
        lease_over = max(a.volgende_poging_op for a in Aflevering.objects.all())
        assert delivery.afleveringen_send(now=lease_over).afgeleverd == 2
    assert sub.calls == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_second_worker_skips_rows_another_worker_holds_locked_instead_of_waiting(
    org, actor, zaaktype
):
    subscribe(org, "http://127.0.0.1:9/x")
    for _ in range(3):
        zaak_create(actor=actor, zaaktype=zaaktype)
    delivery.events_distribute()
    claims: dict[str, list[int]] = {}
    a_claimed, b_done = threading.Event(), threading.Event()
    b_zonder_wachten: list[bool] = []

    def worker_a() -> None:
        try:
            with transaction.atomic():  # keeps its row locks until B has claimed
                claims["a"] = [a.pk for a in delivery._claim(timezone.now(), batch=4)]
                a_claimed.set()
                b_zonder_wachten.append(b_done.wait(timeout=5))
        finally:
            connections.close_all()

    def worker_b() -> None:
        try:
            a_claimed.wait(timeout=10)
            claims["b"] = [a.pk for a in delivery._claim(timezone.now(), batch=4)]
            b_done.set()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker_a), threading.Thread(target=worker_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert b_zonder_wachten == [True]  # B claimed while A still held its locks
    assert len(claims["a"]) == 4
    assert len(claims["b"]) == 2
    assert not set(claims["a"]) & set(claims["b"])


# --- the worker command and the admin ---------------------------------------------------------


def test_worker_command_once_delivers_what_is_due_and_exits(org, actor, zaaktype):
    with Subscriber(fail_first=1) as sub:
        subscribe(org, sub.url)
        zaak_create(actor=actor, zaaktype=zaaktype)
        out = io.StringIO()
        call_command("notificaties_afleveren", "--once", stdout=out)
    assert "Afgeleverd: 1, mislukte pogingen: 1, opgegeven: 0." in out.getvalue()
    assert Aflevering.objects.filter(status=AfleveringStatus.PENDING).count() == 1


def test_admin_lists_deliveries_and_retries_a_failed_one_through_the_service(
    org, actor, zaaktype, client
):
    subscribe(org, "http://127.0.0.1:9/x")
    zaak_create(actor=actor, zaaktype=zaaktype)
    delivery.events_distribute()
    mislukt = Aflevering.objects.first()
    Aflevering.objects.filter(pk=mislukt.pk).update(
        status=AfleveringStatus.FAILED, pogingen=12, laatste_fout="HTTP 503: weg"
    )
    admin_user = factories.medewerker(org, rollen=(Rol.BEHEERDER,)).user
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)

    page = client.get("/admin/events/aflevering/?status__exact=failed")
    assert page.status_code == 200
    assert "HTTP 503: weg" in page.content.decode()

    response = client.post(
        "/admin/events/aflevering/",
        {"action": "opnieuw_aanbieden", "_selected_action": [mislukt.pk]},
    )
    assert response.status_code == 302
    mislukt.refresh_from_db()
    assert (mislukt.status, mislukt.pogingen) == (AfleveringStatus.PENDING, 0)
    assert AuditEntry.objects.filter(actie="aflevering_opnieuw_aangeboden").count() == 1


# --- housekeeping -----------------------------------------------------------------------------


def test_delivered_notifications_leave_the_outbox_after_the_retention_days(
    org, actor, zaaktype, settings
):
    """30 days (RAADHUIS_NOTIFICATIES_BEWAAR_DAGEN): delivered and skipped events older than
    that go with their deliveries; pending ones, failed ones and younger ones stay."""
    settings.NOTIFICATIES_BEWAAR_DAGEN = 30
    nu = timezone.now()
    with Subscriber() as sub:
        subscribe(org, sub.url)
        for _ in range(3):
            zaak_create(actor=actor, zaaktype=zaaktype)
        run_worker(now=nu)
    gemaakt = list(OutboxEvent.objects.order_by("pk"))
    oud, nieuw_geleden = nu - datetime.timedelta(days=31), nu - datetime.timedelta(days=29)
    # Delivered long ago / delivered recently / delivered long ago but one delivery failed.
    afgeleverd_oud = [e for e in gemaakt if e.status == OutboxStatus.SENT][:3]
    OutboxEvent.objects.filter(pk__in=[e.pk for e in gemaakt]).update(aangemaakt_op=oud)
    OutboxEvent.objects.filter(pk=afgeleverd_oud[1].pk).update(aangemaakt_op=nieuw_geleden)
    Aflevering.objects.filter(outbox_event=afgeleverd_oud[2]).update(status=AfleveringStatus.FAILED)
    wacht = OutboxEvent.objects.create(
        organisatie=org, kanaal="zaken", resource="zaak", actie="create"
    )
    OutboxEvent.objects.filter(pk=wacht.pk).update(aangemaakt_op=oud)

    weg = delivery.outbox_opruimen(now=nu)

    blijft = set(OutboxEvent.objects.values_list("pk", flat=True))
    assert afgeleverd_oud[0].pk not in blijft
    assert {afgeleverd_oud[1].pk, afgeleverd_oud[2].pk, wacht.pk} <= blijft
    assert weg == len(gemaakt) - len(blijft & {e.pk for e in gemaakt})
    assert not Aflevering.objects.filter(outbox_event_id=afgeleverd_oud[0].pk).exists()
    assert delivery.outbox_opruimen(now=nu) == 0  # nothing more to do
    settings.NOTIFICATIES_BEWAAR_DAGEN = 0
    OutboxEvent.objects.filter(pk=afgeleverd_oud[1].pk).update(aangemaakt_op=oud)
    assert delivery.outbox_opruimen(now=nu) == 0  # 0 days: never
