"""The Besluiten API 1.1.0: decisions, their documents and their audit trail.

Reads go through `kernel.cases.besluit_selectors` (access in the SQL: the application's
besluittype grants and its organisation), writes through the kernel services
(`kernel.cases.koppelingen` for decisions, `kernel.documents.services` for their documents),
which check the rules, write the audit trail and queue the notifications (kanaal `besluiten`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from raadhuis.apis.besluiten.audittrail import AuditTrailSerializer, audit_regel
from raadhuis.apis.besluiten.filters import BesluitFilter, BesluitInformatieObjectFilter
from raadhuis.apis.besluiten.schema import BesluitenAutoSchema
from raadhuis.apis.besluiten.serializers import (
    BesluitInformatieObjectSerializer,
    BesluitSerializer,
)
from raadhuis.apis.common.audittrail import audit_pk, regels_volledig
from raadhuis.apis.common.expand import ExpandMixin
from raadhuis.apis.common.viewsets import ZGWModelViewSet, ZGWViewMixin
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.besluit_selectors import (
    besluit_audit_history,
    besluit_get,
    besluitdocumenten_visible,
    besluiten_list,
)
from raadhuis.kernel.cases.koppelingen import besluit_create, besluit_delete, besluit_update
from raadhuis.kernel.cases.models import Besluit
from raadhuis.kernel.documents.models import BesluitInformatieObject
from raadhuis.kernel.documents.services import besluit_document_add, besluit_document_remove

API_VERSION = "1.1.0"
LEZEN = "besluiten.lezen"
AANMAKEN = "besluiten.aanmaken"
BIJWERKEN = "besluiten.bijwerken"
VERWIJDEREN = "besluiten.verwijderen"
AUDITTRAILS_LEZEN = "audittrails.lezen"
AUDIT_TOELICHTING_HEADER = "X-Audit-Toelichting"

BESLUIT_VALIDATIES = (
    "Er wordt gevalideerd op:\n"
    "- uniciteit van `verantwoorlijkeOrganisatie` + `identificatie`\n"
    "- geldigheid `verantwoorlijkeOrganisatie` RSIN\n"
    "- het `besluittype` mag niet gewijzigd worden\n"
    "- geldigheid `zaak` URL - de resource moet opgevraagd kunnen worden\n"
    "  uit de Zaken API en de vorm van een ZAAK hebben.\n"
    "- `datum` in het verleden of nu\n"
    "- publicatie `besluittype` - `concept` moet `false` zijn"
)


def audit_toelichting(request: Request) -> str:
    """Why the client made this request (header X-Audit-Toelichting), for the audit trail."""
    return request.headers.get(AUDIT_TOELICHTING_HEADER, "")


@extend_schema_view(
    list=extend_schema(
        summary="Alle BESLUITen opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters.",
    ),
    retrieve=extend_schema(
        summary="Een specifiek BESLUIT opvragen.", description="Een specifiek BESLUIT opvragen."
    ),
    create=extend_schema(
        summary="Maak een BESLUIT aan.",
        description=(
            "Indien geen identificatie gegeven is, dan wordt deze automatisch\ngegenereerd.\n\n"
            "Er wordt gevalideerd op:\n"
            "- uniciteit van `verantwoorlijkeOrganisatie` + `identificatie`\n"
            "- geldigheid `verantwoorlijkeOrganisatie` RSIN\n"
            "- geldigheid `besluittype` URL - de resource moet opgevraagd kunnen\n"
            "  worden uit de Catalogi API en de vorm van een BESLUITTYPE hebben.\n"
            "- geldigheid `zaak` URL - de resource moet opgevraagd kunnen worden\n"
            "  uit de Zaken API en de vorm van een ZAAK hebben.\n"
            "- `datum` in het verleden of nu\n"
            "- publicatie `besluittype` - `concept` moet `false` zijn"
        ),
    ),
    update=extend_schema(
        summary="Werk een BESLUIT in zijn geheel bij.", description=BESLUIT_VALIDATIES
    ),
    partial_update=extend_schema(
        summary="Werk een BESLUIT deels bij.", description=BESLUIT_VALIDATIES
    ),
    destroy=extend_schema(
        summary="Verwijder een BESLUIT.",
        description=(
            "Verwijder een BESLUIT samen met alle gerelateerde resources binnen deze API.\n\n"
            "**De gerelateerde resources zijn**\n"
            "- `BESLUITINFORMATIEOBJECT`\n"
            "- audit trail regels"
        ),
    ),
)
class BesluitViewSet(ZGWModelViewSet):
    """Opvragen en bewerken van BESLUITen."""

    api_version = API_VERSION
    component = "brc"
    schema = BesluitenAutoSchema()
    schema_operation_id_base = "besluit"
    serializer_class = BesluitSerializer
    filterset_class = BesluitFilter
    etag_actions = ()
    queryset = Besluit.objects.none()  # for schema generation; reads use the selector
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": AANMAKEN,
        "update": BIJWERKEN,
        "partial_update": BIJWERKEN,
        "destroy": VERWIJDEREN,
    }

    def get_queryset(self) -> QuerySet[Besluit]:
        return besluiten_list(actor=self.actor)

    def perform_create(self, serializer: BesluitSerializer) -> None:
        serializer.instance = besluit_create(
            actor=self.actor,
            toelichting_wijziging=audit_toelichting(self.request),
            **serializer.validated_data,
        )

    def perform_update(self, serializer: BesluitSerializer) -> None:
        serializer.instance = besluit_update(
            actor=self.actor,
            besluit=serializer.instance,
            toelichting_wijziging=audit_toelichting(self.request),
            **serializer.validated_data,
        )

    def perform_destroy(self, instance: Besluit) -> None:
        besluit_delete(
            actor=self.actor,
            besluit=instance,
            toelichting_wijziging=audit_toelichting(self.request),
        )


@extend_schema_view(
    list=extend_schema(
        summary="Alle BESLUIT-INFORMATIEOBJECT relaties opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters.",
    ),
    retrieve=extend_schema(
        summary="Een specifieke BESLUIT-INFORMATIEOBJECT relatie opvragen.",
        description="Een specifieke BESLUIT-INFORMATIEOBJECT relatie opvragen.",
    ),
    create=extend_schema(
        summary="Maak een BESLUIT-INFORMATIEOBJECT relatie aan.",
        description=(
            "Registreer een INFORMATIEOBJECT bij een BESLUIT. Er worden twee types van\n"
            "relaties met andere objecten gerealiseerd:\n\n"
            "**Er wordt gevalideerd op**\n"
            "- geldigheid `besluit` URL\n"
            "- geldigheid `informatieobject` URL\n"
            "- de combinatie `informatieobject` en `besluit` moet uniek zijn\n"
            "- `informatieobject.informatieobjecttype` moet in het ZTC gerelateerd zijn\n"
            "    aan `besluit.besluittype`\n\n"
            "**Opmerkingen**\n"
            "- De `registratiedatum` wordt door het systeem op 'NU' gezet. De\n"
            "  `aardRelatie` wordt ook door het systeem gezet.\n"
            "- Bij het aanmaken wordt ook in de Documenten API de gespiegelde relatie\n"
            "  aangemaakt, echter zonder de relatie-informatie."
        ),
    ),
    destroy=extend_schema(
        summary="Verwijder een BESLUIT-INFORMATIEOBJECT relatie.",
        description="Verwijder een BESLUIT-INFORMATIEOBJECT relatie.",
    ),
)
class BesluitInformatieObjectViewSet(
    ZGWViewMixin,
    ExpandMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Opvragen en bewerken van BESLUIT-INFORMATIEOBJECT relaties."""

    api_version = API_VERSION
    component = "brc"
    schema = BesluitenAutoSchema()
    schema_operation_id_base = "besluitinformatieobject"
    serializer_class = BesluitInformatieObjectSerializer
    filterset_class = BesluitInformatieObjectFilter
    pagination_class = None  # type: ignore[assignment]  # the specification: unpaginated
    etag_actions = ()
    queryset = BesluitInformatieObject.objects.none()
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": AANMAKEN,
        "destroy": VERWIJDEREN,
    }

    def get_queryset(self) -> QuerySet[BesluitInformatieObject]:
        return besluitdocumenten_visible(actor=self.actor)

    def perform_create(self, serializer: BesluitInformatieObjectSerializer) -> None:
        serializer.instance = besluit_document_add(
            actor=self.actor,
            besluit=serializer.validated_data["besluit"],
            informatieobject=serializer.validated_data["informatieobject"],
        )

    def perform_destroy(self, instance: BesluitInformatieObject) -> None:
        besluit_document_remove(actor=self.actor, besluitinformatieobject=instance)


