"""The budget ledger: every euro a client's budget account receives, holds and pays.

Double entry (see models.py): a `Journaalpost` has two or more `Journaalregel`s whose amounts sum
to zero; positive is debit, negative is credit. Client money is a liability of the municipality,
so a client's balance is minus the sum of its lines; the bank is an asset, its balance is plus
the sum. `rekeningen.saldo()` gives every account in that "natural" sign: positive means money
the client has, or money the bank holds.

Rules this module keeps (issue 5, item 2):
- amounts are `Decimal` with at most two decimals, never float, never zero;
- nothing booked is ever changed or deleted: a correction is a reversing entry
  (`correcties.tegenboeken`), and a reversal cannot itself be reversed, nor can an entry be
  reversed twice;
- a booking that takes a client's free balance (CLIENT) or a reservation (RESERVERING) below
  zero is refused (`boekingen.Roodstand`) unless a second medewerker, not the one who books or
  asks, allows it; the allowance and its reason are in the audit trail;
- every booking on a client locks that client's budget account row first, so two bookings at
  the same moment cannot both spend the same euro.

Where things are: `rekeningen` (who may see a ledger, accounts, balances), `boekingen` (booking
one entry), `bulkboekingen` (many at once), `correcties` (reversing entries, manual
corrections), `roodstandverzoeken` (overdraft requests: asked by one, allowed by another),
`kaart` (a client's ledger card).

Callers inside the budget module import from the submodules. The names below stay importable
from `raadhuis.modules.budget.grootboek` for the callers outside it (the URL/role matrix in
tests/url_matrix).
"""

from raadhuis.modules.budget.grootboek.boekingen import boeken
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening
from raadhuis.modules.budget.grootboek.roodstandverzoeken import roodstand_vragen

__all__ = ["boeken", "grootboekrekening", "roodstand_vragen"]
