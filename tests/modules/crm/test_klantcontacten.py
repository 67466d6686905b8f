"""Contact moments: any channel, shaped after the Klantinteracties API, with a follow-up task
that lands in the assignee's kernel work queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.events.models import OutboxEvent
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.selectors import werkvoorraad
from raadhuis.modules.crm.catalogus import OPVOLGING_ZAAKTYPE
from raadhuis.modules.crm.models import KLANTINTERACTIES_VELDEN, Kanaal, Klantcontact, Uitkomst
from raadhuis.modules.crm.selectors import opvolgtaken_open, partij_klantcontacten
from raadhuis.modules.crm.services import Opvolging, klantcontact_create
from tests import factories


def test_a_phone_call_with_three_fields(am, bedrijf):
    contact = klantcontact_create(
        actor=am,
        partij=bedrijf.partij,
        kanaal=Kanaal.TELEFOON,
        onderwerp="Vraag over terrasvergunning",
        inhoud="Wil weten of de aanvraag al binnen is.",
    )
    assert contact.referentienummer.startswith("KC")
    assert len(contact.referentienummer) == 10
    assert contact.medewerker == am.medewerker
    assert contact.eenheid == bedrijf.eenheid
    assert contact.taak is None
    assert AuditEntry.objects.filter(actie="klantcontact_aangemaakt", object_uuid=contact.uuid)
    event = OutboxEvent.objects.get(resource="klantcontact", resource_uuid=contact.uuid)
    assert (event.kanaal, event.actie) == ("klantcontacten", "create")


def test_reference_numbers_count_up(am, bedrijf):
    a = klantcontact_create(actor=am, partij=bedrijf.partij, kanaal="email", onderwerp="A")
    b = klantcontact_create(actor=am, partij=bedrijf.partij, kanaal="balie", onderwerp="B")
    assert int(b.referentienummer[4:]) == int(a.referentienummer[4:]) + 1


def test_every_channel_of_the_issue_is_offered():
    assert set(Kanaal.values) == {"telefoon", "email", "balie", "brief", "portaal", "social_media"}


def test_bad_input_gives_field_errors(am, bedrijf):
    with pytest.raises(ValidationError) as error:
        klantcontact_create(
            actor=am,
            partij=bedrijf.partij,
            kanaal="duif",
            onderwerp="",
            inhoud="x" * 1001,
            plaatsgevonden_op=timezone.now() + timedelta(days=1),
        )
    assert set(error.value.message_dict) == {"kanaal", "onderwerp", "inhoud", "plaatsgevonden_op"}


def test_a_follow_up_becomes_a_task_in_the_assignees_work_queue(am, bedrijf, accountmanager):
    deadline = vandaag("Europe/Amsterdam") + timedelta(days=3)
    contact = klantcontact_create(
        actor=am,
        partij=bedrijf.partij,
        kanaal=Kanaal.TELEFOON,
        onderwerp="Terugbellen over evenement",
        uitkomst=Uitkomst.TERUGBELVERZOEK,
        opvolging=Opvolging(
            titel="Terugbellen over de evenementenvergunning",
            toegewezen_aan=accountmanager,
            vervaldatum=deadline,
        ),
    )
    taak = contact.taak
    assert taak.vervaldatum == deadline
    assert taak.toegewezen_aan == accountmanager
    # No case was named: the follow-up got its own case, with the company as initiator.
    assert taak.zaak.zaaktype.identificatie == OPVOLGING_ZAAKTYPE
    assert taak.zaak.rollen.filter(partij=bedrijf.partij).exists()
    queue = werkvoorraad(actor=am)
    assert [t.pk for t in queue.taken] == [taak.pk]
    assert list(opvolgtaken_open(actor=am)) == [taak]
    assert list(opvolgtaken_open(actor=am, partij=bedrijf.partij)) == [taak]


def test_a_follow_up_on_a_named_case_is_a_task_on_that_case(crm_org, am, bedrijf, accountmanager):
    zaaktype = factories.zaaktype(crm_org, identificatie="EVENEMENT", omschrijving="Evenement")
    eigen = factories.medewerker(crm_org, zaaktypen=(zaaktype,), team=bedrijf.eenheid)
    ik = factories.actor(eigen)
    zaak = zaak_create(actor=ik, zaaktype=zaaktype, initiator=bedrijf.partij)
    contact = klantcontact_create(
        actor=ik,
        partij=bedrijf.partij,
        kanaal=Kanaal.EMAIL,
        onderwerp="Aanvullende stukken",
        zaak=zaak,
        opvolging=Opvolging(titel="Stukken beoordelen", toegewezen_aan=eigen, termijn_werkdagen=5),
    )
    assert contact.zaak == zaak
    assert contact.taak.zaak == zaak
    assert contact.taak.termijn_werkdagen == 5


def test_a_follow_up_for_someone_who_would_not_see_it_is_refused(crm_org, am, bedrijf):
    zonder_grant = factories.medewerker(crm_org, team=bedrijf.eenheid)
    with pytest.raises(ValidationError) as error:
        klantcontact_create(
            actor=am,
            partij=bedrijf.partij,
            kanaal=Kanaal.TELEFOON,
            onderwerp="Terugbellen",
            opvolging=Opvolging(
                titel="Terugbellen",
                toegewezen_aan=zonder_grant,
                vervaldatum=vandaag("Europe/Amsterdam"),
            ),
        )
    assert "opvolging_medewerker" in error.value.message_dict
    # All or nothing: no contact without its task.
    assert not Klantcontact.objects.exists()


def test_a_follow_up_needs_a_title_and_a_deadline(am, bedrijf, accountmanager):
    with pytest.raises(ValidationError) as error:
        klantcontact_create(
            actor=am,
            partij=bedrijf.partij,
            kanaal=Kanaal.TELEFOON,
            onderwerp="Terugbellen",
            opvolging=Opvolging(titel="", toegewezen_aan=accountmanager),
        )
    assert set(error.value.message_dict) == {"opvolging_titel", "opvolging_vervaldatum"}


def test_contacts_of_another_departments_relation_are_refused(sport, bedrijf):
    with pytest.raises(NietGevonden):
        klantcontact_create(actor=sport, partij=bedrijf.partij, kanaal="email", onderwerp="X")
    with pytest.raises(NietGevonden):
        partij_klantcontacten(actor=sport, partij=bedrijf.partij)


def test_a_confidential_contact_shows_its_content_to_its_own_department_only(
    am, kcc_actor, bedrijf
):
    klantcontact_create(
        actor=am,
        partij=bedrijf.partij,
        kanaal=Kanaal.BALIE,
        onderwerp="Betalingsproblemen",
        vertrouwelijk=True,
    )
    [eigen] = partij_klantcontacten(actor=am, partij=bedrijf.partij)
    [kcc] = partij_klantcontacten(actor=kcc_actor, partij=bedrijf.partij)
    assert eigen.inhoud_zichtbaar
    assert not kcc.inhoud_zichtbaar


def test_fields_map_to_the_klantinteracties_api():
    velden = {f.name for f in Klantcontact._meta.get_fields()}
    assert set(KLANTINTERACTIES_VELDEN) <= velden
    assert KLANTINTERACTIES_VELDEN["indicatie_contact_gelukt"] == "indicatieContactGelukt"
    assert KLANTINTERACTIES_VELDEN["plaatsgevonden_op"] == "plaatsgevondenOp"


def test_completing_the_follow_up_closes_its_own_case(am, bedrijf, accountmanager):
    from raadhuis.modules.crm.services import opvolging_afronden

    contact = klantcontact_create(
        actor=am,
        partij=bedrijf.partij,
        kanaal=Kanaal.TELEFOON,
        onderwerp="Terugbellen",
        opvolging=Opvolging(
            titel="Terugbellen", toegewezen_aan=accountmanager, termijn_werkdagen=2
        ),
    )
    taak = opvolging_afronden(actor=am, taak=contact.taak)
    assert taak.status == "afgerond"
    zaak = taak.zaak
    zaak.refresh_from_db()
    assert zaak.einddatum is not None
    assert zaak.resultaat.resultaattype.omschrijving == "Afgehandeld"
    assert list(opvolgtaken_open(actor=am)) == []
    assert werkvoorraad(actor=am).taken == []


def test_completing_a_follow_up_on_a_named_case_leaves_the_case_open(crm_org, bedrijf):
    from raadhuis.modules.crm.services import opvolging_afronden

    zaaktype = factories.zaaktype(crm_org, identificatie="EVENEMENT", omschrijving="Evenement")
    eigen = factories.medewerker(crm_org, zaaktypen=(zaaktype,), team=bedrijf.eenheid)
    ik = factories.actor(eigen)
    zaak = zaak_create(actor=ik, zaaktype=zaaktype, initiator=bedrijf.partij)
    contact = klantcontact_create(
        actor=ik,
        partij=bedrijf.partij,
        kanaal=Kanaal.EMAIL,
        onderwerp="Stukken",
        zaak=zaak,
        opvolging=Opvolging(titel="Beoordelen", toegewezen_aan=eigen, termijn_werkdagen=5),
    )
    opvolging_afronden(actor=ik, taak=contact.taak)
    zaak.refresh_from_db()
    assert zaak.einddatum is None
