"""Serializers of the types under a ZAAKTYPE: STATUSTYPE, ROLTYPE, RESULTAATTYPE, EIGENSCHAP,
ZAAKTYPE-INFORMATIEOBJECTTYPE and ZAAKOBJECTTYPE (Catalogi API 1.3.3)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import SkipField

from raadhuis.apis.catalogi.serializers.base import (
    CamelCaseModelSerializer,
    HistorieRelatieField,
    ValuesField,
    VersieDatumMixin,
    catalogus_field,
    invalid,
    is_url,
    resolve_historie,
    statustype_field,
    url_field,
    urls_field,
    uuid_from_url,
    view,
    zaaktype_field,
)
from raadhuis.apis.catalogi.serializers.typen import CatalogusRefMixin
from raadhuis.apis.common.fields import (
    BlankAsNullCharField,
    DurationField,
    UUIDHyperlinkedRelatedField,
    organisatie_scope,
)
from raadhuis.kernel.catalog.models import (
    Afleidingswijze,
    BesluitType,
    EigenschapFormaat,
    EigenschapType,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from raadhuis.kernel.catalog.selectors import (
    besluittypen_met_omschrijving,
    informatieobjecttype_geldig,
    informatieobjecttypen_met_omschrijving,
)
from raadhuis.kernel.common import Archiefnominatie

OBJECTTYPEN = [
    "adres",
    "besluit",
    "buurt",
    "enkelvoudig_document",
    "gemeente",
    "gemeentelijke_openbare_ruimte",
    "huishouden",
    "inrichtingselement",
    "kadastrale_onroerende_zaak",
    "kunstwerkdeel",
    "maatschappelijke_activiteit",
    "medewerker",
    "natuurlijk_persoon",
    "niet_natuurlijk_persoon",
    "openbare_ruimte",
    "organisatorische_eenheid",
    "pand",
    "spoorbaandeel",
    "status",
    "terreindeel",
    "terrein_gebouwd_object",
    "vestiging",
    "waterdeel",
    "wegdeel",
    "wijk",
    "woonplaats",
    "woz_deelobject",
    "woz_object",
    "woz_waarde",
    "zakelijk_recht",
    "overige",
]


class ZaaktypeOnderdeelSerializer(VersieDatumMixin, CamelCaseModelSerializer):
    """Common to every type under a zaaktype: zaaktype, zaaktypeIdentificatie, catalogus."""

    zaaktype = zaaktype_field()
    zaaktypeIdentificatie = serializers.CharField(  # noqa: N815
        source="zaaktype.identificatie",
        read_only=True,
        help_text=_(
            "Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE "
            "voorkomt."
        ),
    )
    catalogus = UUIDHyperlinkedRelatedField(
        view_name=view("catalogus"), source="zaaktype.catalogus", read_only=True
    )


class WritableCatalogusMixin(CatalogusRefMixin, serializers.Serializer):
    """RolType, ResultaatType, ZaakObjectType accept `catalogus` (it must be the zaaktype's)."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        zaaktype = attrs.get("zaaktype") or getattr(self.instance, "zaaktype", None)
        self.same_catalogus(attrs, zaaktype)
        return attrs


# --- statustype ----------------------------------------------------------------------------
class CheckListItemSerializer(serializers.Serializer):
    itemnaam = serializers.CharField(max_length=30)
    toelichting = BlankAsNullCharField(max_length=1000)
    vraagstelling = serializers.CharField(max_length=255)
    verplicht = serializers.BooleanField(required=False, default=False)


class StatusTypeSerializer(ZaaktypeOnderdeelSerializer):
    url = url_field("statustype")
    doorlooptijd = DurationField()
    toelichting = BlankAsNullCharField(max_length=1000)
    isEindstatus = serializers.BooleanField(  # noqa: N815
        source="is_eindstatus",
        read_only=True,
        help_text=_(
            "Geeft aan dat dit STATUSTYPE een eindstatus betreft. Dit gegeven is afgeleid uit "
            "alle STATUSTYPEn van dit ZAAKTYPE met het hoogste volgnummer."
        ),
    )
    checklistitemStatustype = CheckListItemSerializer(  # noqa: N815
        source="checklistitems", many=True, required=False
    )
    eigenschappen = UUIDHyperlinkedRelatedField(
        view_name=view("eigenschap"),
        many=True,
        required=False,
        queryset=EigenschapType.objects.all(),
        scope=organisatie_scope("zaaktype__catalogus__organisatie"),
        help_text=_(
            "de EIGENSCHAPpen die verplicht een waarde moeten hebben gekregen, voordat een "
            "STATUS van dit STATUSTYPE kan worden gezet."
        ),
    )
    volgnummer = serializers.IntegerField(min_value=1, max_value=9999)

    class Meta:
        model = StatusType
        fields = (
            "url",
            "omschrijving",
            "omschrijving_generiek",
            "statustekst",
            "zaaktype",
            "catalogus",
            "zaaktypeIdentificatie",
            "volgnummer",
            "isEindstatus",
            "informeren",
            "doorlooptijd",
            "toelichting",
            "checklistitemStatustype",
            "eigenschappen",
            "begin_geldigheid",
            "einde_geldigheid",
            "beginObject",
            "eindeObject",
        )
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        zaaktype = attrs.get("zaaktype") or getattr(self.instance, "zaaktype", None)
        for eigenschap in attrs.get("eigenschappen", []):
            if zaaktype is not None and eigenschap.zaaktype_id != zaaktype.pk:
                raise invalid(
                    "eigenschappen",
                    str(_("De eigenschappen moeten bij hetzelfde zaaktype horen.")),
                    "relations-incorrect-zaaktype",
                )
        if "checklistitems" in attrs:
            attrs["checklistitems"] = [dict(item) for item in attrs["checklistitems"]]
        return attrs


# --- roltype -------------------------------------------------------------------------------
class RolTypeSerializer(WritableCatalogusMixin, ZaaktypeOnderdeelSerializer):
    url = url_field("roltype")
    catalogus = catalogus_field(
        required=False,
        allow_null=True,
        help_text=_(
            "URL-referentie naar de CATALOGUS waartoe dit ROLTYPE behoort. Let op, dit veld is "
            "verouderd, maar als je het meegeeft dan moet er naar dezelfde catalogus worden "
            "verwezen als die van het zaaktype."
        ),
    )

    class Meta:
        model = RolType
        fields = (
            "url",
            "zaaktype",
            "zaaktypeIdentificatie",
            "omschrijving",
            "omschrijving_generiek",
            "catalogus",
            "begin_geldigheid",
            "einde_geldigheid",
            "beginObject",
            "eindeObject",
        )
        validators: list[Any] = []


# --- resultaattype -------------------------------------------------------------------------
class BrondatumArchiefprocedureSerializer(serializers.Serializer):
    """Nested with source="*": null means "leave as it is"."""

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data is None:
            raise SkipField
        return super().validate_empty_values(data)

    afleidingswijze = serializers.ChoiceField(choices=Afleidingswijze.choices)
    datumkenmerk = serializers.CharField(max_length=80, required=False, allow_blank=True)
    einddatumBekend = serializers.BooleanField(  # noqa: N815
        source="einddatum_bekend", required=False, default=False
    )
    objecttype = serializers.ChoiceField(
        choices=[*OBJECTTYPEN, ""], required=False, allow_blank=True
    )
    registratie = serializers.CharField(max_length=80, required=False, allow_blank=True)
    procestermijn = DurationField()


class ResultaatTypeSerializer(WritableCatalogusMixin, ZaaktypeOnderdeelSerializer):
    url = url_field("resultaattype")
    omschrijving = serializers.CharField(max_length=30)
    resultaattypeomschrijving = serializers.URLField(max_length=1000)
    omschrijvingGeneriek = serializers.CharField(  # noqa: N815
        source="omschrijving_generiek",
        read_only=True,
        help_text=_("Waarde van de omschrijving-generiek referentie (attribuut `omschrijving`)"),
    )
    selectielijstklasse = serializers.URLField(max_length=1000)
    archiefnominatie = serializers.ChoiceField(
        choices=[*Archiefnominatie.values, ""], required=False, allow_blank=True
    )
    archiefactietermijn = DurationField()
    brondatumArchiefprocedure = BrondatumArchiefprocedureSerializer(  # noqa: N815
        source="*", required=False, allow_null=True
    )
    procesobjectaard = BlankAsNullCharField(max_length=200)
    catalogus = catalogus_field(
        required=False,
        allow_null=True,
        help_text=_(
            "URL-referentie naar de CATALOGUS waartoe dit RESULTAATTYPE behoort. Let op, dit "
            "veld is verouderd, maar als je het meegeeft dan moet er naar dezelfde catalogus "
            "worden verwezen als die van het zaaktype."
        ),
    )
    indicatieSpecifiek = serializers.BooleanField(  # noqa: N815
        source="indicatie_specifiek", required=False, allow_null=True
    )
    procestermijn = DurationField(source="procestermijn_dossier")
    besluittypen = HistorieRelatieField(
        "besluittype",
        required=False,
        help_text=_(
            "Omschrijvingen van de besluittypen die de resultaten van dit resultaattype als "
            "gevolg kunnen hebben (ook URL-referenties worden aanvaard)."
        ),
    )
    besluittypeOmschrijving = ValuesField(  # noqa: N815
        lambda r: (b.omschrijving for b in r.besluittypen.all())
    )
    informatieobjecttypen = HistorieRelatieField(
        "informatieobjecttype",
        required=False,
        help_text=_(
            "Omschrijvingen van de INFORMATIEOBJECTTYPEn die verplicht aanwezig moeten zijn in "
            "het zaakdossier van ZAAKen van dit ZAAKTYPE voordat een resultaat van dit "
            "RESULTAATTYPE kan worden gezet (ook URL-referenties worden aanvaard)."
        ),
    )
    informatieobjecttypeOmschrijving = ValuesField(  # noqa: N815
        lambda r: (i.omschrijving for i in r.informatieobjecttypen.all())
    )

    class Meta:
        model = ResultaatType
        fields = (
            "url",
            "zaaktype",
            "zaaktypeIdentificatie",
            "omschrijving",
            "resultaattypeomschrijving",
            "omschrijvingGeneriek",
            "selectielijstklasse",
            "toelichting",
            "archiefnominatie",
            "archiefactietermijn",
            "brondatumArchiefprocedure",
            "procesobjectaard",
            "catalogus",
            "begin_geldigheid",
            "einde_geldigheid",
            "beginObject",
            "eindeObject",
            "indicatieSpecifiek",
            "procestermijn",
            "besluittypen",
            "besluittypeOmschrijving",
            "informatieobjecttypen",
            "informatieobjecttypeOmschrijving",
        )
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        zaaktype = attrs.get("zaaktype") or getattr(self.instance, "zaaktype", None)
        if zaaktype is None:
            return attrs
        if "besluittypen" in attrs:
            attrs["besluittypen"] = resolve_historie(
                attrs["besluittypen"],
                field="besluittypen",
                resource="besluittype",
                model=BesluitType,
                catalogus=zaaktype.catalogus,
                by_name=besluittypen_met_omschrijving,
                name_kwarg="omschrijvingen",
            )
        if "informatieobjecttypen" in attrs:
            attrs["informatieobjecttypen"] = resolve_historie(
                attrs["informatieobjecttypen"],
                field="informatieobjecttypen",
                resource="informatieobjecttype",
                model=InformatieObjectType,
                catalogus=zaaktype.catalogus,
                by_name=informatieobjecttypen_met_omschrijving,
                name_kwarg="omschrijvingen",
            )
        return attrs


# --- eigenschap ----------------------------------------------------------------------------
class EigenschapSpecificatieSerializer(serializers.Serializer):
    groep = serializers.CharField(max_length=32, required=False, allow_blank=True)
    formaat = serializers.ChoiceField(choices=EigenschapFormaat.choices)
    lengte = serializers.CharField(max_length=14)
    kardinaliteit = serializers.CharField(max_length=3)
    waardenverzameling = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False
    )


