"""Request id, security headers and the current organisation of the logged-in medewerker."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from raadhuis.kernel.audit.context import request_id_var

SESSION_ORGANISATIE_KEY = "raadhuis_organisatie_id"


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
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

    One query for all of it (kernel.access.staff.medewerker_for_request): the medewerker, its
    organisation and grants, the fingerprint that lets the Actor reuse the zaaktype ids, and
    whether the user must give a second factor. The last is read fresh on every request, so
    a device added by an administrator or an organisation switching mandatory TOTP on takes
    effect at the next page view, in every worker process, without any cache to invalidate.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.medewerker = None
        request.actor = None
        request.second_factor_required = None
        if request.user.is_authenticated:
            from raadhuis.kernel.access.actor import Actor
            from raadhuis.kernel.access.staff import medewerker_for_request
            from raadhuis.web.auth.selectors import second_factor_annotations

            medewerker = medewerker_for_request(
                user=request.user,
                organisatie_id=request.session.get(SESSION_ORGANISATIE_KEY),
                **second_factor_annotations(),
            )
            if medewerker is not None:
                request.medewerker = medewerker
                request.actor = Actor.for_medewerker(medewerker)
                request.second_factor_required = bool(
                    medewerker.heeft_totp_apparaat or medewerker.totp_verplicht_ergens
                )
        return self.get_response(request)


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
