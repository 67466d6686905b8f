"""The budget ledger (issue 5, item 2): double entry in Decimal, client balances never below zero
without a second person, nothing changed or deleted, corrections by reversal. Worked numbers on
the shared `budgetrekening` fixture (salary 1,850.00; rent 725.00; reservation 30.00)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.budget import models
from raadhuis.modules.budget.grootboek.boekingen import Roodstand, boeken
from raadhuis.modules.budget.grootboek.correcties import correctie_regels, tegenboeken
from raadhuis.modules.budget.grootboek.kaart import grootboekkaart
from raadhuis.modules.budget.grootboek.rekeningen import (
    beschikbaar_saldo,
    budgetrekening_voor_grootboek,
    gereserveerd_saldo,
    grootboekrekening,
    saldi,
    saldi_json,
    saldo,
)
from raadhuis.modules.budget.grootboek.roodstandverzoeken import (
    roodstand_afwijzen,
    roodstand_goedkeuren,
    roodstand_vragen,
    roodstandverzoeken_open,
)
from raadhuis.modules.budget.models import BoekingSoort, GrootboekSoort, Journaalpost, Journaalregel
from tests import factories

D = Decimal


@pytest.fixture
def rekeningen(budgetrekening):
    beheer = budgetrekening.beheerrekening
    return {
        "bank": grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheer),
        "onderweg": grootboekrekening(GrootboekSoort.ONDERWEG, beheerrekening=beheer),
        "te_matchen": grootboekrekening(GrootboekSoort.TE_MATCHEN, beheerrekening=beheer),
        "client": grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=budgetrekening),
        "reservering": grootboekrekening(
            GrootboekSoort.RESERVERING, reservering=budgetrekening.reserveringen.get()
        ),
    }


def _boek(actor, rekening, soort, regels, **extra):
    return boeken(
        actor=actor,
        organisatie=actor.organisatie,
        boekdatum=extra.pop("boekdatum", date(2026, 1, 25)),
        soort=soort,
        omschrijving=extra.pop("omschrijving", str(BoekingSoort(soort).label)),
        regels=regels,
        budgetrekening=rekening,
        **extra,
    )


def _salaris(actor, rekening, r, bedrag="1850.00"):
    return _boek(
        actor,
        rekening,
        BoekingSoort.ONTVANGST,
        [(r["bank"], D(bedrag)), (r["client"], -D(bedrag))],
    )


def test_grootboekrekening_is_made_once_per_account(budgetrekening, rekeningen):
    assert (
        grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=budgetrekening)
        == (rekeningen["client"])
    )
    assert rekeningen["reservering"].budgetrekening_id == budgetrekening.pk
    with pytest.raises(ValueError):
        grootboekrekening(GrootboekSoort.BANK)


def test_a_month_of_money_in_worked_numbers(consulent_actor, budgetrekening, rekeningen):
    ik, r = consulent_actor, rekeningen
    _salaris(ik, budgetrekening, r)
    assert beschikbaar_saldo(budgetrekening) == D("1850.00")
    assert saldo(r["bank"]) == D("1850.00")
    # The rent is approved: the client's money is on its way, the bank still holds it.
    _boek(
        ik,
        budgetrekening,
        BoekingSoort.BETAALOPDRACHT,
        [(r["client"], D("725.00")), (r["onderweg"], D("-725.00"))],
    )
    assert beschikbaar_saldo(budgetrekening) == D("1125.00")
    assert saldo(r["onderweg"]) == D("725.00")
    assert saldo(r["bank"]) == D("1850.00")
    # The statement shows the debit.
    _boek(
        ik,
        None,
        BoekingSoort.AFSCHRIJVING,
        [(r["onderweg"], D("725.00")), (r["bank"], D("-725.00"))],
        boekdatum=date(2026, 2, 2),
    )
    assert saldo(r["bank"]) == D("1125.00")
    assert saldo(r["onderweg"]) == D("0.00")
    # 30.00 put aside for the yearly energy bill.
    _boek(
        ik,
        budgetrekening,
        BoekingSoort.RESERVEREN,
        [(r["client"], D("30.00")), (r["reservering"], D("-30.00"))],
    )
    assert beschikbaar_saldo(budgetrekening) == D("1095.00")
    assert gereserveerd_saldo(budgetrekening) == D("30.00")
    # By date: on 25 January only the salary and the approvals had happened.
    assert saldo(r["bank"], tot_en_met=date(2026, 1, 31)) == D("1850.00")
    # The ledger balances: every line of every entry sums to zero.
    assert sum(Journaalregel.objects.values_list("bedrag", flat=True)) == 0
    assert saldi(budgetrekening.organisatie) == [
        {
            "uuid": budgetrekening.uuid,
            "kenmerk": "BB0000001",
            "client": budgetrekening.client.weergavenaam,
            "status": "actief",
            "beschikbaar": D("1095.00"),
            "gereserveerd": D("30.00"),
            "totaal": D("1125.00"),
        }
    ]
    (regel,) = saldi_json(budgetrekening.organisatie)
    assert regel["beschikbaar"] == "1095.00" and regel["totaal"] == "1125.00"
    assert regel["uuid"] == str(budgetrekening.uuid)


def test_every_booking_is_audited_on_the_case(consulent_actor, budgetrekening, rekeningen):
    post = _salaris(consulent_actor, budgetrekening, rekeningen)
    entry = AuditEntry.objects.get(actie="budget_boeking", object_uuid=post.uuid)
    assert entry.zaak_uuid == budgetrekening.zaak.uuid
    assert entry.wijzigingen["regels"][1][0][1] == "1850.00"
    assert post.geboekt_door == consulent_actor.medewerker
    assert post.budgetrekening == budgetrekening


@pytest.mark.parametrize(
    ("regels", "code"),
    [
        ([("bank", D("10.00")), ("client", D("-9.99"))], "niet_in_evenwicht"),
        ([("bank", D("10.00"))], "regels"),
        ([("bank", 10.0), ("client", -10.0)], "bedrag"),
        ([("bank", D("10.001")), ("client", D("-10.001"))], "bedrag"),
        ([("bank", D("0")), ("client", D("0"))], "nul"),
        ([("bank", D("NaN")), ("client", D("10"))], "bedrag"),
    ],
)
def test_bad_bookings_are_refused_in_dutch(
    consulent_actor, budgetrekening, rekeningen, regels, code
):
    with pytest.raises(ValidationError) as info:
        _boek(
            consulent_actor,
            budgetrekening,
            BoekingSoort.ONTVANGST,
            [(rekeningen[naam], bedrag) for naam, bedrag in regels],
        )
    assert info.value.code == code
    assert not Journaalpost.objects.exists()


def test_description_and_reason_are_required(consulent_actor, budgetrekening, rekeningen):
    r = rekeningen
    with pytest.raises(ValidationError) as info:
        _boek(
            consulent_actor,
            budgetrekening,
            BoekingSoort.CORRECTIE,
            [(r["te_matchen"], D("5.00")), (r["client"], D("-5.00"))],
            omschrijving=" ",
        )
    assert set(info.value.message_dict) == {"omschrijving", "reden"}


def test_lines_of_another_organisation_are_refused(consulent_actor, budgetrekening, rekeningen):
    ander = factories.organisatie("Andere gemeente")
    from raadhuis.modules.budget.services.rekeningen import beheerrekening_ensure

    vreemd = grootboekrekening(
        GrootboekSoort.BANK, beheerrekening=beheerrekening_ensure(ander, "NL02ABNA0123456789", "X")
    )
    with pytest.raises(ValidationError) as info:
        _boek(
            consulent_actor,
            budgetrekening,
            BoekingSoort.ONTVANGST,
            [(vreemd, D("10.00")), (rekeningen["client"], D("-10.00"))],
        )
    assert info.value.code == "organisatie"


def test_overdraft_is_refused_without_a_second_person(consulent_actor, budgetrekening, rekeningen):
    r = rekeningen
    _salaris(consulent_actor, budgetrekening, r, "100.00")
    with pytest.raises(Roodstand) as info:
        _boek(
            consulent_actor,
            budgetrekening,
            BoekingSoort.BETAALOPDRACHT,
            [(r["client"], D("125.00")), (r["onderweg"], D("-125.00"))],
        )
    assert info.value.tekort == D("25.00")
    assert "€ -25,00" in info.value.messages[0]
    assert beschikbaar_saldo(budgetrekening) == D("100.00")
    # Exactly to zero is fine.
    _boek(
        consulent_actor,
        budgetrekening,
        BoekingSoort.BETAALOPDRACHT,
        [(r["client"], D("100.00")), (r["onderweg"], D("-100.00"))],
    )
    assert beschikbaar_saldo(budgetrekening) == D("0.00")


def test_a_reservation_cannot_go_below_zero_either(consulent_actor, budgetrekening, rekeningen):
    r = rekeningen
    with pytest.raises(Roodstand):
        _boek(
            consulent_actor,
            budgetrekening,
            BoekingSoort.VRIJVAL,
            [(r["reservering"], D("1.00")), (r["client"], D("-1.00"))],
        )


def test_overdraft_allowed_by_a_second_person_is_booked_and_audited(
    consulent_actor, fiatteur, budgetrekening, rekeningen
):
    r = rekeningen
    post = _boek(
        consulent_actor,
        budgetrekening,
        BoekingSoort.BETAALOPDRACHT,
        [(r["client"], D("40.00")), (r["onderweg"], D("-40.00"))],
        roodstand_toegestaan_door=fiatteur,
        reden="Huur moet vandaag weg, salaris komt morgen",
    )
    assert post.roodstand_toegestaan_door == fiatteur
    assert beschikbaar_saldo(budgetrekening) == D("-40.00")
    entry = AuditEntry.objects.get(actie="budget_roodstand_toegestaan")
    assert entry.toelichting == "Huur moet vandaag weg, salaris komt morgen"
    assert entry.wijzigingen["toegestaan_door"][1] == fiatteur.naam


def test_the_booker_cannot_allow_their_own_overdraft(
    consulent_actor, consulent, budgetrekening, rekeningen
):
    r = rekeningen
    with pytest.raises(Roodstand) as info:
        _boek(
            consulent_actor,
            budgetrekening,
            BoekingSoort.BETAALOPDRACHT,
            [(r["client"], D("40.00")), (r["onderweg"], D("-40.00"))],
            roodstand_toegestaan_door=consulent,
            reden="zelf",
        )
    assert info.value.code == "vier_ogen"


def test_approver_booking_an_overdraft_asked_by_someone_else(
    fiatteur_actor, fiatteur, consulent, budgetrekening, rekeningen
):
    """Payments: the consultant asked for the overdraft, the approver of the proposal allowed
    it and books it: the four eyes are asker and allower."""
    r = rekeningen
    post = _boek(
        fiatteur_actor,
        budgetrekening,
        BoekingSoort.BETAALOPDRACHT,
        [(r["client"], D("40.00")), (r["onderweg"], D("-40.00"))],
        roodstand_toegestaan_door=fiatteur,
        roodstand_gevraagd_door=consulent,
        reden="Energie anders afgesloten",
    )
    assert post.roodstand_toegestaan_door == fiatteur


def test_overdraft_allowed_by_someone_without_the_grant_is_refused(
    consulent_actor, budget_org, budgetrekening, rekeningen
):
    buitenstaander = factories.medewerker(budget_org, rollen=(Rol.MEDEWERKER,))
    r = rekeningen
    with pytest.raises(Roodstand) as info:
        _boek(
            consulent_actor,
            budgetrekening,
            BoekingSoort.BETAALOPDRACHT,
            [(r["client"], D("40.00")), (r["onderweg"], D("-40.00"))],
            roodstand_toegestaan_door=buitenstaander,
            reden="x",
        )
    assert info.value.code == "niet_bevoegd"


def test_override_needs_a_reason(consulent_actor, fiatteur, budgetrekening, rekeningen):
    r = rekeningen
    with pytest.raises(ValidationError) as info:
        _boek(
            consulent_actor,
            budgetrekening,
            BoekingSoort.BETAALOPDRACHT,
            [(r["client"], D("40.00")), (r["onderweg"], D("-40.00"))],
            roodstand_toegestaan_door=fiatteur,
        )
    assert "reden" in info.value.message_dict


def test_a_medewerker_without_the_grant_cannot_book_on_a_client(
    budget_org, budgetrekening, rekeningen
):
    ander = factories.actor(factories.medewerker(budget_org, rollen=(Rol.MEDEWERKER,)))
    with pytest.raises(ToegangGeweigerd):
        _salaris(ander, budgetrekening, rekeningen)


# --- reversals ----------------------------------------------------------------------------------


def test_reversal_mirrors_the_lines_and_links_to_the_original(
    consulent_actor, budgetrekening, rekeningen
):
    origineel = _salaris(consulent_actor, budgetrekening, rekeningen)
    tegen = tegenboeken(
        actor=consulent_actor,
        journaalpost=origineel,
        reden="Dubbel ingelezen",
        boekdatum=date(2026, 1, 26),
    )
    assert tegen.soort == BoekingSoort.TEGENBOEKING
    assert tegen.tegenboeking_van == origineel
    assert tegen.budgetrekening == budgetrekening
    assert sorted(tegen.regels.values_list("bedrag", flat=True)) == [D("-1850.00"), D("1850.00")]
    assert {(r.grootboekrekening_id, -r.bedrag) for r in origineel.regels.all()} == {
        (r.grootboekrekening_id, r.bedrag) for r in tegen.regels.all()
    }
    assert beschikbaar_saldo(budgetrekening) == D("0.00")
    assert saldo(rekeningen["bank"]) == D("0.00")
    # The original is untouched.
    origineel.refresh_from_db()
    assert origineel.regels.count() == 2


def test_an_entry_is_reversed_once_and_a_reversal_never(
    consulent_actor, budgetrekening, rekeningen
):
    origineel = _salaris(consulent_actor, budgetrekening, rekeningen)
    tegen = tegenboeken(actor=consulent_actor, journaalpost=origineel, reden="fout")
    with pytest.raises(ValidationError) as info:
        tegenboeken(actor=consulent_actor, journaalpost=origineel, reden="nog eens")
    assert info.value.code == "al_tegengeboekt"
    with pytest.raises(ValidationError) as info:
        tegenboeken(actor=consulent_actor, journaalpost=tegen, reden="terugdraaien")
    assert info.value.code == "tegenboeking_van_tegenboeking"
    assert Journaalpost.objects.count() == 2


def test_reversal_needs_a_reason(consulent_actor, budgetrekening, rekeningen):
    origineel = _salaris(consulent_actor, budgetrekening, rekeningen)
    with pytest.raises(ValidationError):
        tegenboeken(actor=consulent_actor, journaalpost=origineel, reden="  ")


def test_reversing_income_already_spent_needs_a_second_person(
    consulent_actor, fiatteur, budgetrekening, rekeningen
):
    r = rekeningen
    ontvangst = _salaris(consulent_actor, budgetrekening, r, "100.00")
    _boek(
        consulent_actor,
        budgetrekening,
        BoekingSoort.BETAALOPDRACHT,
        [(r["client"], D("80.00")), (r["onderweg"], D("-80.00"))],
    )
    with pytest.raises(Roodstand):
        tegenboeken(actor=consulent_actor, journaalpost=ontvangst, reden="Niet van deze cliënt")
    tegenboeken(
        actor=consulent_actor,
        journaalpost=ontvangst,
        reden="Niet van deze cliënt",
        roodstand_toegestaan_door=fiatteur,
    )
    assert beschikbaar_saldo(budgetrekening) == D("-80.00")


def test_tegenboeking_is_not_a_soort_for_boeken(consulent_actor, budgetrekening, rekeningen):
    with pytest.raises(ValidationError):
        _boek(
            consulent_actor,
            budgetrekening,
            BoekingSoort.TEGENBOEKING,
            [(rekeningen["bank"], D("1.00")), (rekeningen["client"], D("-1.00"))],
            reden="x",
        )


# --- corrections and overdraft requests --------------------------------------------------------


def test_correction_against_the_queue_and_a_reservation(
    consulent_actor, budgetrekening, rekeningen
):
    reservering = budgetrekening.reserveringen.get()
    soort, regels = correctie_regels(
        budgetrekening, richting="bij", bedrag=D("12.50"), tegenrekening="te_matchen"
    )
    assert soort == BoekingSoort.CORRECTIE
    assert regels == [(rekeningen["te_matchen"], D("12.50")), (rekeningen["client"], D("-12.50"))]
    soort, regels = correctie_regels(
        budgetrekening,
        richting="af",
        bedrag=D("5"),
        tegenrekening=f"reservering:{reservering.uuid}",
    )
    assert soort == BoekingSoort.RESERVEREN
    assert regels == [(rekeningen["client"], D("5.00")), (rekeningen["reservering"], D("-5.00"))]
    with pytest.raises(ValidationError):
        correctie_regels(budgetrekening, richting="af", bedrag=D("5"), tegenrekening="bank")


needs_verzoek = pytest.mark.skipif(
    not hasattr(models, "Roodstandverzoek"), reason="Roodstandverzoek not in models yet"
)


@needs_verzoek
def test_overdraft_request_is_booked_when_a_colleague_allows_it(
    consulent_actor, consulent, fiatteur_actor, fiatteur, budgetrekening, rekeningen
):
    soort, regels = correctie_regels(
        budgetrekening, richting="af", bedrag=D("20.00"), tegenrekening="te_matchen"
    )
    verzoek = roodstand_vragen(
        actor=consulent_actor,
        budgetrekening=budgetrekening,
        boekdatum=date(2026, 2, 3),
        soort=soort,
        omschrijving="Terugstorting werkgever",
        reden="Werkgever vraagt te veel betaald loon terug",
        regels=regels,
    )
    assert roodstandverzoeken_open(budgetrekening) == [verzoek]
    with pytest.raises(ValidationError) as info:  # not by the one who asked
        roodstand_goedkeuren(actor=consulent_actor, verzoek=verzoek)
    assert info.value.code == "vier_ogen"
    post = roodstand_goedkeuren(actor=fiatteur_actor, verzoek=verzoek)
    assert post.geboekt_door == consulent
    assert post.roodstand_toegestaan_door == fiatteur
    assert beschikbaar_saldo(budgetrekening) == D("-20.00")
    verzoek.refresh_from_db()
    assert verzoek.status == "toegestaan" and verzoek.journaalpost == post
    with pytest.raises(ValidationError):
        roodstand_goedkeuren(actor=fiatteur_actor, verzoek=verzoek)


@needs_verzoek
def test_overdraft_request_refused_books_nothing(
    consulent_actor, fiatteur_actor, budgetrekening, rekeningen
):
    ontvangst = _salaris(consulent_actor, budgetrekening, rekeningen, "10.00")
    _boek(
        consulent_actor,
        budgetrekening,
        BoekingSoort.BETAALOPDRACHT,
        [(rekeningen["client"], D("10.00")), (rekeningen["onderweg"], D("-10.00"))],
    )
    verzoek = roodstand_vragen(
        actor=consulent_actor,
        budgetrekening=budgetrekening,
        boekdatum=date(2026, 2, 3),
        soort=BoekingSoort.TEGENBOEKING,
        omschrijving="",
        reden="Niet van deze cliënt",
        tegenboeking_van=ontvangst,
    )
    with pytest.raises(ValidationError):
        roodstand_afwijzen(actor=fiatteur_actor, verzoek=verzoek, reden="")
    roodstand_afwijzen(actor=fiatteur_actor, verzoek=verzoek, reden="Eerst navragen")
    verzoek.refresh_from_db()
    assert verzoek.status == "afgewezen"
    assert Journaalpost.objects.count() == 2


@needs_verzoek
def test_no_request_when_the_booking_does_not_overdraw(consulent_actor, budgetrekening, rekeningen):
    _salaris(consulent_actor, budgetrekening, rekeningen, "50.00")
    soort, regels = correctie_regels(
        budgetrekening, richting="af", bedrag=D("20.00"), tegenrekening="te_matchen"
    )
    with pytest.raises(ValidationError) as info:
        roodstand_vragen(
            actor=consulent_actor,
            budgetrekening=budgetrekening,
            boekdatum=date(2026, 2, 3),
            soort=soort,
            omschrijving="x",
            reden="y",
            regels=regels,
        )
    assert info.value.code == "geen_roodstand"


# --- immutability -----------------------------------------------------------------------------


@pytest.mark.skipif(
    not hasattr(models, "BoekingOnveranderlijk"), reason="model guard not in models.py yet"
)
def test_models_refuse_change_and_delete(consulent_actor, budgetrekening, rekeningen):
    post = _salaris(consulent_actor, budgetrekening, rekeningen)
    post.omschrijving = "anders"
    with pytest.raises(models.BoekingOnveranderlijk):
        post.save()
    with pytest.raises(models.BoekingOnveranderlijk):
        post.delete()
    regel = post.regels.first()
    regel.bedrag = D("1.00")
    with pytest.raises(models.BoekingOnveranderlijk):
        regel.save()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger exists on PostgreSQL only")
def test_database_refuses_update_and_delete(consulent_actor, budgetrekening, rekeningen):
    post = _salaris(consulent_actor, budgetrekening, rekeningen)
    from django.db import DatabaseError

    for statement in (
        lambda: Journaalpost.objects.filter(pk=post.pk).update(omschrijving="x"),
        lambda: Journaalregel.objects.filter(journaalpost=post).update(bedrag=D("0")),
        lambda: Journaalregel.objects.filter(journaalpost=post).delete(),
    ):
        with pytest.raises(DatabaseError, match="nooit gewijzigd"), transaction.atomic():
            statement()


# --- the ledger card ----------------------------------------------------------------------------


def test_ledger_card_has_running_balance_and_logs_the_read(
    consulent_actor, budgetrekening, rekeningen
):
    r = rekeningen
    _salaris(consulent_actor, budgetrekening, r, "100.00")
    _boek(
        consulent_actor,
        budgetrekening,
        BoekingSoort.BETAALOPDRACHT,
        [(r["client"], D("30.00")), (r["onderweg"], D("-30.00"))],
        boekdatum=date(2026, 2, 1),
    )
    _boek(
        consulent_actor,
        budgetrekening,
        BoekingSoort.RESERVEREN,
        [(r["client"], D("20.00")), (r["reservering"], D("-20.00"))],
        boekdatum=date(2026, 2, 1),
    )
    kaart = grootboekkaart(actor=consulent_actor, budgetrekening=budgetrekening)
    assert [(x.bedrag, x.saldo) for x in kaart.regels] == [
        (D("100.00"), D("100.00")),
        (D("-30.00"), D("70.00")),
        (D("-20.00"), D("50.00")),
    ]
    assert kaart.gereserveerd == D("20.00")
    februari = grootboekkaart(
        actor=consulent_actor,
        budgetrekening=budgetrekening,
        van=date(2026, 2, 1),
        tot=date(2026, 2, 28),
    )
    assert februari.beginsaldo == D("100.00") and februari.eindsaldo == D("50.00")
    assert len(februari.regels) == 2
    assert (
        VerwerkingsLog.objects.filter(
            partij_uuid=budgetrekening.client.uuid, handeling="Boekingen budgetrekening ingezien"
        ).count()
        == 2
    )


def test_ledger_is_not_found_without_the_grant(budget_org, budgetrekening):
    ander = factories.actor(factories.medewerker(budget_org, rollen=(Rol.MEDEWERKER,)))
    with pytest.raises(NietGevonden):
        budgetrekening_voor_grootboek(ander, budgetrekening.uuid)
    teamleider = factories.actor(factories.medewerker(budget_org, rollen=(Rol.TEAMLEIDER,)))
    with pytest.raises(ToegangGeweigerd):
        budgetrekening_voor_grootboek(teamleider, budgetrekening.uuid)
