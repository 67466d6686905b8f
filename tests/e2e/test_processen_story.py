"""The functional administrator adapts a workflow without code (issue 4, user story 2): opens
the process of the debt case type, makes a new version, adds "after 10 working days in step
Intake: task 'Klant bellen' for Team Schuldhulp", then edits it to 8 working days (the form
comes filled in with the action as it is), reorders a step and back (htmx, the focus stays on
the pressed button), publishes. A NEW case gets version 2 with that action; the case
that was already running keeps version 1 and does not get it. Every page axe-clean."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_optellen
from raadhuis.kernel.workflow.models import ZaakProces
from raadhuis.kernel.workflow.proces_services import (
    proces_create,
    procesactie_add,
    processtap_add,
    procesversie_publiceren,
)
from tests import factories

pytestmark = [pytest.mark.e2e]


@dataclass
class Schuldhulp:
    zaaktype: object
    team: object
    oude_zaak: object


@pytest.fixture
def schuldhulp(transactional_db) -> Schuldhulp:
    org = factories.organisatie("Gemeente Zevenaar", zaak_prefix="ZEV")
    zaaktype = factories.zaaktype(
        org,
        identificatie="SHV-MSR",
        omschrijving="Minnelijke schuldregeling",
        statussen=("Aangemeld", "Intake", "Stabilisatie", "Afgerond"),
    )
    team = factories.team(org, "Team Schuldhulp")
    consulent = factories.medewerker(org, zaaktypen=(zaaktype,), team=team, username="consulent")
    factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="fb")
    beheer = factories.actor(
        factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="fb-inrichting")
    )
    versie = proces_create(
        actor=beheer, zaaktype=zaaktype, naam="Minnelijke schuldregeling", code="shv-msr"
    )
    aanmelding = processtap_add(
        actor=beheer, versie=versie, naam="Aanmelding", statustype_omschrijving="Aangemeld"
    )
    processtap_add(actor=beheer, versie=versie, naam="Intake", statustype_omschrijving="Intake")
    processtap_add(
        actor=beheer, versie=versie, naam="Stabilisatie", statustype_omschrijving="Stabilisatie"
    )
    procesactie_add(
        actor=beheer,
        stap=aanmelding,
        soort="taak_aanmaken",
        trigger="bij_start_stap",
        parameters={"titel": "Eerste gesprek plannen", "termijn_werkdagen": 3},
    )
    procesversie_publiceren(actor=beheer, versie=versie)
    oude_zaak = zaak_create(
        actor=factories.actor(consulent),
        zaaktype=zaaktype,
        omschrijving="Al lopend traject",
        behandelaar=consulent,
    )
    return Schuldhulp(zaaktype=zaaktype, team=team, oude_zaak=oude_zaak)


def _actie_toevoegen(screen) -> None:  # noqa: ANN001
    page = screen.page
    screen.click_link(re.compile(r"^Automatische actie toevoegen aan stap Intake"))
    screen.htmx(
        lambda: page.get_by_label("Soort actie").select_option(label="Taak aanmaken"),
        "/acties/nieuw/",
        "action form with the settings of 'Taak aanmaken'",
    )
    page.get_by_label("Na een aantal werkdagen in de stap").check()
    page.get_by_label("Aantal werkdagen in de stap", exact=True).fill("10")
    page.get_by_label("Titel van de taak").fill("Klant bellen")
    page.get_by_label("Voor wie").select_option(label="Een team")
    page.get_by_label(re.compile(r"^Team")).select_option(label="Team Schuldhulp")
    page.get_by_label("Termijn in werkdagen").fill("2")
    screen.check("action form filled in")
    screen.press("Actie toevoegen", wait_for=re.compile(r"/processen/versies/"))
    assert "De actie is toegevoegd aan stap ‘Intake’." in screen.text()
    assert (
        "Na 10 werkdagen in de stap: Taak ‘Klant bellen’ voor team Team Schuldhulp, "
        "termijn 2 werkdagen" in screen.text()
    )


def _actie_wijzigen(screen) -> None:  # noqa: ANN001
    """The edit form shows the action as it is; the kind stays, the moment and settings change."""
    page = screen.page
    screen.click_link(re.compile(r"^Wijzigen\s*: Na 10 werkdagen in de stap: Taak ‘Klant bellen’"))
    assert page.get_by_role("heading", level=1).inner_text() == "Automatische actie wijzigen"
    assert page.get_by_label("Soort actie").is_disabled()
    assert page.get_by_label("Titel van de taak").input_value() == "Klant bellen"
    werkdagen = page.get_by_label("Aantal werkdagen in de stap", exact=True)
    assert werkdagen.input_value() == "10"
    werkdagen.fill("")
    screen.press("Wijzigingen opslaan")
    assert "Vul het aantal werkdagen in." in screen.text()  # the same checks as adding
    page.get_by_label("Aantal werkdagen in de stap", exact=True).fill("8")
    page.get_by_label("Termijn in werkdagen").fill("3")
    screen.press("Wijzigingen opslaan", wait_for=re.compile(r"/processen/versies/"))
    assert "De actie in stap ‘Intake’ is gewijzigd." in screen.text()
    assert (
        "Na 8 werkdagen in de stap: Taak ‘Klant bellen’ voor team Team Schuldhulp, "
        "termijn 3 werkdagen" in screen.text()
    )
    assert "Na 10 werkdagen in de stap: Taak ‘Klant bellen’" not in screen.text()


def _omlaag_en_terug(screen) -> None:  # noqa: ANN001
    """Reorder with htmx: the list is swapped, the pressed button keeps the focus."""
    page = screen.page
    omlaag = page.get_by_role("button", name="Omlaag: Aanmelding")
    screen.htmx(omlaag.click, "/verplaatsen/", "steps after moving Aanmelding down")
    koppen = page.locator("#stappen-lijst h3").all_inner_texts()
    assert koppen == ["1. Intake", "2. Aanmelding", "3. Stabilisatie"]
    assert page.evaluate("() => document.activeElement.textContent").startswith("Omlaag")
    assert (
        "Stap ‘Aanmelding’ staat nu op plaats 2." in page.locator("#stappen-melding").inner_text()
    )
    omhoog = page.get_by_role("button", name="Omhoog: Aanmelding")
    screen.htmx(omhoog.click, "/verplaatsen/", "steps after moving Aanmelding back up")
    koppen = page.locator("#stappen-lijst h3").all_inner_texts()
    assert koppen == ["1. Aanmelding", "2. Intake", "3. Stabilisatie"]


def _proces_van(screen, zaak_uuid: str) -> str:  # noqa: ANN001
    screen.goto(f"/zaken/{zaak_uuid}/proces/")
    screen.press("Naar de volgende stap: Intake", wait_for=re.compile(r"/proces/$"))
    assert "De zaak staat nu in stap ‘Intake’." in screen.text()
    return screen.text()


def test_functional_administrator_adds_an_action_new_case_gets_it_old_case_keeps_v1(
    screen, schuldhulp
):
    page = screen.page
    screen.login("fb")
    screen.goto("/processen/")
    screen.click_link("Minnelijke schuldregeling")
    assert page.get_by_role("heading", level=1, name="Minnelijke schuldregeling").is_visible()
    screen.press("Nieuwe versie maken", wait_for=re.compile(r"/processen/versies/"))
    assert "Concept" in screen.text()

    _actie_toevoegen(screen)
    _actie_wijzigen(screen)
    _omlaag_en_terug(screen)

    page.get_by_label("Wat is er veranderd?").fill("Klant bellen na 8 werkdagen intake")
    screen.press("Publiceren", wait_for=re.compile(r"/processen/[0-9a-f-]{36}/$"))
    assert "Versie 2 is gepubliceerd" in screen.text()
    versies = page.get_by_role("table", name=re.compile("^Versiegeschiedenis"))
    v1 = versies.get_by_role("row").filter(has_text="Versie 1").inner_text()
    v2 = versies.get_by_role("row").filter(has_text="Versie 2").inner_text()
    assert "vervangen" in v1 and "actief" in v2 and "Klant bellen na 8 werkdagen" in v2
    assert schuldhulp.oude_zaak.identificatie not in screen.html(), "counts, never cases"
    screen.logout()

    # The consultant opens a new case of this type in the browser: it gets version 2.
    screen.login("consulent")
    screen.click_link("Nieuwe zaak")
    page.get_by_label("Zaaktype").select_option(label="Minnelijke schuldregeling (SHV-MSR)")
    page.get_by_label("Omschrijving").fill("Nieuw traject")
    screen.press("Zaak aanmaken", wait_for=re.compile(r"/zaken/[0-9a-f-]{36}/(#.*)?$"))
    nieuw_uuid = re.search(r"/zaken/([0-9a-f-]{36})/", page.url).group(1)
    nieuw = _proces_van(screen, nieuw_uuid)
    assert "Minnelijke schuldregeling, versie 2" in nieuw
    gepland = page.get_by_role("table", name="Geplande automatische acties")
    regel = gepland.get_by_role("row").filter(has_text="Klant bellen")
    assert regel.count() == 1
    verwacht = werkdagen_optellen(vandaag("Europe/Amsterdam"), 8, "NL")
    assert regel.locator("time").get_attribute("datetime") == verwacht.isoformat()
    historie = page.get_by_role("table", name="Stappenhistorie, nieuwste eerst")
    assert historie.get_by_role("row").nth(1).inner_text().startswith("Intake")

    # The case that was already running keeps version 1: no such action.
    oud = _proces_van(screen, str(schuldhulp.oude_zaak.uuid))
    assert "Minnelijke schuldregeling, versie 1" in oud
    assert "Klant bellen" not in oud
    assert ZaakProces.objects.get(zaak=schuldhulp.oude_zaak).versie.versie == 1
