"""The settlement offer: capacity × period, pro rata over the verified debts with the preferent
weighting, to the cent; 0 % without capacity; 36 months only for the self-employed; a new offer
replaces the old one and keeps the settlement phase's start."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.modules.shv.models import Fase, SchuldStatus
from raadhuis.modules.shv.regeling.berekening import aanbod_berekenen
from raadhuis.modules.shv.regeling.models import Regeling, RegelingStatus
from raadhuis.modules.shv.regeling.services import instellingen_update, regeling_create
from raadhuis.modules.shv.regeling.verdeling import Post
from raadhuis.modules.shv.services import shv_aanmelding_create
from raadhuis.modules.shv.vtlb.services import vtlb_bereken
from tests.modules.shv.regeling.helpers import schuld_geverifieerd, vtlb_invoer

D = Decimal


def test_worked_example_150_a_month_over_18_months():
    """€ 150.00 × 18 = € 2,700.00 over € 10,000.00 of debt: 27 % for every creditor."""
    berekening = aanbod_berekenen(
        afloscapaciteit=D("150.00"),
        looptijd_maanden=18,
        schulden=[Post("a", D("1000.00")), Post("b", D("2500.00")), Post("c", D("6500.00"))],
        preferent_weging=D("2"),
    )
    assert berekening.totaal == D("2700.00")
    assert berekening.schuldenlast == D("10000.00")
    assert [a.aandeel for a in berekening.aandelen] == [D("270.00"), D("675.00"), D("1755.00")]
    assert [a.percentage for a in berekening.aandelen] == [D("27.00")] * 3
    assert sum(a.aandeel for a in berekening.aandelen) == berekening.totaal


def test_worked_example_preferent_weighting_and_rounding():
    """€ 100 × 18 = € 1,800 over € 1,000 (preferent, weighs 2×), € 2,000 and € 3,000.

    Weights 2,000 : 2,000 : 3,000 of 7,000 give exactly 514.2857…, 514.2857… and 771.4285…;
    floored 514.28 + 514.28 + 771.42 = 1,799.98. The two cents left go to the largest
    remainders: 771.42|857 first, then the tie of 514.28|571 to the larger debt (€ 2,000)."""
    berekening = aanbod_berekenen(
        afloscapaciteit=D("100.00"),
        looptijd_maanden=18,
        schulden=[
            Post("belasting", D("1000.00"), preferent=True),
            Post("energie", D("2000.00")),
            Post("huur", D("3000.00")),
        ],
        preferent_weging=D("2"),
    )
    delen = {a.sleutel: a.aandeel for a in berekening.aandelen}
    assert delen == {"belasting": D("514.28"), "energie": D("514.29"), "huur": D("771.43")}
    assert sum(delen.values()) == D("1800.00")
    pct = {a.sleutel: a.percentage for a in berekening.aandelen}
    assert pct == {"belasting": D("51.43"), "energie": D("25.71"), "huur": D("25.71")}


def test_capacity_beyond_the_debts_offers_the_debts_in_full():
    berekening = aanbod_berekenen(
        afloscapaciteit=D("500.00"),
        looptijd_maanden=18,
        schulden=[Post("a", D("700.00")), Post("b", D("300.00"), preferent=True)],
        preferent_weging=D("3"),
    )
    assert berekening.totaal == D("1000.00")
    assert [a.percentage for a in berekening.aandelen] == [D("100.00"), D("100.00")]


def test_offer_from_the_latest_vtlb_over_the_verified_debts(ik, dossier, schulden, vtlb_150):
    regeling = regeling_create(actor=ik, dossier=dossier)

    assert regeling.status == RegelingStatus.CONCEPT
    assert regeling.afloscapaciteit == D("150.00") and regeling.looptijd_maanden == 18
    assert regeling.totaal == D("2700.00") and regeling.percentage == D("27.00")
    assert regeling.vtlb_berekening_uuid == vtlb_150.uuid
    aandelen = [(a.schuld_id, a.aandeel) for a in regeling.aanbiedingen.order_by("id")]
    assert aandelen == [
        (schulden[0].pk, D("270.00")),
        (schulden[1].pk, D("675.00")),
        (schulden[2].pk, D("1755.00")),
    ]
    dossier.refresh_from_db()
    assert dossier.fase == Fase.REGELING
    assert dossier.zaak.status_actueel.statustype.omschrijving_generiek == Fase.REGELING


def test_only_verified_debts_are_in_the_offer(ik, dossier, schuldeisers, schulden, vtlb_150):
    betwist = schuld_geverifieerd(ik, dossier, schuldeisers["energie"], "900.00", "EN-9")
    from raadhuis.modules.shv.services import schuld_status_set

    schuld_status_set(actor=ik, schuld=betwist, status=SchuldStatus.BETWIST, toelichting="Onjuist")
    regeling = regeling_create(actor=ik, dossier=dossier)
    assert betwist.pk not in set(regeling.aanbiedingen.values_list("schuld_id", flat=True))
    assert regeling.schuldenlast == D("10000.00")


def test_no_capacity_gives_a_zero_percent_offer(ik, dossier, schulden):
    """A low income with the costs of protective administration leaves nothing to repay."""
    invoer = vtlb_invoer(D("1200.00")) | {
        "correcties": [{"soort": "bewindvoering", "bedrag": D("130.00")}]
    }
    vtlb = vtlb_bereken(actor=ik, invoer=invoer, zaak=dossier.zaak)
    assert vtlb.afloscapaciteit == D("0.00")

    regeling = regeling_create(actor=ik, dossier=dossier)

    assert regeling.totaal == D("0.00") and regeling.percentage == D("0.00")
    assert {(a.aandeel, a.percentage) for a in regeling.aanbiedingen.all()} == {
        (D("0.00"), D("0.00"))
    }


def test_self_employed_get_36_months(ik, msr, gezin, schuldeisers):
    ondernemer = shv_aanmelding_create(
        actor=ik, bsn=gezin.bsn, zaaktype=msr, aanmeldingsdatum=date(2026, 3, 2), ondernemer=True
    )
    schuld_geverifieerd(ik, ondernemer, schuldeisers["woning"], "10000.00", "H-1")
    from tests.modules.shv.regeling.helpers import vtlb_met_capaciteit

    vtlb_met_capaciteit(ik, ondernemer, D("150.00"))

    regeling = regeling_create(actor=ik, dossier=ondernemer)
    assert regeling.looptijd_maanden == 36 and regeling.totaal == D("5400.00")
    korter = regeling_create(actor=ik, dossier=ondernemer, looptijd_maanden=18)
    assert korter.totaal == D("2700.00")


def test_36_months_is_refused_for_an_employee(ik, dossier, schulden, vtlb_150):
    with pytest.raises(ValidationError) as fout:
        regeling_create(actor=ik, dossier=dossier, looptijd_maanden=36)
    assert "ondernemer" in str(fout.value.message_dict["looptijd_maanden"])


def test_an_offer_needs_a_vtlb_and_verified_debts(ik, dossier, schuldeisers):
    with pytest.raises(ValidationError, match="VTLB-berekening"):
        regeling_create(actor=ik, dossier=dossier)
    from tests.modules.shv.regeling.helpers import vtlb_met_capaciteit

    vtlb_met_capaciteit(ik, dossier, D("150.00"))
    with pytest.raises(ValidationError, match="geen geverifieerde schulden"):
        regeling_create(actor=ik, dossier=dossier)


def test_the_preferent_weighting_is_the_organisations_setting(
    ik, dossier, schuldeisers, vtlb_150, shv_org
):
    from raadhuis.kernel.organisations.models import Rol
    from tests import factories

    beheerder = factories.actor(factories.medewerker(shv_org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))
    instellingen_update(actor=beheerder, preferent_weging=D("3.00"))
    schuld_geverifieerd(ik, dossier, schuldeisers["belasting"], "1000.00", "IB-1")
    schuld_geverifieerd(ik, dossier, schuldeisers["energie"], "2000.00", "EN-1")

    regeling = regeling_create(actor=ik, dossier=dossier)

    # Weights 3,000 : 2,000 of 5,000 → 1,620 : 1,080 of 2,700; 162 % is capped at the debt.
    pct = {a.schuld.kenmerk: (a.aandeel, a.percentage) for a in regeling.aanbiedingen.all()}
    assert regeling.preferent_weging == D("3.00")
    assert pct == {"IB-1": (D("1000.00"), D("100.00")), "EN-1": (D("1700.00"), D("85.00"))}


def test_a_new_offer_replaces_the_old_and_keeps_the_phase_start(ik, dossier, schulden, vtlb_150):
    eerste = regeling_create(actor=ik, dossier=dossier)
    tweede = regeling_create(actor=ik, dossier=dossier, toelichting="Herberekend")

    eerste.refresh_from_db()
    assert eerste.status == RegelingStatus.VERVALLEN
    assert tweede.volgnummer == 2 and tweede.status == RegelingStatus.CONCEPT
    assert tweede.fase_start == eerste.fase_start
    assert tweede.termijn_taak_id == eerste.termijn_taak_id
    assert Taak.objects.filter(titel__startswith="Schuldregelingsfase").count() == 1
    assert Regeling.objects.filter(dossier=dossier).count() == 2


def test_the_teamleider_cannot_make_an_offer(dossier, schulden, vtlb_150, shv_org):
    from raadhuis.kernel.exceptions import ToegangGeweigerd
    from raadhuis.kernel.organisations.models import Rol
    from tests import factories

    teamleider = factories.actor(factories.medewerker(shv_org, rollen=(Rol.TEAMLEIDER,)))
    with pytest.raises(ToegangGeweigerd):
        regeling_create(actor=teamleider, dossier=dossier)


def test_the_phase_task_is_open_in_the_work_queue(ik, dossier, consulent, schulden, vtlb_150):
    regeling = regeling_create(actor=ik, dossier=dossier)
    taak = regeling.termijn_taak
    assert taak.status == TaakStatus.OPEN and taak.toegewezen_aan == consulent
    assert taak.zaak_id == dossier.zaak_id
