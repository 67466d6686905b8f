"""Query parameters of the Catalogi API lists, named and behaving as in the specification."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from raadhuis.apis.catalogi.serializers.base import is_url, uuid_from_url
from raadhuis.kernel.catalog.models import (
    BesluitType,
    Catalogus,
    EigenschapType,
    InformatieObjectType,
    ResultaatType,
    Richting,
    RolOmschrijving,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)

STATUS_HELP_TEXT = _(
    "filter objects depending on their concept status:\n"
    "* `alles`: Toon objecten waarvan het attribuut `concept` true of false is.\n"
    "* `concept`: Toon objecten waarvan het attribuut `concept` true is.\n"
    "* `definitief`: Toon objecten waarvan het attribuut `concept` false is (standaard).\n"
)
STATUS_ZAAKTYPE_HELP_TEXT = _(
    "filter de resultaten op basis van de waarde van het boolean attribuut `concept` van het "
    "gerelateerde zaaktype:\n"
    "* `alles`: Toon objecten waarvan het attribuut `concept` true of false is.\n"
    "* `concept`: Toon objecten waarvan het attribuut `concept` true is.\n"
    "* `definitief`: Toon objecten waarvan het attribuut `concept` false is (standaard).\n"
)
STATUS_CHOICES = [("alles", "alles"), ("concept", "concept"), ("definitief", "definitief")]
DATUM_HELP_TEXT = _("filter objecten op hun geldigheids datum.")


def status_q(value: str, field: str) -> Q:
    if value == "concept":
        return Q(**{field: True})
    if value == "alles":
        return Q()
    return Q(**{field: False})


class StatusFilter(filters.ChoiceFilter):
    """`status`: alles, concept or definitief (the default when the parameter is absent)."""

    def __init__(self, concept_field: str = "concept", **kwargs: Any) -> None:
        self.concept_field = concept_field
        kwargs.setdefault("choices", STATUS_CHOICES)
        kwargs.setdefault("help_text", STATUS_HELP_TEXT)
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        return qs.filter(status_q(value or "definitief", self.concept_field))


class DatumGeldigheidFilter(filters.DateFilter):
    """Objects valid on a date: begin on or before it, end (if any) on or after it."""

    def __init__(self, prefix: str = "", **kwargs: Any) -> None:
        self.prefix = prefix
        kwargs.setdefault("help_text", DATUM_HELP_TEXT)
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value in (None, ""):
            return qs
        p = self.prefix
        return qs.filter(
            Q(**{f"{p}einde_geldigheid__isnull": True}) | Q(**{f"{p}einde_geldigheid__gte": value}),
            **{f"{p}begin_geldigheid__lte": value},
        )


def validate_http_url(value: str) -> None:
    if value and not is_url(value):
        raise ValidationError(_("Voer een geldige URL in."), code="invalid")


class URLFilter(filters.CharFilter):
    """A reference by URL to one of our resources; an unknown URL matches nothing."""

    def __init__(self, resource: str, **kwargs: Any) -> None:
        self.resource = resource
        # Not Django's URLValidator: it refuses hosts without a dot, such as an internal
        # "http://raadhuis:8000" (and the test server).
        kwargs.setdefault("validators", [validate_http_url])
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        if not value:
            return qs
        object_uuid = uuid_from_url(value, self.resource)
        if object_uuid is None:
            return qs.none()
        return qs.filter(**{f"{self.field_name}__uuid": object_uuid}).distinct()


class CatalogiFilterSet(filters.FilterSet):
    """Every filter runs, also without a value: `status` then applies its default."""

    # Read by apis.common.viewsets: a list without parameters still goes through the filters.
    filters_zonder_parameters = True


class CommaSeparatedFilter(filters.CharFilter):
    """`a,b,c`: any of these values (the specification types it as one string)."""

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        if not value:
            return qs
        values = [v.strip() for v in value.split(",") if v.strip()]
        return qs.filter(**{f"{self.field_name}__in": values})


@extend_schema_field(OpenApiTypes.STR)
class TextBooleanFilter(filters.BooleanFilter):
    """ "true" / "false" (the specification types it as a string)."""


class CatalogusFilter(filters.FilterSet):
    domein__in = CommaSeparatedFilter(field_name="domein", help_text="domein__in")
    rsin__in = CommaSeparatedFilter(field_name="rsin", help_text="rsin__in")

    class Meta:
        model = Catalogus
        fields = {"domein": ["exact"], "rsin": ["exact"]}


class TrefwoordenFilter(filters.BaseCSVFilter, filters.CharFilter):
    def filter(self, qs: QuerySet[Any], value: list[str] | None) -> QuerySet[Any]:
        for trefwoord in value or []:
            qs = qs.filter(trefwoorden__icontains=f'"{trefwoord}"')
        return qs


class ZaakTypeFilter(CatalogiFilterSet):
    catalogus = URLFilter(
        "catalogus",
        field_name="catalogus",
        help_text=_("URL-referentie naar de CATALOGUS waartoe dit ZAAKTYPE behoort."),
    )
    identificatie = filters.CharFilter(
        help_text=_(
            "Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE "
            "voorkomt."
        )
    )
    trefwoorden = TrefwoordenFilter(help_text=_("Multiple values may be separated by commas."))
    status = StatusFilter()
    datumGeldigheid = DatumGeldigheidFilter()  # noqa: N815

    class Meta:
        model = ZaakType
        fields: list[str] = []


class InformatieObjectTypeFilter(CatalogiFilterSet):
    catalogus = URLFilter(
        "catalogus",
        field_name="catalogus",
        help_text=_("URL-referentie naar de CATALOGUS waartoe dit INFORMATIEOBJECTTYPE behoort."),
    )
    status = StatusFilter()
    datumGeldigheid = DatumGeldigheidFilter()  # noqa: N815
    omschrijving = filters.CharFilter(
        help_text=_("Omschrijving van de aard van informatieobjecten van dit INFORMATIEOBJECTTYPE.")
    )

    class Meta:
        model = InformatieObjectType
        fields: list[str] = []


class BesluitTypeFilter(CatalogiFilterSet):
    catalogus = URLFilter(
        "catalogus",
        field_name="catalogus",
        help_text=_("URL-referentie naar de CATALOGUS waartoe dit BESLUITTYPE behoort."),
    )
    zaaktypen = URLFilter(
        "zaaktype",
        field_name="zaaktypen",
        help_text=_("ZAAKTYPE met ZAAKen die relevant kunnen zijn voor dit BESLUITTYPE"),
    )
    informatieobjecttypen = URLFilter(
        "informatieobjecttype",
        field_name="informatieobjecttypen",
        help_text=_(
            "Het INFORMATIEOBJECTTYPE van informatieobjecten waarin besluiten van dit "
            "BESLUITTYPE worden vastgelegd."
        ),
    )
    status = StatusFilter()
    omschrijving = filters.CharFilter(
        help_text=_("Omschrijving van de aard van BESLUITen van het BESLUITTYPE.")
    )
    datumGeldigheid = DatumGeldigheidFilter()  # noqa: N815

    class Meta:
        model = BesluitType
        fields: list[str] = []


def zaaktype_url_filter(help_text: str) -> URLFilter:
    return URLFilter("zaaktype", field_name="zaaktype", help_text=help_text)


def zaaktype_identificatie_filter() -> filters.CharFilter:
    return filters.CharFilter(
        field_name="zaaktype__identificatie", help_text="zaaktype_identificatie"
    )


class StatusTypeFilter(CatalogiFilterSet):
    zaaktype = zaaktype_url_filter(
        _(
            "URL-referentie naar het ZAAKTYPE van ZAAKen waarin STATUSsen van dit STATUSTYPE "
            "bereikt kunnen worden."
        )
    )
    zaaktypeIdentificatie = zaaktype_identificatie_filter()  # noqa: N815
    status = StatusFilter("zaaktype__concept", help_text=STATUS_ZAAKTYPE_HELP_TEXT)
    datumGeldigheid = DatumGeldigheidFilter("zaaktype__")  # noqa: N815

    class Meta:
        model = StatusType
        fields: list[str] = []


class RolTypeFilter(CatalogiFilterSet):
    zaaktype = zaaktype_url_filter(
        _("URL-referentie naar het ZAAKTYPE waar deze ROLTYPEn betrokken kunnen zijn.")
    )
    zaaktypeIdentificatie = zaaktype_identificatie_filter()  # noqa: N815
    omschrijvingGeneriek = filters.ChoiceFilter(  # noqa: N815
        field_name="omschrijving_generiek",
        choices=RolOmschrijving.choices,
        help_text=_("Algemeen gehanteerde omschrijving van de aard van de ROL."),
    )
    status = StatusFilter("zaaktype__concept", help_text=STATUS_ZAAKTYPE_HELP_TEXT)
    datumGeldigheid = DatumGeldigheidFilter("zaaktype__")  # noqa: N815

    class Meta:
        model = RolType
        fields: list[str] = []


class ResultaatTypeFilter(CatalogiFilterSet):
    zaaktype = zaaktype_url_filter("zaaktype")
    zaaktype_identificatie = zaaktype_identificatie_filter()
    zaaktypeIdentificatie = zaaktype_identificatie_filter()  # noqa: N815
    status = StatusFilter("zaaktype__concept", help_text=STATUS_ZAAKTYPE_HELP_TEXT)
    datum_geldigheid = DatumGeldigheidFilter("zaaktype__", help_text="datum_geldigheid")
    datumGeldigheid = DatumGeldigheidFilter("zaaktype__", help_text="datum_geldigheid")  # noqa: N815

    class Meta:
        model = ResultaatType
        fields: list[str] = []


class EigenschapFilter(CatalogiFilterSet):
    zaaktype = zaaktype_url_filter(
        _("URL-referentie naar het ZAAKTYPE van de ZAAKen waarvoor deze EIGENSCHAP van belang is.")
    )
    zaaktypeIdentificatie = zaaktype_identificatie_filter()  # noqa: N815
    status = StatusFilter("zaaktype__concept", help_text=STATUS_ZAAKTYPE_HELP_TEXT)
    datumGeldigheid = DatumGeldigheidFilter("zaaktype__")  # noqa: N815

    class Meta:
        model = EigenschapType
        fields: list[str] = []


class ZIOTStatusFilter(StatusFilter):
    """Concept when the zaaktype or the informatieobjecttype is; definitief when both are."""

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        value = value or "definitief"
        if value == "concept":
            return qs.filter(Q(zaaktype__concept=True) | Q(informatieobjecttype__concept=True))
        if value == "definitief":
            return qs.filter(zaaktype__concept=False, informatieobjecttype__concept=False)
        return qs


class InformatieObjectTypeRefFilter(filters.CharFilter):
    """By omschrijving (the 1.3 way) or by URL."""

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        if not value:
            return qs
        if is_url(value):
            object_uuid = uuid_from_url(value, "informatieobjecttype")
            if object_uuid is None:
                return qs.none()
            return qs.filter(informatieobjecttype__uuid=object_uuid)
        return qs.filter(informatieobjecttype__omschrijving=value)


class ZaakTypeInformatieObjectTypeFilter(CatalogiFilterSet):
    zaaktype = zaaktype_url_filter(_("URL-referentie naar het ZAAKTYPE."))
    informatieobjecttype = InformatieObjectTypeRefFilter(help_text="informatieobjecttype")
    richting = filters.ChoiceFilter(
        choices=Richting.choices,
        help_text=_(
            "Aanduiding van de richting van informatieobjecten van het gerelateerde "
            "INFORMATIEOBJECTTYPE bij zaken van het gerelateerde ZAAKTYPE."
        ),
    )
    status = ZIOTStatusFilter(help_text=STATUS_ZAAKTYPE_HELP_TEXT)

    class Meta:
        model = ZaakTypeInformatieObjectType
        fields: list[str] = []


class ZaakObjectTypeFilter(filters.FilterSet):
    anderObjecttype = TextBooleanFilter(  # noqa: N815
        field_name="ander_objecttype",
        help_text=_(
            "Aanduiding waarmee wordt aangegeven of het ZAAKOBJECTTYPE een ander, niet in RSGB "
            "en RGBZ voorkomend, objecttype betreft."
        ),
    )
    catalogus = URLFilter(
        "catalogus",
        field_name="zaaktype__catalogus",
        help_text=_("URL-referentie naar de CATALOGUS waartoe dit ZAAKOBJECTTYPE behoort."),
    )
    datumBeginGeldigheid = filters.DateFilter(  # noqa: N815
        field_name="begin_geldigheid", help_text=_("De datum waarop het is ontstaan.")
    )
    datumEindeGeldigheid = filters.DateFilter(  # noqa: N815
        field_name="einde_geldigheid", help_text=_("De datum waarop het is opgeheven.")
    )
    datumGeldigheid = DatumGeldigheidFilter()  # noqa: N815
    objecttype = filters.CharFilter(
        validators=[URLValidator()],
        help_text=_("URL-referentie naar de OBJECTTYPE waartoe dit ZAAKOBJECTTYPE behoort."),
    )
    relatieOmschrijving = filters.CharFilter(  # noqa: N815
        field_name="relatie_omschrijving",
        help_text=_(
            "Omschrijving van de betrekking van het Objecttype op zaken van het gerelateerde "
            "ZAAKTYPE."
        ),
    )
    zaaktype = zaaktype_url_filter(
        _("URL-referentie naar de ZAAKTYPE waartoe dit ZAAKOBJECTTYPE behoort.")
    )
    zaaktypeIdentificatie = zaaktype_identificatie_filter()  # noqa: N815

    class Meta:
        model = ZaakObjectType
        fields: list[str] = []
