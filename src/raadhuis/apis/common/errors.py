"""ZGW error bodies: every 4xx/5xx answer of the standard APIs is a `Fout`, a 400 a
`ValidatieFout` with `invalidParams`, both as application/problem+json (the specifications'
components/schemas Fout and ValidatieFout; the same shape as the reference implementation).

Kernel exceptions are translated here, so services raise domain errors and the APIs answer
with the right status: ToegangGeweigerd -> 403, NietGevonden -> 404, Django's
ValidationError (also `kernel.exceptions.field_error`) -> 400 with its codes kept.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)

ERROR_CONTENT_TYPE = "application/problem+json"
NON_FIELD_ERRORS = "nonFieldErrors"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("Niet aan de voorwaarden voldaan.")
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Conflict met de huidige toestand van de resource.")
    default_code = "conflict"


class Gone(exceptions.APIException):
    status_code = status.HTTP_410_GONE
    default_detail = _("De resource bestaat niet meer.")
    default_code = "gone"


def underscore_to_camel(name: str) -> str:
    """`zaaktype_identificatie` -> `zaaktypeIdentificatie`; dotted paths keep their dots."""
    if name == api_settings.NON_FIELD_ERRORS_KEY:
        return NON_FIELD_ERRORS
    first, *rest = name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def django_validation_error_to_drf(exc: DjangoValidationError) -> exceptions.ValidationError:
    """Keep each message's code (Django's `message_dict` drops them)."""
    if hasattr(exc, "error_dict"):
        detail: Any = {
            field: [
                exceptions.ErrorDetail(message, code=error.code or "invalid")
                for error in errors
                for message in error.messages
            ]
            for field, errors in exc.error_dict.items()
        }
        if "__all__" in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop("__all__")
    else:
        detail = {
            api_settings.NON_FIELD_ERRORS_KEY: [
                exceptions.ErrorDetail(message, code=error.code or "invalid")
                for error in exc.error_list
                for message in error.messages
            ]
        }
    return exceptions.ValidationError(detail)


def translate_exception(exc: Exception) -> Exception:
    """Kernel and Django exceptions to their DRF counterpart (others unchanged)."""
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        message = str(exc)
        return exceptions.NotFound(message) if message else exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        message = str(exc)
        return exceptions.PermissionDenied(message) if message else exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        return django_validation_error_to_drf(exc)
    return exc


def invalid_params(detail: Any, prefix: str = "") -> Iterator[dict[str, str]]:
    """Flatten DRF's nested error detail to [{name, code, reason}] with camelCase names;
    nested fields as `parent.child`, list items as `parent.0.child`."""
    if isinstance(detail, dict):
        for field, errors in detail.items():
            name = underscore_to_camel(str(field))
            yield from invalid_params(errors, f"{prefix}.{name}" if prefix else name)
    elif isinstance(detail, list):
        for index, item in enumerate(detail):
            if isinstance(item, dict | list):
                yield from invalid_params(item, f"{prefix}.{index}")
            else:
                yield from invalid_params(item, prefix)
    else:
        code = getattr(detail, "code", None) or "invalid"
        yield {"name": prefix or NON_FIELD_ERRORS, "code": code, "reason": str(detail)}


def _first_code(detail: Any, default: str) -> str:
    code = getattr(detail, "code", None)
    return code if isinstance(code, str) and code else default


VALIDATIE_DETAIL = "Een of meer gegevens zijn ongeldig; zie invalidParams."


def fout_body(
    exc: exceptions.APIException, status_code: int, instance: str, type_uri: str
) -> dict[str, Any]:
    """The Fout (or ValidatieFout) body for one exception."""
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        return {
            "type": type_uri,
            "code": "invalid",
            "title": str(exceptions.ValidationError.default_detail),
            "status": status_code,
            # the specifications require a non-empty detail (minLength 1)
            "detail": VALIDATIE_DETAIL,
            "instance": instance,
            "invalidParams": list(invalid_params(detail)),
        }
    return {
        "type": type_uri,
        "code": _first_code(exc.detail, exc.default_code),
        "title": str(exc.default_detail),
        "status": status_code,
        "detail": str(exc.detail),
        "instance": instance,
    }


def api_base_path(path: str) -> str | None:
    """`/catalogi/api/v1/zaaktypen/x` -> `/catalogi/api/v1/` (None outside the APIs)."""
    marker = "/api/v1/"
    index = path.find(marker)
    return path[: index + len(marker)] if index >= 0 else None


def error_type_uri(request: Any, exc: Exception) -> str:
    """A URI naming the kind of error (RFC 7807 `type`): the API's page describing it
    (`<base>ref/fouten/<name>/`, see schema.py), or about:blank outside the ZGW APIs."""
    base = api_base_path(request.path) if request is not None else None
    if base is None:
        return "about:blank"
    return request.build_absolute_uri(f"{base}ref/fouten/{type(exc).__name__}/")


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF EXCEPTION_HANDLER: every error as a ZGW Fout / ValidatieFout."""
    exc = translate_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Onverwachte fout in de API", exc_info=exc)
        exc = exceptions.APIException()
        response = Response(status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    assert isinstance(exc, exceptions.APIException)
    request = context.get("request")
    instance = f"urn:uuid:{uuid.uuid4()}"
    type_uri = error_type_uri(request, exc)
    response.data = fout_body(exc, response.status_code, instance, type_uri)
    response.content_type = ERROR_CONTENT_TYPE
    return response
