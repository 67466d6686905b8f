"""Resolve a URL of an object in an external ZGW API.

`resolve(url, api_type)` looks up the configured Service whose `api_root` the URL starts with
(longest root wins), fetches the object with that service's client (a ZGW JWT signed with the
service's client id and secret) and keeps the answer a short while in the cache.
"""

from __future__ import annotations

import hashlib
from typing import Any

import requests
from django.core.cache import cache
from django.utils.translation import gettext as _
from zgw_consumers.client import build_client
from zgw_consumers.constants import APITypes
from zgw_consumers.models import Service
from zgw_consumers.nlx import NLXClient

CACHE_SECONDS = 60
CACHE_PREFIX = "zgw-extern:"

__all__ = ["APITypes", "ExternFout", "resolve", "service_for"]


class ExternFout(Exception):
    """An external reference that cannot be used; `code` is the ZGW error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def service_for(url: str, api_type: str) -> Service | None:
    """The configured service of this API type whose api root the URL starts with."""
    candidates = [
        service
        for service in Service.objects.filter(api_type=api_type)
        if url.startswith(service.api_root)
    ]
    return max(candidates, key=lambda s: len(s.api_root), default=None)


def _cache_key(url: str) -> str:
    return CACHE_PREFIX + hashlib.sha256(url.encode()).hexdigest()


def resolve(url: str, api_type: str) -> dict[str, Any]:
    """The JSON object at `url` in an external API of `api_type` (zgw_consumers APITypes,
    e.g. "ztc", "drc"). Raises `ExternFout` with code `bad-url` when no service is configured
    for the URL, `does_not_exist` when the remote answers otherwise than 200 or not at all."""
    cached = cache.get(_cache_key(url))
    if cached is not None:
        return dict(cached)
    service = service_for(url, api_type)
    if service is None:
        raise ExternFout("bad-url", _("Geen geconfigureerde service voor deze URL."))
    data = _fetch(service, url)
    cache.set(_cache_key(url), data, CACHE_SECONDS)
    return data


def _fetch(service: Service, url: str) -> dict[str, Any]:
    client: NLXClient = build_client(service)
    try:
        with client:
            response = client.get(url, headers={"Accept": "application/json"})
    except requests.RequestException as exc:
        raise ExternFout(
            "does_not_exist",
            _("De externe API ({service}) is niet bereikbaar: {fout}.").format(
                service=service.label, fout=type(exc).__name__
            ),
        ) from exc
    if response.status_code != 200:
        raise ExternFout(
            "does_not_exist",
            _("Het object bestaat niet in de externe API ({service}): HTTP {status}.").format(
                service=service.label, status=response.status_code
            ),
        )
    try:
        data = response.json()
    except ValueError as exc:
        raise ExternFout(
            "does_not_exist",
            _("De externe API ({service}) gaf geen JSON terug.").format(service=service.label),
        ) from exc
    if not isinstance(data, dict):
        raise ExternFout(
            "does_not_exist",
            _("De externe API ({service}) gaf geen object terug.").format(service=service.label),
        )
    return data
