"""Contract dates: the end of the current term (with tacit renewal), the last day to give
notice, and the status a contract has on a given day. Pure functions, no database.

Rules (civil-law practice for fixed-term contracts with tacit renewal, art. 7:408 BW-like):

- A contract without an end date runs for an indefinite period: no end signal.
- With automatic renewal, a term that has passed is followed by the next one of
  `verlengingsperiode_maanden` (default: 12), until notice is given (`opgezegd_op`).
- The last day to give notice is the end of the current term minus the notice period
  (months: the same day of the month, or the month's last day when it has fewer days).
- Notice given before that day ends the contract at the end of the current term.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

STANDAARD_VERLENGING_MAANDEN = 12
BINNENKORT_DAGEN = 90


def maanden_optellen(datum: date, maanden: int) -> date:
    """`datum` plus (or minus) whole months; 31 January + 1 month is 28/29 February."""
    index = datum.year * 12 + datum.month - 1 + maanden
    jaar, maand = divmod(index, 12)
    dag = min(datum.day, calendar.monthrange(jaar, maand + 1)[1])
    return date(jaar, maand + 1, dag)


def termijn_aftrekken(datum: date, aantal: int, eenheid: str) -> date:
    if eenheid == "maanden":
        return maanden_optellen(datum, -aantal)
    return datum - timedelta(days=aantal)


@dataclass(frozen=True)
class Looptijd:
    """The plain dates of one contract (so these rules run without a model instance)."""

    startdatum: date
    einddatum: date | None
    automatisch_verlengen: bool = False
    verlengingsperiode_maanden: int | None = None
    opzegtermijn: int = 0
    opzegtermijn_eenheid: str = "maanden"
    opgezegd_op: date | None = None


def huidige_einddatum(looptijd: Looptijd, op: date) -> date | None:
    """The last day of the term that runs on `op` (or the last term, once it has ended);
    None for an indefinite contract."""
    einde = looptijd.einddatum
    if einde is None:
        return None
    if not looptijd.automatisch_verlengen:
        return einde
    periode = looptijd.verlengingsperiode_maanden or STANDAARD_VERLENGING_MAANDEN
    verlengingen = 0
    while einde < op:
        volgende_begin = einde + timedelta(days=1)
        # Notice given before the deadline of this term: it was the last one.
        if looptijd.opgezegd_op is not None and looptijd.opgezegd_op <= uiterste_opzegdatum_voor(
            looptijd, einde
        ):
            return einde
        verlengingen += 1
        einde = maanden_optellen(looptijd.einddatum, periode * verlengingen)
        if einde < volgende_begin:  # cannot happen with periode >= 1; guards a loop forever
            break
    opgezegd = looptijd.opgezegd_op
    if opgezegd is not None and opgezegd > uiterste_opzegdatum_voor(looptijd, einde):
        # Notice given too late for this term: the contract renews once more, then ends.
        verlengingen += 1
        einde = maanden_optellen(looptijd.einddatum, periode * verlengingen)
    return einde


def uiterste_opzegdatum_voor(looptijd: Looptijd, einde: date) -> date:
    return termijn_aftrekken(einde, looptijd.opzegtermijn, looptijd.opzegtermijn_eenheid)


def uiterste_opzegdatum(looptijd: Looptijd, op: date) -> date | None:
    """The last day to give notice for the current term; None for an indefinite contract."""
    einde = huidige_einddatum(looptijd, op)
    return None if einde is None else uiterste_opzegdatum_voor(looptijd, einde)


class ContractStatus(models.TextChoices):
    NOG_NIET_GESTART = "nog_niet_gestart", _("Nog niet gestart")
    LOOPT = "loopt", _("Loopt")
    LOOPT_AF = "loopt_af", _("Loopt binnenkort af")
    OPGEZEGD = "opgezegd", _("Opgezegd")
    BEEINDIGD = "beeindigd", _("Beëindigd")


def contract_status(looptijd: Looptijd, op: date, binnenkort_dagen: int = BINNENKORT_DAGEN) -> str:
    if op < looptijd.startdatum:
        return ContractStatus.NOG_NIET_GESTART
    einde = huidige_einddatum(looptijd, op)
    if einde is not None and einde < op:
        return ContractStatus.BEEINDIGD
    if looptijd.opgezegd_op is not None:
        return ContractStatus.OPGEZEGD
    if (
        einde is not None
        and not looptijd.automatisch_verlengen
        and einde <= op + timedelta(days=binnenkort_dagen)
    ):
        return ContractStatus.LOOPT_AF
    return ContractStatus.LOOPT
