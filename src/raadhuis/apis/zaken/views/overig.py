"""/zaakinformatieobjecten, /zaakobjecten, /klantcontacten, /zaakcontactmomenten,
/zaakverzoeken, /zaaknotities and /zaken/{zaak_uuid}/besluiten."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.request import Request
from rest_framework.response import Response

from raadhuis.apis.zaken import extern, fields
from raadhuis.apis.zaken.filters import (
    KlantContactFilter,
    UrlFilter,
    ZaakContactMomentFilter,
    ZaakNotitieFilter,
    ZaakObjectFilter,
    ZaakVerzoekFilter,
)
from raadhuis.apis.zaken.pagination import ZakenPagination, ZakenPaginationZonderPageSize
from raadhuis.apis.zaken.serializers.overig import (
    KlantContactSerializer,
    ZaakBesluitSerializer,
    ZaakContactMomentSerializer,
    ZaakInformatieObjectSerializer,
    ZaakNotitieSerializer,
    ZaakObjectSerializer,
    ZaakVerzoekSerializer,
)
from raadhuis.apis.zaken.views.base import (
    AANMAKEN_OF_BIJWERKEN,
    BIJWERKEN,
    LEZEN,
    ZakenViewSet,
)
from raadhuis.apis.zaken.views.onderdelen import ZAAK_UUID, ZaakNestedMixin
from raadhuis.kernel.access.policies import zaak_filter
from raadhuis.kernel.cases import objecten
from raadhuis.kernel.cases.models import (
    Besluit,
    KlantContact,
    ZaakContactMoment,
    ZaakNotitie,
    ZaakObject,
    ZaakVerzoek,
)
from raadhuis.kernel.cases.selectors import onder_zaak_api
from raadhuis.kernel.cases.services import zaak_lock_for_change
from raadhuis.kernel.documents.models import ZaakInformatieObject
from raadhuis.kernel.exceptions import field_error


# --- zaakinformatieobjecten -------------------------------------------------------------------
def _documenten_services() -> Any:
    from raadhuis.kernel.documents import services

    return services


class InformatieObjectUrlFilter(UrlFilter):
    """`?informatieobject=<url>`: a document of ours, or one in another Documenten API (its
    URL as stored)."""

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        request = getattr(self.parent, "request", None)
        if value and request is not None and not value.startswith(fields.site_root(request)):
            return qs.filter(
                Q(informatieobject_url=value) | Q(pk__in=super().filter(qs, value).values("pk"))
            )
        return super().filter(qs, value)


class ZaakInformatieObjectFilter(django_filters.FilterSet):
    zaak = UrlFilter(template=fields.ZAAK)
    informatieobject = InformatieObjectUrlFilter(template=fields.INFORMATIEOBJECT)


class ZaakInformatieObjectViewSet(ZakenViewSet):
    """Opvragen en bewerken van ZAAK-INFORMATIEOBJECT relaties."""

    schema_operation_id_base = "zaakinformatieobject"
    serializer_class = ZaakInformatieObjectSerializer
    filterset_class = ZaakInformatieObjectFilter
    pagination_class = None
    location_template = fields.ZAAKINFORMATIEOBJECT
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": AANMAKEN_OF_BIJWERKEN,
        "update": BIJWERKEN,
        "partial_update": BIJWERKEN,
        "destroy": ("zaken.bijwerken", "zaken.geforceerd-bijwerken", "zaken.verwijderen"),
    }

    queryset = ZaakInformatieObject.objects.none()

    def get_queryset(self) -> QuerySet[Any]:
        from raadhuis.kernel.documents.selectors import zaakinformatieobjecten_zichtbaar

        return (
            zaakinformatieobjecten_zichtbaar(actor=self.actor)
            .select_related("zaak", "informatieobject")
            .order_by("id")
        )

    def _service(self, naam: str) -> Any:
        service = getattr(_documenten_services(), naam, None)
        if service is None:
            raise field_error(
                "non_field_errors",
                _("Het koppelen van documenten via deze API is nog niet beschikbaar."),
                code="niet-beschikbaar",
            )
        return service

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated()
        document = data.pop("informatieobject")
        if isinstance(document, extern.ExternDocument):
            data["informatieobject_url"] = document.extern_url
        else:
            data["informatieobject"] = document
        zio = self._service("zaak_informatieobject_create")(actor=self.actor, **data)
        if zio.informatieobject_url:
            # Committed: the other Documenten API checks back with us before it agrees.
            zio = self._service("zaak_informatieobject_extern_melden")(
                actor=self.actor,
                zaakinformatieobject=zio,
                zaak_url=fields.url_for(request, fields.ZAAK, uuid=zio.zaak.uuid),
            )
        return self.created(zio)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        zio = self.get_object()
        data = self.validated(partial=kwargs.get("partial", False), instance=zio)
        if "zaak" in data and data.pop("zaak").pk != zio.zaak_id:
            raise field_error(
                "zaak", _("Dit veld mag niet gewijzigd worden."), code="wijzigen-niet-toegelaten"
            )
        if "informatieobject" in data and not _zelfde_document(data.pop("informatieobject"), zio):
            raise field_error(
                "informatieobject",
                _("Dit veld mag niet gewijzigd worden."),
                code="wijzigen-niet-toegelaten",
            )
        service = self._service("zaak_informatieobject_update")
        zio = service(
            actor=self.actor,
            zaakinformatieobject=zio,
            gedeeltelijk=kwargs.get("partial", False),
            **data,
        )
        return self.updated(zio)

    def perform_destroy(self, instance: Any) -> None:
        self._service("zaak_informatieobject_delete")(
            actor=self.actor, zaakinformatieobject=instance
        )


def _zelfde_document(document: Any, zio: ZaakInformatieObject) -> bool:
    if isinstance(document, extern.ExternDocument):
        return document.extern_url == zio.informatieobject_url
    return document.pk == zio.informatieobject_id


# --- zaakobjecten -------------------------------------------------------------------------------
class ZaakObjectViewSet(ZakenViewSet):
    """Opvragen en bewerken van ZAAKOBJECTen."""

    schema_operation_id_base = "zaakobject"
    serializer_class = ZaakObjectSerializer
    filterset_class = ZaakObjectFilter
    pagination_class = ZakenPaginationZonderPageSize
    queryset = ZaakObject.objects.none()
    location_template = fields.ZAAKOBJECT
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": AANMAKEN_OF_BIJWERKEN,
        "update": BIJWERKEN,
        "partial_update": BIJWERKEN,
        "destroy": ("zaken.bijwerken", "zaken.geforceerd-bijwerken", "zaken.verwijderen"),
    }

    def get_queryset(self) -> QuerySet[ZaakObject]:
        return onder_zaak_api(actor=self.actor, model=ZaakObject).select_related("zaakobjecttype")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _plain(self.validated())
        zaak = data.pop("zaak")
        return self.created(objecten.zaakobject_create(actor=self.actor, zaak=zaak, **data))

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        zaakobject = self.get_object()
        data = _plain(self.validated(partial=kwargs.get("partial", False), instance=zaakobject))
        return self.updated(
            objecten.zaakobject_update(actor=self.actor, zaakobject=zaakobject, **data)
        )

    def perform_destroy(self, instance: ZaakObject) -> None:
        objecten.zaakobject_remove(actor=self.actor, zaakobject=instance)


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {k: dict(v) if isinstance(v, dict) else v for k, v in data.items()}


# --- klantcontacten, contactmomenten, verzoeken ------------------------------------------------
@extend_schema_view(
    list=extend_schema(deprecated=True),
    retrieve=extend_schema(deprecated=True),
    create=extend_schema(deprecated=True),
)
class KlantContactViewSet(ZakenViewSet):
    """Opvragen en aanmaken van KLANTCONTACTen (DEPRECATED)."""

    http_method_names = ["get", "post"]
    schema_operation_id_base = "klantcontact"
    serializer_class = KlantContactSerializer
    filterset_class = KlantContactFilter
    pagination_class = ZakenPaginationZonderPageSize
    queryset = KlantContact.objects.none()
    etag_actions = ()
    location_template = "zaken/api/v1/klantcontacten/{uuid}"
    required_scopes = {"list": LEZEN, "retrieve": LEZEN, "create": BIJWERKEN}

    def get_queryset(self) -> QuerySet[KlantContact]:
        return onder_zaak_api(actor=self.actor, model=KlantContact)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated()
        return self.created(objecten.klantcontact_create(actor=self.actor, **data))


class _ZaakRelatieViewSet(ZakenViewSet):
    """A zaak's link to an object in another register: list, read, create and remove."""

    http_method_names = ["get", "post", "delete"]
    pagination_class = None
    etag_actions = ()
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": "zaken.bijwerken",
        "destroy": "zaken.bijwerken",
    }
    relatie_create: Any = None  # the kernel service that creates the link

    def get_queryset(self) -> QuerySet[Any]:
        return onder_zaak_api(actor=self.actor, model=self.queryset.model)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated()
        return self.created(type(self).relatie_create(actor=self.actor, **data))


