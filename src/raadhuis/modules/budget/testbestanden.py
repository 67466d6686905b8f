"""Generated bank statements (camt.053.001.02 and MT940) for tests, the demo and the benchmark.

The files are what a Dutch bank sends: `camt053_maken` writes a statement that is valid against
the official ISO 20022 schema shipped in `schemas/` (checked by `camt053_valideren`), and
`mt940_maken` a SWIFT MT940 statement with the structured `:86:` field Dutch banks use
(`/TRTP/.../IBAN/.../NAME/.../REMI/.../EREF/...`). Both are built as text because a statement of
50,000 entries must be written in a second, not through an object tree.

Amounts follow the bank's view of the municipality's account: positive money comes in,
negative money goes out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

CAMT053_NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
CAMT053_XSD = Path(__file__).resolve().parent / "schemas" / "camt.053.001.02.xsd"
CENT = Decimal("0.01")


@dataclass
class Regel:
    """One entry on a generated statement."""

    bedrag: Decimal  # positive comes in, negative goes out
    tegenrekening_iban: str = ""
    tegenrekening_naam: str = ""
    omschrijving: str = ""  # remittance text (max 140 characters in camt Ustrd)
    end_to_end_id: str = ""
    boekdatum: date | None = None
    # A payment the bank returned (e.g. "AC04" closed account): marked as a reversal.
    retourcode: str = ""
    # The bank's own reference for the entry; derived from the other fields when empty.
    referentie: str = ""
    status: str = "BOOK"  # camt entry status; only BOOK entries are booked
    extra: dict = field(default_factory=dict)


def _referentie(afschrift_id: str, index: int, regel: Regel) -> str:
    if regel.referentie:
        return regel.referentie
    digest = hashlib.sha1(f"{afschrift_id}:{index}".encode(), usedforsecurity=False)
    return f"{afschrift_id[:12]}-{index:06d}-{digest.hexdigest()[:8]}"[:35]


def _bedrag(waarde: Decimal) -> str:
    return f"{abs(Decimal(waarde)).quantize(CENT)}"


def _saldo_xml(code: str, bedrag: Decimal, datum: date) -> str:
    indicator = "CRDT" if bedrag >= 0 else "DBIT"
    return (
        f"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp>"
        f'<Amt Ccy="EUR">{_bedrag(bedrag)}</Amt><CdtDbtInd>{indicator}</CdtDbtInd>'
        f"<Dt><Dt>{datum.isoformat()}</Dt></Dt></Bal>"
    )


def _partij_xml(rol: str, naam: str, iban: str) -> str:
    xml = f"<{rol}><Nm>{escape(naam[:140])}</Nm></{rol}>" if naam else ""
    if iban:
        xml += f"<{rol}Acct><Id><IBAN>{escape(iban)}</IBAN></Id></{rol}Acct>"
    return xml


def _entry_xml(regel: Regel, referentie: str, datum: date, eigen_iban: str, eigen_naam: str) -> str:
    binnen = regel.bedrag >= 0
    boekdatum = (regel.boekdatum or datum).isoformat()
    retour = bool(regel.retourcode)
    familie = ("RCDT", "ESCT") if binnen else ("ICDT", "ESCT")
    if retour:
        familie = ("ICDT", "RRTN") if binnen else ("RCDT", "RRTN")
    # Related parties: the payer (Dbtr) and payee (Cdtr); we are the other side.
    if binnen:
        partijen = _partij_xml("Dbtr", regel.tegenrekening_naam, regel.tegenrekening_iban)
        partijen += _partij_xml("Cdtr", eigen_naam, eigen_iban)
    else:
        partijen = _partij_xml("Dbtr", eigen_naam, eigen_iban)
        partijen += _partij_xml("Cdtr", regel.tegenrekening_naam, regel.tegenrekening_iban)
    e2e = regel.end_to_end_id or "NOTPROVIDED"
    remittance = (
        f"<RmtInf><Ustrd>{escape(regel.omschrijving[:140])}</Ustrd></RmtInf>"
        if regel.omschrijving
        else ""
    )
    rtrinf = f"<RtrInf><Rsn><Cd>{escape(regel.retourcode)}</Cd></Rsn></RtrInf>" if retour else ""
    return (
        f'<Ntry><Amt Ccy="EUR">{_bedrag(regel.bedrag)}</Amt>'
        f"<CdtDbtInd>{'CRDT' if binnen else 'DBIT'}</CdtDbtInd>"
        f"{'<RvslInd>true</RvslInd>' if retour else ''}"
        f"<Sts>{escape(regel.status)}</Sts>"
        f"<BookgDt><Dt>{boekdatum}</Dt></BookgDt><ValDt><Dt>{boekdatum}</Dt></ValDt>"
        f"<AcctSvcrRef>{escape(referentie)}</AcctSvcrRef>"
        f"<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>{familie[0]}</Cd>"
        f"<SubFmlyCd>{familie[1]}</SubFmlyCd></Fmly></Domn></BkTxCd>"
        f"<NtryDtls><TxDtls><Refs><AcctSvcrRef>{escape(referentie)}</AcctSvcrRef>"
        f"<EndToEndId>{escape(e2e[:35])}</EndToEndId></Refs>"
        f'<AmtDtls><TxAmt><Amt Ccy="EUR">{_bedrag(regel.bedrag)}</Amt></TxAmt></AmtDtls>'
        f"<RltdPties>{partijen}</RltdPties>{remittance}{rtrinf}</TxDtls></NtryDtls></Ntry>"
    )


def camt053_maken(
    *,
    iban: str,
    regels: Iterable[Regel],
    datum: date,
    afschrift_id: str = "",
    beginsaldo: Decimal = Decimal("0"),
    naam: str = "Gemeente",
    bic: str = "BNGHNL2G",
    volgnummer: int = 1,
) -> bytes:
    """A camt.053.001.02 statement of `iban` on `datum` with `regels`, as UTF-8 bytes."""
    regels = list(regels)
    afschrift_id = afschrift_id or f"{iban[-10:]}-{datum:%Y%m%d}-{volgnummer}"
    eindsaldo = Decimal(beginsaldo) + sum((Decimal(r.bedrag) for r in regels), Decimal("0"))
    tijd = datetime.combine(datum, datetime.min.time()).replace(hour=6).isoformat()
    entries = "".join(
        _entry_xml(regel, _referentie(afschrift_id, i, regel), datum, iban, naam)
        for i, regel in enumerate(regels, start=1)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<Document xmlns="{CAMT053_NAMESPACE}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<BkToCstmrStmt><GrpHdr><MsgId>{escape(afschrift_id[:35])}</MsgId>"
        f"<CreDtTm>{tijd}</CreDtTm></GrpHdr>"
        f"<Stmt><Id>{escape(afschrift_id[:35])}</Id><ElctrncSeqNb>{volgnummer}</ElctrncSeqNb>"
        f"<CreDtTm>{tijd}</CreDtTm>"
        f"<Acct><Id><IBAN>{escape(iban)}</IBAN></Id><Ccy>EUR</Ccy>"
        f"<Ownr><Nm>{escape(naam[:140])}</Nm></Ownr>"
        f"<Svcr><FinInstnId><BIC>{escape(bic)}</BIC></FinInstnId></Svcr></Acct>"
        f"{_saldo_xml('OPBD', Decimal(beginsaldo), datum)}{_saldo_xml('CLBD', eindsaldo, datum)}"
        f"{entries}</Stmt></BkToCstmrStmt></Document>\n"
    )
    return xml.encode("utf-8")


@cache
def _camt053_schema():  # noqa: ANN202 (xmlschema is imported lazily)
    import xmlschema

    return xmlschema.XMLSchema(str(CAMT053_XSD))


def camt053_fouten(inhoud: bytes) -> list[str]:
    """The schema errors of a camt.053.001.02 document (empty when it is valid)."""
    from xml.etree import ElementTree

    boom = ElementTree.fromstring(inhoud)
    return [str(fout.reason or fout) for fout in _camt053_schema().iter_errors(boom)]


def camt053_valideren(inhoud: bytes) -> None:
    """Raise xmlschema's validation error when the document is not valid camt.053.001.02."""
    from xml.etree import ElementTree

    _camt053_schema().validate(ElementTree.fromstring(inhoud))


