"""How a module erases its own data when a case is destroyed.

Whatever hangs under the case with a foreign key `on_delete=CASCADE` (a module's one-to-one
record, its rows under that record, and the files in their FileFields) goes with the case by
itself. A module registers a hook for what the cascade cannot reach: rows that refer to the
case or its parties without such a key, rows that PROTECT the case, copies in another system.

    from raadhuis.kernel.retention.hooks import register_vernietiging_hook

    class ShvConfig(AppConfig):
        def ready(self) -> None:
            register_vernietiging_hook(shv_vernietigen)

    def shv_vernietigen(context: VernietigingContext) -> dict[str, int] | None:
        ...  # delete what belongs to context.zaak; return counts for the record, e.g.
        return {"shv.schuld": 3}

A hook runs inside the case's own transaction, before the case row is deleted: raising an
exception rolls the case back and marks it "mislukt" on the list (a later run tries again).
It must not write personal data anywhere (the audit trail included) and must be safe to run
twice. A hook that must refuse (the module's data is not in a state that may go, e.g. money
still held for the client) raises `VernietigingGeweigerd` with a Dutch message without personal
data: the list item shows that message. A hook can name parties that only the module knew
about with `context.partij_erbij(p)`: they are erased with the case's own parties when nothing
else refers to them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from raadhuis.kernel.access.actor import Actor

if TYPE_CHECKING:
    from raadhuis.kernel.cases.models import Zaak
    from raadhuis.kernel.parties.models import Partij


class VernietigingGeweigerd(Exception):
    """A module refuses to destroy this case now. The message (Dutch, no personal data) is
    shown on the list item; the case stays and a later run tries again."""


@dataclass
class VernietigingContext:
    """What a hook gets: the case (locked, still there), who executes, and the parties that
    are candidates for erasure after the case is gone."""

    zaak: Zaak
    actor: Actor
    lijst_naam: str
    partij_ids: set[int] = field(default_factory=set)

    def partij_erbij(self, partij: Partij) -> None:
        """Erase this party too once the case is gone, unless something else refers to it."""
        self.partij_ids.add(partij.pk)


VernietigingHook = Callable[[VernietigingContext], Mapping[str, int] | None]

_HOOKS: list[VernietigingHook] = []


def register_vernietiging_hook(hook: VernietigingHook) -> VernietigingHook:
    """Call `hook` for every case that is destroyed (once, however often it is registered).
    Returns the hook, so it can be used as a decorator."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)
    return hook


def unregister_vernietiging_hook(hook: VernietigingHook) -> None:
    if hook in _HOOKS:
        _HOOKS.remove(hook)


def vernietiging_hooks() -> tuple[VernietigingHook, ...]:
    return tuple(_HOOKS)
