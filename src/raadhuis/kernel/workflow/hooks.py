"""What kernel/cases/services.py calls when a case is created or its status changes, so every
case type with a published process follows it. Imported there at module level: the engine
(which imports the cases services) is imported here only when called."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from raadhuis.kernel.access.actor import Actor
    from raadhuis.kernel.cases.models import Zaak


def zaak_aangemaakt(*, actor: Actor, zaak: Zaak) -> None:
    """Inside zaak_create's transaction, after the first status and the roles are set, with
    zaak_create's own (current, row-locked) case object."""
    from raadhuis.kernel.workflow.engine import zaak_proces_starten

    zaak_proces_starten(actor=actor, zaak=zaak, nieuwe_zaak=True)


def zaak_status_gewijzigd(*, actor: Actor, zaak: Zaak) -> None:
    """Inside zaak_status_set's transaction, after the status (and any close or reopen)."""
    from raadhuis.kernel.workflow.engine import zaak_status_gewijzigd as volgen

    volgen(actor=actor, zaak=zaak)
