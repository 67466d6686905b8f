"""The read-only CRM API (/api/crm/v1/): the KPI figures and the rows behind each figure, for
Power BI and other reporting tools.

Who may call: a medewerker or teamleider with a staff session (figures of their scope, see
modules/crm/kpi/selectors.py), or an application with the ZGW JWT of the Autorisaties API that
holds at least one autorisatie (figures of its whole organisation, no names, no free text).
Lists are paged as the ZGW lists are (`page`, `pageSize`; `count`, `next`, `previous`,
`results`). Errors are the standard Fout / ValidatieFout documents
(raadhuis.apis.common.errors), with field names as sent.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rest_framework import exceptions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from raadhuis.apis.common.auth import NIET_GEAUTHENTICEERD, ZGWJWTAuthentication, request_actor
from raadhuis.apis.common.errors import exception_handler
from raadhuis.apis.common.pagination import ZGWPageSizePagination
from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import Applicatie
from raadhuis.kernel.organisations.models import OrganisatorischeEenheid
from raadhuis.modules.crm.kpi import selectors
from raadhuis.modules.crm.kpi.forms import MAX_PERIODE_DAGEN


class HeeftActor(BasePermission):
    """A staff session with a medewerker, or an application's JWT with an autorisatie; the
    roles are checked by the selectors (ToegangGeweigerd becomes a 403)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if isinstance(request.auth, Applicatie):
            applicatie = request.auth
            if not (applicatie.heeft_alle_autorisaties or applicatie.autorisaties.exists()):
                raise exceptions.PermissionDenied("De applicatie heeft geen autorisaties.")
            return True
        if not request.user or not request.user.is_authenticated:
            raise exceptions.NotAuthenticated(NIET_GEAUTHENTICEERD)
        if getattr(request._request, "actor", None) is None:
            raise exceptions.PermissionDenied("Je bent geen medewerker van een organisatie.")
        return True


class KpiQuerySerializer(serializers.Serializer):
    van = serializers.DateField(required=False)
    tot = serializers.DateField(required=False)
    afdeling = serializers.CharField(required=False, max_length=24)
    kpi = serializers.ChoiceField(choices=sorted(selectors.KPIS), required=False)
    page = serializers.IntegerField(required=False, min_value=1)
    pageSize = serializers.IntegerField(required=False, min_value=1, max_value=500)  # noqa: N815

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        van, tot = attrs.get("van"), attrs.get("tot")
        if van and tot:
            if van > tot:
                raise serializers.ValidationError(
                    {"tot": "De einddatum ligt voor de begindatum."}, code="invalid"
                )
            if (tot - van).days > MAX_PERIODE_DAGEN:
                raise serializers.ValidationError(
                    {"van": "Kies een periode van ten hoogste drie jaar."}, code="invalid"
                )
        return attrs


def _json(waarde: Any) -> Any:
    if isinstance(waarde, Decimal):
        return str(waarde)
    if isinstance(waarde, date):
        return waarde.isoformat()
    return waarde


class KpiApiView(APIView):
    authentication_classes = (ZGWJWTAuthentication, SessionAuthentication)
    permission_classes = (HeeftActor,)
    renderer_classes = (JSONRenderer,)
    schema = None  # the document is written by hand: raadhuis.modules.crm.api.schema
    http_method_names = ["get", "head", "options"]

    def get_exception_handler(self) -> Any:
        return exception_handler

    @property
    def actor(self) -> Actor:
        if isinstance(self.request.auth, Applicatie):
            return request_actor(self.request, None)
        return self.request._request.actor

    def _filter(self, request: Request) -> tuple[selectors.Filter, dict[str, Any], dict[int, str]]:
        query = KpiQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        actor = self.actor
        bereik = selectors.kpi_bereik(actor)
        standaard = selectors.standaard_periode(bereik.tijdzone)
        van = data.get("van") or standaard.van
        tot = data.get("tot") or standaard.tot
        if van > tot:
            raise exceptions.ValidationError(
                {
                    "tot": [
                        exceptions.ErrorDetail("De einddatum ligt voor de begindatum.", "invalid")
                    ]
                }
            )
        f = selectors.Filter(bereik=bereik, periode=selectors.Periode(van=van, tot=tot))
        identificaties = dict(
            OrganisatorischeEenheid.objects.filter(
                organisatie_id=bereik.organisatie_id
            ).values_list("pk", "identificatie")
        )
        if data.get("afdeling"):
            pk = next((k for k, v in identificaties.items() if v == data["afdeling"]), None)
            if pk is None:
                raise exceptions.ValidationError(
                    {"afdeling": [exceptions.ErrorDetail("Onbekende afdeling.", "does_not_exist")]}
                )
            data["afdeling_id"] = pk
        return f, data, identificaties

    def _pagina(self, request: Request, items: list[Any]) -> tuple[Any, list[Any]]:
        paginator = ZGWPageSizePagination()
        pagina = paginator.paginate_queryset(items, request, view=self)
        return paginator, pagina or []


class KpiLijstView(KpiApiView):
    def get(self, request: Request) -> Response:
        f, data, identificaties = self._filter(request)
        cijfers = selectors.kpi_cijfers(f)
        if data.get("kpi"):
            cijfers = [c for c in cijfers if c.kpi.code == data["kpi"]]
        if data.get("afdeling_id"):
            cijfers = [c for c in cijfers if c.afdeling_id == data["afdeling_id"]]
        paginator, pagina = self._pagina(request, cijfers)
        resultaten = []
        for c in pagina:
            query = f"?van={f.periode.van.isoformat()}&tot={f.periode.tot.isoformat()}"
            if c.afdeling_id is not None:
                query += f"&afdeling={identificaties.get(c.afdeling_id, '')}"
            resultaten.append(
                {
                    "kpi": c.kpi.code,
                    "titel": str(c.kpi.titel),
                    "eenheid": c.kpi.eenheid,
                    "afdeling": identificaties.get(c.afdeling_id) if c.afdeling_id else None,
                    "afdelingNaam": c.afdeling if c.afdeling_id else None,
                    "van": f.periode.van.isoformat(),
                    "tot": f.periode.tot.isoformat(),
                    "waarde": _json(c.waarde),
                    "aantalRijen": c.aantal,
                    "rijen": reverse("crm-api:kpi-rijen", args=[c.kpi.code], request=request)
                    + query,
                }
            )
        return paginator.get_paginated_response(resultaten)


class KpiRijenView(KpiApiView):
    def get(self, request: Request, code: str) -> Response:
        kpi = selectors.kpi_get(code)
        f, data, identificaties = self._filter(request)
        rijen = selectors.kpi_rijen(f, kpi, data.get("afdeling_id"))
        kolommen = [k for k, _label in selectors.kpi_kolommen(kpi, f.bereik)]
        paginator, pagina = self._pagina(request, rijen)
        resultaten = [
            {
                **{k: _json(r.get(k)) for k in kolommen if k != "afdeling"},
                "afdeling": identificaties.get(r["afdeling_id"]),
                "afdelingNaam": r["afdeling"] or None,
            }
            for r in pagina
        ]
        return paginator.get_paginated_response(resultaten)
