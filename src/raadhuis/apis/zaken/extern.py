"""References to types in an external Catalogi API (configured as a zgw-consumers Service):
`RefField(..., extern=extern.zaaktype)` resolves such a URL to the local read-only mirror
(kernel/catalog/extern.py) of the calling application's organisation."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request

from raadhuis.apis.common.auth import request_actor
from raadhuis.kernel.catalog import extern
from raadhuis.kernel.catalog.models import ResultaatType, RolType, StatusType, ZaakType


def zaaktype(request: Request, url: str) -> ZaakType:
    return extern.zaaktype_extern(request_actor(request).organisatie, url)


def _type(model: type[Any]) -> Any:
    def resolve(request: Request, url: str) -> Any:
        return extern.type_extern(request_actor(request).organisatie, model, url)

    return resolve


statustype = _type(StatusType)
roltype = _type(RolType)
resultaattype = _type(ResultaatType)
