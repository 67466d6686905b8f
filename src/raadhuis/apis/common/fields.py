"""Resources refer to each other by absolute URL (`zaaktype`:
`http://host/catalogi/api/v1/zaaktypen/<uuid>`). These fields render such URLs from a
model's `uuid` and resolve incoming URLs back to local objects, with ZGW error codes:
`bad-url` when the URL is not one of ours for that resource, `does_not_exist` when no such
object exists for the calling application's organisation.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any
from urllib import parse

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.urls import Resolver404, get_script_prefix, resolve
from django.utils.encoding import uri_to_iri
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from raadhuis.kernel.catalog.durations import validate_duration

# (queryset, request) -> the part of it this request may refer to
Scope = Callable[[QuerySet[Any], Request | None], QuerySet[Any]]

URL_MAX_LENGTH = 1000


def organisatie_scope(path: str) -> Scope:
    """A scope keeping the objects whose organisation (reached by `path`, e.g.
    `catalogus__organisatie`) is the calling application's."""

    def scope(queryset: QuerySet[Any], request: Request | None) -> QuerySet[Any]:
        if request is None:
            return queryset.none()
        from raadhuis.apis.common.auth import request_actor

        return queryset.filter(**{path: request_actor(request).organisatie})

    return scope


def path_of(url: str) -> str:
    """The local path of an absolute or relative URL, without the script prefix."""
    path = parse.urlparse(url).path if url.startswith(("http:", "https:")) else url
    prefix = get_script_prefix()
    if path.startswith(prefix):
        path = "/" + path[len(prefix) :]
    return uri_to_iri(parse.unquote(path))


class UUIDHyperlinkedRelatedField(serializers.HyperlinkedRelatedField):
    """A reference to another resource by its absolute URL, looked up by uuid.

    `view_name` is namespaced by API: "catalogi:zaaktype-detail". `scope` narrows the
    queryset per request, e.g. `scope=organisatie_scope("catalogus__organisatie")`.
    """

    lookup_field = "uuid"
    default_error_messages = {
        "required": _("Dit veld is vereist."),
        "bad-url": _("Ongeldige URL: dit is geen URL van een {resource}."),
        "does_not_exist": _("Er bestaat geen {resource} met deze URL."),
        "incorrect_type": _("Onjuist type. Verwachtte een URL, kreeg {data_type}."),
        "max_length": _("Zorg ervoor dat dit veld niet meer dan {max_length} tekens bevat."),
    }

    def __init__(self, view_name: str | None = None, **kwargs: Any) -> None:
        self.scope: Scope | None = kwargs.pop("scope", None)
        super().__init__(view_name=view_name, **kwargs)

    @property
    def resource_name(self) -> str:
        return str(self.view_name).rsplit(":", 1)[-1].removesuffix("-detail")

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        if self.scope is not None:
            queryset = self.scope(queryset, self.context.get("request"))
        return queryset

    def to_internal_value(self, data: Any) -> Model:
        if not isinstance(data, str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if len(data) > URL_MAX_LENGTH:
            self.fail("max_length", max_length=URL_MAX_LENGTH)
        try:
            match = resolve(path_of(data))
        except Resolver404:
            self.fail("bad-url", resource=self.resource_name)
        if match.view_name != self.view_name or self.lookup_field not in match.kwargs:
            self.fail("bad-url", resource=self.resource_name)
        try:
            lookup = uuid.UUID(str(match.kwargs[self.lookup_field]))
        except ValueError:
            self.fail("does_not_exist", resource=self.resource_name)
        obj = self.get_queryset().filter(**{self.lookup_field: lookup}).first()
        if obj is None:
            self.fail("does_not_exist", resource=self.resource_name)
        return obj


class UUIDHyperlinkedIdentityField(serializers.HyperlinkedIdentityField):
    """The resource's own `url`."""

    lookup_field = "uuid"

    def __init__(self, view_name: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("lookup_field", "uuid")
        super().__init__(view_name=view_name, **kwargs)


def resource_url(request: Request | None, view_name: str, obj: Model) -> str:
    """The absolute URL of a local resource (for Location headers, notifications)."""
    from rest_framework.reverse import reverse

    return reverse(view_name, kwargs={"uuid": obj.uuid}, request=request)  # type: ignore[attr-defined]


class BlankAsNullCharField(serializers.CharField):
    """A text the specification makes nullable, stored as "" (Django's convention): "" is
    answered as null, and null is accepted as ""."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str | None:
        return None if value in ("", None) else super().to_representation(value)

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data is None:
            return True, ""
        return super().validate_empty_values(data)


@extend_schema_field({"type": "string", "format": "duration"})
class DurationField(BlankAsNullCharField):
    """An ISO 8601 duration ("P8W", "P3M"), as the specifications' `format: duration`."""

    default_error_messages = {
        "invalid": _("Geef een duur op in ISO 8601, bijvoorbeeld P8W, P3M of P10D."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        try:
            validate_duration(value)
        except DjangoValidationError:
            self.fail("invalid")
        return value
