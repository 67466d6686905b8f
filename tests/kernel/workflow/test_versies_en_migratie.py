"""Versions: a published version never changes; editing makes a new version; running cases
keep their version until a functional administrator migrates them explicitly."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.workflow.engine import proces_migreren, processen_bijwerken
from raadhuis.kernel.workflow.models import ActieUitvoering, Taak, UitvoeringStatus, ZaakProces
from raadhuis.kernel.workflow.proces_services import (
    procesactie_add,
    processtap_add,
    processtap_delete,
    processtap_move,
    procesversie_concept_maken,
    procesversie_publiceren,
)

from .conftest import standaard_proces, zaak_maken


def nieuwe_versie_met_belactie(w, v1):
    """v2: Intake gets 'after 10 working days: task Bellen for team Schuldhulp'."""
    concept = procesversie_concept_maken(actor=w.beheer, definitie=v1.definitie)
    intake = concept.stappen.get(code="intake")
    procesactie_add(
        actor=w.beheer,
        stap=intake,
        soort="taak_aanmaken",
        trigger="na_werkdagen_in_stap",
        werkdagen=10,
        parameters={
            "titel": "Klant bellen",
            "toewijzen_aan": "team",
            "team": w.team.identificatie,
            "termijn_werkdagen": 2,
        },
    )
    return procesversie_publiceren(actor=w.beheer, versie=concept, toelichting="Belactie")


def test_a_published_version_cannot_be_edited(zevenaar):
    w = zevenaar
    v1 = standaard_proces(w)
    with pytest.raises(ValidationError, match="gepubliceerd en verandert niet meer"):
        processtap_add(actor=w.beheer, versie=v1, naam="Nazorg")
    with pytest.raises(ValidationError, match="gepubliceerd"):
        processtap_delete(actor=w.beheer, stap=v1.stappen.first())


def test_editing_makes_a_new_version_new_cases_get_it_running_cases_keep_theirs(zevenaar):
    w = zevenaar
    v1 = standaard_proces(w)
    oud = zaak_maken(w)
    v2 = nieuwe_versie_met_belactie(w, v1)
    v1.refresh_from_db()
    assert (v1.versie, v1.actief, v2.versie, v2.actief) == (1, False, 2, True)
    assert v2.gebaseerd_op == v1
    nieuw = zaak_maken(w)
    assert ZaakProces.objects.get(zaak=oud).versie == v1
    assert ZaakProces.objects.get(zaak=nieuw).versie == v2
    # The copy keeps every step (by code) and the action keys of the actions it copied.
    assert [s.code for s in v2.stappen.order_by("volgnummer")] == [
        "aanmelding",
        "intake",
        "stabilisatie",
    ]
    sleutels_v1 = set(v1.stappen.values_list("acties__sleutel", flat=True)) - {None}
    sleutels_v2 = set(v2.stappen.values_list("acties__sleutel", flat=True)) - {None}
    assert sleutels_v1 < sleutels_v2


def test_only_one_concept_and_reorder_in_the_concept(zevenaar):
    w = zevenaar
    v1 = standaard_proces(w)
    concept = procesversie_concept_maken(actor=w.beheer, definitie=v1.definitie)
    assert procesversie_concept_maken(actor=w.beheer, definitie=v1.definitie) == concept
    stabilisatie = concept.stappen.get(code="stabilisatie")
    processtap_move(actor=w.beheer, stap=stabilisatie, richting="omhoog")
    assert list(concept.stappen.order_by("volgnummer").values_list("code", flat=True)) == [
        "aanmelding",
        "stabilisatie",
        "intake",
    ]
    assert [s.volgnummer for s in concept.stappen.order_by("volgnummer")] == [1, 2, 3]
    # Nothing changed in the published version.
    assert list(v1.stappen.order_by("volgnummer").values_list("code", flat=True)) == [
        "aanmelding",
        "intake",
        "stabilisatie",
    ]


def test_migration_moves_running_cases_and_keeps_their_place_in_time(zevenaar):
    w = zevenaar
    v1 = standaard_proces(w)
    with freeze_time("2026-03-02 09:00:00+01:00"):  # Monday
        zaak = zaak_maken(w)
        from raadhuis.kernel.workflow.engine import proces_stap_volgende

        proces_stap_volgende(actor=w.ik, zaak=zaak)  # into Intake on Monday 2 March
    v2 = nieuwe_versie_met_belactie(w, v1)
    with freeze_time("2026-03-10 09:00:00+01:00"):
        resultaat = proces_migreren(
            actor=w.beheer, naar_versie=v2, van_versie=v1, toelichting="Belactie voor iedereen"
        )
    assert resultaat.aantal == 1 and resultaat.per_versie == {1: 1}
    proces = ZaakProces.objects.get(zaak=zaak)
    assert (proces.versie, proces.huidige_stap.code) == (v2, "intake")
    # 10 working days from Monday 2 March (when the case entered Intake): Monday 16 March.
    bel = ActieUitvoering.objects.get(zaak=zaak, actie__parameters__titel="Klant bellen")
    assert str(bel.uitvoeren_op) == "2026-03-16"
    with freeze_time("2026-03-16 09:00:00+01:00"):
        processen_bijwerken()
    assert Taak.objects.filter(zaak=zaak, titel="Klant bellen", toegewezen_team=w.team).count() == 1
    entry = AuditEntry.objects.get(actie="zaakproces_gemigreerd", zaak_uuid=zaak.uuid)
    assert entry.wijzigingen == {"versie": [1, 2], "stap": ["Intake", "Intake"]}
    assert entry.actor_weergave == w.fb.naam
    assert AuditEntry.objects.filter(actie="proces_gemigreerd").count() == 1


def test_migration_does_not_repeat_an_action_the_case_already_ran(zevenaar):
    w = zevenaar
    v1 = standaard_proces(w, herinnering_na=3)
    with freeze_time("2026-03-02 09:00:00+01:00"):
        zaak = zaak_maken(w)
    with freeze_time("2026-03-05 09:00:00+01:00"):
        processen_bijwerken()  # the reminder ran in version 1
    assert Taak.objects.filter(zaak=zaak, titel__startswith="Herinnering").count() == 1
    v2 = nieuwe_versie_met_belactie(w, v1)
    with freeze_time("2026-03-06 09:00:00+01:00"):
        proces_migreren(actor=w.beheer, naar_versie=v2)
        processen_bijwerken()
    assert Taak.objects.filter(zaak=zaak, titel__startswith="Herinnering").count() == 1
    assert Taak.objects.filter(zaak=zaak, titel="Eerste gesprek plannen").count() == 1
    her = ActieUitvoering.objects.get(zaak=zaak, actie__stap__versie=v2, actie__soort="herinnering")
    assert her.status == UitvoeringStatus.UITGEVOERD
    assert her.resultaat.startswith("Al uitgevoerd vóór de migratie")


def test_migration_needs_a_target_for_every_step_or_does_nothing(zevenaar):
    w = zevenaar
    v1 = standaard_proces(w)
    zaak = zaak_maken(w)
    concept = procesversie_concept_maken(actor=w.beheer, definitie=v1.definitie)
    processtap_delete(actor=w.beheer, stap=concept.stappen.get(code="aanmelding"))
    v2 = procesversie_publiceren(actor=w.beheer, versie=concept)
    with pytest.raises(ValidationError) as fout:
        proces_migreren(actor=w.beheer, naar_versie=v2)
    assert "Kies voor stap ‘Aanmelding’ (versie 1) een stap in versie 2." in fout.value.messages
    assert ZaakProces.objects.get(zaak=zaak).versie == v1
    proces_migreren(actor=w.beheer, naar_versie=v2, stap_mapping={"aanmelding": "intake"})
    proces = ZaakProces.objects.get(zaak=zaak)
    assert (proces.versie, proces.huidige_stap.code) == (v2, "intake")


def test_publishing_checks_the_version(zevenaar):
    from raadhuis.kernel.workflow.proces_services import proces_create

    w = zevenaar
    versie = proces_create(actor=w.beheer, zaaktype=w.zaaktype, naam="Leeg")
    with pytest.raises(ValidationError) as fout:
        procesversie_publiceren(actor=w.beheer, versie=versie)
    assert fout.value.messages == ["Het proces heeft nog geen stappen."]
