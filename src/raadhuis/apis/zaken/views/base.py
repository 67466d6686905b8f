"""What every Zaken API viewset shares: version, component, the audit reason header, and
answers that re-read the written object through the viewset's own (scoped) queryset."""

from __future__ import annotations

from typing import Any

from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from raadhuis.apis.common.viewsets import ZGWModelViewSet
from raadhuis.apis.zaken.schema import ZakenAutoSchema

AUDIT_HEADER = "X-Audit-Toelichting"

LEZEN = "zaken.lezen"
BIJWERKEN = ("zaken.bijwerken", "zaken.geforceerd-bijwerken")
AANMAKEN_OF_BIJWERKEN = ("zaken.aanmaken", "zaken.bijwerken", "zaken.geforceerd-bijwerken")


class ZakenViewSet(ZGWModelViewSet):
    api_version = "1.7.0"
    component = "zrc"
    schema = ZakenAutoSchema()
    # detail URL template of this resource (fields.py), for Location headers
    location_template = ""

    @property
    def audit_toelichting(self) -> str:
        return self.request.headers.get(AUDIT_HEADER, "")[:1000]

    def reread(self, obj: Any) -> Any:
        """The written object as a GET would show it (with its joins and prefetches)."""
        return self.get_queryset().get(pk=obj.pk)

    def created(self, obj: Any) -> Response:
        from raadhuis.apis.zaken.fields import url_for

        data = self.get_serializer(self.reread(obj)).data
        headers = {}
        if self.location_template:
            headers["Location"] = url_for(self.request, self.location_template, uuid=obj.uuid)
        return Response(data, status=status.HTTP_201_CREATED, headers=headers)

    def updated(self, obj: Any) -> Response:
        return Response(self.get_serializer(self.reread(obj)).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.perform_destroy(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def validated(self, *, partial: bool = False, instance: Any = None) -> dict[str, Any]:
        serializer = self.get_serializer(instance, data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)
