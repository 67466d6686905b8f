"""Export and import of a process (ARCHITECTURE rule 7): a round trip between two
environments, idempotent by code + version, all or nothing with errors by path."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.organisations.models import OrganisatorischeEenheid
from raadhuis.kernel.workflow.models import ProcesActie, Procesdefinitie, ProcesVersie
from raadhuis.kernel.workflow.uitwisseling import FORMAAT, proces_exporteren, proces_importeren
from tests import factories

from .conftest import STATUSSEN, standaard_proces, zaak_maken


@pytest.fixture
def productie(zevenaar):
    """A second environment: another organisation with the same case type and team codes."""
    org = factories.organisatie("Gemeente Zevenaar (productie)")
    factories.zaaktype(
        org, identificatie="SHV-MSR", omschrijving="Minnelijke schuldregeling", statussen=STATUSSEN
    )
    OrganisatorischeEenheid.objects.create(
        organisatie=org, identificatie=zevenaar.team.identificatie, naam="Schuldhulp"
    )
    return org


def test_round_trip_to_another_environment(zevenaar, productie):
    v1 = standaard_proces(zevenaar)
    document = json.loads(json.dumps(proces_exporteren(v1)))  # through a file
    assert document["formaat"] == FORMAAT
    assert document["zaaktype"]["identificatie"] == "SHV-MSR"
    assert [s["code"] for s in document["stappen"]] == ["aanmelding", "intake", "stabilisatie"]
    assert document["stappen"][0]["acties"][1] == {
        "trigger": "na_werkdagen_in_stap",
        "werkdagen": 3,
        "soort": "herinnering",
        "parameters": {
            "tekst": "Is het eerste gesprek gevoerd?",
            "toewijzen_aan": "team",
            "team": zevenaar.team.identificatie,
            "termijn_werkdagen": 0,
        },
    }
    geimporteerd = proces_importeren(None, productie, document)
    assert (geimporteerd.versie, geimporteerd.status, geimporteerd.actief) == (
        1,
        "gepubliceerd",
        True,
    )
    terug = proces_exporteren(geimporteerd)
    assert terug["stappen"] == document["stappen"]
    assert terug["code"] == document["code"] == "msr"


def test_import_is_idempotent_by_code_and_version(zevenaar, productie):
    document = proces_exporteren(standaard_proces(zevenaar))
    eerste = proces_importeren(None, productie, document)
    tweede = proces_importeren(None, productie, copy.deepcopy(document))
    assert eerste == tweede
    assert ProcesVersie.objects.filter(organisatie=productie).count() == 1

    anders = copy.deepcopy(document)
    anders["stappen"][1]["naam"] = "Intakegesprek"
    with pytest.raises(ValidationError) as fout:
        proces_importeren(None, productie, anders)
    assert fout.value.message_dict == {
        "versie": ["Versie 1 van proces ‘msr’ bestaat al met een andere inhoud."]
    }
    anders["versie"] = 2
    v2 = proces_importeren(None, productie, anders)
    eerste.refresh_from_db()
    assert (v2.actief, eerste.actief) == (True, False)

    # Unchanged actions keep their key: a case migrated from version 1 does not repeat them.
    def sleutels(versie):
        return set(
            ProcesActie.objects.filter(stap__versie=versie).values_list("sleutel", flat=True)
        )

    assert sleutels(eerste) == sleutels(v2)


def test_import_reports_every_error_by_path_and_writes_nothing(zevenaar, productie):
    document = proces_exporteren(standaard_proces(zevenaar))
    document["stappen"][0]["statustype_omschrijving"] = "Ontvangen"
    document["stappen"][0]["acties"][0]["parameters"]["termijn_werkdagen"] = -1
    document["stappen"][1]["acties"] = [{"trigger": "ooit", "soort": "onbekend"}]
    document["stappen"][2]["code"] = "intake"
    with pytest.raises(ValidationError) as fout:
        proces_importeren(None, productie, document)
    assert fout.value.message_dict == {
        "stappen[0].statustype_omschrijving": ["Het zaaktype kent de status ‘Ontvangen’ niet."],
        "stappen[0].acties[0].parameters.termijn_werkdagen": [
            "‘Termijn in werkdagen’ is minimaal 0."
        ],
        "stappen[1].acties[0].trigger": ["Kies bij_start_stap of na_werkdagen_in_stap."],
        "stappen[1].acties[0].soort": ["Onbekende soort actie: ‘onbekend’."],
        "stappen[2].code": ["Deze code komt twee keer voor."],
    }
    assert not Procesdefinitie.objects.filter(organisatie=productie).exists()


def test_import_needs_the_case_type(zevenaar):
    document = proces_exporteren(standaard_proces(zevenaar))
    leeg = factories.organisatie("Gemeente zonder catalogus")
    with pytest.raises(ValidationError) as fout:
        proces_importeren(None, leeg, document)
    assert "zaaktype.identificatie" in fout.value.message_dict


def test_an_imported_process_runs_for_new_cases(zevenaar):
    """The shv helper's way: standard processes shipped as JSON, loaded without an actor."""
    w = zevenaar
    document = {
        "formaat": FORMAAT,
        "code": "shv-msr",
        "naam": "Minnelijke schuldregeling",
        "zaaktype": {"identificatie": "SHV-MSR"},
        "versie": 1,
        "stappen": [
            {
                "code": "aanmelding",
                "naam": "Aanmelding",
                "statustype_omschrijving": "Aangemeld",
                "acties": [
                    {
                        "trigger": "bij_start_stap",
                        "soort": "taak_aanmaken",
                        "parameters": {"titel": "Intake plannen", "termijn_werkdagen": 3},
                    }
                ],
            },
            {"code": "intake", "naam": "Intake"},
        ],
    }
    proces_importeren(None, w.org, document)
    zaak = zaak_maken(w)
    assert zaak.taken.get().titel == "Intake plannen"
    assert zaak.taken.get().toegewezen_aan == w.consulent, "toewijzen_aan defaults to behandelaar"


def test_the_demo_process_loads_once_and_only_where_it_fits(db):
    from raadhuis.kernel.workflow.demo import processen_demo_laden

    org = factories.organisatie("Demogemeente")
    factories.zaaktype(
        org,
        identificatie="KLACHT",
        statussen=("Ontvangen", "In behandeling", "Hoorgesprek", "Afgehandeld"),
    )
    OrganisatorischeEenheid.objects.create(organisatie=org, identificatie="KCC", naam="KCC")
    [versie] = processen_demo_laden(org)
    assert processen_demo_laden(org) == [versie]
    assert versie.actief and versie.stappen.count() == 3
    assert processen_demo_laden(factories.organisatie("Zonder klachten")) == []
