"""Keyset ("seek") pagination: next and previous without COUNT(*) or a growing OFFSET.

A page is the `size` rows after (or before) a cursor made of the ordering columns of the row at
the edge of the previous page. One query per page, fetching `size + 1` rows to know whether a
further page exists; cost does not grow with the page number, which matters on a million cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

SEPARATOR = "~"


@dataclass
class KeysetPage:
    items: list[Any]
    size: int
    next_cursor: str | None = None
    prev_cursor: str | None = None
    first_page: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.prev_cursor)


def _encode(obj: Any, fields: tuple[str, ...]) -> str:
    parts = []
    for name in fields:
        value = getattr(obj, name)
        parts.append(value.isoformat() if hasattr(value, "isoformat") else str(value))
    return SEPARATOR.join(parts)


def _decode(qs: QuerySet, cursor: str, fields: tuple[str, ...]) -> list[Any] | None:
    parts = cursor.split(SEPARATOR)
    if len(parts) != len(fields):
        return None
    values = []
    for name, raw in zip(fields, parts, strict=True):
        model_field = qs.model._meta.get_field(name)
        try:
            value = model_field.to_python(raw)
        except (ValidationError, ValueError, TypeError):
            return None
        if value is None:
            return None
        values.append(value)
    return values


def _beyond(fields: tuple[str, ...], values: list[Any], lookup: str) -> Q:
    """Rows past the cursor in lexicographic order: (a, b) < (x, y) as a < x OR a = x AND b < y."""
    conditions = []
    for i, name in enumerate(fields):
        equal = {fields[j]: values[j] for j in range(i)}
        conditions.append(Q(**equal, **{f"{name}__{lookup}": values[i]}))
    return reduce(or_, conditions)


def keyset_paginate(
    qs: QuerySet,
    *,
    fields: tuple[str, ...],
    size: int,
    after: str = "",
    before: str = "",
) -> KeysetPage:
    """Page through `qs` ordered newest first by `fields` (all descending; the last one unique).

    `after`: the page following that cursor; `before`: the page preceding it. An unreadable
    cursor gives the first page.
    """
    descending = [f"-{name}" for name in fields]
    ascending = list(fields)
    if before and (values := _decode(qs, before, fields)) is not None:
        rows = list(qs.filter(_beyond(fields, values, "gt")).order_by(*ascending)[: size + 1])
        more_before = len(rows) > size
        items = list(reversed(rows[:size]))
        page = KeysetPage(items=items, size=size, first_page=not more_before)
        if items:
            page.next_cursor = _encode(items[-1], fields)
            page.prev_cursor = _encode(items[0], fields) if more_before else None
        return page
    values = _decode(qs, after, fields) if after else None
    if values is not None:
        qs = qs.filter(_beyond(fields, values, "lt"))
    rows = list(qs.order_by(*descending)[: size + 1])
    items = rows[:size]
    page = KeysetPage(items=items, size=size, first_page=values is None)
    if len(rows) > size:
        page.next_cursor = _encode(items[-1], fields)
    if values is not None and items:
        page.prev_cursor = _encode(items[0], fields)
    return page
