"""ZGW authentication: a JWT signed with HS256 by a client's shared secret, and scopes.

The standard ("Autorisaties API", "JWT-claims") has a consumer sign a short JWT with its
`client_id` and secret; the provider looks the client up in the Autorisaties API and checks the
scopes of the operation against the application's autorisaties. Here the application and its
autorisaties live in the kernel (`kernel.access`), so a check costs no HTTP call and, thanks to a
short per-process cache, usually no query at all.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import jwt
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import Applicatie, ApplicatieClient, Autorisatie
from raadhuis.kernel.documents.selectors import alleen_gereed_voor_publicatie

NIET_GEAUTHENTICEERD = "Authenticatiegegevens zijn niet opgegeven of ongeldig."


@dataclass(frozen=True)
class ApiUser:
    """`request.user` for an API call: the application, and the end user it acts for."""

    applicatie: Applicatie
    client_id: str
    user_id: str = ""
    user_representation: str = ""
    is_authenticated: bool = True
    is_active: bool = True
    is_staff: bool = False
    is_superuser: bool = False
    is_anonymous: bool = False

    @property
    def pk(self) -> None:  # an application is not a Django user
        return None


# --- a small per-process cache of clients; cleared on every change in this process ----------
_cache: dict[str, tuple[float, ApplicatieClient | None]] = {}
_cache_lock = threading.Lock()


def client_lookup(client_id: str) -> ApplicatieClient | None:
    ttl = settings.API_AUTH_CACHE_SECONDS
    now = time.monotonic()
    hit = _cache.get(client_id)
    if hit and hit[0] > now:
        return hit[1]
    client = (
        ApplicatieClient.objects.select_related("applicatie__organisatie")
        .prefetch_related("applicatie__autorisaties")
        .filter(client_id=client_id)
        .first()
    )
    with _cache_lock:
        _cache[client_id] = (now + ttl, client)
    return client


def clear_cache(**_kwargs: Any) -> None:
    with _cache_lock:
        _cache.clear()


for _model in (Applicatie, ApplicatieClient, Autorisatie):
    post_save.connect(clear_cache, sender=_model, dispatch_uid=f"zgw-auth-{_model.__name__}")
    post_delete.connect(clear_cache, sender=_model, dispatch_uid=f"zgw-auth-{_model.__name__}-d")


class ZGWJWTAuthentication(BaseAuthentication):
    """`Authorization: Bearer <jwt>`; the JWT carries `client_id` (or `iss`) and `iat`."""

    def authenticate(self, request: Request) -> tuple[ApiUser, Applicatie] | None:
        header = get_authorization_header(request).split()
        if not header:
            return None
        if len(header) != 2 or header[0].lower() != b"bearer":
            raise exceptions.AuthenticationFailed(NIET_GEAUTHENTICEERD)
        token = header[1].decode("latin-1")
        try:
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as error:
            raise exceptions.AuthenticationFailed(f"Ongeldige JWT: {error}") from error
        client_id = str(unverified.get("client_id") or unverified.get("iss") or "")
        client = client_lookup(client_id) if client_id else None
        if client is None:
            raise exceptions.AuthenticationFailed("Onbekende client_id in de JWT.")
        claims = _verified_claims(token, client.secret)
        user = ApiUser(
            applicatie=client.applicatie,
            client_id=client_id,
            user_id=str(claims.get("user_id") or ""),
            user_representation=str(claims.get("user_representation") or ""),
        )
        return user, client.applicatie

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="ZGW"'


def _verified_claims(token: str, secret: str) -> dict[str, Any]:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=["HS256"],
            options={"require": ["iat"], "verify_iat": False},
            leeway=settings.JWT_LEEWAY_SECONDS,
        )
    except jwt.PyJWTError as error:
        raise exceptions.AuthenticationFailed(f"Ongeldige JWT: {error}") from error
    max_age = settings.JWT_MAX_AGE_SECONDS
    leeway = settings.JWT_LEEWAY_SECONDS
    try:
        issued_at = float(claims["iat"])
    except (TypeError, ValueError) as error:
        raise exceptions.AuthenticationFailed("Ongeldige JWT: 'iat' is geen tijdstip.") from error
    now = time.time()
    if issued_at > now + leeway:
        raise exceptions.AuthenticationFailed("Ongeldige JWT: uitgegeven in de toekomst.")
    if max_age and issued_at + max_age + leeway < now:
        raise exceptions.AuthenticationFailed("De JWT is verlopen.")
    return claims


def heeft_scope(applicatie: Applicatie, component: str, scope: str) -> bool:
    if applicatie.heeft_alle_autorisaties:
        return True
    return any(
        a.component == component and scope in a.scopes for a in applicatie.autorisaties.all()
    )


class ScopesRequired(BasePermission):
    """Checks the scope a view declares for its action and puts the request's actor on it.

    A view sets `component` ("zrc", "ztc", …) and `required_scopes` {action: scope | None}. An
    action missing from `required_scopes` is refused, so a new action is closed by default."""

    message = "Je hebt niet de benodigde scope voor deze actie."

    def has_permission(self, request: Request, view: Any) -> bool:
        applicatie = request.auth
        if not isinstance(applicatie, Applicatie):
            raise exceptions.NotAuthenticated(NIET_GEAUTHENTICEERD)
        action = getattr(view, "action", None) or request.method.lower()
        required = getattr(view, "required_scopes", {})
        if action not in required:
            return False
        scope = required[action]
        if scope is not None and not heeft_scope(applicatie, view.component, scope):
            return False
        request.actor = _actor_for(request, scope)
        return True


def _actor_for(request: Request, scope: str | None) -> Actor:
    user = request.user
    actor = Actor.for_applicatie(
        request.auth,
        scope,
        gebruiker_id=getattr(user, "user_id", ""),
        gebruiker_weergave=getattr(user, "user_representation", ""),
    )
    # The application is at hand: the kernel's publication rule for documents needs no query.
    alleen_gereed_voor_publicatie(actor, request.auth)
    return actor


def request_actor(request: Request, scope: str | None = None) -> Actor:
    """The kernel actor of an API request, for the scope its action needs (or `scope`)."""
    if scope is None and getattr(request, "actor", None) is not None:
        return request.actor
    return _actor_for(request, scope)
