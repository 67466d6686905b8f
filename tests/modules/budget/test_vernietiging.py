"""Destroying a budget-management case after its retention period through the kernel's real
destruction-list flow (drawn up, reviewed by a second functioneel beheerder, executed): the
client's bookings, payment orders, statements and plan go; the organisation's bank entries stay
without what identifies the client; other clients and the bank reconciliation are untouched.
Runs on SQLite and, with RAADHUIS_DATABASE_URL, on PostgreSQL (where the ledger trigger is
exercised too)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import Sum

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_status_set
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.retention.hooks import (
    register_vernietiging_hook,
    unregister_vernietiging_hook,
    vernietiging_hooks,
)
from raadhuis.kernel.retention.models import ItemStatus, VernietigingslijstItem
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.aansluiting import aansluiting_maken
from raadhuis.modules.budget.bankimport.importeren import afschrift_importeren
from raadhuis.modules.budget.beeindigen import budgetrekening_beeindigen
from raadhuis.modules.budget.betalingen.dagvoorstel import dagvoorstel_maken
from raadhuis.modules.budget.betalingen.goedkeuring import voorstel_goedkeuren
from raadhuis.modules.budget.grootboek.rekeningen import beschikbaar_saldo, grootboekrekening, saldo
from raadhuis.modules.budget.models import (
    Bankmutatie,
    Betaalopdracht,
    Budgetrekening,
    Clientoverzicht,
    Grootboekrekening,
    GrootboekSoort,
    Journaalpost,
    Journaalregel,
    MutatieStatus,
    OpdrachtStatus,
)
from raadhuis.modules.budget.overzicht import eindoverzichten_bijwerken
from raadhuis.modules.budget.services.rekeningen import budgetrekening_openen
from raadhuis.modules.budget.testbestanden import Regel, camt053_maken
from raadhuis.modules.budget.vernietiging import VERNIETIGD, budget_vernietigen
from tests import factories
from tests.modules.budget.conftest import BEHEER_IBAN, WERKGEVER_IBAN
from tests.retention_helpers import lijst_uitvoeren

D = Decimal
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ANDER_IBAN = "NL02ABNA0123456789"


@pytest.fixture(autouse=True)
def hook_geregistreerd():
    """The lead registers the hook in budget's AppConfig.ready(); until then the test does,
    and removes it again only when it added it."""
    erbij = budget_vernietigen not in vernietiging_hooks()
    register_vernietiging_hook(budget_vernietigen)
    yield
    if erbij:
        unregister_vernietiging_hook(budget_vernietigen)


@pytest.fixture
def beheerders(budget_org):
    """The functioneel beheerder who draws up the list and the colleague who reviews it."""
    fb = factories.medewerker(budget_org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="fb-bb")
    fb2 = factories.medewerker(budget_org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="fb2-bb")
    return factories.actor(fb), factories.actor(fb2)


@pytest.fixture
def andere_client(consulent_actor, beheerrekening):
    partij = factories.persoon(consulent_actor, geslachtsnaam="De Vries", voornamen="Karel")
    return budgetrekening_openen(
        actor=consulent_actor,
        client=partij,
        beheerrekening=beheerrekening,
        client_iban=ANDER_IBAN,
        client_tenaamstelling="K. de Vries",
        startdatum=date(2026, 1, 1),
    )


def _importeren(actor, org, regels, datum, volgnummer):  # noqa: ANN001, ANN202
    inhoud = camt053_maken(
        iban=BEHEER_IBAN, regels=regels, datum=datum, volgnummer=volgnummer,
        afschrift_id=f"VERN-{volgnummer}",
        beginsaldo=_banksaldo_afschrift(org),
    )  # fmt: skip
    rapport = afschrift_importeren(actor=actor, organisatie=org, inhoud=inhoud)
    assert not rapport.fouten, rapport.fouten
    return rapport


def _banksaldo_afschrift(org) -> Decimal:  # noqa: ANN001
    totaal = Bankmutatie.objects.filter(organisatie=org).aggregate(s=Sum("bedrag"))["s"]
    return totaal or D("0")


def _gb(soort: str, beheerrekening) -> Grootboekrekening:  # noqa: ANN001
    return grootboekrekening(soort, beheerrekening=beheerrekening)


def _afsluiten(actor, zaak: Zaak, einddatum: date) -> Zaak:  # noqa: ANN001
    """Close the case with its first result; its archive action date then lies in the past."""
    zaaktype = zaak.zaaktype
    zaak_status_set(
        actor=actor,
        zaak=zaak,
        statustype=zaaktype.statustypen.order_by("-volgnummer").first(),
        resultaattype=zaaktype.resultaattypen.order_by("pk").first(),
        datum=datetime.combine(einddatum, time(12), tzinfo=AMSTERDAM),
    )
    # Seven years have passed (the case type's P7Y), as far as the list is concerned.
    Zaak.objects.filter(pk=zaak.pk).update(archiefactiedatum=einddatum)
    return Zaak.objects.get(pk=zaak.pk)


def _lijst_uitvoeren(beheerders, peildatum: date, capture):  # noqa: ANN001, ANN202
    opsteller, beoordelaar = beheerders
    return lijst_uitvoeren(
        opsteller, beoordelaar, naam="Budgetbeheer 2026", peildatum=peildatum, capture=capture
    )


@pytest.fixture
def beeindigde_client(budgetrekening, andere_client, consulent_actor, fiatteur_actor):
    """Client A (the fixture's Petra Jansen): salary 1,850.00 in by bank statement, account
    ended, the tegoed paid out to her own IBAN (four eyes) and written off on the next
    statement, final client statement made. Client B: 900.00 in on the same statement."""
    org = budgetrekening.organisatie
    dag = vandaag(org.tijdzone)
    _importeren(
        consulent_actor, org,
        [
            Regel(D("1850.00"), WERKGEVER_IBAN, "Werkgever Zevenaar BV",
                  f"Salaris januari {budgetrekening.kenmerk}", boekdatum=date(2026, 1, 26)),
            Regel(D("900.00"), "NL69INGB0123456789", "UWV",
                  f"Uitkering {andere_client.kenmerk}", boekdatum=date(2026, 1, 26)),
        ],
        date(2026, 1, 26), 1,
    )  # fmt: skip
    assert beschikbaar_saldo(budgetrekening) == D("1850.00")
    assert beschikbaar_saldo(andere_client) == D("900.00")
    uitkomst = budgetrekening_beeindigen(
        actor=consulent_actor, budgetrekening=budgetrekening, datum=date(2026, 1, 31)
    )
    dagvoorstel_maken(actor=consulent_actor, organisatie=org, datum=dag)
    opdracht = Betaalopdracht.objects.get(pk=uitkomst.uitbetaling.pk)
    voorstel_goedkeuren(actor=fiatteur_actor, voorstel=opdracht.voorstel)
    _importeren(
        consulent_actor, org,
        [Regel(D("-1850.00"), opdracht.iban, opdracht.begunstigde, opdracht.omschrijving,
               end_to_end_id=opdracht.end_to_end_id, boekdatum=dag)],
        dag, 2,
    )  # fmt: skip
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.AFGESCHREVEN
    assert beschikbaar_saldo(budgetrekening) == 0
    eindoverzichten_bijwerken(org)
    assert Clientoverzicht.objects.filter(budgetrekening=budgetrekening).exists()
    return budgetrekening


def _grootboek_sluit() -> None:
    for post in Journaalpost.objects.all():
        assert post.regels.aggregate(s=Sum("bedrag"))["s"] == 0, post


def test_budgetzaak_vernietigd_via_de_lijst(
    beeindigde_client, andere_client, beheerrekening, consulent_actor, beheerders,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    rekening = beeindigde_client
    org = rekening.organisatie
    dag = vandaag(org.tijdzone)
    zaak = _afsluiten(consulent_actor, rekening.zaak, dag - timedelta(days=1))
    client_pk, rekening_pk = rekening.client_id, rekening.pk
    eigen_posten = set(
        Journaalpost.objects.filter(budgetrekening=rekening).values_list("pk", flat=True)
    )
    mutaties_a = list(
        Bankmutatie.objects.filter(budgetrekening=rekening).values_list("pk", flat=True)
    )
    assert len(mutaties_a) == 2 and eigen_posten
    bank = _gb(GrootboekSoort.BANK, beheerrekening)
    voor = {
        "bank": saldo(bank),
        "onderweg": saldo(_gb(GrootboekSoort.ONDERWEG, beheerrekening)),
        "te_matchen": saldo(_gb(GrootboekSoort.TE_MATCHEN, beheerrekening)),
        "b": beschikbaar_saldo(andere_client),
        "b_posten": Journaalpost.objects.filter(budgetrekening=andere_client).count(),
        "mutaties": Bankmutatie.objects.count(),
    }
    assert voor["bank"] == D("900.00")
    aansluiting_voor = aansluiting_maken(org, beheerrekening, dag)

    lijst = _lijst_uitvoeren(beheerders, dag, django_capture_on_commit_callbacks)

    item = VernietigingslijstItem.objects.get(lijst=lijst, zaak_uuid=zaak.uuid)
    assert item.status == ItemStatus.VERNIETIGD, item.reden
    assert item.aantallen["budget.journaalpost"] >= 3
    assert item.aantallen["budget.betaalopdracht"] == 1
    assert item.aantallen["budget.bankmutatie_ontkoppeld"] == 2
    # Everything of client A is gone...
    assert not Zaak.objects.filter(pk=zaak.pk).exists()
    assert not Budgetrekening.objects.filter(pk=rekening_pk).exists()
    assert not Journaalpost.objects.filter(pk__in=eigen_posten).exists()
    assert not Grootboekrekening.objects.filter(budgetrekening_id=rekening_pk).exists()
    assert not Betaalopdracht.objects.filter(budgetrekening_id=rekening_pk).exists()
    assert not Clientoverzicht.objects.filter(budgetrekening_id=rekening_pk).exists()
    assert not Partij.objects.filter(pk=client_pk).exists()
    # ... the bank's own record stays, without what identified her.
    for mutatie in Bankmutatie.objects.filter(pk__in=mutaties_a):
        assert mutatie.budgetrekening_id is None and mutatie.journaalpost_id is None
        assert (mutatie.tegenrekening_naam, mutatie.tegenrekening_iban) == (VERNIETIGD, "")
        assert mutatie.omschrijving == VERNIETIGD and "Jansen" not in mutatie.omschrijving
        assert mutatie.status in (MutatieStatus.GEMATCHT, MutatieStatus.BETALING)
    assert Bankmutatie.objects.count() == voor["mutaties"]
    # Client B and the organisation's accounts are untouched; the ledger still balances and
    # reconciles with the bank.
    assert beschikbaar_saldo(andere_client) == voor["b"] == D("900.00")
    assert Journaalpost.objects.filter(budgetrekening=andere_client).count() == voor["b_posten"]
    assert saldo(bank) == voor["bank"]
    assert saldo(_gb(GrootboekSoort.ONDERWEG, beheerrekening)) == voor["onderweg"]
    assert saldo(_gb(GrootboekSoort.TE_MATCHEN, beheerrekening)) == voor["te_matchen"]
    _grootboek_sluit()
    assert Journaalregel.objects.aggregate(s=Sum("bedrag"))["s"] == 0
    aansluiting_na = aansluiting_maken(org, beheerrekening, dag)
    assert aansluiting_na.verschil == aansluiting_voor.verschil == 0
    assert aansluiting_na.banksaldo == aansluiting_voor.banksaldo


def test_geweigerd_zolang_de_client_geld_heeft(
    budgetrekening, andere_client, consulent_actor, beheerders, django_capture_on_commit_callbacks
):
    """Money still held for the client: the case stays, the list says why (no name)."""
    org = budgetrekening.organisatie
    dag = vandaag(org.tijdzone)
    _importeren(
        consulent_actor, org,
        [Regel(D("250.00"), WERKGEVER_IBAN, "Werkgever Zevenaar BV",
               f"Salaris {budgetrekening.kenmerk}", boekdatum=date(2026, 1, 26))],
        date(2026, 1, 26), 1,
    )  # fmt: skip
    zaak = _afsluiten(consulent_actor, budgetrekening.zaak, dag - timedelta(days=1))
    posten = Journaalpost.objects.count()

    lijst = _lijst_uitvoeren(beheerders, dag, django_capture_on_commit_callbacks)

    item = VernietigingslijstItem.objects.get(lijst=lijst, zaak_uuid=zaak.uuid)
    assert item.status == ItemStatus.MISLUKT
    assert "tegoed" in item.reden and budgetrekening.kenmerk in item.reden
    assert "Jansen" not in item.reden
    assert Zaak.objects.filter(pk=zaak.pk).exists()
    assert Journaalpost.objects.count() == posten
    assert beschikbaar_saldo(budgetrekening) == D("250.00")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_trigger_weigert_zonder_de_vlag(budgetrekening, consulent_actor):
    org = budgetrekening.organisatie
    _importeren(
        consulent_actor, org,
        [Regel(D("10.00"), WERKGEVER_IBAN, "Werkgever", f"X {budgetrekening.kenmerk}",
               boekdatum=date(2026, 1, 26))],
        date(2026, 1, 26), 1,
    )  # fmt: skip
    regel = Journaalregel.objects.first()
    with pytest.raises(DatabaseError, match="nooit gewijzigd"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM budget_journaalregel WHERE id = %s", [regel.pk])
    with pytest.raises(DatabaseError, match="nooit gewijzigd"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL raadhuis.budget_vernietiging = 'aan'")
            # The flag opens DELETE only: an UPDATE is refused all the same.
            cursor.execute("UPDATE budget_journaalregel SET bedrag = 0 WHERE id = %s", [regel.pk])
    # With the flag a DELETE passes (rolled back here by the deliberate error) ...
    with pytest.raises(RuntimeError, match="terugdraaien"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL raadhuis.budget_vernietiging = 'aan'")
            cursor.execute("DELETE FROM budget_journaalregel WHERE id = %s", [regel.pk])
            assert cursor.rowcount == 1
        raise RuntimeError("terugdraaien")
    # ... and once the hook has switched it off again ('uit'), DELETE is refused once more.
    with pytest.raises(DatabaseError, match="nooit gewijzigd"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL raadhuis.budget_vernietiging = 'aan'")
            cursor.execute("SET LOCAL raadhuis.budget_vernietiging = 'uit'")
            cursor.execute("DELETE FROM budget_journaalregel WHERE id = %s", [regel.pk])
    assert Journaalregel.objects.filter(pk=regel.pk).exists()
