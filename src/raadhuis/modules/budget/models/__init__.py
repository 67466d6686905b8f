"""Budget management (budgetbeheer): the municipality receives a client's income for a while and
pays the client's fixed costs and living allowance from it.

One `Budgetrekening` per client case (1:1 Zaak, the kernel's case of type "Budgetbeheer"). Its
plan is three lists: expected income (`Inkomstenpost`), payments (`Betaalpost`: fixed costs and
the living allowance) and savings for yearly bills (`Reservering`).

The money itself is a double-entry ledger (`Journaalpost` with `Journaalregel`s on
`Grootboekrekening`s). Amounts on a line are signed: positive is debit, negative is credit, and
the lines of one journal entry sum to zero. Entries are never changed or deleted; a correction
is a reversing entry (`tegenboeking_van`). The organisation's bank account for budget management
is a `Beheerrekening`; bank statements (`Bankafschrift`, `Bankmutatie`) come in on it and
payment proposals (`Betaalvoorstel`, `Betaalopdracht`) go out from it.

The models live in one module per part (plan, grootboek, bank, overzichten); this package
exports them all, so `from raadhuis.modules.budget.models import X` keeps working.
"""

from raadhuis.modules.budget.models.bank import (
    AfschriftFormaat,
    Bankafschrift,
    Bankmutatie,
    Betaalopdracht,
    Betaalvoorstel,
    MutatieStatus,
    OpdrachtStatus,
    VoorstelStatus,
)
from raadhuis.modules.budget.models.basis import BoekingOnveranderlijk
from raadhuis.modules.budget.models.grootboek import (
    BoekingSoort,
    Grootboekrekening,
    GrootboekSoort,
    Journaalpost,
    Journaalregel,
    RoodstandStatus,
    Roodstandverzoek,
)
from raadhuis.modules.budget.models.overzichten import (
    Aansluiting,
    Budgetsignaal,
    Clientoverzicht,
    SignaalSoort,
)
from raadhuis.modules.budget.models.plan import (
    Beheerrekening,
    Betaalpost,
    BetaalSoort,
    Budgetrekening,
    Frequentie,
    Inkomstenpost,
    InkomstenSoort,
    RekeningStatus,
    Reservering,
)

__all__ = [
    "Aansluiting",
    "AfschriftFormaat",
    "Bankafschrift",
    "Bankmutatie",
    "Beheerrekening",
    "BetaalSoort",
    "Betaalopdracht",
    "Betaalpost",
    "Betaalvoorstel",
    "BoekingOnveranderlijk",
    "BoekingSoort",
    "Budgetrekening",
    "Budgetsignaal",
    "Clientoverzicht",
    "Frequentie",
    "GrootboekSoort",
    "Grootboekrekening",
    "InkomstenSoort",
    "Inkomstenpost",
    "Journaalpost",
    "Journaalregel",
    "MutatieStatus",
    "OpdrachtStatus",
    "RekeningStatus",
    "Reservering",
    "RoodstandStatus",
    "Roodstandverzoek",
    "SignaalSoort",
    "VoorstelStatus",
]