BESLUIT_UUID_PARAMETER = OpenApiParameter(
    "besluit_uuid",
    OpenApiTypes.UUID,
    OpenApiParameter.PATH,
    description="Unieke resource identifier (UUID4)",
)
AUDIT_UUID_PARAMETER = OpenApiParameter(
    "uuid",
    OpenApiTypes.UUID,
    OpenApiParameter.PATH,
    description="Unieke identificatie van de audit regel.",
)


@extend_schema_view(
    list=extend_schema(
        summary="Alle audit trail regels behorend bij het BESLUIT.",
        description="Alle audit trail regels behorend bij het BESLUIT.",
        parameters=[BESLUIT_UUID_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Een specifieke audit trail regel opvragen.",
        description="Een specifieke audit trail regel opvragen.",
        parameters=[BESLUIT_UUID_PARAMETER, AUDIT_UUID_PARAMETER],
    ),
)
class BesluitAuditTrailViewSet(ZGWViewMixin, viewsets.GenericViewSet):
    """The audit trail of one decision: the kernel's audit entries as ZGW AuditTrail."""

    api_version = API_VERSION
    component = "brc"
    schema = BesluitenAutoSchema()
    schema_operation_id_base = "audittrail"
    serializer_class = AuditTrailSerializer
    pagination_class = None  # type: ignore[assignment]
    filter_backends = ()  # type: ignore[assignment]
    check_query_params = False  # the specification lists no 400 here
    etag_actions = ()
    queryset = AuditEntry.objects.none()
    required_scopes = {"list": AUDITTRAILS_LEZEN, "retrieve": AUDITTRAILS_LEZEN}
    schema_error_codes = {"list": ["401", "403", "406", "409", "410", "415", "429", "500"]}

    def _besluit_and_history(self) -> tuple[Besluit, QuerySet[AuditEntry]]:
        besluit = besluit_get(actor=self.actor, uuid=self.kwargs["besluit_uuid"])
        return besluit, besluit_audit_history(actor=self.actor, besluit=besluit)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        besluit, history = self._besluit_and_history()
        regels = regels_volledig(
            [(entry, audit_regel(entry, besluit=besluit, request=request)) for entry in history],
            request,
        )
        return Response(self.get_serializer(regels, many=True).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        besluit, history = self._besluit_and_history()
        pk = audit_pk(self.kwargs["uuid"])
        entry = history.filter(pk=pk).first() if pk is not None else None
        if entry is None:
            raise exceptions.NotFound()
        paren = [(e, audit_regel(e, besluit=besluit, request=request)) for e in history]
        volledig = regels_volledig(paren, request)
        regel = next(r for (e, _r), r in zip(paren, volledig, strict=True) if e.pk == pk)
        return Response(self.get_serializer(regel).data)
