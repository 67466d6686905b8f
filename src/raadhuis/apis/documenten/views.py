"""The Documenten API 1.7.0: ENKELVOUDIGINFORMATIEOBJECTen with their versions, content,
checkout (lock/unlock), uploads in parts (BESTANDSDELEN) and audit trail.

Reads go through `kernel.documents.selectors` (access in the SQL: the application's
informatieobjecttype grants and confidentiality); writes through the kernel services, which
check the rules, write the audit trail and queue the notifications (kanaal `documenten`).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from raadhuis.apis.common.audittrail import audit_pk, audit_uuid, regels_volledig
from raadhuis.apis.common.auth import request_actor
from raadhuis.apis.common.expand import Expander, expand_tree
from raadhuis.apis.common.viewsets import ZGWModelViewSet, ZGWViewMixin
from raadhuis.apis.documenten.audittrail import AuditTrailSerializer, audit_regel
from raadhuis.apis.documenten.filters import EnkelvoudigInformatieObjectFilter
from raadhuis.apis.documenten.schema import DocumentenAutoSchema
from raadhuis.apis.documenten.serializers import (
    BestandsDeelResponseSerializer,
    BestandsDeelSerializer,
    BestandsDeelUploadSerializer,
    EIOZoekSerializer,
    EnkelvoudigInformatieObjectCreateLockSerializer,
    EnkelvoudigInformatieObjectSerializer,
    EnkelvoudigInformatieObjectWithLockSerializer,
    LockEnkelvoudigInformatieObjectSerializer,
    UnlockEnkelvoudigInformatieObjectSerializer,
)
from raadhuis.kernel.documents.models import BestandsDeel, InformatieObjectVersie
from raadhuis.kernel.documents.selectors import (
    bestandsdelen_zichtbaar,
    document_audittrail,
    document_get,
    documenten_zichtbaar,
    documentversie_download,
    documentversie_kiezen,
    documentversies_actueel,
)
from raadhuis.kernel.documents.services import document_create, document_delete, document_update
from raadhuis.kernel.documents.vergrendeling import (
    bestandsdeel_upload,
    document_lock,
    document_unlock,
)
from raadhuis.kernel.exceptions import NietGevonden

API_VERSION = "1.7.0"
LEZEN = "documenten.lezen"
AANMAKEN = "documenten.aanmaken"
BIJWERKEN = "documenten.bijwerken"
GEFORCEERD_BIJWERKEN = "documenten.geforceerd-bijwerken"
VERWIJDEREN = "documenten.verwijderen"
LOCK = "documenten.lock"
GEFORCEERD_UNLOCK = "documenten.geforceerd-unlock"
AUDITTRAILS_LEZEN = "audittrails.lezen"
AUDIT_TOELICHTING_HEADER = "X-Audit-Toelichting"


# Actions that read a document (list, one version, its content, a search).
LEES_ACTIES = frozenset({"list", "retrieve", "download", "_zoek"})


def audit_toelichting(request: Request) -> str:
    """Why the client made this request (header X-Audit-Toelichting), for the audit trail."""
    return request.headers.get(AUDIT_TOELICHTING_HEADER, "")


def _uuid_check(value: Any) -> None:
    """A malformed uuid in the path is a 404, like an unknown one."""
    try:
        uuid.UUID(str(value))
    except ValueError as error:
        raise exceptions.NotFound() from error


class BinaryFileRenderer(BaseRenderer):
    """Lets a download be negotiated as application/octet-stream; errors stay JSON."""

    media_type = "application/octet-stream"
    format = "bin"
    charset = None
    render_style = "binary"

    def render(self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None):
        if isinstance(data, bytes):
            return data
        return JSONRenderer().render(data, accepted_media_type, renderer_context)


class EnkelvoudigInformatieObjectViewSet(ZGWModelViewSet):
    """Opvragen en bewerken van (ENKELVOUDIG) INFORMATIEOBJECTen (documenten)."""

    api_version = API_VERSION
    component = "drc"
    schema = DocumentenAutoSchema()
    schema_operation_id_base = "enkelvoudiginformatieobject"
    serializer_class = EnkelvoudigInformatieObjectSerializer
    filterset_class = EnkelvoudigInformatieObjectFilter
    queryset = InformatieObjectVersie.objects.none()  # for schema generation
    audit_headers = True
    versie_actions = ("retrieve", "download")
    schema_error_codes = {
        "download": ["401", "403", "404", "406", "410", "415", "429", "500"],
        "lock": ["400", "401", "403", "404", "406", "410", "415", "429", "500"],
        "unlock": ["400", "401", "403", "404", "406", "410", "415", "429", "500"],
    }
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": AANMAKEN,
        "update": (BIJWERKEN, GEFORCEERD_BIJWERKEN),
        "partial_update": (BIJWERKEN, GEFORCEERD_BIJWERKEN),
        "destroy": VERWIJDEREN,
        "download": LEZEN,
        "lock": LOCK,
        "unlock": (LOCK, GEFORCEERD_UNLOCK),
        "_zoek": LEZEN,
    }

    def get_serializer_class(self) -> type:
        return {
            "create": EnkelvoudigInformatieObjectCreateLockSerializer,
            "update": EnkelvoudigInformatieObjectWithLockSerializer,
            "partial_update": EnkelvoudigInformatieObjectWithLockSerializer,
            "lock": LockEnkelvoudigInformatieObjectSerializer,
            "unlock": UnlockEnkelvoudigInformatieObjectSerializer,
        }.get(self.action or "", EnkelvoudigInformatieObjectSerializer)

    def get_renderers(self) -> list[BaseRenderer]:
        if self.action == "download":
            return [JSONRenderer(), BinaryFileRenderer()]
        return super().get_renderers()

    def get_queryset(self) -> QuerySet[InformatieObjectVersie]:
        # Reads follow the kernel's publication rule (alleenIsGereedVoorPublicatie); writes are
        # governed by the scopes alone.
        return documentversies_actueel(actor=self.actor, lezen=self.action in LEES_ACTIES)

    def get_object(self) -> InformatieObjectVersie:
        """The version asked for (`?versie=`, `?registratieOp=`), or the current one."""
        lookup = self.kwargs.get(self.lookup_field)
        _uuid_check(lookup)
        versie, registratie_op = None, None
        if self.action in ("retrieve", "download"):
            versie, registratie_op = self._versie_params()
        return documentversie_kiezen(
            actor=self.actor,
            uuid=lookup,
            versie=versie,
            registratie_op=registratie_op,
            lezen=self.action in LEES_ACTIES,
        )

    def _versie_params(self) -> tuple[int | None, datetime | None]:
        params = self.request.query_params
        versie = params.get("versie")
        registratie_op = params.get("registratieOp")
        fouten: dict[str, list[exceptions.ErrorDetail]] = {}
        if versie is not None and not versie.isdigit():
            fouten["versie"] = [exceptions.ErrorDetail(_("Voer een getal in."), code="invalid")]
        moment = parse_datetime(registratie_op) if registratie_op else None
        if registratie_op and moment is None:
            fouten["registratieOp"] = [
                exceptions.ErrorDetail(_("Voer een geldige datum/tijd in."), code="invalid")
            ]
        if fouten:
            raise exceptions.ValidationError(fouten)
        return (int(versie) if versie is not None else None), moment

    def perform_create(self, serializer: EnkelvoudigInformatieObjectSerializer) -> None:
        serializer.instance = document_create(
            actor=self.actor,
            gegevens=serializer.gegevens(),
            toelichting=audit_toelichting(self.request),
        )

    def perform_update(self, serializer: EnkelvoudigInformatieObjectSerializer) -> None:
        versie: InformatieObjectVersie = serializer.instance
        serializer.instance = document_update(
            actor=self.actor,
            informatieobject=versie.informatieobject,
            lock=serializer.validated_data.get("lock", ""),
            gegevens=serializer.gegevens(),
            gedeeltelijk=bool(serializer.partial),
            toelichting=audit_toelichting(self.request),
        )

    def perform_destroy(self, instance: InformatieObjectVersie) -> None:
        document_delete(
            actor=self.actor,
            informatieobject=instance.informatieobject,
            toelichting=audit_toelichting(self.request),
        )

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="OK"
            )
        }
    )
    @action(detail=True, methods=["get"])
    def download(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        versie = self.get_object()
        if not versie.bestand:
            return Response(status=status.HTTP_204_NO_CONTENT)
        documentversie_download(actor=self.actor, versie=versie)
        response = FileResponse(
            versie.bestand.open("rb"),
            as_attachment=True,
            filename=versie.bestandsnaam or str(versie.informatieobject.uuid),
            content_type="application/octet-stream",
        )
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(request=None, responses={200: LockEnkelvoudigInformatieObjectSerializer})
    @action(detail=True, methods=["post"])
    def lock(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        versie = self.get_object()
        lock = document_lock(actor=self.actor, informatieobject=versie.informatieobject)
        return Response({"lock": lock})

    @extend_schema(request=UnlockEnkelvoudigInformatieObjectSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def unlock(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        versie = self.get_object()
        serializer = UnlockEnkelvoudigInformatieObjectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document_unlock(
            actor=self.actor,
            informatieobject=versie.informatieobject,
            lock=serializer.validated_data.get("lock", ""),
            geforceerd=self._mag_geforceerd_unlocken(versie),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _mag_geforceerd_unlocken(self, versie: InformatieObjectVersie) -> bool:
        """documenten.geforceerd-unlock for this document's type and confidentiality."""
        actor = request_actor(self.request, GEFORCEERD_UNLOCK)
        if not actor.heeft_scope(GEFORCEERD_UNLOCK):
            return False
        documenten = documenten_zichtbaar(actor=actor, lezen=False)  # unlocking is a write
        return documenten.filter(pk=versie.informatieobject_id).exists()

    @extend_schema(
        request=EIOZoekSerializer, responses={200: EnkelvoudigInformatieObjectSerializer(many=True)}
    )
    @action(detail=False, methods=["post"], url_path="_zoek")
    def _zoek(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not request.data:
            raise exceptions.ValidationError(
                {
                    "non_field_errors": [
                        exceptions.ErrorDetail(
                            _("Geef zoekparameters op."), code="empty_search_body"
                        )
                    ]
                }
            )
        zoek = EIOZoekSerializer(data=request.data)
        zoek.is_valid(raise_exception=True)
        criteria = zoek.validated_data
        queryset = self.get_queryset().filter(informatieobject__uuid__in=criteria["uuid__in"])
        for veld in ("identificatie", "bronorganisatie"):
            if veld in criteria:
                queryset = queryset.filter(**{veld: criteria[veld]})
        page = self.paginate_queryset(queryset)
        data = list(self.get_serializer(page, many=True).data)
        if criteria.get("expand"):
            expander = Expander(request)
            tree = expand_tree(criteria["expand"])
            data = [expander.expand(dict(item), tree) for item in data]
        return self.get_paginated_response(data)


class BestandsDeelViewSet(ZGWViewMixin, viewsets.GenericViewSet):
    """Upload van de BESTANDSDELEN van een groot bestand."""

    api_version = API_VERSION
    component = "drc"
    schema = DocumentenAutoSchema()
    schema_operation_id_base = "bestandsdeel"
    serializer_class = BestandsDeelSerializer
    parser_classes = (MultiPartParser, FormParser)
    content_types = ("application/x-www-form-urlencoded", "multipart/form-data")
    queryset = BestandsDeel.objects.none()
    filter_backends = ()
    required_scopes = {"update": BIJWERKEN}

    def get_queryset(self) -> QuerySet[BestandsDeel]:
        return bestandsdelen_zichtbaar(actor=self.actor)

    @extend_schema(
        request={
            "multipart/form-data": BestandsDeelUploadSerializer,
            "application/x-www-form-urlencoded": BestandsDeelUploadSerializer,
        },
        responses={200: BestandsDeelResponseSerializer},
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        deel = self.get_object()
        upload = BestandsDeelUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        deel = bestandsdeel_upload(
            actor=self.actor,
            bestandsdeel=deel,
            lock=upload.validated_data["lock"],
            inhoud=upload.validated_data["inhoud"],
        )
        deel.informatieobject.refresh_from_db(fields=["lock"])
        return Response(BestandsDeelResponseSerializer(deel, context={"request": request}).data)


class AuditTrailViewSet(ZGWViewMixin, viewsets.GenericViewSet):
    """De audit trail van een (ENKELVOUDIG) INFORMATIEOBJECT."""

    api_version = API_VERSION
    component = "drc"
    schema = DocumentenAutoSchema()
    schema_operation_id_base = "audittrail"
    serializer_class = AuditTrailSerializer
    pagination_class = None
    filter_backends = ()
    etag_actions = ()
    no_etag_actions = ("retrieve",)
    schema_error_codes = {"list": ["401", "403", "406", "409", "410", "415", "429", "500"]}
    required_scopes = {"list": AUDITTRAILS_LEZEN, "retrieve": AUDITTRAILS_LEZEN}

    def _document(self) -> Any:
        document_uuid = self.kwargs.get("enkelvoudiginformatieobject_uuid")
        _uuid_check(document_uuid)
        return document_get(actor=self.actor, uuid=document_uuid)

    @extend_schema(responses={200: AuditTrailSerializer(many=True)})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        io = self._document()
        return Response(AuditTrailSerializer(self._regels(io), many=True).data)

    def _regels(self, io: Any) -> list[dict[str, Any]]:
        """Every line of the document, with full before/after bodies."""
        paren = [
            (entry, audit_regel(entry, informatieobject=io, request=self.request))
            for entry in document_audittrail(actor=self.actor, informatieobject=io)
        ]
        return regels_volledig(paren, self.request)

    @extend_schema(responses={200: AuditTrailSerializer})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        io = self._document()
        pk = audit_pk(self.kwargs.get("uuid", ""))
        entry = document_audittrail(actor=self.actor, informatieobject=io).filter(pk=pk).first()
        if pk is None or entry is None:
            raise NietGevonden(_("Deze audittrailregel bestaat niet."))
        uuid_tekst = str(audit_uuid(entry))
        regel = next(r for r in self._regels(io) if str(r["uuid"]) == uuid_tekst)
        return Response(AuditTrailSerializer(regel).data)
