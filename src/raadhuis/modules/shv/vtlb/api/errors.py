"""The project's standard error documents (Fout / ValidatieFout, raadhuis.apis.common.errors)
for the VTLB API, with one difference: `invalidParams` names the fields exactly as this API
spells them (snake_case, as in the request), not in the camelCase of the ZGW APIs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings

from raadhuis.apis.common.errors import (
    NON_FIELD_ERRORS,
    exception_handler,
    translate_exception,
)


def invalid_params(detail: Any, prefix: str = "") -> Iterator[dict[str, str]]:
    """DRF's nested error detail as [{name, code, reason}]; nested fields as `parent.child`,
    list items as `parent.0.child`."""
    if isinstance(detail, dict):
        for field, errors in detail.items():
            name = NON_FIELD_ERRORS if field == api_settings.NON_FIELD_ERRORS_KEY else str(field)
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


def vtlb_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    translated = translate_exception(exc)
    response = exception_handler(exc, context)
    if response is not None and isinstance(translated, exceptions.ValidationError):
        detail = (
            translated.detail
            if isinstance(translated.detail, dict)
            else {api_settings.NON_FIELD_ERRORS_KEY: translated.detail}
        )
        response.data["invalidParams"] = list(invalid_params(detail))
    return response
