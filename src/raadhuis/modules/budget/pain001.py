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
