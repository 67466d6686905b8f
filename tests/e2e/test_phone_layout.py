"""At phone width (390×844) the result lists do not scroll sideways. Their tables stack into
cards there and have a visually hidden caption, which the stacked-table rules once stretched
past the right edge (fixed in raadhuis.css: `.rh-visually-hidden` keeps its 1px size). And the
phone-width check that every story run at desktop width makes does catch a page that scrolls."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.browser import horizontal_overflow
from tests.e2e.conftest import VIEWPORTS

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


WIDE_AT_PHONE_WIDTH = """<!doctype html><html lang="nl"><head><title>Proef</title></head>
<body><main><h1>Proef</h1><p id="breed">Een blok van 600 pixels breed</p></main></body></html>"""


@pytest.mark.parametrize("screen", ["desktop"], indirect=True)
def test_a_story_at_desktop_width_still_catches_sideways_scrolling_at_phone_width(screen):
    # Stories run once, at desktop width; check() narrows the window to phone width. A page
    # that fits 1280 pixels but not 390 must fail there, and the window gets its size back.
    screen = replace(screen, also_phone=True)
    screen.page.set_content(WIDE_AT_PHONE_WIDTH)
    screen.page.evaluate("() => { document.getElementById('breed').style.width = '600px'; }")
    with pytest.raises(AssertionError, match=r"narrowed to phone width\) scrolls sideways"):
        screen.check("a 600px block")
    assert screen.page.viewport_size == VIEWPORTS["desktop"]

    screen.page.evaluate("() => { document.getElementById('breed').style.width = '300px'; }")
    screen.check("a 300px block")  # fits a phone: no complaint
