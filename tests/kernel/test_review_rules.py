"""Rules found in review: document clearance, decisions, confidentiality, archive dates,
property formats, the Atw extension, numbering next to migrated numbers."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.dates import termijn_einde
from raadhuis.kernel.cases.koppelingen import besluit_create
from raadhuis.kernel.cases.services import (
    zaak_create,
    zaak_eigenschap_set,
    zaak_status_set,
    zaak_update,
)
from raadhuis.kernel.catalog.models import Afleidingswijze, BesluitType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.documents.selectors import document_versie_get, zaak_documenten
from raadhuis.kernel.documents.services import zaak_document_add
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def laag(org, zaaktype):
    """A consultant cleared up to 'zaakvertrouwelijk' only."""
    m = factories.medewerker(
        org, zaaktypen=(zaaktype,), max_vertrouwelijkheid=Vertrouwelijkheid.ZAAKVERTROUWELIJK
    )
    return factories.actor(m)


def test_documents_above_clearance_are_hidden_and_cannot_be_added(org, zaaktype, laag):
    system = Actor.system(org)
    zaak = zaak_create(actor=system, zaaktype=zaaktype)
    iot = zaaktype.informatieobjecttypen.first()
    geheim = zaak_document_add(
        actor=system,
        zaak=zaak,
        bestand=ContentFile(b"x", name="g.txt"),
        titel="Geheim",
        informatieobjecttype=iot,
        vertrouwelijkheidaanduiding=Vertrouwelijkheid.ZEER_GEHEIM,
    )
    gewoon = zaak_document_add(
        actor=system,
        zaak=zaak,
        bestand=ContentFile(b"y", name="o.txt"),
        titel="Gewoon",
        informatieobjecttype=iot,
        vertrouwelijkheidaanduiding=Vertrouwelijkheid.INTERN,
    )
    assert list(zaak_documenten(actor=laag, zaak=zaak)) == [gewoon]
    with pytest.raises(NietGevonden):
        document_versie_get(actor=laag, uuid=geheim.informatieobject.uuid)
    with pytest.raises(ToegangGeweigerd):
        zaak_document_add(
            actor=laag,
            zaak=zaak,
            bestand=ContentFile(b"z", name="z.txt"),
            titel="Te hoog",
            informatieobjecttype=iot,
            vertrouwelijkheidaanduiding=Vertrouwelijkheid.GEHEIM,
        )


def test_a_document_on_two_cases_downloads_by_version(org, zaaktype, actor):
    from raadhuis.kernel.documents.models import ZaakInformatieObject

    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    andere = zaak_create(actor=actor, zaaktype=zaaktype)
    zio = zaak_document_add(
        actor=actor,
        zaak=zaak,
        bestand=ContentFile(b"een", name="a.txt"),
        titel="A",
        informatieobjecttype=zaaktype.informatieobjecttypen.first(),
    )
    ZaakInformatieObject.objects.create(zaak=andere, informatieobject=zio.informatieobject)
    assert document_versie_get(actor=actor, uuid=zio.informatieobject.uuid, versie=1).versie == 1


def test_nobody_raises_a_case_above_their_own_clearance(org, zaaktype, laag):
    zaak = zaak_create(actor=laag, zaaktype=zaaktype)
    with pytest.raises(ToegangGeweigerd):
        zaak_update(actor=laag, zaak=zaak, vertrouwelijkheidaanduiding=Vertrouwelijkheid.GEHEIM)
    zaak.refresh_from_db()
    assert zaak.vertrouwelijkheidaanduiding == zaaktype.vertrouwelijkheidaanduiding


@pytest.mark.parametrize("rol", [Rol.AUDITOR, Rol.TEAMLEIDER, Rol.FUNCTIONEEL_BEHEERDER])
def test_only_case_workers_record_decisions(org, zaaktype, rol):
    bt = BesluitType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Toekenning",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    a = factories.actor(factories.medewerker(org, rollen=(rol,)))
    with pytest.raises(ToegangGeweigerd):
        besluit_create(
            actor=a, besluittype=bt, datum=date(2026, 1, 5), ingangsdatum=date(2026, 1, 5)
        )
    assert not AuditEntry.objects.filter(actie="besluit_genomen").exists()


def test_closing_fails_when_the_archive_date_cannot_be_derived(org, actor, zaaktype):
    rt = zaaktype.resultaattypen.get(omschrijving="Gegrond")
    rt.afleidingswijze = Afleidingswijze.EIGENSCHAP
    rt.datumkenmerk = "datum_incident"
    rt.save()
    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    eind = zaaktype.statustypen.get(volgnummer=3)
    with pytest.raises(ValidationError) as err:
        zaak_status_set(actor=actor, zaak=zaak, statustype=eind, resultaattype=rt)
    assert err.value.error_dict["resultaattype"][0].code == "archiefactiedatum-onbepaald"
    zaak.refresh_from_db()
    assert zaak.einddatum is None  # nothing half-done
    zaak_eigenschap_set(
        actor=actor, zaak=zaak, eigenschap=zaaktype.eigenschappen.first(), waarde="12-03-2026"
    )
    zaak_status_set(actor=actor, zaak=zaak, statustype=eind, resultaattype=rt)
    zaak.refresh_from_db()
    assert zaak.archiefactiedatum == date(2031, 3, 12)  # eigenschap + P5Y


@pytest.mark.parametrize("fout", ["morgen", "31-02-2026", "2026/03/12"])
def test_a_date_property_must_be_a_date(actor, zaaktype, fout):
    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    with pytest.raises(ValidationError) as err:
        zaak_eigenschap_set(
            actor=actor, zaak=zaak, eigenschap=zaaktype.eigenschappen.first(), waarde=fout
        )
    assert "datum" in err.value.message_dict["waarde"][0]


@pytest.mark.parametrize(
    ("start", "duur", "verwacht", "waarom"),
    [
        (date(2026, 11, 13), "P6W", date(2026, 12, 28), "Christmas and the weekend"),
        (date(2026, 3, 21), "P6W", date(2026, 5, 4), "a Saturday moves to Monday"),
        (date(2026, 3, 2), "P6W", date(2026, 4, 13), "a Monday stays"),
    ],
)
def test_calendar_terms_run_on_to_a_working_day(start, duur, verwacht, waarom):
    assert termijn_einde(start=start, duur=duur, in_werkdagen=False, land="NL") == verwacht, waarom


def test_numbering_skips_a_migrated_number(actor, zaaktype):
    zaak_create(
        actor=actor,
        zaaktype=zaaktype,
        identificatie="ZAAK-2026-0000001",
        startdatum=date(2026, 2, 1),
    )
    nieuw = zaak_create(actor=actor, zaaktype=zaaktype, startdatum=date(2026, 2, 1))
    assert nieuw.identificatie == "ZAAK-2026-0000002"
    with pytest.raises(ValidationError) as err:
        zaak_create(actor=actor, zaaktype=zaaktype, identificatie="ZAAK-2026-0000002")
    assert "identificatie" in err.value.message_dict


def test_status_history_keeps_the_previous_status(actor, zaaktype):
    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    zaak_status_set(actor=actor, zaak=zaak, statustype=zaaktype.statustypen.get(volgnummer=2))
    entry = AuditEntry.objects.filter(actie="status_gezet").latest("id")
    assert entry.wijzigingen == {"status": ["Ontvangen", "In behandeling"]}


def test_duplicate_bsn_is_refused(actor):
    factories.persoon(actor, bsn="999990019")
    with pytest.raises(ValidationError) as err:
        factories.persoon(actor, bsn="999990019")
    assert "bsn" in err.value.message_dict
