"""Query filters of the Zaken API lists, with the specification's parameter names.

Each filter is one indexed condition (see the indexes of kernel/cases/models.py); filters on
rollen are EXISTS subqueries on the rol table and its RolSleutel index, so a case with many
rollen is never listed twice and no DISTINCT is needed.
"""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.apis.zaken import fields
from raadhuis.kernel.cases.betrokkenen import sleutel
from raadhuis.kernel.cases.models import (
    BetrokkeneType,
    KlantContact,
    NotitieStatus,
    NotitieType,
    ObjectType,
    Resultaat,
    Rol,
    RolSleutel,
    Status,
    Zaak,
    ZaakContactMoment,
    ZaakNotitie,
    ZaakObject,
    ZaakVerzoek,
)
from raadhuis.kernel.catalog.models import RolOmschrijving
from raadhuis.kernel.common import Archiefnominatie, Archiefstatus, Vertrouwelijkheid

NOTHING_UUID = "00000000-0000-0000-0000-000000000000"


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 date-time filter that queries in UTC: PostgreSQL refuses offsets beyond
    ±15:59 (e.g. `+20:14`, found by schemathesis as a 500)."""

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value is not None:
            try:
                value = value.astimezone(datetime.UTC)
            except OverflowError as error:
                raise serializers.ValidationError(
                    {self.field_name: [_("Datum/tijd buiten het geldige bereik.")]}
                ) from error
        return super().filter(qs, value)


def _uuid_of(template: str, value: str) -> str:
    """The uuid a URL of the given kind ends with; a uuid that matches nothing otherwise."""
    found = fields.uuid_in_url(template, value or "")
    return str(found) if found else NOTHING_UUID


@extend_schema_field({"type": "string", "format": "uri"})
class UrlFilter(django_filters.CharFilter):
    """`?zaak=<url>`: filters on the referenced row's uuid."""

    def __init__(
        self,
        *args: Any,
        template: str,
        extern: bool = False,
        id_subquery: bool = False,
        **kwargs: Any,
    ) -> None:
        self.template = template
        # a type that may be mirrored from an external Catalogi API (kernel/catalog/extern.py)
        self.extern = extern
        # match the foreign key to the row's id, read once by a scalar subquery (see _op_id)
        self.id_subquery = id_subquery
        kwargs.setdefault("lookup_expr", "exact")
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        if not value:
            return qs
        request = getattr(self.parent, "request", None)
        if self.extern and request is not None and not value.startswith(fields.site_root(request)):
            return qs.filter(
                Q(**{f"{self.field_name}__extern_url": value})
                | Q(**{f"{self.field_name}__uuid": _uuid_of(self.template, value)})
            )
        if self.id_subquery:
            return self._op_id(qs, _uuid_of(self.template, value))
        return qs.filter(**{f"{self.field_name}__uuid": _uuid_of(self.template, value)})

    def _op_id(self, qs: QuerySet[Any], uuid: str) -> QuerySet[Any]:
        """`<fk>_id = (SELECT id ... WHERE uuid = ...)`: PostgreSQL reads the id once and then
        walks the (organisatie, zaaktype, startdatum, id) index in the list's order, stopping
        after a page. A join on the uuid hid the id from the planner, which then filtered the
        whole newest-first list instead: a hundred rows read for every one shown."""
        related = qs.model._meta.get_field(self.field_name).related_model
        ids = related._default_manager.filter(uuid=uuid).order_by().values("pk")[:1]
        return qs.filter(**{f"{self.field_name}_id": Subquery(ids)})


class CsvFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """`?x__in=a,b`."""


# --- zaken -------------------------------------------------------------------------------------
ORDERING = [
    "startdatum",
    "einddatum",
    "publicatiedatum",
    "archiefactiedatum",
    "registratiedatum",
    "identificatie",
]

SLEUTEL_FILTERS = {
    "natuurlijkPersoon__inpBsn": (BetrokkeneType.NATUURLIJK_PERSOON, "inpBsn"),
    "natuurlijkPersoon__anpIdentificatie": (BetrokkeneType.NATUURLIJK_PERSOON, "anpIdentificatie"),
    "natuurlijkPersoon__inpA_nummer": (BetrokkeneType.NATUURLIJK_PERSOON, "inpA_nummer"),
    "nietNatuurlijkPersoon__innNnpId": (BetrokkeneType.NIET_NATUURLIJK_PERSOON, "innNnpId"),
    "nietNatuurlijkPersoon__annIdentificatie": (
        BetrokkeneType.NIET_NATUURLIJK_PERSOON,
        "annIdentificatie",
    ),
    "vestiging__vestigingsNummer": (BetrokkeneType.VESTIGING, "vestigingsNummer"),
    "medewerker__identificatie": (BetrokkeneType.MEDEWERKER, "identificatie"),
    "organisatorischeEenheid__identificatie": (
        BetrokkeneType.ORGANISATORISCHE_EENHEID,
        "identificatie",
    ),
}


