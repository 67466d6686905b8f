"""Exceptions the kernel raises; views and APIs translate them to 403/404/400."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied


class ToegangGeweigerd(PermissionDenied):
    """The actor may not do or see this."""


class NietGevonden(ObjectDoesNotExist):
    """The object does not exist for this actor (also used where revealing it would leak)."""
