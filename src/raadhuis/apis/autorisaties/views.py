"""The Autorisaties API 1.1.0: the applications of the calling application's organisation.

Reads go through `kernel.access.selectors` (scoped to the organisation), writes through
`kernel.access.services` (audited, with a notification on the `autorisaties` channel)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from raadhuis.apis.autorisaties.schema import AutorisatiesAutoSchema
from raadhuis.apis.autorisaties.serializers import ApplicatieSerializer
from raadhuis.apis.common.viewsets import ZGWModelViewSet
from raadhuis.kernel.access.models import Applicatie
from raadhuis.kernel.access.selectors import (
    applicatie_get,
    applicaties_by_client_id,
    applicaties_zichtbaar,
)
from raadhuis.kernel.access.services import (
    applicatie_create,
    applicatie_delete,
    applicatie_update,
)

LEZEN = "autorisaties.lezen"
BIJWERKEN = "autorisaties.bijwerken"


class ApplicatieFilter(filters.FilterSet):
    clientIds = filters.CharFilter(  # noqa: N815 (the spec's name)
        method="filter_client_ids", help_text="Multiple values may be separated by commas."
    )

    class Meta:
        model = Applicatie
        fields: list[str] = []

    def filter_client_ids(
        self, queryset: QuerySet[Applicatie], name: str, value: str
    ) -> QuerySet[Applicatie]:
        client_ids = [v.strip() for v in value.split(",") if v.strip()]
        return queryset.filter(clients__client_id__in=client_ids).distinct()


@extend_schema_view(
    list=extend_schema(
        summary="Geef een collectie van applicaties, met ingesloten autorisaties.",
        description=(
            "De autorisaties zijn gedefinieerd op een specifieke component, bijvoorbeeld het "
            "ZRC, en geven aan welke scopes van toepassing zijn voor dit component. De waarde "
            "van de `component` bepaalt ook welke verdere informatie ingesloten is, zoals "
            "`zaaktype` en `maxVertrouwelijkheidaanduiding` voor het ZRC.\n\nDe collectie kan "
            "doorzocht worden met de ``clientIds`` query parameter."
        ),
    ),
    retrieve=extend_schema(
        summary="Vraag een applicatie op, met ingesloten autorisaties.",
        description=(
            "De autorisaties zijn gedefinieerd op een specifieke component, bijvoorbeeld het "
            "ZRC, en geven aan welke scopes van toepassing zijn voor dit component. De waarde "
            "van de `component` bepaalt ook welke verdere informatie ingesloten is, zoals "
            "`zaaktype` en `maxVertrouwelijkheidaanduiding` voor het ZRC."
        ),
    ),
    create=extend_schema(
        summary="Registreer een applicatie met een bepaalde set van autorisaties.",
        description=(
            "Indien `heeftAlleAutorisaties` gezet is, dan moet je `autorisaties` leeg (of weg) "
            "laten.\n\nIndien je `autorisaties` meegeeft, dan moet `heeftAlleAutorisaties` de "
            "waarde `false` hebben of weggelaten worden.\n\nNa het aanmaken wordt een "
            "notificatie verstuurd."
        ),
    ),
    update=extend_schema(
        summary="Werk de applicatie bij.",
        description=(
            "Indien `heeftAlleAutorisaties` gezet is, dan moet je `autorisaties` leeg (of weg) "
            "laten.\n\nIndien je `autorisaties` meegeeft, dan moet `heeftAlleAutorisaties` de "
            "waarde `false` hebben of weggelaten worden.\n\nNa het bijwerken wordt een "
            "notificatie verstuurd."
        ),
    ),
    partial_update=extend_schema(
        summary="Werk (een deel van) de applicatie bij.",
        description=(
            "Indien `autorisaties` meegegeven is, dan worden de bestaande `autorisaties` "
            "vervangen met de nieuwe set van `autorisaties`.\n\nIndien `heeftAlleAutorisaties` "
            "gezet is, dan moet je `autorisaties` leeg (of weg) laten.\n\nIndien je "
            "`autorisaties` meegeeft, dan moet `heeftAlleAutorisaties` de waarde `false` hebben "
            "of weggelaten worden.\n\nNa het bijwerken wordt een notificatie verstuurd."
        ),
    ),
    destroy=extend_schema(
        summary="Verwijder een applicatie met de bijhorende autorisaties.",
        description="Na het verwijderen wordt een notificatie verstuurd.",
    ),
)
class ApplicatieViewSet(ZGWModelViewSet):
    api_version = "1.1.0"
    component = "ac"
    schema = AutorisatiesAutoSchema()
    schema_operation_id_base = "applicatie"
    serializer_class = ApplicatieSerializer
    filterset_class = ApplicatieFilter
    queryset = Applicatie.objects.none()  # for schema generation; reads use the selectors
    etag_actions = ()  # the Autorisaties API 1.1.0 has no ETag
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "consumer": LEZEN,
        "create": BIJWERKEN,
        "update": BIJWERKEN,
        "partial_update": BIJWERKEN,
        "destroy": BIJWERKEN,
    }
    schema_error_codes = {
        "consumer": ["401", "403", "404", "406", "409", "410", "415", "429", "500"],
    }

    def get_queryset(self) -> QuerySet[Applicatie]:
        return applicaties_zichtbaar(actor=self.actor)

    def perform_create(self, serializer: ApplicatieSerializer) -> None:  # type: ignore[override]
        applicatie = applicatie_create(self.actor, **serializer.service_arguments())
        serializer.instance = applicatie_get(actor=self.actor, uuid=applicatie.uuid)

    def perform_update(self, serializer: ApplicatieSerializer) -> None:  # type: ignore[override]
        applicatie = applicatie_update(
            self.actor, serializer.instance, **serializer.service_arguments()
        )
        serializer.instance = applicatie_get(actor=self.actor, uuid=applicatie.uuid)

    def perform_destroy(self, instance: Applicatie) -> None:
        applicatie_delete(self.actor, instance)

    @extend_schema(
        summary="Vraag een applicatie op, op basis van clientId",
        description=(
            "Gegeven een `clientId`, via de query string, zoek de bijbehorende applicatie op. "
            "Het antwoord bevat de applicatie met ingesloten autorisaties."
        ),
        parameters=[
            OpenApiParameter(
                "clientId",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                description="Geef het client ID op waarvoor je de applicatie wil opvragen.",
            )
        ],
        filters=False,
    )
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def consumer(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        client_id = request.query_params.get("clientId", "").strip()
        if not client_id:
            raise exceptions.ValidationError(
                {"clientId": [exceptions.ErrorDetail(_("Dit veld is vereist."), code="required")]}
            )
        applicatie = applicaties_by_client_id(actor=self.actor, client_id=client_id).first()
        if applicatie is None:
            raise exceptions.NotFound()
        return Response(self.get_serializer(applicatie).data)
