"""Kernel exceptions as HTTP answers, for every view: NietGevonden (not there, or not for you —
deliberately indistinguishable) becomes a 404, ToegangGeweigerd a 403.

ToegangGeweigerd subclasses PermissionDenied, which Django already answers with 403.html;
NietGevonden subclasses ObjectDoesNotExist, which Django would answer with a 500, hence this
middleware. The pages themselves are templates/403.html, 404.html and 500.html.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse

from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd


class KernelExceptionMiddleware:
    """Install after the authentication middleware (settings.MIDDLEWARE)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        translated = kernel_exception_to_http(exception)
        if translated is None:
            return None
        # Django's own handling: the configured handler404/handler403 and their templates.
        return response_for_exception(request, translated)


def kernel_exception_to_http(exception: Exception) -> Exception | None:
    if isinstance(exception, NietGevonden):
        return Http404(str(exception))
    if isinstance(exception, ToegangGeweigerd):
        return PermissionDenied(str(exception))
    return None