class SleutelFilter(django_filters.CharFilter):
    """`rol__betrokkeneIdentificatie__<type>__<veld>` (on /zaken) or
    `betrokkeneIdentificatie__<type>__<veld>` (on /rollen)."""

    def __init__(self, *args: Any, betrokkene_type: str, veld: str, via_zaak: bool, **kw: Any):
        self.betrokkene_type = betrokkene_type
        self.veld = veld
        self.via_zaak = via_zaak
        super().__init__(*args, **kw)

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        if not value:
            return qs
        waarde = sleutel(self.betrokkene_type, self.veld, value)
        if self.via_zaak:
            match = RolSleutel.objects.filter(rol__zaak_id=OuterRef("pk"), sleutel=waarde)
        else:
            match = RolSleutel.objects.filter(rol_id=OuterRef("pk"), sleutel=waarde)
        return qs.filter(Exists(match))


def _rol_exists(qs: QuerySet[Zaak], **conditions: Any) -> QuerySet[Zaak]:
    return qs.filter(Exists(Rol.objects.filter(zaak_id=OuterRef("pk"), **conditions)))


class GevraagdeFiltersFilterSet(django_filters.FilterSet):
    """A filter set that builds only the filters the request names.

    django-filter deep-copies every declared filter, and then every form field, for each
    request: for the forty-odd filters of /zaken that was a third of a filtered list's CPU,
    spent on filters the request does not use. A filter without a value filters nothing, so
    leaving it out changes no result. Unknown parameters are refused before this (viewsets'
    allowed_query_params reads the class's filters)."""

    base_filters: dict[str, django_filters.Filter]  # built by FilterSet's metaclass

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None:
            self.base_filters = {
                naam: filter_ for naam, filter_ in type(self).base_filters.items() if naam in data
            }
        super().__init__(data, *args, **kwargs)


