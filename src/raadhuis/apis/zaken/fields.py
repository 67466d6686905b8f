"""References by URL in the Zaken API, built from a resource's path pattern rather than the URL
resolver: they render a list of 100 cases without a `reverse()` per link, and they refer to the
Catalogi, Documenten and Besluiten APIs without depending on those APIs' routes.

Incoming URLs are parsed back to a uuid and looked up in a queryset the request may see,
with the codes of the shared fields (`bad-url`, `does_not_exist`).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from raadhuis.apis.common.fields import URL_MAX_LENGTH, path_of

UUID_RE = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

# path templates below the site root; {uuid} is the resource, {zaak_uuid} its case
ZAAK = "zaken/api/v1/zaken/{uuid}"
STATUS = "zaken/api/v1/statussen/{uuid}"
ROL = "zaken/api/v1/rollen/{uuid}"
RESULTAAT = "zaken/api/v1/resultaten/{uuid}"
ZAAKEIGENSCHAP = "zaken/api/v1/zaken/{zaak_uuid}/zaakeigenschappen/{uuid}"
ZAAKINFORMATIEOBJECT = "zaken/api/v1/zaakinformatieobjecten/{uuid}"
ZAAKOBJECT = "zaken/api/v1/zaakobjecten/{uuid}"
ZAAKTYPE = "catalogi/api/v1/zaaktypen/{uuid}"
STATUSTYPE = "catalogi/api/v1/statustypen/{uuid}"
ROLTYPE = "catalogi/api/v1/roltypen/{uuid}"
RESULTAATTYPE = "catalogi/api/v1/resultaattypen/{uuid}"
EIGENSCHAP = "catalogi/api/v1/eigenschappen/{uuid}"
ZAAKOBJECTTYPE = "catalogi/api/v1/zaakobjecttypen/{uuid}"
INFORMATIEOBJECT = "documenten/api/v1/enkelvoudiginformatieobjecten/{uuid}"
BESLUIT = "besluiten/api/v1/besluiten/{uuid}"


# view names of the templates, for `?expand=` in the generated schema (common/openapi.py)
VIEW_NAMES = {
    ZAAK: "zaken:zaak-detail",
    STATUS: "zaken:status-detail",
    ROL: "zaken:rol-detail",
    RESULTAAT: "zaken:resultaat-detail",
    ZAAKINFORMATIEOBJECT: "zaken:zaakinformatieobject-detail",
    ZAAKOBJECT: "zaken:zaakobject-detail",
    ZAAKTYPE: "catalogi:zaaktype-detail",
    STATUSTYPE: "catalogi:statustype-detail",
    ROLTYPE: "catalogi:roltype-detail",
    RESULTAATTYPE: "catalogi:resultaattype-detail",
    EIGENSCHAP: "catalogi:eigenschap-detail",
    ZAAKOBJECTTYPE: "catalogi:zaakobjecttype-detail",
    INFORMATIEOBJECT: "documenten:enkelvoudiginformatieobject-detail",
    BESLUIT: "besluiten:besluit-detail",
}


def site_root(request: Request | None) -> str:
    """`http://host/` (with the script prefix), computed once per request."""
    if request is None:
        return "/"
    root = getattr(request, "_zgw_site_root", None)
    if root is None:
        root = request.build_absolute_uri("/")
        request._zgw_site_root = root  # type: ignore[attr-defined]
    return str(root)


def url_for(request: Request | None, template: str, **kwargs: Any) -> str:
    return site_root(request) + template.format(**kwargs)


def url_prefix(root: str, template: str) -> str:
    """A template's URL up to its uuid (`root` from site_root): prefix + uuid is the URL.
    Only for templates that end in {uuid} and have no {zaak_uuid}."""
    return root + template.removesuffix("{uuid}")


def ref_urls(root: str, template: str, uuids: Iterable[Any], zaak_uuid: Any = None) -> list[str]:
    """The URLs of the resources `uuids` of `template`, nested ones under case `zaak_uuid`:
    what a ZAAK lists of its related rows, built the same way by RefListField and by the list
    page (lijst.py)."""
    if "{zaak_uuid}" in template:
        return [root + template.format(uuid=u, zaak_uuid=zaak_uuid) for u in uuids]
    prefix = url_prefix(root, template)
    return [f"{prefix}{u}" for u in uuids]


def _pattern(template: str) -> re.Pattern[str]:
    escaped = re.escape("/" + template).replace(r"\{uuid\}", f"(?P<uuid>{UUID_RE})")
    escaped = escaped.replace(r"\{zaak_uuid\}", f"(?P<zaak_uuid>{UUID_RE})")
    return re.compile(f"^{escaped}/?$")


def uuid_in_url(template: str, url: str) -> uuid.UUID | None:
    match = _pattern(template).match(path_of(url))
    return uuid.UUID(match.group("uuid")) if match else None


@extend_schema_field(OpenApiTypes.URI)
class RefField(serializers.Field):
    """A reference to a resource by absolute URL. `queryset` is a callable (request ->
    queryset of what this request may refer to)."""

    default_error_messages = {
        "bad-url": _("Ongeldige URL: dit is geen URL van een {resource}."),
        "does_not_exist": _("Er bestaat geen {resource} met deze URL."),
        "incorrect_type": _("Onjuist type. Verwachtte een URL, kreeg {data_type}."),
        "max_length": _("Zorg ervoor dat dit veld niet meer dan {max_length} tekens bevat."),
    }

    def __init__(
        self,
        template: str,
        queryset: Callable[[Request | None], QuerySet[Any]] | None = None,
        *,
        resource: str = "",
        extern: Callable[[Request, str], Model] | None = None,
        **kwargs: Any,
    ) -> None:
        self.template = template
        self.queryset_for = queryset
        # resolves a URL of another host to a local mirror (apis/zaken/extern.py)
        self.extern = extern
        self.resource = resource or template.rsplit("/", 2)[-2]
        self.expand_view_name = VIEW_NAMES.get(template)
        if queryset is None:
            kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        if getattr(value, "extern_url", ""):
            return str(value.extern_url)
        if "{zaak_uuid}" in self.template:
            return url_for(
                self.context.get("request"),
                self.template,
                uuid=value.uuid,
                zaak_uuid=value.zaak.uuid,
            )
        return url_for(self.context.get("request"), self.template, uuid=value.uuid)

    def to_internal_value(self, data: Any) -> Model:
        if not isinstance(data, str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if len(data) > URL_MAX_LENGTH:
            self.fail("max_length", max_length=URL_MAX_LENGTH)
        request = self.context.get("request")
        if self.extern is not None and request is not None:
            if data.startswith(("http:", "https:")) and not data.startswith(site_root(request)):
                return self._extern(request, data)
        return self._local(data)

    def _local(self, data: str) -> Model:
        found = uuid_in_url(self.template, data)
        if found is None:
            self.fail("bad-url", resource=self.resource)
        assert self.queryset_for is not None
        obj = self.queryset_for(self.context.get("request")).filter(uuid=found).first()
        if obj is None:
            self.fail("does_not_exist", resource=self.resource)
        return obj

    def _extern(self, request: Request, data: str) -> Model:
        """A URL of another host: a configured external API, else (another name of) ours."""
        from raadhuis.kernel.integrations.zgw import ExternFout

        assert self.extern is not None
        try:
            return self.extern(request, data)
        except ExternFout as fout:
            if fout.code != "bad-url":
                raise serializers.ValidationError(fout.message, code=fout.code) from fout
            try:
                return self._local(data)
            except serializers.ValidationError:
                raise serializers.ValidationError(fout.message, code=fout.code) from fout


class RefsListSerializer(serializers.ListSerializer):
    """A nested list that reads what zaak_verwijzingen_laden (kernel.cases.verwijzingen) put on
    `<source>_refs` for a page of cases, else the relation itself."""

    def get_attribute(self, instance: Any) -> Any:
        refs = getattr(instance, f"{self.source}_refs", None)
        return refs if refs is not None else super().get_attribute(instance)


class RefListField(serializers.ListField):
    """A read-only list of URLs of related rows (a prefetched manager or a list)."""

    def __init__(self, template: str, *, zaak_uuid: bool = False, **kwargs: Any) -> None:
        self.template = template
        self.with_zaak = zaak_uuid
        kwargs["read_only"] = True
        kwargs["child"] = RefField(template, read_only=True)
        super().__init__(**kwargs)

    def get_attribute(self, instance: Any) -> Any:
        # The uuids put on "<relation>_refs" for a page of cases
        # (kernel.cases.verwijzingen.zaak_verwijzingen_laden), else the relation itself.
        uuids = getattr(instance, f"{self.source}_refs", None)
        if uuids is None:
            related = super().get_attribute(instance)
            items = related.all() if hasattr(related, "all") else related
            uuids = [i.uuid for i in items]
        # Nested URLs take the case's uuid from the case itself, not one query per row.
        zaak_uuid = getattr(instance, "uuid", None)
        return [(u, zaak_uuid) for u in uuids]

    def to_representation(self, value: Any) -> list[str]:
        root = site_root(self.context.get("request"))
        zaak_uuid = value[0][1] if value else None
        return ref_urls(root, self.template, [u for u, _z in value], zaak_uuid)
