"""Serializers of the Documenten API 1.7.0 for what hangs under a document: GEBRUIKSRECHTen,
OBJECTINFORMATIEOBJECTen (read from the kernel's case and decision relations) and
VERZENDINGen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.validators import URLValidator
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.reverse import reverse

from raadhuis.apis.common.auth import request_actor
from raadhuis.apis.common.fields import UUIDHyperlinkedIdentityField, UUIDHyperlinkedRelatedField
from raadhuis.apis.documenten.fields import document_url
from raadhuis.apis.documenten.serializers import URL_HELP, GegevensgroepSerializer, _choices_help
from raadhuis.kernel.documents.models import (
    BesluitInformatieObject,
    ExternObjectInformatieObject,
    Gebruiksrecht,
    InformatieObject,
    PostadresType,
    Verzending,
    VerzendingAardRelatie,
    ZaakInformatieObject,
)
from raadhuis.kernel.documents.selectors import documenten_zichtbaar

EIO_DETAIL = "documenten:enkelvoudiginformatieobject-detail"


def zichtbare_documenten(queryset: QuerySet[Any], request: Request | None) -> QuerySet[Any]:
    """The documents an URL may refer to when a relation is written: those of the calling
    application's grants (writes are governed by scopes, not by the publication rule)."""
    if request is None:
        return queryset.none()
    return documenten_zichtbaar(actor=request_actor(request), lezen=False)


def informatieobject_field(help_text: str, **kwargs: Any) -> UUIDHyperlinkedRelatedField:
    return UUIDHyperlinkedRelatedField(
        view_name=EIO_DETAIL,
        queryset=InformatieObject.objects.all(),
        scope=zichtbare_documenten,
        help_text=help_text,
        **kwargs,
    )


# --- gebruiksrechten ------------------------------------------------------------------------
class GebruiksrechtenSerializer(serializers.ModelSerializer):
    url = UUIDHyperlinkedIdentityField(
        view_name="documenten:gebruiksrechten-detail", help_text=URL_HELP
    )
    informatieobject = informatieobject_field("URL-referentie naar het INFORMATIEOBJECT.")
    omschrijvingVoorwaarden = serializers.CharField(  # noqa: N815 (the spec's names)
        source="omschrijving_voorwaarden",
        help_text="Omschrijving van de van toepassing zijnde voorwaarden aan het gebruik anders "
        "dan raadpleging",
    )

    class Meta:
        model = Gebruiksrecht
        fields = ("url", "informatieobject", "startdatum", "einddatum", "omschrijvingVoorwaarden")
        extra_kwargs = {
            "startdatum": {
                "help_text": "Begindatum van de periode waarin de gebruiksrechtvoorwaarden van "
                "toepassing zijn. Doorgaans is de datum van creatie van het informatieobject de "
                "startdatum."
            },
            "einddatum": {
                "help_text": "Einddatum van de periode waarin de gebruiksrechtvoorwaarden van "
                "toepassing zijn."
            },
        }


# --- objectinformatieobjecten ---------------------------------------------------------------
@dataclass(frozen=True)
class ObjectInformatieObject:
    """A relation between a document and a case or decision, as the Documenten API shows it;
    its uuid is that of the kernel's relation row."""

    uuid: Any
    informatieobject_uuid: Any
    object_type: str
    object_uuid: Any
    # An object in another API (ExternObjectInformatieObject): its URL, answered as stored.
    object_url: str = ""
    extern: ExternObjectInformatieObject | None = None

    @classmethod
    def van_zaak(cls, zio: ZaakInformatieObject) -> ObjectInformatieObject:
        assert zio.informatieobject is not None  # the selectors give documents of ours only
        return cls(zio.uuid, zio.informatieobject.uuid, "zaak", zio.zaak.uuid)

    @classmethod
    def van_besluit(cls, bio: BesluitInformatieObject) -> ObjectInformatieObject:
        return cls(bio.uuid, bio.informatieobject.uuid, "besluit", bio.besluit.uuid)

    @classmethod
    def van_extern(cls, relatie: ExternObjectInformatieObject) -> ObjectInformatieObject:
        return cls(
            relatie.uuid,
            relatie.informatieobject.uuid,
            relatie.object_type,
            None,
            object_url=relatie.object_url,
            extern=relatie,
        )


OBJECT_VIEWS = {"zaak": "zaken:zaak-detail", "besluit": "besluiten:besluit-detail"}
OBJECT_TYPE_CHOICES = (("besluit", "Besluit"), ("zaak", "Zaak"), ("verzoek", "Verzoek"))


