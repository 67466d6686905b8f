"""ZAAKINFORMATIEOBJECT, ZAAKOBJECT, KLANTCONTACT, ZAAKCONTACTMOMENT, ZAAKVERZOEK,
ZAAKNOTITIE and ZAAKBESLUIT of the Zaken API 1.7.0."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from raadhuis.apis.common.auth import request_actor
from raadhuis.apis.zaken import extern, fields
from raadhuis.apis.zaken.serializers import common
from raadhuis.kernel.cases.models import (
    Besluit,
    KlantContact,
    NotitieStatus,
    NotitieType,
    ObjectType,
    ZaakContactMoment,
    ZaakNotitie,
    ZaakObject,
    ZaakVerzoek,
)

AARD_RELATIE_WEERGAVE = {
    "hoort_bij": "Hoort bij, omgekeerd: kent",
    "legt_vast": "Legt vast, omgekeerd: kan vastgelegd zijn als",
}


def informatieobjecten(request: Request | None) -> QuerySet[Any]:
    from raadhuis.kernel.documents.models import InformatieObject

    if request is None:
        return InformatieObject.objects.none()
    return InformatieObject.objects.filter(organisatie=request_actor(request).organisatie)


def besluiten(request: Request | None) -> QuerySet[Besluit]:
    if request is None:
        return Besluit.objects.none()
    return Besluit.objects.filter(organisatie=request_actor(request).organisatie)


class InformatieObjectRefField(fields.RefField):
    """`informatieobject`: a document of this installation, or one in a configured external
    Documenten API, whose URL is stored and answered unchanged."""

    def get_attribute(self, instance: Any) -> Any:
        if getattr(instance, "informatieobject_url", ""):
            return extern.ExternDocument(instance.informatieobject_url)
        return super().get_attribute(instance)


class ZaakInformatieObjectSerializer(serializers.Serializer):
    url = fields.RefField(fields.ZAAKINFORMATIEOBJECT, read_only=True, source="*")
    uuid = serializers.UUIDField(read_only=True)
    informatieobject = InformatieObjectRefField(
        fields.INFORMATIEOBJECT,
        informatieobjecten,
        resource="enkelvoudiginformatieobject",
        extern=extern.informatieobject,
    )
    zaak = fields.RefField(fields.ZAAK, common.zaken, resource="zaak")
    aardRelatieWeergave = serializers.SerializerMethodField()
    titel = serializers.CharField(max_length=200, required=False, allow_blank=True)
    beschrijving = serializers.CharField(required=False, allow_blank=True)
    registratiedatum = serializers.DateTimeField(read_only=True)
    vernietigingsdatum = serializers.DateTimeField(required=False, allow_null=True)
    status = fields.RefField(fields.STATUS, common.statussen, required=False, allow_null=True)

    @extend_schema_field({"type": "string", "enum": list(AARD_RELATIE_WEERGAVE.values())})
    def get_aardRelatieWeergave(self, zio: Any) -> str:  # noqa: N802
        return AARD_RELATIE_WEERGAVE.get(zio.aard_relatie, AARD_RELATIE_WEERGAVE["hoort_bij"])

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        data.setdefault("vernietigingsdatum", None)
        data.setdefault("status", None)
        return data


class ObjectTypeOverigeDefinitieSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=1000)
    schema = serializers.CharField(max_length=100)
    objectData = serializers.CharField(max_length=100)


@extend_schema_field({"type": "object", "additionalProperties": True})
class ObjectIdentificatieField(serializers.JSONField):
    def to_internal_value(self, data: Any) -> Any:
        data = super().to_internal_value(data)
        if data is not None and not isinstance(data, dict):
            raise serializers.ValidationError("Verwacht een object.", code="invalid")
        return data


class ZaakObjectSerializer(serializers.Serializer):
    url = fields.RefField(fields.ZAAKOBJECT, read_only=True, source="*")
    uuid = serializers.UUIDField(read_only=True)
    zaak = fields.RefField(fields.ZAAK, common.zaken, resource="zaak")
    object = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    zaakobjecttype = fields.RefField(
        fields.ZAAKOBJECTTYPE,
        common.zaakobjecttypen,
        required=False,
        allow_null=True,
        resource="zaakobjecttype",
    )
    objectType = serializers.ChoiceField(choices=ObjectType.choices, source="object_type")
    objectTypeOverige = serializers.RegexField(
        r"[a-z\_]+",
        max_length=100,
        source="object_type_overige",
        required=False,
        allow_blank=True,
    )
    objectTypeOverigeDefinitie = ObjectTypeOverigeDefinitieSerializer(
        source="object_type_overige_definitie", required=False, allow_null=True
    )
    relatieomschrijving = serializers.CharField(max_length=80, required=False, allow_blank=True)
    objectIdentificatie = ObjectIdentificatieField(
        source="object_identificatie", required=False, allow_null=True
    )

    class Meta:
        model = ZaakObject

    schema_expand_extra = {"object": ("EmptyObject", False)}


class KlantContactSerializer(serializers.Serializer):
    url = fields.RefField("zaken/api/v1/klantcontacten/{uuid}", read_only=True, source="*")
    uuid = serializers.UUIDField(read_only=True)
    zaak = fields.RefField(fields.ZAAK, common.zaken, resource="zaak")
    identificatie = serializers.CharField(max_length=14, required=False, allow_blank=True)
    datumtijd = serializers.DateTimeField()
    kanaal = serializers.CharField(max_length=20, required=False, allow_blank=True)
    onderwerp = serializers.CharField(max_length=200, required=False, allow_blank=True)
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)

    class Meta:
        model = KlantContact


class ZaakContactMomentSerializer(serializers.Serializer):
    url = fields.RefField("zaken/api/v1/zaakcontactmomenten/{uuid}", read_only=True, source="*")
    uuid = serializers.UUIDField(read_only=True)
    zaak = fields.RefField(fields.ZAAK, common.zaken, resource="zaak")
    contactmoment = serializers.URLField(max_length=1000)

    class Meta:
        model = ZaakContactMoment


class ZaakVerzoekSerializer(serializers.Serializer):
    url = fields.RefField("zaken/api/v1/zaakverzoeken/{uuid}", read_only=True, source="*")
    uuid = serializers.UUIDField(read_only=True)
    zaak = fields.RefField(fields.ZAAK, common.zaken, resource="zaak")
    verzoek = serializers.URLField(max_length=1000)

    class Meta:
        model = ZaakVerzoek


class ZaakNotitieSerializer(serializers.Serializer):
    url = fields.RefField("zaken/api/v1/zaaknotities/{uuid}", read_only=True, source="*")
    onderwerp = serializers.CharField(max_length=255)
    tekst = serializers.CharField()
    aangemaaktDoor = serializers.CharField(
        source="aangemaakt_door", max_length=255, required=False, allow_blank=True
    )
    notitieType = serializers.ChoiceField(
        choices=NotitieType.choices, source="notitie_type", required=False
    )
    status = serializers.ChoiceField(choices=NotitieStatus.choices, required=False)
    aanmaakdatum = serializers.DateTimeField(read_only=True)
    wijzigingsdatum = serializers.DateTimeField(read_only=True)
    gerelateerdAan = fields.RefField(fields.ZAAK, common.zaken, source="zaak", resource="zaak")

    class Meta:
        model = ZaakNotitie


class _BesluitRef(fields.RefField):
    def get_attribute(self, instance: Any) -> Any:
        return instance


class ZaakBesluitSerializer(serializers.Serializer):
    """A decision on the case; its uuid is the decision's own (one relation per decision)."""

    url = serializers.SerializerMethodField()
    uuid = serializers.UUIDField(read_only=True)
    besluit = _BesluitRef(fields.BESLUIT, besluiten, resource="besluit")

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_url(self, besluit: Besluit) -> str:
        return fields.url_for(
            self.context.get("request"),
            "zaken/api/v1/zaken/{zaak_uuid}/besluiten/{uuid}",
            uuid=besluit.uuid,
            zaak_uuid=besluit.zaak.uuid,
        )
