"""Writing the audit trail and the processing log. Called by every service, inside its
transaction, so a change and its audit entry are committed together or not at all."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, connections, models, router

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.context import (
    buffer_scope,
    current_request_id,
    verwerkingen_buffer_var,
)
from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.db.bulk import TableWriter


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)  # what a person reads in the history: a name, not a key
    if isinstance(value, datetime.date | datetime.datetime | uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Current values of `fields`, JSON-ready, for a before/after comparison."""
    return {name: _jsonable(getattr(instance, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def _audit_entry(
    actor: Actor,
    actie: str,
    obj: models.Model,
    wijzigingen: dict[str, Any] | None,
    toelichting: str,
    zaak_uuid: uuid.UUID | None,
    request_id: str,
) -> AuditEntry:
    return AuditEntry(
        organisatie=actor.organisatie,
        actor_type=actor.type,
        actor_user_id=actor.user_id,
        actor_weergave=actor.weergave[:200],
        applicatie_uuid=actor.applicatie_uuid,
        applicatie_weergave=actor.applicatie_weergave[:200],
        gebruiker_id=actor.gebruiker_id[:255],
        actie=actie,
        object_type=obj._meta.label_lower,
        object_uuid=getattr(obj, "uuid", None),
        object_weergave=str(obj)[:300],
        zaak_uuid=zaak_uuid,
        toelichting=toelichting,
        wijzigingen=wijzigingen or {},
        request_id=request_id,
    )


def audit_entry_record(
    *,
    actor: Actor,
    actie: str,
    obj: models.Model,
    wijzigingen: dict[str, Any] | None = None,
    toelichting: str = "",
    zaak_uuid: uuid.UUID | None = None,
) -> AuditEntry:
    entry = _audit_entry(
        actor, actie, obj, wijzigingen, toelichting, zaak_uuid, current_request_id()
    )
    entry.save()
    return entry


@dataclass(frozen=True)
class AuditRegel:
    """One entry for `audit_entries_record`: what `audit_entry_record` takes, per object."""

    obj: models.Model
    wijzigingen: dict[str, Any] | None = None
    toelichting: str = ""
    zaak_uuid: uuid.UUID | None = None


def _audit_rows(actor: Actor, actie: str, regels: Iterable[AuditRegel]) -> Iterator[dict]:
    """The columns `_audit_entry` fills, as rows for the bulk writer (no model instances)."""
    vast = {
        "organisatie_id": actor.organisatie.pk,
        "actor_type": actor.type,
        "actor_user_id": actor.user_id,
        "actor_weergave": actor.weergave[:200],
        "applicatie_uuid": actor.applicatie_uuid,
        "applicatie_weergave": actor.applicatie_weergave[:200],
        "gebruiker_id": actor.gebruiker_id[:255],
        "actie": actie,
        "request_id": current_request_id(),
    }
    for r in regels:
        yield {
            **vast,
            "object_type": r.obj._meta.label_lower,
            "object_uuid": getattr(r.obj, "uuid", None),
            "object_weergave": str(r.obj)[:300],
            "zaak_uuid": r.zaak_uuid,
            "toelichting": r.toelichting,
            "wijzigingen": r.wijzigingen or {},
        }


def audit_entries_record(
    *, actor: Actor, actie: str, regels: Iterable[AuditRegel], batch_size: int = 500
) -> None:
    """The same entries as `audit_entry_record`, written in bulk (imports, daily runs).

    On PostgreSQL with COPY through the kernel's bulk writer (an import writes about five
    entries per row; model instances and Django's UNNEST insert were most of its cost); the
    entries of one call share one timestamp. Elsewhere (SQLite) with bulk_create."""
    if connection.vendor == "postgresql":
        TableWriter(AuditEntry).write(_audit_rows(actor, actie, regels))
        return
    request_id = current_request_id()
    AuditEntry.objects.bulk_create(
        (
            _audit_entry(actor, actie, r.obj, r.wijzigingen, r.toelichting, r.zaak_uuid, request_id)
            for r in regels
        ),
        batch_size=batch_size,
    )


def verwerkingen_record(
    *,
    actor: Actor,
    handeling: str,
    doel: str,
    partijen: Iterable[models.Model],
    zaak: models.Model | None = None,
) -> None:
    """Log one read per party shown (a list, a search result, a download), in one insert.
    Without parties, one entry records the read itself.

    Inside a web request (verwerkingen_buffer, opened by the request middleware) the rows
    wait for the end of the request, so all reads of a page cost one INSERT; elsewhere
    (services, commands, jobs, tests calling selectors) they are written at once."""
    rows = [
        VerwerkingsLog(
            organisatie=actor.organisatie,
            actor_type=actor.type,
            actor_user_id=actor.user_id,
            actor_weergave=actor.weergave[:200],
            partij_uuid=getattr(partij, "uuid", None),
            partij_weergave=str(partij)[:400] if partij is not None else "",
            zaak_uuid=getattr(zaak, "uuid", None),
            zaak_identificatie=getattr(zaak, "identificatie", ""),
            doel=doel[:200],
            handeling=handeling[:200],
            request_id=current_request_id(),
        )
        for partij in (list[models.Model | None](partijen) or [None])
    ]
    buffer = verwerkingen_buffer_var.get()
    if buffer is not None:
        buffer.extend(rows)
    else:
        _verwerkingen_write(rows)


def _verwerkingen_write(rows: list[VerwerkingsLog]) -> None:
    """The rows in one INSERT statement. bulk_create wraps even a single statement in
    BEGIN/COMMIT (two more round trips on every page that shows personal data); one INSERT is
    atomic by itself, so the rows go in as Model.save() inserts a row, through the manager's
    _insert. More rows than one statement may hold (SQLite's parameter limit) use bulk_create,
    in one transaction as before."""
    fields = [f for f in VerwerkingsLog._meta.concrete_fields if not f.primary_key]
    db = router.db_for_write(VerwerkingsLog)
    if len(rows) > connections[db].ops.bulk_batch_size(fields, rows):
        VerwerkingsLog.objects.bulk_create(rows)
        return
    for row in rows:
        row._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
    VerwerkingsLog._base_manager._insert(rows, fields=fields, using=db)  # type: ignore[attr-defined]


@contextmanager
def verwerkingen_buffer() -> Iterator[None]:
    """Hold the processing-log rows recorded inside the block and write them in one INSERT
    when it ends, also when it ends with an exception (the reads happened all the same).

    The rows are written outside any transaction of the block, so a read logged inside a
    service call that rolls back is still logged, as a read it was."""
    with buffer_scope() as rows:
        try:
            yield
        finally:
            if rows:
                _verwerkingen_write(rows)


def verwerking_record(
    *,
    actor: Actor,
    handeling: str,
    doel: str,
    partij: models.Model | None = None,
    zaak: models.Model | None = None,
) -> None:
    """Log a read of personal data (AVG art. 30): who saw whose data, for which case, why."""
    verwerkingen_record(
        actor=actor,
        handeling=handeling,
        doel=doel,
        partijen=[partij] if partij is not None else [],
        zaak=zaak,
    )
