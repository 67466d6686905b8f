"""Scopes with alternatives, as the specifications write them: "(catalogi.schrijven |
catalogi.geforceerd-schrijven)", or reading zaaktypen with "(catalogi.lezen | documenten.lezen
| zaken.lezen)". A view's `required_scopes` value may be one scope or a tuple of alternatives;
each scope is checked on the component its prefix names (`zaken.` → zrc, ...)."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.request import Request

from raadhuis.apis.common.auth import NIET_GEAUTHENTICEERD, ScopesRequired, heeft_scope
from raadhuis.apis.common.auth import request_actor as _request_actor
from raadhuis.kernel.access.models import Applicatie

COMPONENT_OF_PREFIX = {
    "zaken": "zrc",
    "catalogi": "ztc",
    "documenten": "drc",
    "besluiten": "brc",
    "autorisaties": "ac",
    "notificaties": "nrc",
}


def component_of(scope: str, default: str) -> str:
    return COMPONENT_OF_PREFIX.get(scope.split(".", 1)[0], default)


def scope_label(required: str | tuple[str, ...] | None) -> str | None:
    """How the specifications print a requirement: one scope, or "(a | b)"."""
    if required is None or isinstance(required, str):
        return required
    return "(" + " | ".join(required) + ")"


class ZGWScopesRequired(ScopesRequired):
    """`ScopesRequired` that also accepts a tuple of alternative scopes for an action; the
    request's actor is then built for the first alternative the application holds."""

    def has_permission(self, request: Request, view: Any) -> bool:
        action = getattr(view, "action", None) or request.method.lower()
        required = getattr(view, "required_scopes", {}).get(action)
        if not isinstance(required, tuple):
            return super().has_permission(request, view)
        applicatie = request.auth
        if not isinstance(applicatie, Applicatie):
            raise exceptions.NotAuthenticated(NIET_GEAUTHENTICEERD)
        for scope in required:
            if heeft_scope(applicatie, component_of(scope, view.component), scope):
                request.actor = _request_actor(request, scope)
                return True
        return False
