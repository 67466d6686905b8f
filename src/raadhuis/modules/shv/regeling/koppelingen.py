"""The seams to the other debt apps this one builds on: the VTLB calculation (shv.vtlb), and
the dossier's phase and the debts' status (shv). Each is one small function, so the settlement
code reads the same whichever way those apps name things.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from raadhuis.kernel.access.actor import Actor
from raadhuis.modules.shv.models import Schuld, ShvDossier


@dataclass(frozen=True)
class VtlbStand:
    """What an offer needs from the latest VTLB calculation."""

    uuid: UUID | None
    afloscapaciteit: Decimal
    peildatum: date | None = None


def vtlb_laatste(dossier: ShvDossier) -> VtlbStand | None:
    """The afloscapaciteit of the dossier's most recent VTLB snapshot, or None. The caller has
    checked access to the dossier (its case)."""
    from raadhuis.modules.shv.vtlb.models import VtlbBerekening

    berekening = (
        VtlbBerekening.objects.filter(zaak_id=dossier.zaak_id)
        .order_by("-aangemaakt_op", "-id")
        .only("uuid", "afloscapaciteit", "peildatum")
        .first()
    )
    if berekening is None:
        return None
    return VtlbStand(
        uuid=berekening.uuid,
        afloscapaciteit=berekening.afloscapaciteit,
        peildatum=berekening.peildatum,
    )


def dossier_fase_naar(actor: Actor, dossier: ShvDossier, fase: str) -> None:
    """Move the dossier forward to `fase` when its track has that phase and it is not past it
    (a settlement on a track without the phase leaves the phase alone)."""
    from raadhuis.modules.shv.catalogus import traject_van
    from raadhuis.modules.shv.services import dossier_fase_set
    from raadhuis.modules.shv.workflow import FASE_VOLGORDE

    dossier.refresh_from_db(fields=["fase"])
    traject = traject_van(dossier.zaak.zaaktype)
    if traject is None or fase not in traject.fase_codes:
        return
    if FASE_VOLGORDE.index(dossier.fase) >= FASE_VOLGORDE.index(fase):
        return
    dossier_fase_set(actor=actor, dossier=dossier, fase=fase)


def schulden_status_naar(actor: Actor, schulden: list[Schuld], status: str) -> None:
    from raadhuis.modules.shv.services import schuld_status_set

    for schuld in schulden:
        if schuld.status != status:
            schuld_status_set(actor=actor, schuld=schuld, status=status)
