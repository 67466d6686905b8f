"""Every service writes exactly one audit entry per change, in the same transaction."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.services import (
    zaak_create,
    zaak_eigenschap_set,
    zaak_resultaat_set,
    zaak_rol_add,
    zaak_rol_remove,
    zaak_status_set,
    zaak_update,
)
from raadhuis.kernel.documents.services import document_versie_add, zaak_document_add
from raadhuis.kernel.parties.services import (
    adres_add,
    natuurlijk_persoon_create,
    niet_natuurlijk_persoon_create,
    partij_update,
    vertegenwoordiging_create,
    vestiging_create,
)
from raadhuis.kernel.workflow.services import taak_complete, taak_create
from tests import factories

pytestmark = pytest.mark.django_db


class AuditCounter:
    def __init__(self) -> None:
        self.start = AuditEntry.objects.count()

    def new(self) -> list[str]:
        return list(AuditEntry.objects.order_by("id")[self.start :].values_list("actie", flat=True))


def audited(fn, **kwargs):
    counter = AuditCounter()
    result = fn(**kwargs)
    return result, counter.new()


@pytest.fixture
def zaak(actor, zaaktype):
    return zaak_create(actor=actor, zaaktype=zaaktype)


def test_zaak_create_records_the_case_and_its_first_status(actor, zaaktype):
    _, acties = audited(zaak_create, actor=actor, zaaktype=zaaktype)
    assert acties == ["zaak_aangemaakt", "status_gezet"]


def test_zaak_create_with_initiator_and_behandelaar(actor, zaaktype, behandelaar):
    persoon = factories.persoon(actor)
    _, acties = audited(
        zaak_create, actor=actor, zaaktype=zaaktype, initiator=persoon, behandelaar=behandelaar
    )
    assert acties == [
        "zaak_aangemaakt",
        "status_gezet",
        "rol_toegevoegd",
        "rol_toegevoegd",
        "behandelaar_gewijzigd",
    ]


def test_zaak_update_records_old_and_new_value(actor, zaak):
    _, acties = audited(
        zaak_update,
        actor=actor,
        zaak=zaak,
        omschrijving="Nieuwe omschrijving",
        toelichting_wijziging="Typefout",
    )
    assert acties == ["zaak_gewijzigd"]
    entry = AuditEntry.objects.latest("id")
    assert entry.wijzigingen == {"omschrijving": ["", "Nieuwe omschrijving"]}
    assert entry.toelichting == "Typefout"
    assert entry.actor_weergave == actor.weergave


def test_zaak_update_without_change_records_nothing(actor, zaak):
    _, acties = audited(zaak_update, actor=actor, zaak=zaak, omschrijving=zaak.omschrijving)
    assert acties == []


def test_zaak_status_set(actor, zaak, zaaktype):
    _, acties = audited(
        zaak_status_set, actor=actor, zaak=zaak, statustype=zaaktype.statustypen.get(volgnummer=2)
    )
    assert acties == ["status_gezet"]


def test_closing_records_result_status_and_closing(actor, zaak, zaaktype):
    _, acties = audited(
        zaak_status_set,
        actor=actor,
        zaak=zaak,
        statustype=zaaktype.statustypen.get(volgnummer=3),
        resultaattype=zaaktype.resultaattypen.first(),
    )
    assert acties == ["resultaat_gezet", "status_gezet", "zaak_afgesloten"]


def test_zaak_resultaat_set(actor, zaak, zaaktype):
    _, acties = audited(
        zaak_resultaat_set, actor=actor, zaak=zaak, resultaattype=zaaktype.resultaattypen.first()
    )
    assert acties == ["resultaat_gezet"]


def test_zaak_rol_add_and_remove(actor, zaak, zaaktype):
    persoon = factories.persoon(actor)
    rol, acties = audited(
        zaak_rol_add,
        actor=actor,
        zaak=zaak,
        roltype=zaaktype.roltypen.get(omschrijving_generiek="belanghebbende"),
        partij=persoon,
    )
    assert acties == ["rol_toegevoegd"]
    _, acties = audited(zaak_rol_remove, actor=actor, rol=rol, toelichting="Onjuist")
    assert acties == ["rol_verwijderd"]


def test_zaak_eigenschap_set(actor, zaak, zaaktype):
    _, acties = audited(
        zaak_eigenschap_set,
        actor=actor,
        zaak=zaak,
        eigenschap=zaaktype.eigenschappen.first(),
        waarde="2026-01-05",
    )
    assert acties == ["eigenschap_gezet"]


def test_documents(actor, zaak, zaaktype):
    zio, acties = audited(
        zaak_document_add,
        actor=actor,
        zaak=zaak,
        bestand=ContentFile(b"inhoud", name="brief.txt"),
        titel="Brief",
        informatieobjecttype=zaaktype.informatieobjecttypen.first(),
    )
    assert acties == ["document_toegevoegd"]
    _, acties = audited(
        document_versie_add,
        actor=actor,
        informatieobject=zio.informatieobject,
        bestand=ContentFile(b"inhoud 2", name="brief.txt"),
    )
    assert acties == ["documentversie_toegevoegd"]


def test_tasks(actor, zaak, behandelaar):
    taak, acties = audited(
        taak_create,
        actor=actor,
        zaak=zaak,
        titel="Bel de klant",
        toegewezen_aan=behandelaar,
        termijn_werkdagen=3,
    )
    assert acties == ["taak_aangemaakt"]
    _, acties = audited(taak_complete, actor=actor, taak=taak)
    assert acties == ["taak_afgerond"]


def test_parties(actor):
    persoon, acties = audited(
        natuurlijk_persoon_create,
        actor=actor,
        geslachtsnaam="Testpersoon",
        bsn="999990019",
        adres={
            "straatnaam": "Proefstraat",
            "huisnummer": 1,
            "postcode": "1234 AB",
            "woonplaats": "Voorbeeldstad",
        },
    )
    assert acties == ["partij_aangemaakt", "adres_toegevoegd"]
    _, acties = audited(partij_update, actor=actor, partij=persoon, voornamen="Jan")
    assert acties == ["partij_gewijzigd"]
    _, acties = audited(
        adres_add,
        actor=actor,
        partij=persoon,
        soort="postadres",
        straatnaam="Postbus",
        huisnummer=5,
        postcode="1234AB",
        woonplaats="X",
    )
    assert acties == ["adres_toegevoegd"]
    bedrijf, acties = audited(
        niet_natuurlijk_persoon_create,
        actor=actor,
        statutaire_naam="Proef BV",
        kvk_nummer="99000001",
    )
    assert acties == ["partij_aangemaakt"]
    _, acties = audited(vestiging_create, actor=actor, onderneming=bedrijf, handelsnaam="Proef")
    assert acties == ["partij_aangemaakt"]
    _, acties = audited(
        vertegenwoordiging_create,
        actor=actor,
        vertegenwoordiger=persoon,
        vertegenwoordigde=bedrijf,
        omschrijving="Bestuurder",
        begindatum=date(2026, 1, 1),
    )
    assert acties == ["vertegenwoordiging_aangemaakt"]


def test_a_refused_change_leaves_no_audit_entry(actor, zaak, zaaktype):
    counter = AuditCounter()
    with pytest.raises(ValidationError):
        zaak_status_set(actor=actor, zaak=zaak, statustype=zaaktype.statustypen.get(volgnummer=3))
    assert counter.new() == []


def test_audit_entries_cannot_be_changed_or_deleted(actor, zaak):
    entry = AuditEntry.objects.filter(zaak_uuid=zaak.uuid).first()
    entry.toelichting = "weggepoetst"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(toelichting="x")


def test_postgresql_refuses_raw_updates_of_the_audit_trail(actor, zaak):
    from django.db import connection, transaction
    from django.db.utils import DatabaseError

    if connection.vendor != "postgresql":
        pytest.skip("the database trigger exists on PostgreSQL only")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditentry SET toelichting = 'weg'")


def test_zaak_relatie_add(actor, zaak, zaaktype):
    from raadhuis.kernel.cases.koppelingen import zaak_relatie_add

    vervolg = zaak_create(actor=actor, zaaktype=zaaktype)
    _, acties = audited(
        zaak_relatie_add, actor=actor, zaak=zaak, andere_zaak=vervolg, aard_relatie="vervolg"
    )
    assert acties == ["zaakrelatie_toegevoegd"]
    _, acties = audited(
        zaak_relatie_add, actor=actor, zaak=zaak, andere_zaak=vervolg, aard_relatie="vervolg"
    )
    assert acties == []  # nothing changed, nothing recorded


def test_besluit_create(actor, zaak, zaaktype):
    from raadhuis.kernel.cases.koppelingen import besluit_create
    from raadhuis.kernel.catalog.models import BesluitType

    bt = BesluitType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Toekenning",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    bt.zaaktypen.add(zaaktype)
    besluit, acties = audited(
        besluit_create,
        actor=actor,
        besluittype=bt,
        zaak=zaak,
        datum=date(2026, 5, 1),
        ingangsdatum=date(2026, 5, 2),
    )
    assert acties == ["besluit_genomen"]
    assert besluit.identificatie == "BESLUIT-2026-0000001"


def test_postgresql_lets_only_the_redaction_procedure_change_the_audit_trail(actor, zaak):
    """The append-only trigger admits an UPDATE inside a transaction that set the redaction
    flag (kernel.audit.redactie), never without it, and never a DELETE."""
    from django.db import connection, transaction
    from django.db.utils import DatabaseError

    from raadhuis.kernel.audit.redactie import VERNIETIGD, audit_anonimiseren

    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditentry SET toelichting = 'x'")
    assert audit_anonimiseren(zaak_uuid=zaak.uuid) > 0
    assert set(
        AuditEntry.objects.filter(zaak_uuid=zaak.uuid).values_list("object_weergave", flat=True)
    ) == {VERNIETIGD}
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL raadhuis.audit_redactie = 'on'")
            cursor.execute("DELETE FROM audit_auditentry")
