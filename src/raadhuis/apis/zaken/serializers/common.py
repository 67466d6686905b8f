"""Pieces the Zaken API serializers share: querysets a reference may point at (scoped to the
request's actor), the GeoJSON field and small nested objects."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from raadhuis.apis.common.auth import request_actor
from raadhuis.apis.zaken.fields import RefsListSerializer
from raadhuis.kernel.access.policies import zaak_filter
from raadhuis.kernel.cases.models import Rol, Status, Zaak
from raadhuis.kernel.catalog.models import (
    EigenschapType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
)
from raadhuis.kernel.validators import validate_rsin

GEO_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)


def _organisatie(request: Request | None) -> Any:
    return request_actor(request).organisatie if request is not None else None


def zaaktypen(request: Request | None) -> QuerySet[ZaakType]:
    return ZaakType.objects.filter(catalogus__organisatie=_organisatie(request)).select_related(
        "catalogus"
    )


def _onder_zaaktype(model: type) -> Any:
    def queryset(request: Request | None) -> QuerySet[Any]:
        return model.objects.filter(zaaktype__catalogus__organisatie=_organisatie(request))

    return queryset


statustypen = _onder_zaaktype(StatusType)
roltypen = _onder_zaaktype(RolType)
resultaattypen = _onder_zaaktype(ResultaatType)
eigenschappen = _onder_zaaktype(EigenschapType)
zaakobjecttypen = _onder_zaaktype(ZaakObjectType)


def zaken(request: Request | None) -> QuerySet[Zaak]:
    if request is None:
        return Zaak.objects.none()
    return Zaak.objects.filter(zaak_filter(request_actor(request))).select_related("zaaktype")


def rollen(request: Request | None) -> QuerySet[Rol]:
    if request is None:
        return Rol.objects.none()
    return Rol.objects.filter(zaak_filter(request_actor(request), prefix="zaak__"))


def statussen(request: Request | None) -> QuerySet[Status]:
    if request is None:
        return Status.objects.none()
    return Status.objects.filter(zaak_filter(request_actor(request), prefix="zaak__"))


class RSINField(serializers.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 9)
        super().__init__(**kwargs)
        self.validators.append(_rsin)


def _rsin(value: str) -> None:
    from django.core.exceptions import ValidationError as DjangoValidationError

    try:
        validate_rsin(value)
    except DjangoValidationError as error:
        raise serializers.ValidationError(
            _("Onjuist RSIN: 9 cijfers die aan de elfproef voldoen."), code="invalid"
        ) from error


GEOJSON_SCHEMA = {
    "type": "object",
    "description": "Punt, lijn of (multi-)vlak geometrie-informatie, in GeoJSON.",
    "properties": {
        "type": {"type": "string", "enum": [*GEO_TYPES, "Feature", "FeatureCollection"]},
        "coordinates": {"type": "array", "items": {}},
        "geometries": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {
                        "type": "string",
                        "enum": [*GEO_TYPES, "Feature", "FeatureCollection"],
                    }
                },
            },
        },
    },
    "required": ["type"],
}


@extend_schema_field(GEOJSON_SCHEMA)
class GeoJSONField(serializers.JSONField):
    """A GeoJSON geometry (Point, Polygon, ...), coordinates as [lon, lat]."""

    default_error_messages = {"invalid-geometry": _("Ongeldige GeoJSON-geometrie.")}

    def to_internal_value(self, data: Any) -> Any:
        data = super().to_internal_value(data)
        if data is None:
            return None
        if not isinstance(data, dict) or data.get("type") not in GEO_TYPES:
            self.fail("invalid-geometry")
        key = "geometries" if data["type"] == "GeometryCollection" else "coordinates"
        if not isinstance(data.get(key), list):
            self.fail("invalid-geometry")
        return data


@extend_schema_field({"type": "string", "format": "duration"})
class DuurField(serializers.CharField):
    """An ISO 8601 duration as text (P14D), as the kernel keeps it."""

    def to_internal_value(self, data: Any) -> str:
        from django.core.exceptions import ValidationError as DjangoValidationError

        from raadhuis.kernel.cases.regels import duur_check

        value = super().to_internal_value(data)
        try:
            duur_check("duur", value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                _("Geef een duur volgens ISO 8601 (bijv. P14D)."), code="invalid"
            ) from error
        return value


class _OpDeZaakSerializer(serializers.Serializer):
    """A nested object the Zaak keeps in flat columns: read from the zaak itself."""

    def get_attribute(self, instance: Any) -> Any:
        return instance


class VerlengingSerializer(_OpDeZaakSerializer):
    reden = serializers.CharField(max_length=200)
    duur = DuurField()

    def to_representation(self, zaak: Any) -> dict[str, str] | None:
        if not (zaak.verlenging_reden or zaak.verlenging_duur):
            return None
        return {"reden": zaak.verlenging_reden, "duur": zaak.verlenging_duur}


class OpschortingSerializer(_OpDeZaakSerializer):
    indicatie = serializers.BooleanField()
    reden = serializers.CharField(max_length=200, allow_blank=True)

    def to_representation(self, zaak: Any) -> dict[str, Any]:
        return {"indicatie": zaak.opschorting_indicatie, "reden": zaak.opschorting_reden}


class ProcessobjectSerializer(serializers.Serializer):
    datumkenmerk = serializers.CharField(max_length=250)
    identificatie = serializers.CharField(max_length=250)
    objecttype = serializers.CharField(max_length=250)
    registratie = serializers.CharField(max_length=250)


class ZaakKenmerkSerializer(serializers.Serializer):
    kenmerk = serializers.CharField(max_length=40)
    bron = serializers.CharField(max_length=40)

    class Meta:
        list_serializer_class = RefsListSerializer
