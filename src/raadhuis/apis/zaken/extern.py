"""References to types in an external Catalogi API (configured as a zgw-consumers Service):
`RefField(..., extern=extern.zaaktype)` resolves such a URL to the local read-only mirror
(kernel/catalog/extern.py) of the calling application's organisation.

A document in an external Documenten API is not mirrored: `informatieobject` passes its URL on
(`ExternDocument`) and the kernel service checks it (kernel/documents/extern.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from rest_framework.request import Request

from raadhuis.apis.common.auth import request_actor
from raadhuis.kernel.catalog import extern
from raadhuis.kernel.catalog.models import ResultaatType, RolType, StatusType, ZaakType
from raadhuis.kernel.documents import extern as documenten_extern
from raadhuis.kernel.integrations.zgw import ExternFout


def zaaktype(request: Request, url: str) -> ZaakType:
    return extern.zaaktype_extern(request_actor(request).organisatie, url)


def _type(model: type[Any]) -> Any:
    def resolve(request: Request, url: str) -> Any:
        return extern.type_extern(request_actor(request).organisatie, model, url)

    return resolve


statustype = _type(StatusType)
roltype = _type(RolType)
resultaattype = _type(ResultaatType)


@dataclass(frozen=True)
class ExternDocument:
    """An EnkelvoudigInformatieObject in another Documenten API, known by its URL only;
    `extern_url` is what RefField renders."""

    extern_url: str


def informatieobject(request: Request, url: str) -> ExternDocument:
    """A URL served by a configured Documenten API (service type drc). Whether it is an
    EnkelvoudigInformatieObject there is checked by the kernel service, once."""
    if not documenten_extern.is_extern(url):
        raise ExternFout("bad-url", _("Geen geconfigureerde service voor deze URL."))
    return ExternDocument(url)
