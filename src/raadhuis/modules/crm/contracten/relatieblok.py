"""The block 'Contracten' on the 360° relation page (registered in ContractenConfig.ready())."""

from __future__ import annotations

from typing import Any

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.contracten.models import Contract
from raadhuis.modules.crm.contracten.selectors import MAY_READ_CONTRACTEN, contracten_van_partij
from raadhuis.modules.crm.relatiepagina import Blokfunctie


def _contracten_blok(actor: Actor, partij: Partij) -> dict[str, Any] | None:
    """The relation's contracts the actor may see, with status, end and Social Return."""
    regels = contracten_van_partij(
        actor=actor, partij=partij, op=vandaag(actor.organisatie.tijdzone)
    )
    return {"contractregels": regels, "contracten_totaal": len(regels)}


def _geen_contracten(actor: Actor, partij: Partij) -> dict[str, Any] | None:
    """The block when the party has no contracts at all (no query); the same role check."""
    require_role(actor, *MAY_READ_CONTRACTEN)
    return {"contractregels": [], "contracten_totaal": 0}


contracten_relatieblok = Blokfunctie(
    fn=_contracten_blok,
    bronnen=lambda: [(Contract.objects.all(), "partij_id")],
    leeg=_geen_contracten,
)
