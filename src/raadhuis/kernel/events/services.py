"""Queue a domain event in the outbox, in the caller's transaction (nothing is lost)."""

from __future__ import annotations

import uuid
from typing import Any

from raadhuis.kernel.events.models import OutboxEvent
from raadhuis.kernel.organisations.models import Organisatie


def event_queue(
    *,
    organisatie: Organisatie,
    kanaal: str,
    resource: str,
    actie: str,
    resource_uuid: uuid.UUID,
    hoofd_object_uuid: uuid.UUID,
    kenmerken: dict[str, Any] | None = None,
) -> OutboxEvent:
    return OutboxEvent.objects.create(
        organisatie=organisatie,
        kanaal=kanaal,
        resource=resource,
        actie=actie,
        resource_uuid=resource_uuid,
        hoofd_object_uuid=hoofd_object_uuid,
        kenmerken=kenmerken or {},
    )
