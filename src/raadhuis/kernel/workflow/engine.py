"""The process engine: a case runs the version of its case type's process that was active when
it was created, step by step, and the steps' automatic actions run by themselves.

- `zaak_proces_starten`: a new case of a case type with a published process starts at step 1
  (called from kernel/cases/services.zaak_create through hooks.py).
- `proces_stap_volgende` / `proces_stap_zetten`: a medewerker moves the case on (or back).
- `zaak_status_gewijzigd`: a status set by hand moves the process to the step that sets that
  status; closing the case ends the process, reopening resumes it (hook in zaak_status_set).
- `processen_bijwerken`: runs the timed actions that are due (`raadhuis processen-bijwerken`,
  or the demo worker). Each run is claimed with a row lock (SKIP LOCKED on PostgreSQL) and
  commits together with its effect, so an action runs once however often or however many
  runners are started, and a crash leaves it planned.
- `proces_migreren`: moves running cases to another version, explicitly (audited).

Entering a step: the previous stay ends (its planned actions lapse), the new stay is recorded,
the step's actions are planned (start actions today; timed ones N working days after the stay
began, Dutch/Belgian holidays by kernel.workflow.calendar), the step's status is set on the
case when it differs, and the start actions run at once, each in a savepoint: one that fails
is recorded and retried by the runner, it never blocks the case.

The engine's parts: stappen.py (start, steps, moving on), uitvoering.py (running the actions)
and procesmigratie.py (migration). Their public names are re-exported here, the engine's one
import path.
"""

from __future__ import annotations

from raadhuis.kernel.workflow.procesmigratie import MigratieResultaat, proces_migreren
from raadhuis.kernel.workflow.stappen import (
    MAX_STAPWISSELINGEN_ACHTER_ELKAAR,
    actieve_versie_voor,
    automatische_acties_uit,
    proces_stap_volgende,
    proces_stap_zetten,
    zaak_proces_starten,
    zaak_status_gewijzigd,
)
from raadhuis.kernel.workflow.uitvoering import (
    MAX_POGINGEN,
    BijwerkResultaat,
    automaat,
    processen_bijwerken,
)

__all__ = [
    "BijwerkResultaat",
    "MAX_POGINGEN",
    "MAX_STAPWISSELINGEN_ACHTER_ELKAAR",
    "MigratieResultaat",
    "actieve_versie_voor",
    "automaat",
    "automatische_acties_uit",
    "proces_migreren",
    "proces_stap_volgende",
    "proces_stap_zetten",
    "processen_bijwerken",
    "zaak_proces_starten",
    "zaak_status_gewijzigd",
]
