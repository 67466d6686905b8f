"""Case types a module starts itself, through its own intake.

A debt-assistance case starts with the module's registration form (it opens the dossier), a
complaint with the complaint intake (it sets the legal term), a budget-management case when an
account is opened. Opened on the general "Nieuwe zaak" form they would be cases without what
their module adds. The kernel imports no module, so each module registers the catalogue domain
of its case types from its AppConfig.ready():

    eigen_intake_register(CATALOGUS_DOMEIN, _("Schuldhulpverlening"), "shv:aanmelding")

The general form then leaves those case types out and points to the module's intake instead.
The ZGW API still accepts them: an API client is a system that knows what it creates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EigenIntake:
    domein: str  # Catalogus.domein of the module's case types
    titel: Any  # str or lazy translation: what the user starts there
    url_naam: str  # the intake's URL name (no arguments)


_REGISTER: dict[str, EigenIntake] = {}


def eigen_intake_register(domein: str, titel: Any, url_naam: str) -> None:
    """Register (or replace, on a second ready()) a module's intake for a catalogue domain."""
    _REGISTER[domein] = EigenIntake(domein, titel, url_naam)


def eigen_intakes() -> list[EigenIntake]:
    return sorted(_REGISTER.values(), key=lambda intake: str(intake.titel))


def domeinen_met_eigen_intake() -> list[str]:
    return sorted(_REGISTER)


def eigen_intakes_van(domeinen: Iterable[str]) -> list[EigenIntake]:
    """The registered intakes of these catalogue domains (those of the case types an actor
    may open: where the "Nieuwe zaak" page sends them)."""
    gevraagd = set(domeinen)
    return [intake for intake in eigen_intakes() if intake.domein in gevraagd]
