"""Building blocks of the Catalogi API serializers: camelCase field names over the kernel
models, URL references, the 1.3 "historiemodel" references (by omschrijving or identificatie),
and the version dates beginObject/eindeObject."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from raadhuis.apis.common.errors import underscore_to_camel
from raadhuis.apis.common.fields import (
    UUIDHyperlinkedIdentityField,
    UUIDHyperlinkedRelatedField,
    organisatie_scope,
    path_of,
)
from raadhuis.kernel.catalog.models import Catalogus, StatusType, ZaakType
from raadhuis.kernel.catalog.selectors import versie_data

NS = "catalogi"


def view(resource: str) -> str:
    return f"{NS}:{resource}-detail"


def url_of(request: Any, resource: str, obj: Model) -> str:
    return reverse(view(resource), kwargs={"uuid": obj.uuid}, request=request)  # type: ignore[attr-defined]


class CamelCaseModelSerializer(serializers.ModelSerializer):
    """Model fields named in snake_case in Meta.fields are exposed in camelCase, as the
    specification names them (`contactpersoon_beheer_naam` -> `contactpersoonBeheerNaam`)."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        renamed: dict[str, serializers.Field] = {}
        for name, field in fields.items():
            camel = underscore_to_camel(name)
            if camel != name and field.source is None:
                field.source = name
            if field.source == camel:
                field.source = None  # DRF refuses a source equal to the field name
            renamed[camel] = field
        return renamed


def url_field(resource: str) -> UUIDHyperlinkedIdentityField:
    return UUIDHyperlinkedIdentityField(
        view_name=view(resource),
        help_text=_(
            "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van "
            "dit object."
        ),
    )


def urls_field(resource: str, source: str, help_text: str = "") -> UUIDHyperlinkedRelatedField:
    """A read-only list of references (statustypen of a zaaktype, ...)."""
    return UUIDHyperlinkedRelatedField(
        view_name=view(resource), many=True, read_only=True, source=source, help_text=help_text
    )


def catalogus_field(**kwargs: Any) -> UUIDHyperlinkedRelatedField:
    kwargs.setdefault("help_text", _("URL-referentie naar de CATALOGUS."))
    return UUIDHyperlinkedRelatedField(
        view_name=view("catalogus"),
        queryset=Catalogus.objects.all(),
        scope=organisatie_scope("organisatie"),
        **kwargs,
    )


def zaaktype_field(**kwargs: Any) -> UUIDHyperlinkedRelatedField:
    kwargs.setdefault("help_text", _("URL-referentie naar het ZAAKTYPE."))
    return UUIDHyperlinkedRelatedField(
        view_name=view("zaaktype"),
        queryset=ZaakType.objects.select_related("catalogus"),
        scope=organisatie_scope("catalogus__organisatie"),
        **kwargs,
    )


def statustype_field(**kwargs: Any) -> UUIDHyperlinkedRelatedField:
    return UUIDHyperlinkedRelatedField(
        view_name=view("statustype"),
        queryset=StatusType.objects.all(),
        scope=organisatie_scope("zaaktype__catalogus__organisatie"),
        allow_null=True,
        required=False,
        **kwargs,
    )


@extend_schema_field({"type": "array", "items": {"type": "string"}, "readOnly": True})
class ValuesField(serializers.Field):
    """A read-only list of one attribute of related objects (omschrijvingen, identificaties)."""

    def __init__(self, getter: Callable[[Any], Iterable[str]], **kwargs: Any) -> None:
        self.getter = getter
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> list[str]:
        return list(dict.fromkeys(self.getter(value)))


@extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
class HistorieRelatieField(serializers.ListField):
    """A list of references that the Catalogi API 1.3 writes by omschrijving (or
    identificatie) and answers as URLs. A URL is accepted on input as well."""

    child = serializers.CharField(max_length=1000)

    def __init__(self, resource: str, **kwargs: Any) -> None:
        self.resource = resource
        self.view_name = view(resource)  # for `expand`
        super().__init__(**kwargs)

    def to_representation(self, data: Any) -> list[str]:
        request = self.context.get("request")
        return [url_of(request, self.resource, obj) for obj in data.all()]


def uuid_from_url(value: str, resource: str) -> uuid.UUID | None:
    """The uuid in a URL of one of our `resource` URLs (None when it is not one)."""
    try:
        match = resolve(path_of(value))
    except Resolver404:
        return None
    if match.view_name != view(resource):
        return None
    try:
        return uuid.UUID(str(match.kwargs.get("uuid")))
    except ValueError:
        return None


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def invalid(field: str, message: str, code: str) -> serializers.ValidationError:
    return serializers.ValidationError({field: [serializers.ErrorDetail(message, code=code)]})


def resolve_historie(
    values: Iterable[str],
    *,
    field: str,
    resource: str,
    model: type[Model],
    catalogus: Catalogus,
    by_name: Callable[..., tuple[list[Any], list[str]]],
    name_kwarg: str,
) -> list[Any]:
    """Objects for references given by URL or by name within the catalogue."""
    values = list(values)
    urls = [v for v in values if is_url(v)]
    names = [v for v in values if not is_url(v)]
    found: list[Any] = []
    for value in urls:
        object_uuid = uuid_from_url(value, resource)
        if object_uuid is None:
            raise invalid(field, str(_("Ongeldige URL: {url}")).format(url=value), "bad-url")
        obj = model.objects.filter(uuid=object_uuid, catalogus=catalogus).first()  # type: ignore[attr-defined]
        if obj is None:
            raise invalid(
                field,
                str(_("{url} bestaat niet in deze catalogus.")).format(url=value),
                "does_not_exist",
            )
        found.append(obj)
    if names:
        by_names, missing = by_name(catalogus=catalogus, **{name_kwarg: names})
        if missing:
            raise invalid(
                field,
                str(_("Niet gevonden in deze catalogus: {namen}")).format(namen=", ".join(missing)),
                "does_not_exist",
            )
        found.extend(by_names)
    return list(dict.fromkeys(found))


class VersieDatumMixin(serializers.Serializer):
    """beginObject / eindeObject: the first and last validity of all versions."""

    beginObject = serializers.SerializerMethodField(  # noqa: N815
        help_text=_("De datum waarop de eerst versie van het object ontstaan is.")
    )
    eindeObject = serializers.SerializerMethodField(  # noqa: N815
        help_text=_("De datum van de aller laatste versie van het object.")
    )

    def _versie_data(self, obj: Model) -> tuple[Any, Any]:
        cache = self.context.setdefault("_versie_data", {})
        key = (type(obj), obj.pk)
        if key not in cache:
            cache[key] = versie_data(obj)
        return cache[key]

    @extend_schema_field({"type": "string", "format": "date", "nullable": True, "readOnly": True})
    def get_beginObject(self, obj: Model) -> str | None:  # noqa: N802
        value = self._versie_data(obj)[0]
        return value.isoformat() if value else None

    @extend_schema_field({"type": "string", "format": "date", "nullable": True, "readOnly": True})
    def get_eindeObject(self, obj: Model) -> str | None:  # noqa: N802
        value = self._versie_data(obj)[1]
        return value.isoformat() if value else None
