"""Serializers of the Documenten API 1.7.0 for ENKELVOUDIGINFORMATIEOBJECTen: field names,
types and lengths of the specification. They validate the shape only; every rule is checked by
the kernel services (`kernel.documents.services`), which the views call.

The object an EnkelvoudigInformatieObject serializer reads is a *version*
(`InformatieObjectVersie`); what belongs to the document as a whole (`url`, `locked`,
`indicatieGebruiksrecht`, `bestandsdelen`) is read from its document.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from raadhuis.apis.common.fields import (
    UUIDHyperlinkedIdentityField,
    organisatie_scope,
)
from raadhuis.apis.documenten.fields import (
    Base64InhoudField,
    DocumentAttribuutField,
    DocumentUrlField,
    LockMethodField,
    TypeUrlField,
)
from raadhuis.kernel.catalog.models import InformatieObjectType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.documents.models import (
    BestandsDeel,
    DocumentStatus,
    InformatieObjectVersie,
    IntegriteitAlgoritme,
    OndertekeningSoort,
)

URL_HELP = _(
    "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object."
)
LOCK_HELP = _("Hash string, which represents id of the lock of related informatieobject")


def _choices_help(text: str, choices: Any) -> str:
    regels = "\n".join(f"* `{value}` - {label}" for value, label in choices)
    return f"{text}\n\nUitleg bij mogelijke waarden:\n\n{regels}"


class GegevensgroepSerializer(serializers.Serializer):
    """A group of attributes stored flat on the model (`ondertekening_soort`, ...), nested in
    the API (`ondertekening.soort`). Written as the flat fields; null clears them."""

    leeg: dict[str, Any] = {}
    # Read an empty group as null (Verzending addresses) or as blank values (ondertekening).
    leeg_als_null = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("source", "*")
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(*args, **kwargs)

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data is None:
            return True, dict(self.leeg)
        return super().validate_empty_values(data)

    def to_representation(self, instance: Any) -> dict[str, Any] | None:
        if self.leeg_als_null and all(
            getattr(instance, naam) in (None, "", False) for naam in self.leeg
        ):
            return None
        return super().to_representation(instance)


class OndertekeningSerializer(GegevensgroepSerializer):
    leeg = {"ondertekening_soort": "", "ondertekening_datum": None}

    soort = serializers.ChoiceField(
        choices=OndertekeningSoort.choices,
        source="ondertekening_soort",
        help_text=_choices_help(
            "Aanduiding van de wijze van ondertekening van het INFORMATIEOBJECT",
            OndertekeningSoort.choices,
        ),
    )
    datum = serializers.DateField(
        source="ondertekening_datum",
        help_text="De datum waarop de ondertekening van het INFORMATIEOBJECT heeft plaatsgevonden.",
    )


class IntegriteitSerializer(GegevensgroepSerializer):
    leeg = {"integriteit_algoritme": "", "integriteit_waarde": "", "integriteit_datum": None}

    algoritme = serializers.ChoiceField(
        choices=IntegriteitAlgoritme.choices,
        source="integriteit_algoritme",
        help_text=_choices_help(
            "Aanduiding van algoritme, gebruikt om de checksum te maken.",
            IntegriteitAlgoritme.choices,
        ),
    )
    waarde = serializers.CharField(
        max_length=128, source="integriteit_waarde", help_text="De waarde van de checksum."
    )
    datum = serializers.DateField(
        source="integriteit_datum", help_text="Datum waarop de checksum is gemaakt."
    )


class BestandsDeelSerializer(serializers.ModelSerializer):
    openapi_required = ("lock", "omvang", "url", "volgnummer", "voltooid")
    url = UUIDHyperlinkedIdentityField(
        view_name="documenten:bestandsdeel-detail", help_text=URL_HELP
    )
    lock = LockMethodField(help_text=LOCK_HELP)

    class Meta:
        model = BestandsDeel
        fields = ("url", "volgnummer", "omvang", "voltooid", "lock")
        read_only_fields = ("volgnummer", "omvang", "voltooid")
        extra_kwargs = {
            "volgnummer": {
                "help_text": "Een volgnummer dat de volgorde van de bestandsdelen aangeeft."
            },
            "omvang": {"help_text": "De grootte van dit specifieke bestandsdeel."},
            "voltooid": {
                "help_text": "Indicatie of dit bestandsdeel volledig is geupload. Dat wil zeggen: "
                "het aantal bytes dat staat genoemd bij grootte is daadwerkelijk ontvangen."
            },
        }

    @extend_schema_field(OpenApiTypes.STR)
    def get_lock(self, deel: BestandsDeel) -> str:
        return deel.informatieobject.lock


class EnkelvoudigInformatieObjectSerializer(serializers.Serializer):
    """EnkelvoudigInformatieObject (read), and the shape of writes."""

    url = DocumentUrlField(help_text=URL_HELP)
    identificatie = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="Een binnen een gegeven context ondubbelzinnige referentie naar het "
        "INFORMATIEOBJECT.",
    )
    bronorganisatie = serializers.CharField(
        max_length=9,
        help_text="Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die het "
        "informatieobject heeft gecreëerd of heeft ontvangen en als eerste in een "
        "samenwerkingsketen heeft vastgelegd.",
    )
    creatiedatum = serializers.DateField(
        help_text="Een datum of een gebeurtenis in de levenscyclus van het INFORMATIEOBJECT."
    )
    titel = serializers.CharField(
        max_length=200, help_text="De naam waaronder het INFORMATIEOBJECT formeel bekend is."
    )
    vertrouwelijkheidaanduiding = serializers.ChoiceField(
        choices=Vertrouwelijkheid.choices,
        required=False,
        allow_blank=True,
        help_text=_choices_help(
            "Aanduiding van de mate waarin het INFORMATIEOBJECT voor de openbaarheid bestemd is.",
            Vertrouwelijkheid.choices,
        ),
    )
    isGereedVoorPublicatie = serializers.BooleanField(  # noqa: N815 (the spec's names)
        source="is_gereed_voor_publicatie",
        required=False,
        allow_null=True,
        help_text="Geeft aan of het INFORMATIEOBJECT gereed is voor publicatie.",
    )
    tonenAanInitiator = serializers.BooleanField(  # noqa: N815
        source="tonen_aan_initiator",
        required=False,
        default=False,
        help_text="Geeft aan of het INFORMATIEOBJECT getoond mag worden aan de initiator van "
        "de zaak waarin het INFORMATIEOBJECT is opgenomen.",
    )
    auteur = serializers.CharField(
        max_length=200,
        help_text="De persoon of organisatie die in de eerste plaats verantwoordelijk is voor "
        "het creëren van de inhoud van het INFORMATIEOBJECT.",
    )
    status = serializers.ChoiceField(
        choices=DocumentStatus.choices,
        required=False,
        allow_blank=True,
        help_text=_choices_help(
            "Aanduiding van de stand van zaken van een INFORMATIEOBJECT. De waarden 'in "
            "bewerking' en 'ter vaststelling' komen niet voor als het attribuut "
            "`ontvangstdatum` van een waarde is voorzien.",
            DocumentStatus.choices,
        ),
    )
    inhoudIsVervallen = serializers.BooleanField(  # noqa: N815
        source="inhoud_is_vervallen",
        required=False,
        allow_null=True,
        help_text="Geeft aan of de inhoud van het INFORMATIEOBJECT al dan niet vervallen, dus "
        "niet langer geldig is.",
    )
    formaat = serializers.CharField(
        max_length=255,
        required=False,
        allow_blank=True,
        help_text='Het "Media Type" (voorheen "MIME type") voor de wijze waarop de inhoud van '
        "het INFORMATIEOBJECT is vastgelegd in een computerbestand.",
    )
    taal = serializers.CharField(
        min_length=3,
        max_length=3,
        help_text="Een ISO 639-2/B taalcode waarin de inhoud van het INFORMATIEOBJECT is "
        "vastgelegd. Voorbeeld: `dut`.",
    )
    versie = serializers.IntegerField(
        read_only=True,
        help_text="Het (automatische) versienummer van het INFORMATIEOBJECT. Deze begint bij 1 "
        "als het INFORMATIEOBJECT aangemaakt wordt.",
    )
    beginRegistratie = serializers.DateTimeField(  # noqa: N815
        source="begin_registratie",
        read_only=True,
        help_text="Een datumtijd in ISO8601 formaat waarop deze versie van het "
        "INFORMATIEOBJECT is aangemaakt of gewijzigd.",
    )
    bestandsnaam = serializers.CharField(
        max_length=255,
        required=False,
        allow_blank=True,
        help_text="De naam van het fysieke bestand waarin de inhoud van het informatieobject "
        "is vastgelegd, inclusief extensie.",
    )
    inhoud = Base64InhoudField(help_text="Download URL van de binaire inhoud.")
    bestandsomvang = serializers.IntegerField(
        min_value=0,
        max_value=9223372036854775807,
        required=False,
        allow_null=True,
        help_text="Aantal bytes dat de inhoud van INFORMATIEOBJECT in beslag neemt.",
    )
    link = serializers.URLField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="De URL waarmee de inhoud van het INFORMATIEOBJECT op te vragen is.",
    )
    beschrijving = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        help_text="Een generieke beschrijving van de inhoud van het INFORMATIEOBJECT.",
    )
    ontvangstdatum = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="De datum waarop het INFORMATIEOBJECT ontvangen is.",
    )
    verzenddatum = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="De datum waarop het INFORMATIEOBJECT verzonden is.",
    )
    indicatieGebruiksrecht = DocumentAttribuutField(  # noqa: N815
        "indicatie_gebruiksrecht",
        serializers.BooleanField(allow_null=True),
        source="indicatie_gebruiksrecht",
        required=False,
        allow_null=True,
        help_text="Indicatie of er beperkingen gelden aangaande het gebruik van het "
        "informatieobject anders dan raadpleging.",
    )
    verschijningsvorm = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="De essentiële opmaakaspecten van een INFORMATIEOBJECT.",
    )
    ondertekening = OndertekeningSerializer(
        help_text="Aanduiding van de rechtskracht van een informatieobject.",
    )
    integriteit = IntegriteitSerializer(
        help_text="Uitdrukking van mate van volledigheid en onbeschadigd zijn van digitaal "
        "bestand.",
    )
    informatieobjecttype = TypeUrlField(
        view_name="catalogi:informatieobjecttype-detail",
        queryset=InformatieObjectType.objects.select_related("catalogus"),
        scope=organisatie_scope("catalogus__organisatie"),
        help_text="URL-referentie naar het INFORMATIEOBJECTTYPE (in de Catalogi API).",
    )
    locked = DocumentAttribuutField(
        "locked",
        serializers.BooleanField(),
        read_only=True,
        help_text="Geeft aan of het document gelocked is. Alleen als een document gelocked is, "
        "mogen er aanpassingen gemaakt worden.",
    )
    bestandsdelen = serializers.SerializerMethodField()
    trefwoorden = serializers.ListField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text="Een lijst van één of meer trefwoorden.",
    )

    @extend_schema_field(BestandsDeelSerializer(many=True, read_only=True))
    def get_bestandsdelen(self, versie: InformatieObjectVersie) -> list[dict[str, Any]]:
        delen = versie.informatieobject.bestandsdelen.all()
        return list(BestandsDeelSerializer(delen, many=True, context=self.context).data)

    def gegevens(self) -> dict[str, Any]:
        """validated_data as the kernel service takes it: flat, snake_case."""
        data = dict(self.validated_data)
        data.pop("lock", None)
        return data


class EnkelvoudigInformatieObjectCreateLockSerializer(EnkelvoudigInformatieObjectSerializer):
    """Create: answers with the `lock` of a document whose content follows in parts."""

    lock = DocumentAttribuutField(
        "lock",
        serializers.CharField(),
        read_only=True,
        help_text="Lock id generated if the large file is created and should be used while "
        "updating the document. Documents with base64 encoded files are created without lock",
    )


class EnkelvoudigInformatieObjectWithLockSerializer(EnkelvoudigInformatieObjectSerializer):
    """PUT and PATCH: the `lock` of the checkout is required."""

    # The specification's PATCH body has no tonenAanInitiator (PUT and POST do).
    openapi_patch_exclude = ("tonenAanInitiator",)

    lock = serializers.CharField(
        write_only=True,
        help_text="Tijdens het updaten van een document (PATCH, PUT) moet het `lock` veld "
        "opgegeven worden. Bij het aanmaken (POST) mag het geen waarde hebben.",
    )


class LockEnkelvoudigInformatieObjectSerializer(serializers.Serializer):
    lock = serializers.CharField(
        read_only=True, help_text="Hash string, wordt gebruikt als ID voor de lock"
    )


class UnlockEnkelvoudigInformatieObjectSerializer(serializers.Serializer):
    lock = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Hash string, wordt gebruikt als ID voor de lock",
    )


class EIOZoekSerializer(serializers.Serializer):
    uuid__in = serializers.ListField(
        child=serializers.UUIDField(), help_text="Array of unieke resource identifiers (UUID4)"
    )
    identificatie = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Een binnen een gegeven context ondubbelzinnige referentie naar het "
        "INFORMATIEOBJECT.",
    )
    bronorganisatie = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die het "
        "informatieobject heeft gecreëerd of heeft ontvangen en als eerste in een "
        "samenwerkingsketen heeft vastgelegd.",
    )
    expand = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Haal details van gelinkte resources direct op. Als je meerdere resources "
        "tegelijk wilt ophalen kun je deze scheiden met een komma. Voor het ophalen van "
        "resources die een laag dieper genest zijn wordt de punt-notatie gebruikt.",
    )


@extend_schema_serializer(component_name="BestandsDeel")  # the request: BestandsDeelRequest
class BestandsDeelUploadSerializer(serializers.Serializer):
    """PUT /bestandsdelen/{uuid}: multipart with the part's bytes and the document's lock."""

    openapi_required = ("lock",)

    inhoud = serializers.FileField(
        write_only=True, help_text="De (binaire) bestandsinhoud van dit specifieke bestandsdeel."
    )
    lock = serializers.CharField(write_only=True, help_text=LOCK_HELP)


class BestandsDeelResponseSerializer(serializers.ModelSerializer):
    """The answer to an upload of a part."""

    openapi_required = ("lock", "url")
    openapi_properties = {
        "omvang": {
            "type": "integer",
            "description": "De grootte van dit specifieke bestandsdeel.",
        },
        "voltooid": {
            "type": "boolean",
            "description": "Indicatie of dit bestandsdeel volledig is geupload. Dat wil "
            "zeggen: het aantal bytes dat staat genoemd bij grootte is daadwerkelijk ontvangen.",
        },
        "volgnummer": {
            "type": "integer",
            "description": "Een volgnummer dat de volgorde van de bestandsdelen aangeeft.",
        },
    }

    url = UUIDHyperlinkedIdentityField(
        view_name="documenten:bestandsdeel-detail", help_text=URL_HELP
    )
    lock = LockMethodField(help_text=LOCK_HELP)

    class Meta:
        model = BestandsDeel
        fields = ("url", "lock", "omvang", "voltooid", "volgnummer")
        extra_kwargs = BestandsDeelSerializer.Meta.extra_kwargs

    @extend_schema_field(OpenApiTypes.STR)
    def get_lock(self, deel: BestandsDeel) -> str:
        return deel.informatieobject.lock