class ZaakFilter(GevraagdeFiltersFilterSet):
    identificatie = django_filters.CharFilter(
        help_text=_(
            "De unieke identificatie van de ZAAK binnen de organisatie die verantwoordelijk is "
            "voor de behandeling van de ZAAK."
        )
    )
    bronorganisatie = django_filters.CharFilter()
    bronorganisatie__in = CsvFilter(field_name="bronorganisatie", lookup_expr="in")
    zaaktype = UrlFilter(template=fields.ZAAKTYPE, extern=True, id_subquery=True)
    archiefnominatie = django_filters.ChoiceFilter(choices=Archiefnominatie.choices)
    archiefnominatie__in = CsvFilter(field_name="archiefnominatie", lookup_expr="in")
    archiefactiedatum = django_filters.DateFilter()
    archiefactiedatum__isnull = django_filters.BooleanFilter(
        field_name="archiefactiedatum", lookup_expr="isnull"
    )
    archiefactiedatum__lt = django_filters.DateFilter(
        field_name="archiefactiedatum", lookup_expr="lt"
    )
    archiefactiedatum__gt = django_filters.DateFilter(
        field_name="archiefactiedatum", lookup_expr="gt"
    )
    archiefstatus = django_filters.ChoiceFilter(choices=Archiefstatus.choices)
    archiefstatus__in = CsvFilter(field_name="archiefstatus", lookup_expr="in")
    startdatum = django_filters.DateFilter()
    startdatum__gt = django_filters.DateFilter(field_name="startdatum", lookup_expr="gt")
    startdatum__gte = django_filters.DateFilter(field_name="startdatum", lookup_expr="gte")
    startdatum__lt = django_filters.DateFilter(field_name="startdatum", lookup_expr="lt")
    startdatum__lte = django_filters.DateFilter(field_name="startdatum", lookup_expr="lte")
    registratiedatum = django_filters.DateFilter()
    registratiedatum__gt = django_filters.DateFilter(
        field_name="registratiedatum", lookup_expr="gt"
    )
    registratiedatum__lt = django_filters.DateFilter(
        field_name="registratiedatum", lookup_expr="lt"
    )
    einddatum = django_filters.DateFilter()
    einddatum__isnull = django_filters.BooleanFilter(field_name="einddatum", lookup_expr="isnull")
    einddatum__gt = django_filters.DateFilter(field_name="einddatum", lookup_expr="gt")
    einddatum__lt = django_filters.DateFilter(field_name="einddatum", lookup_expr="lt")
    einddatumGepland = django_filters.DateFilter(field_name="einddatum_gepland")
    einddatumGepland__gt = django_filters.DateFilter(
        field_name="einddatum_gepland", lookup_expr="gt"
    )
    einddatumGepland__lt = django_filters.DateFilter(
        field_name="einddatum_gepland", lookup_expr="lt"
    )
    uiterlijkeEinddatumAfdoening = django_filters.DateFilter(
        field_name="uiterlijke_einddatum_afdoening"
    )
    uiterlijkeEinddatumAfdoening__gt = django_filters.DateFilter(
        field_name="uiterlijke_einddatum_afdoening", lookup_expr="gt"
    )
    uiterlijkeEinddatumAfdoening__lt = django_filters.DateFilter(
        field_name="uiterlijke_einddatum_afdoening", lookup_expr="lt"
    )
    rol__betrokkeneType = django_filters.ChoiceFilter(
        choices=BetrokkeneType.choices, method="filter_rol_betrokkene_type"
    )
    rol__betrokkene = django_filters.CharFilter(method="filter_rol_betrokkene")
    rol__omschrijvingGeneriek = django_filters.ChoiceFilter(
        choices=RolOmschrijving.choices, method="filter_rol_omschrijving_generiek"
    )
    maximaleVertrouwelijkheidaanduiding = django_filters.ChoiceFilter(
        choices=Vertrouwelijkheid.choices, method="filter_maximale_vertrouwelijkheid"
    )
    ordering = django_filters.OrderingFilter(
        fields=[(name, name) for name in ORDERING],
        help_text=_(
            "Het veld waarop de resultaten geordend worden. Het minnetje betekent omgekeerde "
            "volgorde."
        ),
    )

    class Meta:
        model = Zaak
        fields: list[str] = []

    def filter_rol_betrokkene_type(self, qs: QuerySet[Zaak], name: str, value: str) -> Any:
        return _rol_exists(qs, betrokkene_type=value) if value else qs

    def filter_rol_betrokkene(self, qs: QuerySet[Zaak], name: str, value: str):
        return _rol_exists(qs, betrokkene_url=value) if value else qs

    def filter_rol_omschrijving_generiek(self, qs: QuerySet[Zaak], name: str, value: str):
        return _rol_exists(qs, roltype__omschrijving_generiek=value) if value else qs

    def filter_maximale_vertrouwelijkheid(self, qs: QuerySet[Zaak], name: str, value: str):
        if not value:
            return qs
        return qs.filter(vertrouwelijkheidaanduiding__in=Vertrouwelijkheid.up_to(value))

    def filter_queryset(self, queryset: QuerySet[Zaak]) -> QuerySet[Zaak]:
        queryset = super().filter_queryset(queryset)
        # A unique tiebreaker after any chosen order, so pages never overlap.
        ordering = list(queryset.query.order_by) or ["-startdatum"]
        if ordering[-1] not in ("id", "-id"):
            last_desc = str(ordering[0]).startswith("-")
            ordering.append("-id" if last_desc else "id")
        return queryset.order_by(*ordering)


for _naam, (_type, _veld) in SLEUTEL_FILTERS.items():
    ZaakFilter.base_filters[f"rol__betrokkeneIdentificatie__{_naam}"] = SleutelFilter(
        betrokkene_type=_type, veld=_veld, via_zaak=True
    )


# --- sub-resources -------------------------------------------------------------------------------
class StatusFilter(django_filters.FilterSet):
    zaak = UrlFilter(template=fields.ZAAK)
    statustype = UrlFilter(template=fields.STATUSTYPE, extern=True)
    indicatieLaatstGezetteStatus = django_filters.BooleanFilter(method="filter_laatst")

    class Meta:
        model = Status
        fields: list[str] = []

    def filter_laatst(self, qs: QuerySet[Status], name: str, value: bool | None):
        if value is None:
            return qs
        from django.db.models import F

        if value:
            return qs.filter(zaak__status_actueel_id=F("id"))
        return qs.exclude(zaak__status_actueel_id=F("id"))


