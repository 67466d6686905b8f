"""The SEPA credit-transfer file (pain.001.001.03) for an approved payment proposal.

`sepaxml` writes the XML; we validate the result ourselves against the XSD that `sepaxml` ships
(with `xmlschema`), so a file the bank would refuse never leaves the building. `sepaxml` can
validate too, but only when `xmlschema` happens to be importable; doing it here makes the check
unconditional and gives a Dutch message with the schema's own complaint.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SCHEMA = "pain.001.001.03"


@dataclass(frozen=True)
class Overboeking:
    """One transfer in the file."""

    naam: str
    iban: str
    bedrag: Decimal
    omschrijving: str
    end_to_end_id: str
    bic: str = ""


def _sepaxml_schema_path() -> str:
    import sepaxml

    return os.path.join(os.path.dirname(sepaxml.__file__), "schemas", f"{SCHEMA}.xsd")


@lru_cache(maxsize=1)
def _schema() -> Any:  # noqa: ANN401 - xmlschema.XMLSchema, imported lazily
    # Imported here: xmlschema patches ElementTree on import, which sepaxml warns against doing
    # at module level. Parsing the XSD takes a while, hence the cache.
    import xmlschema

    return xmlschema.XMLSchema(_sepaxml_schema_path())


def pain001_valideren(xml: bytes) -> None:
    """Raise a Dutch ValidationError when `xml` is not a valid pain.001.001.03 document."""
    schema = _schema()
    fouten = list(schema.iter_errors(xml.decode("utf-8")))
    if fouten:
        eerste = fouten[0]
        raise ValidationError(
            _("Het betaalbestand voldoet niet aan het SEPA-schema (%(schema)s): %(fout)s")
            % {"schema": SCHEMA, "fout": getattr(eerste, "reason", None) or str(eerste)},
            code="pain001_ongeldig",
        )


def _centen(bedrag: Decimal) -> int:
    centen = bedrag * 100
    if centen != centen.to_integral_value():
        raise ValidationError(
            _("Bedrag %(bedrag)s heeft meer dan twee decimalen.") % {"bedrag": bedrag},
            code="bedrag_ongeldig",
        )
    return int(centen)


def _overschrijving_klasse() -> type:
    from sepaxml import SepaTransfer

    class _Overschrijving(SepaTransfer):
        """SepaTransfer with our own message id (GrpHdr/MsgId), so the file, the proposal and
        the bank's reply can be traced to each other."""

        def __init__(self, config: dict, bericht_id: str) -> None:
            self._bericht_id = bericht_id
            super().__init__(config, schema=SCHEMA, clean=True)

        def _create_header(self) -> None:
            self.msg_id = self._bericht_id
            super()._create_header()

    return _Overschrijving


def pain001_maken(
    *,
    naam: str,
    iban: str,
    bic: str = "",
    bericht_id: str,
    uitvoerdatum: datetime.date,
    overboekingen: Iterable[Overboeking],
) -> bytes:
    """One batch of credit transfers from the debtor account `iban`, validated.

    Names and descriptions are transliterated to the SEPA character set by sepaxml (é -> e)
    and cut to 70/140 characters."""
    config: dict[str, Any] = {
        "name": naam,
        "IBAN": iban.replace(" ", "").upper(),
        "batch": True,
        "currency": "EUR",
    }
    if bic:
        config["BIC"] = bic
    bestand = _overschrijving_klasse()(config, bericht_id)
    aantal = 0
    for o in overboekingen:
        betaling: dict[str, Any] = {
            "name": o.naam,
            "IBAN": o.iban.replace(" ", "").upper(),
            "amount": _centen(o.bedrag),
            "execution_date": uitvoerdatum,
            "description": o.omschrijving or "-",
            "endtoend_id": o.end_to_end_id,
        }
        if o.bic:
            betaling["BIC"] = o.bic
        bestand.add_payment(betaling)
        aantal += 1
    if not aantal:
        raise ValidationError(_("Er staan geen betalingen in dit bestand."), code="pain001_leeg")
    xml = bestand.export(validate=False, pretty_print=True)
    pain001_valideren(xml)
    return xml


# --- destruction: blanking one client's transfers in a stored file --------------------------------
NAMESPACE = f"urn:iso:std:iso:20022:tech:xsd:{SCHEMA}"
# Placeholders that keep the file schema-valid: an IBAN with check digits 00 (never valid,
# ISO 13616) in a non-existent country, and plain SEPA characters for the texts.
GEWIST_TEKST = "VERNIETIGD"
GEWIST_IBAN = "XX00VERNIETIGD"


def pain001_schonen(xml: bytes, end_to_end_ids: Iterable[str]) -> tuple[bytes, int]:
    """The stored file with the transfers of `end_to_end_ids` stripped of whom they were for:
    the creditor's name, account (IBAN, BIC) and the remittance text and the end-to-end id become
    placeholders; the amounts stay, so the file's totals (NbOfTxs, CtrlSum) and what the bank
    debited still add up. Returns the new file and how many transfers were blanked.

    The file is ours (written by pain001_maken), so the standard library parser is enough."""
    import xml.etree.ElementTree as ET  # noqa: N817, S405 - our own file, not outside input

    ids = set(end_to_end_ids)
    if not ids:
        return xml, 0
    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root = ET.fromstring(xml)  # noqa: S314 - see above
    ns = {"p": NAMESPACE}
    geschoond = 0
    for tx in root.iterfind(".//p:CdtTrfTxInf", ns):
        e2e = tx.find("p:PmtId/p:EndToEndId", ns)
        if e2e is None or e2e.text not in ids:
            continue
        e2e.text = GEWIST_TEKST
        for pad, waarde in (
            ("p:Cdtr/p:Nm", GEWIST_TEKST),
            ("p:CdtrAcct/p:Id/p:IBAN", GEWIST_IBAN),
            ("p:RmtInf/p:Ustrd", GEWIST_TEKST),
        ):
            for element in tx.iterfind(pad, ns):
                element.text = waarde
        # The creditor's bank and any address or ultimate creditor identify them too.
        for pad in ("p:CdtrAgt", "p:UltmtCdtr", "p:Cdtr/p:PstlAdr", "p:RmtInf/p:Strd"):
            for element in tx.findall(pad, ns):
                ouder = tx if "/" not in pad else tx.find(pad.rsplit("/", 1)[0], ns)
                if ouder is not None:
                    ouder.remove(element)
        geschoond += 1
    if not geschoond:
        return xml, 0
    nieuw = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    pain001_valideren(nieuw)
    return nieuw, geschoond
