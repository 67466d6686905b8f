"""Every write on complaints, per the Algemene wet bestuursrecht chapter 9.

Each service: checks the role and the department access, locks the complaint's case through the
kernel (case access; a closed case is not changed), checks the rule (workflow.OVERGANGEN and the
article it names), changes the complaint in one transaction with its audit entry and an outbox
event on the case, and sends the letter the law asks for through kernel messaging in that same
transaction (a failing letter leaves nothing behind). The deadline is a kernel Taak of the
handler, due on the last day of the term in force, so it shows in the work queue.

A package of one module per step of the procedure; import from
`raadhuis.modules.crm.klachten.services`.
"""

from __future__ import annotations

from raadhuis.modules.crm.klachten.services.afhandeling import (
    klacht_afhandelen,
    klacht_besluit_verzenden,
    klacht_informeel_oplossen,
    klacht_intrekken,
    klacht_niet_behandelen,
)
from raadhuis.modules.crm.klachten.services.basis import (
    KLACHT_AUDIT_VELDEN,
    TAAK_TITEL,
)
from raadhuis.modules.crm.klachten.services.hoorzitting import (
    klacht_geen_hoorzitting,
    klacht_hoorzitting_plannen,
    klacht_hoorzitting_vastleggen,
)
from raadhuis.modules.crm.klachten.services.registratie import (
    klacht_behandelaar_set,
    klacht_create,
    klacht_in_behandeling_nemen,
    klacht_ontvangst_bevestigen,
    klacht_toegang_check,
)
from raadhuis.modules.crm.klachten.services.verdaging import (
    klacht_uitstellen,
    klacht_verdagen,
)

__all__ = [
    "KLACHT_AUDIT_VELDEN",
    "TAAK_TITEL",
    "klacht_afhandelen",
    "klacht_behandelaar_set",
    "klacht_besluit_verzenden",
    "klacht_create",
    "klacht_geen_hoorzitting",
    "klacht_hoorzitting_plannen",
    "klacht_hoorzitting_vastleggen",
    "klacht_in_behandeling_nemen",
    "klacht_informeel_oplossen",
    "klacht_intrekken",
    "klacht_niet_behandelen",
    "klacht_ontvangst_bevestigen",
    "klacht_toegang_check",
    "klacht_uitstellen",
    "klacht_verdagen",
]
