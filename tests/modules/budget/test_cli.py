"""`raadhuis budget import FILE` and `raadhuis budget saldi --json`."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from raadhuis.modules.budget.models import Bankmutatie
from raadhuis.modules.budget.testbestanden import Regel, camt053_maken, mt940_maken
from tests.modules.budget.conftest import BEHEER_IBAN, WERKGEVER_IBAN

D = Decimal


def _bestand(tmp_path, maker, kenmerk: str):  # noqa: ANN001, ANN202
    inhoud = maker(
        iban=BEHEER_IBAN,
        regels=[
            Regel(D("1850.00"), WERKGEVER_IBAN, "Werkgever", "Salaris"),
            Regel(D("25.00"), "NL02ABNA0123456789", "Oma", f"Voor {kenmerk}"),
            Regel(D("7.50"), "NL69INGB0123456789", "Onbekend", "?"),
        ],
        datum=date(2026, 2, 25),
    )
    pad = tmp_path / ("afschrift.xml" if maker is camt053_maken else "afschrift.sta")
    pad.write_bytes(inhoud)
    return pad


def _run(*args: str) -> str:
    out = StringIO()
    call_command("budget", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("maker", [camt053_maken, mt940_maken])
def test_import_prints_the_json_report_and_is_idempotent(
    tmp_path, budget_org, budgetrekening, maker
):
    pad = _bestand(tmp_path, maker, budgetrekening.kenmerk)
    eerste = json.loads(_run("import", str(pad), "--organisatie", budget_org.rsin))
    assert eerste == {
        "statements": 1,
        "entries": 3,
        "matched": 2,
        "unmatched": 1,
        "skipped_duplicates": 0,
    }
    tweede = json.loads(_run("import", str(pad), "--organisatie", budget_org.rsin))
    assert tweede == {
        "statements": 0,
        "entries": 0,
        "matched": 0,
        "unmatched": 0,
        "skipped_duplicates": 3,
    }
    assert Bankmutatie.objects.count() == 3


def test_import_of_a_broken_file_fails_in_dutch(tmp_path, budget_org, beheerrekening):
    pad = tmp_path / "kapot.xml"
    pad.write_bytes(b"<Document><BkToCstmrStmt>")
    with pytest.raises(CommandError, match="niet ingelezen"):
        _run("import", str(pad), "--organisatie", budget_org.rsin)
    with pytest.raises(CommandError, match="Kan"):
        _run("import", str(tmp_path / "bestaat-niet.xml"), "--organisatie", budget_org.rsin)
    with pytest.raises(CommandError, match="RSIN 000000000"):
        _run("import", str(pad), "--organisatie", "000000000")


def test_saldi_json_lists_every_budget_account(tmp_path, budget_org, budgetrekening):
    _run("import", str(_bestand(tmp_path, camt053_maken, budgetrekening.kenmerk)))
    saldi = json.loads(_run("saldi", "--json", "--organisatie", budget_org.rsin))
    assert [(s["kenmerk"], s["beschikbaar"], s["totaal"]) for s in saldi] == [
        (budgetrekening.kenmerk, "1875.00", "1875.00")
    ]
