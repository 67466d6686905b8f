"""Blocks on the 360° relation page that other CRM parts contribute (complaints, contracts, ...).

The crm core never imports its sub-apps; a sub-app registers a block from its AppConfig.ready()::

    from raadhuis.modules.crm.relatiepagina import relatieblok_register

    def klachten_blok(actor, partij):
        klachten = klachten_van_partij(actor=actor, partij=partij)  # its own selector
        return {"klachten": klachten} if klachten is not None else None

    relatieblok_register("klachten", 40, klachten_blok, "crm/klachten/_relatieblok.html")

`fn(actor, partij)` returns the template context of the block, or None to leave the block out
(nothing to show, or the actor may not see it). The block template is included with that
context plus `partij`, `relatie` and `blok` (the Relatieblok: naam, volgorde, titel). A block
that raises ToegangGeweigerd or NietGevonden is left out too, so one sub-app's access rule
never breaks the whole page. Blocks appear after the core sections, lowest `volgorde` first
(the core uses no numbers; 10-90 are free for sub-apps: klachten 40, contracten 50 suggested).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.parties.models import Partij

BlokFunctie = Callable[[Actor, Partij], dict[str, Any] | None]


@dataclass(frozen=True)
class Relatieblok:
    naam: str
    volgorde: int
    fn: BlokFunctie
    template: str
    titel: str = ""


_BLOKKEN: dict[str, Relatieblok] = {}


def relatieblok_register(
    naam: str, volgorde: int, fn: BlokFunctie, template: str, *, titel: str = ""
) -> None:
    """Add (or replace, by `naam`: ready() may run twice in tests) a block on the relation
    page. `titel` is optional: the block template usually carries its own heading."""
    _BLOKKEN[naam] = Relatieblok(
        naam=naam, volgorde=volgorde, fn=fn, template=template, titel=titel
    )


def relatieblok_unregister(naam: str) -> None:
    """Remove a block (tests that register a block of their own clean up with this)."""
    _BLOKKEN.pop(naam, None)


def relatieblokken_geregistreerd() -> list[Relatieblok]:
    return sorted(_BLOKKEN.values(), key=lambda b: (b.volgorde, b.naam))


@dataclass(frozen=True)
class GevuldBlok:
    blok: Relatieblok
    context: dict[str, Any]


def relatieblokken(actor: Actor, partij: Partij) -> list[GevuldBlok]:
    """Every registered block for this party with its context, in order; blocks that return
    None or refuse access are left out."""
    gevuld = []
    for blok in relatieblokken_geregistreerd():
        try:
            context = blok.fn(actor, partij)
        except (ToegangGeweigerd, NietGevonden):
            continue
        if context is not None:
            gevuld.append(GevuldBlok(blok=blok, context=context))
    return gevuld
