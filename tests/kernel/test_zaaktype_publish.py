"""Publishing a case type (Catalogi API publish rules)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.catalog.services import zaaktype_publish
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def fb(org):
    return factories.actor(factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))


def test_a_complete_concept_is_published_once(org, fb):
    concept = factories.zaaktype(org, identificatie="NIEUW", concept=True)
    zaaktype_publish(actor=fb, zaaktype=concept)
    zaaktype_publish(actor=fb, zaaktype=concept)
    concept.refresh_from_db()
    assert not concept.concept
    assert AuditEntry.objects.filter(actie="zaaktype_gepubliceerd").count() == 1


def test_overlapping_validity_with_a_published_version_is_refused(org, fb, zaaktype):
    nieuwe_versie = factories.zaaktype(
        org, identificatie=zaaktype.identificatie, concept=True, versiedatum=date(2026, 1, 1)
    )
    with pytest.raises(ValidationError, match="overlapt"):
        zaaktype_publish(actor=fb, zaaktype=nieuwe_versie)
    zaaktype.einde_geldigheid = date(2025, 12, 31)
    zaaktype.save()
    nieuwe_versie.begin_geldigheid = date(2026, 1, 1)
    nieuwe_versie.save()
    zaaktype_publish(actor=fb, zaaktype=nieuwe_versie)


def test_a_case_worker_cannot_publish(org, actor):
    concept = factories.zaaktype(org, identificatie="NIEUW", concept=True)
    with pytest.raises(ToegangGeweigerd):
        zaaktype_publish(actor=actor, zaaktype=concept)
