"""Contracts: registering and changing them (Dutch errors per field, audit), who sees them,
Social Return realised vs. promised, MVOI indicators, and the daily signal check (a kernel task
and an e-mail through a real SMTP server, made once however often the check runs)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.messaging.models import Verzending, VerzendStatus
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.models import Taak
from raadhuis.modules.crm.contracten.models import Contractsignaal, SignaalSoort
from raadhuis.modules.crm.contracten.selectors import (
    Contractfilter,
    contract_get,
    contracten_overzicht,
    contracten_van_partij,
)
from raadhuis.modules.crm.contracten.services import (
    contract_create,
    contract_opzeggen,
    contract_update,
    indicator_add,
    indicator_update,
    realisatie_add,
)
from raadhuis.modules.crm.contracten.signalen import contracten_signaleren
from raadhuis.modules.crm.contracten.termijnen import ContractStatus
from tests import factories
from tests.kernel.messaging import conftest as messaging_fixtures

smtp_server = messaging_fixtures.smtp_server

VANDAAG = date(2026, 6, 1)


@pytest.fixture
def schoonmaak(am, bedrijf, afdeling_ez, accountmanager):
    """A cleaning contract that ends on 31 August 2026: 91 days after VANDAAG."""
    return contract_create(
        actor=am,
        partij=bedrijf.partij,
        onderwerp="Schoonmaak stadskantoor",
        waarde="125000,00",
        startdatum=date(2024, 9, 1),
        einddatum=date(2026, 8, 31),
        opzegtermijn=3,
        eigenaar=accountmanager,
        afdeling=afdeling_ez,
        sr_uren_toegezegd=Decimal("400"),
        sr_bedrag_toegezegd=Decimal("5000"),
    )


@pytest.fixture
def licentie(am, bedrijf, afdeling_ez, accountmanager):
    """A licence renewed by itself every 12 months; notice 2 months before 31 December."""
    return contract_create(
        actor=am,
        partij=bedrijf.partij,
        onderwerp="Licentie zaaksysteem",
        waarde=Decimal("18000"),
        startdatum=date(2023, 1, 1),
        einddatum=date(2023, 12, 31),
        verlenging="automatisch",
        verlengingsperiode_maanden=12,
        opzegtermijn=2,
        eigenaar=accountmanager,
        afdeling=afdeling_ez,
    )


def test_a_contract_gets_a_number_a_decimal_value_and_an_audit_entry(schoonmaak):
    assert schoonmaak.kenmerk == "CON-2024-0000001"
    assert schoonmaak.waarde == Decimal("125000.00")
    entry = AuditEntry.objects.get(actie="contract_aangemaakt")
    assert entry.object_uuid == schoonmaak.uuid
    assert entry.wijzigingen["onderwerp"] == [None, "Schoonmaak stadskantoor"]


def test_bad_input_gives_dutch_errors_per_field(am, bedrijf, afdeling_ez):
    with pytest.raises(ValidationError) as fout:
        contract_create(
            actor=am,
            partij=bedrijf.partij,
            onderwerp=" ",
            waarde="veel",
            startdatum=date(2026, 1, 1),
            einddatum=date(2025, 1, 1),
            verlenging="automatisch",
            afdeling=afdeling_ez,
        )

    assert set(fout.value.message_dict) == {
        "onderwerp",
        "waarde",
        "einddatum",
        "verlengingsperiode_maanden",
    }
    assert fout.value.message_dict["einddatum"] == ["De einddatum ligt voor de startdatum."]


def test_a_contract_in_another_department_is_refused_unless_you_own_it(
    am, bedrijf, afdeling_sport, accountmanager
):
    with pytest.raises(ValidationError) as fout:
        contract_create(
            actor=am,
            partij=bedrijf.partij,
            onderwerp="Sportpark",
            waarde="1",
            startdatum=date(2026, 1, 1),
            afdeling=afdeling_sport,
        )
    assert "afdeling" in fout.value.message_dict

    eigen = contract_create(
        actor=am,
        partij=bedrijf.partij,
        onderwerp="Sportpark",
        waarde="1",
        startdatum=date(2026, 1, 1),
        afdeling=afdeling_sport,
        eigenaar=accountmanager,
    )
    assert eigen.kenmerk.startswith("CON-2026-")


def test_departments_see_only_their_own_contracts(schoonmaak, am, sport, kcc_actor, crm_org):
    assert [r.contract for r in contracten_overzicht(actor=am, op=VANDAAG)] == [schoonmaak]
    assert contracten_overzicht(actor=sport, op=VANDAAG) == []
    assert len(contracten_overzicht(actor=kcc_actor, op=VANDAAG)) == 1
    with pytest.raises(NietGevonden):
        contract_get(actor=sport, uuid=schoonmaak.uuid, op=VANDAAG)
    with pytest.raises(NietGevonden):
        contract_update(actor=sport, contract=schoonmaak, onderwerp="Overgenomen")
    teamleider = factories.actor(factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,)))
    with pytest.raises(ToegangGeweigerd):
        contracten_overzicht(actor=teamleider, op=VANDAAG)


def test_the_overview_filters_ending_within_90_days(schoonmaak, licentie, am):
    def kenmerken(**filters):  # noqa: ANN003, ANN202
        regels = contracten_overzicht(actor=am, filters=Contractfilter(**filters), op=VANDAAG)
        return [r.contract.kenmerk for r in regels]

    # 91 days to the end: not within 90; the licence's notice deadline is 31 October.
    assert kenmerken(eindigt_binnen_dagen=90) == []
    assert kenmerken(eindigt_binnen_dagen=91) == [schoonmaak.kenmerk]
    assert kenmerken(eindigt_binnen_dagen=152) == [schoonmaak.kenmerk, licentie.kenmerk]
    assert kenmerken(met_social_return=True) == [schoonmaak.kenmerk]
    assert kenmerken(zoekterm="licentie") == [licentie.kenmerk]
    assert kenmerken(status=ContractStatus.LOOPT_AF) == []
    regel = contract_get(actor=am, uuid=licentie.uuid, op=VANDAAG)
    assert (regel.einde, regel.opzegdatum) == (date(2026, 12, 31), date(2026, 10, 31))


def test_change_and_notice_are_audited_with_old_and_new(schoonmaak, am):
    contract_update(actor=am, contract=schoonmaak, waarde=Decimal("130000.00"))
    contract_opzeggen(actor=am, contract=schoonmaak, datum=date(2026, 5, 1))

    gewijzigd = AuditEntry.objects.get(actie="contract_gewijzigd")
    assert gewijzigd.wijzigingen["waarde"] == ["125000.00", "130000.00"]
    regel = contract_get(actor=am, uuid=schoonmaak.uuid, op=VANDAAG)
    assert regel.status == ContractStatus.OPGEZEGD
    with pytest.raises(ValidationError):
        contract_opzeggen(actor=am, contract=schoonmaak)


def test_social_return_realised_against_promised(schoonmaak, am):
    realisatie_add(
        actor=am, contract=schoonmaak, datum=date(2025, 3, 1), uren="120", omschrijving="Q1"
    )
    realisatie_add(
        actor=am,
        contract=schoonmaak,
        datum=date(2025, 9, 1),
        uren="180,5",
        bedrag="1250.00",
        omschrijving="Q3 en opleiding",
    )
    with pytest.raises(ValidationError) as fout:
        realisatie_add(actor=am, contract=schoonmaak, datum=VANDAAG, omschrijving="niets")

    stand = contract_get(actor=am, uuid=schoonmaak.uuid, op=VANDAAG).social_return
    assert (stand.uren_toegezegd, stand.uren_gerealiseerd) == (Decimal("400"), Decimal("300.5"))
    assert stand.uren_procent == 75  # 300.5 / 400 = 75.1 %
    assert (stand.bedrag_gerealiseerd, stand.bedrag_procent) == (Decimal("1250.00"), 25)
    assert "uren" in fout.value.message_dict


def test_mvoi_indicators_are_a_free_list(schoonmaak, am):
    co2 = indicator_add(actor=am, contract=schoonmaak, naam="CO2-uitstoot (ton)", doel="120")
    indicator_add(actor=am, contract=schoonmaak, naam="Circulaire middelen", doel="80%")
    indicator_update(actor=am, indicator=co2, gerealiseerd="95")

    assert [(i.naam, i.gerealiseerd) for i in schoonmaak.indicatoren.all()] == [
        ("CO2-uitstoot (ton)", "95"),
        ("Circulaire middelen", ""),
    ]
    with pytest.raises(ValidationError):
        indicator_add(actor=am, contract=schoonmaak, naam="")


def test_the_relation_page_block_lists_the_relations_contracts(schoonmaak, am, sport, bedrijf):
    assert [
        r.contract for r in contracten_van_partij(actor=am, partij=bedrijf.partij, op=VANDAAG)
    ] == [schoonmaak]
    assert contracten_van_partij(actor=sport, partij=bedrijf.partij, op=VANDAAG) == []


# --- the daily signal check --------------------------------------------------------------------


def test_expiry_signal_makes_a_task_and_an_email_once(
    schoonmaak, crm_org, accountmanager, smtp_server, django_capture_on_commit_callbacks
):
    # 92 days before the end: nothing yet; 90 days before: the signal.
    assert contracten_signaleren(crm_org, date(2026, 5, 31)) == []
    with django_capture_on_commit_callbacks(execute=True):
        (signaal,) = contracten_signaleren(crm_org, date(2026, 6, 2))

    assert (signaal.soort, signaal.peildatum) == (SignaalSoort.EINDE, date(2026, 8, 31))
    taak = signaal.taak
    assert taak.toegewezen_aan == accountmanager and taak.vervaldatum == date(2026, 8, 31)
    assert taak.zaak.zaaktype.identificatie == "CRM-CONTRACT"
    schoonmaak.refresh_from_db()
    assert schoonmaak.zaak == taak.zaak
    verzending = Verzending.objects.get(brief=signaal.brief)
    assert verzending.status == VerzendStatus.VERZONDEN
    (mail,) = smtp_server.berichten
    assert mail["To"] == accountmanager.email
    assert "Het contract loopt af op 31-08-2026" in mail["Subject"]
    # The owner is not granted 'Contractbeheer': the signal says the task is out of sight.
    assert "niet geautoriseerd" in signaal.opmerking

    # Again the same day, and the next day: no second task, no second e-mail.
    assert contracten_signaleren(crm_org, date(2026, 6, 2)) == []
    assert contracten_signaleren(crm_org, date(2026, 6, 3)) == []
    assert Taak.objects.count() == 1 and Contractsignaal.objects.count() == 1


def test_notice_deadline_signal_for_a_renewing_contract(licentie, crm_org):
    # Term ends 31 December 2026; notice 2 months before: 31 October; signal 30 days before.
    assert contracten_signaleren(crm_org, date(2026, 9, 30)) == []
    (opzeg,) = contracten_signaleren(crm_org, date(2026, 10, 1))
    # The end of the term (31 December) is 90 days away on 2 October.
    (einde,) = contracten_signaleren(crm_org, date(2026, 10, 2))

    assert (opzeg.soort, opzeg.peildatum) == (SignaalSoort.OPZEGGING, date(2026, 10, 31))
    assert (einde.soort, einde.peildatum) == (SignaalSoort.EINDE, date(2026, 12, 31))
    assert opzeg.taak.vervaldatum == date(2026, 10, 31)
    assert "opzeggen" in opzeg.taak.titel
    # Both tasks sit on the one case of this contract.
    assert einde.taak.zaak_id == opzeg.taak.zaak_id


def test_a_contract_without_owner_signals_its_department_without_email(
    am, bedrijf, afdeling_ez, crm_org
):
    contract_create(
        actor=am,
        partij=bedrijf.partij,
        onderwerp="Catering",
        waarde="100",
        startdatum=date(2025, 1, 1),
        einddatum=date(2026, 7, 1),
        afdeling=afdeling_ez,
    )

    (signaal,) = contracten_signaleren(crm_org, VANDAAG)

    assert signaal.taak.toegewezen_team == afdeling_ez and signaal.brief is None
    assert "e-mailadres" in signaal.opmerking or "eigenaar" in signaal.opmerking
