"""Matching bank entries to clients and to our own payments; the queue of entries a person
assigns or sets aside."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.modules.budget.bankimport.importeren import afschrift_importeren
from raadhuis.modules.budget.betalingen.dagvoorstel import dagvoorstel_maken
from raadhuis.modules.budget.betalingen.goedkeuring import voorstel_goedkeuren
from raadhuis.modules.budget.grootboek.boekingen import Roodstand
from raadhuis.modules.budget.grootboek.rekeningen import beschikbaar_saldo, grootboekrekening, saldo
from raadhuis.modules.budget.matching import (
    Matcher,
    MatchSoort,
    kenmerk_normaliseren,
    mutatie_handmatig_matchen,
    mutatie_negeren,
    tekst_kandidaten,
)
from raadhuis.modules.budget.models import (
    Bankmutatie,
    GrootboekSoort,
    InkomstenSoort,
    MutatieStatus,
    OpdrachtStatus,
)
from raadhuis.modules.budget.services.planposten import inkomstenpost_create
from raadhuis.modules.budget.services.rekeningen import budgetrekening_openen
from raadhuis.modules.budget.testbestanden import Regel, camt053_maken, mt940_maken
from tests import factories
from tests.modules.budget.conftest import BEHEER_IBAN, CLIENT_IBAN, WERKGEVER_IBAN

D = Decimal
UWV_IBAN = "NL89INGB0000096000"


@pytest.fixture
def tweede_rekening(consulent_actor, beheerrekening):
    """A second client; both clients get a benefit from the same payer (UWV)."""
    client = factories.persoon(consulent_actor, geslachtsnaam="Bakker", voornamen="Ahmed")
    return budgetrekening_openen(
        actor=consulent_actor,
        client=client,
        beheerrekening=beheerrekening,
        client_iban="NL39RABO0300065264",
        client_tenaamstelling="A. Bakker",
        startdatum=date(2026, 1, 1),
    )


@pytest.fixture
def uwv(consulent_actor, budgetrekening, tweede_rekening):
    for rekening, bedrag, kenmerk in (
        (budgetrekening, "1310.55", "UWV-778899"),
        (tweede_rekening, "1244.10", "UWV-112233"),
    ):
        inkomstenpost_create(
            actor=consulent_actor,
            budgetrekening=rekening,
            soort=InkomstenSoort.UITKERING,
            bron="UWV",
            iban_betaler=UWV_IBAN,
            kenmerk=kenmerk,
            bedrag=D(bedrag),
            dag=23,
        )


def _match(beheerrekening, bedrag: str, iban: str = "", tekst: str = "", e2e: str = ""):  # noqa: ANN001, ANN202
    return Matcher(beheerrekening, [e2e]).match(
        bedrag=D(bedrag),
        tegenrekening_iban=iban,
        omschrijving=tekst,
        end_to_end_id=e2e,
        storno=False,
    )


def test_kenmerk_in_the_text_wins_over_everything(beheerrekening, budgetrekening, uwv):
    match = _match(beheerrekening, "5.00", UWV_IBAN, f"Nabetaling {budgetrekening.kenmerk}")
    assert (match.soort, match.budgetrekening_id, match.regel) == (
        MatchSoort.ONTVANGST,
        budgetrekening.pk,
        "kenmerk",
    )


def test_kenmerk_typed_with_spaces_and_dashes_is_found(beheerrekening, budgetrekening):
    k = budgetrekening.kenmerk
    getypt = f"gift voor {k[:2]} - {k[2:5]} {k[5:]}"
    assert _match(beheerrekening, "5.00", tekst=getypt).regel == "kenmerk"


def test_the_payers_own_reference_matches_together_with_its_iban(
    beheerrekening, tweede_rekening, uwv
):
    match = _match(beheerrekening, "99.00", UWV_IBAN, "Uitkering uwv 112233 maart")
    assert (match.budgetrekening_id, match.regel) == (tweede_rekening.pk, "kenmerk")


def test_payer_of_many_clients_matches_on_amount(beheerrekening, tweede_rekening, uwv):
    match = _match(beheerrekening, "1244.10", UWV_IBAN, "Uitkering")
    assert (match.budgetrekening_id, match.regel) == (tweede_rekening.pk, "iban+bedrag")


def test_payer_of_many_clients_without_amount_or_reference_goes_to_the_queue(beheerrekening, uwv):
    match = _match(beheerrekening, "50.00", UWV_IBAN, "Vakantiegeld")
    assert match.soort == MatchSoort.WACHTRIJ
    assert "meerdere cliënten" in match.toelichting


def test_iban_alone_matches_when_it_belongs_to_one_client(beheerrekening, budgetrekening, uwv):
    assert _match(beheerrekening, "3.00", WERKGEVER_IBAN).regel == "iban"
    assert _match(beheerrekening, "3.00", CLIENT_IBAN).budgetrekening_id == budgetrekening.pk


def test_two_kenmerken_in_one_text_go_to_the_queue(beheerrekening, budgetrekening, tweede_rekening):
    tekst = f"{budgetrekening.kenmerk} en {tweede_rekening.kenmerk}"
    assert _match(beheerrekening, "10.00", tekst=tekst).soort == MatchSoort.WACHTRIJ


def test_an_ended_account_is_never_matched_automatically(beheerrekening, budgetrekening):
    budgetrekening.status = "beeindigd"
    budgetrekening.save(update_fields=["status"])
    match = _match(beheerrekening, "10.00", tekst=budgetrekening.kenmerk)
    assert match.soort == MatchSoort.WACHTRIJ
    assert "beëindigd" in match.toelichting


@given(st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=4, max_size=12))
def test_a_reference_is_found_whatever_separators_the_payer_types(kenmerk):
    for i in range(1, len(kenmerk)):
        getypt = f"betaling {kenmerk[:i].lower()} -{kenmerk[i:]} dank"
        if len(kenmerk[i:]) and kenmerk_normaliseren(kenmerk) in tekst_kandidaten(getypt):
            continue
        pytest.fail(f"{kenmerk!r} not found in {getypt!r}")


# --- the queue --------------------------------------------------------------------------------


def _onbekende_ontvangst(org, bedrag: str = "12.34") -> Bankmutatie:  # noqa: ANN001
    inhoud = camt053_maken(
        iban=BEHEER_IBAN,
        regels=[Regel(D(bedrag), "NL02ABNA0123456789", "Familie", "Voor Petra")],
        datum=date(2026, 2, 10),
    )
    rapport = afschrift_importeren(actor=Actor.system(org), organisatie=org, inhoud=inhoud)
    assert rapport.unmatched == 1, rapport.fouten
    return Bankmutatie.objects.get(status=MutatieStatus.TE_MATCHEN)


def test_manual_match_moves_the_money_to_the_client(
    budget_org, consulent_actor, budgetrekening, beheerrekening
):
    mutatie = _onbekende_ontvangst(budget_org)
    te_matchen = grootboekrekening(GrootboekSoort.TE_MATCHEN, beheerrekening=beheerrekening)
    assert saldo(te_matchen) == D("12.34")
    mutatie_handmatig_matchen(
        actor=consulent_actor, mutatie=mutatie, budgetrekening=budgetrekening, toelichting="Tel."
    )
    mutatie.refresh_from_db()
    assert (mutatie.status, mutatie.match_regel) == (MutatieStatus.GEMATCHT, "handmatig")
    assert mutatie.gematcht_door == consulent_actor.medewerker
    assert saldo(te_matchen) == D("0.00")
    assert beschikbaar_saldo(budgetrekening) == D("12.34")
    assert AuditEntry.objects.filter(
        actie="budget_mutatie_gematcht", zaak_uuid=budgetrekening.zaak.uuid
    ).exists()
    with pytest.raises(ValidationError, match="al verwerkt"):
        mutatie_handmatig_matchen(
            actor=consulent_actor, mutatie=mutatie, budgetrekening=budgetrekening
        )


def test_an_unknown_debit_charged_to_a_client_may_not_overdraw(
    budget_org, consulent_actor, budgetrekening
):
    inhoud = camt053_maken(
        iban=BEHEER_IBAN,
        regels=[Regel(D("-30.00"), "NL02ABNA0123456789", "Incasso BV", "Incasso")],
        datum=date(2026, 2, 10),
        beginsaldo=D("100.00"),
    )
    afschrift_importeren(actor=Actor.system(budget_org), organisatie=budget_org, inhoud=inhoud)
    mutatie = Bankmutatie.objects.get()
    assert mutatie.status == MutatieStatus.TE_MATCHEN
    with pytest.raises(Roodstand):
        mutatie_handmatig_matchen(
            actor=consulent_actor, mutatie=mutatie, budgetrekening=budgetrekening
        )
    mutatie.refresh_from_db()
    assert mutatie.status == MutatieStatus.TE_MATCHEN


def test_setting_an_entry_aside_needs_a_reason(budget_org, consulent_actor, budgetrekening):
    mutatie = _onbekende_ontvangst(budget_org)
    with pytest.raises(ValidationError, match="reden"):
        mutatie_negeren(actor=consulent_actor, mutatie=mutatie, reden=" ")
    mutatie_negeren(actor=consulent_actor, mutatie=mutatie, reden="Rente van de bank")
    mutatie.refresh_from_db()
    assert mutatie.status == MutatieStatus.GENEGEERD
    entry = AuditEntry.objects.get(actie="budget_mutatie_genegeerd")
    assert entry.toelichting == "Rente van de bank"


def test_a_consultant_cannot_match_to_an_account_of_another_organisation(
    budget_org, consulent_actor
):
    from raadhuis.kernel.exceptions import NietGevonden
    from raadhuis.modules.budget.catalogus import budget_catalogus_ensure
    from raadhuis.modules.budget.services.rekeningen import beheerrekening_ensure
    from tests.modules.budget.conftest import budget_grant

    ander = factories.organisatie("Andere gemeente")
    budget_catalogus_ensure(ander)
    collega = factories.medewerker(ander)
    budget_grant(collega)
    collega_actor = factories.actor(collega)
    andere_rekening = budgetrekening_openen(
        actor=collega_actor,
        client=factories.persoon(collega_actor),
        beheerrekening=beheerrekening_ensure(ander, "NL91ABNA0417164300", "Ander"),
        client_iban=CLIENT_IBAN,
        client_tenaamstelling="X",
        startdatum=date(2026, 1, 1),
    )
    beheerrekening_ensure(budget_org, BEHEER_IBAN, "Gemeente")
    mutatie = _onbekende_ontvangst(budget_org)
    with pytest.raises(NietGevonden):
        mutatie_handmatig_matchen(
            actor=consulent_actor, mutatie=mutatie, budgetrekening=andere_rekening
        )


# --- our own payments on the statement ---------------------------------------------------------


@pytest.fixture
def verstuurde_betalingen(budget_org, consulent_actor, fiatteur_actor, budgetrekening):
    """Salary in, then the payments due on 1 March approved and sent (ONDERWEG)."""
    inhoud = camt053_maken(
        iban=BEHEER_IBAN,
        regels=[Regel(D("1850.00"), WERKGEVER_IBAN, "Werkgever", "Salaris")],
        datum=date(2026, 2, 25),
    )
    afschrift_importeren(actor=Actor.system(budget_org), organisatie=budget_org, inhoud=inhoud)
    voorstel = dagvoorstel_maken(
        actor=consulent_actor, organisatie=budget_org, datum=date(2026, 2, 27)
    )
    assert voorstel is not None
    voorstel_goedkeuren(actor=fiatteur_actor, voorstel=voorstel)
    opdrachten = list(voorstel.opdrachten.filter(status=OpdrachtStatus.ONDERWEG).order_by("pk"))
    assert opdrachten
    return opdrachten


@pytest.mark.parametrize("maker", [camt053_maken, mt940_maken])
def test_debits_and_returns_of_our_payments_are_booked_by_betalingen(
    maker, budget_org, budgetrekening, beheerrekening, verstuurde_betalingen
):
    eerste, *rest = verstuurde_betalingen
    saldo_voor = beschikbaar_saldo(budgetrekening)
    regels = [
        Regel(-o.bedrag, o.iban, o.begunstigde, o.omschrijving, o.end_to_end_id)
        for o in verstuurde_betalingen
    ]
    # The first payment comes back: the payee's account is closed.
    regels.append(
        Regel(
            eerste.bedrag,
            eerste.iban,
            eerste.begunstigde,
            "Retour",
            eerste.end_to_end_id,
            retourcode="AC04",
        )
    )
    inhoud = maker(iban=BEHEER_IBAN, regels=regels, datum=date(2026, 3, 2), beginsaldo=D("1850.00"))
    rapport = afschrift_importeren(
        actor=Actor.system(budget_org), organisatie=budget_org, inhoud=inhoud
    )
    assert rapport.fouten == []
    assert rapport.as_json()["matched"] == len(regels)
    eerste.refresh_from_db()
    assert eerste.status == OpdrachtStatus.RETOUR
    for opdracht in rest:
        opdracht.refresh_from_db()
        assert opdracht.status == OpdrachtStatus.AFGESCHREVEN
    assert set(Bankmutatie.objects.filter(bedrag__lt=0).values_list("status", flat=True)) == {
        MutatieStatus.BETALING
    }
    assert Bankmutatie.objects.get(retourcode="AC04").status == MutatieStatus.RETOUR
    # The returned money is the client's again; nothing is left "onderweg".
    assert beschikbaar_saldo(budgetrekening) == saldo_voor + eerste.bedrag
    onderweg = grootboekrekening(GrootboekSoort.ONDERWEG, beheerrekening=beheerrekening)
    assert saldo(onderweg) == D("0.00")
    bank = grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheerrekening)
    assert saldo(bank) == D("1850.00") - sum(o.bedrag for o in rest)


def test_a_debit_with_an_unknown_reference_waits_in_the_queue(
    budget_org, budgetrekening, beheerrekening, verstuurde_betalingen
):
    opdracht = verstuurde_betalingen[0]
    inhoud = camt053_maken(
        iban=BEHEER_IBAN,
        regels=[
            Regel(-opdracht.bedrag - D("1.00"), opdracht.iban, "X", "", opdracht.end_to_end_id)
        ],
        datum=date(2026, 3, 2),
    )
    rapport = afschrift_importeren(
        actor=Actor.system(budget_org), organisatie=budget_org, inhoud=inhoud
    )
    assert rapport.unmatched == 1
    assert "past niet" in rapport.regels[0].toelichting
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.ONDERWEG
