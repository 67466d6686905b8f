"""Bank statements in: generated camt.053 / MT940 files are valid, are matched to clients,
book the right money, and importing twice changes nothing (issue 5, item 3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.modules.budget.bankimport.importeren import afschrift_importeren
from raadhuis.modules.budget.bankimport.lezen import afschrift_lezen
from raadhuis.modules.budget.grootboek.rekeningen import beschikbaar_saldo, grootboekrekening, saldo
from raadhuis.modules.budget.models import (
    Bankafschrift,
    Bankmutatie,
    GrootboekSoort,
    Journaalpost,
    Journaalregel,
    MutatieStatus,
)
from raadhuis.modules.budget.testbestanden import (
    Regel,
    camt053_fouten,
    camt053_maken,
    mt940_maken,
)
from tests.modules.budget.conftest import BEHEER_IBAN, CLIENT_IBAN, WERKGEVER_IBAN

D = Decimal
DAG = date(2026, 2, 25)
ONBEKEND_IBAN = "NL69INGB0123456789"


def _regels(kenmerk: str) -> list[Regel]:
    """Salary by IBAN + amount, a gift quoting the kenmerk, the client's own top-up (IBAN alone)
    and an unknown payer for the queue: 1,850 + 40 + 20 matched, 12.34 queued."""
    return [
        Regel(D("1850.00"), WERKGEVER_IBAN, "Werkgever Zevenaar BV", "Salaris februari"),
        Regel(D("40.00"), ONBEKEND_IBAN, "J. de Vries", f"Verjaardag {kenmerk} groet oma"),
        Regel(D("20.00"), CLIENT_IBAN, "P. Jansen", "Eigen storting"),
        Regel(D("12.34"), "NL02ABNA0123456789", "Onbekend BV", "Factuur 2026-001"),
    ]


def _saldo(soort: str, **kwargs) -> Decimal:  # noqa: ANN003
    return saldo(grootboekrekening(soort, **kwargs))


def _importeer(org, inhoud: bytes, naam: str = "afschrift.xml"):  # noqa: ANN001, ANN202
    return afschrift_importeren(
        actor=Actor.system(org), organisatie=org, inhoud=inhoud, bestandsnaam=naam
    )


def test_generated_camt053_is_valid_against_the_official_schema(budgetrekening):
    inhoud = camt053_maken(
        iban=BEHEER_IBAN,
        regels=[
            *_regels(budgetrekening.kenmerk),
            Regel(D("-725.00"), "NL31BUNQ2291234567", "Woonstichting", "Huur", "E2E-1"),
            Regel(
                D("145.00"), "NL12TRIO0198765432", "Energie", "Retour", "E2E-2", retourcode="AC04"
            ),
        ],
        datum=DAG,
        beginsaldo=D("100.00"),
    )
    assert camt053_fouten(inhoud) == []


def test_a_broken_camt053_fails_the_schema_check():
    inhoud = camt053_maken(iban=BEHEER_IBAN, regels=[Regel(D("1.00"))], datum=DAG)
    kapot = inhoud.replace(b"<CdtDbtInd>CRDT</CdtDbtInd><Sts>", b"<CdtDbtInd>XXXX</CdtDbtInd><Sts>")
    assert camt053_fouten(kapot)


@pytest.mark.parametrize("maker", [camt053_maken, mt940_maken])
def test_both_formats_read_to_the_same_entries(maker, budgetrekening):
    kwargs = {"iban": BEHEER_IBAN, "regels": _regels("BB0000001"), "datum": DAG}
    formaat, [afschrift] = afschrift_lezen(maker(**kwargs, beginsaldo=D("10.00")))
    assert formaat == ("camt053" if maker is camt053_maken else "mt940")
    assert afschrift.iban == BEHEER_IBAN
    assert (afschrift.beginsaldo, afschrift.eindsaldo) == (D("10.00"), D("1932.34"))
    assert [(m.bedrag, m.tegenrekening_iban) for m in afschrift.mutaties] == [
        (D("1850.00"), WERKGEVER_IBAN),
        (D("40.00"), ONBEKEND_IBAN),
        (D("20.00"), CLIENT_IBAN),
        (D("12.34"), "NL02ABNA0123456789"),
    ]
    assert "BB0000001" in afschrift.mutaties[1].omschrijving
    assert afschrift.mutaties[0].tegenrekening_naam == "Werkgever Zevenaar BV"
    assert len({m.mutatie_id for m in afschrift.mutaties}) == 4


@pytest.mark.parametrize("maker", [camt053_maken, mt940_maken])
def test_import_matches_books_and_queues(maker, budget_org, budgetrekening, beheerrekening):
    inhoud = maker(iban=BEHEER_IBAN, regels=_regels(budgetrekening.kenmerk), datum=DAG)
    rapport = _importeer(budget_org, inhoud)
    assert rapport.fouten == []
    assert rapport.as_json() == {
        "statements": 1,
        "entries": 4,
        "matched": 3,
        "unmatched": 1,
        "skipped_duplicates": 0,
    }
    regels = {m.bedrag: m for m in Bankmutatie.objects.all()}
    assert regels[D("1850.00")].match_regel == "iban+bedrag"
    assert regels[D("40.00")].match_regel == "kenmerk"
    assert regels[D("20.00")].match_regel == "iban"
    assert regels[D("12.34")].status == MutatieStatus.TE_MATCHEN
    assert all(m.journaalpost_id for m in regels.values())
    # Worked numbers: 1,850 + 40 + 20 for the client, 12.34 waiting, 1,922.34 on the bank.
    assert beschikbaar_saldo(budgetrekening) == D("1910.00")
    assert _saldo(GrootboekSoort.TE_MATCHEN, beheerrekening=beheerrekening) == D("12.34")
    assert _saldo(GrootboekSoort.BANK, beheerrekening=beheerrekening) == D("1922.34")
    for post in Journaalpost.objects.all():
        assert sum(r.bedrag for r in post.regels.all()) == 0
    zaak_audit = AuditEntry.objects.filter(
        zaak_uuid=budgetrekening.zaak.uuid, actie="budget_boeking"
    )
    assert zaak_audit.count() == 3


@pytest.mark.parametrize("maker", [camt053_maken, mt940_maken])
def test_importing_the_same_file_twice_changes_nothing(maker, budget_org, budgetrekening):
    inhoud = maker(iban=BEHEER_IBAN, regels=_regels(budgetrekening.kenmerk), datum=DAG)
    _importeer(budget_org, inhoud)
    aantallen = (Bankmutatie.objects.count(), Journaalregel.objects.count())
    tweede = _importeer(budget_org, inhoud)
    assert tweede.as_json() == {
        "statements": 0,
        "entries": 0,
        "matched": 0,
        "unmatched": 0,
        "skipped_duplicates": 4,
    }
    assert (Bankmutatie.objects.count(), Journaalregel.objects.count()) == aantallen
    assert beschikbaar_saldo(budgetrekening) == D("1910.00")


def test_an_entry_already_seen_on_another_statement_is_skipped(budget_org, budgetrekening):
    regel = Regel(D("1850.00"), WERKGEVER_IBAN, "Werkgever", "Salaris", referentie="BANKREF-1")
    _importeer(budget_org, camt053_maken(iban=BEHEER_IBAN, regels=[regel], datum=DAG))
    # The same entry on a corrected statement with another id, plus a new one.
    tweede = camt053_maken(
        iban=BEHEER_IBAN,
        regels=[regel, Regel(D("20.00"), CLIENT_IBAN, "P. Jansen", "Storting")],
        datum=DAG,
        afschrift_id="CORRECTIE-1",
        beginsaldo=D("0"),
    )
    rapport = _importeer(budget_org, tweede)
    assert rapport.as_json()["skipped_duplicates"] == 1
    assert rapport.as_json()["entries"] == 1
    assert beschikbaar_saldo(budgetrekening) == D("1870.00")


@pytest.mark.parametrize(
    ("inhoud", "bericht"),
    [
        (b"", "leeg"),
        (b"Dit is een brief, geen afschrift.", "geen bankafschrift"),
        (b"<Document><BkToCstmrStmt><Stmt>", "niet goed opgebouwd"),
        (
            b'<?xml version="1.0"?>'
            b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">'
            b"<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>1</MsgId></GrpHdr></BkToCstmrDbtCdtNtfctn>"
            b"</Document>",
            "geen dagafschrift",
        ),
        (b":20:X\r\n:25:NL91ABNA0417164300\r\n:61:garbage\r\n", "veld :61:"),
        (b":20:X\r\n:25:NL91ABNA0417164300\r\n:28C:1/1\r\n", "eindsaldo"),
    ],
)
def test_a_broken_file_gives_dutch_errors_and_writes_nothing(
    budget_org, beheerrekening, inhoud, bericht
):
    rapport = _importeer(budget_org, inhoud)
    assert not rapport.geslaagd
    assert any(bericht in fout for fout in rapport.fouten), rapport.fouten
    assert rapport.as_json()["statements"] == 0
    assert not Bankafschrift.objects.exists()
    assert not Journaalpost.objects.exists()


def test_a_statement_of_another_account_is_refused(budget_org, budgetrekening):
    inhoud = camt053_maken(iban=ONBEKEND_IBAN, regels=_regels("X"), datum=DAG)
    rapport = _importeer(budget_org, inhoud)
    assert "geen beheerrekening" in rapport.fouten[0]
    assert not Bankmutatie.objects.exists()


def test_a_truncated_file_whose_balance_does_not_add_up_is_refused(budget_org, budgetrekening):
    inhoud = camt053_maken(iban=BEHEER_IBAN, regels=_regels("X"), datum=DAG)
    # Drop the last entry, as a broken download would.
    begin = inhoud.rindex(b"<Ntry>")
    ingekort = inhoud[:begin] + inhoud[inhoud.index(b"</Ntry>", begin) + len(b"</Ntry>") :]
    rapport = _importeer(budget_org, ingekort)
    assert "is niet het eindsaldo" in rapport.fouten[0]
    assert not Bankmutatie.objects.exists()


def test_one_bad_entry_stops_the_whole_file(budget_org, budgetrekening):
    inhoud = camt053_maken(iban=BEHEER_IBAN, regels=_regels(budgetrekening.kenmerk), datum=DAG)
    kapot = inhoud.replace(b"<CdtDbtInd>CRDT</CdtDbtInd><Sts>", b"<Sts>", 1)
    rapport = _importeer(budget_org, kapot)
    assert any("mutatie 1" in fout and "CdtDbtInd" in fout for fout in rapport.fouten)
    assert not Bankmutatie.objects.exists()
    assert beschikbaar_saldo(budgetrekening) == D("0.00")


def test_pending_entries_are_not_booked(budget_org, budgetrekening):
    regels = [
        Regel(D("1850.00"), WERKGEVER_IBAN, "Werkgever", "Salaris"),
        Regel(D("99.00"), WERKGEVER_IBAN, "Werkgever", "Nog niet geboekt", status="PDNG"),
    ]
    inhoud = camt053_maken(iban=BEHEER_IBAN, regels=regels, datum=DAG)
    rapport = _importeer(budget_org, inhoud)
    assert rapport.as_json()["entries"] == 1
    assert beschikbaar_saldo(budgetrekening) == D("1850.00")


def test_mt940_with_german_structured_details_is_read_by_the_library(budget_org, budgetrekening):
    inhoud = (
        ":20:STARTUMS\r\n:25:NL91ABNA0417164300\r\n:28C:00001/001\r\n"
        ":60F:C260225EUR0,00\r\n"
        ":61:2602250225C1850,00NTRFNONREF//BANK-1\r\n"
        f":86:166?00SEPA-GUTSCHRIFT?20EREF+LOON-02?21SVWZ+Salaris {budgetrekening.kenmerk}"
        f"?31{WERKGEVER_IBAN}?32Werkgever Zevenaar BV\r\n"
        ":62F:C260225EUR1850,00\r\n"
    ).encode()
    rapport = _importeer(budget_org, inhoud, "afschrift.sta")
    assert rapport.fouten == []
    mutatie = Bankmutatie.objects.get()
    assert mutatie.tegenrekening_iban == WERKGEVER_IBAN
    assert mutatie.end_to_end_id == "LOON-02"
    assert mutatie.match_regel == "kenmerk"
    assert beschikbaar_saldo(budgetrekening) == D("1850.00")


def test_a_medewerker_without_the_budget_grant_may_not_import(budget_org, beheerrekening):
    from raadhuis.kernel.exceptions import NietGevonden
    from tests import factories

    buitenstaander = factories.actor(factories.medewerker(budget_org))
    with pytest.raises(NietGevonden):
        afschrift_importeren(
            actor=buitenstaander,
            organisatie=budget_org,
            inhoud=camt053_maken(iban=BEHEER_IBAN, regels=[], datum=DAG),
        )


def test_demo_statement_matches_the_plans_and_is_idempotent(budget_org, budgetrekening):
    from raadhuis.modules.budget.testbestanden import demo_load

    eerste = demo_load(budget_org, DAG)
    # The salary (IBAN + amount), the gift (kenmerk); the unknown payer waits.
    assert eerste == {
        "statements": 1,
        "entries": 3,
        "matched": 2,
        "unmatched": 1,
        "skipped_duplicates": 0,
    }
    assert demo_load(budget_org, DAG)["skipped_duplicates"] == 3
    assert beschikbaar_saldo(budgetrekening) == D("1900.00")
