"""The data migration that fills the new per-version metadata from the document."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile

from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.catalog.models import InformatieObjectType
from raadhuis.kernel.documents.models import InformatieObject, InformatieObjectVersie
from raadhuis.kernel.documents.services import zaak_document_add

pytestmark = pytest.mark.django_db

migratie = importlib.import_module(
    "raadhuis.kernel.documents.migrations.0004_versies_vullen_uit_document"
)


def test_versions_get_the_documents_metadata_and_the_document_its_latest_version(actor, zaaktype):
    iot = InformatieObjectType.objects.get(zaaktypen=zaaktype)
    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    zio = zaak_document_add(
        actor=actor,
        zaak=zaak,
        bestand=ContentFile(b"x", name="brief.txt"),
        titel="Brief",
        informatieobjecttype=iot,
    )
    io = zio.informatieobject
    # As rows looked before migration 0003: no metadata on the version, no pointer to it.
    InformatieObjectVersie.objects.filter(informatieobject=io).update(
        identificatie="", bronorganisatie="", creatiedatum=None, informatieobjecttype=None
    )
    InformatieObject.objects.filter(pk=io.pk).update(laatste_versie=None)

    migratie.versies_vullen(apps, None)

    versie = InformatieObjectVersie.objects.get(informatieobject=io)
    assert (versie.identificatie, versie.bronorganisatie) == (io.identificatie, io.bronorganisatie)
    assert versie.creatiedatum == io.creatiedatum
    assert versie.informatieobjecttype_id == iot.pk
    assert InformatieObject.objects.get(pk=io.pk).laatste_versie_id == versie.pk
