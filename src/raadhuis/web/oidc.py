"""OpenID Connect login (Entra ID / Azure AD and other providers) with mozilla-django-oidc.

Switched on with RAADHUIS_OIDC_ENABLED=1 (see settings). The provider proves who someone is;
Raadhuis decides what they may do. So a login is only accepted for an existing, active
medewerker whose e-mail address (case-insensitive) matches the `email` claim. Nobody is ever
created from a token: staff and their roles are set up by a functional administrator.

With RAADHUIS_OIDC_ROLE_MAP set, the provider also decides the roles: each login gives the
user's medewerkers exactly the roles mapped from the role claim (Entra ID app roles), audited,
and a login without a mapped role is refused.

When a second factor is required (see raadhuis.web.auth.selectors.second_factor_required), an
OIDC login counts as the password step: the user still gives the TOTP code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from raadhuis.kernel.organisations.services import medewerker_rollen_sync
from raadhuis.web.auth.selectors import second_factor_required
from raadhuis.web.auth.session import (
    login_complete,
    pending_login_start,
    safe_next_url,
    second_factor_redirect,
)

security_log = logging.getLogger("raadhuis.security")


def mapped_roles(claims: dict) -> set[str]:
    """The Raadhuis roles the claims grant through RAADHUIS_OIDC_ROLE_MAP."""
    values = claims.get(settings.OIDC_ROLE_CLAIM) or []
    if isinstance(values, str):
        values = [values]
    return {settings.OIDC_ROLE_MAP[v] for v in values if v in settings.OIDC_ROLE_MAP}


class RaadhuisOIDCBackend(OIDCAuthenticationBackend):
    """Maps a provider account to an existing medewerker by e-mail; refuses everyone else."""

    def filter_users_by_claims(self, claims: dict) -> QuerySet:
        email = (claims.get("email") or "").strip()
        users = get_user_model()._default_manager.none()
        if email:
            users = (
                get_user_model()
                ._default_manager.filter(
                    is_active=True,
                    medewerkers__email__iexact=email,
                    medewerkers__actief=True,
                )
                .distinct()
            )
        count = users.count()
        if count == 0:
            security_log.warning("oidc login refused: no medewerker with email=%s", email)
        elif count > 1:
            # Two accounts with one address: choosing one at random would be wrong.
            security_log.warning("oidc login refused: several users with email=%s", email)
            return users.none()
        return users

    def get_userinfo(self, access_token: str, id_token: str, payload: dict) -> dict:
        """The userinfo claims, plus the role claim of the ID token: Entra ID puts app roles
        in the ID token only."""
        claims = dict(super().get_userinfo(access_token, id_token, payload))
        role_claim = settings.OIDC_ROLE_CLAIM
        if role_claim not in claims and role_claim in payload:
            claims[role_claim] = payload[role_claim]
        return claims

    def update_user(self, user, claims: dict):  # noqa: ANN001, ANN201 (library signature)
        """Sync the roles from the claims when a role map is configured."""
        if not settings.OIDC_ROLE_MAP:
            return user
        rollen = mapped_roles(claims)
        if not rollen:
            security_log.warning("oidc login refused: no mapped role for user=%s", user.pk)
            return None
        for medewerker in user.medewerkers.filter(actief=True).select_related("organisatie"):
            medewerker_rollen_sync(medewerker, rollen=rollen, bron=settings.OIDC_LOGIN_LABEL)
        return user

    def create_user(self, claims: dict) -> None:
        """Never: staff accounts and their roles come from a functional administrator."""
        return None

    def retrieve_matching_jwk(self, token: str) -> jwt.PyJWK:
        """The signing key: by the token's `kid` (the library), or, for a token without one,
        the provider's only signing key. Some providers (and oidc-provider-mock) leave `kid`
        out; with several keys that would be ambiguous, so it is refused."""
        header = jwt.get_unverified_header(token)
        if "kid" in header:
            return super().retrieve_matching_jwk(token)
        response = requests.get(
            self.OIDC_OP_JWKS_ENDPOINT,
            verify=self.get_settings("OIDC_VERIFY_SSL", True),
            timeout=self.get_settings("OIDC_TIMEOUT", None),
            proxies=self.get_settings("OIDC_PROXY", None),
        )
        response.raise_for_status()
        keys = [
            key
            for key in response.json().get("keys", [])
            if key.get("use", "sig") == "sig"
            and key.get("alg", header.get("alg")) == header.get("alg")
        ]
        if len(keys) != 1:
            raise SuspiciousOperation("ID token has no kid and the provider has several keys.")
        return jwt.PyJWK(keys[0])

    def verify_token(self, token: str, **kwargs) -> dict:
        """Signature and nonce (the library), plus audience and, if configured, issuer."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token is not meant for this client.")
        issuer = getattr(settings, "OIDC_OP_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("ID token comes from an unexpected issuer.")
        return payload


class RaadhuisOIDCCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the user back here; continue with the Raadhuis login steps."""

    def login_success(self) -> HttpResponse:
        next_url = safe_next_url(self.request, self.request.session.get("oidc_login_next"))
        if second_factor_required(user=self.user):
            pending_login_start(self.request, user=self.user, next_url=next_url)
            return second_factor_redirect(self.user)
        return login_complete(self.request, user=self.user, next_url=next_url)

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _(
                "Inloggen via je organisatieaccount is niet gelukt. Ben je nog niet als "
                "medewerker bekend in Raadhuis? Neem dan contact op met je functioneel beheerder."
            ),
        )
        return super().login_failure()


def _only_when_enabled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """404 unless RAADHUIS_OIDC_ENABLED=1 (checked per request, so tests can switch it on)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


authenticate_view = _only_when_enabled(OIDCAuthenticationRequestView.as_view())
callback_view = _only_when_enabled(RaadhuisOIDCCallbackView.as_view())
