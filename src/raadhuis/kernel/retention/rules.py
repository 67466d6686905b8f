"""Archive rules: the archive action date of a closed case (Archiefwet; ZGW brondatum rules).

The archiefactiedatum is the brondatum plus the result type's archiefactietermijn. How the
brondatum is derived is set per result type (afleidingswijze), as in the Catalogi API.
"""

from __future__ import annotations

from datetime import date

from raadhuis.kernel.catalog.durations import add_duration
from raadhuis.kernel.catalog.models import Afleidingswijze, ResultaatType


def brondatum_bepalen(
    *,
    resultaattype: ResultaatType,
    einddatum: date,
    eigenschappen: dict[str, str] | None = None,
    besluit_ingangsdata: list[date] | None = None,
    besluit_vervaldata: list[date] | None = None,
    hoofdzaak_einddatum: date | None = None,
    gerelateerde_einddata: list[date] | None = None,
) -> date | None:
    """The start date of the archive term, or None when it must be set by hand."""
    wijze = resultaattype.afleidingswijze
    if wijze == Afleidingswijze.AFGEHANDELD:
        return einddatum
    if wijze == Afleidingswijze.TERMIJN:
        if not resultaattype.procestermijn:
            return None
        return add_duration(einddatum, resultaattype.procestermijn)
    if wijze == Afleidingswijze.EIGENSCHAP:
        waarde = (eigenschappen or {}).get(resultaattype.datumkenmerk)
        try:
            return date.fromisoformat(waarde[:10]) if waarde else None
        except ValueError:
            return None  # not a date: the caller reports that the date cannot be derived
    if wijze == Afleidingswijze.INGANGSDATUM_BESLUIT:
        return max(besluit_ingangsdata) if besluit_ingangsdata else None
    if wijze == Afleidingswijze.VERVALDATUM_BESLUIT:
        return max(besluit_vervaldata) if besluit_vervaldata else None
    if wijze == Afleidingswijze.HOOFDZAAK:
        return hoofdzaak_einddatum
    if wijze == Afleidingswijze.GERELATEERDE_ZAAK:
        return max(gerelateerde_einddata) if gerelateerde_einddata else None
    # ander_datumkenmerk and zaakobject need a date from outside the case: set by hand.
    return None


def archiefactiedatum_bepalen(
    *, resultaattype: ResultaatType, brondatum: date | None
) -> date | None:
    if brondatum is None or not resultaattype.archiefactietermijn:
        return None
    return add_duration(brondatum, resultaattype.archiefactietermijn)
