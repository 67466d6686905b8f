"""Deadlines of a case from its case type: planned end (servicenorm) and latest end
(doorlooptijd, the legal term).

A term in calendar time ("P8W", "P3M") that ends on a weekend day or public holiday runs on to
the next working day (Algemene termijnenwet art. 1). When the case type counts in working days,
a day/week term counts working days, a week being five of them ("P8W" = 40 working days); a
term in months or years always counts calendar time. That is a product choice for service
norms, not a rule of the Atw: use days or months for legal terms.
"""

from __future__ import annotations

from datetime import date

from raadhuis.kernel.catalog.durations import add_duration, werkdagen_in_duur
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.workflow.calendar import termijn_verlengen, werkdagen_optellen


def termijn_einde(*, start: date, duur: str, in_werkdagen: bool, land: str) -> date:
    dagen = werkdagen_in_duur(duur) if in_werkdagen else None
    if dagen is not None:
        return werkdagen_optellen(start, dagen, land)
    return termijn_verlengen(add_duration(start, duur), land)


def zaak_termijnen_bepalen(
    *, zaaktype: ZaakType, startdatum: date, land: str
) -> tuple[date | None, date | None]:
    """(einddatum_gepland, uiterlijke_einddatum_afdoening) for a case starting on startdatum."""
    werkdagen = zaaktype.doorlooptijd_in_werkdagen
    uiterlijk = (
        termijn_einde(
            start=startdatum, duur=zaaktype.doorlooptijd, in_werkdagen=werkdagen, land=land
        )
        if zaaktype.doorlooptijd
        else None
    )
    gepland = (
        termijn_einde(
            start=startdatum, duur=zaaktype.servicenorm, in_werkdagen=werkdagen, land=land
        )
        if zaaktype.servicenorm
        else uiterlijk
    )
    return gepland, uiterlijk
