"""Archive rules: the archive action date of a closed case (Archiefwet; ZGW brondatum rules).

The archiefactiedatum is the brondatum plus the result type's archiefactietermijn. How the
brondatum is derived is set per result type (afleidingswijze), as in the Catalogi API.

The term and nomination that count are the catalogue's, unless the organisation set its own for
the result type of a published case type (`Bewaartermijn`, docs/decisions/retention-terms.md):
`bewaartermijn_geldend`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from raadhuis.kernel.catalog.durations import add_duration
from raadhuis.kernel.catalog.models import Afleidingswijze, ResultaatType
from raadhuis.kernel.common import Archiefnominatie
from raadhuis.kernel.retention.models import Bewaartermijn

if TYPE_CHECKING:
    from raadhuis.kernel.cases.models import Zaak


@dataclass(frozen=True)
class GeldendeBewaartermijn:
    """The nomination and term that apply to a result type, and where they come from."""

    archiefnominatie: str
    archiefactietermijn: str
    # The organisation's own decision, or None when the catalogue's values apply.
    afwijking: Bewaartermijn | None = None

    @property
    def archiefnominatie_weergave(self) -> str:
        if not self.archiefnominatie:
            return ""
        return str(Archiefnominatie(self.archiefnominatie).label)

    def bron(self) -> str:
        """Where the rule comes from, in words, for the destruction record."""
        if self.afwijking is None:
            return _("Catalogus")
        a = self.afwijking
        tekst = _("Vastgesteld door %(wie)s op %(wanneer)s") % {
            "wie": a.vastgesteld_door_weergave,
            "wanneer": a.vastgesteld_op.date().isoformat() if a.vastgesteld_op else "",
        }
        if a.bron:
            tekst += f" ({a.bron})"
        return f"{tekst}: {a.reden}"


def bewaartermijn_geldend(resultaattype: ResultaatType) -> GeldendeBewaartermijn:
    """The organisation's newest Bewaartermijn for this result type, else the catalogue's."""
    afwijking = None
    if resultaattype.pk is not None:  # an unsaved type (a calculation) has no decisions
        prefetched = getattr(resultaattype, "_prefetched_objects_cache", {})
        if "bewaartermijnen" in prefetched:
            rijen = list(prefetched["bewaartermijnen"])
            afwijking = max(rijen, key=lambda b: (b.vastgesteld_op, b.pk)) if rijen else None
        else:
            afwijking = (
                Bewaartermijn.objects.filter(resultaattype_id=resultaattype.pk)
                .order_by("-vastgesteld_op", "-id")
                .first()
            )
    if afwijking is not None:
        return GeldendeBewaartermijn(
            archiefnominatie=afwijking.archiefnominatie,
            archiefactietermijn=afwijking.archiefactietermijn,
            afwijking=afwijking,
        )
    return GeldendeBewaartermijn(
        archiefnominatie=resultaattype.archiefnominatie,
        archiefactietermijn=resultaattype.archiefactietermijn,
    )


def archiefnominatie_bepalen(*, resultaattype: ResultaatType) -> str:
    """The archive nomination a case with this result gets when it is closed."""
    return bewaartermijn_geldend(resultaattype).archiefnominatie


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
    """The brondatum plus the term that applies (the organisation's, else the catalogue's)."""
    termijn = bewaartermijn_geldend(resultaattype).archiefactietermijn
    if brondatum is None or not termijn:
        return None
    return add_duration(brondatum, termijn)


def brondatum_van_zaak(zaak: Zaak) -> date | None:
    """The brondatum of a closed case, from the data the case holds now (as closing it does)."""
    if zaak.einddatum is None or not hasattr(zaak, "resultaat"):
        return None
    besluiten = list(zaak.besluiten.values_list("ingangsdatum", "vervaldatum"))
    return brondatum_bepalen(
        resultaattype=zaak.resultaat.resultaattype,
        einddatum=zaak.einddatum,
        eigenschappen=dict(zaak.eigenschappen.values_list("eigenschap__naam", "waarde")),
        besluit_ingangsdata=[b[0] for b in besluiten],
        besluit_vervaldata=[b[1] for b in besluiten if b[1]],
        hoofdzaak_einddatum=zaak.hoofdzaak.einddatum if zaak.hoofdzaak is not None else None,
        gerelateerde_einddata=[
            r.andere_zaak.einddatum
            for r in zaak.relevante_andere_zaken.select_related("andere_zaak")
            if r.andere_zaak.einddatum
        ],
    )
