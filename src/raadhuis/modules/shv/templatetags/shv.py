"""Template helpers of the debt-assistance screens: amounts in euro, term states, status
badges."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel import geld

register = template.Library()

TERMIJN_BADGES = {
    "gehaald": ("success", _("Gehaald")),
    "te_laat_gehaald": ("warning", _("Te laat gehaald")),
    "te_laat": ("danger", _("Te laat")),
    "open": ("neutral", _("Open")),
}
SCHULD_BADGES = {
    "opgevraagd": "neutral",
    "opgegeven": "active",
    "geverifieerd": "success",
    "in_regeling": "success",
    "betwist": "warning",
    "afgelost": "neutral",
}


@register.filter
def euro(value: Decimal | int | None) -> str:
    """'€ 1.234,56' (Dutch notation); '—' when there is no amount."""
    return geld.euro(value)


@register.simple_tag
def termijn_status(toestand: str) -> str:
    """A badge for a legal term: met, met late, late, or open."""
    soort, tekst = TERMIJN_BADGES.get(toestand, ("neutral", "—"))
    return format_html(
        '<span class="utrecht-status-badge utrecht-status-badge--{} rh-badge">{}</span>',
        soort,
        tekst,
    )


@register.simple_tag
def schuld_status(schuld: object) -> str:
    status = getattr(schuld, "status", "")
    return format_html(
        '<span class="utrecht-status-badge utrecht-status-badge--{} rh-badge">{}</span>',
        SCHULD_BADGES.get(status, "neutral"),
        schuld.get_status_display(),  # type: ignore[attr-defined]
    )


@register.filter
def leeftijd_van(persoon: object, op: object) -> int | str:
    """A BRP person's age on `op` (the BrpPersoon knows how to count it)."""
    leeftijd = persoon.leeftijd(op)  # type: ignore[attr-defined]
    return "?" if leeftijd is None else leeftijd
