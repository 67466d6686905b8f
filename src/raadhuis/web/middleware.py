"""Request id, security headers and the current organisation of the logged-in medewerker."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare

from raadhuis.kernel.audit.context import request_id_var
from raadhuis.kernel.audit.services import verwerkingen_buffer

SESSION_ORGANISATIE_KEY = "raadhuis_organisatie_id"


class RequestIdMiddleware:
    """The request's id (X-Request-ID) and its processing-log buffer: every read of personal
    data the request logs (audit.services.verwerkingen_record) is written in one INSERT when
    the response is ready, also when the view raised."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            with verwerkingen_buffer():
                response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class SecurityHeadersMiddleware:
    """Content-Security-Policy and friends; Django's SecurityMiddleware does HSTS and nosniff."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        else:
            # The Django admin uses inline scripts and styles of its own.
            response.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
            )
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class CurrentOrganisationMiddleware:
    """Sets request.medewerker and request.actor for the organisation chosen in the session,
    and request.second_factor_required (None when there is no medewerker record).

    One query for all of it, the logged-in user included (kernel.access.staff.
    medewerker_for_request): the user, the medewerker, its organisation and grants, the
    fingerprint that lets the Actor reuse the zaaktype ids, and whether the user must give a
    second factor. All of it is read fresh on every request, so a device added by an
    administrator, an organisation switching mandatory TOTP on, a user made inactive or a
    password change take effect at the next page view, in every worker process, without any
    cache to invalidate.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.medewerker = None
        request.actor = None
        request.second_factor_required = None
        medewerker = _medewerker_with_user(request)
        if medewerker is not None and request.user.is_authenticated:
            from raadhuis.kernel.access.actor import Actor

            request.medewerker = medewerker
            request.actor = Actor.for_medewerker(medewerker)
            request.second_factor_required = bool(
                medewerker.heeft_totp_apparaat or medewerker.totp_verplicht_ergens
            )
        return self.get_response(request)


def _medewerker_with_user(request: HttpRequest) -> Any:
    """The medewerker of the session's user, read with that user in one query; the user is
    handed to Django's authentication (request.user) when Django would accept it.

    Django's own get_user() loads the user with a query of its own. Here the user comes with
    the medewerker, and is accepted only on the path where Django's get_user would accept it
    without side effects: the session's backend is configured and loads users as ModelBackend
    does, the user may log in (is_active) and the session's auth hash matches the current
    password. Every other case (no medewerker, an inactive user, a changed password, a hash of
    a fallback secret, another backend) leaves request.user to Django, which flushes or cycles
    the session as it always does; the medewerker is then used only if Django returns the same
    user.
    """
    from django.contrib import auth
    from django.contrib.auth.backends import ModelBackend

    session = getattr(request, "session", None)
    if session is None:
        return None
    if hasattr(request, "_cached_user"):  # someone asked for request.user already
        return _medewerker_of(request, request.user) if request.user.is_authenticated else None
    try:
        user_id = auth.get_user_model()._meta.pk.to_python(session[auth.SESSION_KEY])
        backend_path = session[auth.BACKEND_SESSION_KEY]
    except (KeyError, ValidationError):
        return None  # anonymous (Django's get_user decides the same)
    medewerker = _medewerker_of(request, user_id)
    if medewerker is None:
        return None
    if backend_path in settings.AUTHENTICATION_BACKENDS:
        backend = auth.load_backend(backend_path)
        user = medewerker.user
        session_hash = session.get(auth.HASH_SESSION_KEY)
        if (
            type(backend).get_user is ModelBackend.get_user
            and backend.user_can_authenticate(user)
            and session_hash
            and constant_time_compare(session_hash, user.get_session_auth_hash())
        ):
            request._cached_user = user  # what auth.get_user(request) would have returned
    user = request.user
    return medewerker if user.is_authenticated and user.pk == medewerker.user_id else None


def _medewerker_of(request: HttpRequest, user: Any) -> Any:
    from raadhuis.kernel.access.staff import medewerker_for_request
    from raadhuis.web.auth.selectors import second_factor_annotations

    return medewerker_for_request(
        user=user,
        organisatie_id=request.session.get(SESSION_ORGANISATIE_KEY),
        extra=second_factor_annotations,
    )


class DutchFirstLocaleMiddleware:
    """Dutch unless the user chose English with the language switch (the language cookie).

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show an
    English UI to every civil servant with an English browser; the tenders ask for Dutch.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override() restores the previous language afterwards, so nothing leaks into the
        # next request served by this thread (or into code outside a request).
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class SessionIdleMiddleware:
    """Renews the session's expiry on activity, at most once a minute.

    Sessions end after SESSION_COOKIE_AGE of inactivity. Django's SESSION_SAVE_EVERY_REQUEST
    would do the same with a database write on every page view; touching the session once a
    minute keeps the idle timeout exact to the minute for a fraction of the writes.
    """

    TOUCH_KEY = "_raadhuis_touched"
    TOUCH_EVERY_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        import time

        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.TOUCH_KEY, 0) >= self.TOUCH_EVERY_SECONDS:
                session[self.TOUCH_KEY] = now  # marks the session modified: saved, expiry renewed
        return response
