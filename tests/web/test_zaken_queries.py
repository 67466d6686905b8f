"""The case list and the case page cost a fixed number of queries whatever their size, and the
case page's own document read (cases.selectors.zaak_documenten_getoond) shows exactly what the
general document filter shows."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from raadhuis.kernel.cases.selectors import zaak_documenten_getoond, zaak_get
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.documents.selectors import zaak_documenten
from raadhuis.kernel.documents.services import zaak_document_add
from raadhuis.kernel.organisations.models import Rol
from tests import factories

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"

# Ceilings; what matters most is that they do not grow with the page.
# Pinned at the counts after the staff gate and the actor were folded into one medewerker
# query (kernel.access.staff): 4 fewer on every staff page than the 9 and 25 before.
ZAKEN_LIJST_MAX = 5
ZAAK_DETAIL_MAX = 21


@pytest.fixture
def mw(org, zaaktype):
    return factories.medewerker(org, zaaktypen=(zaaktype,), team=factories.team(org))


def _zaken(mw, zaaktype, aantal):
    actor = factories.actor(mw)
    return [
        zaak_create(actor=actor, zaaktype=zaaktype, omschrijving=f"Zaak {i}", behandelaar=mw)
        for i in range(aantal)
    ]


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _document(mw, zaak, titel, vertrouwelijkheid=""):
    iot = zaak.zaaktype.informatieobjecttypen.first()
    return zaak_document_add(
        actor=factories.actor(mw),
        zaak=zaak,
        bestand=ContentFile(b"inhoud", name=f"{titel}.txt"),
        titel=titel,
        informatieobjecttype=iot,
        vertrouwelijkheidaanduiding=vertrouwelijkheid,
    )


def test_case_list_query_count_does_not_grow_with_the_page(client, mw, zaaktype):
    _zaken(mw, zaaktype, 12)
    client.force_login(mw.user, backend=BACKEND)
    client.get(reverse("web:werkvoorraad"))  # the first request of a session also saves it
    url = reverse("web:zaken")
    klein = _queries(client, url, page_size=10)
    groot = _queries(client, url, page_size=100)
    gefilterd = _queries(client, url, page_size=100, status="open", zaaktype=str(zaaktype.uuid))
    assert klein == groot == gefilterd
    assert groot <= ZAKEN_LIJST_MAX


def test_case_list_ceiling(client, mw, zaaktype, django_assert_max_num_queries):
    _zaken(mw, zaaktype, 30)
    client.force_login(mw.user, backend=BACKEND)
    client.get(reverse("web:werkvoorraad"))  # the first request of a session also saves it
    with django_assert_max_num_queries(ZAKEN_LIJST_MAX):
        response = client.get(reverse("web:zaken"), {"page_size": 25})
    assert response.status_code == 200
    assert response.content.count(b'href="/zaken/') >= 25


def test_case_page_query_count_does_not_grow_with_documents(
    client, mw, zaaktype, django_assert_max_num_queries
):
    een, vijf = _zaken(mw, zaaktype, 2)
    _document(mw, een, "Enige brief")
    for i in range(5):
        _document(mw, vijf, f"Brief {i}")
    client.force_login(mw.user, backend=BACKEND)
    client.get(reverse("web:werkvoorraad"))  # the first request of a session also saves it
    weinig = _queries(client, reverse("web:zaak_detail", args=[een.uuid]))
    with django_assert_max_num_queries(ZAAK_DETAIL_MAX):
        response = client.get(reverse("web:zaak_detail", args=[vijf.uuid]))
    assert b"Brief 4" in response.content
    assert _queries(client, reverse("web:zaak_detail", args=[vijf.uuid])) == weinig
    assert weinig <= ZAAK_DETAIL_MAX


def test_case_page_documents_match_the_general_document_filter(org):
    """A consultant cleared up to 'intern' for this type sees the case's documents up to that
    level only; the case page's shortcut and the general filter agree row for row."""
    zaaktype = factories.zaaktype(org, identificatie="SUBSIDIE", omschrijving="Subsidie")
    maker = factories.medewerker(org, zaaktypen=(zaaktype,))
    beperkt = factories.medewerker(
        org, zaaktypen=(zaaktype,), max_vertrouwelijkheid=Vertrouwelijkheid.INTERN
    )
    zaak = zaak_create(
        actor=factories.actor(maker),
        zaaktype=zaaktype,
        omschrijving="Gemengde documenten",
        vertrouwelijkheidaanduiding=Vertrouwelijkheid.INTERN,
    )
    _document(maker, zaak, "Openbaar stuk", Vertrouwelijkheid.OPENBAAR)
    _document(maker, zaak, "Intern stuk", Vertrouwelijkheid.INTERN)
    _document(maker, zaak, "Vertrouwelijk stuk", Vertrouwelijkheid.VERTROUWELIJK)
    for mw, verwacht in (
        (maker, {"Openbaar stuk", "Intern stuk", "Vertrouwelijk stuk"}),
        (beperkt, {"Openbaar stuk", "Intern stuk"}),
    ):
        actor = factories.actor(mw)
        geopend = zaak_get(actor=actor, uuid=zaak.uuid)
        getoond = zaak_documenten_getoond(actor=actor, zaak=geopend)
        algemeen = list(zaak_documenten(actor=actor, zaak=geopend))
        assert [z.pk for z in getoond] == [z.pk for z in algemeen]
        assert {z.informatieobject.titel for z in getoond} == verwacht


def test_case_page_documents_empty_for_an_actor_without_the_grant(org):
    zaaktype = factories.zaaktype(org, identificatie="SUBSIDIE", omschrijving="Subsidie")
    maker = factories.medewerker(org, zaaktypen=(zaaktype,))
    zaak = zaak_create(actor=factories.actor(maker), zaaktype=zaaktype, omschrijving="Zaak")
    _document(maker, zaak, "Brief")
    ander_type = factories.zaaktype(org, identificatie="ANDER")
    buitenstaander = factories.medewerker(org, zaaktypen=(ander_type,))
    teamleider = factories.medewerker(org, rollen=(Rol.TEAMLEIDER,), zaaktypen=(zaaktype,))
    for mw in (buitenstaander, teamleider):
        assert zaak_documenten_getoond(actor=factories.actor(mw), zaak=zaak) == []
    vreemd = factories.medewerker(factories.organisatie("Andere gemeente"))
    assert zaak_documenten_getoond(actor=factories.actor(vreemd), zaak=zaak) == []
