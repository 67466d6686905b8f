"""The block 'Contracten' on the 360° relation page (registered in ContractenConfig.ready())."""

from __future__ import annotations

from typing import Any

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.contracten.selectors import contracten_van_partij


def contracten_relatieblok(actor: Actor, partij: Partij) -> dict[str, Any] | None:
    """The relation's contracts the actor may see, with status, end and Social Return."""
    regels = contracten_van_partij(
        actor=actor, partij=partij, op=vandaag(actor.organisatie.tijdzone)
    )
    return {"contractregels": regels, "contracten_totaal": len(regels)}
