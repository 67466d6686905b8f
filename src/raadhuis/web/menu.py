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
    _HOOFDMENU_HTML.clear()  # a rendered menu may show the entry this one replaces


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


# The rendered main menu per everything it depends on (see `hoofdmenu_html`). Bounded: a few
# hundred pages times the role combinations in use; emptied when full rather than tracked.
_HOOFDMENU_HTML: dict[tuple, str] = {}
_HOOFDMENU_MAX = 1024


def hoofdmenu_html(request: Any) -> str:
    """The main menu (web/_nav.html) of this request's actor on this page.

    The menu is the same for every request with the same language, URL prefix, roles, staff
    flag, page and visible module entries, so it is rendered once per process for each such
    combination and then reused: all `{% url %}` and `{% translate %}` of the menu cost nothing
    from the second page view on. The visible entries are worked out on every request from the
    request's own actor, so nothing about a user or their rights is kept between requests."""
    from django.template.loader import render_to_string
    from django.urls import get_script_prefix
    from django.utils.translation import get_language

    actor = getattr(request, "actor", None)
    if actor is None:
        return ""
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    key = (
        get_language(),
        get_script_prefix(),
        actor.rollen,
        bool(getattr(user, "is_staff", False)),
        getattr(match, "view_name", None),
        getattr(match, "url_name", None),
        getattr(match, "namespace", None),
        tuple((i.url_name, i.groep) for i in menu_items(actor)),
    )
    html = _HOOFDMENU_HTML.get(key)
    if html is None:
        html = render_to_string("web/_nav.html", {"actor": actor, "request": request})
        if len(_HOOFDMENU_HTML) >= _HOOFDMENU_MAX:
            _HOOFDMENU_HTML.clear()
        _HOOFDMENU_HTML[key] = html
    return html


def hoofdmenu_cache_clear() -> None:
    """Forget the rendered menus (tests that register entries; never needed otherwise)."""
    _HOOFDMENU_HTML.clear()


class Hoofdmenu:
    """The main menu of one request for a template (`{{ hoofdmenu }}`): rendered when the
    template shows it, at most once."""

    def __init__(self, request: Any) -> None:
        self._request = request
        self._html: str | None = None

    def __html__(self) -> str:
        if self._html is None:
            self._html = hoofdmenu_html(self._request)
        return self._html

    __str__ = __html__
