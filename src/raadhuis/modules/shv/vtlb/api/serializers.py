"""Request and response documents of the VTLB and distribution API. The requests are
validated here (shape, ranges) and by the method's own rules (rekenen.invoer_controleren,
verdeling); the responses are documented here and built by weergave.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.modules.shv.vtlb.rekenen import (
    CORRECTIE_SOORTEN,
    InvoerFout,
    Leefsituatie,
    invoer_controleren,
)
from raadhuis.modules.shv.vtlb.verdeling import Schuld, VerdelingFout, verdeel
from raadhuis.modules.shv.vtlb.weergave import invoer_uit_data

BEDRAG_HULP = 'Bedrag per maand in euro\'s als tekst met twee decimalen, bijvoorbeeld "1234.50".'
MAX_BEDRAG = Decimal("99999999.99")


class BedragField(serializers.DecimalField):
    """An amount in euros: at most two decimals, not negative; written as "1234.50"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", BEDRAG_HULP)
        super().__init__(
            max_digits=10,
            decimal_places=2,
            min_value=Decimal("0"),
            max_value=MAX_BEDRAG,
            coerce_to_string=True,
            **kwargs,
        )


def fout_op_veld(veld: str, melding: str, code: str) -> serializers.ValidationError:
    return serializers.ValidationError({veld: [serializers.ErrorDetail(melding, code=code)]})


# --- VTLB ------------------------------------------------------------------------------------
class ToeslagenSerializer(serializers.Serializer):
    huurtoeslag = BedragField(required=False, default=Decimal("0"))
    zorgtoeslag = BedragField(required=False, default=Decimal("0"))
    kindgebonden_budget = BedragField(required=False, default=Decimal("0"))


class CorrectieSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(
        choices=list(CORRECTIE_SOORTEN.items()),
        help_text="Soort correctie die de rechter of de schuldhulpverlener toestaat.",
    )
    bedrag = BedragField()
    toelichting = serializers.CharField(
        required=False, allow_blank=True, max_length=200, default=""
    )


class VtlbBerekeningAanvraagSerializer(serializers.Serializer):
    # The household's situation on the peildatum (no docstring: it would become the schema's
    # English description).

    peildatum = serializers.DateField(help_text="De datum waarop de berekening betrekking heeft.")
    leefsituatie = serializers.ChoiceField(choices=[(k, v) for k, v in Leefsituatie.LABELS.items()])
    netto_inkomen = BedragField(
        help_text="Netto maandinkomen van de schuldenaar, inclusief vakantietoeslag per maand."
    )
    partner_netto_inkomen = BedragField(required=False, default=Decimal("0"))
    woonlasten = BedragField(required=False, default=Decimal("0"))
    zorgpremie = BedragField(
        required=False,
        default=Decimal("0"),
        help_text="Premie zorgverzekering per maand van het hele huishouden.",
    )
    toeslagen = ToeslagenSerializer(required=False)
    kinderen = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=30),
        required=False,
        default=list,
        max_length=20,
        help_text="Leeftijden van de kinderen in het huishouden.",
    )
    correcties = serializers.ListField(
        child=CorrectieSerializer(), required=False, default=list, max_length=30
    )
    pensioengerechtigd = serializers.BooleanField(
        required=False,
        default=False,
        help_text="De schuldenaar en/of de partner heeft de pensioengerechtigde leeftijd.",
    )
    aantal_werkenden = serializers.IntegerField(
        required=False,
        default=0,
        min_value=0,
        max_value=2,
        help_text="Aantal personen in het huishouden met inkomen uit arbeid (werktoeslag).",
    )
    compensatiekop = BedragField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Compensatiekop uit de rekentool beslagvrije voet (uwbeslagvrijevoet.nl); "
        "zonder dit veld wordt hij benaderd uit de ontvangen toeslagen.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs.setdefault("toeslagen", {})
        try:
            invoer_controleren(invoer_uit_data(attrs))
        except InvoerFout as fout:
            raise fout_op_veld(fout.veld, fout.melding, fout.code) from fout
        return attrs


class VtlbRegelSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Vaste code van de regel, bijvoorbeeld 'bvv_basis'.")
    omschrijving = serializers.CharField()
    bedrag = serializers.CharField(help_text=BEDRAG_HULP + " Kan negatief zijn.")
    regel = serializers.CharField(help_text="Regel of wetsartikel.")
    bron = serializers.CharField(help_text="Bron van het normbedrag, of 'Invoer'/'Berekend'.")
    soort = serializers.ChoiceField(choices=["post", "subtotaal", "totaal", "informatie"])


class VtlbNormversieSerializer(serializers.Serializer):
    geldig_vanaf = serializers.DateField()
    omschrijving = serializers.CharField()


class VtlbBerekeningSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(required=False, help_text="De opgeslagen momentopname.")
    url = serializers.URLField(required=False)
    pdf = serializers.URLField(required=False, help_text="De berekening als PDF.")
    peildatum = serializers.DateField()
    leefsituatie = serializers.CharField()
    normversie = VtlbNormversieSerializer()
    inkomensgroep = serializers.ChoiceField(choices=["laag", "midden", "hoog"])
    beslagvrije_voet = serializers.CharField(help_text=BEDRAG_HULP)
    nominaal_bedrag = serializers.CharField(help_text=BEDRAG_HULP)
    vtlb = serializers.CharField(help_text=BEDRAG_HULP)
    afloscapaciteit = serializers.CharField(help_text=BEDRAG_HULP + " Nooit negatief.")
    regels = VtlbRegelSerializer(many=True)
    waarschuwingen = serializers.ListField(child=serializers.CharField())


# --- distribution ----------------------------------------------------------------------------
@extend_schema_field({"oneOf": [{"type": "string", "maxLength": 100}, {"type": "integer"}]})
class SchuldIdField(serializers.Field):
    """The caller's id of a debt, a string or an integer, returned as given."""

    default_error_messages = {
        "invalid": "Geef een id als tekst (hoogstens 100 tekens) of als geheel getal."
    }

    def to_internal_value(self, data: Any) -> str | int:
        if isinstance(data, bool) or not isinstance(data, str | int):
            self.fail("invalid")
        if isinstance(data, str) and not (0 < len(data) <= 100):
            self.fail("invalid")
        return data

    def to_representation(self, value: str | int) -> str | int:
        return value


class SchuldSerializer(serializers.Serializer):
    id = SchuldIdField()
    bedrag = BedragField(help_text="Hoogte van de vordering in euro's, twee decimalen.")
    preferent = serializers.BooleanField(required=False, default=False)


class VerdelingAanvraagSerializer(serializers.Serializer):
    totaal = BedragField(help_text="Het te verdelen bedrag (de afloscapaciteit over de looptijd).")
    schulden = serializers.ListField(child=SchuldSerializer(), min_length=1, max_length=1000)
    preferent_weging = serializers.DecimalField(
        max_digits=6,
        decimal_places=3,
        min_value=Decimal("0.001"),
        max_value=Decimal("100"),
        required=False,
        default=Decimal("1"),
        coerce_to_string=True,
        help_text="Gewicht van een preferente schuld ten opzichte van een concurrente (1 = "
        "gelijk).",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        try:
            attrs["verdeling"] = verdeel(
                attrs["totaal"],
                [Schuld(s["id"], s["bedrag"], s["preferent"]) for s in attrs["schulden"]],
                attrs["preferent_weging"],
            )
        except VerdelingFout as fout:
            raise fout_op_veld(fout.veld, fout.melding, fout.code) from fout
        return attrs


class VerdelingDeelSerializer(serializers.Serializer):
    id = SchuldIdField()
    bedrag = serializers.CharField(help_text=BEDRAG_HULP)
    preferent = serializers.BooleanField()
    aandeel = serializers.CharField(help_text="Aandeel van deze schuldeiser. " + BEDRAG_HULP)
    percentage = serializers.CharField(help_text="Deel van de vordering dat wordt aangeboden.")


class VerdelingSerializer(serializers.Serializer):
    totaal = serializers.CharField(help_text=BEDRAG_HULP)
    totaal_schulden = serializers.CharField(help_text=BEDRAG_HULP)
    percentage = serializers.CharField(help_text="Aangeboden percentage van alle schulden samen.")
    preferent_weging = serializers.CharField()
    schulden = VerdelingDeelSerializer(many=True)
