"""Complaint handling per Awb chapter 9, at the service level: intake, acknowledgement (9:6),
handler not involved (9:7), not handling (9:8), hearing (9:10), term and extension (9:11),
decision (9:12), closing; the deadline task, letters, audit and department access."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.messaging.models import Brief
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.modules.crm.klachten import selectors, services
from raadhuis.modules.crm.klachten.models import (
    Categorie,
    GeenHoorzittingReden,
    Kanaal,
    Klacht,
    KlachtStatus,
    NietBehandelenGrond,
    Oordeel,
)
from raadhuis.modules.crm.klachten.termijnen import afhandeltermijn
from tests import factories
from tests.modules.crm.test_klachten_fixtures import *  # noqa: F403


def _morgen_tien_uur() -> datetime:
    return datetime.combine(
        date.today() + timedelta(days=1), time(10), ZoneInfo("Europe/Amsterdam")
    )


def test_intake_makes_case_term_and_deadline_task(kl_klacht, kl_behandelaar):
    k = Klacht.objects.select_related("zaak").get(pk=kl_klacht.pk)
    assert k.status == KlachtStatus.ONTVANGEN
    assert k.uiterlijk_oorspronkelijk == afhandeltermijn(date.today())
    assert k.uiterlijk_oorspronkelijk >= date.today() + timedelta(days=42)
    assert k.zaak.zaaktype.identificatie == "CRM-KLACHT"
    assert k.zaak.behandelaar_id == kl_behandelaar.pk
    assert k.zaak.uiterlijke_einddatum_afdoening == k.uiterlijk_oorspronkelijk
    taak = Taak.objects.get(pk=k.termijn_taak_id)
    assert taak.toegewezen_aan_id == kl_behandelaar.pk
    assert taak.vervaldatum == k.uiterlijk_oorspronkelijk
    assert taak.status == TaakStatus.OPEN
    assert AuditEntry.objects.filter(actie="klacht_geregistreerd", object_uuid=k.uuid).exists()


def test_committee_gives_ten_weeks(kl_ik, kl_klager, kl_burgerzaken, kl_behandelaar):
    k = services.klacht_create(
        actor=kl_ik,
        klager=kl_klager,
        kanaal=Kanaal.TELEFOON,
        ontvangen_op=date(2026, 3, 2),
        categorie=Categorie.TERMIJN,
        onderwerp="Geen reactie",
        omschrijving="Nooit teruggebeld.",
        afdeling=kl_burgerzaken,
        behandelaar=kl_behandelaar,
        adviescommissie=True,
    )
    # 2 March 2026 + 10 weeks = Monday 11 May 2026, a working day.
    assert k.uiterlijk_oorspronkelijk == date(2026, 5, 11)


def test_handler_cannot_be_the_person_complained_about(
    kl_ik, kl_klager, kl_burgerzaken, kl_collega
):
    with pytest.raises(ValidationError) as fout:
        services.klacht_create(
            actor=kl_ik,
            klager=kl_klager,
            kanaal=Kanaal.BALIE,
            ontvangen_op=date.today(),
            categorie=Categorie.BEJEGENING,
            onderwerp="x",
            omschrijving="y",
            afdeling=kl_burgerzaken,
            behandelaar=kl_collega,
            betreft_medewerker=kl_collega,
        )
    assert "Awb 9:7" in str(fout.value.message_dict["behandelaar"])
    assert not Klacht.objects.exists()


def test_handover_to_the_person_complained_about_is_refused(kl_ik, kl_klacht, kl_collega):
    with pytest.raises(ValidationError):
        services.klacht_behandelaar_set(actor=kl_ik, klacht=kl_klacht, behandelaar=kl_collega)


def test_intake_errors_are_per_field(kl_ik, kl_burgerzaken, kl_behandelaar, kl_klager):
    with pytest.raises(ValidationError) as fout:
        services.klacht_create(
            actor=kl_ik,
            klager=kl_klager,
            kanaal="duif",
            ontvangen_op=date.today() + timedelta(days=3),
            categorie="?",
            onderwerp=" ",
            omschrijving="",
            afdeling=kl_burgerzaken,
            behandelaar=kl_behandelaar,
        )
    assert set(fout.value.message_dict) >= {
        "kanaal",
        "ontvangen_op",
        "categorie",
        "onderwerp",
        "omschrijving",
    }


def test_written_complaint_is_acknowledged_before_handling(kl_ik, kl_klacht):
    with pytest.raises(ValidationError, match="Awb 9:6"):
        services.klacht_in_behandeling_nemen(actor=kl_ik, klacht=kl_klacht)
    services.klacht_ontvangst_bevestigen(actor=kl_ik, klacht=kl_klacht)
    k = Klacht.objects.get(pk=kl_klacht.pk)
    assert k.status == KlachtStatus.ONTVANGST_BEVESTIGD
    assert k.ontvangst_bevestigd_op == date.today()
    brief = Brief.objects.get(zaak=k.zaak)
    assert brief.kanaal == "email"
    assert "ontvangen" in brief.onderwerp
    assert brief.informatieobject is not None
    assert k.zaak.status_actueel.statustype.omschrijving == "Ontvangst bevestigd"


def test_full_handling_within_term(kl_ik, kl_klacht):
    services.klacht_ontvangst_bevestigen(actor=kl_ik, klacht=kl_klacht)
    services.klacht_in_behandeling_nemen(actor=kl_ik, klacht=kl_klacht)
    with pytest.raises(ValidationError, match="9:10"):
        services.klacht_besluit_verzenden(
            actor=kl_ik, klacht=kl_klacht, oordeel=Oordeel.GEGROND, bevindingen="b", conclusies="c"
        )
    services.klacht_hoorzitting_plannen(
        actor=kl_ik, klacht=kl_klacht, op=_morgen_tien_uur(), locatie="Stadskantoor, kamer 2"
    )
    services.klacht_hoorzitting_vastleggen(
        actor=kl_ik,
        klacht=kl_klacht,
        gehouden_op=date.today(),
        aanwezigen="Klager, klachtbehandelaar",
        verslag="De klager lichtte toe dat ...",
    )
    services.klacht_besluit_verzenden(
        actor=kl_ik,
        klacht=kl_klacht,
        oordeel=Oordeel.DEELS_GEGROND,
        bevindingen="Uit het gesprek bleek ...",
        conclusies="De bejegening was niet in orde.",
        maatregelen="Gesprek met de medewerker.",
    )
    k = Klacht.objects.get(pk=kl_klacht.pk)
    assert k.status == KlachtStatus.BESLUIT_VERZONDEN
    assert k.termijn_taak.status == TaakStatus.AFGEROND
    beslissing = Brief.objects.filter(zaak=k.zaak).order_by("-id").first()
    assert "Beslissing" in beslissing.onderwerp
    services.klacht_afhandelen(actor=kl_ik, klacht=k)
    k.refresh_from_db()
    assert k.status == KlachtStatus.AFGEHANDELD
    assert k.afgehandeld_op == date.today()
    k.zaak.refresh_from_db()
    assert k.zaak.einddatum == date.today()
    assert k.zaak.resultaat.resultaattype.omschrijving == "Deels gegrond"
    # acknowledgement, copy to the colleague (Awb 9:9), invitation, decision
    assert Brief.objects.filter(zaak=k.zaak).count() == 4
    afschrift = Brief.objects.get(zaak=k.zaak, onderwerp__icontains="over u ingediend")
    assert afschrift.ontvanger_email == k.betreft_medewerker.email
    acties = set(AuditEntry.objects.filter(object_uuid=k.uuid).values_list("actie", flat=True))
    assert {"klacht_geregistreerd", "klacht_status_gewijzigd", "klacht_afgesloten"} <= acties


def test_no_hearing_needs_a_legal_reason(kl_ik, kl_klacht):
    services.klacht_ontvangst_bevestigen(actor=kl_ik, klacht=kl_klacht)
    services.klacht_in_behandeling_nemen(actor=kl_ik, klacht=kl_klacht)
    with pytest.raises(ValidationError):
        services.klacht_geen_hoorzitting(actor=kl_ik, klacht=kl_klacht, reden="geen zin")
    services.klacht_geen_hoorzitting(
        actor=kl_ik,
        klacht=kl_klacht,
        reden=GeenHoorzittingReden.AFGEZIEN,
        toelichting="Telefonisch",
    )
    services.klacht_besluit_verzenden(
        actor=kl_ik, klacht=kl_klacht, oordeel=Oordeel.ONGEGROND, bevindingen="b", conclusies="c"
    )
    assert Klacht.objects.get(pk=kl_klacht.pk).status == KlachtStatus.BESLUIT_VERZONDEN


def test_extension_once_with_notice_then_only_with_consent(kl_ik, kl_klacht):
    k = kl_klacht
    te_ver = k.uiterlijk_oorspronkelijk + timedelta(days=29)
    with pytest.raises(ValidationError) as fout:
        services.klacht_verdagen(actor=kl_ik, klacht=k, verdaagd_tot=te_ver, reden="Drukte")
    assert "verdaagd_tot" in fout.value.message_dict
    nieuw = k.uiterlijk_oorspronkelijk + timedelta(days=28)
    services.klacht_verdagen(actor=kl_ik, klacht=k, verdaagd_tot=nieuw, reden="Advies nodig")
    k = Klacht.objects.get(pk=k.pk)
    assert k.uiterlijk == nieuw
    assert k.verdaging_mededeling_op == date.today()
    assert k.termijn_taak.vervaldatum == nieuw
    assert Taak.objects.filter(zaak=k.zaak, status=TaakStatus.OPEN).count() == 1
    assert Brief.objects.filter(zaak=k.zaak, onderwerp__icontains="meer tijd").exists()
    # Awb 9:11 lid 2: the colleague the complaint is about is told as well.
    assert (
        Brief.objects.filter(zaak=k.zaak, onderwerp__icontains="verdaagd").get().kanaal == "email"
    )
    with pytest.raises(ValidationError, match="9:11 lid 3"):
        services.klacht_verdagen(
            actor=kl_ik, klacht=k, verdaagd_tot=nieuw + timedelta(days=1), reden="Nog meer"
        )
    with pytest.raises(ValidationError) as fout:
        services.klacht_uitstellen(
            actor=kl_ik, klacht=k, uitstel_tot=nieuw + timedelta(days=14), instemming_op=None
        )
    assert "instemming_op" in fout.value.message_dict
    services.klacht_uitstellen(
        actor=kl_ik, klacht=k, uitstel_tot=nieuw + timedelta(days=14), instemming_op=date.today()
    )
    k = Klacht.objects.get(pk=k.pk)
    assert k.uiterlijk == nieuw + timedelta(days=14)
    assert k.termijn_taak.vervaldatum == k.uiterlijk


def test_extension_notice_after_the_term_is_refused(
    kl_ik, kl_klager, kl_burgerzaken, kl_behandelaar
):
    oud = services.klacht_create(
        actor=kl_ik,
        klager=kl_klager,
        kanaal=Kanaal.TELEFOON,
        ontvangen_op=date.today() - timedelta(days=70),
        categorie=Categorie.INFORMATIE,
        onderwerp="Oude klacht",
        omschrijving="...",
        afdeling=kl_burgerzaken,
        behandelaar=kl_behandelaar,
    )
    with pytest.raises(ValidationError) as fout:
        services.klacht_verdagen(
            actor=kl_ik,
            klacht=oud,
            verdaagd_tot=oud.uiterlijk_oorspronkelijk + timedelta(days=7),
            reden="Te laat bedacht",
        )
    assert "mededeling_op" in fout.value.message_dict


def test_not_handled_informal_and_withdrawn_close_the_case(
    kl_ik, kl_klager, kl_burgerzaken, kl_behandelaar, kl_klacht
):
    services.klacht_niet_behandelen(
        actor=kl_ik, klacht=kl_klacht, grond=NietBehandelenGrond.OUDER_DAN_JAAR, toelichting="2019"
    )
    k = Klacht.objects.get(pk=kl_klacht.pk)
    assert k.status == KlachtStatus.NIET_ONTVANKELIJK
    assert k.zaak.einddatum is not None
    assert Brief.objects.filter(zaak=k.zaak, onderwerp__icontains="niet in behandeling").exists()

    def nieuwe():  # noqa: ANN202
        return services.klacht_create(
            actor=kl_ik, klager=kl_klager, kanaal=Kanaal.TELEFOON, ontvangen_op=date.today(),
            categorie=Categorie.OVERIG, onderwerp="o", omschrijving="o",
            afdeling=kl_burgerzaken, behandelaar=kl_behandelaar,
        )  # fmt: skip

    informeel = nieuwe()
    with pytest.raises(ValidationError):
        services.klacht_informeel_oplossen(actor=kl_ik, klacht=informeel, toelichting=" ")
    services.klacht_informeel_oplossen(
        actor=kl_ik, klacht=informeel, toelichting="Teruggebeld, klager tevreden (Awb 9:5)."
    )
    assert Klacht.objects.get(pk=informeel.pk).status == KlachtStatus.INFORMEEL_OPGELOST
    ingetrokken = nieuwe()
    services.klacht_intrekken(actor=kl_ik, klacht=ingetrokken, toelichting="Per mail")
    ingetrokken = Klacht.objects.get(pk=ingetrokken.pk)
    assert ingetrokken.status == KlachtStatus.INGETROKKEN
    assert ingetrokken.termijn_taak.status == TaakStatus.AFGEROND
    with pytest.raises(Exception):  # noqa: B017 - a closed case is not changed
        services.klacht_ontvangst_bevestigen(actor=kl_ik, klacht=ingetrokken)


def test_status_machine_refuses_skips(kl_ik, kl_klacht):
    with pytest.raises(ValidationError):
        services.klacht_afhandelen(actor=kl_ik, klacht=kl_klacht)
    with pytest.raises(ValidationError):
        services.klacht_hoorzitting_plannen(actor=kl_ik, klacht=kl_klacht, op=_morgen_tien_uur())


def test_department_access(kl_klacht, kl_wijk_mw, kl_behandelaar, kl_org, kl_teamleider):
    wijk = factories.actor(kl_wijk_mw)
    assert not selectors.klachten_lijst(actor=wijk, filters=selectors.KlachtFilters()).exists()
    with pytest.raises(NietGevonden):
        selectors.klacht_get(actor=wijk, uuid=kl_klacht.uuid)
    with pytest.raises(NietGevonden):
        services.klacht_ontvangst_bevestigen(actor=wijk, klacht=kl_klacht)
    # A colleague in Burgerzaken without the case-type grant sees nothing either.
    zonder = factories.actor(factories.medewerker(kl_org, team=kl_klacht.afdeling))
    assert not selectors.klachten_lijst(actor=zonder, filters=selectors.KlachtFilters()).exists()
    with pytest.raises(ToegangGeweigerd):
        selectors.klacht_get(actor=factories.actor(kl_teamleider), uuid=kl_klacht.uuid)
    ik = factories.actor(kl_behandelaar)
    assert selectors.klacht_get(actor=ik, uuid=kl_klacht.uuid) == kl_klacht
    assert VerwerkingsLog.objects.filter(
        partij_uuid=kl_klacht.klager.uuid, handeling="Klacht ingezien"
    ).exists()


def test_a_parent_unit_sees_its_departments(kl_org, kl_klacht, kl_burgerzaken):
    from tests.modules.crm.test_klachten_fixtures import klacht_grant

    concern = factories.team(kl_org, "Publiekszaken")
    kl_burgerzaken.hoort_bij = concern
    kl_burgerzaken.save()
    coordinator = factories.medewerker(kl_org, team=concern)
    klacht_grant(coordinator)
    actor = factories.actor(coordinator)
    assert list(selectors.klachten_lijst(actor=actor, filters=selectors.KlachtFilters())) == [
        kl_klacht
    ]
