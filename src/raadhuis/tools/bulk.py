"""Fast row inserts for benchmark data: COPY on PostgreSQL, executemany elsewhere.

Rows are dicts keyed by the model's field attnames; fields left out get what Django would
give them (the field default, now() for auto_now(_add), NULL or an empty string). Inserts
write the model's *own* table only, so multi-table inheritance is handled by inserting the
parent rows (Partij) and then the child rows (NatuurlijkPersoon with partij_ptr_id) explicitly.

This bypasses save(), the services, the audit trail and the outbox: only for generated
benchmark data, never for real data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, models
from django.utils import timezone


def _filler(field: models.Field) -> Callable[[], Any]:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now
    if field.has_default():
        default = field.default
        if callable(default):
            return default
        return lambda: default
    if field.null:
        return lambda: None
    if isinstance(field, models.CharField | models.TextField):
        return lambda: ""
    name = f"{field.model.__name__}.{field.attname}"

    def missing() -> Any:
        raise ValueError(f"no value for {name} and no default")

    return missing


class TableWriter:
    """Turns row dicts into tuples in column order and writes them to one table."""

    def __init__(self, model: type[models.Model], *, with_pk: bool = True) -> None:
        self.model = model
        self.table = model._meta.db_table
        self.fields = [
            f
            for f in model._meta.local_concrete_fields
            if with_pk or not (f.primary_key and isinstance(f, models.AutoField))
        ]
        self.columns = [f.column for f in self.fields]
        self.attnames = [f.attname for f in self.fields]
        self.fillers = [_filler(f) for f in self.fields]
        self.json = [isinstance(f, models.JSONField) for f in self.fields]

    def _values(self, row: dict[str, Any]) -> list[Any]:
        return [
            row[name] if name in row else fill()
            for name, fill in zip(self.attnames, self.fillers, strict=True)
        ]

    def write(self, rows: Iterable[dict[str, Any]]) -> int:
        qn = connection.ops.quote_name
        columns = ", ".join(qn(c) for c in self.columns)
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                sql = f"COPY {qn(self.table)} ({columns}) FROM STDIN"
                has_json = any(self.json)
                with cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        values = self._values(row)
                        if has_json:
                            values = [
                                json.dumps(v) if is_json and v is not None else v
                                for v, is_json in zip(values, self.json, strict=True)
                            ]
                        copy.write_row(values)
                        count += 1
            else:
                placeholders = ", ".join(["%s"] * len(self.columns))
                sql = f"INSERT INTO {qn(self.table)} ({columns}) VALUES ({placeholders})"
                prepared = []
                for row in rows:
                    prepared.append(
                        [
                            f.get_db_prep_save(v, connection)
                            for f, v in zip(self.fields, self._values(row), strict=True)
                        ]
                    )
                cursor.executemany(sql, prepared)
                count = len(prepared)
        return count


def ids_allocate(model: type[models.Model], aantal: int) -> list[int]:
    """Reserve `aantal` primary keys of `model`, so rows can point at each other before insert.

    PostgreSQL takes them from the table's identity sequence (safe alongside other writers);
    SQLite continues after the highest id (call inside the transaction that inserts them).
    """
    if aantal <= 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, aantal],
            )
            return [row[0] for row in cursor.fetchall()]
        qn = connection.ops.quote_name
        cursor.execute(f"SELECT COALESCE(MAX({qn(pk)}), 0) FROM {qn(table)}")
        hoogste = cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            if row and row[0]:
                hoogste = max(hoogste, row[0])
        return list(range(hoogste + 1, hoogste + aantal + 1))
