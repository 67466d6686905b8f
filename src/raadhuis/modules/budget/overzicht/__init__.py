"""The client's statement (cliëntoverzicht): what happened to their money in one month, or in
the last weeks when the budget account ends (eindoverzicht).

The client owns two kinds of ledger accounts: the CLIENT account (free to spend) and one
RESERVERING account per savings goal. The statement looks at both together, the client's
*tegoed*: a booking that only moves money between them (reserving, releasing) changes nothing
the client owns, so it is not a line of the statement but shows in the reservations table. Every
other booking (income, payments, returns, reversals) is one line with its effect on the tegoed:

    beginsaldo + bij - af = eindsaldo   (and eindsaldo = vrij besteedbaar + gereserveerd)

The statement is a PDF on the organisation's letterhead (the letter stylesheet of
kernel/messaging), stored as a document of the client's case, so it is in the dossier and, later,
in the client's portal. It is made once per month: asking again returns the same statement.
Only a month that is over can get a statement (the figures of a running month still change);
`overzicht_tussentijds_pdf` renders the running month for the counter without storing it.

The package: `cijfers` (the figures), `pdf` (the document), `maken` (making, storing and the
monthly run). Everything stays importable from `raadhuis.modules.budget.overzicht`.
"""

from raadhuis.modules.budget.overzicht.cijfers import (
    MAANDEN,
    NUL,
    Overzichtcijfers,
    Regel,
    ReserveringStand,
    maand_naam,
    maand_periode,
    overzicht_cijfers,
)
from raadhuis.modules.budget.overzicht.maken import (
    DOCUMENTTYPE_EINDOVERZICHT,
    DOEL,
    OverzichtenRapport,
    clientoverzicht_maken,
    eindoverzicht_begin,
    eindoverzicht_maken,
    eindoverzichten_bijwerken,
    overzicht_demo_load,
    overzicht_tussentijds_pdf,
    overzichten_dagelijks,
    overzichten_maken,
)
from raadhuis.modules.budget.overzicht.pdf import euro, overzicht_html

__all__ = [
    "DOCUMENTTYPE_EINDOVERZICHT",
    "DOEL",
    "MAANDEN",
    "NUL",
    "OverzichtenRapport",
    "Overzichtcijfers",
    "Regel",
    "ReserveringStand",
    "clientoverzicht_maken",
    "eindoverzicht_begin",
    "eindoverzicht_maken",
    "eindoverzichten_bijwerken",
    "euro",
    "maand_naam",
    "maand_periode",
    "overzicht_cijfers",
    "overzicht_demo_load",
    "overzicht_html",
    "overzicht_tussentijds_pdf",
    "overzichten_dagelijks",
    "overzichten_maken",
]
