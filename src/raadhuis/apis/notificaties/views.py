"""Notificaties API 1.0.1: channels, subscriptions, and publishing a notification. Reads go
through kernel/events/selectors.py, writes through kernel/events/services.py; a published
notification enters the same outbox as the kernel's own events (kernel/events/delivery.py)."""

from __future__ import annotations

from typing import Any

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from raadhuis.apis.common.openapi import ZGWAutoSchema
from raadhuis.apis.common.viewsets import ZGWViewMixin
from raadhuis.apis.notificaties.serializers import (
    AbonnementSerializer,
    KanaalSerializer,
    MessageSerializer,
)
from raadhuis.kernel.events.models import Abonnement, Kanaal
from raadhuis.kernel.events.selectors import abonnementen_list, kanalen_list
from raadhuis.kernel.events.services import (
    SCOPE_CONSUMEREN,
    SCOPE_PUBLICEREN,
    abonnement_create,
    abonnement_delete,
    abonnement_update,
    kanaal_create,
    notificatie_publish,
)

ERRORS = ["401", "403", "406", "409", "410", "415", "429", "500"]


class NotificatiesSchema(ZGWAutoSchema):
    """The 1.0.1 document predates the newer ZGW conventions: operationIds end in `_read` and
    `_delete`, and it has no ETag, If-None-Match or Content-Type headers."""

    ACTION_NAMES = {"retrieve": "read", "destroy": "delete"}
    LEFT_OUT_HEADERS = {"If-None-Match", "Content-Type"}

    def get_operation_id(self) -> str:
        base, _sep, action = super().get_operation_id().rpartition("_")
        return f"{base}_{self.ACTION_NAMES.get(action, action)}"

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for response in responses.values():
            response.get("headers", {}).pop("ETag", None)
        return responses

    def _get_parameters(self) -> list[dict[str, Any]]:
        return [
            p
            for p in super()._get_parameters()
            if not (p["in"] == "header" and p["name"] in self.LEFT_OUT_HEADERS)
        ]


class NotificatiesViewMixin(ZGWViewMixin):
    """What the three resources share: version 1.0.1, component nrc, plain lists (the
    specification has no pagination), no ETag (it has none either)."""

    api_version = "1.0.1"
    component = "nrc"
    pagination_class = None
    etag_actions = ()
    schema = NotificatiesSchema()


class KanaalFilter(filters.FilterSet):
    naam = filters.CharFilter(field_name="naam")

    class Meta:
        model = Kanaal
        fields = ("naam",)


@extend_schema(tags=["kanaal"])
class KanaalViewSet(
    NotificatiesViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Alle KANAALen opvragen, een KANAAL aanmaken of een specifiek KANAAL opvragen."""

    serializer_class = KanaalSerializer
    filterset_class = KanaalFilter
    queryset = Kanaal.objects.none()  # for the schema; reads use the selector
    schema_operation_id_base = "kanaal"
    schema_error_codes = {"list": sorted([*ERRORS, "400"]), "retrieve": sorted([*ERRORS, "404"])}
    required_scopes = {
        "list": (SCOPE_PUBLICEREN, SCOPE_CONSUMEREN),
        "retrieve": (SCOPE_PUBLICEREN, SCOPE_CONSUMEREN),
        "create": SCOPE_PUBLICEREN,
    }

    def get_queryset(self) -> Any:
        return kanalen_list()

    def perform_create(self, serializer: KanaalSerializer) -> None:
        data = serializer.validated_data
        serializer.instance = kanaal_create(
            actor=self.actor,
            naam=data["naam"],
            documentatie_link=data.get("documentatie_link", ""),
            filters=data.get("filters", []),
        )


@extend_schema(tags=["abonnement"])
class AbonnementViewSet(
    NotificatiesViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """ABONNEMENTen van de eigen organisatie opvragen, aanmaken, bijwerken en verwijderen."""

    serializer_class = AbonnementSerializer
    queryset = Abonnement.objects.none()
    schema_operation_id_base = "abonnement"
    schema_error_codes = {
        "list": ERRORS,
        "create": sorted([*ERRORS, "400"]),
        "retrieve": sorted([*ERRORS, "404"]),
        "update": sorted([*ERRORS, "400", "404"]),
        "partial_update": sorted([*ERRORS, "400", "404"]),
        "destroy": sorted([*ERRORS, "404"]),
    }
    required_scopes = {
        "list": (SCOPE_CONSUMEREN, SCOPE_PUBLICEREN),
        "retrieve": (SCOPE_CONSUMEREN, SCOPE_PUBLICEREN),
        "create": SCOPE_CONSUMEREN,
        "update": SCOPE_CONSUMEREN,
        "partial_update": SCOPE_CONSUMEREN,
        "destroy": SCOPE_CONSUMEREN,
    }

    def get_queryset(self) -> Any:
        return abonnementen_list(actor=self.actor)

    def perform_create(self, serializer: AbonnementSerializer) -> None:
        serializer.instance = abonnement_create(actor=self.actor, **serializer.service_kwargs())

    def perform_update(self, serializer: AbonnementSerializer) -> None:
        serializer.instance = abonnement_update(
            actor=self.actor, abonnement=serializer.instance, **serializer.service_kwargs()
        )

    def perform_destroy(self, instance: Abonnement) -> None:
        abonnement_delete(actor=self.actor, abonnement=instance)


@extend_schema(tags=["notificaties"])
class NotificatieViewSet(NotificatiesViewMixin, viewsets.GenericViewSet):
    """Publiceer een notificatie: die wordt onveranderd doorgestuurd naar de abonnementen."""

    serializer_class = MessageSerializer
    schema_operation_id_base = "notificaties"
    schema_error_codes = {"create": []}
    required_scopes = {"create": SCOPE_PUBLICEREN}

    @extend_schema(
        description="Publiceer een notificatie.",
        request=MessageSerializer,
        responses={200: MessageSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bericht = serializer.bericht()
        notificatie_publish(actor=self.actor, bericht=bericht)
        return Response(bericht, status=status.HTTP_200_OK)
