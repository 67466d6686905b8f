"""The standard's channels always exist.

A data migration creates them; this puts back any that are missing (removed by hand, or by a
database flush in tests), at the moments a channel is looked up by name."""

from __future__ import annotations

from raadhuis.kernel.events.models import Kanaal
from raadhuis.kernel.events.resources import KANALEN

DOCUMENTATIE = "https://vng-realisatie.github.io/gemma-zaken/standaard"


def kanalen_standaard_ensure() -> None:
    bestaand = set(Kanaal.objects.filter(naam__in=KANALEN).values_list("naam", flat=True))
    for naam, spec in KANALEN.items():
        if naam not in bestaand:
            Kanaal.objects.get_or_create(
                naam=naam,
                defaults={
                    "documentatie_link": DOCUMENTATIE,
                    "filters": list(spec.get("kenmerken", [])),  # type: ignore[call-overload]
                },
            )
