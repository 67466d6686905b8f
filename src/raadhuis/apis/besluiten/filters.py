"""Query parameters of the Besluiten API lists, named as in the specification."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from raadhuis.apis.common.fields import path_of
from raadhuis.kernel.cases.models import Besluit
from raadhuis.kernel.documents.models import BesluitInformatieObject


def uuid_of(url: str, view_name: str) -> uuid.UUID | None:
    """The uuid of one of our resources of kind `view_name` ("catalogi:besluittype-detail")
    named by its URL; None when the URL is not one."""
    try:
        match = resolve(path_of(url))
    except Resolver404:
        return None
    if match.view_name != view_name:
        return None
    try:
        return uuid.UUID(str(match.kwargs.get("uuid")))
    except ValueError:
        return None


def url_validate(value: str) -> None:
    """An absolute http(s) URL; single-label hosts (an intranet name) are fine, unlike Django's
    URLValidator, which wants a top-level domain."""
    parts = urlparse(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or " " in value:
        raise ValidationError(_("Voer een geldige URL in."), code="invalid")


@extend_schema_field(OpenApiTypes.URI)
class URLFilter(filters.CharFilter):
    """A reference by URL to one of our resources (a valid URL, else 400); a URL that is not
    one of ours of that kind matches nothing."""

    def __init__(self, view_name: str, **kwargs: Any) -> None:
        self.view_name = view_name
        kwargs.setdefault("validators", [url_validate])
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        if not value:
            return qs
        object_uuid = uuid_of(value, self.view_name)
        if object_uuid is None:
            return qs.none()
        return qs.filter(**{f"{self.field_name}__uuid": object_uuid})


class BesluitFilter(filters.FilterSet):
    identificatie = filters.CharFilter(
        help_text="Identificatie van het besluit binnen de organisatie die het besluit heeft "
        "vastgesteld. Indien deze niet opgegeven is, dan wordt die gegenereerd."
    )
    verantwoordelijkeOrganisatie = filters.CharFilter(  # noqa: N815 (the spec's name)
        field_name="verantwoordelijke_organisatie",
        help_text="Het RSIN van de niet-natuurlijk persoon zijnde de organisatie die het "
        "besluit heeft vastgesteld.",
    )
    besluittype = URLFilter(
        "catalogi:besluittype-detail",
        field_name="besluittype",
        help_text="URL-referentie naar het BESLUITTYPE (in de Catalogi API).",
    )
    zaak = URLFilter(
        "zaken:zaak-detail",
        field_name="zaak",
        help_text="URL-referentie naar de ZAAK (in de Zaken API) waarvan dit besluit uitkomst is.",
    )

    class Meta:
        model = Besluit
        fields: list[str] = []


class BesluitInformatieObjectFilter(filters.FilterSet):
    besluit = URLFilter(
        "besluiten:besluit-detail",
        field_name="besluit",
        help_text="URL-referentie naar het BESLUIT.",
    )
    informatieobject = URLFilter(
        "documenten:enkelvoudiginformatieobject-detail",
        field_name="informatieobject",
        help_text="URL-referentie naar het INFORMATIEOBJECT (in de Documenten API) waarin (een "
        "deel van) het besluit beschreven is.",
    )

    class Meta:
        model = BesluitInformatieObject
        fields: list[str] = []
