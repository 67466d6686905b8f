"""Serializers of the catalogue and its three versioned types: ZAAKTYPE,
INFORMATIEOBJECTTYPE and BESLUITTYPE (Catalogi API 1.3.3)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.apis.catalogi.serializers.base import (
    CamelCaseModelSerializer,
    HistorieRelatieField,
    ValuesField,
    VersieDatumMixin,
    catalogus_field,
    invalid,
    is_url,
    resolve_historie,
    url_field,
    url_of,
    urls_field,
    uuid_from_url,
)
from raadhuis.apis.common.fields import BlankAsNullCharField, DurationField
from raadhuis.kernel.catalog.models import (
    AardRelatie,
    BesluitType,
    Catalogus,
    InformatieObjectType,
    ZaakType,
    ZaakTypenRelatie,
)
from raadhuis.kernel.catalog.selectors import (
    besluittypen_met_omschrijving,
    informatieobjecttypen_met_omschrijving,
    zaaktypen_met_identificatie,
)

READ_ONLY_CONCEPT = {
    "read_only": True,
    "help_text": _(
        "Geeft aan of het object een concept betreft. Concepten zijn niet-definitieve versies "
        "en zouden niet gebruikt moeten worden buiten deze API."
    ),
}


# --- catalogus -----------------------------------------------------------------------------
class CatalogusSerializer(CamelCaseModelSerializer):
    url = url_field("catalogus")
    zaaktypen = urls_field("zaaktype", "zaaktypen")
    besluittypen = urls_field("besluittype", "besluittypen")
    besluittypeOmschrijving = ValuesField(  # noqa: N815
        lambda c: (b.omschrijving for b in c.besluittypen.all())
    )
    informatieobjecttypen = urls_field("informatieobjecttype", "informatieobjecttypen")
    informatieobjecttypeOmschrijving = ValuesField(  # noqa: N815
        lambda c: (i.omschrijving for i in c.informatieobjecttypen.all())
    )
    naam = BlankAsNullCharField(max_length=200)
    versie = BlankAsNullCharField(max_length=20)
    contactpersoonBeheerTelefoonnummer = serializers.CharField(  # noqa: N815
        source="contactpersoon_beheer_telefoonnummer",
        max_length=20,
        required=False,
        allow_blank=True,
    )

    class Meta:
        model = Catalogus
        fields = (
            "url",
            "domein",
            "rsin",
            "contactpersoon_beheer_naam",
            "contactpersoonBeheerTelefoonnummer",
            "contactpersoon_beheer_emailadres",
            "zaaktypen",
            "besluittypen",
            "besluittypeOmschrijving",
            "informatieobjecttypen",
            "informatieobjecttypeOmschrijving",
            "naam",
            "versie",
            "begindatum_versie",
        )
        validators: list[Any] = []


# --- zaaktype ------------------------------------------------------------------------------
class ReferentieProcesSerializer(serializers.Serializer):
    naam = serializers.CharField(source="referentieproces_naam", max_length=80)
    link = serializers.URLField(
        source="referentieproces_link", max_length=200, required=False, allow_blank=True
    )


class BronCatalogusSerializer(serializers.Serializer):
    url = serializers.URLField(source="broncatalogus_url", max_length=200)
    domein = serializers.CharField(source="broncatalogus_domein", max_length=5)
    rsin = serializers.CharField(source="broncatalogus_rsin", max_length=9)


class BronZaaktypeSerializer(serializers.Serializer):
    url = serializers.URLField(source="bronzaaktype_url", max_length=200)
    identificatie = serializers.CharField(source="bronzaaktype_identificatie", max_length=50)
    omschrijving = serializers.CharField(source="bronzaaktype_omschrijving", max_length=80)


class OptionalGroupMixin:
    """A gegevensgroep that is absent (null) while its fields are empty."""

    group_key: str = ""

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)  # type: ignore[misc]
        return data if any(data.values()) else None


class BronCatalogusGroupSerializer(OptionalGroupMixin, BronCatalogusSerializer):
    pass


class BronZaaktypeGroupSerializer(OptionalGroupMixin, BronZaaktypeSerializer):
    pass


@extend_schema_field({"type": "string", "format": "uri"})
class RelatieZaaktypeField(serializers.CharField):
    """An identificatie (or URL) on input, a URL in answers."""


class ZaakTypenRelatieSerializer(serializers.Serializer):
    expand_view_name = "catalogi:zaaktype-detail"  # `expand` embeds the related zaaktypen

    zaaktype = RelatieZaaktypeField(
        source="gerelateerd_zaaktype",
        max_length=200,
        help_text=_("URL referentie naar het gerelateerde zaaktype, mogelijks in een extern ZTC."),
    )
    zaaktypeIdentificatie = serializers.SerializerMethodField(  # noqa: N815
        help_text=_("Identificatie van het gerelateerde zaaktype.")
    )
    aardRelatie = serializers.ChoiceField(  # noqa: N815
        source="aard_relatie", choices=AardRelatie.choices
    )
    toelichting = serializers.CharField(max_length=255, required=False, allow_blank=True)

    def _local(self, relatie: ZaakTypenRelatie) -> ZaakType | None:
        value = relatie.gerelateerd_zaaktype
        catalogus_id = relatie.zaaktype.catalogus_id
        if is_url(value):
            object_uuid = uuid_from_url(value, "zaaktype")
            return ZaakType.objects.filter(uuid=object_uuid).first() if object_uuid else None
        return (
            ZaakType.objects.filter(catalogus_id=catalogus_id, identificatie=value)
            .order_by("-begin_geldigheid")
            .first()
        )

    def to_representation(self, instance: ZaakTypenRelatie) -> dict[str, Any]:
        data = super().to_representation(instance)
        local = self._local(instance)
        if local is not None and not is_url(instance.gerelateerd_zaaktype):
            data["zaaktype"] = url_of(self.context.get("request"), "zaaktype", local)
        return data

    @extend_schema_field({"type": "string", "readOnly": True})
    def get_zaaktypeIdentificatie(self, instance: ZaakTypenRelatie) -> str:  # noqa: N802
        if not is_url(instance.gerelateerd_zaaktype):
            return instance.gerelateerd_zaaktype
        local = self._local(instance)
        return local.identificatie if local is not None else ""


class ZaakTypeSerializer(VersieDatumMixin, CamelCaseModelSerializer):
    url = url_field("zaaktype")
    catalogus = catalogus_field(
        help_text=_("URL-referentie naar de CATALOGUS waartoe dit ZAAKTYPE behoort.")
    )
    doorlooptijd = DurationField(allow_null=False, required=True, allow_blank=False)
    servicenorm = DurationField()
    verlengingstermijn = DurationField()
    trefwoorden = serializers.ListField(child=serializers.CharField(max_length=30), required=False)
    verantwoordingsrelatie = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False
    )
    productenOfDiensten = serializers.ListField(  # noqa: N815
        source="producten_of_diensten", child=serializers.URLField(max_length=1000)
    )
    selectielijstProcestype = serializers.URLField(  # noqa: N815
        source="selectielijst_procestype", max_length=200, required=False, allow_blank=True
    )
    referentieproces = ReferentieProcesSerializer(source="*")
    verantwoordelijke = serializers.CharField(max_length=50)
    broncatalogus = BronCatalogusGroupSerializer(source="*", required=False)
    bronzaaktype = BronZaaktypeGroupSerializer(source="*", required=False)
    zaakobjecttypen = urls_field("zaakobjecttype", "zaakobjecttypen")
    statustypen = urls_field("statustype", "statustypen")
    resultaattypen = urls_field("resultaattype", "resultaattypen")
    # required by the official ZaakType schema (listed under `required`, not in `properties`)
    resultaattypeOmschrijving = ValuesField(  # noqa: N815
        lambda z: (r.omschrijving for r in z.resultaattypen.all())
    )
    eigenschappen = urls_field("eigenschap", "eigenschappen")
    informatieobjecttypen = urls_field("informatieobjecttype", "informatieobjecttypen")
    informatieobjecttypeOmschrijving = ValuesField(  # noqa: N815
        lambda z: (i.omschrijving for i in z.informatieobjecttypen.all())
    )
    roltypen = urls_field("roltype", "roltypen")
    besluittypen = HistorieRelatieField(
        "besluittype",
        help_text=_(
            "`Omschrijvingen` van BESLUITTYPEN die mogelijk zijn binnen dit ZAAKTYPE (ook "
            "URL-referenties worden aanvaard)."
        ),
    )
    besluittypeOmschrijving = ValuesField(  # noqa: N815
        lambda z: (b.omschrijving for b in z.besluittypen.all())
    )
    deelzaaktypen = HistorieRelatieField(
        "zaaktype",
        required=False,
        help_text=_(
            "De `zaaktypen.identificaties` waaronder ZAAKen als deelzaak kunnen voorkomen bij "
            "ZAAKen van dit ZAAKTYPE (ook URL-referenties worden aanvaard)."
        ),
    )
    deelzaaktypeIdentificaties = ValuesField(  # noqa: N815
        lambda z: (d.identificatie for d in z.deelzaaktypen.all())
    )
    gerelateerdeZaaktypen = ZaakTypenRelatieSerializer(  # noqa: N815
        source="zaaktypenrelaties", many=True
    )

    class Meta:
        model = ZaakType
        fields = (
            "url",
            "identificatie",
            "omschrijving",
            "omschrijving_generiek",
            "vertrouwelijkheidaanduiding",
            "doel",
            "aanleiding",
            "toelichting",
            "indicatie_intern_of_extern",
            "handeling_initiator",
            "onderwerp",
            "handeling_behandelaar",
            "doorlooptijd",
            "servicenorm",
            "opschorting_en_aanhouding_mogelijk",
            "verlenging_mogelijk",
            "verlengingstermijn",
            "trefwoorden",
            "publicatie_indicatie",
            "publicatietekst",
            "verantwoordingsrelatie",
            "productenOfDiensten",
            "selectielijstProcestype",
            "referentieproces",
            "verantwoordelijke",
            "zaakobjecttypen",
            "broncatalogus",
            "bronzaaktype",
            "catalogus",
            "statustypen",
            "resultaattypen",
            "resultaattypeOmschrijving",
            "eigenschappen",
            "informatieobjecttypen",
            "informatieobjecttypeOmschrijving",
            "roltypen",
            "besluittypen",
            "besluittypeOmschrijving",
            "deelzaaktypen",
            "deelzaaktypeIdentificaties",
            "gerelateerdeZaaktypen",
            "begin_geldigheid",
            "einde_geldigheid",
            "beginObject",
            "eindeObject",
            "versiedatum",
            "concept",
        )
        extra_kwargs = {
            "concept": READ_ONLY_CONCEPT,
            "doel": {"required": True, "allow_blank": False},
            "aanleiding": {"required": True, "allow_blank": False},
            "onderwerp": {"required": True, "allow_blank": False},
            "handeling_initiator": {"required": True},
            "handeling_behandelaar": {"required": True},
            "indicatie_intern_of_extern": {"required": True},
            "vertrouwelijkheidaanduiding": {"required": True},
            "opschorting_en_aanhouding_mogelijk": {"required": True},
            "verlenging_mogelijk": {"required": True},
            "publicatie_indicatie": {"required": True},
        }
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("verlenging_mogelijk") and not attrs.get(
            "verlengingstermijn", getattr(self.instance, "verlengingstermijn", "")
        ):
            raise invalid(
                "verlengingstermijn",
                str(_("Verlengingstermijn is verplicht als verlenging mogelijk is.")),
                "required",
            )
        catalogus = attrs.get("catalogus") or getattr(self.instance, "catalogus", None)
        if catalogus is None:
            return attrs
        if "besluittypen" in attrs:
            attrs["besluittypen"] = resolve_historie(
                attrs["besluittypen"],
                field="besluittypen",
                resource="besluittype",
                model=BesluitType,
                catalogus=catalogus,
                by_name=besluittypen_met_omschrijving,
                name_kwarg="omschrijvingen",
            )
        if "deelzaaktypen" in attrs:
            attrs["deelzaaktypen"] = resolve_historie(
                attrs["deelzaaktypen"],
                field="deelzaaktypen",
                resource="zaaktype",
                model=ZaakType,
                catalogus=catalogus,
                by_name=zaaktypen_met_identificatie,
                name_kwarg="identificaties",
            )
        return attrs


# --- informatieobjecttype ------------------------------------------------------------------
class InformatieObjectTypeOmschrijvingGeneriekSerializer(serializers.Serializer):
    informatieobjecttypeOmschrijvingGeneriek = serializers.CharField(  # noqa: N815
        source="omschrijving_generiek_informatieobjecttype", max_length=80
    )
    definitieInformatieobjecttypeOmschrijvingGeneriek = serializers.CharField(  # noqa: N815
        source="omschrijving_generiek_definitie", max_length=255
    )
    herkomstInformatieobjecttypeOmschrijvingGeneriek = serializers.CharField(  # noqa: N815
        source="omschrijving_generiek_herkomst", max_length=12
    )
    hierarchieInformatieobjecttypeOmschrijvingGeneriek = serializers.CharField(  # noqa: N815
        source="omschrijving_generiek_hierarchie", max_length=80
    )
    opmerkingInformatieobjecttypeOmschrijvingGeneriek = BlankAsNullCharField(  # noqa: N815
        source="omschrijving_generiek_opmerking", max_length=255
    )


class InformatieObjectTypeSerializer(VersieDatumMixin, CamelCaseModelSerializer):
    url = url_field("informatieobjecttype")
    catalogus = catalogus_field(
        help_text=_("URL-referentie naar de CATALOGUS waartoe dit INFORMATIEOBJECTTYPE behoort.")
    )
    zaaktypen = urls_field("zaaktype", "zaaktypen")
    zaaktypeIdentificaties = ValuesField(  # noqa: N815
        lambda i: (z.identificatie for z in i.zaaktypen.all())
    )
    besluittypen = urls_field("besluittype", "besluittypen")
    besluittypeOmschrijving = ValuesField(  # noqa: N815
        lambda i: (b.omschrijving for b in i.besluittypen.all())
    )
    trefwoord = serializers.ListField(child=serializers.CharField(max_length=30), required=False)
    omschrijvingGeneriek = InformatieObjectTypeOmschrijvingGeneriekSerializer(  # noqa: N815
        source="*", required=False
    )

    class Meta:
        model = InformatieObjectType
        fields = (
            "url",
            "catalogus",
            "omschrijving",
            "vertrouwelijkheidaanduiding",
            "begin_geldigheid",
            "einde_geldigheid",
            "beginObject",
            "eindeObject",
            "concept",
            "zaaktypen",
            "zaaktypeIdentificaties",
            "besluittypen",
            "besluittypeOmschrijving",
            "informatieobjectcategorie",
            "trefwoord",
            "omschrijvingGeneriek",
        )
        extra_kwargs = {
            "concept": READ_ONLY_CONCEPT,
            "vertrouwelijkheidaanduiding": {"required": True},
            "informatieobjectcategorie": {"required": True},
        }
        validators: list[Any] = []


# --- besluittype ---------------------------------------------------------------------------
class BesluitTypeSerializer(VersieDatumMixin, CamelCaseModelSerializer):
    url = url_field("besluittype")
    catalogus = catalogus_field(
        help_text=_("URL-referentie naar de CATALOGUS waartoe dit BESLUITTYPE behoort.")
    )
    zaaktypen = urls_field("zaaktype", "zaaktypen")
    zaaktypeIdentificaties = ValuesField(  # noqa: N815
        lambda b: (z.identificatie for z in b.zaaktypen.all())
    )
    omschrijving = serializers.CharField(max_length=80)
    omschrijvingGeneriek = serializers.CharField(  # noqa: N815
        source="omschrijving_generiek", max_length=80, required=False, allow_blank=True
    )
    besluitcategorie = serializers.CharField(max_length=40, required=False, allow_blank=True)
    reactietermijn = DurationField()
    publicatietermijn = DurationField()
    informatieobjecttypen = HistorieRelatieField(
        "informatieobjecttype",
        help_text=_(
            "`Omschrijvingen` van het INFORMATIEOBJECTTYPE van informatieobjecten waarin "
            "besluiten van dit BESLUITTYPE worden vastgelegd (ook URL-referenties worden "
            "aanvaard)."
        ),
    )
    informatieobjecttypeOmschrijvingen = ValuesField(  # noqa: N815
        lambda b: (i.omschrijving for i in b.informatieobjecttypen.all())
    )
    # The specification's answer to a create also names it in the singular.
    informatieobjecttypeOmschrijving = ValuesField(  # noqa: N815
        lambda b: (i.omschrijving for i in b.informatieobjecttypen.all())
    )
    resultaattypen = urls_field("resultaattype", "resultaattypen")
    resultaattypenOmschrijving = ValuesField(  # noqa: N815
        lambda b: (r.omschrijving for r in b.resultaattypen.all())
    )
    vastgelegdIn = ValuesField(  # noqa: N815
        lambda b: (i.omschrijving for i in b.informatieobjecttypen.all())
    )

    class Meta:
        model = BesluitType
        fields = (
            "url",
            "catalogus",
            "zaaktypen",
            "zaaktypeIdentificaties",
            "omschrijving",
            "omschrijvingGeneriek",
            "besluitcategorie",
            "reactietermijn",
            "publicatie_indicatie",
            "publicatietekst",
            "publicatietermijn",
            "toelichting",
            "informatieobjecttypen",
            "informatieobjecttypeOmschrijvingen",
            "informatieobjecttypeOmschrijving",
            "begin_geldigheid",
            "einde_geldigheid",
            "beginObject",
            "eindeObject",
            "concept",
            "resultaattypen",
            "resultaattypenOmschrijving",
            "vastgelegdIn",
        )
        extra_kwargs = {
            "concept": READ_ONLY_CONCEPT,
            "publicatie_indicatie": {"required": True},
        }
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        catalogus = attrs.get("catalogus") or getattr(self.instance, "catalogus", None)
        if catalogus is not None and "informatieobjecttypen" in attrs:
            attrs["informatieobjecttypen"] = resolve_historie(
                attrs["informatieobjecttypen"],
                field="informatieobjecttypen",
                resource="informatieobjecttype",
                model=InformatieObjectType,
                catalogus=catalogus,
                by_name=informatieobjecttypen_met_omschrijving,
                name_kwarg="omschrijvingen",
            )
        return attrs


class CatalogusRefMixin:
    """Where a serializer validates a catalogus given next to a zaaktype."""

    @staticmethod
    def same_catalogus(attrs: dict[str, Any], zaaktype: Any) -> None:
        catalogus: Catalogus | None = attrs.pop("catalogus", None)
        if catalogus is not None and zaaktype is not None and catalogus.pk != zaaktype.catalogus_id:
            raise invalid(
                "catalogus",
                str(_("De catalogus moet dezelfde zijn als die van het zaaktype.")),
                "relations-incorrect-catalogus",
            )
