"""The debt module's retention rules (kernel/retention/hooks.py, docs/decisions/0005).

Everything of a debt track hangs under its case by CASCADE (the dossier, household, income,
debts, VTLB calculations, settlement) and goes when the kernel destroys the case. What outlives
a case on purpose is registered here; early-warning signals have their own rule in
koppelingen/bewaren.py.
"""

from __future__ import annotations

from raadhuis.kernel.retention.hooks import Bewaarregel, bewaarregel_register

EIGEN_REGISTERS = {
    # A creditor (a company or institution, sometimes a private person) is shared by every
    # dossier: destroying one debtor's case must not remove it or erase its party. It is kept
    # while it is active in the register; a debt refers to it with PROTECT.
    "shv.schuldeiser": "The organisation's creditor register, shared by all dossiers; "
    "kept while the creditor is in the register, not with one case.",
}


def shv_bewaarregels_register() -> None:
    """Called from the shv AppConfig.ready(). Safe to call more than once."""
    for label, reden in EIGEN_REGISTERS.items():
        bewaarregel_register(label, Bewaarregel.EIGEN_REGISTER, reden)
