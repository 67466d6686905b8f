"""`POST /api/shv/v1/vtlb-berekeningen`, `GET .../{uuid}` and `.../{uuid}/pdf`, and
`POST /api/shv/v1/verdelingen`.

Who may call: a medewerker, functioneel beheerder or beheerder with a staff session (the
session's CSRF token is required for POST), or an application with the ZGW JWT of the
Autorisaties API. An application needs at least one autorisatie (any scope) and acts for its
own organisation; no extra scope exists for these endpoints, because they compute on the data
the caller sends and store it only in the caller's organisation. Errors are the standard
Fout / ValidatieFout documents (raadhuis.apis.common.errors), with field names as sent.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from raadhuis.apis.common.auth import NIET_GEAUTHENTICEERD, ZGWJWTAuthentication, request_actor
from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import Applicatie
from raadhuis.kernel.access.policies import require_role
from raadhuis.modules.shv.vtlb.api.errors import vtlb_exception_handler
from raadhuis.modules.shv.vtlb.api.schema import VtlbAutoSchema
from raadhuis.modules.shv.vtlb.api.serializers import (
    VerdelingAanvraagSerializer,
    VerdelingSerializer,
    VtlbBerekeningAanvraagSerializer,
    VtlbBerekeningSerializer,
)
from raadhuis.modules.shv.vtlb.models import VtlbBerekening
from raadhuis.modules.shv.vtlb.pdf import vtlb_pdf
from raadhuis.modules.shv.vtlb.selectors import REKENEN, berekening_get
from raadhuis.modules.shv.vtlb.services import vtlb_bereken
from raadhuis.modules.shv.vtlb.weergave import verdeling_json


class PdfRenderer(BaseRenderer):
    """Lets a client ask for `Accept: application/pdf`; an error is still a JSON document."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context=None):  # noqa: ANN001, ANN201
        if isinstance(data, bytes):
            return data
        return json.dumps(data).encode()


class HeeftActor(BasePermission):
    """A staff session with a medewerker, or an application's JWT; roles are checked by the
    services (ToegangGeweigerd becomes a 403)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if isinstance(request.auth, Applicatie):
            return True
        if not request.user or not request.user.is_authenticated:
            raise exceptions.NotAuthenticated(NIET_GEAUTHENTICEERD)
        if getattr(request._request, "actor", None) is None:
            raise exceptions.PermissionDenied("Je bent geen medewerker van een organisatie.")
        return True


class VtlbApiView(APIView):
    authentication_classes = (ZGWJWTAuthentication, SessionAuthentication)
    permission_classes = (HeeftActor,)
    parser_classes = (JSONParser,)
    renderer_classes = (JSONRenderer,)
    schema = VtlbAutoSchema()
    # per HTTP method: operation_id, summary, description, request, responses, tags
    openapi: dict[str, dict[str, Any]] = {}

    def get_exception_handler(self) -> Any:
        return vtlb_exception_handler

    @property
    def actor(self) -> Actor:
        if isinstance(self.request.auth, Applicatie):
            return request_actor(self.request, None)
        return self.request._request.actor


def _berekening_document(request: Request, berekening: VtlbBerekening) -> dict[str, Any]:
    url = reverse("shv-api:vtlb-berekening-detail", args=[berekening.uuid], request=request)
    pdf = reverse("shv-api:vtlb-berekening-pdf", args=[berekening.uuid], request=request)
    return {"uuid": str(berekening.uuid), "url": url, "pdf": pdf, **berekening.uitkomst}


class VtlbBerekeningenView(VtlbApiView):
    openapi = {
        "post": {
            "operation_id": "vtlbberekening_create",
            "summary": "Bereken het vrij te laten bedrag en sla de berekening op",
            "description": "Berekent de beslagvrije voet, het vrij te laten bedrag (vtlb) en de "
            "afloscapaciteit volgens de Recofa-methode met de normversie die op de peildatum "
            "geldt, en slaat de berekening op als onveranderlijke momentopname. Bedragen zijn "
            "tekst met twee decimalen.",
            "request": VtlbBerekeningAanvraagSerializer,
            "responses": {201: VtlbBerekeningSerializer},
            "tags": ["vtlb-berekeningen"],
        }
    }

    def post(self, request: Request) -> Response:
        aanvraag = VtlbBerekeningAanvraagSerializer(data=request.data)
        aanvraag.is_valid(raise_exception=True)
        berekening = vtlb_bereken(actor=self.actor, invoer=aanvraag.validated_data)
        document = _berekening_document(request, berekening)
        return Response(
            document, status=status.HTTP_201_CREATED, headers={"Location": document["url"]}
        )


class VtlbBerekeningDetailView(VtlbApiView):
    openapi = {
        "get": {
            "operation_id": "vtlbberekening_retrieve",
            "summary": "Een opgeslagen VTLB-berekening",
            "responses": {200: VtlbBerekeningSerializer},
            "tags": ["vtlb-berekeningen"],
        }
    }

    def get(self, request: Request, uuid: str) -> Response:
        berekening = berekening_get(actor=self.actor, uuid=uuid)
        return Response(_berekening_document(request, berekening))


class VtlbBerekeningPdfView(VtlbApiView):
    renderer_classes = (JSONRenderer, PdfRenderer)

    openapi = {
        "get": {
            "operation_id": "vtlbberekening_pdf",
            "summary": "Een opgeslagen VTLB-berekening als PDF",
            "description": "Elke regel met omschrijving, bedrag, regel of artikel en bron van "
            "de norm.",
            "responses": {
                (200, "application/pdf"): OpenApiResponse(
                    response=OpenApiTypes.BINARY, description="De berekening als PDF."
                )
            },
            "tags": ["vtlb-berekeningen"],
        }
    }

    def get(self, request: Request, uuid: str) -> HttpResponse:
        berekening = berekening_get(actor=self.actor, uuid=uuid)
        response = HttpResponse(vtlb_pdf(berekening), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="vtlb-{berekening.uuid}.pdf"'
        return response


class VerdelingenView(VtlbApiView):
    openapi = {
        "post": {
            "operation_id": "verdeling_create",
            "summary": "Verdeel een bedrag pondspondsgewijs over de schulden",
            "description": "Verdeelt `totaal` naar verhouding van de schulden; een preferente "
            "schuld weegt `preferent_weging` keer zijn bedrag. Geen schuldeiser krijgt meer dan "
            "zijn vordering; de aandelen zijn afgerond op de cent (grootste-restmethode) en "
            "tellen precies op tot het totaal. Bij een totaal van 0 is het aanbod 0%. Er wordt "
            "niets opgeslagen.",
            "request": VerdelingAanvraagSerializer,
            "responses": {200: VerdelingSerializer},
            "tags": ["verdelingen"],
        }
    }

    def post(self, request: Request) -> Response:
        require_role(self.actor, *REKENEN)
        aanvraag = VerdelingAanvraagSerializer(data=request.data)
        aanvraag.is_valid(raise_exception=True)
        return Response(verdeling_json(aanvraag.validated_data["verdeling"]))
