"""Besluit and BesluitInformatieObject as the Besluiten API 1.1.0 shows them. Only shape and
format are checked here; the rules (published type, dates, case type, uniqueness, …) are the
kernel services'."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.apis.common.fields import (
    UUIDHyperlinkedIdentityField,
    UUIDHyperlinkedRelatedField,
    organisatie_scope,
)
from raadhuis.kernel.cases.koppelingen import VervalReden
from raadhuis.kernel.cases.models import Besluit, Zaak
from raadhuis.kernel.catalog.models import BesluitType
from raadhuis.kernel.documents.models import InformatieObject
from raadhuis.kernel.validators import elfproef

URL_HELP = (
    "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object."
)
VERVALREDEN_HELP = (
    "De omschrijving die aangeeft op grond waarvan het besluit is of komt te vervallen.\n\n"
    "Uitleg bij mogelijke waarden:\n\n"
    "* `tijdelijk` - Besluit met tijdelijke werking\n"
    "* `ingetrokken_overheid` - Besluit ingetrokken door overheid\n"
    "* `ingetrokken_belanghebbende` - Besluit ingetrokken o.v.v. belanghebbende"
)


def rsin_validate(value: str) -> None:
    """RSIN with the reference implementation's codes: only-digits, invalid-length, invalid."""
    if not value.isdigit():
        raise serializers.ValidationError(_("Voer enkel cijfers in."), code="only-digits")
    if len(value) != 9:
        raise serializers.ValidationError(
            _("Een RSIN bestaat uit precies 9 cijfers."), code="invalid-length"
        )
    if not elfproef(value):
        raise serializers.ValidationError(
            _("Dit is geen geldig RSIN (de elfproef klopt niet)."), code="invalid"
        )


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 200, "minLength": 1})
class BesluittypeField(UUIDHyperlinkedRelatedField):
    """`besluittype`: the URL of a besluittype (at most 200 characters, as specified)."""


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 200})
class OptioneleZaakField(UUIDHyperlinkedRelatedField):
    """`zaak`: a case URL, or empty ("" in and out) for a decision without a case."""

    empty_as_blank = True


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 1000, "minLength": 1})
class InformatieobjectField(UUIDHyperlinkedRelatedField):
    """`informatieobject`: the URL of a document in the Documenten API."""


class BesluitSerializer(serializers.Serializer):
    url = UUIDHyperlinkedIdentityField(view_name="besluiten:besluit-detail", help_text=URL_HELP)
    identificatie = serializers.CharField(
        max_length=50,
        required=False,
        allow_blank=True,
        help_text="Identificatie van het besluit binnen de organisatie die het besluit heeft "
        "vastgesteld. Indien deze niet opgegeven is, dan wordt die gegenereerd.",
    )
    verantwoordelijkeOrganisatie = serializers.CharField(  # noqa: N815 (the spec's name)
        source="verantwoordelijke_organisatie",
        max_length=9,
        min_length=1,
        validators=[rsin_validate],
        help_text="Het RSIN van de niet-natuurlijk persoon zijnde de organisatie die het "
        "besluit heeft vastgesteld.",
    )
    besluittype = BesluittypeField(
        view_name="catalogi:besluittype-detail",
        queryset=BesluitType.objects.select_related("catalogus"),
        scope=organisatie_scope("catalogus__organisatie"),
        help_text="URL-referentie naar het BESLUITTYPE (in de Catalogi API).",
    )
    zaak = OptioneleZaakField(
        view_name="zaken:zaak-detail",
        queryset=Zaak.objects.all(),
        scope=organisatie_scope("organisatie"),
        required=False,
        allow_null=True,
        help_text="URL-referentie naar de ZAAK (in de Zaken API) waarvan dit besluit uitkomst is.",
    )
    datum = serializers.DateField(help_text="De beslisdatum (AWB) van het besluit.")
    toelichting = serializers.CharField(
        required=False, allow_blank=True, help_text="Toelichting bij het besluit."
    )
    bestuursorgaan = serializers.CharField(
        max_length=50,
        required=False,
        allow_blank=True,
        help_text="Een orgaan van een rechtspersoon krachtens publiekrecht ingesteld of een "
        "persoon of college, met enig openbaar gezag bekleed onder wiens verantwoordelijkheid "
        "het besluit vastgesteld is.",
    )
    ingangsdatum = serializers.DateField(
        help_text="Ingangsdatum van de werkingsperiode van het besluit."
    )
    vervaldatum = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Datum waarop de werkingsperiode van het besluit eindigt.",
    )
    vervalreden = serializers.ChoiceField(
        choices=VervalReden.choices, required=False, allow_blank=True, help_text=VERVALREDEN_HELP
    )
    vervalredenWeergave = serializers.SerializerMethodField()  # noqa: N815
    publicatiedatum = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Datum waarop het besluit gepubliceerd wordt.",
    )
    verzenddatum = serializers.DateField(
        required=False, allow_null=True, help_text="Datum waarop het besluit verzonden is."
    )
    uiterlijkeReactiedatum = serializers.DateField(  # noqa: N815
        source="uiterlijke_reactiedatum",
        required=False,
        allow_null=True,
        help_text="De datum tot wanneer verweer tegen het besluit mogelijk is.",
    )

    @extend_schema_field({"type": "string", "readOnly": True, "minLength": 1})
    def get_vervalredenWeergave(self, besluit: Besluit) -> str:  # noqa: N802
        return str(VervalReden(besluit.vervalreden).label) if besluit.vervalreden else ""

    def to_representation(self, instance: Besluit) -> dict[str, Any]:
        data = super().to_representation(instance)
        if data.get("zaak") is None:
            data["zaak"] = ""
        return data


class BesluitInformatieObjectSerializer(serializers.Serializer):
    url = UUIDHyperlinkedIdentityField(
        view_name="besluiten:besluitinformatieobject-detail", help_text=URL_HELP
    )
    informatieobject = InformatieobjectField(
        view_name="documenten:enkelvoudiginformatieobject-detail",
        queryset=InformatieObject.objects.all(),
        scope=organisatie_scope("organisatie"),
        help_text="URL-referentie naar het INFORMATIEOBJECT (in de Documenten API) waarin (een "
        "deel van) het besluit beschreven is.",
    )
    besluit = UUIDHyperlinkedRelatedField(
        view_name="besluiten:besluit-detail",
        queryset=Besluit.objects.all(),
        scope=organisatie_scope("organisatie"),
        help_text="URL-referentie naar het BESLUIT.",
    )
