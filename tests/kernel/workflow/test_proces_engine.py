"""The process engine: a new case starts at step 1 with its start actions, timed actions run
after N working days in the step (Dutch holidays), exactly once, and only while the case is
still in that step; status changes and step moves follow each other."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from freezegun import freeze_time

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.services import zaak_status_set
from raadhuis.kernel.workflow.engine import (
    proces_stap_volgende,
    proces_stap_zetten,
    processen_bijwerken,
)
from raadhuis.kernel.workflow.models import (
    ActieUitvoering,
    Taak,
    UitvoeringStatus,
    ZaakProces,
)
from raadhuis.kernel.workflow.proces_selectors import zaak_proces_overzicht

from .conftest import standaard_proces, zaak_maken

# Easter 2026 is Sunday 5 April: Goede Vrijdag 3 April (Atw art. 3 lid 2) and Tweede Paasdag
# 6 April are no working days. Three working days after Thursday 2 April: Tue 7, Wed 8, Thu 9.
WITTE_DONDERDAG = "2026-04-02 10:00:00+02:00"


def herinneringen(zaak) -> list[Taak]:
    return list(Taak.objects.filter(zaak=zaak, titel__startswith="Herinnering"))


def test_new_case_starts_at_step_one_with_its_start_task(zevenaar):
    w = zevenaar
    versie = standaard_proces(w)
    with freeze_time(WITTE_DONDERDAG):
        zaak = zaak_maken(w)
    proces = ZaakProces.objects.get(zaak=zaak)
    assert (proces.versie, proces.huidige_stap.naam) == (versie, "Aanmelding")
    taak = Taak.objects.get(zaak=zaak, titel="Eerste gesprek plannen")
    assert taak.toegewezen_aan == w.consulent, "the case's behandelaar"
    # 3 working days from Thursday 2 April 2026: Tue 7, Wed 8, Thu 9 April.
    assert taak.vervaldatum == date(2026, 4, 9)
    assert AuditEntry.objects.filter(actie="proces_gestart", zaak_uuid=zaak.uuid).exists()
    uitgevoerd = AuditEntry.objects.get(actie="procesactie_uitgevoerd", zaak_uuid=zaak.uuid)
    assert uitgevoerd.actor_weergave == "Procesautomaat"


def test_reminder_after_three_working_days_from_the_thursday_before_easter(zevenaar):
    w = zevenaar
    standaard_proces(w, herinnering_na=3)
    with freeze_time(WITTE_DONDERDAG):
        zaak = zaak_maken(w)
    gepland = ActieUitvoering.objects.get(zaak=zaak, actie__soort="herinnering")
    assert gepland.uitvoeren_op == date(2026, 4, 9)
    for dag in ("2026-04-03", "2026-04-06", "2026-04-08"):  # Good Friday, Easter Monday, Wed
        with freeze_time(f"{dag} 23:00:00+02:00"):
            assert processen_bijwerken().uitgevoerd == 0, dag
    assert herinneringen(zaak) == []
    with freeze_time("2026-04-09 07:00:00+02:00"):
        assert processen_bijwerken().uitgevoerd == 1
    [taak] = herinneringen(zaak)
    assert taak.titel == "Herinnering: Is het eerste gesprek gevoerd?"
    assert taak.toegewezen_team == w.team and taak.toegewezen_aan is None
    assert taak.vervaldatum == date(2026, 4, 9), "termijn 0: due the day it is made"


def test_running_the_command_twice_makes_one_task(zevenaar):
    w = zevenaar
    standaard_proces(w)
    with freeze_time(WITTE_DONDERDAG):
        zaak = zaak_maken(w)
    with freeze_time("2026-04-10 09:00:00+02:00"):
        call_command("processen_bijwerken")
        call_command("processen_bijwerken")
        assert processen_bijwerken().uitgevoerd == 0
    assert len(herinneringen(zaak)) == 1
    uitvoering = ActieUitvoering.objects.get(zaak=zaak, actie__soort="herinnering")
    assert (uitvoering.status, uitvoering.pogingen) == (UitvoeringStatus.UITGEVOERD, 1)
    assert uitvoering.object_uuid == herinneringen(zaak)[0].uuid


def test_a_timed_action_lapses_when_the_case_left_the_step(zevenaar):
    w = zevenaar
    standaard_proces(w)
    with freeze_time(WITTE_DONDERDAG):
        zaak = zaak_maken(w)
        proces_stap_volgende(actor=w.ik, zaak=zaak)
    with freeze_time("2026-04-20 09:00:00+02:00"):
        processen_bijwerken()
    assert herinneringen(zaak) == []
    uitvoering = ActieUitvoering.objects.get(zaak=zaak, actie__soort="herinnering")
    assert uitvoering.status == UitvoeringStatus.VERVALLEN


def test_next_step_sets_its_status_and_is_audited(zevenaar):
    w = zevenaar
    standaard_proces(w)
    zaak = zaak_maken(w)
    proces = proces_stap_volgende(actor=w.ik, zaak=zaak, toelichting="Intake gepland")
    zaak.refresh_from_db()
    assert proces.huidige_stap.naam == "Intake"
    assert zaak.status_actueel.statustype.omschrijving == "Intake"
    entry = AuditEntry.objects.get(actie="processtap_gewijzigd", zaak_uuid=zaak.uuid)
    assert entry.wijzigingen == {"stap": ["Aanmelding", "Intake"]}
    assert entry.actor_weergave == w.consulent.naam
    overzicht = zaak_proces_overzicht(actor=w.ik, zaak=zaak)
    assert [s.toestand for s in overzicht.stappen] == ["gedaan", "huidig", "open"]
    assert [h.stap for h in overzicht.historie] == ["Intake", "Aanmelding"]
    assert overzicht.volgende_stap.naam == "Stabilisatie"


def test_a_step_back_needs_a_reason(zevenaar):
    w = zevenaar
    versie = standaard_proces(w)
    zaak = zaak_maken(w)
    proces_stap_volgende(actor=w.ik, zaak=zaak)
    aanmelding = versie.stappen.get(naam="Aanmelding")
    with pytest.raises(ValidationError) as fout:
        proces_stap_zetten(actor=w.ik, zaak=zaak, stap=aanmelding)
    assert "Geef een reden op" in str(fout.value)
    proces_stap_zetten(actor=w.ik, zaak=zaak, stap=aanmelding, toelichting="Gesprek opnieuw")
    assert ZaakProces.objects.get(zaak=zaak).huidige_stap == aanmelding
    # Entering the step again plans its actions again (a new stay).
    assert Taak.objects.filter(zaak=zaak, titel="Eerste gesprek plannen").count() == 2


def test_last_step_has_no_next(zevenaar):
    w = zevenaar
    standaard_proces(w)
    zaak = zaak_maken(w)
    proces_stap_volgende(actor=w.ik, zaak=zaak)
    proces_stap_volgende(actor=w.ik, zaak=zaak)
    with pytest.raises(ValidationError, match="laatste stap"):
        proces_stap_volgende(actor=w.ik, zaak=zaak)


def test_a_status_set_by_hand_moves_the_process_and_closing_ends_it(zevenaar):
    w = zevenaar
    standaard_proces(w)
    zaak = zaak_maken(w)
    stabilisatie = w.zaaktype.statustypen.get(omschrijving="Stabilisatie")
    zaak_status_set(actor=w.ik, zaak=zaak, statustype=stabilisatie, toelichting="")
    assert ZaakProces.objects.get(zaak=zaak).huidige_stap.naam == "Stabilisatie"
    afgerond = w.zaaktype.statustypen.get(omschrijving="Afgerond")
    zaak_status_set(
        actor=w.ik,
        zaak=zaak,
        statustype=afgerond,
        resultaattype=w.zaaktype.resultaattypen.first(),
    )
    proces = ZaakProces.objects.get(zaak=zaak)
    assert proces.afgerond_op is not None
    assert not ActieUitvoering.objects.filter(zaak=zaak, status=UitvoeringStatus.GEPLAND).exists()
    with pytest.raises(ValidationError):
        proces_stap_volgende(actor=w.ik, zaak=zaak)


def test_a_case_type_without_process_gets_none(zevenaar):
    w = zevenaar
    zaak = zaak_maken(w)
    assert not ZaakProces.objects.filter(zaak=zaak).exists()
    assert zaak_proces_overzicht(actor=w.ik, zaak=zaak) is None


def test_a_failing_action_is_recorded_and_retried_never_blocking_the_case(zevenaar):
    """Without behandelaar and without a team the start task has nobody: the case is made,
    the failure recorded, and the runner retries after the back-off."""
    from raadhuis.kernel.workflow.proces_services import (
        proces_create,
        procesactie_add,
        processtap_add,
        procesversie_publiceren,
    )

    w = zevenaar
    versie = proces_create(actor=w.beheer, zaaktype=w.zaaktype, naam="Kaal")
    stap = processtap_add(actor=w.beheer, versie=versie, naam="Start")
    procesactie_add(
        actor=w.beheer,
        stap=stap,
        soort="taak_aanmaken",
        trigger="bij_start_stap",
        parameters={"titel": "Bellen", "toewijzen_aan": "behandelaar", "termijn_werkdagen": 2},
    )
    procesversie_publiceren(actor=w.beheer, versie=versie)
    with freeze_time("2026-03-02 09:00:00+01:00"):
        zaak = zaak_maken(w, behandelaar=None)
    uitvoering = ActieUitvoering.objects.get(zaak=zaak)
    assert uitvoering.status == UitvoeringStatus.GEPLAND
    assert uitvoering.pogingen == 1
    assert "Niemand om de taak aan toe te wijzen" in uitvoering.laatste_fout
    with freeze_time("2026-03-02 09:00:30+01:00"):
        assert processen_bijwerken().mislukt == 0, "waits for its back-off"
    with freeze_time("2026-03-02 09:30:00+01:00"):
        assert processen_bijwerken().mislukt == 1
    uitvoering.refresh_from_db()
    assert uitvoering.pogingen == 2
