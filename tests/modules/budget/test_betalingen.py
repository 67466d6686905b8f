"""Payments out: the daily proposal (due dates, catch-up, weekend look-ahead, idempotence,
holding back on overdraft), four-eyes approval, the pain.001 file, debits and returns.

Worked numbers with the shared plan (tests/modules/budget/conftest.py): on Tuesday 1 December
2026 rent 725.00, energy 145.00 and health insurance 142.50 fall due (1,012.50 of fixed costs)
and the reservation of 30.00 is booked; the living allowance of 75.00 falls due on Mondays.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.modules.budget.betalingen.algemeen import VierOgenFout
from raadhuis.modules.budget.betalingen.bankberichten import (
    afschrijving_verwerken,
    retour_verwerken,
)
from raadhuis.modules.budget.betalingen.dagvoorstel import dagvoorstel_maken
from raadhuis.modules.budget.betalingen.goedkeuring import (
    pain001,
    voorstel_afwijzen,
    voorstel_goedkeuren,
)
from raadhuis.modules.budget.betalingen.opdracht import (
    opdracht_schrappen,
    roodstand_toestaan,
    roodstand_vragen,
)
from raadhuis.modules.budget.betalingen.uitvoerdata import uitvoerdatum_voor
from raadhuis.modules.budget.grootboek.boekingen import boeken
from raadhuis.modules.budget.grootboek.rekeningen import (
    beschikbaar_saldo,
    gereserveerd_saldo,
    grootboekrekening,
    saldo,
)
from raadhuis.modules.budget.models import (
    Bankmutatie,
    Betaalopdracht,
    BetaalSoort,
    Betaalvoorstel,
    BoekingSoort,
    Budgetsignaal,
    GrootboekSoort,
    OpdrachtStatus,
    SignaalSoort,
    VoorstelStatus,
)
from raadhuis.modules.budget.pain001 import pain001_valideren

DINSDAG_1_DEC = date(2026, 12, 1)
VRIJDAG_4_DEC = date(2026, 12, 4)
DINSDAG_8_DEC = date(2026, 12, 8)


def inkomen_boeken(actor: Actor, rekening, bedrag: str, dag: date = date(2026, 11, 25)) -> None:  # noqa: ANN001
    """Income arrives on the bank for this client: debit BANK, credit CLIENT."""
    boeken(
        actor=actor,
        organisatie=rekening.organisatie,
        boekdatum=dag,
        soort=BoekingSoort.ONTVANGST,
        omschrijving="Salaris november",
        regels=[
            (
                grootboekrekening(GrootboekSoort.BANK, beheerrekening=rekening.beheerrekening),
                Decimal(bedrag),
            ),
            (
                grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=rekening),
                -Decimal(bedrag),
            ),
        ],
        budgetrekening=rekening,
    )


def opdrachten(voorstel: Betaalvoorstel) -> dict[str, Betaalopdracht]:
    return {o.begunstigde: o for o in voorstel.opdrachten.order_by("pk")}


@pytest.fixture
def systeem(budget_org):
    return Actor.system(budget_org, "Dagelijkse betaalrun")


# --- the daily proposal ----------------------------------------------------------------------


def test_due_fixed_costs_become_one_proposal_and_the_reservation_is_booked(
    consulent_actor, budgetrekening
):
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")

    voorstel = dagvoorstel_maken(
        actor=consulent_actor, organisatie=budgetrekening.organisatie, datum=DINSDAG_1_DEC
    )

    assert voorstel.status == VoorstelStatus.TER_GOEDKEURING
    assert voorstel.uitvoerdatum == DINSDAG_1_DEC
    assert voorstel.opgesteld_door == consulent_actor.medewerker
    regels = opdrachten(voorstel)
    assert {naam: o.bedrag for naam, o in regels.items()} == {
        "Woonstichting De Liemers": Decimal("725.00"),
        "Energie Gelderland": Decimal("145.00"),
        "Zorgverzekeraar Oost": Decimal("142.50"),
    }
    assert all(o.status == OpdrachtStatus.VOORGESTELD for o in regels.values())
    assert all(len(o.end_to_end_id) <= 35 for o in regels.values())
    # Nothing is paid yet; only the reservation moved: 1,850.00 - 30.00.
    assert beschikbaar_saldo(budgetrekening) == Decimal("1820.00")
    assert gereserveerd_saldo(budgetrekening) == Decimal("30.00")


def test_the_proposal_is_idempotent(consulent_actor, budgetrekening):
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")
    org = budgetrekening.organisatie

    eerste = dagvoorstel_maken(actor=consulent_actor, organisatie=org, datum=DINSDAG_1_DEC)
    tweede = dagvoorstel_maken(actor=consulent_actor, organisatie=org, datum=DINSDAG_1_DEC)

    assert tweede.pk == eerste.pk
    assert Betaalvoorstel.objects.count() == 1
    assert Betaalopdracht.objects.count() == 3
    # The reservation is booked once per month, however often the day runs.
    assert gereserveerd_saldo(budgetrekening) == Decimal("30.00")


def test_missed_days_are_caught_up_and_weekend_payments_leave_on_friday(
    consulent_actor, systeem, budgetrekening
):
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")
    org = budgetrekening.organisatie
    dagvoorstel_maken(actor=systeem, organisatie=org, datum=DINSDAG_1_DEC)

    # Friday 4 December: nothing is due from Wednesday to Sunday.
    assert dagvoorstel_maken(actor=systeem, organisatie=org, datum=VRIJDAG_4_DEC) is None
    # Tuesday 8 December, after a missed Monday: Monday 7 December's living allowance.
    voorstel = dagvoorstel_maken(actor=systeem, organisatie=org, datum=DINSDAG_8_DEC)
    [leefgeld] = voorstel.opdrachten.all()
    assert leefgeld.betaalpost.soort == BetaalSoort.LEEFGELD
    assert leefgeld.vervaldatum == date(2026, 12, 7)
    assert leefgeld.bedrag == Decimal("75.00")
    assert leefgeld.iban == "NL20INGB0001234567"


def test_friday_proposal_includes_the_weekend(consulent_actor, systeem, budgetrekening):
    """1 January 2027 is a holiday and a Friday: the rent due that day leaves on Thursday
    31 December; the Monday allowance of 4 January is not included yet."""
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00", dag=date(2026, 12, 24))
    voorstel = dagvoorstel_maken(
        actor=systeem, organisatie=budgetrekening.organisatie, datum=date(2026, 12, 31)
    )
    assert uitvoerdatum_voor(date(2027, 1, 2)) == date(2027, 1, 4)
    assert voorstel.uitvoerdatum == date(2026, 12, 31)
    assert sorted({o.vervaldatum for o in voorstel.opdrachten.all()}) == [date(2027, 1, 1)]


def test_payment_that_would_overdraw_is_held_back_in_order(consulent_actor, budgetrekening):
    """900.00 available: rent 725.00 fits (175.00 left), energy 145.00 fits (30.00 left),
    health insurance 142.50 does not: held back with a reason; the 30.00 reservation fits."""
    inkomen_boeken(consulent_actor, budgetrekening, "900.00")

    voorstel = dagvoorstel_maken(
        actor=consulent_actor, organisatie=budgetrekening.organisatie, datum=DINSDAG_1_DEC
    )

    regels = opdrachten(voorstel)
    assert regels["Woonstichting De Liemers"].status == OpdrachtStatus.VOORGESTELD
    assert regels["Energie Gelderland"].status == OpdrachtStatus.VOORGESTELD
    zorg = regels["Zorgverzekeraar Oost"]
    assert zorg.status == OpdrachtStatus.TEGENGEHOUDEN
    assert "Onvoldoende saldo" in zorg.reden
    assert "€ 142,50" in zorg.reden and "€ 30,00" in zorg.reden
    assert gereserveerd_saldo(budgetrekening) == Decimal("30.00")
    assert AuditEntry.objects.filter(
        actie="budget_betaling_tegengehouden", zaak_uuid=budgetrekening.zaak.uuid
    ).exists()
    [signaal] = Budgetsignaal.objects.filter(soort=SignaalSoort.BETALING_TEGENGEHOUDEN)
    assert signaal.budgetrekening == budgetrekening
    assert "Zorgverzekeraar Oost" in signaal.tekst


def test_fixed_costs_go_before_the_living_allowance(consulent_actor, systeem, budgetrekening):
    """1,155.00 in. The run of Monday 23 November proposes that day's allowance (75.00) and
    books November's reservation it finds missing (30.00): 1,050.00 left. The run of 1 December
    catches up Monday 30 November's allowance (the older due date), but fixed costs go first:
    1,050.00 - 1,012.50 - 30.00 (December's reservation) = 7.50, too little for 75.00."""
    inkomen_boeken(consulent_actor, budgetrekening, "1155.00", dag=date(2026, 11, 20))
    org = budgetrekening.organisatie
    dagvoorstel_maken(actor=systeem, organisatie=org, datum=date(2026, 11, 23))

    voorstel = dagvoorstel_maken(actor=systeem, organisatie=org, datum=DINSDAG_1_DEC)

    regels = {(o.begunstigde, o.vervaldatum): o.status for o in voorstel.opdrachten.all()}
    assert regels == {
        ("Woonstichting De Liemers", DINSDAG_1_DEC): OpdrachtStatus.VOORGESTELD,
        ("Energie Gelderland", DINSDAG_1_DEC): OpdrachtStatus.VOORGESTELD,
        ("Zorgverzekeraar Oost", DINSDAG_1_DEC): OpdrachtStatus.VOORGESTELD,
        ("P. Jansen", date(2026, 11, 30)): OpdrachtStatus.TEGENGEHOUDEN,
    }
    assert gereserveerd_saldo(budgetrekening) == Decimal("60.00")


def test_held_back_payment_goes_out_once_money_arrives(consulent_actor, systeem, budgetrekening):
    inkomen_boeken(consulent_actor, budgetrekening, "900.00")
    org = budgetrekening.organisatie
    dagvoorstel_maken(actor=systeem, organisatie=org, datum=DINSDAG_1_DEC)
    inkomen_boeken(consulent_actor, budgetrekening, "500.00", dag=date(2026, 12, 2))

    volgende = dagvoorstel_maken(actor=systeem, organisatie=org, datum=date(2026, 12, 3))

    [zorg] = volgende.opdrachten.all()
    assert zorg.begunstigde == "Zorgverzekeraar Oost"
    assert zorg.status == OpdrachtStatus.VOORGESTELD
    assert zorg.vervaldatum == DINSDAG_1_DEC


# --- four eyes -----------------------------------------------------------------------------


def test_maker_may_not_approve_own_proposal(consulent_actor, budgetrekening):
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")
    voorstel = dagvoorstel_maken(
        actor=consulent_actor, organisatie=budgetrekening.organisatie, datum=DINSDAG_1_DEC
    )

    with pytest.raises(VierOgenFout):
        voorstel_goedkeuren(actor=consulent_actor, voorstel=voorstel)
    with pytest.raises(VierOgenFout):
        voorstel_afwijzen(actor=consulent_actor, voorstel=voorstel, reden="Zelf afwijzen")

    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.TER_GOEDKEURING
    assert not Betaalopdracht.objects.exclude(status=OpdrachtStatus.VOORGESTELD).exists()


def test_system_cannot_approve(systeem, consulent_actor, budgetrekening):
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")
    voorstel = dagvoorstel_maken(
        actor=systeem, organisatie=budgetrekening.organisatie, datum=DINSDAG_1_DEC
    )
    with pytest.raises(VierOgenFout):
        voorstel_goedkeuren(actor=systeem, voorstel=voorstel)


def test_approval_books_payments_and_makes_a_valid_pain001(
    consulent_actor, fiatteur_actor, budgetrekening
):
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")
    voorstel = dagvoorstel_maken(
        actor=consulent_actor, organisatie=budgetrekening.organisatie, datum=DINSDAG_1_DEC
    )

    voorstel = voorstel_goedkeuren(actor=fiatteur_actor, voorstel=voorstel)

    assert voorstel.status == VoorstelStatus.GOEDGEKEURD
    assert voorstel.beoordeeld_door == fiatteur_actor.medewerker
    regels = opdrachten(voorstel)
    assert all(o.status == OpdrachtStatus.ONDERWEG for o in regels.values())
    assert all(o.journaalpost_id for o in regels.values())
    # 1,850.00 - 30.00 reserved - 1,012.50 paid.
    assert beschikbaar_saldo(budgetrekening) == Decimal("807.50")
    onderweg = grootboekrekening(
        GrootboekSoort.ONDERWEG, beheerrekening=budgetrekening.beheerrekening
    )
    assert saldo(onderweg) in (Decimal("1012.50"), Decimal("-1012.50"))

    xml = pain001(voorstel)
    pain001_valideren(xml)  # against sepaxml's pain.001.001.03 XSD
    tekst = xml.decode()
    assert "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" in tekst
    assert "<NbOfTxs>3</NbOfTxs>" in tekst
    assert "<CtrlSum>1012.50</CtrlSum>" in tekst
    assert f"<MsgId>{voorstel.bericht_id}</MsgId>" in tekst
    assert "<IBAN>NL91ABNA0417164300</IBAN>" in tekst
    assert f"<EndToEndId>{regels['Energie Gelderland'].end_to_end_id}</EndToEndId>" in tekst
    assert AuditEntry.objects.filter(actie="budget_betaalvoorstel_goedgekeurd").exists()


def test_any_medewerker_with_the_grant_approves_a_system_proposal(
    systeem, consulent_actor, budgetrekening
):
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")
    voorstel = dagvoorstel_maken(
        actor=systeem, organisatie=budgetrekening.organisatie, datum=DINSDAG_1_DEC
    )
    voorstel = voorstel_goedkeuren(actor=consulent_actor, voorstel=voorstel)
    assert voorstel.status == VoorstelStatus.GOEDGEKEURD


def test_rejection_needs_a_reason_and_books_nothing(
    consulent_actor, fiatteur_actor, budgetrekening
):
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")
    voorstel = dagvoorstel_maken(
        actor=consulent_actor, organisatie=budgetrekening.organisatie, datum=DINSDAG_1_DEC
    )
    with pytest.raises(ValidationError) as fout:
        voorstel_afwijzen(actor=fiatteur_actor, voorstel=voorstel, reden="  ")
    assert "reden" in fout.value.message_dict

    voorstel = voorstel_afwijzen(
        actor=fiatteur_actor, voorstel=voorstel, reden="IBAN huur klopt niet"
    )

    assert voorstel.status == VoorstelStatus.AFGEWEZEN
    assert set(voorstel.opdrachten.values_list("status", flat=True)) == {OpdrachtStatus.AFGEWEZEN}
    assert beschikbaar_saldo(budgetrekening) == Decimal("1820.00")
    with pytest.raises(ValidationError):
        voorstel_goedkeuren(actor=fiatteur_actor, voorstel=voorstel)


def test_rejected_proposal_can_be_proposed_again_with_corrected_details(
    consulent_actor, fiatteur_actor, systeem, budgetrekening
):
    """The approver sees the energy company's IBAN is wrong and rejects, asking to propose
    again; the consultant corrects the plan; the next day's proposal pays the corrected IBAN."""
    from raadhuis.modules.budget.services.planposten import betaalpost_update

    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")
    org = budgetrekening.organisatie
    voorstel = dagvoorstel_maken(actor=consulent_actor, organisatie=org, datum=DINSDAG_1_DEC)
    voorstel_afwijzen(
        actor=fiatteur_actor,
        voorstel=voorstel,
        reden="IBAN energie klopt niet",
        opnieuw_voorstellen=True,
    )
    energiepost = opdrachten(voorstel)["Energie Gelderland"].betaalpost
    betaalpost_update(actor=consulent_actor, post=energiepost, iban="NL91ABNA0417164300")

    volgende = dagvoorstel_maken(actor=systeem, organisatie=org, datum=date(2026, 12, 2))

    regels = opdrachten(volgende)
    assert set(regels) == {"Woonstichting De Liemers", "Energie Gelderland", "Zorgverzekeraar Oost"}
    assert all(o.status == OpdrachtStatus.VOORGESTELD for o in regels.values())
    assert regels["Energie Gelderland"].iban == "NL91ABNA0417164300"
    assert regels["Energie Gelderland"].vervaldatum == DINSDAG_1_DEC


def test_one_payment_can_be_struck_out_before_approval(
    consulent_actor, fiatteur_actor, budgetrekening
):
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")
    voorstel = dagvoorstel_maken(
        actor=consulent_actor, organisatie=budgetrekening.organisatie, datum=DINSDAG_1_DEC
    )
    energie = opdrachten(voorstel)["Energie Gelderland"]
    opdracht_schrappen(actor=consulent_actor, opdracht=energie, reden="Al zelf betaald")
    voorstel_goedkeuren(actor=fiatteur_actor, voorstel=voorstel)

    energie.refresh_from_db()
    assert energie.status == OpdrachtStatus.AFGEWEZEN
    assert b"Energie Gelderland" not in pain001(voorstel)
    assert beschikbaar_saldo(budgetrekening) == Decimal("952.50")


def test_overdraft_asked_by_one_allowed_by_another_is_paid(
    consulent_actor, fiatteur_actor, budgetrekening
):
    inkomen_boeken(consulent_actor, budgetrekening, "900.00")
    voorstel = dagvoorstel_maken(
        actor=consulent_actor, organisatie=budgetrekening.organisatie, datum=DINSDAG_1_DEC
    )
    zorg = opdrachten(voorstel)["Zorgverzekeraar Oost"]

    roodstand_vragen(actor=consulent_actor, opdracht=zorg, reden="Polis vervalt anders")
    with pytest.raises(VierOgenFout):
        roodstand_toestaan(actor=consulent_actor, opdracht=zorg)
    zorg = roodstand_toestaan(actor=fiatteur_actor, opdracht=zorg)
    assert zorg.status == OpdrachtStatus.VOORGESTELD
    assert zorg.voorstel_id == voorstel.pk

    voorstel_goedkeuren(actor=fiatteur_actor, voorstel=voorstel)

    zorg.refresh_from_db()
    assert zorg.status == OpdrachtStatus.ONDERWEG
    # 900.00 - 30.00 - 725.00 - 145.00 - 142.50
    assert beschikbaar_saldo(budgetrekening) == Decimal("-142.50")
    assert zorg.journaalpost.roodstand_toegestaan_door == fiatteur_actor.medewerker


# --- the bank's answer ---------------------------------------------------------------------


@pytest.fixture
def verstuurd(consulent_actor, fiatteur_actor, budgetrekening):
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")
    voorstel = dagvoorstel_maken(
        actor=consulent_actor, organisatie=budgetrekening.organisatie, datum=DINSDAG_1_DEC
    )
    voorstel_goedkeuren(actor=fiatteur_actor, voorstel=voorstel)
    return opdrachten(voorstel)


def test_debit_on_the_statement_moves_money_from_onderweg_to_bank(
    consulent_actor, budgetrekening, verstuurd
):
    huur = verstuurd["Woonstichting De Liemers"]
    mutatie = Bankmutatie(boekdatum=date(2026, 12, 2), bedrag=Decimal("-725.00"))

    huur = afschrijving_verwerken(consulent_actor, huur, mutatie)
    assert afschrijving_verwerken(consulent_actor, huur, mutatie).status == huur.status  # again

    assert huur.status == OpdrachtStatus.AFGESCHREVEN
    assert mutatie.journaalpost.soort == BoekingSoort.AFSCHRIJVING
    assert mutatie.budgetrekening == budgetrekening
    bank = grootboekrekening(GrootboekSoort.BANK, beheerrekening=budgetrekening.beheerrekening)
    assert saldo(bank) == Decimal("1125.00")  # 1,850.00 in, 725.00 out


def test_returned_payment_goes_back_to_the_client_with_a_dutch_reason(
    consulent_actor, budgetrekening, verstuurd
):
    energie = verstuurd["Energie Gelderland"]
    afschrijving_verwerken(consulent_actor, energie, None)
    retour = Bankmutatie(boekdatum=date(2026, 12, 4), bedrag=Decimal("145.00"), retourcode="AC04")

    energie = retour_verwerken(consulent_actor, energie, retour)

    assert energie.status == OpdrachtStatus.RETOUR
    assert "AC04" in energie.reden and "opgeheven" in energie.reden
    assert retour.journaalpost.soort == BoekingSoort.STORNO
    assert beschikbaar_saldo(budgetrekening) == Decimal("952.50")  # 807.50 + 145.00
    assert Budgetsignaal.objects.filter(
        budgetrekening=budgetrekening, soort=SignaalSoort.BETALING_RETOUR
    ).exists()
    with pytest.raises(ValidationError):
        opdracht_schrappen(actor=consulent_actor, opdracht=energie, reden="te laat")


def test_pain001_validation_really_runs(consulent_actor, fiatteur_actor, budgetrekening):
    """An empty document and a file with a broken IBAN are both refused by the schema."""
    with pytest.raises(ValidationError):
        pain001_valideren(
            b'<?xml version="1.0"?>'
            b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>'
        )
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")
    voorstel = dagvoorstel_maken(
        actor=consulent_actor, organisatie=budgetrekening.organisatie, datum=DINSDAG_1_DEC
    )
    xml = pain001(voorstel_goedkeuren(actor=fiatteur_actor, voorstel=voorstel))
    with pytest.raises(ValidationError, match="SEPA-schema"):
        pain001_valideren(xml.replace(b"<IBAN>NL91ABNA0417164300</IBAN>", b"<IBAN>NL91</IBAN>"))


# --- scale -----------------------------------------------------------------------------------


def test_proposal_query_count_does_not_grow_with_the_number_of_clients(
    consulent_actor, systeem, budgetrekening, beheerrekening
):
    """Every client's due payments are gathered in bulk: three clients cost the same number of
    queries as one (reservations, held-back payments and signals aside, which are per client)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from raadhuis.modules.budget.models import Frequentie
    from raadhuis.modules.budget.services.planposten import leefgeld_instellen
    from raadhuis.modules.budget.services.rekeningen import budgetrekening_openen
    from tests import factories

    org = budgetrekening.organisatie
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")
    dagvoorstel_maken(actor=systeem, organisatie=org, datum=date(2026, 12, 7))  # + reservation
    with CaptureQueriesContext(connection) as een:
        dagvoorstel_maken(actor=systeem, organisatie=org, datum=date(2026, 12, 14))
    for n in range(2):
        rekening = budgetrekening_openen(
            actor=consulent_actor,
            client=factories.persoon(consulent_actor, geslachtsnaam=f"Extra {n}"),
            beheerrekening=beheerrekening,
            client_iban="NL20INGB0001234567",
            client_tenaamstelling=f"Extra {n}",
            startdatum=date(2026, 1, 1),
        )
        leefgeld_instellen(
            actor=consulent_actor,
            budgetrekening=rekening,
            bedrag=Decimal("75.00"),
            frequentie=Frequentie.WEEK,
            dag=1,
        )
        inkomen_boeken(consulent_actor, rekening, "500.00")
    with CaptureQueriesContext(connection) as drie:
        voorstel = dagvoorstel_maken(actor=systeem, organisatie=org, datum=date(2026, 12, 21))

    assert voorstel.opdrachten.count() == 3
    assert len(drie.captured_queries) == len(een.captured_queries)


def test_demo_leaves_an_approved_and_a_pending_proposal(consulent, fiatteur, budgetrekening):
    from raadhuis.modules.budget.betalingen.demo import betalingen_demo_load

    inkomen_boeken(factories_actor(consulent), budgetrekening, "1850.00")
    voorstellen = betalingen_demo_load(
        budgetrekening.organisatie, consulent=consulent, collega=fiatteur, datum=DINSDAG_1_DEC
    )

    goedgekeurd, open_ = voorstellen
    assert goedgekeurd.status == VoorstelStatus.GOEDGEKEURD and goedgekeurd.pain001
    assert open_.status == VoorstelStatus.TER_GOEDKEURING
    assert open_.opgesteld_door == consulent
    again = betalingen_demo_load(
        budgetrekening.organisatie, consulent=consulent, collega=fiatteur, datum=DINSDAG_1_DEC
    )
    assert [v.pk for v in again] == [open_.pk]


def factories_actor(medewerker):  # noqa: ANN001, ANN201
    from tests import factories

    return factories.actor(medewerker)


# --- the hold-back rule, for any amounts ---------------------------------------------------

_bedragen = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("2000"), places=2)


@given(
    beschikbaar=st.decimals(min_value=Decimal("0"), max_value=Decimal("3000"), places=2),
    posten=st.lists(
        st.tuples(
            st.sampled_from([BetaalSoort.HUUR, BetaalSoort.ENERGIE, BetaalSoort.LEEFGELD]),
            _bedragen,
            st.integers(min_value=1, max_value=28),
        ),
        max_size=12,
    ),
)
def test_hold_back_never_overdraws_and_fixed_costs_come_first(beschikbaar, posten):
    """Whatever the amounts: what is paid never exceeds the balance; every held-back payment
    is larger than what was left when its turn came; no living allowance is considered before
    every fixed cost."""
    from raadhuis.modules.budget.betalingen.dagvoorstel import _beslissen
    from raadhuis.modules.budget.betalingen.kandidaten import Kandidaat, Rekeninggeld, prioriteit

    kandidaten = [
        Kandidaat(None, soort, date(2026, 12, dag), bedrag, n)
        for n, (soort, bedrag, dag) in enumerate(posten)
    ]
    geld = Rekeninggeld(beschikbaar)
    volgorde = sorted(kandidaten, key=lambda k: prioriteit(k.soort, k.vervaldatum, k.volgnummer))
    betaald = Decimal("0")
    gezien_leefgeld = False
    for k in volgorde:
        over = geld.beschikbaar
        _k, past, reden = _beslissen(k, geld)
        if k.soort == BetaalSoort.LEEFGELD:
            gezien_leefgeld = True
        else:
            assert not gezien_leefgeld
        if past:
            betaald += k.bedrag
            assert reden == ""
        else:
            assert k.bedrag > over
            assert "Onvoldoende saldo" in reden
    assert betaald <= beschikbaar
    assert geld.beschikbaar == beschikbaar - betaald >= 0


# --- together with the bank import ---------------------------------------------------------


def test_statement_import_debits_and_returns_our_payments(
    consulent_actor, budgetrekening, verstuurd
):
    """The municipality's camt.053 shows the three payments leaving, and the energy payment
    coming back (AC04): rent and insurance are debited, energy is back on the client's account."""
    from raadhuis.modules.budget.bankimport.importeren import afschrift_importeren
    from raadhuis.modules.budget.testbestanden import Regel, camt053_maken

    regels = [
        Regel(
            bedrag=-o.bedrag,
            tegenrekening_iban=o.iban,
            tegenrekening_naam=o.begunstigde,
            omschrijving=o.omschrijving,
            end_to_end_id=o.end_to_end_id,
        )
        for o in verstuurd.values()
    ]
    energie = verstuurd["Energie Gelderland"]
    regels.append(
        Regel(
            bedrag=energie.bedrag,
            tegenrekening_iban=energie.iban,
            tegenrekening_naam=energie.begunstigde,
            omschrijving=energie.omschrijving,
            end_to_end_id=energie.end_to_end_id,
            retourcode="AC04",
        )
    )
    bestand = camt053_maken(
        iban=budgetrekening.beheerrekening.iban,
        regels=regels,
        datum=date(2026, 12, 2),
        beginsaldo=Decimal("1850.00"),
    )

    rapport = afschrift_importeren(
        actor=consulent_actor,
        organisatie=budgetrekening.organisatie,
        inhoud=bestand,
        bestandsnaam="afschrift.xml",
    )

    assert rapport.geslaagd, rapport.fouten
    status = {naam: Betaalopdracht.objects.get(pk=o.pk).status for naam, o in verstuurd.items()}
    assert status == {
        "Woonstichting De Liemers": OpdrachtStatus.AFGESCHREVEN,
        "Energie Gelderland": OpdrachtStatus.RETOUR,
        "Zorgverzekeraar Oost": OpdrachtStatus.AFGESCHREVEN,
    }
    # 1,850.00 - 30.00 reserved - 725.00 - 142.50; the 145.00 came back.
    assert beschikbaar_saldo(budgetrekening) == Decimal("952.50")
    onderweg = grootboekrekening(
        GrootboekSoort.ONDERWEG, beheerrekening=budgetrekening.beheerrekening
    )
    assert saldo(onderweg) == 0
