"""Which cases a destruction list takes, and the four-eyes review of a list."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.retention.models import (
    Beoordeling,
    ItemStatus,
    LijstStatus,
)
from raadhuis.kernel.retention.selectors import zaken_te_vernietigen
from raadhuis.kernel.retention.services import (
    vernietigingslijst_beoordelen,
    vernietigingslijst_create,
    vernietigingslijst_indienen,
    vernietigingslijst_item_uitzonderen,
    vernietigingslijst_uitvoeren,
)
from tests import factories
from tests.kernel.retention.conftest import PEILDATUM, gesloten_zaak


def nummers(qs) -> set[str]:
    return set(qs.values_list("identificatie", flat=True))


def test_the_selection_takes_closed_cases_to_destroy_whose_date_has_passed(gemeente):
    verlopen = gesloten_zaak(gemeente, date(2019, 3, 15))  # due 2026-03-15
    vandaag_verlopen = gesloten_zaak(gemeente, date(2019, 11, 22))  # due on the day itself
    niet_verlopen = gesloten_zaak(gemeente, date(2020, 1, 10))  # due 2027-01-10
    bewaren = gesloten_zaak(gemeente, date(2018, 6, 1), resultaat="Ongegrond")
    open_zaak = zaak_create(
        actor=gemeente.actor, zaaktype=gemeente.zaaktype, startdatum=date(2018, 2, 1)
    )
    assert verlopen.archiefactiedatum == date(2026, 3, 15)

    gekozen = nummers(zaken_te_vernietigen(actor=gemeente.fb_actor, peildatum=PEILDATUM))

    assert gekozen == {verlopen.identificatie, vandaag_verlopen.identificatie}
    for buiten in (niet_verlopen, bewaren, open_zaak):
        assert buiten.identificatie not in gekozen


def test_the_selection_filters_on_case_type_and_date_and_stays_in_the_organisation(gemeente):
    klacht = factories.zaaktype(gemeente.org, identificatie="KLACHT", versiedatum=date(2010, 1, 1))
    mw = factories.medewerker(gemeente.org, zaaktypen=(gemeente.zaaktype, klacht))
    gemeente.actor = factories.actor(mw)
    shv = gesloten_zaak(gemeente, date(2018, 3, 10))  # due 2025-03-10
    later = gesloten_zaak(gemeente, date(2019, 3, 15))  # due 2026-03-15
    k = gesloten_zaak(gemeente, date(2010, 3, 10), zaaktype=klacht)  # P5Y: due 2015-03-10

    elders = factories.organisatie("Elders")
    zt_elders = factories.zaaktype(elders, identificatie="SHV", versiedatum=date(2010, 1, 1))
    andere = factories.medewerker(elders, zaaktypen=(zt_elders,))
    zaak_elders = zaak_create(
        actor=factories.actor(andere), zaaktype=zt_elders, startdatum=date(2011, 1, 1)
    )

    alle = nummers(zaken_te_vernietigen(actor=gemeente.fb_actor, peildatum=PEILDATUM))
    assert alle == {shv.identificatie, later.identificatie, k.identificatie}
    assert zaak_elders.identificatie not in alle
    alleen_shv = zaken_te_vernietigen(
        actor=gemeente.fb_actor, zaaktype_identificatie="SHV", peildatum=PEILDATUM
    )
    assert nummers(alleen_shv) == {shv.identificatie, later.identificatie}
    tot_2025 = zaken_te_vernietigen(
        actor=gemeente.fb_actor, tot=date(2025, 12, 31), peildatum=PEILDATUM
    )
    assert nummers(tot_2025) == {shv.identificatie, k.identificatie}
    # A date in the future does not widen the selection beyond today.
    assert (
        nummers(
            zaken_te_vernietigen(actor=gemeente.fb_actor, tot=date(2040, 1, 1), peildatum=PEILDATUM)
        )
        == alle
    )


def test_a_case_on_a_running_list_is_not_taken_twice(gemeente):
    gesloten_zaak(gemeente, date(2019, 3, 15))
    vernietigingslijst_create(actor=gemeente.fb_actor, naam="Eerste", peildatum=PEILDATUM)
    assert not zaken_te_vernietigen(actor=gemeente.fb_actor, peildatum=PEILDATUM).exists()
    with pytest.raises(ValidationError) as fout:
        vernietigingslijst_create(actor=gemeente.collega_actor, naam="Tweede", peildatum=PEILDATUM)
    assert "geen zaken" in str(fout.value)


def test_a_list_records_what_the_case_was_and_the_rule_without_personal_data(gemeente):
    klant = factories.persoon(gemeente.actor, "Jansen", voornamen="Jan")
    zaak = gesloten_zaak(gemeente, date(2019, 3, 15), initiator=klant)
    lijst = vernietigingslijst_create(
        actor=gemeente.fb_actor, naam="Schuldhulp 2019", peildatum=PEILDATUM
    )
    item = lijst.items.get()
    assert (item.identificatie, item.zaak_uuid) == (zaak.identificatie, zaak.uuid)
    assert (item.zaaktype_identificatie, item.resultaat) == ("SHV", "Gegrond")
    assert (item.einddatum, item.archiefactiedatum) == (date(2019, 3, 15), date(2026, 3, 15))
    assert item.archiefactietermijn == "P7Y"
    assert "Gegrond" in item.regel and "P7Y" in item.regel and "Catalogus" in item.regel
    assert item.selectielijstklasse.endswith("/1-1-2")
    waarden = " ".join(str(v) for v in item.__dict__.values())
    for persoonsgegeven in ("Jansen", klant.bsn, "familie"):
        assert persoonsgegeven not in waarden
    assert lijst.selectie == {"zaaktype": "", "tot": "2026-11-22", "peildatum": "2026-11-22"}


def _ingediende_lijst(gemeente):
    gesloten_zaak(gemeente, date(2019, 3, 15))
    gesloten_zaak(gemeente, date(2019, 4, 1))
    lijst = vernietigingslijst_create(actor=gemeente.fb_actor, naam="Q1 2019", peildatum=PEILDATUM)
    return vernietigingslijst_indienen(actor=gemeente.fb_actor, lijst=lijst)


def test_the_author_cannot_approve_their_own_list(gemeente):
    lijst = _ingediende_lijst(gemeente)
    with pytest.raises(ToegangGeweigerd) as fout:
        vernietigingslijst_beoordelen(actor=gemeente.fb_actor, lijst=lijst, goedkeuren=True)
    assert "vier ogen" in str(fout.value)
    with pytest.raises(ToegangGeweigerd):
        vernietigingslijst_beoordelen(
            actor=gemeente.fb_actor, lijst=lijst, goedkeuren=False, toelichting="Zelf afwijzen"
        )
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.TER_BEOORDELING
    assert not Beoordeling.objects.exists()


def test_a_second_administrator_approves_and_the_list_can_then_be_executed(gemeente):
    lijst = _ingediende_lijst(gemeente)
    with pytest.raises(ValidationError):
        vernietigingslijst_uitvoeren(actor=gemeente.fb_actor, lijst=lijst, peildatum=PEILDATUM)
    beoordeling = vernietigingslijst_beoordelen(
        actor=gemeente.collega_actor, lijst=lijst, goedkeuren=True, toelichting="Akkoord"
    )
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.GOEDGEKEURD
    assert lijst.beoordelaar == gemeente.collega_fb
    assert beoordeling.besluit == "goedgekeurd"
    assert AuditEntry.objects.filter(actie="vernietigingslijst_goedgekeurd").count() == 1
    # Approved is final: no more changes to the selection.
    with pytest.raises(ValidationError):
        vernietigingslijst_item_uitzonderen(
            actor=gemeente.fb_actor, item=lijst.items.first(), reden="Toch bewaren"
        )


def test_a_rejection_needs_a_reason_and_sends_the_list_back_to_its_author(gemeente):
    lijst = _ingediende_lijst(gemeente)
    with pytest.raises(ValidationError) as fout:
        vernietigingslijst_beoordelen(actor=gemeente.collega_actor, lijst=lijst, goedkeuren=False)
    assert "toelichting" in fout.value.message_dict

    vernietigingslijst_beoordelen(
        actor=gemeente.collega_actor,
        lijst=lijst,
        goedkeuren=False,
        toelichting="ZEV-2019 loopt nog een bezwaar",
    )
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.AFGEWEZEN

    item = lijst.items.order_by("einddatum").first()
    with pytest.raises(ToegangGeweigerd):  # only the author changes the list
        vernietigingslijst_item_uitzonderen(
            actor=gemeente.collega_actor, item=item, reden="Bezwaar"
        )
    with pytest.raises(ValidationError) as fout:
        vernietigingslijst_item_uitzonderen(actor=gemeente.fb_actor, item=item, reden="")
    assert "reden" in fout.value.message_dict
    vernietigingslijst_item_uitzonderen(actor=gemeente.fb_actor, item=item, reden="Bezwaar loopt")
    item.refresh_from_db()
    assert (item.status, item.reden, item.uitgezonderd_door) == (
        ItemStatus.UITGEZONDERD,
        "Bezwaar loopt",
        gemeente.fb,
    )
    vernietigingslijst_indienen(actor=gemeente.fb_actor, lijst=lijst)
    vernietigingslijst_beoordelen(actor=gemeente.collega_actor, lijst=lijst, goedkeuren=True)
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.GOEDGEKEURD
    assert list(lijst.beoordelingen.values_list("besluit", flat=True)) == [
        "afgewezen",
        "goedgekeurd",
    ]


def test_submitting_needs_a_case_on_the_list(gemeente):
    gesloten_zaak(gemeente, date(2019, 3, 15))
    lijst = vernietigingslijst_create(actor=gemeente.fb_actor, naam="Eén", peildatum=PEILDATUM)
    vernietigingslijst_item_uitzonderen(
        actor=gemeente.fb_actor, item=lijst.items.get(), reden="Toch bewaren"
    )
    with pytest.raises(ValidationError):
        vernietigingslijst_indienen(actor=gemeente.fb_actor, lijst=lijst)


@pytest.mark.parametrize("rol", [Rol.MEDEWERKER, Rol.TEAMLEIDER, Rol.AUDITOR, Rol.BEHEERDER])
def test_other_roles_may_not_draw_up_review_or_execute(gemeente, rol):
    gesloten_zaak(gemeente, date(2019, 3, 15))
    iemand = factories.actor(factories.medewerker(gemeente.org, rollen=(rol,)))
    with pytest.raises(ToegangGeweigerd):
        zaken_te_vernietigen(actor=iemand)
    with pytest.raises(ToegangGeweigerd):
        vernietigingslijst_create(actor=iemand, naam="Mag niet", peildatum=PEILDATUM)
    lijst = vernietigingslijst_create(actor=gemeente.fb_actor, naam="Wel", peildatum=PEILDATUM)
    vernietigingslijst_indienen(actor=gemeente.fb_actor, lijst=lijst)
    with pytest.raises(ToegangGeweigerd):
        vernietigingslijst_beoordelen(actor=iemand, lijst=lijst, goedkeuren=True)
    vernietigingslijst_beoordelen(actor=gemeente.collega_actor, lijst=lijst, goedkeuren=True)
    with pytest.raises(ToegangGeweigerd):
        vernietigingslijst_uitvoeren(actor=iemand, lijst=lijst, peildatum=PEILDATUM)
