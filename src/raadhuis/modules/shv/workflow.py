"""Allowed transitions of a debt and of a dossier's phase, as readable tables.

Each line names where the rule comes from. The services (services.py, schulden.py) check these
tables; nothing else changes a status.
"""

from __future__ import annotations

from raadhuis.modules.shv.models import Fase, SchuldStatus

S = SchuldStatus

# (from, to) -> why this step exists. Issue 4, user story 1.2: opgevraagd -> opgegeven ->
# geverifieerd -> in regeling / betwist / afgelost.
SCHULD_OVERGANGEN: dict[tuple[str, str], str] = {
    (S.OPGEVRAAGD, S.OPGEGEVEN): "The creditor answers the verzoek tot opgave (NVVK Gedragscode).",
    (S.OPGEVRAAGD, S.BETWIST): "The client disputes a claim before the creditor has answered.",
    (S.OPGEVRAAGD, S.AFGELOST): "The creditor reports that nothing is owed (any more).",
    (S.OPGEGEVEN, S.GEVERIFIEERD): "The consultant checked the claim against the client's papers.",
    (S.OPGEGEVEN, S.BETWIST): "Client or consultant disputes the amount or the claim.",
    (S.OPGEGEVEN, S.AFGELOST): "Paid off or remitted before a settlement.",
    (S.GEVERIFIEERD, S.OPGEGEVEN): "A new statement from the creditor replaces the verified one.",
    (S.GEVERIFIEERD, S.IN_REGELING): "The debt is part of the settlement offer (Fw art. 287a).",
    (S.GEVERIFIEERD, S.BETWIST): "A dispute arises after verification.",
    (S.GEVERIFIEERD, S.AFGELOST): "Paid off or remitted before a settlement.",
    (S.BETWIST, S.OPGEGEVEN): "The dispute is resolved by a corrected statement.",
    (S.BETWIST, S.GEVERIFIEERD): "The dispute is resolved in favour of the statement.",
    (S.BETWIST, S.AFGELOST): "The creditor drops the claim.",
    (S.IN_REGELING, S.GEVERIFIEERD): "The settlement offer failed; the debt awaits a new route.",
    (S.IN_REGELING, S.AFGELOST): "Settled: paid in full or finally discharged by the settlement.",
}
SCHULD_EINDSTATUSSEN = frozenset({S.AFGELOST})
# Debts that count for the amount still to be settled on the dossier page.
SCHULD_OPEN_STATUSSEN = frozenset(
    {S.OPGEVRAAGD, S.OPGEGEVEN, S.GEVERIFIEERD, S.IN_REGELING, S.BETWIST}
)


def schuld_overgang_toegestaan(van: str, naar: str) -> bool:
    return (van, naar) in SCHULD_OVERGANGEN


def schuld_volgende_statussen(van: str) -> list[str]:
    return [naar for (bron, naar) in SCHULD_OVERGANGEN if bron == van]


# The phases in NVVK module order. A dossier moves forward along the phases its track uses
# (the track's status types); going back needs a reason, as for any kernel status (issue 2).
FASE_VOLGORDE: tuple[str, ...] = (
    Fase.AANMELDING,
    Fase.INTAKE,
    Fase.STABILISATIE,
    Fase.INVENTARISATIE,
    Fase.REGELING,
    Fase.LOOPTIJD,
    Fase.UITVOERING,
    Fase.NAZORG,
    Fase.AFGESLOTEN,
)
