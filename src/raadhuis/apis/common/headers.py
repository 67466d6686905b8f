"""Response and request headers the ZGW specifications prescribe.

- `API-version` on every answer of an API (also errors): the version being served.
- `ETag` on a single resource (GET and HEAD `{uuid}`), computed from the JSON body;
  `If-None-Match` with a matching value answers 304 without a body.
- `Accept-Crs` / `Content-Crs` on endpoints with geometry (Zaken API): only EPSG:4326.
  A missing header answers 412, an unsupported CRS 406; answers carry `Content-Crs`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

from raadhuis.apis.common.errors import PreconditionFailed

API_VERSION_HEADER = "API-version"
ETAG_HEADER = "ETag"
ACCEPT_CRS_HEADER = "Accept-Crs"
CONTENT_CRS_HEADER = "Content-Crs"
DEFAULT_CRS = "EPSG:4326"


def etag_for(data: Any) -> str:
    """A strong ETag of a resource's JSON representation (quoted, as HTTP wants)."""
    body = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, separators=(",", ":"))
    return '"' + hashlib.md5(body.encode(), usedforsecurity=False).hexdigest() + '"'


def if_none_match_hits(request: Request, etag: str) -> bool:
    """Does the request's If-None-Match list this ETag (or `*`)?"""
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    values = {value.strip().removeprefix("W/") for value in header.split(",")}
    return "*" in values or etag in values


def not_modified(etag: str) -> Response:
    response = Response(status=304)
    response[ETAG_HEADER] = etag
    return response


def crs_negotiate(request: Request, *, checks_accept: bool = True) -> None:
    """Raise 412 when a CRS header is missing, 406 when its CRS is not EPSG:4326.
    Requests with a body name their CRS in Content-Crs; answers with geometry in Accept-Crs
    (a DELETE has neither)."""
    if request.method in {"POST", "PUT", "PATCH"}:
        content_crs = request.headers.get(CONTENT_CRS_HEADER)
        if content_crs is None:
            raise PreconditionFailed(
                _("'{header}' header ontbreekt").format(header=CONTENT_CRS_HEADER)
            )
        if content_crs != DEFAULT_CRS:
            raise exceptions.NotAcceptable(
                _("CRS '{crs}' is niet ondersteund").format(crs=content_crs)
            )
    if not checks_accept or request.method == "DELETE":
        return
    accept_crs = request.headers.get(ACCEPT_CRS_HEADER)
    if accept_crs is None:
        raise PreconditionFailed(_("'{header}' header ontbreekt").format(header=ACCEPT_CRS_HEADER))
    if accept_crs != DEFAULT_CRS:
        raise exceptions.NotAcceptable(_("CRS '{crs}' is niet ondersteund").format(crs=accept_crs))
