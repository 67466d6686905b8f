"""The Documenten API 1.7.0 resources under a document: GEBRUIKSRECHTen,
OBJECTINFORMATIEOBJECTen and VERZENDINGen."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import exceptions, mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from raadhuis.apis.common.expand import ExpandMixin
from raadhuis.apis.common.viewsets import ZGWModelViewSet, ZGWViewMixin
from raadhuis.apis.documenten.filters import (
    GebruiksrechtenFilter,
    ObjectInformatieObjectFilter,
    VerzendingFilter,
    object_van_url,
)
from raadhuis.apis.documenten.schema import DocumentenAutoSchema
from raadhuis.apis.documenten.serializers_relaties import (
    GebruiksrechtenSerializer,
    ObjectInformatieObject,
    ObjectInformatieObjectSerializer,
    VerzendingSerializer,
)
from raadhuis.apis.documenten.views import (
    AANMAKEN,
    API_VERSION,
    BIJWERKEN,
    LEES_ACTIES,
    LEZEN,
    VERWIJDEREN,
    _uuid_check,
    audit_toelichting,
)
from raadhuis.kernel.documents.extern import OBJECT_API
from raadhuis.kernel.documents.gebruiksrechten import (
    gebruiksrecht_create,
    gebruiksrecht_delete,
    gebruiksrecht_update,
)
from raadhuis.kernel.documents.koppelingen import (
    extern_objectrelatie_create,
    extern_objectrelatie_delete,
)
from raadhuis.kernel.documents.models import (
    BesluitInformatieObject,
    Gebruiksrecht,
    Verzending,
    ZaakInformatieObject,
)
from raadhuis.kernel.documents.selectors import (
    besluitdocumenten_zichtbaar,
    externe_objectrelaties_zichtbaar,
    gebruiksrechten_zichtbaar,
    verzendingen_zichtbaar,
    zaakdocumenten_zichtbaar,
)
from raadhuis.kernel.documents.verzendingen import (
    verzending_create,
    verzending_delete,
    verzending_update,
)
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.integrations.zgw import service_for

CRUD_SCOPES = {
    "list": LEZEN,
    "retrieve": LEZEN,
    "create": AANMAKEN,
    "update": BIJWERKEN,
    "partial_update": BIJWERKEN,
    "destroy": VERWIJDEREN,
}


class GebruiksrechtenViewSet(ZGWModelViewSet):
    """Opvragen en bewerken van GEBRUIKSRECHTen bij een INFORMATIEOBJECT."""

    api_version = API_VERSION
    component = "drc"
    schema = DocumentenAutoSchema()
    schema_operation_id_base = "gebruiksrechten"
    serializer_class = GebruiksrechtenSerializer
    filterset_class = GebruiksrechtenFilter
    pagination_class = None
    audit_headers = True
    queryset = Gebruiksrecht.objects.none()
    required_scopes = CRUD_SCOPES

    def get_queryset(self) -> QuerySet[Gebruiksrecht]:
        return gebruiksrechten_zichtbaar(actor=self.actor, lezen=self.action in LEES_ACTIES)

    def perform_create(self, serializer: GebruiksrechtenSerializer) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = gebruiksrecht_create(
            actor=self.actor, toelichting=audit_toelichting(self.request), **data
        )

    def perform_update(self, serializer: GebruiksrechtenSerializer) -> None:
        data = dict(serializer.validated_data)
        informatieobject = data.pop("informatieobject", None)
        recht: Gebruiksrecht = serializer.instance
        if informatieobject is not None and informatieobject.pk != recht.informatieobject_id:
            raise exceptions.ValidationError(
                {
                    "informatieobject": [
                        exceptions.ErrorDetail(
                            _("Dit veld mag niet gewijzigd worden."),
                            code="wijzigen-niet-toegelaten",
                        )
                    ]
                }
            )
        serializer.instance = gebruiksrecht_update(
            actor=self.actor,
            gebruiksrecht=recht,
            gedeeltelijk=bool(serializer.partial),
            toelichting=audit_toelichting(self.request),
            **data,
        )

    def perform_destroy(self, instance: Gebruiksrecht) -> None:
        gebruiksrecht_delete(
            actor=self.actor, gebruiksrecht=instance, toelichting=audit_toelichting(self.request)
        )


class ObjectInformatieObjectViewSet(
    ZGWViewMixin,
    ExpandMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Opvragen en verwijderen van OBJECT-INFORMATIEOBJECT relaties.

    They are the kernel's relations of documents with cases and decisions, which the Zaken API
    and the Besluiten API create and remove; here they are read. Creating one checks that the
    relation exists, removing one that it no longer does (as the reference implementation
    does for relations within one installation)."""

    api_version = API_VERSION
    component = "drc"
    schema = DocumentenAutoSchema()
    schema_operation_id_base = "objectinformatieobject"
    serializer_class = ObjectInformatieObjectSerializer
    filterset_class = ObjectInformatieObjectFilter
    pagination_class = None
    queryset = ZaakInformatieObject.objects.none()
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": AANMAKEN,
        "destroy": VERWIJDEREN,
    }

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # The filter backend checks the query parameters and filters the case relations; the
        # decision relations get the same filters.
        zaken = self.filter_queryset(
            zaakdocumenten_zichtbaar(actor=self.actor, lezen=self.action in LEES_ACTIES)
        )
        besluiten = ObjectInformatieObjectFilter(
            request.query_params,
            besluitdocumenten_zichtbaar(actor=self.actor, lezen=self.action in LEES_ACTIES),
        ).qs
        extern = ObjectInformatieObjectFilter(
            request.query_params,
            externe_objectrelaties_zichtbaar(actor=self.actor, lezen=self.action in LEES_ACTIES),
        ).qs
        relaties = [
            *(ObjectInformatieObject.van_zaak(z) for z in zaken),
            *(ObjectInformatieObject.van_besluit(b) for b in besluiten),
            *(ObjectInformatieObject.van_extern(r) for r in extern),
        ]
        data = self.get_serializer(relaties, many=True).data
        return Response(self._expanded(list(data)))

    def get_object(self) -> ObjectInformatieObject:
        lookup = self.kwargs.get(self.lookup_field)
        _uuid_check(lookup)
        zio = (
            zaakdocumenten_zichtbaar(actor=self.actor, lezen=self.action in LEES_ACTIES)
            .filter(uuid=lookup)
            .first()
        )
        if zio is not None:
            return ObjectInformatieObject.van_zaak(zio)
        bio = (
            besluitdocumenten_zichtbaar(actor=self.actor, lezen=self.action in LEES_ACTIES)
            .filter(uuid=lookup)
            .first()
        )
        if bio is not None:
            return ObjectInformatieObject.van_besluit(bio)
        relatie = (
            externe_objectrelaties_zichtbaar(actor=self.actor, lezen=self.action in LEES_ACTIES)
            .filter(uuid=lookup)
            .first()
        )
        if relatie is not None:
            return ObjectInformatieObject.van_extern(relatie)
        raise NietGevonden(_("Deze relatie bestaat niet."))

    def _extern_object(self, object_url: str, object_type: str) -> bool:
        """An object of another Zaken or Besluiten API (a configured service), not ours."""
        if object_url.startswith(self.request.build_absolute_uri("/")):
            return False
        api = OBJECT_API.get(object_type)
        return api is not None and service_for(object_url, api[0]) is not None

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if self._extern_object(data["object"], data["object_type"]):
            relatie = extern_objectrelatie_create(
                actor=self.actor,
                informatieobject=data["informatieobject"],
                informatieobject_url=str(request.data["informatieobject"]),
                object_url=data["object"],
                object_type=data["object_type"],
            )
            oio = ObjectInformatieObject.van_extern(relatie)
            antwoord = self.get_serializer(oio).data
            return Response(antwoord, status=201, headers={"Location": antwoord["url"]})
        gevonden = object_van_url(data["object"])
        if gevonden is None or gevonden[0] != data["object_type"]:
            raise _niet_geldig(
                "object",
                _("De URL verwijst niet naar een {soort} in deze registratie.").format(
                    soort=data["object_type"]
                ),
                "bad-url",
            )
        soort, object_uuid = gevonden
        relaties = (
            ZaakInformatieObject.objects.filter(zaak__uuid=object_uuid)
            if soort == "zaak"
            else BesluitInformatieObject.objects.filter(besluit__uuid=object_uuid)
        )
        if relaties.filter(informatieobject=data["informatieobject"]).exists():
            raise _niet_geldig(
                "non_field_errors",
                _("De velden object en informatieobject moeten een unieke set zijn."),
                "unique",
            )
        raise _niet_geldig(
            "non_field_errors",
            _(
                "De relatie tussen het object en het informatieobject bestaat niet in de "
                "{api}; registreer ze daar."
            ).format(api="Zaken API" if soort == "zaak" else "Besluiten API"),
            "inconsistent-relation",
        )

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        oio = self.get_object()
        if oio.extern is not None:
            # Allowed once the other API no longer holds the relation (checked there).
            extern_objectrelatie_delete(actor=self.actor, relatie=oio.extern)
            return Response(status=204)
        raise _niet_geldig(
            "non_field_errors",
            _("De relatie bestaat nog in de Zaken API of de Besluiten API; verwijder ze daar."),
            "remote-relation-exists",
        )


