"""Base classes for the ZGW API viewsets: authentication and scopes (auth.py), ZGW errors,
pagination, the API-version header, ETag/If-None-Match on single resources, `expand`, and
Accept-Crs/Content-Crs for endpoints with geometry.

A viewset declares which API it serves and the scope per action:

    class ZaakTypeViewSet(ZGWModelViewSet):
        api_version = "1.3.3"
        component = "ztc"
        required_scopes = {"list": "catalogi.lezen", "retrieve": "catalogi.lezen", ...}

Views stay thin: reads through kernel selectors (`get_queryset`), writes through kernel
services (`perform_create` etc. call a service with `self.actor`).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, mixins, viewsets
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from raadhuis.apis.common.auth import ZGWJWTAuthentication, request_actor
from raadhuis.apis.common.errors import exception_handler
from raadhuis.apis.common.expand import ExpandMixin
from raadhuis.apis.common.headers import (
    API_VERSION_HEADER,
    CONTENT_CRS_HEADER,
    DEFAULT_CRS,
    ETAG_HEADER,
    crs_negotiate,
    etag_for,
    if_none_match_hits,
    not_modified,
)
from raadhuis.apis.common.pagination import ZGWPagination
from raadhuis.apis.common.permissions import ZGWScopesRequired
from raadhuis.kernel.access.actor import Actor

# Query parameters of a list that no filter reads.
UNFILTERED_PARAMS = frozenset({"page", "pageSize", "expand"})


class ZGWViewMixin:
    """What every ZGW API view has; combine with DRF's generic views or viewsets."""

    api_version: str = ""
    component: str = ""
    # action -> scope, a tuple of alternative scopes, or None (no scope needed)
    required_scopes: dict[str, str | tuple[str, ...] | None] = {}
    # Endpoints with geometry (Zaken API zaken, zaakobjecten) set geo = True.
    geo: bool = False
    # Actions whose 200 answer carries an ETag and honours If-None-Match.
    etag_actions: tuple[str, ...] = ("retrieve",)
    # Lists refuse unknown query parameters (400 unknown-parameters).
    check_query_params: bool = True

    authentication_classes = (ZGWJWTAuthentication,)
    permission_classes = (ZGWScopesRequired,)
    renderer_classes = (JSONRenderer,)
    parser_classes = (JSONParser,)
    pagination_class = ZGWPagination
    filter_backends = (DjangoFilterBackend,)
    lookup_field = "uuid"

    request: Request
    action: str | None
    kwargs: dict[str, Any]

    @property
    def actor(self) -> Actor:
        """The kernel actor of this request (application, organisation, grants for the scope)."""
        return request_actor(self.request)

    def get_exception_handler(self) -> Any:
        return exception_handler

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # A method this route does not have is a 405, before scopes are checked (which would
        # refuse it as an action without a scope: 403).
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):  # type: ignore[attr-defined]
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if self.geo:
            crs_negotiate(request)

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        if (
            self.action in self.etag_actions
            and request.method in {"GET", "HEAD"}
            and response.status_code == 200
            and isinstance(response, Response)
        ):
            etag = etag_for(response.data)
            if if_none_match_hits(request, etag):
                response = not_modified(etag)
            else:
                response[ETAG_HEADER] = etag
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if self.api_version:
            response[API_VERSION_HEADER] = self.api_version
        if self.geo and response.status_code < 400 and request.method != "DELETE":
            response[CONTENT_CRS_HEADER] = DEFAULT_CRS
        return response

    def allowed_query_params(self) -> set[str]:
        """The query parameters a list accepts: its filters, pagination and `expand`."""
        allowed = {"expand"}
        paginator = getattr(self, "paginator", None)
        if paginator is not None:
            allowed |= {
                p for p in (paginator.page_query_param, paginator.page_size_query_param) if p
            }
        for backend in self.filter_backends:
            get_filterset_class = getattr(backend(), "get_filterset_class", None)
            if get_filterset_class is None:
                continue
            filterset_class = get_filterset_class(self, self.get_queryset())  # type: ignore[attr-defined]
            if filterset_class is not None:
                allowed |= set(filterset_class.base_filters)
        return allowed

    def filter_queryset(self, queryset: Any) -> Any:
        """A list with an unknown query parameter is a 400 (as the reference implementation
        does), so a typo in a filter is not silently a list of everything."""
        if self.action == "list" and self.check_query_params:
            unknown = sorted(set(self.request.query_params) - self.allowed_query_params())
            if unknown:
                raise exceptions.ValidationError(
                    {
                        "non_field_errors": [
                            exceptions.ErrorDetail(
                                _("Onbekende query parameters: {params}").format(
                                    params=", ".join(unknown)
                                ),
                                code="unknown-parameters",
                            )
                        ]
                    }
                )
        if self.action != "list":
            return queryset  # filters are for lists; a single resource is found by uuid
        filterset_class = getattr(self, "filterset_class", None)
        if not set(self.request.query_params) - UNFILTERED_PARAMS and not getattr(
            filterset_class, "filters_zonder_parameters", False
        ):
            # Nothing to filter on: building the filter form (dozens of deep-copied filters)
            # was a large part of an unfiltered list's cost. Lists come ordered from their
            # selectors already. A filter set with defaults (Catalogi: status) still runs.
            return queryset
        return super().filter_queryset(queryset)  # type: ignore[misc]

    def get_object(self) -> Model:
        """A malformed uuid in the path is a 404, like an unknown one."""
        lookup = self.kwargs.get(self.lookup_field)
        try:
            uuid.UUID(str(lookup))
        except ValueError as error:
            raise exceptions.NotFound() from error
        return super().get_object()  # type: ignore[misc]


class ZGWReadOnlyViewSet(
    ZGWViewMixin,
    ExpandMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """list + retrieve (+ HEAD on retrieve)."""


class ZGWModelViewSet(
    ZGWViewMixin,
    ExpandMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """All CRUD actions; override perform_create/perform_update/perform_destroy to call the
    kernel services (they must not save models themselves)."""
