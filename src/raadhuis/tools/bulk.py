"""Fast row inserts for benchmark data: the kernel's bulk writer (raadhuis.kernel.db.bulk),
kept under its old name for the benchmark scripts.

Rows are dicts keyed by the model's field attnames; fields left out get what Django would
give them. Inserts write the model's *own* table only, so multi-table inheritance is handled
by inserting the parent rows (Partij) and then the child rows (NatuurlijkPersoon with
partij_ptr_id) explicitly. This bypasses save(), the services, the audit trail and the
outbox: only for generated benchmark data, never for real data.
"""

from __future__ import annotations

from raadhuis.kernel.db.bulk import TableWriter, ids_allocate

__all__ = ["TableWriter", "ids_allocate"]
