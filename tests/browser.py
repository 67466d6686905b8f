"""Shared helpers for the browser tests: Debian's Chromium driven by Playwright (never a
downloaded browser) and axe-core from node_modules."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# axe-core impacts that fail a test; "minor" and "moderate" are reported by axe but tolerated.
BLOCKING_IMPACTS = {"serious", "critical"}


def browser_missing() -> str:
    """Why the browser tests cannot run here, or "" when they can."""
    if not Path(CHROMIUM).exists():
        return f"needs {CHROMIUM} (apt-get install chromium)"
    if not AXE.exists():
        return f"needs {AXE.relative_to(REPO_ROOT)} (npm ci)"
    return ""


def serious_violations(page) -> list[str]:  # noqa: ANN001
    """axe-core's serious and critical violations on the page as it is now: rule id, impact,
    help text and the CSS selectors of the offending nodes. The browser context needs
    bypass_csp=True: axe is injected as a script, which the pages' CSP rightly forbids."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — nodes: "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:10])
        for v in violations
        if v["impact"] in BLOCKING_IMPACTS
    ]


def horizontal_overflow(page) -> list[str]:  # noqa: ANN001
    """[] when the page fits the window's width; otherwise the widths and the elements that
    stick out past the window's right edge (tag#id.classes), leaving out those inside a box
    that clips or scrolls by itself, for the assertion message."""
    return page.evaluate(
        """() => {
        const root = document.documentElement;
        if (root.scrollWidth <= window.innerWidth) return [];
        const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
            + (typeof el.className === "string" && el.className.trim()
               ? "." + el.className.trim().split(/\\s+/).join(".") : "");
        const limit = window.innerWidth + 0.5;
        // Inside a box that clips or scrolls by itself, an element cannot widen the page; an
        // absolutely positioned one is clipped only by such a box at or above the positioned
        // ancestor it is placed against, a fixed one by none.
        const contained = (el) => {
            let position = getComputedStyle(el).position;
            let needPositioned = position === "absolute";
            if (position === "fixed") return false;
            for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
                const style = getComputedStyle(up);
                if (needPositioned && style.position === "static") continue;
                needPositioned = false;
                if (style.overflowX !== "visible" && up.getBoundingClientRect().right <= limit) {
                    return true;
                }
                if (style.position === "fixed") return false;
                if (style.position === "absolute") needPositioned = true;
            }
            return false;
        };
        const wide = [...document.querySelectorAll("body *")]
            .filter((el) => el.getBoundingClientRect().right > limit && !contained(el))
            .map((el) => describe(el) + " (right " + Math.round(el.getBoundingClientRect().right)
                 + ")");
        return [`scrollWidth ${root.scrollWidth} > innerWidth ${window.innerWidth}`, ...wide];
    }"""
    )
