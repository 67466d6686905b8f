"""Further kinds of data the migration import reads from the same flat sheet, registered by
their own app (crm core and the migration never import a sibling sub-app): contracts are one,
registered from crm.contracten's AppConfig.ready().

A kind brings its target fields (with labels and the header names it recognises) and, per run,
an `Importdeel` that checks a row's values, plans them once the row's relation is known and
writes them through its own services inside the import's transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import OrganisatorischeEenheid
from raadhuis.modules.crm.migratie.lezen import SYNONIEMEN, VELDEN
from raadhuis.modules.crm.migratie.verslag import Rij

if TYPE_CHECKING:
    from raadhuis.modules.crm.migratie.dubbelen import Kandidaat
    from raadhuis.modules.crm.migratie.plan import Plan


class Importdeel(Protocol):
    """One run's part of a kind: made once per run (it may load what it needs then)."""

    def controleren(self, rij: Rij, data: dict[str, str]) -> Any | None:  # noqa: ANN401
        """The row's values of this kind parsed, or None (the row has none, or has errors:
        those are noted on the row in Dutch). Runs for every row: no queries here."""

    def plannen(self, rij: Rij, kandidaat: Kandidaat, waarden: Any) -> None:  # noqa: ANN401
        """The row went to `kandidaat` (an existing relation or one this run makes): plan what
        it adds there, in file order; report duplicates on the row."""

    def vastleggen(self, plan: Plan) -> None:
        """Write what was planned, inside the import's transaction (relations exist by now:
        `kandidaat.partij_pk` is set). Raise ValidationError or DatabaseError to roll back."""


@dataclass(frozen=True)
class Importsoort:
    naam: str  # the key the parsed values travel under in a row's data, e.g. "contracten"
    velden: dict[str, str]  # target field -> Dutch label (mapping screen, report)
    synoniemen: dict[str, tuple[str, ...]]  # target field -> recognised header names
    # Fields whose value in a row means the row carries this kind.
    kernvelden: tuple[str, ...]
    # A row carrying this kind may name its relation by KvK number or e-mail only (no name):
    # it must then match a relation that exists (or an earlier row).
    zonder_naam: bool
    starten: Callable[[Actor, OrganisatorischeEenheid], Importdeel]

    def in_mapping(self, mapping: dict[str, str]) -> bool:
        return any(mapping.get(veld) for veld in self.kernvelden)

    def in_rij(self, data: dict[str, str]) -> bool:
        return any(data.get(veld) for veld in self.kernvelden)


_SOORTEN: dict[str, Importsoort] = {}


def importsoort_register(soort: Importsoort) -> None:
    """Register a kind (from an AppConfig.ready()); its fields join the mapping's targets.
    Registering the same name again replaces it (tests, autoreload)."""
    dubbel = (set(soort.velden) & set(VELDEN)) - set(
        _SOORTEN[soort.naam].velden if soort.naam in _SOORTEN else ()
    )
    if dubbel:
        raise ValueError(f"import fields already taken: {sorted(dubbel)}")
    _SOORTEN[soort.naam] = soort
    VELDEN.update(soort.velden)
    SYNONIEMEN.update(soort.synoniemen)


def importsoorten() -> list[Importsoort]:
    return list(_SOORTEN.values())


def zonder_naam_toegestaan(mapping: dict[str, str]) -> bool:
    """May this mapping leave the name out? Only for a kind that allows it, with the relation
    named by KvK number or e-mail address instead."""
    return any(s.zonder_naam and s.in_mapping(mapping) for s in _SOORTEN.values()) and bool(
        mapping.get("kvk_nummer") or mapping.get("email")
    )
