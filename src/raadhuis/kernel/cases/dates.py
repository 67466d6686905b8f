"""Deadlines of a case from its case type: planned end (servicenorm) and latest end
(doorlooptijd, the legal term). Counted in working days when the case type says so."""

from __future__ import annotations

from datetime import date

from raadhuis.kernel.catalog.durations import add_duration, werkdagen_in_duur
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.workflow.calendar import werkdagen_optellen


def termijn_einde(*, start: date, duur: str, in_werkdagen: bool, land: str) -> date:
    dagen = werkdagen_in_duur(duur) if in_werkdagen else None
    if dagen is not None:
        return werkdagen_optellen(start, dagen, land)
    return add_duration(start, duur)


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
