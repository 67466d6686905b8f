"""Catalogi API 1.3.3 viewsets: reads through kernel.catalog.selectors (the application's
organisation), writes through kernel.catalog.services (concept rules, audit, notifications)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from raadhuis.apis.catalogi import filters
from raadhuis.apis.catalogi import serializers as s
from raadhuis.apis.catalogi.serializers.base import url_of
from raadhuis.apis.common.viewsets import ZGWModelViewSet
from raadhuis.kernel.catalog import services
from raadhuis.kernel.catalog.models import (
    BesluitType,
    Catalogus,
    EigenschapType,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from raadhuis.kernel.catalog.selectors import catalogusobjecten, met_versie_data

LEZEN = "catalogi.lezen"
SCHRIJVEN = "catalogi.schrijven"
GEFORCEERD_SCHRIJVEN = ("catalogi.schrijven", "catalogi.geforceerd-schrijven")
GEFORCEERD_VERWIJDEREN = ("catalogi.schrijven", "catalogi.geforceerd-verwijderen")

SCOPES_VERSIONED = {
    "list": LEZEN,
    "retrieve": LEZEN,
    "create": SCHRIJVEN,
    "update": GEFORCEERD_SCHRIJVEN,
    "partial_update": GEFORCEERD_SCHRIJVEN,
    "destroy": GEFORCEERD_VERWIJDEREN,
    "publish": SCHRIJVEN,
}
SCOPES_ONDERDEEL = {
    "list": LEZEN,
    "retrieve": LEZEN,
    "create": GEFORCEERD_SCHRIJVEN,
    "update": GEFORCEERD_SCHRIJVEN,
    "partial_update": GEFORCEERD_SCHRIJVEN,
    "destroy": GEFORCEERD_VERWIJDEREN,
}
PUBLISH_ERRORS = ["400", "401", "403", "404", "406", "409", "410", "415", "429", "500"]


class CatalogiViewSet(ZGWModelViewSet):
    api_version = "1.3.3"
    component = "ztc"
    model: type[Model]
    select: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        qs = catalogusobjecten(actor=self.actor, model=self.model)
        if self.model is not Catalogus:
            qs = met_versie_data(qs)
        if self.select:
            qs = qs.select_related(*self.select)
        if self.prefetch:
            qs = qs.prefetch_related(*self.prefetch)
        return qs.order_by("pk")

    def split(self, data: dict[str, Any], *names: str) -> dict[str, Any]:
        """Take the relations the services want separately out of validated data."""
        return {name: data.pop(name) for name in names if name in data}


class CatalogusViewSet(CatalogiViewSet):
    """Opvragen en bewerken van CATALOGUSsen (een catalogus wordt niet verwijderd)."""

    model = Catalogus
    serializer_class = s.CatalogusSerializer
    filterset_class = filters.CatalogusFilter
    schema_operation_id_base = "catalogus"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    destroy = None  # type: ignore[assignment]
    prefetch = ("zaaktypen", "besluittypen", "informatieobjecttypen")
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": SCHRIJVEN,
        "update": GEFORCEERD_SCHRIJVEN,
        "partial_update": GEFORCEERD_SCHRIJVEN,
    }

    def perform_create(self, serializer: s.CatalogusSerializer) -> None:
        data = dict(serializer.validated_data)
        if not data.get("naam"):
            data["naam"] = data["domein"]  # the specification lets naam be empty; we show it
        serializer.instance = services.catalogus_create(actor=self.actor, **data)

    def perform_update(self, serializer: s.CatalogusSerializer) -> None:
        serializer.instance = services.catalogus_update(
            actor=self.actor,
            catalogus=serializer.instance,
            changes=dict(serializer.validated_data),
            partial=serializer.partial,
        )


class ZaakTypeViewSet(CatalogiViewSet):
    """Opvragen en bewerken van ZAAKTYPEn nodig voor ZAKEN in de Zaken API."""

    model = ZaakType
    serializer_class = s.ZaakTypeSerializer
    filterset_class = filters.ZaakTypeFilter
    schema_operation_id_base = "zaaktype"
    select = ("catalogus",)
    prefetch = (
        "statustypen",
        "resultaattypen",
        "eigenschappen",
        "roltypen",
        "informatieobjecttypen",
        "besluittypen",
        "deelzaaktypen",
        "zaakobjecttypen",
        "zaaktypenrelaties__zaaktype",
    )
    required_scopes = {
        **SCOPES_VERSIONED,
        "list": ("catalogi.lezen", "documenten.lezen", "zaken.lezen"),
        "retrieve": ("catalogi.lezen", "documenten.lezen", "zaken.lezen"),
    }
    schema_error_codes = {"publish": PUBLISH_ERRORS}
    RELATIES = ("besluittypen", "deelzaaktypen", "zaaktypenrelaties")

    def perform_create(self, serializer: s.ZaakTypeSerializer) -> None:
        data = dict(serializer.validated_data)
        catalogus = data.pop("catalogus")
        relaties = self.split(data, *self.RELATIES)
        serializer.instance = services.zaaktype_create(
            actor=self.actor,
            catalogus=catalogus,
            fields=data,
            besluittypen=relaties.get("besluittypen", []),
            deelzaaktypen=relaties.get("deelzaaktypen", []),
            gerelateerde_zaaktypen=relaties.get("zaaktypenrelaties", []),
        )

    def perform_update(self, serializer: s.ZaakTypeSerializer) -> None:
        data = dict(serializer.validated_data)
        relaties = self.split(data, *self.RELATIES)
        serializer.instance = services.zaaktype_update(
            actor=self.actor,
            zaaktype=serializer.instance,
            changes=data,
            besluittypen=relaties.get("besluittypen"),
            deelzaaktypen=relaties.get("deelzaaktypen"),
            gerelateerde_zaaktypen=relaties.get("zaaktypenrelaties"),
            partial=serializer.partial,
        )

    def perform_destroy(self, instance: ZaakType) -> None:
        services.zaaktype_delete(actor=self.actor, zaaktype=instance)

    def expand_value(self, data: dict[str, Any], field: str) -> Any:
        if field == "gerelateerdeZaaktypen":
            return [relatie["zaaktype"] for relatie in data.get(field) or []]
        return super().expand_value(data, field)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "datumGeldigheid",
                OpenApiTypes.STR,
                deprecated=True,
                description="filter op datumGeldigheid voor het zelf en alle onderliggende "
                "objecten",
            )
        ]
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(request=OpenApiTypes.OBJECT, responses={200: s.ZaakTypeSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Publiceer het concept ZAAKTYPE."""
        zaaktype = services.zaaktype_publish(actor=self.actor, zaaktype=self.get_object())
        return Response(self.get_serializer(zaaktype).data)


