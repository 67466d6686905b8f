"""What every write of the module shares: who may work on dossiers, the lock that checks case
access, and the audit entry linked to the case."""

from __future__ import annotations

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.cases.services import zaak_lock_for_change
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.shv.catalogus import SHV_ZAAKTYPEN
from raadhuis.modules.shv.models import ShvDossier

# Consultants work on dossiers; team leaders see aggregates only (issue 4, user story 3).
MAY_WORK = (Rol.MEDEWERKER,)


def dossier_lock_for_change(actor: Actor, dossier: ShvDossier) -> ShvDossier:
    """Re-read the dossier under a lock, after the kernel checked the actor may change its
    case (access, and the case is not closed). Call inside a transaction."""
    require_role(actor, *MAY_WORK)
    zaak = zaak_lock_for_change(actor, dossier.zaak)
    locked = (
        ShvDossier.objects.select_for_update(of=("self",))
        .select_related("client")
        .get(pk=dossier.pk)
    )
    locked.zaak = zaak
    return locked


def heeft_shv_toegang(actor: Actor | None) -> bool:
    """A consultant granted at least one debt track (for the main menu)."""
    if actor is None or not actor.heeft_rol(*MAY_WORK):
        return False
    return actor.alle_zaaktypen or any(i in actor.zaaktype_grants for i in SHV_ZAAKTYPEN)


def require_shv_toegang(actor: Actor) -> None:
    """A consultant granted at least one debt track. Anyone else with the medewerker role gets
    'not found' (the pages exist only for the debt team; issue 4: 404 without the grant)."""
    require_role(actor, *MAY_WORK)
    if not heeft_shv_toegang(actor):
        raise NietGevonden("Schuldhulpverlening niet gevonden.")
