"""/statussen, /resultaten, /rollen, /zaken/{zaak_uuid}/zaakeigenschappen,
/zaken/{zaak_uuid}/audittrail and /zaaknummer_reserveren."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from raadhuis.apis.common.audittrail import audit_pk, volledige_wijzigingen
from raadhuis.apis.zaken import fields
from raadhuis.apis.zaken.filters import ResultaatFilter, RolFilter, StatusFilter
from raadhuis.apis.zaken.pagination import ZakenPaginationZonderPageSize
from raadhuis.apis.zaken.serializers.onderdelen import (
    RESOURCES,
    AuditTrailSerializer,
    ResultaatSerializer,
    StatusSerializer,
    ZaakEigenschapSerializer,
    audit_verb,
)
from raadhuis.apis.zaken.serializers.rollen import RolSerializer
from raadhuis.apis.zaken.views.base import (
    BIJWERKEN,
    LEZEN,
    ZakenViewSet,
)
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.models import Resultaat, Rol, Status, Zaak, ZaakEigenschap
from raadhuis.kernel.cases.objecten import zaaknummers_reserveren
from raadhuis.kernel.cases.selectors import (
    onder_zaak_api,
    rollen_api,
    rollen_ingezien,
    statussen_api,
    zaken_visible,
)
from raadhuis.kernel.cases.services import (
    zaak_eigenschap_remove,
    zaak_eigenschap_set,
    zaak_eigenschap_update,
    zaak_resultaat_remove,
    zaak_resultaat_set,
    zaak_resultaat_update,
    zaak_rol_add,
    zaak_rol_remove,
    zaak_status_set,
)
from raadhuis.kernel.exceptions import field_error

ZAAK_UUID = OpenApiParameter(
    "zaak_uuid", str, OpenApiParameter.PATH, description="Unieke resource identifier (UUID4)"
)


class StatusViewSet(ZakenViewSet):
    """Opvragen en beheren van zaakstatussen."""

    http_method_names = ["get", "post", "head"]
    schema_operation_id_base = "status"
    serializer_class = StatusSerializer
    filterset_class = StatusFilter
    pagination_class = ZakenPaginationZonderPageSize
    queryset = Status.objects.none()
    location_template = fields.STATUS
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": ("zaken.aanmaken", "zaken.statussen.toevoegen", "zaken.heropenen"),
    }

    def get_queryset(self) -> QuerySet[Status]:
        return statussen_api(actor=self.actor)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated()
        status_obj = zaak_status_set(
            actor=self.actor,
            zaak=data["zaak"],
            statustype=data["statustype"],
            toelichting=data.get("statustoelichting", ""),
            datum=data["datum_status_gezet"],
            gezetdoor_rol=data.get("gezetdoor_rol"),
        )
        return self.created(status_obj)


class ResultaatViewSet(ZakenViewSet):
    """Opvragen en beheren van resultaten."""

    schema_operation_id_base = "resultaat"
    serializer_class = ResultaatSerializer
    filterset_class = ResultaatFilter
    pagination_class = ZakenPaginationZonderPageSize
    queryset = Resultaat.objects.none()
    location_template = fields.RESULTAAT
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": BIJWERKEN,
        "update": BIJWERKEN,
        "partial_update": BIJWERKEN,
        "destroy": BIJWERKEN,
    }

    def get_queryset(self) -> QuerySet[Resultaat]:
        return onder_zaak_api(actor=self.actor, model=Resultaat).select_related("resultaattype")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated()
        resultaat = zaak_resultaat_set(
            actor=self.actor,
            zaak=data["zaak"],
            resultaattype=data["resultaattype"],
            toelichting=data.get("toelichting", ""),
            vervangen=False,
        )
        return self.created(resultaat)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        resultaat = self.get_object()
        data = self.validated(partial=kwargs.get("partial", False), instance=resultaat)
        if "zaak" in data and data["zaak"].pk != resultaat.zaak_id:
            raise field_error(
                "zaak", "Dit veld mag niet gewijzigd worden.", code="wijzigen-niet-toegelaten"
            )
        resultaat = zaak_resultaat_update(
            actor=self.actor,
            resultaat=resultaat,
            toelichting=data.get("toelichting", resultaat.toelichting),
            resultaattype=data.get("resultaattype"),
        )
        return self.updated(resultaat)

    def perform_destroy(self, instance: Resultaat) -> None:
        zaak_resultaat_remove(actor=self.actor, resultaat=instance)


class RolViewSet(ZakenViewSet):
    """Opvragen en bewerken van ROLlen."""

    http_method_names = ["get", "post", "delete", "head"]
    schema_operation_id_base = "rol"
    serializer_class = RolSerializer
    filterset_class = RolFilter
    pagination_class = ZakenPaginationZonderPageSize
    queryset = Rol.objects.none()
    location_template = fields.ROL
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": BIJWERKEN,
        "destroy": BIJWERKEN,
    }

    def get_queryset(self) -> QuerySet[Rol]:
        return rollen_api(actor=self.actor)

    def get_object(self) -> Rol:
        rol = super().get_object()
        if self.action == "retrieve":
            rollen_ingezien(actor=self.actor, rollen=[rol])
        return rol

    def paginate_queryset(self, queryset: QuerySet[Rol]) -> list[Rol] | None:
        page = super().paginate_queryset(queryset)
        rollen_ingezien(actor=self.actor, rollen=list(page or []))
        return page

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated()
        rol = zaak_rol_add(
            actor=self.actor,
            zaak=data["zaak"],
            roltype=data["roltype"],
            roltoelichting=data.get("roltoelichting", ""),
            betrokkene_type=data["betrokkene_type"],
            betrokkene_url=data.get("betrokkene_url", ""),
            betrokkene_identificatie=data.get("betrokkeneIdentificatie") or {},
            afwijkende_naam_betrokkene=data.get("afwijkende_naam_betrokkene", ""),
            indicatie_machtiging=data.get("indicatie_machtiging", ""),
            contactpersoon_rol=_plain_or_none(data.get("contactpersoon_rol")),
        )
        return self.created(rol)

    def perform_destroy(self, instance: Rol) -> None:
        zaak_rol_remove(actor=self.actor, rol=instance, toelichting=self.audit_toelichting)


def _plain_or_none(value: Any) -> dict[str, Any] | None:
    return dict(value) if value else None


class ZaakNestedMixin:
    """Resources under /zaken/{zaak_uuid}/: the case must be visible to the actor."""

    kwargs: dict[str, Any]

    def zaak(self) -> Zaak:
        try:
            return (
                zaken_visible(actor=self.actor)
                .select_related("zaaktype")
                .get(  # type: ignore[attr-defined]
                    uuid=self.kwargs["zaak_uuid"]
                )
            )
        except (Zaak.DoesNotExist, ValueError, serializers.ValidationError) as error:
            raise NotFound() from error


@extend_schema_view(
    list=extend_schema(parameters=[ZAAK_UUID]),
    retrieve=extend_schema(parameters=[ZAAK_UUID]),
    create=extend_schema(parameters=[ZAAK_UUID]),
    update=extend_schema(parameters=[ZAAK_UUID]),
    partial_update=extend_schema(parameters=[ZAAK_UUID]),
    destroy=extend_schema(parameters=[ZAAK_UUID]),
)
class ZaakEigenschapViewSet(ZaakNestedMixin, ZakenViewSet):
    """Opvragen en bewerken van ZAAKEIGENSCHAPpen."""

    schema_operation_id_base = "zaakeigenschap"
    serializer_class = ZaakEigenschapSerializer
    pagination_class = None
    filter_backends = ()
    queryset = ZaakEigenschap.objects.none()
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": BIJWERKEN,
        "update": BIJWERKEN,
        "partial_update": BIJWERKEN,
        "destroy": BIJWERKEN,
    }

    def get_queryset(self) -> QuerySet[ZaakEigenschap]:
        return (
            onder_zaak_api(actor=self.actor, model=ZaakEigenschap, order=("id",))
            .filter(zaak__uuid=self.kwargs.get("zaak_uuid"))
            .select_related("eigenschap")
        )

    def created(self, obj: Any) -> Response:
        response = super().created(obj)
        response["Location"] = response.data["url"]
        return response

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        zaak = self.zaak()
        data = self.validated()
        if data["zaak"].pk != zaak.pk:
            raise field_error("zaak", "De zaak hoort niet bij deze URL.", code="zaak-mismatch")
        ze = zaak_eigenschap_set(
            actor=self.actor,
            zaak=zaak,
            eigenschap=data["eigenschap"],
            waarde=data["waarde"],
            nieuw=True,
        )
        return self.created(ze)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        ze = self.get_object()
        data = self.validated(partial=kwargs.get("partial", False), instance=ze)
        for naam in ("zaak", "eigenschap"):
            if naam in data and data[naam].pk != getattr(ze, f"{naam}_id"):
                raise field_error(
                    naam, "Alleen de waarde mag gewijzigd worden.", code="wijzigen-niet-toegelaten"
                )
        ze = zaak_eigenschap_update(
            actor=self.actor, zaakeigenschap=ze, waarde=data.get("waarde", ze.waarde)
        )
        return self.updated(ze)

    def perform_destroy(self, instance: ZaakEigenschap) -> None:
        zaak_eigenschap_remove(actor=self.actor, zaakeigenschap=instance)


@extend_schema_view(
    list=extend_schema(parameters=[ZAAK_UUID]),
    retrieve=extend_schema(parameters=[ZAAK_UUID]),
)
class AuditTrailViewSet(ZaakNestedMixin, ZakenViewSet):
    """Opvragen van de audit trail regels van een ZAAK."""

    http_method_names = ["get"]
    schema_operation_id_base = "audittrail"
    serializer_class = AuditTrailSerializer
    pagination_class = None
    filter_backends = ()
    queryset = AuditEntry.objects.none()
    etag_actions = ()
    required_scopes = {"list": "audittrails.lezen", "retrieve": "audittrails.lezen"}

    def get_queryset(self) -> QuerySet[AuditEntry]:
        zaak = self.zaak()
        # Only the Zaken API's own resources: a besluitinformatieobject or a task on the zaak
        # has no URL here (its line would point at the zaak instead).
        return AuditEntry.objects.filter(
            organisatie=self.actor.organisatie, zaak_uuid=zaak.uuid, object_type__in=RESOURCES
        ).order_by("tijdstip", "id")

    def get_object(self) -> AuditEntry:
        pk = audit_pk(self.kwargs.get("uuid", ""))
        entry = self.get_queryset().filter(pk=pk).first() if pk is not None else None
        if entry is None:
            raise NotFound()
        return entry

    def _met_volledige_wijzigingen(
        self, entries: AuditEntry | list[AuditEntry], alle: list[AuditEntry], **kwargs: Any
    ) -> Any:
        """The serializer for `entries`, with the full before/after bodies rebuilt from
        `alle`, every line of the objects concerned (common/audittrail.volledige_wijzigingen)."""
        context = self.get_serializer_context()
        lezer = AuditTrailSerializer(context=context)
        regels = [(e, lezer.get_resourceUrl(e), audit_verb(e)) for e in alle]
        context["volledig"] = volledige_wijzigingen(regels, self.request)
        return self.get_serializer(entries, context=context, **kwargs)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        entries = list(self.get_queryset())  # every line of the case: all objects complete
        return Response(self._met_volledige_wijzigingen(entries, entries, many=True).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        entry = self.get_object()
        alle = [entry]
        if entry.object_uuid is not None:
            alle = list(
                self.get_queryset().filter(
                    object_type=entry.object_type, object_uuid=entry.object_uuid
                )
            )
        return Response(self._met_volledige_wijzigingen(entry, alle).data)


class ReserveZaakIdentificatieSerializer(serializers.Serializer):
    bronorganisatie = serializers.CharField(min_length=9, max_length=9, write_only=True)
    aantal = serializers.IntegerField(min_value=1, default=1, write_only=True)
    zaaknummer = serializers.CharField(read_only=True, source="identificatie")


class ZaakNummerReserverenViewSet(ZakenViewSet):
    """Reserveer een zaaknummer."""

    http_method_names = ["post"]
    schema_operation_id_base = "zaaknummer"
    serializer_class = ReserveZaakIdentificatieSerializer
    pagination_class = None
    queryset = Zaak.objects.none()
    required_scopes = {"create": "zaken.aanmaken"}
    schema_error_codes = {
        "create": ["400", "401", "403", "406", "409", "410", "412", "415", "429", "500"]
    }

    @extend_schema(
        operation_id="zaaknummer_reserveren",
        summary="Reserveer een zaaknummer",
        responses={201: ReserveZaakIdentificatieSerializer(many=True)},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated()
        reserveringen = zaaknummers_reserveren(
            actor=self.actor, bronorganisatie=data["bronorganisatie"], aantal=data["aantal"]
        )
        items = [{"zaaknummer": r.identificatie} for r in reserveringen]
        body: Any = items[0] if data["aantal"] == 1 else items
        return Response(body, status=status.HTTP_201_CREATED)
