"""Identifications per organisation and year: ZAAK-2026-0000042, DOC-2026-0000007."""

from __future__ import annotations

from collections.abc import Callable

from raadhuis.kernel.cases.models import ZaakNummerTeller
from raadhuis.kernel.organisations.models import Organisatie


def identificatie_format(*, prefix: str, jaar: int, nummer: int) -> str:
    """The one format of generated numbers: ZAAK-2026-0000042."""
    return f"{prefix}-{jaar}-{nummer:07d}"


def identificatie_next(
    *,
    organisatie: Organisatie,
    soort: str,
    prefix: str,
    jaar: int,
    bezet: Callable[[str], bool] = lambda kandidaat: False,
) -> str:
    """Issue the next number; call inside a transaction (the counter row is locked).
    `bezet` tells whether a candidate number is already in use."""
    ZaakNummerTeller.objects.get_or_create(organisatie=organisatie, soort=soort, jaar=jaar)
    teller = ZaakNummerTeller.objects.select_for_update().get(
        organisatie=organisatie, soort=soort, jaar=jaar
    )
    while True:
        # Skip numbers already taken by hand (a migrated case keeps its old number).
        teller.laatste += 1
        kandidaat = identificatie_format(prefix=prefix, jaar=jaar, nummer=teller.laatste)
        if not bezet(kandidaat):
            break
    teller.save(update_fields=["laatste"])
    return kandidaat
