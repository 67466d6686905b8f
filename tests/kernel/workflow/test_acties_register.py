"""The registry of action kinds: parameters checked with a Dutch message per field, kinds from
other apps, and what an unknown kind does."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.workflow import acties
from raadhuis.kernel.workflow.acties import (
    GETAL,
    JA_NEE,
    KEUZE,
    ActieResultaat,
    KeuzeContext,
    Parameter,
    actie_parameters_valideren,
    actie_samenvatting,
    actie_soort_get,
    register_actie_soort,
)
from raadhuis.kernel.workflow.proces_services import proces_create, procesactie_add, processtap_add


def fouten(code, parameters, context):
    with pytest.raises(ValidationError) as fout:
        actie_parameters_valideren(code, parameters, context=context)
    return fout.value.message_dict


@pytest.fixture
def context(zevenaar):
    return KeuzeContext(organisatie=zevenaar.org, zaaktype=zevenaar.zaaktype)


def test_the_builtin_kinds_are_registered():
    for code in ("taak_aanmaken", "herinnering", "status_zetten"):
        assert actie_soort_get(code) is not None, code


def test_task_parameters_dutch_errors_per_field(context):
    assert fouten(
        "taak_aanmaken", {"toewijzen_aan": "iedereen", "termijn_werkdagen": "vijf"}, context
    ) == {
        "titel": ["Vul ‘Titel van de taak’ in."],
        "toewijzen_aan": ["Kies een van de mogelijkheden bij ‘Voor wie’."],
        "termijn_werkdagen": ["Vul een geheel getal in."],
    }
    assert fouten(
        "taak_aanmaken",
        {"titel": "Bellen", "toewijzen_aan": "team", "termijn_werkdagen": 400},
        context,
    ) == {"termijn_werkdagen": ["‘Termijn in werkdagen’ is maximaal 365."]}
    assert fouten(
        "taak_aanmaken",
        {"titel": "Bellen", "toewijzen_aan": "team", "termijn_werkdagen": 4},
        context,
    ) == {"team": ["Kies het team dat de taak krijgt."]}


def test_unknown_parameter_and_unknown_kind(context):
    assert fouten(
        "herinnering",
        {"tekst": "x", "toewijzen_aan": "behandelaar", "termijn_werkdagen": 0, "kleur": "rood"},
        context,
    ) == {"kleur": ["Deze actie kent de instelling ‘kleur’ niet."]}
    assert fouten("raket_lanceren", {}, context) == {
        "soort": ["Onbekende soort actie: ‘raket_lanceren’."]
    }


def test_choices_depend_on_the_organisation_and_case_type(zevenaar, context):
    w = zevenaar
    schoon = actie_parameters_valideren(
        "taak_aanmaken",
        {
            "titel": " Bellen ",
            "toewijzen_aan": "team",
            "team": w.team.identificatie,
            "termijn_werkdagen": "5",
        },
        context=context,
    )
    assert schoon == {
        "titel": "Bellen",
        "toewijzen_aan": "team",
        "team": w.team.identificatie,
        "termijn_werkdagen": 5,
    }
    assert actie_samenvatting("taak_aanmaken", schoon, context) == (
        "Taak ‘Bellen’ voor team Team Schuldhulp, termijn 5 werkdagen"
    )
    assert fouten("status_zetten", {"status": "Ontvangen"}, context) == {
        "status": ["Kies een van de mogelijkheden bij ‘Status’."]
    }
    assert actie_parameters_valideren("status_zetten", {"status": "Intake"}, context=context) == {
        "status": "Intake"
    }


def test_a_service_refuses_bad_parameters_and_the_timing(zevenaar):
    w = zevenaar
    versie = proces_create(actor=w.beheer, zaaktype=w.zaaktype, naam="Test")
    stap = processtap_add(actor=w.beheer, versie=versie, naam="Start")
    with pytest.raises(ValidationError) as fout:
        procesactie_add(
            actor=w.beheer,
            stap=stap,
            soort="herinnering",
            trigger="na_werkdagen_in_stap",
            parameters={"toewijzen_aan": "behandelaar", "termijn_werkdagen": 1},
        )
    assert fout.value.message_dict == {
        "werkdagen": ["Vul het aantal werkdagen in."],
        "tekst": ["Vul ‘Tekst van de herinnering’ in."],
    }


def test_another_app_registers_a_kind_and_a_process_runs_it(zevenaar):
    """As messaging does with brief_versturen: a kind with a choice per organisation."""
    gezien = []

    def test_brief(ctx):
        gezien.append((ctx.zaak.pk, dict(ctx.parameters), ctx.actor.type))
        return ActieResultaat("Brief klaargezet")

    register_actie_soort(
        "test_brief",
        "Testbrief",
        test_brief,
        [
            Parameter(
                "sjabloon",
                "Sjabloon",
                soort=KEUZE,
                keuzes=lambda c: [("welkom", f"Welkom bij {c.organisatie.naam}")],
            ),
            Parameter("aantal", "Aantal", soort=GETAL, minimum=1, standaard=1),
            Parameter("spoed", "Spoed", soort=JA_NEE, verplicht=False),
        ],
    )
    try:
        with pytest.raises(ValueError, match="already registered"):
            register_actie_soort("test_brief", "Ander", lambda ctx: None)
        _brief_proces_draaien(zevenaar, gezien)
    finally:
        acties._REGISTER.pop("test_brief", None)  # the kind exists for this test only


def _brief_proces_draaien(zevenaar, gezien):
    from raadhuis.kernel.workflow.models import ActieUitvoering, UitvoeringStatus
    from raadhuis.kernel.workflow.proces_services import procesversie_publiceren

    from .conftest import zaak_maken

    w = zevenaar
    versie = proces_create(actor=w.beheer, zaaktype=w.zaaktype, naam="Brieven")
    stap = processtap_add(actor=w.beheer, versie=versie, naam="Start")
    procesactie_add(
        actor=w.beheer,
        stap=stap,
        soort="test_brief",
        trigger="bij_start_stap",
        parameters={"sjabloon": "welkom", "aantal": "2", "spoed": "on"},
    )
    procesversie_publiceren(actor=w.beheer, versie=versie)
    zaak = zaak_maken(w)
    assert gezien == [(zaak.pk, {"sjabloon": "welkom", "aantal": 2, "spoed": True}, "systeem")]
    uitvoering = ActieUitvoering.objects.get(zaak=zaak)
    assert (uitvoering.status, uitvoering.resultaat) == (
        UitvoeringStatus.UITGEVOERD,
        "Brief klaargezet",
    )
