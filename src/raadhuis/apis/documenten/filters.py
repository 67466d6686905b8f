"""Query parameters of the Documenten API 1.7.0 lists, with the specification's names."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import Resolver404, resolve
from django_filters import rest_framework as filters

from raadhuis.apis.common.fields import path_of
from raadhuis.kernel.documents.models import (
    BesluitInformatieObject,
    ExternObjectInformatieObject,
    Gebruiksrecht,
    InformatieObjectVersie,
    Verzending,
    VerzendingAardRelatie,
    ZaakInformatieObject,
)

OBJECT_VIEWS = {"zaken:zaak-detail": "zaak", "besluiten:besluit-detail": "besluit"}
OBJECT_TYPES = (("besluit", "Besluit"), ("zaak", "Zaak"), ("verzoek", "Verzoek"))


def object_van_url(url: str) -> tuple[str, str] | None:
    """("zaak" | "besluit", uuid) of a local zaak or besluit URL; None for any other URL."""
    try:
        match = resolve(path_of(url))
    except Resolver404:
        return None
    soort = OBJECT_VIEWS.get(match.view_name)
    if soort is None or "uuid" not in match.kwargs:
        return None
    return soort, str(match.kwargs["uuid"])


def document_uuid_van_url(url: str) -> str | None:
    try:
        match = resolve(path_of(url))
    except Resolver404:
        return None
    if match.view_name != "documenten:enkelvoudiginformatieobject-detail":
        return None
    return str(match.kwargs.get("uuid", ""))


def _uuid_of_niets(waarde: str | None) -> Q:
    return Q(informatieobject__uuid=waarde) if waarde else Q(pk__in=[])


class CommaListFilter(filters.BaseInFilter, filters.CharFilter):
    """`a,b,c` as a list of strings."""


def trefwoorden_q(trefwoorden: list[str]) -> Q:
    """Every keyword in the version's list. PostgreSQL: jsonb containment; elsewhere the
    JSON text holds each keyword as a quoted string."""
    woorden = [w for w in trefwoorden if w]
    if connection.vendor == "postgresql":
        return Q(trefwoorden__contains=woorden)
    q = Q()
    for woord in woorden:
        q &= Q(trefwoorden__icontains=json.dumps(woord))
    return q


class EnkelvoudigInformatieObjectFilter(filters.FilterSet):
    identificatie = filters.CharFilter(
        field_name="identificatie",
        help_text="Een binnen een gegeven context ondubbelzinnige referentie naar het "
        "INFORMATIEOBJECT.",
    )
    bronorganisatie = filters.CharFilter(
        field_name="bronorganisatie",
        help_text="Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die het "
        "informatieobject heeft gecreëerd of heeft ontvangen en als eerste in een "
        "samenwerkingsketen heeft vastgelegd.",
    )
    objectinformatieobjecten_object = filters.CharFilter(
        method="filter_object",
        help_text="URL-referentie naarhet gerelateerde OBJECT (in deze of andere API).",
    )
    objectinformatieobjecten_objectType = filters.ChoiceFilter(  # noqa: N815 (spec name)
        choices=OBJECT_TYPES,
        method="filter_object_type",
        help_text="Het type van het gerelateerde OBJECT.",
    )
    trefwoorden = CommaListFilter(
        method="filter_trefwoorden",
        help_text="Een lijst van trefwoorden gescheiden door comma's.",
    )

    class Meta:
        model = InformatieObjectVersie
        fields: list[str] = []

    def filter_object(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        extern = ExternObjectInformatieObject.objects.filter(object_url=value)
        gevonden = object_van_url(value)
        if gevonden is None:
            relaties: Any = extern
        elif gevonden[0] == "zaak":
            relaties = ZaakInformatieObject.objects.filter(zaak__uuid=gevonden[1])
        else:
            relaties = BesluitInformatieObject.objects.filter(besluit__uuid=gevonden[1])
        return queryset.filter(
            Q(informatieobject_id__in=relaties.values("informatieobject_id"))
            | Q(informatieobject_id__in=extern.values("informatieobject_id"))
        )

    def filter_object_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "zaak":
            relaties: Any = ZaakInformatieObject.objects.all()
        elif value == "besluit":
            relaties = BesluitInformatieObject.objects.all()
        else:
            return queryset.none()  # no verzoeken are registered here
        extern = ExternObjectInformatieObject.objects.filter(object_type=value)
        return queryset.filter(
            Q(informatieobject_id__in=relaties.values("informatieobject_id"))
            | Q(informatieobject_id__in=extern.values("informatieobject_id"))
        )

    def filter_trefwoorden(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        return queryset.filter(trefwoorden_q(value))


class DocumentUrlFilter(filters.CharFilter):
    """`informatieobject=<url of an EnkelvoudigInformatieObject>`."""

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if not value:
            return qs
        return qs.filter(_uuid_of_niets(document_uuid_van_url(value)))


class GebruiksrechtenFilter(filters.FilterSet):
    informatieobject = DocumentUrlFilter(help_text="URL-referentie naar het INFORMATIEOBJECT.")

    class Meta:
        model = Gebruiksrecht
        fields = {
            "startdatum": ["lt", "lte", "gt", "gte"],
            "einddatum": ["lt", "lte", "gt", "gte"],
        }


class ObjectInformatieObjectFilter(filters.FilterSet):
    """On the two relation tables; the view applies it to each of them."""

    object = filters.CharFilter(
        method="filter_object",
        help_text="URL-referentie naar het gerelateerde OBJECT (in deze of een andere API).",
    )
    informatieobject = DocumentUrlFilter(help_text="URL-referentie naar het INFORMATIEOBJECT.")

    class Meta:
        model = ZaakInformatieObject
        fields: list[str] = []

    def filter_object(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if queryset.model is ExternObjectInformatieObject:
            return queryset.filter(object_url=value)
        gevonden = object_van_url(value)
        veld = "zaak" if queryset.model is ZaakInformatieObject else "besluit"
        if gevonden is None or gevonden[0] != veld:
            return queryset.none()
        return queryset.filter(**{f"{veld}__uuid": gevonden[1]})


class VerzendingFilter(filters.FilterSet):
    aardRelatie = filters.ChoiceFilter(  # noqa: N815 (spec name)
        field_name="aard_relatie",
        choices=VerzendingAardRelatie.choices,
        help_text="Omschrijving van de aard van de relatie van de BETROKKENE tot het "
        "INFORMATIEOBJECT.",
    )
    informatieobject = DocumentUrlFilter(
        help_text="URL-referentie naar het informatieobject dat is ontvangen of verzonden."
    )
    betrokkene = filters.CharFilter(
        field_name="betrokkene",
        help_text="URL-referentie naar de betrokkene waarvan het informatieobject is ontvangen "
        "of waaraan dit is verzonden.",
    )

    class Meta:
        model = Verzending
        fields: list[str] = []