# --- MT940 ------------------------------------------------------------------------------------


def _mt_bedrag(waarde: Decimal) -> str:
    return _bedrag(waarde).replace(".", ",")


def _mt_saldo(tag: str, bedrag: Decimal, datum: date) -> str:
    teken = "C" if bedrag >= 0 else "D"
    return f":{tag}:{teken}{datum:%y%m%d}EUR{_mt_bedrag(bedrag)}"


def _mt_tekst(waarde: str) -> str:
    """MT940 allows the SWIFT character set only: no slashes inside a value, no colons at
    the start of a line."""
    return "".join(c if c.isalnum() or c in " .,-+()?'" else " " for c in waarde).strip()


def _mt_86(regel: Regel) -> str:
    delen = ["", "TRTP", "SEPA OVERBOEKING" if not regel.retourcode else "SEPA RETOUR"]
    if regel.retourcode:
        delen += ["RTRN", _mt_tekst(regel.retourcode)]
    if regel.tegenrekening_iban:
        delen += ["IBAN", _mt_tekst(regel.tegenrekening_iban)]
    if regel.tegenrekening_naam:
        delen += ["NAME", _mt_tekst(regel.tegenrekening_naam)[:70]]
    if regel.omschrijving:
        delen += ["REMI", _mt_tekst(regel.omschrijving)[:140]]
    if regel.end_to_end_id:
        delen += ["EREF", _mt_tekst(regel.end_to_end_id)[:35]]
    tekst = "/".join(delen) + "/"
    # :86: is at most 6 lines of 65 characters.
    lijnen = [tekst[i : i + 65] for i in range(0, min(len(tekst), 390), 65)]
    return ":86:" + "\n".join(lijnen)


