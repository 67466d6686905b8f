"""The main menu's entries of the domain modules.

The web shell imports no module (import-linter), so a module adds its menu entries from its
AppConfig.ready():

    menu_item_register(MenuItem("budget:rekeningen", _("Budgetbeheer"), groep="medewerker",
                                zichtbaar=heeft_budget_toegang, secties=("budget:",)))

`groep` is the block of the menu the entry stands in (the role that opens it: "medewerker",
"teamleider", "auditor", "functioneel_beheerder"). `secties` are view-name prefixes of the
pages that belong to the entry: on such a page the entry is marked as the current section; when
several entries claim a page, the longest prefix wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from raadhuis.kernel.access.actor import Actor


def _altijd(actor: Actor) -> bool:
    return True


@dataclass(frozen=True)
class MenuItem:
    url_name: str
    label: Any  # a lazy translation
    groep: str
    zichtbaar: Callable[[Actor], bool] = _altijd
    volgorde: int = 100
    secties: tuple[str, ...] = field(default=())
    # The URL name of the main entry this one stands under: it is then not in the main menu
    # but in the section navigation shown on the pages of that main entry.
    onder: str = ""


_ITEMS: dict[tuple[str, str], MenuItem] = {}


def menu_item_register(item: MenuItem) -> None:
    """Add (or replace, by URL name and group) a menu entry; called from an AppConfig.ready()."""
    _ITEMS[(item.url_name, item.groep)] = item


def menu_items(actor: Actor, groep: str | None = None) -> list[MenuItem]:
    """The entries `actor` sees, of one group or of all."""
    items = (i for i in _ITEMS.values() if groep in (None, i.groep) and i.zichtbaar(actor))
    return sorted(items, key=lambda i: (i.volgorde, i.url_name))


def hoofdmenu_item(item: MenuItem, zichtbaar: list[MenuItem]) -> MenuItem:
    """The main-menu entry of `item`: its parent when it stands under one (and the actor
    sees that parent), else itself."""
    if not item.onder:
        return item
    return next((i for i in zichtbaar if i.url_name == item.onder and not i.onder), item)


def menu_item_van(
    view_name: str, items: list[MenuItem] | None = None
) -> tuple[MenuItem | None, bool]:
    """The entry (of `items`, default all) a page belongs to and whether the page is that
    entry's own page."""
    items = list(_ITEMS.values()) if items is None else items
    eigen = next((i for i in items if i.url_name == view_name), None)
    if eigen is not None:
        return eigen, True
    best: tuple[int, MenuItem | None] = (0, None)
    for item in items:
        for prefix in item.secties:
            if view_name.startswith(prefix) and len(prefix) > best[0]:
                best = (len(prefix), item)
    return best[1], False
