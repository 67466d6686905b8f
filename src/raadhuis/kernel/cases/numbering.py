"""Identifications per organisation and year: ZAAK-2026-0000042, DOC-2026-0000007."""

from __future__ import annotations

from raadhuis.kernel.cases.models import ZaakNummerTeller
from raadhuis.kernel.organisations.models import Organisatie


def identificatie_next(*, organisatie: Organisatie, soort: str, prefix: str, jaar: int) -> str:
    """Issue the next number; call inside a transaction (the counter row is locked)."""
    ZaakNummerTeller.objects.get_or_create(organisatie=organisatie, soort=soort, jaar=jaar)
    teller = ZaakNummerTeller.objects.select_for_update().get(
        organisatie=organisatie, soort=soort, jaar=jaar
    )
    teller.laatste += 1
    teller.save(update_fields=["laatste"])
    return f"{prefix}-{jaar}-{teller.laatste:07d}"
