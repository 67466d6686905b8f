"""The auditor's search through the audit trail and the processing log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from raadhuis.kernel.cases.selectors import zaak_get
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.organisations.models import Rol
from tests import factories

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


def login(client, medewerker):
    client.force_login(medewerker.user, backend=BACKEND)
    return client


@pytest.fixture
def auditor(org):
    return factories.medewerker(org, rollen=(Rol.AUDITOR,))


@pytest.fixture
def zaak(actor, zaaktype, behandelaar):
    persoon = factories.persoon(actor, geslachtsnaam="Bakker")
    zaak = zaak_create(
        actor=actor, zaaktype=zaaktype, omschrijving="Klacht parkeren", initiator=persoon
    )
    zaak_get(actor=actor, uuid=zaak.uuid)  # a read of Bakker's data, logged
    return zaak


def test_auditor_searches_the_audit_trail(client, auditor, behandelaar, zaak):
    login(client, auditor)
    html = client.get(reverse("web:audit")).content.decode()
    assert "Audittrail" in html and "Zaak aangemaakt" in html and behandelaar.naam in html
    response = client.get(reverse("web:audit"), {"tab": "audittrail", "actie": "partij_aangemaakt"})
    acties = {e.actie for e in response.context["page"].items}
    assert acties == {"partij_aangemaakt"}
    response = client.get(reverse("web:audit"), {"tab": "audittrail", "wie": "niemand-zo"})
    assert response.context["page"].items == []


def test_auditor_searches_the_processing_log(client, auditor, behandelaar, zaak):
    login(client, auditor)
    response = client.get(reverse("web:audit"), {"tab": "verwerkingen", "betrokkene": "Bakker"})
    html = response.content.decode()
    assert "Verwerkingenlog" in html and "Zaak ingezien" in html and zaak.identificatie in html
    response = client.get(reverse("web:audit"), {"tab": "verwerkingen", "zaak": zaak.identificatie})
    assert response.context["page"].items
    assert all(r.zaak_identificatie == zaak.identificatie for r in response.context["page"].items)


def test_audit_period_in_the_wrong_order_is_a_field_error(client, auditor, zaak):
    response = login(client, auditor).get(
        reverse("web:audit"),
        {"tab": "audittrail", "vanaf": "2026-02-01", "tot_en_met": "2026-01-01"},
    )
    html = response.content.decode()
    assert "Deze datum ligt voor de begindatum." in html
    assert response.context["page"].items == []


def test_audit_pages_without_counting(client, auditor, actor, zaaktype):
    for i in range(12):
        zaak_create(actor=actor, zaaktype=zaaktype, omschrijving=f"Zaak {i}")
    login(client, auditor)
    first = client.get(reverse("web:audit"), {"page_size": 10}).context["page"]
    second = client.get(reverse("web:audit"), {"page_size": 10, "na": first.next_cursor}).context[
        "page"
    ]
    assert first.next_cursor and second.items
    assert not {e.pk for e in first.items} & {e.pk for e in second.items}


def test_audit_is_for_auditors_only(client, behandelaar, org):
    assert login(client, behandelaar).get(reverse("web:audit")).status_code == 403
    teamleider = factories.medewerker(org, rollen=(Rol.TEAMLEIDER,))
    client.logout()
    assert login(client, teamleider).get(reverse("web:audit")).status_code == 403


def test_auditor_cannot_open_cases(client, auditor, zaak):
    login(client, auditor)
    assert client.get(reverse("web:zaken")).status_code == 403
    assert client.get(reverse("web:zaak_detail", args=[zaak.uuid])).status_code == 403


def test_audit_htmx_search_returns_form_and_results(client, auditor, zaak):
    response = login(client, auditor).get(
        reverse("web:audit"),
        {"tab": "verwerkingen", "vanaf": "2026-02-01", "tot_en_met": "2026-01-01"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "Deze datum ligt voor de begindatum." in html  # the field error is swapped in too
    assert 'id="audit-resultaten"' in html
