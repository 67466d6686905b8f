"""Need-to-know: who sees which case, party search, work queues and the team view."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.cases.selectors import zaken_list
from raadhuis.kernel.cases.services import zaak_create, zaak_status_set
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.selectors import partij_search, partij_zaken
from raadhuis.kernel.workflow.selectors import team_overview, werkvoorraad
from raadhuis.kernel.workflow.services import taak_create
from tests import factories

pytestmark = pytest.mark.django_db


def test_list_shows_only_granted_types_up_to_granted_confidentiality(org, zaaktype):
    verlof = factories.zaaktype(org, identificatie="VERLOF", omschrijving="Verlofaanvraag")
    system = Actor.system(org)
    open_zaak = zaak_create(
        actor=system, zaaktype=zaaktype, vertrouwelijkheidaanduiding=Vertrouwelijkheid.INTERN
    )
    geheim = zaak_create(
        actor=system, zaaktype=zaaktype, vertrouwelijkheidaanduiding=Vertrouwelijkheid.GEHEIM
    )
    zaak_create(actor=system, zaaktype=verlof)
    m = factories.medewerker(
        org, zaaktypen=(zaaktype,), max_vertrouwelijkheid=Vertrouwelijkheid.ZAAKVERTROUWELIJK
    )
    zichtbaar = set(zaken_list(actor=factories.actor(m)))
    assert zichtbaar == {open_zaak}
    assert geheim not in zichtbaar


@pytest.mark.parametrize("rol", [Rol.TEAMLEIDER, Rol.AUDITOR, Rol.FUNCTIONEEL_BEHEERDER])
def test_roles_without_case_work_see_no_cases(org, zaaktype, rol):
    zaak_create(actor=Actor.system(org), zaaktype=zaaktype)
    m = factories.medewerker(org, rollen=(rol,), zaaktypen=(zaaktype,))
    assert list(zaken_list(actor=factories.actor(m))) == []


def test_other_organisation_never_leaks(org, zaaktype, actor):
    other = factories.organisatie("Buurgemeente")
    zt = factories.zaaktype(other, identificatie="KLACHT")
    zaak_create(actor=Actor.system(other), zaaktype=zt)
    factories.persoon(Actor.system(other), geslachtsnaam="Buurman")
    assert list(zaken_list(actor=actor)) == []
    assert partij_search(actor=actor, zoekterm="buurman") == []


def found(zoekterm: str, actor) -> list:
    return [partij.uuid for partij in partij_search(actor=actor, zoekterm=zoekterm)]


def test_party_search_by_bsn_name_and_postcode(actor):
    p = factories.persoon(
        actor,
        geslachtsnaam="Voorbeeld",
        voorvoegsel_geslachtsnaam="de",
        voornamen="Anna",
        bsn="999990019",
        adres={
            "straatnaam": "Proefstraat",
            "huisnummer": 12,
            "postcode": "1234AB",
            "woonplaats": "Voorbeeldstad",
        },
    )
    factories.persoon(actor, geslachtsnaam="Anders")
    assert found("999990019", actor) == [p.uuid]
    assert found("voorbeeld", actor) == [p.uuid]
    assert found("Anna de Voo", actor) == [p.uuid]
    assert found("1234 ab 12", actor) == [p.uuid]
    assert found("1234AB", actor) == [p.uuid]
    # Each search logs the party it showed (AVG: whose data was seen, by whom, why).
    gelogd = VerwerkingsLog.objects.filter(handeling__startswith="Gevonden bij zoeken")
    assert set(gelogd.values_list("partij_uuid", flat=True)) == {p.uuid}
    assert gelogd.count() == 5


def test_party_360_view_lists_cases_of_every_granted_type(org, zaaktype):
    subsidie = factories.zaaktype(org, identificatie="SUBSIDIE", omschrijving="Subsidie")
    geheim_type = factories.zaaktype(org, identificatie="GEHEIM")
    m = factories.medewerker(org, zaaktypen=(zaaktype, subsidie))
    a = factories.actor(m)
    p = factories.persoon(a)
    z1 = zaak_create(actor=a, zaaktype=zaaktype, initiator=p)
    z2 = zaak_create(actor=a, zaaktype=subsidie, initiator=p)
    zaak_create(actor=Actor.system(org), zaaktype=geheim_type, initiator=p)
    assert set(partij_zaken(actor=a, partij=p)) == {z1, z2}


def test_werkvoorraad_puts_overdue_first(org, zaaktype, behandelaar, actor):
    zaak = zaak_create(actor=actor, zaaktype=zaaktype, behandelaar=behandelaar)
    today = timezone.localdate()
    later = taak_create(
        actor=actor,
        zaak=zaak,
        titel="Later",
        toegewezen_aan=behandelaar,
        vervaldatum=today + timedelta(days=20),
    )
    te_laat = taak_create(
        actor=actor,
        zaak=zaak,
        titel="Te laat",
        toegewezen_aan=behandelaar,
        vervaldatum=today - timedelta(days=2),
    )
    wv = werkvoorraad(actor=actor)
    assert wv.taken == [te_laat, later]
    assert wv.aantal_te_laat == 1
    assert wv.zaken == [zaak]


def test_team_overview_counts_without_client_data(org, zaaktype, behandelaar, actor):
    team = factories.team(org)
    behandelaar.eenheden.add(team)
    leider = factories.medewerker(org, rollen=(Rol.TEAMLEIDER,), team=team)
    p = factories.persoon(actor, geslachtsnaam="Geheimhouder")
    zaak = zaak_create(
        actor=actor,
        zaaktype=zaaktype,
        behandelaar=behandelaar,
        initiator=p,
        startdatum=date.today() - timedelta(days=10),
    )
    taak_create(
        actor=actor,
        zaak=zaak,
        titel="Bellen",
        toegewezen_aan=behandelaar,
        vervaldatum=date.today() - timedelta(days=1),
    )
    regels = team_overview(actor=factories.actor(leider))
    regel = next(r for r in regels if r.medewerker == behandelaar.naam)
    assert (regel.open_zaken, regel.open_taken, regel.taken_te_laat) == (1, 1, 1)
    assert regel.oudste_zaak_dagen == 10
    assert "Geheimhouder" not in repr(regels) and zaak.identificatie not in repr(regels)


def test_team_overview_is_for_teamleiders_only(actor):
    with pytest.raises(ToegangGeweigerd):
        team_overview(actor=actor)


def test_closed_case_cannot_get_new_tasks_without_forcing(org, zaaktype, behandelaar, actor):
    from django.core.exceptions import ValidationError

    zaak = zaak_create(actor=actor, zaaktype=zaaktype)
    zaak_status_set(
        actor=actor,
        zaak=zaak,
        statustype=zaaktype.statustypen.get(volgnummer=3),
        resultaattype=zaaktype.resultaattypen.first(),
    )
    with pytest.raises(ValidationError):
        taak_create(
            actor=actor,
            zaak=zaak,
            titel="Na afsluiten",
            toegewezen_aan=behandelaar,
            termijn_werkdagen=1,
        )