class ZaakContactMomentViewSet(_ZaakRelatieViewSet):
    """Opvragen en bewerken van ZAAK-CONTACTMOMENT relaties."""

    schema_operation_id_base = "zaakcontactmoment"
    serializer_class = ZaakContactMomentSerializer
    filterset_class = ZaakContactMomentFilter
    queryset = ZaakContactMoment.objects.none()
    location_template = "zaken/api/v1/zaakcontactmomenten/{uuid}"
    relatie_create = objecten.zaakcontactmoment_create

    def perform_destroy(self, instance: ZaakContactMoment) -> None:
        objecten.zaakcontactmoment_remove(actor=self.actor, zaakcontactmoment=instance)


class ZaakVerzoekViewSet(_ZaakRelatieViewSet):
    """Opvragen en bewerken van ZAAK-VERZOEK relaties."""

    schema_operation_id_base = "zaakverzoek"
    serializer_class = ZaakVerzoekSerializer
    filterset_class = ZaakVerzoekFilter
    queryset = ZaakVerzoek.objects.none()
    location_template = "zaken/api/v1/zaakverzoeken/{uuid}"
    relatie_create = objecten.zaakverzoek_create

    def perform_destroy(self, instance: ZaakVerzoek) -> None:
        objecten.zaakverzoek_remove(actor=self.actor, zaakverzoek=instance)


