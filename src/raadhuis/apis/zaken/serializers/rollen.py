"""ROL of the Zaken API 1.7.0 with its polymorphic `betrokkeneIdentificatie`: the shape of the
identification depends on `betrokkeneType` (natuurlijk_persoon, niet_natuurlijk_persoon,
vestiging, organisatorische_eenheid, medewerker)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.apis.zaken import extern, fields
from raadhuis.apis.zaken.serializers import common
from raadhuis.kernel.cases.betrokkenen import identificatie_van
from raadhuis.kernel.cases.models import BetrokkeneType, Rol
from raadhuis.kernel.parties.models import Geslacht


class VerblijfsAdresSerializer(serializers.Serializer):
    aoaIdentificatie = serializers.CharField(max_length=100)
    wplWoonplaatsNaam = serializers.CharField(max_length=80)
    gorOpenbareRuimteNaam = serializers.CharField(max_length=80)
    aoaPostcode = serializers.CharField(max_length=7, required=False, allow_blank=True)
    aoaHuisnummer = serializers.IntegerField(min_value=0, max_value=99999)
    aoaHuisletter = serializers.CharField(max_length=1, required=False, allow_blank=True)
    aoaHuisnummertoevoeging = serializers.CharField(max_length=4, required=False, allow_blank=True)
    inpLocatiebeschrijving = serializers.CharField(
        max_length=1000, required=False, allow_blank=True
    )


class SubVerblijfBuitenlandSerializer(serializers.Serializer):
    lndLandcode = serializers.CharField(max_length=4)
    lndLandnaam = serializers.CharField(max_length=40)
    subAdresBuitenland_1 = serializers.CharField(max_length=35, required=False, allow_blank=True)
    subAdresBuitenland_2 = serializers.CharField(max_length=35, required=False, allow_blank=True)
    subAdresBuitenland_3 = serializers.CharField(max_length=35, required=False, allow_blank=True)


def _tekst(max_length: int) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, required=False, allow_blank=True)


class RolNatuurlijkPersoonSerializer(serializers.Serializer):
    inpBsn = _tekst(9)
    anpIdentificatie = _tekst(17)
    inpA_nummer = serializers.RegexField(
        r"^[1-9][0-9]{9}$", max_length=10, required=False, allow_blank=True
    )
    geslachtsnaam = _tekst(200)
    voorvoegselGeslachtsnaam = _tekst(80)
    voorletters = _tekst(20)
    voornamen = _tekst(200)
    geslachtsaanduiding = serializers.ChoiceField(
        choices=Geslacht.choices, required=False, allow_blank=True
    )
    geboortedatum = _tekst(18)
    verblijfsadres = VerblijfsAdresSerializer(required=False, allow_null=True)
    subVerblijfBuitenland = SubVerblijfBuitenlandSerializer(required=False, allow_null=True)


INN_RECHTSVORMEN = [
    "besloten_vennootschap",
    "cooperatie_europees_economische_samenwerking",
    "europese_cooperatieve_venootschap",
    "europese_cooperatieve_vennootschap",
    "europese_naamloze_vennootschap",
    "kerkelijke_organisatie",
    "naamloze_vennootschap",
    "onderlinge_waarborg_maatschappij",
    "overig_privaatrechtelijke_rechtspersoon",
    "stichting",
    "vereniging",
    "vereniging_van_eigenaars",
    "publiekrechtelijke_rechtspersoon",
    "vennootschap_onder_firma",
    "maatschap",
    "rederij",
    "commanditaire_vennootschap",
    "kapitaalvennootschap_binnen_eer",
    "overige_buitenlandse_rechtspersoon_vennootschap",
    "kapitaalvennootschap_buiten_eer",
]


class RolNietNatuurlijkPersoonSerializer(serializers.Serializer):
    innNnpId = _tekst(9)
    annIdentificatie = _tekst(17)
    statutaireNaam = _tekst(500)
    innRechtsvorm = serializers.ChoiceField(
        choices=INN_RECHTSVORMEN, required=False, allow_blank=True
    )
    bezoekadres = _tekst(1000)
    subVerblijfBuitenland = SubVerblijfBuitenlandSerializer(required=False, allow_null=True)


class RolVestigingSerializer(serializers.Serializer):
    vestigingsNummer = _tekst(24)
    handelsnaam = serializers.ListField(child=serializers.CharField(max_length=625), required=False)
    verblijfsadres = VerblijfsAdresSerializer(required=False, allow_null=True)
    subVerblijfBuitenland = SubVerblijfBuitenlandSerializer(required=False, allow_null=True)
    kvkNummer = _tekst(8)


class RolOrganisatorischeEenheidSerializer(serializers.Serializer):
    identificatie = _tekst(24)
    naam = _tekst(50)
    isGehuisvestIn = _tekst(24)


class RolMedewerkerSerializer(serializers.Serializer):
    identificatie = _tekst(254)
    achternaam = _tekst(200)
    voorletters = _tekst(20)
    voorvoegselAchternaam = _tekst(10)


IDENTIFICATIE_SERIALIZERS: dict[str, type[serializers.Serializer]] = {
    BetrokkeneType.NATUURLIJK_PERSOON: RolNatuurlijkPersoonSerializer,
    BetrokkeneType.NIET_NATUURLIJK_PERSOON: RolNietNatuurlijkPersoonSerializer,
    BetrokkeneType.VESTIGING: RolVestigingSerializer,
    BetrokkeneType.ORGANISATORISCHE_EENHEID: RolOrganisatorischeEenheidSerializer,
    BetrokkeneType.MEDEWERKER: RolMedewerkerSerializer,
}


class ContactPersoonRolSerializer(serializers.Serializer):
    emailadres = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    functie = _tekst(50)
    telefoonnummer = _tekst(20)
    naam = serializers.CharField(max_length=40)


@extend_schema_field({"type": "object", "additionalProperties": True})
class BetrokkeneIdentificatieField(serializers.Field):
    def get_attribute(self, instance: Rol) -> Rol:
        return instance

    def to_representation(self, rol: Rol) -> dict[str, Any]:
        return identificatie_van(rol)

    def to_internal_value(self, data: Any) -> Any:
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise serializers.ValidationError(_("Verwacht een object."), code="invalid")
        return data


class RolSerializer(serializers.Serializer):
    url = fields.RefField(fields.ROL, read_only=True, source="*")
    uuid = serializers.UUIDField(read_only=True)
    zaak = fields.RefField(fields.ZAAK, common.zaken, resource="zaak")
    betrokkene = serializers.URLField(
        source="betrokkene_url", max_length=1000, required=False, allow_blank=True
    )
    betrokkeneType = serializers.ChoiceField(
        choices=BetrokkeneType.choices, source="betrokkene_type"
    )
    afwijkendeNaamBetrokkene = serializers.CharField(
        source="afwijkende_naam_betrokkene", max_length=625, required=False, allow_blank=True
    )
    roltype = fields.RefField(
        fields.ROLTYPE, common.roltypen, resource="roltype", extern=extern.roltype
    )
    omschrijving = serializers.CharField(source="roltype.omschrijving", read_only=True)
    omschrijvingGeneriek = serializers.CharField(
        source="roltype.omschrijving_generiek", read_only=True
    )
    roltoelichting = serializers.CharField(max_length=1000, allow_blank=True)
    registratiedatum = serializers.DateTimeField(read_only=True)
    indicatieMachtiging = serializers.ChoiceField(
        choices=["gemachtigde", "machtiginggever"],
        source="indicatie_machtiging",
        required=False,
        allow_blank=True,
    )
    contactpersoonRol = ContactPersoonRolSerializer(
        source="contactpersoon_rol", required=False, allow_null=True
    )
    statussen = fields.RefListField(fields.STATUS)
    betrokkeneIdentificatie = BetrokkeneIdentificatieField(required=False, allow_null=True)

    class Meta:
        model = Rol

    schema_expand_extra = {"betrokkene": ("EmptyObject", False)}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        raw = attrs.get("betrokkeneIdentificatie") or {}
        if raw:
            nested = IDENTIFICATIE_SERIALIZERS[attrs["betrokkene_type"]](data=raw)
            if not nested.is_valid():
                raise serializers.ValidationError({"betrokkeneIdentificatie": nested.errors})
            attrs["betrokkeneIdentificatie"] = _plain(nested.validated_data)
        return attrs


def _plain(value: Any) -> Any:
    """OrderedDicts from nested serializers to plain JSON-ready dicts."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
