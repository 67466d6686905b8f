"""What the audit code needs to know about the request being served: its id (so audit entries
can be traced to a request log line) and the request's processing-log buffer."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# The processing-log rows of the request being served, written in one INSERT when it ends
# (audit.services.verwerkingen_buffer); None outside a request: rows are written at once.
verwerkingen_buffer_var: contextvars.ContextVar[list[Any] | None] = contextvars.ContextVar(
    "verwerkingen_buffer", default=None
)


def current_request_id() -> str:
    return request_id_var.get()


@contextmanager
def buffer_scope() -> Iterator[list[Any]]:
    """A fresh buffer for the duration of the block; the caller writes what it holds."""
    rows: list[Any] = []
    token = verwerkingen_buffer_var.set(rows)
    try:
        yield rows
    finally:
        verwerkingen_buffer_var.reset(token)
