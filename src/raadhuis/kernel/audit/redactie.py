"""Blanking personal data in the audit trail when the data itself is destroyed.

The audit trail is append-only: the ORM refuses changes and, on PostgreSQL, so does a trigger.
One procedure may change it: when a case is destroyed under the Archiefwet, or a person erased
with it, what the trail *says* about them (names, descriptions, document titles, changed
values) must go too, or the destruction would be undone by its own history (AVG art. 5 and
17). What happened, when and by which member of staff stays; the text becomes "[vernietigd]".

The trigger lets an UPDATE through only inside a transaction that set
`raadhuis.audit_redactie = 'on'` (SET LOCAL, gone at commit); a DELETE never.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import connection, models, transaction

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog

VERNIETIGD = "[vernietigd]"


def _writable(model: type[models.Model]) -> models.QuerySet:
    # A plain queryset: AppendOnlyQuerySet refuses update() on purpose.
    return models.QuerySet(model=model)


def _redactie_toestaan() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL raadhuis.audit_redactie = 'on'")


def audit_anonimiseren(
    *,
    zaak_uuid: uuid.UUID | None = None,
    partij_uuids: Iterable[uuid.UUID] = (),
    behalve_acties: Iterable[str] = (),
) -> int:
    """Blank the audit entries and processing-log rows of a destroyed case and of erased
    persons; returns how many rows were blanked. Call it in the transaction that destroys.
    `behalve_acties`: entries the destruction itself wrote, which hold no personal data."""
    partijen = list(partij_uuids)
    entries = models.Q(pk__in=[])
    gelezen = models.Q(pk__in=[])
    if zaak_uuid is not None:
        entries |= models.Q(zaak_uuid=zaak_uuid) | models.Q(object_uuid=zaak_uuid)
        gelezen |= models.Q(zaak_uuid=zaak_uuid)
    if partijen:
        entries |= models.Q(object_uuid__in=partijen)
        gelezen |= models.Q(partij_uuid__in=partijen)
    with transaction.atomic():
        _redactie_toestaan()
        aantal = (
            _writable(AuditEntry)
            .filter(entries)
            .exclude(actie__in=list(behalve_acties))
            .update(object_weergave=VERNIETIGD, toelichting="", wijzigingen={})
        )
        aantal += _writable(VerwerkingsLog).filter(gelezen).update(partij_weergave=VERNIETIGD)
    return aantal
