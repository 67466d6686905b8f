"""Every write on leads and pipelines: pipelines and their stages (functional administrator),
register and change a lead, move it through the stages (history + audit), win or lose it, and
make a quotation from a quotation template (preview first, then the PDF).

Each write checks the role and whether the actor may see the lead, validates with Dutch errors
per field, writes in one transaction and records an audit entry.

A package of one module per subject; import from `raadhuis.modules.crm.leads.services`.
"""

from __future__ import annotations

from raadhuis.modules.crm.leads.services.leads import (
    LEAD_VELDEN,
    MAX_BEDRAG,
    lead_create,
    lead_fase_set,
    lead_update,
    lead_verplaatsen,
)
from raadhuis.modules.crm.leads.services.offertes import (
    OFFERTE_GELDIG_DAGEN,
    OfferteOntwerp,
    offerte_create,
    offerte_sjablonen_voor,
    offerte_voorbeeld,
)
from raadhuis.modules.crm.leads.services.pipelines import (
    MAY_WRITE_LEADS,
    STANDAARD_PIPELINES,
    FaseSpec,
    fasen_check,
    leads_pipelines_ensure,
    pipeline_create,
    pipeline_update,
)

__all__ = [
    "FaseSpec",
    "LEAD_VELDEN",
    "MAX_BEDRAG",
    "MAY_WRITE_LEADS",
    "OFFERTE_GELDIG_DAGEN",
    "OfferteOntwerp",
    "STANDAARD_PIPELINES",
    "fasen_check",
    "lead_create",
    "lead_fase_set",
    "lead_update",
    "lead_verplaatsen",
    "leads_pipelines_ensure",
    "offerte_create",
    "offerte_sjablonen_voor",
    "offerte_voorbeeld",
    "pipeline_create",
    "pipeline_update",
]
