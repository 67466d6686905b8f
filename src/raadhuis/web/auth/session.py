"""The login steps in the session: a pending login between password and TOTP code, the final
login, and where to go afterwards."""

from __future__ import annotations

import time

import django_otp
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp.models import Device

from raadhuis.kernel.organisations.selectors import medewerkers_for_user
from raadhuis.web.auth.selectors import totp_device_confirmed
from raadhuis.web.middleware import SESSION_ORGANISATIE_KEY

PENDING_LOGIN_KEY = "raadhuis_login_pending"
# The password step is good for this long; after that the user starts again.
PENDING_LOGIN_SECONDS = 5 * 60


def safe_next_url(request: HttpRequest, url: str | None) -> str:
    """`url` when it points into this site, else an empty string (no open redirects)."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def pending_login_start(request: HttpRequest, *, user: AbstractBaseUser, next_url: str) -> None:
    """Remember that `user` gave a correct password (or came back from OIDC), not yet a code."""
    request.session.cycle_key()
    request.session[PENDING_LOGIN_KEY] = {
        "user_id": str(user.pk),
        "backend": user.backend,
        "since": time.time(),
        "next": next_url,
    }


def pending_login_user(request: HttpRequest) -> AbstractBaseUser | None:
    """The user of a pending login that has not expired, else None."""
    data = request.session.get(PENDING_LOGIN_KEY)
    if not data:
        return None
    if time.time() - data["since"] > PENDING_LOGIN_SECONDS:
        del request.session[PENDING_LOGIN_KEY]
        return None
    user = get_user_model()._default_manager.filter(pk=data["user_id"], is_active=True).first()
    if user is not None:
        user.backend = data["backend"]
    return user


def user_to_verify(request: HttpRequest) -> AbstractBaseUser | None:
    """Who the TOTP step is for: a pending login, or a logged-in user not yet verified.

    The second case: an organisation switched mandatory TOTP on while its staff were logged
    in; `staff_required` sends them here.
    """
    pending = pending_login_user(request)
    if pending is not None:
        return pending
    if request.user.is_authenticated and not user_is_verified(request.user):
        return request.user
    return None


def user_is_verified(user: AbstractBaseUser) -> bool:
    """True when the user gave a TOTP code in this session (django-otp's OTPMiddleware)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def second_factor_redirect(user: AbstractBaseUser, next_url: str = "") -> HttpResponseRedirect:
    """To the TOTP code step, or to enrolment when the user has no device yet."""
    name = "web:login_totp" if totp_device_confirmed(user=user) else "web:login_totp_setup"
    url = reverse(name)
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return redirect(url)


def pending_next_url(request: HttpRequest) -> str:
    data = request.session.get(PENDING_LOGIN_KEY) or {}
    return data.get("next", "")


def login_complete(
    request: HttpRequest,
    *,
    user: AbstractBaseUser,
    device: Device | None = None,
    next_url: str = "",
) -> HttpResponseRedirect:
    """Log `user` in (and mark the session OTP-verified with `device`), then go on."""
    next_url = pending_next_url(request) or next_url
    if not request.user.is_authenticated or request.user.pk != user.pk:
        auth.login(request, user, backend=user.backend)
        # A fresh login starts without a chosen organisation.
        request.session.pop(SESSION_ORGANISATIE_KEY, None)
    else:
        # Same user, higher assurance: a new session key all the same.
        request.session.cycle_key()
    request.session.pop(PENDING_LOGIN_KEY, None)
    if device is not None:
        django_otp.login(request, device)
    return redirect_after_login(request, next_url)


def redirect_after_login(request: HttpRequest, next_url: str = "") -> HttpResponseRedirect:
    """A user of several organisations first chooses one; everyone else goes on."""
    target = next_url or resolve_url(settings.LOGIN_REDIRECT_URL)
    if SESSION_ORGANISATIE_KEY not in request.session:
        if len(medewerkers_for_user(user=request.user)) > 1:
            url = reverse("web:organisatie_kiezen")
            return redirect(f"{url}?{urlencode({'next': target})}")
    return redirect(target)
