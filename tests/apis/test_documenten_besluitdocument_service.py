"""Kernel services for the relation decision ↔ document (used by the Besluiten API)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.koppelingen import besluit_create
from raadhuis.kernel.catalog.models import BesluitType, InformatieObjectType
from raadhuis.kernel.documents.models import BesluitInformatieObject
from raadhuis.kernel.documents.services import (
    besluit_document_add,
    besluit_document_remove,
    zaak_document_add,
)
from raadhuis.kernel.events.models import OutboxEvent
from raadhuis.kernel.exceptions import ToegangGeweigerd
from tests import factories


@pytest.fixture
def opzet(org, zaaktype):
    systeem = Actor.system(org)
    zaak = factories_zaak(systeem, zaaktype)
    iot = InformatieObjectType.objects.get(zaaktypen=zaaktype)
    besluittype = BesluitType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Toekenning",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    besluittype.zaaktypen.add(zaaktype)
    besluittype.informatieobjecttypen.add(iot)
    besluit = besluit_create(
        actor=systeem,
        besluittype=besluittype,
        datum=date(2025, 1, 1),
        ingangsdatum=date(2025, 1, 1),
        zaak=zaak,
    )
    zio = zaak_document_add(
        actor=systeem,
        zaak=zaak,
        bestand=ContentFile(b"inhoud", name="besluit.txt"),
        titel="Besluitbrief",
        informatieobjecttype=iot,
    )
    return systeem, besluit, zio.informatieobject


def factories_zaak(actor, zaaktype):
    from raadhuis.kernel.cases.services import zaak_create

    return zaak_create(actor=actor, zaaktype=zaaktype, omschrijving="Test")


def test_besluit_document_add_and_remove_audit_and_event(opzet):
    systeem, besluit, io = opzet
    bio = besluit_document_add(actor=systeem, besluit=besluit, informatieobject=io)
    assert BesluitInformatieObject.objects.filter(pk=bio.pk).exists()
    assert AuditEntry.objects.filter(actie="besluitdocument_toegevoegd").count() == 1
    event = OutboxEvent.objects.filter(resource="besluitinformatieobject").get()
    assert (event.kanaal, event.actie, event.hoofd_object_uuid) == (
        "besluiten",
        "create",
        besluit.uuid,
    )

    besluit_document_remove(actor=systeem, besluitinformatieobject=bio)
    assert not BesluitInformatieObject.objects.exists()
    assert AuditEntry.objects.filter(actie="besluitdocument_verwijderd").count() == 1
    assert OutboxEvent.objects.filter(resource="besluitinformatieobject", actie="destroy").exists()


def test_besluit_document_unique(opzet):
    systeem, besluit, io = opzet
    besluit_document_add(actor=systeem, besluit=besluit, informatieobject=io)
    with pytest.raises(ValidationError) as error:
        besluit_document_add(actor=systeem, besluit=besluit, informatieobject=io)
    assert error.value.code == "unique"


def test_besluit_document_informatieobjecttype_must_belong_to_besluittype(opzet):
    systeem, besluit, io = opzet
    besluit.besluittype.informatieobjecttypen.clear()
    with pytest.raises(ValidationError) as error:
        besluit_document_add(actor=systeem, besluit=besluit, informatieobject=io)
    assert error.value.code == "missing-besluittype-informatieobjecttype-relation"


def test_besluit_document_refused_for_other_organisation(opzet):
    _systeem, besluit, io = opzet
    ander = Actor.system(factories.organisatie())
    with pytest.raises(ToegangGeweigerd):
        besluit_document_add(actor=ander, besluit=besluit, informatieobject=io)
