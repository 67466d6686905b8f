"""Who may use the links: the signal queue is for consultants granted the outreach track
(SHV-VROEGSIGNALERING); the migration screen is for the functional administrator."""

from __future__ import annotations

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol

VROEGSIGNALERING = "SHV-VROEGSIGNALERING"
DOEL_SIGNALEN = "Schuldhulpverlening: vroegsignalering (Wgs art. 3)"


def mag_signalen_zien(actor: Actor) -> bool:
    return actor.alle_zaaktypen or (
        actor.heeft_rol(Rol.MEDEWERKER) and VROEGSIGNALERING in actor.zaaktype_grants
    )


def require_signalen_toegang(actor: Actor) -> None:
    """A consultant granted the outreach track; another consultant gets 'not found' (the queue
    exists only for the outreach team), any other role is refused."""
    require_role(actor, Rol.MEDEWERKER)
    if not mag_signalen_zien(actor):
        raise NietGevonden("Vroegsignalering niet gevonden.")


def require_signalen_import(actor: Actor) -> None:
    """Signals may be read in by the outreach team or by the functional administrator."""
    if actor.type == "systeem" or actor.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER):
        return
    require_signalen_toegang(actor)


def require_migratie(actor: Actor) -> None:
    if not (actor.type == "systeem" or actor.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER)):
        raise ToegangGeweigerd("Alleen een functioneel beheerder mag gegevens migreren.")
