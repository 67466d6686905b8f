"""Every write of the budget plan: opening a client's budget account and changing its plan
(income, payments, the living allowance, reservations).

Each function checks the actor may work on budget accounts and on the case, writes in one
transaction, and records an audit entry on the case so it shows in the case's history.
The ledger (grootboek), bank import, payments and statements have services of their own.

Where things are: `rekeningen` (the organisation's bank account; opening and changing a client's
budget account), `planposten` (income, payments, the living allowance, reservations),
`algemeen` (the audit entry, locking, field checks and partial update they share).

Callers inside the budget module import from the submodules. The names below stay importable
from `raadhuis.modules.budget.services` for the callers outside it (the URL/role matrix in
tests/url_matrix, the browser tests in tests/e2e and benchmarks/bench_budget.py).
"""

from raadhuis.modules.budget.services.planposten import (
    betaalpost_create,
    inkomstenpost_create,
    reservering_create,
)
from raadhuis.modules.budget.services.rekeningen import beheerrekening_ensure, budgetrekening_openen

__all__ = [
    "beheerrekening_ensure",
    "betaalpost_create",
    "budgetrekening_openen",
    "inkomstenpost_create",
    "reservering_create",
]