class InformatieObjectTypeViewSet(CatalogiViewSet):
    """Opvragen en bewerken van INFORMATIEOBJECTTYPEn nodig voor INFORMATIEOBJECTen in de
    Documenten API."""

    model = InformatieObjectType
    serializer_class = s.InformatieObjectTypeSerializer
    filterset_class = filters.InformatieObjectTypeFilter
    schema_operation_id_base = "informatieobjecttype"
    select = ("catalogus",)
    prefetch = ("zaaktypen", "besluittypen")
    required_scopes = SCOPES_VERSIONED
    schema_error_codes = {"publish": PUBLISH_ERRORS}

    def perform_create(self, serializer: s.InformatieObjectTypeSerializer) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.informatieobjecttype_create(
            actor=self.actor, catalogus=data.pop("catalogus"), fields=data
        )

    def perform_update(self, serializer: s.InformatieObjectTypeSerializer) -> None:
        serializer.instance = services.informatieobjecttype_update(
            actor=self.actor,
            informatieobjecttype=serializer.instance,
            changes=dict(serializer.validated_data),
            partial=serializer.partial,
        )

    def perform_destroy(self, instance: InformatieObjectType) -> None:
        services.informatieobjecttype_delete(actor=self.actor, informatieobjecttype=instance)

    @extend_schema(request=None, responses={200: s.InformatieObjectTypeSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Publiceer het concept INFORMATIEOBJECTTYPE."""
        iotype = services.informatieobjecttype_publish(
            actor=self.actor, informatieobjecttype=self.get_object()
        )
        return Response(self.get_serializer(iotype).data)


class BesluitTypeViewSet(CatalogiViewSet):
    """Opvragen en bewerken van BESLUITTYPEn nodig voor BESLUITEN in de Besluiten API."""

    model = BesluitType
    serializer_class = s.BesluitTypeSerializer
    filterset_class = filters.BesluitTypeFilter
    schema_operation_id_base = "besluittype"
    select = ("catalogus",)
    prefetch = ("zaaktypen", "informatieobjecttypen", "resultaattypen")
    required_scopes = SCOPES_VERSIONED
    schema_error_codes = {"publish": PUBLISH_ERRORS}

    def perform_create(self, serializer: s.BesluitTypeSerializer) -> None:
        data = dict(serializer.validated_data)
        catalogus = data.pop("catalogus")
        iotypen = data.pop("informatieobjecttypen", [])
        serializer.instance = services.besluittype_create(
            actor=self.actor, catalogus=catalogus, fields=data, informatieobjecttypen=iotypen
        )

    def perform_update(self, serializer: s.BesluitTypeSerializer) -> None:
        data = dict(serializer.validated_data)
        iotypen = data.pop("informatieobjecttypen", None)
        serializer.instance = services.besluittype_update(
            actor=self.actor,
            besluittype=serializer.instance,
            changes=data,
            informatieobjecttypen=iotypen,
            partial=serializer.partial,
        )

    def perform_destroy(self, instance: BesluitType) -> None:
        services.besluittype_delete(actor=self.actor, besluittype=instance)

    @extend_schema(request=None, responses={200: s.BesluitTypeSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Publiceer het concept BESLUITTYPE."""
        besluittype = services.besluittype_publish(actor=self.actor, besluittype=self.get_object())
        return Response(self.get_serializer(besluittype).data)


class OnderdeelViewSet(CatalogiViewSet):
    """The types under a zaaktype: changed only while the zaaktype is a concept."""

    required_scopes = SCOPES_ONDERDEEL
    select = ("zaaktype__catalogus",)
    # relations the service sets after saving (many-to-many or reverse foreign keys)
    relaties: tuple[str, ...] = ()

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        zaaktype = data.pop("zaaktype")
        relaties = self.split(data, *self.relaties)
        serializer.instance = services.typeonderdeel_create(
            actor=self.actor, model=self.model, zaaktype=zaaktype, fields=data, m2m=relaties
        )

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        relaties = self.split(data, *self.relaties)
        serializer.instance = services.typeonderdeel_update(
            actor=self.actor,
            obj=serializer.instance,
            changes=data,
            m2m=relaties,
            partial=serializer.partial,
        )

    def perform_destroy(self, instance: Any) -> None:
        services.typeonderdeel_delete(actor=self.actor, obj=instance)


class StatusTypeViewSet(OnderdeelViewSet):
    """Opvragen en bewerken van STATUSTYPEn nodig voor STATUSsen in de Zaken API."""

    model = StatusType
    serializer_class = s.StatusTypeSerializer
    filterset_class = filters.StatusTypeFilter
    schema_operation_id_base = "statustype"
    prefetch = ("eigenschappen",)
    relaties = ("eigenschappen",)


class RolTypeViewSet(OnderdeelViewSet):
    """Opvragen en bewerken van ROLTYPEn nodig voor ROLLEN in de Zaken API."""

    model = RolType
    serializer_class = s.RolTypeSerializer
    filterset_class = filters.RolTypeFilter
    schema_operation_id_base = "roltype"


class ResultaatTypeViewSet(OnderdeelViewSet):
    """Opvragen en bewerken van RESULTAATTYPEn nodig voor RESULTATEN in de Zaken API."""

    model = ResultaatType
    serializer_class = s.ResultaatTypeSerializer
    filterset_class = filters.ResultaatTypeFilter
    schema_operation_id_base = "resultaattype"
    prefetch = ("besluittypen", "informatieobjecttypen")
    relaties = ("besluittypen", "informatieobjecttypen")


class EigenschapViewSet(OnderdeelViewSet):
    """Opvragen en bewerken van EIGENSCHAPpen van een ZAAKTYPE."""

    model = EigenschapType
    serializer_class = s.EigenschapSerializer
    filterset_class = filters.EigenschapFilter
    schema_operation_id_base = "eigenschap"
    select = ("zaaktype__catalogus", "statustype")


class ZaakTypeInformatieObjectTypeViewSet(OnderdeelViewSet):
    """Opvragen en bewerken van ZAAKTYPE-INFORMATIEOBJECTTYPE relaties."""

    model = ZaakTypeInformatieObjectType
    serializer_class = s.ZaakTypeInformatieObjectTypeSerializer
    filterset_class = filters.ZaakTypeInformatieObjectTypeFilter
    schema_operation_id_base = "zaakinformatieobjecttype"
    select = ("zaaktype__catalogus", "informatieobjecttype", "statustype")

    def expand_value(self, data: dict[str, Any], field: str) -> Any:
        """`informatieobjecttype` is an omschrijving; expand the version this link uses."""
        if field != "informatieobjecttype":
            return super().expand_value(data, field)
        link = self.get_queryset().filter(uuid=str(data["url"]).rsplit("/", 1)[-1]).first()
        if link is None:
            return None
        return url_of(self.request, "informatieobjecttype", link.informatieobjecttype)


class ZaakObjectTypeViewSet(OnderdeelViewSet):
    """Opvragen en bewerken van ZAAKOBJECTTYPEn."""

    model = ZaakObjectType
    serializer_class = s.ZaakObjectTypeSerializer
    filterset_class = filters.ZaakObjectTypeFilter
    schema_operation_id_base = "zaakobjecttype"
    prefetch = ("resultaattypen", "statustypen")
