"""Exceptions the kernel raises; views and APIs translate them to 403/404/400."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError


class ToegangGeweigerd(PermissionDenied):
    """The actor may not do or see this."""


class NietGevonden(ObjectDoesNotExist):
    """The object does not exist for this actor (also used where revealing it would leak)."""


def field_error(field: str, message: str, *, code: str) -> ValidationError:
    """A ValidationError on one field that keeps its machine-readable code (for the APIs'
    invalidParams); Django drops `code=` when the message is given as a dict."""
    return ValidationError({field: ValidationError(message, code=code)})