class ResultaatFilter(django_filters.FilterSet):
    zaak = UrlFilter(template=fields.ZAAK)
    resultaattype = UrlFilter(template=fields.RESULTAATTYPE, extern=True)

    class Meta:
        model = Resultaat
        fields: list[str] = []


class RolFilter(django_filters.FilterSet):
    zaak = UrlFilter(template=fields.ZAAK)
    betrokkene = django_filters.CharFilter(field_name="betrokkene_url")
    betrokkeneType = django_filters.ChoiceFilter(
        field_name="betrokkene_type", choices=BetrokkeneType.choices
    )
    roltype = UrlFilter(template=fields.ROLTYPE, extern=True)
    omschrijving = django_filters.CharFilter(field_name="roltype__omschrijving")
    omschrijvingGeneriek = django_filters.ChoiceFilter(
        field_name="roltype__omschrijving_generiek", choices=RolOmschrijving.choices
    )

    class Meta:
        model = Rol
        fields: list[str] = []


for _naam, (_type, _veld) in SLEUTEL_FILTERS.items():
    RolFilter.base_filters[f"betrokkeneIdentificatie__{_naam}"] = SleutelFilter(
        betrokkene_type=_type, veld=_veld, via_zaak=False
    )


class ZaakObjectFilter(django_filters.FilterSet):
    zaak = UrlFilter(template=fields.ZAAK)
    object = django_filters.CharFilter(field_name="object")
    objectType = django_filters.ChoiceFilter(field_name="object_type", choices=ObjectType.choices)

    class Meta:
        model = ZaakObject
        fields: list[str] = []


class KlantContactFilter(django_filters.FilterSet):
    zaak = UrlFilter(template=fields.ZAAK)

    class Meta:
        model = KlantContact
        fields: list[str] = []


class ZaakContactMomentFilter(django_filters.FilterSet):
    zaak = UrlFilter(template=fields.ZAAK)
    contactmoment = django_filters.CharFilter()

    class Meta:
        model = ZaakContactMoment
        fields: list[str] = []


class ZaakVerzoekFilter(django_filters.FilterSet):
    zaak = UrlFilter(template=fields.ZAAK)
    verzoek = django_filters.CharFilter()

    class Meta:
        model = ZaakVerzoek
        fields: list[str] = []


class ZaakNotitieFilter(django_filters.FilterSet):
    aangemaaktDoor = django_filters.CharFilter(field_name="aangemaakt_door")
    aangemaaktDoor__icontains = django_filters.CharFilter(
        field_name="aangemaakt_door", lookup_expr="icontains"
    )
    aanmaakdatum = UtcIsoDateTimeFilter()
    aanmaakdatum__gt = UtcIsoDateTimeFilter(field_name="aanmaakdatum", lookup_expr="gt")
    aanmaakdatum__gte = UtcIsoDateTimeFilter(field_name="aanmaakdatum", lookup_expr="gte")
    aanmaakdatum__lt = UtcIsoDateTimeFilter(field_name="aanmaakdatum", lookup_expr="lt")
    aanmaakdatum__lte = UtcIsoDateTimeFilter(field_name="aanmaakdatum", lookup_expr="lte")
    gerelateerdAan = UrlFilter(field_name="zaak", template=fields.ZAAK)
    notitieType = django_filters.ChoiceFilter(
        field_name="notitie_type", choices=NotitieType.choices
    )
    onderwerp = django_filters.CharFilter()
    onderwerp__icontains = django_filters.CharFilter(
        field_name="onderwerp", lookup_expr="icontains"
    )
    status = django_filters.ChoiceFilter(choices=NotitieStatus.choices)
    tekst = django_filters.CharFilter()
    tekst__icontains = django_filters.CharFilter(field_name="tekst", lookup_expr="icontains")
    wijzigingsdatum = UtcIsoDateTimeFilter()
    wijzigingsdatum__gt = UtcIsoDateTimeFilter(field_name="wijzigingsdatum", lookup_expr="gt")
    wijzigingsdatum__gte = UtcIsoDateTimeFilter(field_name="wijzigingsdatum", lookup_expr="gte")
    wijzigingsdatum__lt = UtcIsoDateTimeFilter(field_name="wijzigingsdatum", lookup_expr="lt")
    wijzigingsdatum__lte = UtcIsoDateTimeFilter(field_name="wijzigingsdatum", lookup_expr="lte")

    class Meta:
        model = ZaakNotitie
        fields: list[str] = []
