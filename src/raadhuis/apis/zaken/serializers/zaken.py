"""ZAAK of the Zaken API 1.7.0: field names, types and read-only parts as the specification has
them. Validation of single fields lives here; every rule across fields is a kernel rule
(kernel/cases/regels.py) that the services apply."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.apis.zaken import extern, fields
from raadhuis.apis.zaken.serializers import common
from raadhuis.kernel.cases.models import AardRelatie, Betalingsindicatie, Zaak
from raadhuis.kernel.common import Archiefnominatie, Archiefstatus, Vertrouwelijkheid


class RelevanteZaakSerializer(serializers.Serializer):
    url = fields.RefField(fields.ZAAK, common.zaken, source="andere_zaak", resource="zaak")
    aardRelatie = serializers.ChoiceField(choices=AardRelatie.choices, source="aard_relatie")

    class Meta:
        list_serializer_class = fields.RefsListSerializer


class ZaakSerializer(serializers.Serializer):
    """Een zaak in de context van zaakgericht werken bij Nederlandse overheden."""

    url = fields.RefField(fields.ZAAK, read_only=True, source="*")
    uuid = serializers.UUIDField(read_only=True)
    identificatie = serializers.CharField(max_length=40, required=False, allow_blank=True)
    bronorganisatie = common.RSINField()
    omschrijving = serializers.CharField(max_length=80, required=False, allow_blank=True)
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    zaaktype = fields.RefField(
        fields.ZAAKTYPE, common.zaaktypen, resource="zaaktype", extern=extern.zaaktype
    )
    registratiedatum = serializers.DateField(required=False)
    verantwoordelijkeOrganisatie = common.RSINField(source="verantwoordelijke_organisatie")
    startdatum = serializers.DateField()
    einddatum = serializers.DateField(read_only=True, allow_null=True)
    einddatumGepland = serializers.DateField(
        source="einddatum_gepland", required=False, allow_null=True
    )
    uiterlijkeEinddatumAfdoening = serializers.DateField(
        source="uiterlijke_einddatum_afdoening", required=False, allow_null=True
    )
    publicatiedatum = serializers.DateField(required=False, allow_null=True)
    communicatiekanaal = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    productenOfDiensten = serializers.ListField(
        child=serializers.URLField(max_length=1000),
        source="producten_of_diensten",
        required=False,
    )
    vertrouwelijkheidaanduiding = serializers.ChoiceField(
        choices=Vertrouwelijkheid.choices, required=False
    )
    betalingsindicatie = serializers.ChoiceField(
        choices=Betalingsindicatie.choices, required=False, allow_blank=True
    )
    betalingsindicatieWeergave = serializers.SerializerMethodField()
    laatsteBetaaldatum = serializers.DateTimeField(
        source="laatste_betaaldatum", required=False, allow_null=True
    )
    zaakgeometrie = common.GeoJSONField(required=False, allow_null=True)
    verlenging = common.VerlengingSerializer(required=False, allow_null=True)
    opschorting = common.OpschortingSerializer(required=False, allow_null=True)
    selectielijstklasse = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    hoofdzaak = fields.RefField(
        fields.ZAAK, common.zaken, required=False, allow_null=True, resource="zaak"
    )
    deelzaken = fields.RefListField(fields.ZAAK)
    relevanteAndereZaken = RelevanteZaakSerializer(
        many=True, source="relevante_andere_zaken", required=False
    )
    eigenschappen = fields.RefListField(fields.ZAAKEIGENSCHAP, zaak_uuid=True)
    rollen = fields.RefListField(fields.ROL)
    status = fields.RefField(fields.STATUS, source="status_actueel", read_only=True)
    zaakinformatieobjecten = fields.RefListField(fields.ZAAKINFORMATIEOBJECT, source="documenten")
    zaakobjecten = fields.RefListField(fields.ZAAKOBJECT)
    kenmerken = common.ZaakKenmerkSerializer(many=True, required=False)
    archiefnominatie = serializers.ChoiceField(
        choices=Archiefnominatie.choices, required=False, allow_blank=True, allow_null=True
    )
    archiefstatus = serializers.ChoiceField(choices=Archiefstatus.choices, required=False)
    archiefactiedatum = serializers.DateField(required=False, allow_null=True)
    resultaat = fields.RefField(fields.RESULTAAT, read_only=True, allow_null=True)
    opdrachtgevendeOrganisatie = serializers.CharField(
        source="opdrachtgevende_organisatie", max_length=9, required=False, allow_blank=True
    )
    processobjectaard = serializers.CharField(
        max_length=200, required=False, allow_blank=True, allow_null=True
    )
    startdatumBewaartermijn = serializers.DateField(
        source="startdatum_bewaartermijn", required=False, allow_null=True
    )
    processobject = common.ProcessobjectSerializer(required=False, allow_null=True)

    class Meta:
        model = Zaak

    # ?expand= targets the shared schema code cannot derive (see apis/zaken/schema.py)
    schema_expand_extra = {
        "communicatiekanaal": ("EmptyObject", False),
        "productenOfDiensten": ("EmptyObject", True),
        "selectielijstklasse": ("EmptyObject", False),
        "eigenschappen": ("ZaakEigenschap", True),
        "relevanteAndereZaken": ("Zaak", True),
    }

    @extend_schema_field({"type": "string"})
    def get_betalingsindicatieWeergave(self, zaak: Zaak) -> str:  # noqa: N802
        if not zaak.betalingsindicatie:
            return ""
        return str(Betalingsindicatie(zaak.betalingsindicatie).label)


def kernel_velden(validated: dict[str, Any]) -> dict[str, Any]:
    """Serializer data -> keyword arguments of zaak_create / zaak_update."""
    velden = dict(validated)
    if "verlenging" in velden:
        verlenging = velden.pop("verlenging") or {}
        velden["verlenging_reden"] = verlenging.get("reden", "")
        velden["verlenging_duur"] = verlenging.get("duur", "")
    if "opschorting" in velden:
        opschorting = velden.pop("opschorting") or {}
        velden["opschorting_indicatie"] = bool(opschorting.get("indicatie", False))
        velden["opschorting_reden"] = opschorting.get("reden", "")
    if "relevante_andere_zaken" in velden:
        velden["relevante_andere_zaken"] = [
            (r["andere_zaak"], r["aard_relatie"]) for r in velden["relevante_andere_zaken"]
        ]
    if "kenmerken" in velden:
        velden["kenmerken"] = [dict(k) for k in velden["kenmerken"]]
    if "processobject" in velden and velden["processobject"] is not None:
        velden["processobject"] = dict(velden["processobject"])
    if velden.get("archiefnominatie") is None and "archiefnominatie" in velden:
        velden["archiefnominatie"] = ""
    if velden.get("processobjectaard") is None and "processobjectaard" in velden:
        velden["processobjectaard"] = ""
    if velden.get("identificatie") == "":
        velden.pop("identificatie")
    return velden


@extend_schema_field({"type": "string", "format": "string"})
class _TekstVeld(serializers.CharField):
    """A string the specification gives `format: string` (bronorganisatie__in items)."""


@extend_schema_field({"type": "string", "format": "uri"})
class _UrlTekstVeld(serializers.CharField):
    """A URL of ours (no URLValidator: internal hosts have no dot)."""


class GeoWithinSerializer(serializers.Serializer):
    within = common.GeoJSONField()


class _ZaakZoekBasis(serializers.Serializer):
    """The body of POST /zaken/_zoek: the list filters, plus a geometry and a uuid list."""

    zaakgeometrie = GeoWithinSerializer(required=False)
    uuid__in = serializers.ListField(child=serializers.UUIDField(), required=False)
    zaaktype__in = serializers.ListField(child=_UrlTekstVeld(), required=False)
    expand = serializers.CharField(required=False)
    fields = serializers.ListField(required=False)


def _zoekveld(naam: str, filter_: Any) -> serializers.Field:
    import django_filters

    from raadhuis.apis.zaken.filters import ORDERING, CsvFilter

    if naam == "ordering":
        keuzes = [v for n in ORDERING for v in (n, f"-{n}")]
        return serializers.ChoiceField(choices=keuzes, required=False)
    if isinstance(filter_, CsvFilter):
        return serializers.ListField(child=_TekstVeld(), required=False)
    if isinstance(filter_, django_filters.BooleanFilter):
        return serializers.BooleanField(required=False)
    if isinstance(filter_, django_filters.ChoiceFilter):
        return serializers.ChoiceField(choices=filter_.extra["choices"], required=False)
    return serializers.CharField(required=False)


def _zaak_zoek_serializer() -> type[serializers.Serializer]:
    from raadhuis.apis.zaken.filters import ZaakFilter

    velden = {naam: _zoekveld(naam, f) for naam, f in ZaakFilter.base_filters.items()}
    return type("ZaakZoekSerializer", (_ZaakZoekBasis,), velden)


ZaakZoekSerializer = _zaak_zoek_serializer()