class EigenschapSerializer(ZaaktypeOnderdeelSerializer):
    url = url_field("eigenschap")
    specificatie = EigenschapSpecificatieSerializer(source="*")
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    statustype = statustype_field(
        help_text=_(
            "Status type moet (onder andere) deze EIGENSCHAP hebben, voordat een STATUS van het "
            "STATUSTYPE kan worden gezet."
        )
    )

    class Meta:
        model = EigenschapType
        fields = (
            "url",
            "naam",
            "catalogus",
            "definitie",
            "specificatie",
            "toelichting",
            "zaaktype",
            "zaaktypeIdentificatie",
            "statustype",
            "begin_geldigheid",
            "einde_geldigheid",
            "beginObject",
            "eindeObject",
        )
        validators: list[Any] = []


# --- zaaktype-informatieobjecttype ---------------------------------------------------------
class OmschrijvingRefField(serializers.CharField):
    """A reference by omschrijving (historiemodel); `expand` embeds the type it names."""

    def __init__(self, resource: str, **kwargs: Any) -> None:
        self.expand_view_name = view(resource)
        super().__init__(**kwargs)


class ZaakTypeInformatieObjectTypeSerializer(ZaaktypeOnderdeelSerializer):
    url = url_field("zaaktypeinformatieobjecttype")
    informatieobjecttype = OmschrijvingRefField(
        "informatieobjecttype",
        max_length=100,
        help_text=_(
            'De waarde van het attribuut "omschrijving" van het INFORMATIEOBJECTTYPE. Deze '
            "waarde wordt gebruikt om het informatieobjecttype te identificeren conform het "
            "historiemodel. Let op, dit veld is GEEN URL-referentie! (een URL wordt wel "
            "aanvaard)"
        ),
    )
    volgnummer = serializers.IntegerField(min_value=1, max_value=999)
    statustype = statustype_field(
        help_text=_(
            "URL-referentie naar het STATUSTYPE waarbij deze INFORMATIEOBJECTTYPEn verplicht "
            "aanwezig moeten zijn."
        )
    )

    class Meta:
        model = ZaakTypeInformatieObjectType
        fields = (
            "url",
            "zaaktype",
            "zaaktypeIdentificatie",
            "catalogus",
            "informatieobjecttype",
            "volgnummer",
            "richting",
            "statustype",
        )
        extra_kwargs = {"richting": {"required": True}}
        validators: list[Any] = []

    def to_representation(self, instance: ZaakTypeInformatieObjectType) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["informatieobjecttype"] = instance.informatieobjecttype.omschrijving
        return data

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        zaaktype: ZaakType | None = attrs.get("zaaktype") or getattr(
            self.instance, "zaaktype", None
        )
        if "informatieobjecttype" in attrs and zaaktype is not None:
            attrs["informatieobjecttype"] = self._informatieobjecttype(
                attrs["informatieobjecttype"], zaaktype
            )
        return attrs

    @staticmethod
    def _informatieobjecttype(value: str, zaaktype: ZaakType) -> InformatieObjectType:
        if is_url(value):
            object_uuid = uuid_from_url(value, "informatieobjecttype")
            if object_uuid is None:
                raise invalid("informatieobjecttype", str(_("Ongeldige URL.")), "bad-url")
            found = InformatieObjectType.objects.filter(uuid=object_uuid).first()
            if found is None or found.catalogus.organisatie_id != zaaktype.catalogus.organisatie_id:
                raise invalid(
                    "informatieobjecttype",
                    str(_("Dit informatieobjecttype bestaat niet.")),
                    "does_not_exist",
                )
            return found
        found = informatieobjecttype_geldig(
            catalogus=zaaktype.catalogus, omschrijving=value, peildatum=zaaktype.begin_geldigheid
        )
        if found is None:
            raise invalid(
                "informatieobjecttype",
                str(_("Er is geen informatieobjecttype met deze omschrijving in de catalogus.")),
                "does_not_exist",
            )
        return found


# --- zaakobjecttype ------------------------------------------------------------------------
class ZaakObjectTypeSerializer(WritableCatalogusMixin, ZaaktypeOnderdeelSerializer):
    url = url_field("zaakobjecttype")
    objecttype = serializers.URLField(max_length=200)
    resultaattypen = urls_field("resultaattype", "resultaattypen")
    resultaattypeOmschrijving = ValuesField(  # noqa: N815
        lambda z: (r.omschrijving for r in z.resultaattypen.all())
    )
    statustypen = urls_field("statustype", "statustypen")
    catalogus = catalogus_field(
        help_text=_("URL-referentie naar de CATALOGUS waartoe dit ZAAKOBJECTTYPE behoort.")
    )

    class Meta:
        model = ZaakObjectType
        fields = (
            "url",
            "ander_objecttype",
            "begin_geldigheid",
            "einde_geldigheid",
            "beginObject",
            "eindeObject",
            "objecttype",
            "relatie_omschrijving",
            "zaaktype",
            "zaaktypeIdentificatie",
            "resultaattypen",
            "resultaattypeOmschrijving",
            "statustypen",
            "catalogus",
        )
        extra_kwargs = {"ander_objecttype": {"required": True}}
        validators: list[Any] = []
