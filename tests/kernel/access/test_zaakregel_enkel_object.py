"""The single-object case checks (Actor.mag_zaak_zien, require_zaak_access and its one-line
form require_zaak_toegang) apply a case type's department rule exactly as the list filter
zaak_filter does: a complaint case (CRM-KLACHT) is for the complaint's department, whether a
colleague finds it in a list or holds it in a service.

The last test is a ratchet over the source: every single-object check on an existing case
must name the case, so the rule can apply. Call sites that still do not are listed here by
name; the list may only shrink."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import (
    mag_zaak_object_zien,
    require_zaak_access,
    require_zaak_toegang,
    zaak_filter,
)
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.modules.crm.klachten.models import Categorie, Kanaal
from raadhuis.modules.crm.klachten.services import klacht_create
from tests import factories
from tests.modules.crm.test_klachten_fixtures import *  # noqa: F403 - the shared fixtures
from tests.modules.crm.test_klachten_fixtures import klacht_grant

SRC = Path(__file__).resolve().parents[3] / "src" / "raadhuis"


def _in_lijst(actor: Actor, zaak: Zaak) -> bool:
    return Zaak.objects.filter(zaak_filter(actor), pk=zaak.pk).exists()


def test_another_department_is_refused_the_complaint_case_it_holds(
    kl_klacht, kl_behandelaar, kl_collega, kl_wijk_mw
):
    zaak = kl_klacht.zaak
    wijk = factories.actor(kl_wijk_mw)
    # Wijkbeheer holds the complaint case-type grant, so the grant alone would let it in.
    assert wijk.mag_zaak_zien(zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding)
    assert not wijk.mag_zaak_zien(
        zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding, zaak_id=zaak.pk
    )
    assert not mag_zaak_object_zien(wijk, zaak)
    with pytest.raises(ToegangGeweigerd):
        require_zaak_toegang(wijk, zaak)
    with pytest.raises(ToegangGeweigerd):
        require_zaak_access(
            wijk,
            organisatie_id=zaak.organisatie_id,
            zaaktype_id=zaak.zaaktype_id,
            vertrouwelijkheid=zaak.vertrouwelijkheidaanduiding,
            zaak_id=zaak.pk,
        )
    # The complaint's own department (handler and colleague) passes.
    for medewerker in (kl_behandelaar, kl_collega):
        actor = factories.actor(medewerker)
        assert mag_zaak_object_zien(actor, zaak)
        require_zaak_toegang(actor, zaak)


def test_single_object_check_and_list_filter_agree_for_every_actor_and_case(
    kl_org, kl_klacht, kl_ik, kl_klager, kl_wijkbeheer, kl_behandelaar, kl_collega, kl_wijk_mw,
    kl_teamleider, kl_auditor,
):  # fmt: skip
    """Every actor against every case: a complaint of each department, a case of an ordinary
    type (no rule), and a complaint case on which the Wijkbeheer colleague is handler of the
    complaint though registered in another department."""
    wijk = factories.actor(kl_wijk_mw)
    wijk_klacht = klacht_create(
        actor=wijk, klager=kl_klager, kanaal=Kanaal.TELEFOON, ontvangen_op=date.today(),
        categorie=Categorie.BEREIKBAARHEID, onderwerp="Niet teruggebeld",
        omschrijving="Terugbelverzoek niet opgevolgd.", afdeling=kl_wijkbeheer,
        behandelaar=kl_wijk_mw,
    )  # fmt: skip
    gewoon_type = factories.zaaktype(kl_org, identificatie="GEWOON")
    gewoon = zaak_create(actor=Actor.system(kl_org), zaaktype=gewoon_type, omschrijving="Gewoon")
    tweede = factories.medewerker(kl_org, team=None)  # no department at all
    klacht_grant(tweede)
    zonder_grant = factories.medewerker(kl_org, team=None, zaaktypen=(gewoon_type,))
    actoren = [
        factories.actor(m)
        for m in (kl_behandelaar, kl_collega, kl_wijk_mw, kl_teamleider, kl_auditor, tweede,
                  zonder_grant)
    ] + [Actor.system(kl_org)]  # fmt: skip
    zaken = [Zaak.objects.get(pk=z.pk) for z in (kl_klacht.zaak, wijk_klacht.zaak, gewoon)]
    gezien = 0
    for actor in actoren:
        for zaak in zaken:
            verwacht = _in_lijst(actor, zaak)
            assert mag_zaak_object_zien(actor, zaak) == verwacht, (actor.weergave, zaak)
            gezien += verwacht
    assert 0 < gezien < len(actoren) * len(zaken)  # both answers occur


def test_direct_url_to_a_complaint_case_of_another_department_is_not_found(
    client, kl_klacht, kl_wijk_mw, kl_behandelaar
):
    url = reverse("web:zaak_detail", args=[kl_klacht.zaak.uuid])
    client.force_login(kl_wijk_mw.user)
    assert client.get(url).status_code == 404
    client.force_login(kl_behandelaar.user)
    assert client.get(url).status_code == 200


# --- the ratchet ----------------------------------------------------------------------------------
# Calls that need no case: creating one, or a type-level question about a colleague.
GEEN_ZAAK_NODIG = {
    ("kernel/cases/services.py", "zaak_create"),
    ("modules/crm/services.py", "_opvolgtaak"),
    ("modules/crm/contracten/signalen.py", "_signaal_maken"),
    # Checks the complaint's department itself right after (klacht_filter's twin).
    ("modules/crm/klachten/selectors.py", "mag_klacht_zien"),
}
# Existing cases checked without naming them: their owners pass `zaak_id=zaak.pk` (or call
# require_zaak_toegang(actor, zaak)) and delete the line here (docs/decisions/0004).
NOG_TE_DOEN: set[tuple[str, str]] = set()


def _checks_zonder_zaak() -> set[tuple[str, str]]:
    """(file, enclosing function) of every mag_zaak_zien / require_zaak_access call that does
    not pass zaak_id."""
    gevonden: set[tuple[str, str]] = set()
    for pad in SRC.rglob("*.py"):
        rel = pad.relative_to(SRC).as_posix()
        if rel.startswith("kernel/access/"):
            continue
        boom = ast.parse(pad.read_text(encoding="utf-8"))
        for functie in ast.walk(boom):
            if not isinstance(functie, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for knoop in ast.walk(functie):
                if not isinstance(knoop, ast.Call):
                    continue
                naam = getattr(knoop.func, "attr", None) or getattr(knoop.func, "id", None)
                if naam not in ("mag_zaak_zien", "require_zaak_access"):
                    continue
                if not any(k.arg == "zaak_id" for k in knoop.keywords):
                    gevonden.add((rel, functie.name))
    return gevonden


def test_every_single_object_check_on_an_existing_case_names_the_case():
    zonder = _checks_zonder_zaak()
    nieuw = sorted(zonder - GEEN_ZAAK_NODIG - NOG_TE_DOEN)
    assert not nieuw, (
        "Pass zaak_id=zaak.pk (or use require_zaak_toegang) so the case type's department "
        f"rule applies: {nieuw}"
    )


def test_the_to_do_list_only_shrinks():
    """A call site that now names its case must leave NOG_TE_DOEN, so the list stays true."""
    assert not sorted(NOG_TE_DOEN - _checks_zonder_zaak())
