"""At phone width (390×844) the result lists do not scroll sideways. Their tables stack into
cards there and have a visually hidden caption, which the stacked-table rules once stretched
past the right edge (fixed in raadhuis.css: `.rh-visually-hidden` keeps its 1px size)."""

from __future__ import annotations

import pytest

from tests.browser import horizontal_overflow

pytestmark = [pytest.mark.e2e]


@pytest.mark.parametrize("screen", ["telefoon"], indirect=True)
def test_result_lists_do_not_scroll_sideways_on_a_phone(screen, wereld):
    screen.login("behandelaar")
    overflowing = {}
    for path in ("/zaken/", "/partijen/?q=Pietersen"):
        screen.page.goto(screen.base_url + path)
        assert screen.page.locator("caption.rh-visually-hidden").count() == 1, path
        overflow = horizontal_overflow(screen.page)
        if overflow:
            overflowing[path] = overflow
    assert overflowing == {}
