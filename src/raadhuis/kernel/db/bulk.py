"""The one bulk writer: many rows of one table without a Django model instance per row.

Used by imports (crm migratie), the audit trail's bulk path (audit_entries_record) and the
benchmark data generators (tools/generate.py). Rows are dicts keyed by the model's field
attnames; ids can be reserved first (`ids_allocate`), so children can point at parents
before anything is written.

- PostgreSQL: COPY ... FROM STDIN. psycopg adapts uuid, date(time), Decimal, bool and None
  itself; JSON columns are dumped here with the field's encoder.
- Elsewhere (SQLite in tests and the demo): executemany, every value prepared by the field's
  own `get_db_prep_save`, as bulk_create prepares it. bulk_create itself cannot be the
  fallback: it refuses multi-table inherited models (NatuurlijkPersoon, ...), whose own rows
  this writer inserts next to the parent rows.

Why not bulk_create on PostgreSQL: at 100,000 import rows that is about a million model
instances, and Django's UNNEST insert quotes every array value in Python; together they cost
more than everything else an import does.

Only the model's *own* table is written (multi-table inheritance: insert the parent rows,
then the child rows with their `..._ptr_id`). save(), signals, services, the audit trail and
the outbox are bypassed: callers write those rows themselves (see crm/migratie/vastleggen.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import Any, NamedTuple

from django.db import connection, models
from django.utils import timezone

Rij = dict[str, Any]


def ids_allocate(model: type[models.Model], aantal: int) -> list[int]:
    """Reserve `aantal` primary keys of `model`, so rows can point at each other before insert.

    PostgreSQL takes them from the table's sequence (safe alongside other writers); SQLite
    continues after the highest id ever used (call inside the transaction that inserts them:
    SQLite lets one writer in at a time)."""
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
        cursor.execute(f"SELECT COALESCE(MAX({qn(pk)}), 0) FROM {qn(table)}")  # noqa: S608
        hoogste = cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            if row and row[0]:
                hoogste = max(hoogste, row[0])
        return list(range(hoogste + 1, hoogste + aantal + 1))


def _filler(field: models.Field, nu: Callable[[], Any]) -> Callable[[], Any] | None:
    """What Django would store for a field the row leaves out (None: nothing)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return nu
    if field.has_default():
        default = field.default
        return default if callable(default) else lambda: default
    if field.null:
        return lambda: None
    if isinstance(field, models.CharField | models.TextField):
        return lambda: ""
    return None


def _ontbreekt(field: models.Field) -> Callable[[], Any]:
    def missing() -> Any:  # noqa: ANN401
        raise ValueError(f"no value for {field.model.__name__}.{field.attname} and no default")

    return missing


class TableWriter:
    """Writes row dicts to the model's own table (see the module docstring).

    The columns are the model's own fields: those the first row gives, and every other one
    except a primary key or a field with a database default (left to the database). A later
    row may leave out a column (its default is used), but may not add one. `with_pk=False`
    never writes an auto-increment primary key, `True` always does; by default it is written
    when the first row gives it. Fields with auto_now(_add) get one timestamp per `write`."""

    def __init__(self, model: type[models.Model], *, with_pk: bool | None = None) -> None:
        self.model = model
        self.table = model._meta.db_table
        self.with_pk = with_pk

    def _fields(self, eerste: Rij) -> list[models.Field]:
        pk = self.model._meta.pk
        velden = []
        for veld in self.model._meta.local_concrete_fields:
            if veld is pk and self.with_pk is not None and isinstance(veld, models.AutoField):
                gekozen = self.with_pk
            else:
                gekozen = veld.attname in eerste or not (
                    veld.primary_key or veld.db_default is not models.NOT_PROVIDED
                )
            if gekozen:
                velden.append(veld)
        onbekend = set(eerste) - {v.attname for v in velden}
        if onbekend:
            raise ValueError(f"not columns of {self.table}: {sorted(onbekend)}")
        for veld in velden:  # checked before COPY starts: an error inside it aborts the transaction
            if veld.attname not in eerste and _filler(veld, timezone.now) is None:
                _ontbreekt(veld)()
        return velden

    def write(self, rows: Iterable[Rij]) -> int:
        """Insert `rows`; returns how many. Inside the caller's transaction."""
        rijen = iter(rows)
        eerste = next(rijen, None)
        if eerste is None:
            return 0
        velden = self._fields(eerste)
        moment = timezone.now()
        qn = connection.ops.quote_name
        kolommen = _Kolommen(
            velden=velden,
            vullers=[(v.attname, _filler(v, lambda: moment) or _ontbreekt(v)) for v in velden],
            tabel=qn(self.table),
            namen=", ".join(qn(v.column) for v in velden),
        )
        alle = chain([eerste], rijen)
        if connection.vendor == "postgresql":
            return _copy(kolommen, alle)
        return _executemany(kolommen, alle)


class _Kolommen(NamedTuple):
    """What one `write` inserts: the fields, how a row fills each, and their SQL names."""

    velden: list[models.Field]
    vullers: list[tuple[str, Callable[[], Any]]]  # attname, filler when the row leaves it out
    tabel: str
    namen: str


# Rows are taken from the caller's iterator in blocks *before* each COPY starts: while a COPY
# is open the connection can run no other statement, so a row whose making needs a query (a
# lazy generator reading a related object, say) would wait for the COPY forever.
COPY_BLOK = 5000


def _copy(k: _Kolommen, rijen: Iterator[Rij]) -> int:
    json_kolommen = [
        (i, v.encoder) for i, v in enumerate(k.velden) if isinstance(v, models.JSONField)
    ]
    vullers = k.vullers
    aantal = 0
    while blok := list(islice(rijen, COPY_BLOK)):
        regels = []
        for rij in blok:
            waarden = [rij[n] if n in rij else vul() for n, vul in vullers]
            for i, encoder in json_kolommen:
                if waarden[i] is not None:
                    waarden[i] = json.dumps(waarden[i], cls=encoder)
            regels.append(waarden)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {k.tabel} ({k.namen}) FROM STDIN") as copy,
        ):
            for waarden in regels:
                copy.write_row(waarden)
        aantal += len(regels)
    return aantal


def _executemany(k: _Kolommen, rijen: Iterator[Rij]) -> int:
    voorbereid = [
        [
            veld.get_db_prep_save(rij[n] if n in rij else vul(), connection)
            for veld, (n, vul) in zip(k.velden, k.vullers, strict=True)
        ]
        for rij in rijen
    ]
    plaatsen = ", ".join(["%s"] * len(k.velden))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {k.tabel} ({k.namen}) VALUES ({plaatsen})",  # noqa: S608
            voorbereid,
        )
    return len(voorbereid)


def rows_insert(model: type[models.Model], rows: Iterable[Rij]) -> int:
    """Insert `rows` into the model's own table (see TableWriter); returns how many."""
    return TableWriter(model).write(rows)