def _mt_referentie(afschrift_id: str, index: int) -> str:
    """MT940 bank references are at most 16 characters: a hash keeps them unique."""
    digest = hashlib.sha1(f"{afschrift_id}:{index}".encode(), usedforsecurity=False)
    return digest.hexdigest()[:16].upper()


def mt940_maken(
    *,
    iban: str,
    regels: Iterable[Regel],
    datum: date,
    afschriftnummer: int = 1,
    beginsaldo: Decimal = Decimal("0"),
    referentie: str = "",
) -> bytes:
    """An MT940 statement of `iban` on `datum` with `regels`, as bytes (ASCII)."""
    regels = list(regels)
    eindsaldo = Decimal(beginsaldo) + sum((Decimal(r.bedrag) for r in regels), Decimal("0"))
    afschrift_id = f"{iban[-10:]}-{datum:%Y%m%d}-{afschriftnummer}"
    lijnen = [
        f":20:{referentie or f'{datum:%y%m%d}{afschriftnummer:05d}'}"[:20],
        f":25:{iban} EUR",
        f":28C:{afschriftnummer:05d}/001",
        _mt_saldo("60F", Decimal(beginsaldo), datum),
    ]
    for i, regel in enumerate(regels, start=1):
        boekdatum = regel.boekdatum or datum
        teken = "C" if regel.bedrag >= 0 else "D"
        if regel.retourcode:
            # A reversal: RC reverses a credit (money goes out), RD reverses a debit.
            teken = "RD" if regel.bedrag >= 0 else "RC"
        klant = _mt_tekst(regel.end_to_end_id)[:16] or "NONREF"
        bank = regel.referentie[:16] or _mt_referentie(afschrift_id, i)
        lijnen.append(
            f":61:{boekdatum:%y%m%d}{boekdatum:%m%d}{teken}{_mt_bedrag(regel.bedrag)}"
            f"NTRF{klant}//{bank}"
        )
        lijnen.append(_mt_86(regel))
    lijnen.append(_mt_saldo("62F", eindsaldo, datum))
    return ("\r\n".join(lijnen) + "\r\n").encode("ascii", "replace")


# --- demo -------------------------------------------------------------------------------------


def demo_afschrift_maken(beheerrekening, datum: date) -> bytes:  # noqa: ANN001 - a Beheerrekening
    """A camt.053 statement for the demo: every active client's expected monthly income (payer
    IBAN + amount, so it matches), a gift quoting the first client's kenmerk, and one unknown
    payment for the queue."""
    from raadhuis.modules.budget.models import Inkomstenpost, RekeningStatus

    posten = (
        Inkomstenpost.objects.filter(
            budgetrekening__beheerrekening=beheerrekening,
            budgetrekening__status=RekeningStatus.ACTIEF,
        )
        .select_related("budgetrekening")
        .order_by("budgetrekening__kenmerk", "pk")
    )
    regels = [
        Regel(
            post.bedrag,
            post.iban_betaler,
            post.bron,
            f"{post.get_soort_display()} {datum:%m-%Y} {post.kenmerk}".strip(),
        )
        for post in posten
    ]
    if regels:
        eerste = posten[0].budgetrekening
        regels.append(
            Regel(Decimal("50.00"), "NL69INGB0123456789", "J. de Vries", f"Gift {eerste.kenmerk}")
        )
    regels.append(
        Regel(Decimal("17.50"), "NL02ABNA0123456789", "Onbekende betaler", "Terugbetaling")
    )
    return camt053_maken(
        iban=beheerrekening.iban, regels=regels, datum=datum, naam=beheerrekening.naam
    )


def demo_load(organisatie, datum: date | None = None) -> dict[str, int]:  # noqa: ANN001
    """Import the demo statement on every beheerrekening of `organisatie` (idempotent: a
    second run skips what is there). Returns the summed report counts."""
    from raadhuis.kernel.access.actor import Actor
    from raadhuis.kernel.workflow.calendar import vandaag
    from raadhuis.modules.budget.bankimport.importeren import afschrift_importeren
    from raadhuis.modules.budget.models import Beheerrekening

    datum = datum or vandaag(organisatie.tijdzone)
    actor = Actor.system(organisatie, weergave="Budgetbeheer (demo)")
    totaal: dict[str, int] = {}
    for beheerrekening in Beheerrekening.objects.filter(organisatie=organisatie, actief=True):
        rapport = afschrift_importeren(
            actor=actor,
            organisatie=organisatie,
            inhoud=demo_afschrift_maken(beheerrekening, datum),
            bestandsnaam=f"demo-{datum:%Y%m%d}.xml",
        )
        if rapport.fouten:
            raise RuntimeError("; ".join(rapport.fouten))
        for sleutel, waarde in rapport.as_json().items():
            totaal[sleutel] = totaal.get(sleutel, 0) + waarde
    return totaal
