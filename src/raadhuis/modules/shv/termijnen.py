"""The legal terms of the Wet gemeentelijke schuldhulpverlening (Wgs), counted as the Algemene
termijnenwet (Atw) says.

- Wgs art. 4 lid 1: the first conversation within four weeks of the request for help.
- Wgs art. 4 lid 2: within three working days when there is a threat of eviction, of the
  cut-off of energy or water, or of the cancellation of the health insurance.
- Wgs art. 4 and 4a: the decision on admission (a beschikking with a plan van aanpak, or a
  refusal) within eight weeks after the first conversation.
- Atw art. 1: a term in calendar time that ends on a Saturday, Sunday or public holiday runs on
  to the next working day. Working days and holidays: raadhuis.kernel.workflow.calendar.
"""

from __future__ import annotations

from datetime import date

from raadhuis.kernel.catalog.durations import add_duration
from raadhuis.kernel.workflow.calendar import termijn_verlengen, werkdagen_optellen

EERSTE_GESPREK_TERMIJN = "P4W"
EERSTE_GESPREK_BIJ_DREIGING_WERKDAGEN = 3
BESCHIKKING_TERMIJN = "P8W"


def eerste_gesprek_uiterlijk(aanmeldingsdatum: date, *, dreiging: str, land: str = "NL") -> date:
    """The last day for the first conversation (Wgs art. 4 lid 1 and 2)."""
    if dreiging:
        return werkdagen_optellen(aanmeldingsdatum, EERSTE_GESPREK_BIJ_DREIGING_WERKDAGEN, land)
    return termijn_verlengen(add_duration(aanmeldingsdatum, EERSTE_GESPREK_TERMIJN), land)


def beschikking_uiterlijk(eerste_gesprek_op: date, *, land: str = "NL") -> date:
    """The last day for the decision on admission (Wgs art. 4 and 4a: eight weeks)."""
    return termijn_verlengen(add_duration(eerste_gesprek_op, BESCHIKKING_TERMIJN), land)


def termijn_toestand(uiterlijk: date | None, gedaan_op: date | None, vandaag: date) -> str:
    """'gehaald', 'te_laat_gehaald', 'te_laat' (still open, past the date), 'open' or ''
    (no term)."""
    if uiterlijk is None:
        return ""
    if gedaan_op is not None:
        return "gehaald" if gedaan_op <= uiterlijk else "te_laat_gehaald"
    return "te_laat" if vandaag > uiterlijk else "open"