class LokaleUrlField(serializers.URLField):
    """A URL that must name a resource of this installation (checked by resolving it), so
    host names without a domain (localhost, testserver) are fine."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, URLValidator)]


class ObjectInformatieObjectSerializer(serializers.Serializer):
    openapi_properties = {
        "url": {
            "type": "string",
            "format": "uri",
            "readOnly": True,
            "minLength": 1,
            "maxLength": 1000,
            "description": str(URL_HELP),
        }
    }
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    informatieobject = informatieobject_field("URL-referentie naar het INFORMATIEOBJECT.")
    object = LokaleUrlField(
        max_length=1000,
        help_text="URL-referentie naar het gerelateerde OBJECT (in deze of een andere API).",
    )
    objectType = serializers.ChoiceField(  # noqa: N815
        source="object_type",
        choices=OBJECT_TYPE_CHOICES,
        help_text=_choices_help("Het type van het gerelateerde OBJECT.", OBJECT_TYPE_CHOICES),
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, oio: ObjectInformatieObject) -> str:
        return reverse(
            "documenten:objectinformatieobject-detail",
            kwargs={"uuid": oio.uuid},
            request=self.context.get("request"),
        )

    def to_representation(self, oio: ObjectInformatieObject) -> dict[str, Any]:
        request = self.context.get("request")
        return {
            "url": self.get_url(oio),
            "informatieobject": document_url(request, oio.informatieobject_uuid),
            "object": oio.object_url
            or reverse(
                OBJECT_VIEWS[oio.object_type], kwargs={"uuid": oio.object_uuid}, request=request
            ),
            "objectType": oio.object_type,
        }


# --- verzendingen ---------------------------------------------------------------------------
class BinnenlandsCorrespondentieadresVerzendingSerializer(GegevensgroepSerializer):
    leeg = {
        "binnenlands_huisletter": "",
        "binnenlands_huisnummer": None,
        "binnenlands_huisnummer_toevoeging": "",
        "binnenlands_naam_openbare_ruimte": "",
        "binnenlands_postcode": "",
        "binnenlands_woonplaatsnaam": "",
    }
    leeg_als_null = True

    huisletter = serializers.CharField(
        source="binnenlands_huisletter", max_length=1, required=False, allow_blank=True
    )
    huisnummer = serializers.IntegerField(
        source="binnenlands_huisnummer", min_value=1, max_value=99999
    )
    huisnummerToevoeging = serializers.CharField(  # noqa: N815
        source="binnenlands_huisnummer_toevoeging", max_length=4, required=False, allow_blank=True
    )
    naamOpenbareRuimte = serializers.CharField(  # noqa: N815
        source="binnenlands_naam_openbare_ruimte", max_length=80
    )
    postcode = serializers.CharField(
        source="binnenlands_postcode", max_length=6, required=False, allow_blank=True
    )
    woonplaatsnaam = serializers.CharField(source="binnenlands_woonplaatsnaam", max_length=80)


class BuitenlandsCorrespondentieadresVerzendingSerializer(GegevensgroepSerializer):
    leeg = {
        "buitenlands_adres_buitenland_1": "",
        "buitenlands_adres_buitenland_2": "",
        "buitenlands_adres_buitenland_3": "",
        "buitenlands_land_postadres": "",
    }
    leeg_als_null = True

    adresBuitenland1 = serializers.CharField(  # noqa: N815
        source="buitenlands_adres_buitenland_1", max_length=35
    )
    adresBuitenland2 = serializers.CharField(  # noqa: N815
        source="buitenlands_adres_buitenland_2", max_length=35, required=False, allow_blank=True
    )
    adresBuitenland3 = serializers.CharField(  # noqa: N815
        source="buitenlands_adres_buitenland_3", max_length=35, required=False, allow_blank=True
    )
    landPostadres = serializers.URLField(  # noqa: N815
        source="buitenlands_land_postadres", max_length=200
    )


class BuitenlandsCorrespondentiepostadresVerzendingSerializer(GegevensgroepSerializer):
    leeg = {
        "postadres_post_bus_of_antwoordnummer": None,
        "postadres_postcode": "",
        "postadres_type": "",
        "postadres_woonplaatsnaam": "",
    }
    leeg_als_null = True

    postBusOfAntwoordnummer = serializers.IntegerField(  # noqa: N815
        source="postadres_post_bus_of_antwoordnummer", min_value=1, max_value=9999
    )
    postadresPostcode = serializers.CharField(  # noqa: N815
        source="postadres_postcode", max_length=6
    )
    postadresType = serializers.ChoiceField(  # noqa: N815
        source="postadres_type",
        choices=PostadresType.choices,
        help_text="Aanduiding van het soort postadres.",
    )
    woonplaatsnaam = serializers.CharField(source="postadres_woonplaatsnaam", max_length=80)


class VerzendingSerializer(serializers.ModelSerializer):
    url = UUIDHyperlinkedIdentityField(view_name="documenten:verzending-detail", help_text=URL_HELP)
    informatieobject = informatieobject_field(
        "URL-referentie naar het informatieobject dat is ontvangen of verzonden."
    )
    aardRelatie = serializers.ChoiceField(  # noqa: N815
        source="aard_relatie",
        choices=VerzendingAardRelatie.choices,
        help_text="Omschrijving van de aard van de relatie van de BETROKKENE tot het "
        "INFORMATIEOBJECT.",
    )
    contactPersoon = serializers.URLField(  # noqa: N815
        source="contact_persoon",
        max_length=1000,
        help_text="URL-referentie naar de persoon die als aanspreekpunt fungeert voor de "
        "BETROKKENE inzake het ontvangen of verzonden INFORMATIEOBJECT.",
    )
    binnenlandsCorrespondentieadres = BinnenlandsCorrespondentieadresVerzendingSerializer(  # noqa: N815
        help_text="Het correspondentieadres, betreffende een adresseerbaar object, van de "
        "BETROKKENE, zijnde afzender of geadresseerde, zoals vermeld in het ontvangen of "
        "verzonden INFORMATIEOBJECT indien dat afwijkt van het reguliere binnenlandse "
        "correspondentieadres van BETROKKENE."
    )
    buitenlandsCorrespondentieadres = BuitenlandsCorrespondentieadresVerzendingSerializer(  # noqa: N815
        help_text="De gegevens van het adres in het buitenland van BETROKKENE, zijnde afzender "
        "of geadresseerde, zoals vermeld in het ontvangen of verzonden INFORMATIEOBJECT en dat "
        "afwijkt van de reguliere correspondentiegegevens van BETROKKENE."
    )
    correspondentiePostadres = BuitenlandsCorrespondentiepostadresVerzendingSerializer(  # noqa: N815
        help_text="De gegevens die tezamen een postbusadres of antwoordnummeradres vormen van "
        "BETROKKENE, zijnde afzender of geadresseerde, zoals vermeld in het ontvangen of "
        "verzonden INFORMATIEOBJECT en dat afwijkt van de reguliere correspondentiegegevens "
        "van BETROKKENE."
    )
    faxnummer = serializers.CharField(
        max_length=15,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="faxnummer van de ontvanger of afzender.",
    )
    emailadres = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="emailadres van de ontvanger of afzender.",
    )
    mijnOverheid = serializers.BooleanField(  # noqa: N815
        source="mijn_overheid",
        required=False,
        help_text="is het informatieobject verzonden via mijnOverheid naar de ontvanger.",
    )
    telefoonnummer = serializers.CharField(
        max_length=15,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="telefoonnummer van de ontvanger of afzender.",
    )

    class Meta:
        model = Verzending
        fields = (
            "url",
            "betrokkene",
            "informatieobject",
            "aardRelatie",
            "toelichting",
            "ontvangstdatum",
            "verzenddatum",
            "contactPersoon",
            "contactpersoonnaam",
            "binnenlandsCorrespondentieadres",
            "buitenlandsCorrespondentieadres",
            "correspondentiePostadres",
            "faxnummer",
            "emailadres",
            "mijnOverheid",
            "telefoonnummer",
        )
        extra_kwargs = {
            "betrokkene": {
                "help_text": "URL-referentie naar de betrokkene waarvan het informatieobject is "
                "ontvangen of waaraan dit is verzonden."
            },
            "toelichting": {
                "help_text": "Verduidelijking van de afzender- of geadresseerde-relatie."
            },
            "ontvangstdatum": {"help_text": "De datum waarop het INFORMATIEOBJECT ontvangen is."},
            "verzenddatum": {"help_text": "De datum waarop het INFORMATIEOBJECT verzonden is."},
            "contactpersoonnaam": {
                "help_text": "De opgemaakte naam van de persoon die als aanspreekpunt fungeert "
                "voorde BETROKKENE inzake het ontvangen of verzonden INFORMATIEOBJECT."
            },
        }

    def velden(self) -> dict[str, Any]:
        """validated_data as the kernel service takes it (flat; null text as blank)."""
        data = dict(self.validated_data)
        data.pop("informatieobject", None)
        for naam in ("faxnummer", "emailadres", "telefoonnummer"):
            if naam in data and data[naam] is None:
                data[naam] = ""
        return data
