"""The block 'Leads' on the 360° relation page (registered in LeadsConfig.ready())."""

from __future__ import annotations

from typing import Any

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import Partij
from raadhuis.modules.crm.leads.models import Lead
from raadhuis.modules.crm.leads.selectors import leads_van_partij
from raadhuis.modules.crm.relatiepagina import Blokfunctie


def _leads_blok(actor: Actor, partij: Partij) -> dict[str, Any] | None:
    """The relation's leads the actor may see, with stage and value."""
    if not actor.heeft_rol(Rol.MEDEWERKER):
        return None
    leads = leads_van_partij(actor=actor, partij_id=partij.pk)
    return {"leads": leads, "leads_totaal": len(leads)}


def _geen_leads(actor: Actor, partij: Partij) -> dict[str, Any] | None:
    """The block when the party has no leads at all (no query)."""
    if not actor.heeft_rol(Rol.MEDEWERKER):
        return None
    return {"leads": [], "leads_totaal": 0}


leads_relatieblok = Blokfunctie(
    fn=_leads_blok, bronnen=lambda: [(Lead.objects.all(), "partij_id")], leeg=_geen_leads
)
