"""MT940 read with the `mt-940` package, including the structured :86: field of Dutch banks."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from schwifty import IBAN

from raadhuis.modules.budget.bankimport.afschrift import (
    CENT,
    BestandOngeldig,
    GelezenAfschrift,
    GelezenMutatie,
    hash_id,
    iban_of_leeg,
)

# The structured :86: field of Dutch banks: /KEY/value/KEY/value/...
_SLEUTELS_86 = {
    "TRTP", "IBAN", "BIC", "NAME", "REMI", "EREF", "RTRN", "ORDP", "BENM", "CNTP", "MARF",
    "CSID", "ADDR", "PURP", "ULTC", "ULTD", "ISDT", "CREF", "SWOC", "ID",
}  # fmt: skip
_REMI_SUBCODES = {"USTD", "STRD", "CUR", "ISO", "EUR"}


def _velden_86(tekst: str) -> dict[str, str]:
    """Split a Dutch structured :86: ("/TRTP/.../IBAN/NL../NAME/../REMI/../EREF/../") into its
    fields; free text without that structure is the description."""
    tekst = (tekst or "").replace("\r", "").replace("\n", "")
    if not tekst.startswith("/") or not any(f"/{s}/" in tekst for s in ("IBAN", "REMI", "EREF")):
        return {"REMI": tekst.strip()}
    velden: dict[str, list[str]] = {}
    sleutel = ""
    for deel in tekst.strip("/").split("/"):
        if deel in _SLEUTELS_86 and deel not in velden:
            sleutel = deel
            velden[sleutel] = []
        elif sleutel and deel and not (sleutel == "REMI" and deel in _REMI_SUBCODES):
            velden[sleutel].append(deel)
    resultaat = {k: " ".join(v).strip() for k, v in velden.items()}
    if "CNTP" in velden and velden["CNTP"]:
        # ING: /CNTP/<iban>/<bic>/<name>/<city>/
        cntp = velden["CNTP"] + ["", "", ""]
        resultaat.setdefault("IBAN", cntp[0])
        resultaat.setdefault("NAME", cntp[2])
    return resultaat


def _mt_afschrift_iban(rekening: str) -> str:
    for deel in re.split(r"[\s/]+", rekening or ""):
        try:
            return IBAN(deel).compact
        except ValueError:
            continue
    return ""


def _mt_saldo(waarde: Any) -> tuple[Decimal | None, date | None]:  # noqa: ANN401
    if waarde is None or not hasattr(waarde.amount, "amount"):
        return None, None
    return Decimal(waarde.amount.amount), date(waarde.date.year, waarde.date.month, waarde.date.day)


def mt940_lezen(tekst: str) -> list[GelezenAfschrift]:
    import mt940

    opties = mt940.Options(
        applicant_iban=True,
        reversal_sign=True,
        merge_keeps_values=True,
        case_insensitive_marks=True,
        strip_bom=True,
    )
    try:
        blokken = mt940.parse_statements(tekst, options=opties)
    except Exception as error:  # noqa: BLE001 - the parser raises many kinds on a broken file
        raise BestandOngeldig(_mt940_fout(error), code="mt940") from error
    fouten: list[str] = []
    afschriften = []
    for blok in blokken:
        afschrift = _mt_afschrift(blok, fouten)
        if afschrift is not None:
            afschriften.append(afschrift)
    if fouten:
        raise BestandOngeldig(fouten, code="regels")
    return afschriften


def _mt940_fout(error: Exception) -> str:
    """The parser reports (message, tag, value): name the field a person can find."""
    if len(error.args) >= 3 and hasattr(error.args[1], "id"):
        return _(
            "Het MT940-bestand is niet goed opgebouwd: veld :%(tag)s: (%(waarde)s) is onleesbaar."
        ) % {
            "tag": error.args[1].id,
            "waarde": str(error.args[2])[:60],
        }
    return _("Het MT940-bestand is niet goed opgebouwd: %(fout)s") % {"fout": error}


def _mt_afschrift(blok: Any, fouten: list[str]) -> GelezenAfschrift | None:  # noqa: ANN401
    data = blok.data
    referentie = data.get("transaction_reference") or ""
    nummer = "/".join(
        str(data.get(k) or "") for k in ("statement_number", "sequence_number")
    ).strip("/")
    iban = _mt_afschrift_iban(data.get("account_identification") or "")
    begin, _begindatum = _mt_saldo(
        data.get("final_opening_balance") or data.get("intermediate_opening_balance")
    )
    eind, datum = _mt_saldo(
        data.get("final_closing_balance") or data.get("intermediate_closing_balance")
    )
    naam = f"{referentie}:{nummer}"
    if not iban:
        fouten.append(_("Afschrift %(id)s: het rekeningnummer (:25:) is geen IBAN.") % {"id": naam})
    if begin is None or eind is None or datum is None:
        fouten.append(
            _("Afschrift %(id)s: het begin- of eindsaldo (:60F:/:62F:) ontbreekt.") % {"id": naam}
        )
    if blok.currency and blok.currency != "EUR":
        fouten.append(
            _("Afschrift %(id)s: alleen rekeningen in euro kunnen worden ingelezen.") % {"id": naam}
        )
    if fouten:
        return None
    afschrift_id = f"{naam}:{datum.isoformat()}"
    mutaties = [
        _mt_mutatie(afschrift_id, volgnummer, transactie.data)
        for volgnummer, transactie in enumerate(blok, start=1)
    ]
    return GelezenAfschrift(
        afschrift_id=afschrift_id[:140],
        iban=iban,
        datum=datum,
        beginsaldo=begin,
        eindsaldo=eind,
        mutaties=mutaties,
    )


def _mt_mutatie(afschrift_id: str, volgnummer: int, data: dict[str, Any]) -> GelezenMutatie:
    status = (data.get("status") or "").upper()
    bedrag = Decimal(data["amount"].amount).quantize(CENT)
    dag = data.get("entry_date") or data.get("date")
    boekdatum = date(dag.year, dag.month, dag.day)
    if "transaction_details" in data:
        velden = _velden_86(data.get("transaction_details") or "")
    else:
        # German-style ?-structured :86:, already split by the parser.
        velden = {
            "IBAN": data.get("applicant_iban") or "",
            "NAME": data.get("applicant_name") or "",
            "REMI": data.get("purpose") or "",
            "EREF": data.get("end_to_end_reference") or "",
            "RTRN": data.get("return_debit_notes") or "",
        }
    klant = (data.get("customer_reference") or "").strip()
    e2e = velden.get("EREF") or ("" if klant.upper() in ("", "NONREF") else klant)
    bank = (data.get("bank_reference") or "").strip()
    mutatie_id = bank if bank and bank.upper() != "NONREF" else ""
    if not mutatie_id:
        mutatie_id = hash_id(afschrift_id, volgnummer, bedrag, boekdatum, velden.get("IBAN"))
    retourcode = (velden.get("RTRN") or "")[:8]
    return GelezenMutatie(
        volgnummer=volgnummer,
        mutatie_id=mutatie_id[:140],
        boekdatum=boekdatum,
        bedrag=bedrag,
        tegenrekening_iban=iban_of_leeg(velden.get("IBAN")),
        tegenrekening_naam=(velden.get("NAME") or "")[:140],
        omschrijving=velden.get("REMI") or "",
        end_to_end_id=(e2e or "")[:35],
        retourcode=retourcode,
        storno=status.startswith("R") or bool(retourcode),
    )
