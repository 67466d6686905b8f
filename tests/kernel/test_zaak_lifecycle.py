"""A case from opening to closing, as a consultant does it, with the rules of issue 2."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.cases.selectors import zaak_get
from raadhuis.kernel.cases.services import zaak_create, zaak_status_set
from raadhuis.kernel.documents.selectors import document_versie_get
from raadhuis.kernel.documents.services import document_versie_add, zaak_document_add
from raadhuis.kernel.events.models import OutboxEvent
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from tests import factories

pytestmark = pytest.mark.django_db


def test_zaak_create_numbers_per_year_and_computes_deadlines(actor, zaaktype):
    zaak = zaak_create(actor=actor, zaaktype=zaaktype, startdatum=date(2026, 3, 2))
    tweede = zaak_create(actor=actor, zaaktype=zaaktype, startdatum=date(2026, 3, 2))
    assert zaak.identificatie == "ZAAK-2026-0000001"
    assert tweede.identificatie == "ZAAK-2026-0000002"
    assert zaak.uiterlijke_einddatum_afdoening == date(2026, 4, 13)  # P6W
    assert zaak.einddatum_gepland == date(2026, 3, 30)  # servicenorm P4W
    assert zaak.status_actueel.statustype.volgnummer == 1
    assert OutboxEvent.objects.filter(hoofd_object_uuid=zaak.uuid, resource="zaak").exists()


def test_zaak_create_in_werkdagen_skips_weekends_and_atw_holidays(actor, org):
    zt = factories.zaaktype(
        org, identificatie="WD", doorlooptijd="P10D", servicenorm="", doorlooptijd_in_werkdagen=True
    )
    a = factories.actor(factories.medewerker(org, zaaktypen=(zt,)))
    # Thursday 30 April 2026: Fri 1 May is a working day, 4 May Mon, 5 May (Atw) is not.
    zaak = zaak_create(actor=a, zaaktype=zt, startdatum=date(2026, 4, 30))
    # 1,4,6,7,8,11,12,13 May = 8; Ascension 14 May is a holiday; 15,18 May -> 10
    assert zaak.uiterlijke_einddatum_afdoening == date(2026, 5, 18)


def test_concept_zaaktype_cannot_be_used(org):
    zt = factories.zaaktype(org, identificatie="CONCEPT", concept=True)
    a = factories.actor(factories.medewerker(org, zaaktypen=(zt,)))
    with pytest.raises(ValidationError) as err:
        zaak_create(actor=a, zaaktype=zt)
    assert "concept" in str(err.value)


def test_medewerker_without_grant_cannot_create(org, zaaktype):
    a = factories.actor(factories.medewerker(org, zaaktypen=()))
    with pytest.raises(ToegangGeweigerd):
        zaak_create(actor=a, zaaktype=zaaktype)


def test_end_status_needs_result_and_sets_archive_dates(actor, zaaktype):
    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    statussen = list(zaaktype.statustypen.order_by("volgnummer"))
    zaak_status_set(actor=actor, zaak=zaak, statustype=statussen[1])
    with pytest.raises(ValidationError) as err:
        zaak_status_set(actor=actor, zaak=zaak, statustype=statussen[2])
    assert "resultaattype" in err.value.message_dict
    gegrond = zaaktype.resultaattypen.get(omschrijving="Gegrond")
    zaak_status_set(actor=actor, zaak=zaak, statustype=statussen[2], resultaattype=gegrond)
    zaak.refresh_from_db()
    assert zaak.einddatum is not None
    assert zaak.archiefnominatie == "vernietigen"
    assert zaak.archiefactiedatum == date(
        zaak.einddatum.year + 5, zaak.einddatum.month, zaak.einddatum.day
    )


def test_going_back_needs_a_reason(actor, zaaktype):
    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    statussen = list(zaaktype.statustypen.order_by("volgnummer"))
    zaak_status_set(actor=actor, zaak=zaak, statustype=statussen[1])
    with pytest.raises(ValidationError) as err:
        zaak_status_set(actor=actor, zaak=zaak, statustype=statussen[0])
    assert "toelichting" in err.value.message_dict
    zaak_status_set(actor=actor, zaak=zaak, statustype=statussen[0], toelichting="Fout gezet")
    zaak.refresh_from_db()
    assert zaak.status_actueel.statustype == statussen[0]


def test_reopening_clears_end_and_archive_dates(actor, zaaktype):
    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    statussen = list(zaaktype.statustypen.order_by("volgnummer"))
    zaak_status_set(
        actor=actor,
        zaak=zaak,
        statustype=statussen[2],
        resultaattype=zaaktype.resultaattypen.first(),
    )
    zaak_status_set(actor=actor, zaak=zaak, statustype=statussen[1], toelichting="Bezwaar")
    zaak.refresh_from_db()
    assert zaak.einddatum is None and zaak.archiefactiedatum is None
    assert AuditEntry.objects.filter(zaak_uuid=zaak.uuid, actie="zaak_heropend").count() == 1


def test_documents_keep_every_version(actor, zaaktype):
    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    iot = zaaktype.informatieobjecttypen.first()
    zio = zaak_document_add(
        actor=actor,
        zaak=zaak,
        bestand=ContentFile(b"eerste", name="a.txt"),
        titel="Brief",
        informatieobjecttype=iot,
    )
    document_versie_add(
        actor=actor,
        informatieobject=zio.informatieobject,
        bestand=ContentFile(b"tweede versie", name="a.txt"),
    )
    v1 = document_versie_get(actor=actor, uuid=zio.informatieobject.uuid, versie=1)
    v2 = document_versie_get(actor=actor, uuid=zio.informatieobject.uuid)
    assert v1.bestand.read() == b"eerste"
    assert v2.versie == 2 and v2.bestand.read() == b"tweede versie"
    with pytest.raises(ValueError):
        v1.save()


def test_reading_a_case_logs_the_persons_seen(actor, zaaktype):
    persoon = factories.persoon(actor)
    zaak = zaak_create(actor=actor, zaaktype=zaaktype, initiator=persoon)
    zaak_get(actor=actor, uuid=zaak.uuid)
    log = VerwerkingsLog.objects.get(partij_uuid=persoon.uuid)
    assert log.zaak_identificatie == zaak.identificatie
    assert log.actor_weergave == actor.weergave


def test_case_of_other_organisation_is_not_found(actor, zaaktype):
    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    other = factories.organisatie("Andere gemeente")
    zt = factories.zaaktype(other, identificatie="KLACHT")
    stranger = factories.actor(factories.medewerker(other, zaaktypen=(zt,)))
    with pytest.raises(NietGevonden):
        zaak_get(actor=stranger, uuid=zaak.uuid)
