"""/zaken, /zaken/_zoek and /zaaknummer_reserveren: reads through kernel selectors scoped by
the application's autorisaties, writes through the kernel services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from raadhuis.apis.common.viewsets import UNFILTERED_PARAMS
from raadhuis.apis.zaken import fields, geo, lijst
from raadhuis.apis.zaken.filters import ZaakFilter
from raadhuis.apis.zaken.pagination import ZakenPagination
from raadhuis.apis.zaken.serializers.zaken import (
    ZaakSerializer,
    ZaakZoekSerializer,
    kernel_velden,
)
from raadhuis.apis.zaken.views.base import BIJWERKEN, LEZEN, ZakenViewSet
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.selectors import zaak_ingezien, zaken_api
from raadhuis.kernel.cases.services import zaak_create, zaak_delete, zaak_update
from raadhuis.kernel.cases.tellingen import zaken_aantal
from raadhuis.kernel.cases.verwijzingen import zaak_verwijzingen_laden

ZOEK_LIJSTEN = {"uuid__in", "zaaktype__in", "zaakgeometrie", "fields", "expand"}
# Query parameters that do not change which cases a list holds (an order changes no count).
ONGEFILTERD = UNFILTERED_PARAMS | {"ordering"}


@extend_schema_view(
    list=extend_schema(summary="Alle ZAAKen opvragen."),
    retrieve=extend_schema(summary="Een specifieke ZAAK opvragen."),
    create=extend_schema(summary="Maak een ZAAK aan."),
    update=extend_schema(summary="Werk een ZAAK in zijn geheel bij."),
    partial_update=extend_schema(summary="Werk een ZAAK deels bij."),
    destroy=extend_schema(summary="Verwijder een ZAAK."),
)
class ZaakViewSet(ZakenViewSet):
    """Opvragen en bewerken van ZAAKen."""

    geo = True
    schema_operation_id_base = "zaak"
    serializer_class = ZaakSerializer
    filterset_class = ZaakFilter
    pagination_class = ZakenPagination
    queryset = Zaak.objects.none()
    location_template = fields.ZAAK
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "_zoek": LEZEN,
        "create": "zaken.aanmaken",
        "update": BIJWERKEN,
        "partial_update": BIJWERKEN,
        "destroy": "zaken.verwijderen",
    }

    def get_queryset(self) -> QuerySet[Zaak]:
        return zaken_api(actor=self.actor)

    def lijst_pagina(self, queryset: QuerySet[Zaak]) -> Response:
        """A page of the list as ZAAKen, built from plain rows (apis/zaken/lijst.py: the same
        JSON as ZaakSerializer, at a fraction of the CPU)."""
        assert self.paginator is not None
        rijen = self.paginator.paginate_queryset(queryset, self.request, view=self)
        items = lijst.LijstWeergave(self.request).zaken(lijst.rijen_laden(rijen))
        return self.get_paginated_response(self._expanded(items))

    def pagina_rijen(self, queryset: QuerySet[Zaak], offset: int, aantal: int) -> list[Any]:
        """The paginator's rows of a page (lijst.pagina_rijen: ids first, then the columns)."""
        return lijst.pagina_rijen(queryset, offset, aantal)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.lijst_pagina(self.filter_queryset(self.get_queryset()))

    def aantal_zonder_filters(self) -> int | None:
        """The exact `count` of an unfiltered list from the counts the database keeps
        (kernel.cases.tellingen), or None: then the paginator counts the filtered set."""
        if self.action != "list" or set(self.request.query_params) - ONGEFILTERD:
            return None
        return zaken_aantal(actor=self.actor)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        zaak = self.get_object()
        zaak_verwijzingen_laden([zaak])
        data = dict(self.get_serializer(zaak).data)
        zaak_ingezien(actor=self.actor, zaak=zaak)
        return Response(self._expanded([data])[0])

    def reread(self, obj: Any) -> Zaak:
        """The written case as GET /zaken/{uuid} shows it, its lists of related rows read in
        one query (as for a page) rather than one query per relation."""
        zaak = super().reread(obj)
        zaak_verwijzingen_laden([zaak])
        return zaak

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        velden = kernel_velden(self.validated())
        zaak = zaak_create(actor=self.actor, eerste_status=False, **velden)
        return self.created(zaak)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        zaak = self.get_object()
        partial = kwargs.get("partial", False)
        velden = kernel_velden(self.validated(partial=partial, instance=zaak))
        zaak = zaak_update(
            actor=self.actor, zaak=zaak, toelichting_wijziging=self.audit_toelichting, **velden
        )
        return self.updated(zaak)

    def perform_destroy(self, instance: Zaak) -> None:
        zaak_delete(actor=self.actor, zaak=instance, toelichting=self.audit_toelichting)

    @extend_schema(
        operation_id="zaak__zoek",
        summary="Voer een (geo)-zoekopdracht uit op ZAAKen.",
        description=(
            "Zoeken/filteren gaat normaal via de `list` operatie, deze is echter niet geschikt "
            "voor geo-zoekopdrachten."
        ),
        request=ZaakZoekSerializer,
        responses={200: ZaakSerializer(many=True)},
        parameters=[],
    )
    @action(methods=["post"], detail=False, url_path="_zoek")
    def _zoek(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not isinstance(request.data, dict) or not request.data:
            raise exceptions.ValidationError(
                {
                    "nonFieldErrors": [
                        exceptions.ErrorDetail(
                            _("Zoekparameters moeten opgegeven worden."), code="empty_search_body"
                        )
                    ]
                }
            )
        zoek = ZaakZoekSerializer(data=request.data, context=self.get_serializer_context())
        zoek.is_valid(raise_exception=True)
        filters = ZaakFilter(
            data=_as_query(request.data), queryset=self.get_queryset(), request=request
        )
        if not filters.is_valid():
            raise serializers.ValidationError(filters.errors)
        queryset = filters.qs
        data = zoek.validated_data
        if data.get("uuid__in") is not None:
            queryset = queryset.filter(uuid__in=data["uuid__in"])
        if data.get("zaaktype__in") is not None:
            uuids = [fields.uuid_in_url(fields.ZAAKTYPE, url) for url in data["zaaktype__in"]]
            queryset = queryset.filter(zaaktype__uuid__in=[u for u in uuids if u])
        if data.get("zaakgeometrie"):
            queryset = geo.within(queryset, data["zaakgeometrie"]["within"])
        return self.lijst_pagina(queryset)


def _as_query(body: dict[str, Any]) -> QueryDict:
    """The search body as list-filter parameters (lists joined by commas)."""
    query = QueryDict(mutable=True)
    for key, value in body.items():
        if key in ZOEK_LIJSTEN:
            continue
        if isinstance(value, list):
            query[key] = ",".join(str(v) for v in value)
        elif isinstance(value, bool):
            query[key] = "true" if value else "false"
        elif value is not None:
            query[key] = str(value)
    return query
