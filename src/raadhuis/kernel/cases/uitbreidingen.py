"""Blocks other modules add to a case's pages, without the page knowing those modules.

The kernel imports no module (import-linter), so a module that has something to say about a case
registers a function from its AppConfig.ready():

    zaak_uitbreiding_register("budget", budget_blok)

`budget_blok(actor, zaak)` returns a `ZaakUitbreiding` (a heading, a few lines, links) or None
when it has nothing for this case or this actor. A page such as the debt-assistance dossier asks
`zaak_uitbreidingen(actor, zaak)` and renders each block the same way. The function is
responsible for its own access check and processing log: it runs with the viewer's actor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from raadhuis.kernel.access.actor import Actor
    from raadhuis.kernel.cases.models import Zaak

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class ZaakUitbreiding:
    """What one module shows about a case: already translated text and resolved URLs."""

    titel: str
    regels: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    # Something the reader must act on (e.g. a plan whose income does not cover the costs).
    waarschuwingen: tuple[str, ...] = ()
    naam: str = field(default="", compare=False)


UitbreidingFunctie = Callable[["Actor", "Zaak"], ZaakUitbreiding | None]
_REGISTER: dict[str, UitbreidingFunctie] = {}


def zaak_uitbreiding_register(naam: str, fn: UitbreidingFunctie) -> None:
    """Add (or replace, by name) a block provider."""
    _REGISTER[naam] = fn


def zaak_uitbreiding_unregister(naam: str) -> None:
    _REGISTER.pop(naam, None)


def zaak_uitbreidingen(actor: Actor, zaak: Zaak) -> list[ZaakUitbreiding]:
    """The blocks of every registered module for this case, in registration-name order.
    A failing provider is logged and left out: one module must not break another's page."""
    blokken = []
    for naam in sorted(_REGISTER):
        try:
            blok = _REGISTER[naam](actor, zaak)
        except Exception:
            logger.exception("zaak_uitbreiding %s failed for zaak %s", naam, zaak.pk)
            continue
        if blok is not None:
            blokken.append(
                blok
                if blok.naam
                else ZaakUitbreiding(blok.titel, blok.regels, blok.links, blok.waarschuwingen, naam)
            )
    return blokken
