"""Small helpers shared by the staff views."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme


def wants_partial(request: HttpRequest) -> bool:
    """An htmx request that swaps part of the page (not a history restore, not boosted)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request and not htmx.boosted


def render_page_or_partial(
    request: HttpRequest, page: str, partial: str, context: dict, status: int = 200
) -> HttpResponse:
    """The same data as a full page, or as the fragment htmx swaps in."""
    template = partial if wants_partial(request) else page
    response = render(request, template, context, status=status)
    # The URL alone does not decide the body: caches must keep both variants apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` parameter when it points into this site, else `fallback`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def page_size_from(request: HttpRequest, default: int = 25, low: int = 10, high: int = 100) -> int:
    try:
        size = int(request.GET.get("page_size", default))
    except (TypeError, ValueError):
        return default
    return max(low, min(high, size))
