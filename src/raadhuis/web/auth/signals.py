"""Failed logins and lock-outs go to the "raadhuis.security" log.

The receivers listen to Django's and django-axes' signals, so every way in is covered: the staff
login page, the Django admin and anything else that calls `authenticate(request, ...)`.
Passwords are never logged (Django removes them from `credentials`).
"""

from __future__ import annotations

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed

security_log = logging.getLogger("raadhuis.security")


def _client_ip(request) -> str:
    return getattr(request, "axes_ip_address", None) or (
        request.META.get("REMOTE_ADDR", "") if request is not None else ""
    )


def login_failed_log(sender, credentials: dict, request=None, **kwargs) -> None:
    if "username" not in credentials:
        return  # not a password login (OIDC logs its own refusals)
    security_log.warning(
        "login failed username=%s ip=%s path=%s",
        credentials.get("username", ""),
        _client_ip(request),
        getattr(request, "path", ""),
    )


def locked_out_log(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    security_log.warning(
        "login refused: locked out username=%s ip=%s", username or "", ip_address or ""
    )


def logged_in_log(sender, request=None, user=None, **kwargs) -> None:
    security_log.info(
        "login ok username=%s ip=%s", user.get_username() if user else "", _client_ip(request)
    )


def security_log_connect() -> None:
    """Connect the receivers; safe to call more than once."""
    user_login_failed.connect(login_failed_log, dispatch_uid="raadhuis_login_failed")
    user_locked_out.connect(locked_out_log, dispatch_uid="raadhuis_locked_out")
    user_logged_in.connect(logged_in_log, dispatch_uid="raadhuis_logged_in")
