"""Writing many rows of one table fast, without a Django model instance per row: the ids are
reserved first (so children can point at parents), then the rows go in with COPY on
PostgreSQL and executemany elsewhere (SQLite in tests and the demo).

Why not bulk_create: at 100,000 import rows that is about a million model instances, and
Django's UNNEST insert on PostgreSQL quotes every value in Python; together they cost more
than everything else in an import. Values are given as the model's Python values and
prepared per column here, the way the field would prepare them."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

Waarde = Any
Voorbereiding = Callable[[Waarde], Waarde]


def _voorbereiding(veld: models.Field) -> Voorbereiding | None:
    """How a Python value of `veld` goes into the database, None when as it is."""
    if isinstance(veld, models.JSONField):
        return lambda w: json.dumps(w, cls=veld.encoder)
    if connection.vendor == "postgresql":
        return None  # psycopg adapts uuid, datetime, date, bool and None itself
    if isinstance(veld, models.UUIDField):
        return lambda w: w.hex if isinstance(w, uuid.UUID) else uuid.UUID(w).hex
    if isinstance(veld, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(veld, models.DateField):
        return connection.ops.adapt_datefield_value
    return None


def ids_reserveren(model: type[models.Model], aantal: int) -> list[int]:
    """`aantal` primary keys for new rows of `model`, taken before the rows are written.

    PostgreSQL: from the table's sequence. SQLite: after the highest id; the caller holds
    the transaction, and SQLite lets only one writer in at a time."""
    if aantal == 0:
        return []
    tabel = model._meta.db_table
    kolom = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [tabel, kolom, aantal],
            )
            return [r[0] for r in cursor.fetchall()]
        cursor.execute(
            f"SELECT COALESCE(MAX({connection.ops.quote_name(kolom)}), 0) "  # noqa: S608
            f"FROM {connection.ops.quote_name(tabel)}"
        )
        hoogste = cursor.fetchone()[0]
    return list(range(hoogste + 1, hoogste + 1 + aantal))


def _kolommen(model: type[models.Model], gegeven: Iterable[str]) -> list[models.Field]:
    """The model's own columns to write: those given, and every other one without a database
    default (filled from the field's default). An id not given is left to the database."""
    gegeven = set(gegeven)
    return [
        veld
        for veld in model._meta.local_concrete_fields
        if veld.attname in gegeven or not (veld.primary_key or veld.has_db_default())
    ]


def rijen_schrijven(model: type[models.Model], rijen: Sequence[dict[str, Waarde]]) -> int:
    """Insert `rijen` (attname -> Python value; all rows the same keys) into the model's own
    table, missing columns from the field defaults; returns how many."""
    if not rijen:
        return 0
    velden = _kolommen(model, rijen[0])
    onbekend = set(rijen[0]) - {v.attname for v in velden}
    if onbekend:
        raise ValueError(f"not columns of {model._meta.db_table}: {sorted(onbekend)}")
    nu = timezone.now()
    vast: dict[str, Waarde] = {}
    per_rij: list[models.Field] = []  # callable defaults (uuid4, dict): one value per row
    for veld in velden:
        if veld.attname in rijen[0]:
            continue
        if getattr(veld, "auto_now", False) or getattr(veld, "auto_now_add", False):
            vast[veld.attname] = nu  # what pre_save would set
        elif veld.has_default() and callable(veld.default):
            per_rij.append(veld)
        else:
            vast[veld.attname] = veld.get_default()
    stappen = [(v.attname, f) for v in velden if (f := _voorbereiding(v)) is not None]
    namen = [v.attname for v in velden]

    def waarden(rij: dict[str, Waarde]) -> list[Waarde]:
        volledig = {**vast, **{v.attname: v.get_default() for v in per_rij}, **rij}
        for naam, functie in stappen:
            if volledig[naam] is not None:
                volledig[naam] = functie(volledig[naam])
        return [volledig[n] for n in namen]

    q = connection.ops.quote_name
    tabel = q(model._meta.db_table)
    kolommen = ", ".join(q(v.column) for v in velden)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN") as copy:
                for rij in rijen:
                    copy.write_row(waarden(rij))
        else:
            plaatsen = ", ".join(["%s"] * len(velden))
            cursor.executemany(
                f"INSERT INTO {tabel} ({kolommen}) VALUES ({plaatsen})",  # noqa: S608
                [waarden(rij) for rij in rijen],
            )
    return len(rijen)
