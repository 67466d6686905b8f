"""Payments out (issue 5 item 4): the daily payment proposal, four-eyes approval, the pain.001
file, and what the bank tells us afterwards (debited, returned).

The day, step by step:

1. `dagvoorstel.dagvoorstel_maken` collects, per beheerrekening, every active plan's payments
   that fall due since the last proposal up to today (and, on the last working day before a
   weekend or holiday, the days until the next working day, so rent due on a Sunday leaves on
   Friday; see `uitvoerdata`). Each becomes a `Betaalopdracht` (once per payment and due date: a
   database constraint). Monthly reservations are booked in the ledger on their day
   (CLIENT -> RESERVERING).
   A payment that would take the client's available balance below zero is held back
   (TEGENGEHOUDEN) with a Dutch reason and a signal. The balance is spent in a fixed order
   (`kandidaten`): fixed costs and reservations before the living allowance, oldest due date
   first. Held-back payments from earlier days are tried again every day.
2. A second medewerker approves the proposal (`goedkeuring.voorstel_goedkeuren`: never the one
   who made it). Each payment is booked CLIENT -> ONDERWEG and the pain.001 file is made and
   stored.
3. The bank statement shows the debit (`bankberichten.afschrijving_verwerken`: ONDERWEG -> BANK)
   or a return (`bankberichten.retour_verwerken`: the money back to the client, with the bank's
   reason in Dutch).

An overdraft can still be allowed for one held-back payment (`opdracht`): one person asks
(`roodstand_vragen`), a different person allows it (`roodstand_toestaan`), and the payment goes
into the pending proposal. The screens read through `selectors`.

The ledger itself (balances, four-eyes on overdrafts, immutability) is the grootboek package's;
plan dates are plan.py's; signals are signalen.py's.

Callers inside the budget module import from the submodules. The names below stay importable
from `raadhuis.modules.budget.betalingen` for the callers outside it (the URL/role matrix in
tests/url_matrix and benchmarks/bench_budget.py).
"""

from raadhuis.modules.budget.betalingen.dagvoorstel import dagvoorstel_maken
from raadhuis.modules.budget.betalingen.goedkeuring import voorstel_goedkeuren

__all__ = ["dagvoorstel_maken", "voorstel_goedkeuren"]
