"""The intake (aanmelding): the client and household come from the BRP, and the case, the
dossier and the first legal-term task are made together, or not at all."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db.models.signals import post_save

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.cases.models import Rol, Zaak
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol as StaffRol
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.models import Taak
from raadhuis.modules.shv.models import Dreiging, Fase, Huishoudlid, ShvDossier
from raadhuis.modules.shv.services import eerste_gesprek_registreren, shv_aanmelding_create
from tests import factories
from tests.modules.shv.conftest import traject


def test_intake_creates_case_dossier_household_and_task(dossier, gezin, consulent):
    zaak = dossier.zaak
    assert zaak.identificatie == "SHV-2026-0000001"
    assert zaak.behandelaar == consulent
    assert zaak.startdatum == date(2026, 3, 2)
    assert zaak.status_actueel.statustype.omschrijving_generiek == Fase.AANMELDING
    aanvrager = Rol.objects.get(zaak=zaak, roltype__omschrijving_generiek="initiator")
    assert aanvrager.roltype.omschrijving == "Aanvrager"
    assert aanvrager.partij_id == dossier.client_id
    assert dossier.client.concreet.bsn == gezin.bsn
    assert dossier.client.adressen.get().woonplaats  # the address came from the BRP
    # Monday 2 March + 4 weeks = Monday 30 March (Wgs art. 4 lid 1).
    assert dossier.eerste_gesprek_uiterlijk == date(2026, 3, 30)
    taak = dossier.taak_eerste_gesprek
    assert (taak.titel, taak.vervaldatum, taak.toegewezen_aan) == (
        "Eerste gesprek voeren",
        date(2026, 3, 30),
        consulent,
    )
    leden = list(dossier.huishouden.order_by("relatie", "geboortedatum"))
    assert [lid.relatie for lid in leden] == ["kind", "kind", "kind", "partner"]
    assert all(lid.uit_brp and lid.geboortedatum for lid in leden)
    assert AuditEntry.objects.filter(actie="schuldhulpdossier_aangemaakt").count() == 1
    assert VerwerkingsLog.objects.filter(doel__icontains="Schuldhulpverlening").exists()


def test_case_numbers_count_on_per_year(ik, msr, gezin, brp_double):
    alleen = brp_double.register.aanvrager("alleenstaand")
    eerste = shv_aanmelding_create(
        actor=ik, bsn=gezin.bsn, zaaktype=msr, aanmeldingsdatum=date(2026, 1, 5)
    )
    tweede = shv_aanmelding_create(
        actor=ik, bsn=alleen.bsn, zaaktype=msr, aanmeldingsdatum=date(2025, 12, 30)
    )
    assert eerste.zaak.identificatie == "SHV-2026-0000001"
    assert tweede.zaak.identificatie == "SHV-2025-0000001"


def test_a_threat_shortens_the_term_to_three_working_days(ik, msr, gezin):
    dossier = shv_aanmelding_create(
        actor=ik,
        bsn=gezin.bsn,
        zaaktype=msr,
        aanmeldingsdatum=date(2025, 12, 19),  # a Friday (the example of the brief is in 2026)
        dreiging=Dreiging.HUISUITZETTING,
    )
    # Mon 22, Tue 23, Wed 24 December 2025.
    assert dossier.eerste_gesprek_uiterlijk == date(2025, 12, 24)
    assert "art. 4 lid 2" in dossier.taak_eerste_gesprek.toelichting


def test_a_track_without_wgs_terms_gets_no_term_task(ik, shv_org, gezin):
    dossier = shv_aanmelding_create(
        actor=ik,
        bsn=gezin.bsn,
        zaaktype=traject(shv_org, "SHV-VROEGSIGNALERING"),
        aanmeldingsdatum=date(2026, 3, 2),
    )
    assert dossier.eerste_gesprek_uiterlijk is None and dossier.taak_eerste_gesprek is None
    eerste_gesprek_registreren(actor=ik, dossier=dossier, datum=date(2026, 3, 3))
    dossier.refresh_from_db()
    assert dossier.beschikking_uiterlijk is None and dossier.fase == Fase.INTAKE


def test_a_failure_at_the_last_step_leaves_nothing_behind(ik, msr, gezin):
    def breek(sender, instance, created, **kwargs):  # noqa: ANN001, ANN003
        # The very last write of the intake: the legal-term task.
        if instance.titel == "Eerste gesprek voeren":
            raise RuntimeError("de database valt weg")

    post_save.connect(breek, sender=Taak, dispatch_uid="shv-test-breek")
    try:
        with pytest.raises(RuntimeError):
            shv_aanmelding_create(
                actor=ik, bsn=gezin.bsn, zaaktype=msr, aanmeldingsdatum=date(2026, 3, 2)
            )
    finally:
        post_save.disconnect(dispatch_uid="shv-test-breek", sender=Taak)
    assert not Zaak.objects.exists()
    assert not ShvDossier.objects.exists()
    assert not Huishoudlid.objects.exists()
    assert not Taak.objects.exists()
    assert not Partij.objects.exists()
    assert not AuditEntry.objects.filter(actie__in=["zaak_aangemaakt", "partij_aangemaakt"])


def test_bad_input_gives_dutch_field_errors(ik, msr, shv_org):
    with pytest.raises(ValidationError) as fout:
        shv_aanmelding_create(
            actor=ik, bsn="123456789", zaaktype=msr, aanmeldingsdatum=date(2099, 1, 1)
        )
    fouten = fout.value.message_dict
    assert "elfproef" in fouten["bsn"][0]
    assert fouten["aanmeldingsdatum"] == ["De datum van de hulpvraag ligt in de toekomst."]
    andere = factories.zaaktype(shv_org, identificatie="KLACHT")
    with pytest.raises(ValidationError) as fout:
        shv_aanmelding_create(
            actor=ik, bsn="999990007", zaaktype=andere, aanmeldingsdatum=date(2026, 3, 2)
        )
    assert fout.value.message_dict["zaaktype"] == ["Kies een traject schuldhulpverlening."]


def test_a_person_unknown_to_the_brp_is_refused(ik, msr, brp_double):
    onbekend = factories.elfproef_number(4242, prefix="11")
    with pytest.raises(ValidationError) as fout:
        shv_aanmelding_create(
            actor=ik, bsn=onbekend, zaaktype=msr, aanmeldingsdatum=date(2026, 3, 2)
        )
    assert fout.value.message_dict["bsn"]
    assert not Zaak.objects.exists()


def test_brp_outage_is_a_dutch_error_not_a_crash(ik, msr, gezin, brp_double):
    brp_double.app.storing = True
    with pytest.raises(ValidationError) as fout:
        shv_aanmelding_create(
            actor=ik, bsn=gezin.bsn, zaaktype=msr, aanmeldingsdatum=date(2026, 3, 2)
        )
    assert fout.value.message_dict["bsn"]
    assert not Zaak.objects.exists()


def test_a_team_leader_may_not_register(shv_org, msr, gezin):
    teamleider = factories.actor(factories.medewerker(shv_org, rollen=(StaffRol.TEAMLEIDER,)))
    with pytest.raises(ToegangGeweigerd):
        shv_aanmelding_create(
            actor=teamleider, bsn=gezin.bsn, zaaktype=msr, aanmeldingsdatum=date(2026, 3, 2)
        )
