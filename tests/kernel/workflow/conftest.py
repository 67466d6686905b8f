"""A small debt-assistance world: Gemeente Zevenaar with a case type for the minnelijke
schuldregeling, a team, a consultant (medewerker), a functional administrator and a team
leader."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from raadhuis.kernel.organisations.models import Rol
from tests import factories

STATUSSEN = ("Aangemeld", "Intake", "Stabilisatie", "Schuldregeling", "Afgerond")


@dataclass
class Zevenaar:
    org: object
    zaaktype: object
    team: object
    consulent: object
    fb: object
    teamleider: object
    ik: object  # the consultant's actor
    beheer: object  # the functional administrator's actor


@pytest.fixture
def zevenaar(db) -> Zevenaar:
    org = factories.organisatie("Gemeente Zevenaar", zaak_prefix="ZEV")
    zaaktype = factories.zaaktype(
        org, identificatie="SHV-MSR", omschrijving="Minnelijke schuldregeling", statussen=STATUSSEN
    )
    team = factories.team(org, "Team Schuldhulp")
    consulent = factories.medewerker(org, zaaktypen=(zaaktype,), team=team, username="consulent")
    fb = factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="fb")
    teamleider = factories.medewerker(org, rollen=(Rol.TEAMLEIDER,), team=team, username="tl")
    return Zevenaar(
        org=org,
        zaaktype=zaaktype,
        team=team,
        consulent=consulent,
        fb=fb,
        teamleider=teamleider,
        ik=factories.actor(consulent),
        beheer=factories.actor(fb),
    )


def standaard_proces(w: Zevenaar, *, herinnering_na: int = 3):
    """A published process: Aanmelding (status Aangemeld; a task at the start for the
    behandelaar, a reminder after `herinnering_na` working days), Intake, Stabilisatie."""
    from raadhuis.kernel.workflow.proces_services import (
        proces_create,
        procesactie_add,
        processtap_add,
        procesversie_publiceren,
    )

    versie = proces_create(
        actor=w.beheer, zaaktype=w.zaaktype, naam="Minnelijke schuldregeling", code="msr"
    )
    aanmelding = processtap_add(
        actor=w.beheer,
        versie=versie,
        naam="Aanmelding",
        statustype_omschrijving="Aangemeld",
        doorlooptijd_werkdagen=3,
    )
    processtap_add(actor=w.beheer, versie=versie, naam="Intake", statustype_omschrijving="Intake")
    processtap_add(
        actor=w.beheer, versie=versie, naam="Stabilisatie", statustype_omschrijving="Stabilisatie"
    )
    procesactie_add(
        actor=w.beheer,
        stap=aanmelding,
        soort="taak_aanmaken",
        trigger="bij_start_stap",
        parameters={
            "titel": "Eerste gesprek plannen",
            "toewijzen_aan": "behandelaar",
            "team": w.team.identificatie,
            "termijn_werkdagen": 3,
        },
    )
    procesactie_add(
        actor=w.beheer,
        stap=aanmelding,
        soort="herinnering",
        trigger="na_werkdagen_in_stap",
        werkdagen=herinnering_na,
        parameters={
            "tekst": "Is het eerste gesprek gevoerd?",
            "toewijzen_aan": "team",
            "team": w.team.identificatie,
            "termijn_werkdagen": 0,
        },
    )
    return procesversie_publiceren(actor=w.beheer, versie=versie)


def zaak_maken(w: Zevenaar, **extra):
    from raadhuis.kernel.cases.services import zaak_create

    extra.setdefault("behandelaar", w.consulent)
    return zaak_create(actor=w.ik, zaaktype=w.zaaktype, omschrijving="Schuldhulp", **extra)