def _niet_geldig(veld: str, bericht: str, code: str) -> exceptions.ValidationError:
    return exceptions.ValidationError({veld: [exceptions.ErrorDetail(bericht, code=code)]})


class VerzendingViewSet(ZGWModelViewSet):
    """Opvragen en bewerken van VERZENDINGen."""

    api_version = API_VERSION
    component = "drc"
    schema = DocumentenAutoSchema()
    schema_operation_id_base = "verzending"
    serializer_class = VerzendingSerializer
    filterset_class = VerzendingFilter
    queryset = Verzending.objects.none()
    required_scopes = CRUD_SCOPES

    def get_queryset(self) -> QuerySet[Verzending]:
        return verzendingen_zichtbaar(actor=self.actor, lezen=self.action in LEES_ACTIES)

    def perform_create(self, serializer: VerzendingSerializer) -> None:
        serializer.instance = verzending_create(
            actor=self.actor,
            informatieobject=serializer.validated_data["informatieobject"],
            toelichting_audit=audit_toelichting(self.request),
            **serializer.velden(),
        )

    def perform_update(self, serializer: VerzendingSerializer) -> None:
        serializer.instance = verzending_update(
            actor=self.actor,
            verzending=serializer.instance,
            informatieobject=serializer.validated_data.get("informatieobject"),
            gedeeltelijk=bool(serializer.partial),
            toelichting_audit=audit_toelichting(self.request),
            **serializer.velden(),
        )

    def perform_destroy(self, instance: Verzending) -> None:
        verzending_delete(
            actor=self.actor, verzending=instance, toelichting_audit=audit_toelichting(self.request)
        )
