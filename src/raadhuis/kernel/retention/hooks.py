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

Every model with personal data (a Partij, a BSN, an IBAN, an e-mail address) that does not go
with its case by CASCADE needs a retention rule, or tests/kernel/retention/test_bewaarregels.py
fails: name it in `register_vernietiging_hook(hook, behandelt=("app.model",))` when a hook
deletes or blanks it, or call `bewaarregel_register(label, Bewaarregel.EIGEN_REGISTER, reason)`
for a register with its own retention (docs/decisions/0005).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
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


def register_vernietiging_hook(
    hook: VernietigingHook, *, behandelt: Iterable[str] = ()
) -> VernietigingHook:
    """Call `hook` for every case that is destroyed (once, however often it is registered).
    `behandelt`: the models ("app_label.model") whose rows about the case the hook deletes or
    blanks, for the retention registry below. Returns the hook, so it can be a decorator."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)
    for label in behandelt:
        bewaarregel_register(
            label, Bewaarregel.HOOK, f"{hook.__module__}.{getattr(hook, '__name__', 'hook')}"
        )
    return hook


def unregister_vernietiging_hook(hook: VernietigingHook) -> None:
    if hook in _HOOKS:
        _HOOKS.remove(hook)


def vernietiging_hooks() -> tuple[VernietigingHook, ...]:
    return tuple(_HOOKS)


# --- the retention registry: what happens to each model with personal data -----------------------
class Bewaarregel:
    """How a model with personal data (a party, a BSN, an IBAN, an e-mail address) follows the
    destruction of its case or party, where the CASCADE from the case does not already say so.
    tests/kernel/retention/test_bewaarregels.py fails for a model that has none."""

    # A destruction hook deletes or blanks its rows about the destroyed case.
    HOOK = "hook"
    # A register with its own retention (a relation, a contract, a creditor): it outlives the
    # case on purpose and keeps its party from being erased with the case.
    EIGEN_REGISTER = "eigen_register"
    # The e-mail address or IBAN is the organisation's or a staff member's, not a client's.
    GEEN_CLIENTGEGEVENS = "geen_clientgegevens"

    ALLE = (HOOK, EIGEN_REGISTER, GEEN_CLIENTGEGEVENS)


_BEWAARREGELS: dict[str, tuple[str, str]] = {}


def bewaarregel_register(model_label: str, regel: str, toelichting: str) -> None:
    """Record how `model_label` ("app_label.model", any case) follows a destruction; called
    from a module's AppConfig.ready(). A later registration replaces an earlier one."""
    if regel not in Bewaarregel.ALLE:
        raise ValueError(f"unknown retention rule {regel!r}")
    if not toelichting.strip():
        raise ValueError("a retention rule needs its reason")
    _BEWAARREGELS[model_label.lower()] = (regel, toelichting)


def bewaarregels() -> dict[str, tuple[str, str]]:
    """model label -> (rule, reason) of every registered model."""
    return dict(_BEWAARREGELS)


# The kernel's own models whose e-mail address is staff's, not a client's.
bewaarregel_register(
    "organisations.medewerker",
    Bewaarregel.GEEN_CLIENTGEGEVENS,
    "The work e-mail address of a member of staff.",
)
bewaarregel_register(
    "catalog.catalogus",
    Bewaarregel.GEEN_CLIENTGEGEVENS,
    "The e-mail address of the catalogue's administrator (staff).",
)