# --- zaaknotities -----------------------------------------------------------------------------
@extend_schema_view(
    retrieve=extend_schema(operation_id="zaaknotitie_read"),
    destroy=extend_schema(operation_id="zaaknotitie_delete"),
)
class ZaakNotitieViewSet(ZakenViewSet):
    """Opvragen en bewerken van ZAAKNOTITIEs (experimenteel)."""

    schema_operation_id_base = "zaaknotitie"
    serializer_class = ZaakNotitieSerializer
    filterset_class = ZaakNotitieFilter
    pagination_class = ZakenPagination
    queryset = ZaakNotitie.objects.none()
    etag_actions = ()
    location_template = "zaken/api/v1/zaaknotities/{uuid}"
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": "zaken.bijwerken",
        "update": "zaken.bijwerken",
        "partial_update": "zaken.bijwerken",
        "destroy": "zaken.bijwerken",
    }

    def get_queryset(self) -> QuerySet[ZaakNotitie]:
        return onder_zaak_api(actor=self.actor, model=ZaakNotitie, order=("-aanmaakdatum", "-id"))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated()
        zaak = data.pop("zaak")
        return self.created(objecten.zaaknotitie_create(actor=self.actor, zaak=zaak, **data))

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        notitie = self.get_object()
        data = self.validated(partial=kwargs.get("partial", False), instance=notitie)
        return self.updated(
            objecten.zaaknotitie_update(actor=self.actor, zaaknotitie=notitie, **data)
        )

    def perform_destroy(self, instance: ZaakNotitie) -> None:
        objecten.zaaknotitie_remove(actor=self.actor, zaaknotitie=instance)


# --- zaakbesluiten ------------------------------------------------------------------------------
@extend_schema_view(
    list=extend_schema(parameters=[ZAAK_UUID]),
    retrieve=extend_schema(parameters=[ZAAK_UUID]),
    create=extend_schema(parameters=[ZAAK_UUID]),
    destroy=extend_schema(parameters=[ZAAK_UUID]),
)
class ZaakBesluitViewSet(ZaakNestedMixin, ZakenViewSet):
    """The decisions on a case. In this one kernel the relation is the decision's own `zaak`,
    which the Besluiten API sets; these endpoints confirm that relation rather than keep a
    copy, so the two APIs can never disagree."""

    http_method_names = ["get", "post", "delete"]
    schema_operation_id_base = "zaakbesluit"
    serializer_class = ZaakBesluitSerializer
    pagination_class = None
    filter_backends = ()
    queryset = Besluit.objects.none()
    etag_actions = ()
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": "zaken.bijwerken",
        "destroy": "zaken.bijwerken",
    }

    def get_queryset(self) -> QuerySet[Besluit]:
        return (
            Besluit.objects.filter(zaak_filter(self.actor, prefix="zaak__"))
            .filter(zaak__uuid=self.kwargs.get("zaak_uuid"))
            .select_related("zaak")
            .order_by("id")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        zaak = self.zaak()
        data = self.validated()
        besluit = data["besluit"]
        zaak_lock_for_change(self.actor, zaak)
        if besluit.zaak_id != zaak.pk:
            raise field_error(
                "besluit",
                _("Het besluit verwijst niet naar deze zaak."),
                code="inconsistent-relation",
            )
        response = self.created(besluit)
        response["Location"] = response.data["url"]
        return response

    def perform_destroy(self, instance: Besluit) -> None:
        # The relation ends when the decision no longer names this case (Besluiten API).
        raise field_error(
            "non_field_errors",
            _("Het besluit verwijst nog naar deze zaak; ontkoppel het in de Besluiten API."),
            code="inconsistent-relation",
        )
