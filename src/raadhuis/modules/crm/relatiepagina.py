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

Most relations have nothing in most blocks. A block whose `fn` is a `Blokfunctie` names the
tables it reads (`bronnen`: a queryset and its party column) and what it shows when none has a
row for the party (`leeg`); the relation page then asks, inside its one query for the
relation, whether each block has rows at all (EXISTS, without the access rule: a "no" is
certain, a "yes" is left to the block's own selector), and an empty block costs no query.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.parties.models import Partij

BlokFunctie = Callable[[Actor, Partij], dict[str, Any] | None]


@dataclass(frozen=True)
class Blokfunctie:
    """A block function that can tell, without a query of its own, that it has nothing.

    `bronnen()` gives every (queryset, party column) the block reads rows from, unfiltered by
    access; `leeg(actor, partij)` must return exactly what `fn` returns when none of them has
    a row for the party (tests compare the two)."""

    fn: BlokFunctie
    bronnen: Callable[[], list[tuple[QuerySet, str]]]
    leeg: BlokFunctie

    def __call__(self, actor: Actor, partij: Partij) -> dict[str, Any] | None:
        return self.fn(actor, partij)


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


def _aanwezig_naam(blok: Relatieblok, index: int) -> str:
    return f"blok_{blok.naam}_{index}_aanwezig"


def relatieblokken_aanwezigheid(partij_kolom: str = "partij_id") -> dict[str, Exists]:
    """The annotations that say, per source of each Blokfunctie, whether it has a row for the
    party in `partij_kolom` of the annotated query (the relation page adds them to the query
    for the relation)."""
    annotaties = {}
    for blok in relatieblokken_geregistreerd():
        if isinstance(blok.fn, Blokfunctie):
            for index, (rijen, kolom) in enumerate(blok.fn.bronnen()):
                annotaties[_aanwezig_naam(blok, index)] = Exists(
                    rijen.filter(**{kolom: OuterRef(partij_kolom)})
                )
    return annotaties


def relatieblokken_aanwezig(geannoteerd: object) -> dict[str, bool]:
    """Block name -> has rows, from an object annotated with relatieblokken_aanwezigheid();
    blocks without sources (or without the annotations) are not in it."""
    aanwezig = {}
    for blok in relatieblokken_geregistreerd():
        if isinstance(blok.fn, Blokfunctie) and hasattr(geannoteerd, _aanwezig_naam(blok, 0)):
            waarden = []
            index = 0
            while hasattr(geannoteerd, naam := _aanwezig_naam(blok, index)):
                waarden.append(getattr(geannoteerd, naam))
                index += 1
            aanwezig[blok.naam] = any(waarden)
    return aanwezig


def relatieblokken(
    actor: Actor, partij: Partij, aanwezig: Mapping[str, bool] | None = None
) -> list[GevuldBlok]:
    """Every registered block for this party with its context, in order; blocks that return
    None or refuse access are left out. A block that `aanwezig` says has no rows gets its
    `leeg` context (no query)."""
    aanwezig = aanwezig or {}
    gevuld = []
    for blok in relatieblokken_geregistreerd():
        fn = blok.fn
        if isinstance(fn, Blokfunctie) and aanwezig.get(blok.naam) is False:
            fn = fn.leeg
        try:
            context = fn(actor, partij)
        except (ToegangGeweigerd, NietGevonden):
            continue
        if context is not None:
            gevuld.append(GevuldBlok(blok=blok, context=context))
    return gevuld
