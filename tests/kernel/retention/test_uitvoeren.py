"""Executing an approved destruction list: what goes (case, documents and their files, the
persons nobody else needs), what stays (the record, the audit trail without personal data), the
cases that are skipped and why, failures that a next run retries, and the operator's command."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.koppelingen import besluit_create
from raadhuis.kernel.cases.models import Rol, Zaak
from raadhuis.kernel.cases.services import zaak_rol_add, zaak_status_set, zaak_update
from raadhuis.kernel.catalog.models import BesluitType
from raadhuis.kernel.documents.models import (
    InformatieObject,
    InformatieObjectVersie,
    ZaakInformatieObject,
)
from raadhuis.kernel.documents.services import document_versie_add, zaak_informatieobject_create
from raadhuis.kernel.events.models import OutboxEvent
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.parties.services import (
    niet_natuurlijk_persoon_create,
    vertegenwoordiging_create,
)
from raadhuis.kernel.retention.hooks import register_vernietiging_hook, unregister_vernietiging_hook
from raadhuis.kernel.retention.models import ItemStatus, LijstStatus, VernietigingslijstItem
from raadhuis.kernel.retention.services import (
    vernietigingslijst_beoordelen,
    vernietigingslijst_create,
    vernietigingslijst_indienen,
    vernietigingslijst_uitvoeren,
)
from raadhuis.kernel.retention.verslag import verslag_csv, verslag_pdf
from tests import factories
from tests.kernel.retention.conftest import PEILDATUM, gesloten_zaak


def goedgekeurde_lijst(gemeente, naam: str = "Schuldhulp 2019"):
    lijst = vernietigingslijst_create(actor=gemeente.fb_actor, naam=naam, peildatum=PEILDATUM)
    vernietigingslijst_indienen(actor=gemeente.fb_actor, lijst=lijst)
    vernietigingslijst_beoordelen(
        actor=gemeente.collega_actor, lijst=lijst, goedkeuren=True, toelichting="Akkoord"
    )
    lijst.refresh_from_db()
    return lijst


def uitvoeren(gemeente, lijst, vastleggen):
    with vastleggen(execute=True):  # files leave storage once the case's transaction commits
        return vernietigingslijst_uitvoeren(
            actor=gemeente.fb_actor, lijst=lijst, peildatum=PEILDATUM
        )


def bestanden_van(zaak) -> list[str]:
    return [
        v.bestand.name
        for v in InformatieObjectVersie.objects.filter(informatieobject__zaken__zaak=zaak)
    ]


def test_execution_removes_the_case_its_documents_files_and_its_client(
    gemeente, django_capture_on_commit_callbacks
):
    klant = factories.persoon(gemeente.actor, "Jansen", voornamen="Jan")
    zaak = gesloten_zaak(gemeente, date(2019, 3, 15), initiator=klant, documenten=2)
    # A corrected second version of a letter: every version goes.
    eerste = zaak.documenten.select_related("informatieobject").first()
    bestanden = bestanden_van(zaak)
    assert len(bestanden) == 2 and all(default_storage.exists(b) for b in bestanden)
    io_ids = list(zaak.documenten.values_list("informatieobject_id", flat=True))
    lijst = goedgekeurde_lijst(gemeente)

    verslag = uitvoeren(gemeente, lijst, django_capture_on_commit_callbacks)

    assert not Zaak.objects.filter(pk=zaak.pk).exists()
    assert not Rol.objects.filter(zaak_id=zaak.pk).exists()
    assert not InformatieObject.objects.filter(pk__in=io_ids).exists()
    assert not InformatieObjectVersie.objects.filter(informatieobject_id__in=io_ids).exists()
    assert not ZaakInformatieObject.objects.filter(pk=eerste.pk).exists()
    assert not any(default_storage.exists(b) for b in bestanden), "files gone from storage"
    assert not Partij.objects.filter(pk=klant.pk).exists(), "the client only had this case"

    item = VernietigingslijstItem.objects.get(lijst=lijst)
    assert item.status == ItemStatus.VERNIETIGD
    assert item.identificatie == zaak.identificatie and item.zaak_uuid == zaak.uuid
    assert item.regel and item.archiefactietermijn == "P7Y"
    assert item.aantallen["documents.informatieobject"] == 2
    assert item.aantallen["bestanden"] == 2
    assert item.aantallen["partijen_gewist"] == 1
    assert item.aantallen["cases.zaak"] == 1
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.VERNIETIGD
    assert lijst.uitvoerder == gemeente.fb and lijst.afgerond_op is not None
    assert (verslag.aantal_vernietigd, verslag.afgerond) == (1, True)

    # The outbox tells subscribers the case, its documents and the person are gone.
    destroyed = set(OutboxEvent.objects.filter(actie="destroy").values_list("kanaal", "resource"))
    assert {("zaken", "zaak"), ("documenten", "enkelvoudiginformatieobject")} <= destroyed
    assert ("partijen", "partij") in destroyed


def test_the_audit_trail_of_the_destruction_holds_no_personal_data(
    gemeente, django_capture_on_commit_callbacks
):
    klant = factories.persoon(gemeente.actor, "Pietersen", voornamen="Pieter")
    zaak = gesloten_zaak(
        gemeente, date(2019, 3, 15), initiator=klant, omschrijving="Schulden Pietersen"
    )
    voor = set(AuditEntry.objects.values_list("pk", flat=True))
    lijst = goedgekeurde_lijst(gemeente)
    uitvoeren(gemeente, lijst, django_capture_on_commit_callbacks)

    nieuw = AuditEntry.objects.exclude(pk__in=voor)
    assert set(nieuw.values_list("actie", flat=True)) >= {
        "vernietigingslijst_opgesteld",
        "vernietigingslijst_ingediend",
        "vernietigingslijst_goedgekeurd",
        "vernietigingslijst_uitvoering_gestart",
        "zaak_vernietigd",
        "partij_gewist",
        "vernietigingslijst_uitgevoerd",
    }
    tekst = " ".join(f"{e.object_weergave} {e.toelichting} {e.wijzigingen}" for e in nieuw)
    for persoonsgegeven in ("Pietersen", "Pieter", klant.bsn, "Brief aan Jansen"):
        assert persoonsgegeven not in tekst
    vernietigd = nieuw.get(actie="zaak_vernietigd")
    assert vernietigd.zaak_uuid == zaak.uuid
    assert vernietigd.object_weergave == zaak.identificatie


def test_what_the_history_said_about_the_case_and_the_person_is_blanked(
    gemeente, django_capture_on_commit_callbacks
):
    """Entries written while the case lived (its creation, the initiator, the reads of the
    person) keep that something happened and by whom, not what they said about the client."""
    from raadhuis.kernel.audit.models import VerwerkingsLog
    from raadhuis.kernel.audit.redactie import VERNIETIGD

    klant = factories.persoon(gemeente.actor, "Pietersen", voornamen="Pieter")
    zaak = gesloten_zaak(
        gemeente, date(2019, 3, 15), initiator=klant, omschrijving="Schulden Pietersen"
    )
    oud = list(AuditEntry.objects.filter(zaak_uuid=zaak.uuid).values_list("pk", "actie"))
    assert oud and any(
        "Pietersen" in f"{e.object_weergave} {e.wijzigingen}"
        for e in AuditEntry.objects.filter(zaak_uuid=zaak.uuid)
    )
    uitvoeren(gemeente, goedgekeurde_lijst(gemeente), django_capture_on_commit_callbacks)

    na = AuditEntry.objects.filter(pk__in=[pk for pk, _actie in oud])
    assert sorted(na.values_list("pk", "actie")) == sorted(oud)  # nothing deleted
    for entry in na:
        assert entry.object_weergave == VERNIETIGD and not entry.wijzigingen, entry.actie
    over_persoon = AuditEntry.objects.filter(object_uuid=klant.uuid).exclude(actie="partij_gewist")
    assert over_persoon.exists()
    assert set(over_persoon.values_list("object_weergave", flat=True)) == {VERNIETIGD}
    gelezen = VerwerkingsLog.objects.filter(partij_uuid=klant.uuid)
    assert set(gelezen.values_list("partij_weergave", flat=True)) <= {VERNIETIGD}


def test_running_a_list_again_changes_nothing(gemeente, django_capture_on_commit_callbacks):
    gesloten_zaak(gemeente, date(2019, 3, 15))
    lijst = goedgekeurde_lijst(gemeente)
    eerste = uitvoeren(gemeente, lijst, django_capture_on_commit_callbacks)
    audit_na_eerste = AuditEntry.objects.count()
    tweede = uitvoeren(gemeente, lijst, django_capture_on_commit_callbacks)
    assert tweede.pk == eerste.pk and tweede.aantal_vernietigd == 1
    assert AuditEntry.objects.count() == audit_na_eerste


def test_changed_cases_are_skipped_with_their_reason(gemeente, django_capture_on_commit_callbacks):
    heropend = gesloten_zaak(gemeente, date(2019, 3, 15))
    nieuwe_datum = gesloten_zaak(gemeente, date(2019, 4, 1))
    blijft_weg = gesloten_zaak(gemeente, date(2019, 5, 1))
    lijst = goedgekeurde_lijst(gemeente)

    # After approval: one case is reopened, another gets a later archive action date.
    zaak_status_set(
        actor=gemeente.actor,
        zaak=heropend,
        statustype=gemeente.zaaktype.statustypen.get(volgnummer=2),
        toelichting="Nieuwe schuld gemeld",
    )
    zaak_update(
        actor=Actor.system(gemeente.org),
        zaak=nieuwe_datum,
        archiefactiedatum=date(2030, 1, 1),
        toelichting_wijziging="Bezwaarprocedure",
    )

    verslag = uitvoeren(gemeente, lijst, django_capture_on_commit_callbacks)

    items = {i.identificatie: i for i in lijst.items.all()}
    assert items[heropend.identificatie].status == ItemStatus.OVERGESLAGEN
    assert "heropend" in items[heropend.identificatie].reden
    assert items[nieuwe_datum.identificatie].status == ItemStatus.OVERGESLAGEN
    assert "2030-01-01" in items[nieuwe_datum.identificatie].reden
    assert items[blijft_weg.identificatie].status == ItemStatus.VERNIETIGD
    assert Zaak.objects.filter(pk__in=[heropend.pk, nieuwe_datum.pk]).count() == 2
    assert (verslag.aantal_vernietigd, verslag.aantal_overgeslagen, verslag.afgerond) == (
        1,
        2,
        True,
    )


def test_a_person_or_document_that_another_case_uses_stays(
    gemeente, django_capture_on_commit_callbacks
):
    klant = factories.persoon(gemeente.actor, "Bakker")
    bewindvoerder = factories.persoon(gemeente.actor, "Visser")
    vertegenwoordiging_create(
        actor=gemeente.actor,
        vertegenwoordiger=bewindvoerder,
        vertegenwoordigde=factories.persoon(gemeente.actor, "De Boer"),
        omschrijving="Beschermingsbewind",
        begindatum=date(2018, 1, 1),
    )
    bedrijf = niet_natuurlijk_persoon_create(
        actor=gemeente.actor, statutaire_naam="Incasso B.V.", kvk_nummer="12345678"
    )
    weg = gesloten_zaak(gemeente, date(2019, 3, 15), initiator=klant)
    blijft = gesloten_zaak(gemeente, date(2021, 3, 15), initiator=klant)
    belanghebbende = gemeente.zaaktype.roltypen.get(omschrijving_generiek="belanghebbende")
    # Parties on the case only: added before closing would need reopening, so as the system.
    systeem = Actor.system(gemeente.org)
    zaak_rol_add(actor=systeem, zaak=weg, roltype=belanghebbende, partij=bewindvoerder)
    zaak_rol_add(actor=systeem, zaak=weg, roltype=belanghebbende, partij=bedrijf)
    gedeeld = weg.documenten.first().informatieobject
    zaak_informatieobject_create(actor=systeem, zaak=blijft, informatieobject=gedeeld)
    bestand = gedeeld.laatste_versie.bestand.name

    lijst = goedgekeurde_lijst(gemeente)
    uitvoeren(gemeente, lijst, django_capture_on_commit_callbacks)

    assert not Zaak.objects.filter(pk=weg.pk).exists()
    assert Partij.objects.filter(pk=klant.pk).exists(), "the client has another case"
    assert Partij.objects.filter(pk=bewindvoerder.pk).exists(), "represents someone who stays"
    assert Partij.objects.filter(pk=bedrijf.pk).exists(), "organisations are no personal data"
    assert InformatieObject.objects.filter(pk=gedeeld.pk).exists()
    assert default_storage.exists(bestand)
    item = lijst.items.get()
    assert item.aantallen["partijen_gewist"] == 0
    assert item.aantallen["partijen_bewaard"] == 3
    assert item.aantallen["documenten_bewaard"] == 1


def test_all_versions_and_decisions_go_with_the_case(gemeente, django_capture_on_commit_callbacks):
    zaak = gesloten_zaak(gemeente, date(2019, 3, 15), documenten=0)
    systeem = Actor.system(gemeente.org)
    from raadhuis.kernel.documents.services import zaak_document_add

    zio = zaak_document_add(
        actor=systeem,
        zaak=zaak,
        bestand=ContentFile(b"versie 1", name="besluit.txt"),
        titel="Beschikking",
        informatieobjecttype=gemeente.zaaktype.informatieobjecttypen.first(),
    )
    document_versie_add(
        actor=systeem,
        informatieobject=zio.informatieobject,
        bestand=ContentFile(b"versie 2", name="besluit-v2.txt"),
        toelichting="Correctie",
    )
    besluittype = BesluitType.objects.create(
        catalogus=gemeente.zaaktype.catalogus,
        omschrijving="Toelating",
        begin_geldigheid=date(2018, 1, 1),
        concept=False,
    )
    besluittype.zaaktypen.add(gemeente.zaaktype)
    besluit = besluit_create(
        actor=systeem,
        besluittype=besluittype,
        zaak=zaak,
        datum=date(2019, 2, 1),
        ingangsdatum=date(2019, 2, 1),
    )
    versies = list(zio.informatieobject.versies.values_list("bestand", flat=True))
    assert len(versies) == 2
    lijst = goedgekeurde_lijst(gemeente)
    uitvoeren(gemeente, lijst, django_capture_on_commit_callbacks)

    item = lijst.items.get()
    assert item.status == ItemStatus.VERNIETIGD, item.reden
    assert not any(default_storage.exists(v) for v in versies)
    assert item.aantallen["documents.informatieobjectversie"] == 2
    assert item.aantallen["cases.besluit"] == 1
    from raadhuis.kernel.cases.models import Besluit

    assert not Besluit.objects.filter(pk=besluit.pk).exists()


def test_a_module_hook_erases_its_data_and_a_failure_is_retried(
    gemeente, django_capture_on_commit_callbacks
):
    zaak = gesloten_zaak(gemeente, date(2019, 3, 15))
    gezien = []
    pogingen = {"n": 0}

    def module_hook(context):
        pogingen["n"] += 1
        if pogingen["n"] == 1:
            raise RuntimeError("Jansen: de koppeling is even weg")
        gezien.append(context.zaak.identificatie)
        return {"module.gegevens": 3}

    register_vernietiging_hook(module_hook)
    try:
        lijst = goedgekeurde_lijst(gemeente)
        verslag = uitvoeren(gemeente, lijst, django_capture_on_commit_callbacks)
        item = lijst.items.get()
        assert item.status == ItemStatus.MISLUKT
        assert "RuntimeError" in item.reden and "Jansen" not in item.reden
        assert Zaak.objects.filter(pk=zaak.pk).exists(), "rolled back"
        assert (verslag.aantal_mislukt, verslag.afgerond) == (1, False)
        lijst.refresh_from_db()
        assert lijst.status == LijstStatus.GOEDGEKEURD

        verslag = uitvoeren(gemeente, lijst, django_capture_on_commit_callbacks)
        item.refresh_from_db()
        assert item.status == ItemStatus.VERNIETIGD
        assert item.aantallen["module.gegevens"] == 3
        assert gezien == [zaak.identificatie]
        assert (verslag.aantal_vernietigd, verslag.aantal_mislukt, verslag.afgerond) == (1, 0, True)
    finally:
        unregister_vernietiging_hook(module_hook)


def test_a_main_case_goes_after_its_sub_case_on_the_same_list(
    gemeente, django_capture_on_commit_callbacks
):
    hoofd = gesloten_zaak(gemeente, date(2019, 3, 1))
    deel = gesloten_zaak(gemeente, date(2019, 3, 1))
    Zaak.objects.filter(pk=deel.pk).update(hoofdzaak=hoofd)  # configuration of the test world
    lijst = goedgekeurde_lijst(gemeente)
    uitvoeren(gemeente, lijst, django_capture_on_commit_callbacks)
    assert set(lijst.items.values_list("status", flat=True)) == {ItemStatus.VERNIETIGD}


def test_the_report_as_csv_and_pdf(gemeente, django_capture_on_commit_callbacks):
    zaak = gesloten_zaak(gemeente, date(2019, 3, 15))
    lijst = goedgekeurde_lijst(gemeente)
    verslag = uitvoeren(gemeente, lijst, django_capture_on_commit_callbacks)

    csv = verslag_csv(verslag)
    assert csv.startswith("\ufeffZaaknummer;")
    regel = csv.splitlines()[1]
    assert zaak.identificatie in regel and "2026-03-15" in regel and "Vernietigd" in regel
    assert gemeente.fb.naam in regel and gemeente.collega_fb.naam in regel

    pdf = verslag_pdf(verslag)
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Vernietigingsverslag" in tekst
    assert zaak.identificatie in tekst
    assert gemeente.collega_fb.naam in tekst


def test_the_operators_command_executes_an_approved_list(
    gemeente, django_capture_on_commit_callbacks
):
    zaak = gesloten_zaak(gemeente, date(2019, 3, 15))
    lijst = vernietigingslijst_create(actor=gemeente.fb_actor, naam="Via CLI", peildatum=PEILDATUM)
    vernietigingslijst_indienen(actor=gemeente.fb_actor, lijst=lijst)
    uit = io.StringIO()
    with pytest.raises(CommandError):  # not approved yet
        call_command("vernietigen", "--lijst", str(lijst.uuid), stdout=uit)
    vernietigingslijst_beoordelen(actor=gemeente.collega_actor, lijst=lijst, goedkeuren=True)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("vernietigen", "--lijst", str(lijst.uuid), "--medewerker", "fb2", stdout=uit)
    assert "1 vernietigd" in uit.getvalue()
    assert not Zaak.objects.filter(pk=zaak.pk).exists()
    lijst.refresh_from_db()
    assert lijst.uitvoerder == gemeente.collega_fb
    with pytest.raises(CommandError):
        call_command("vernietigen", "--lijst", "geen-uuid")
