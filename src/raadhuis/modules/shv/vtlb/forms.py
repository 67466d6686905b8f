"""Forms of the VTLB screens: copy a norm version, change an amount with its source, and the
calculator. They check shape only; the rules live in services.py and rekenen.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raadhuis.modules.shv.vtlb.rekenen import CORRECTIE_SOORTEN, Leefsituatie

CORRECTIE_RIJEN = 3


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def bedrag_veld(label: str, *, required: bool = False, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_value=Decimal("99999999.99"),
        max_digits=10,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        localize=True,
    )


class NormversieKopieerForm(forms.Form):
    geldig_vanaf = forms.DateField(
        label=_("Geldig vanaf"),
        widget=DatumInput(),
        help_text=_("1 januari of 1 juli."),
    )
    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=200)
    toelichting = forms.CharField(
        label=_("Reden"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class NormbedragForm(forms.Form):
    bedrag = bedrag_veld(
        _("Bedrag per maand"),
        help_text=_("Leeg laten als het bedrag (nog) niet bekend is; de berekening meldt dat dan."),
    )
    bron = forms.CharField(
        label=_("Bron"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Noem de publicatie (titel, datum, vindplaats) waar dit bedrag uit komt."),
    )
    toelichting = forms.CharField(
        label=_("Reden van de wijziging"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VtlbBerekenForm(forms.Form):
    peildatum = forms.DateField(label=_("Peildatum"), widget=DatumInput())
    leefsituatie = forms.ChoiceField(
        label=_("Leefsituatie"), choices=list(Leefsituatie.LABELS.items())
    )
    netto_inkomen = bedrag_veld(
        _("Netto inkomen schuldenaar per maand"),
        required=True,
        help_text=_("Inclusief vakantietoeslag per maand."),
    )
    partner_netto_inkomen = bedrag_veld(_("Netto inkomen partner per maand"))
    woonlasten = bedrag_veld(_("Woonlasten per maand"))
    zorgpremie = bedrag_veld(_("Premie zorgverzekering per maand (huishouden)"))
    huurtoeslag = bedrag_veld(_("Huurtoeslag per maand"))
    zorgtoeslag = bedrag_veld(_("Zorgtoeslag per maand"))
    kindgebonden_budget = bedrag_veld(_("Kindgebonden budget per maand"))
    kinderen = forms.CharField(
        label=_("Leeftijden van de kinderen"),
        required=False,
        max_length=100,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: 4, 9"),
    )
    pensioengerechtigd = forms.BooleanField(
        # A short label: a checkbox label does not wrap and must fit a phone's width.
        label=_("AOW-leeftijd bereikt"),
        required=False,
        help_text=_("De schuldenaar of de partner heeft de pensioengerechtigde leeftijd."),
    )
    aantal_werkenden = forms.TypedChoiceField(
        label=_("Aantal werkenden in het huishouden"),
        choices=[(0, "0"), (1, "1"), (2, "2")],
        coerce=int,
        initial=0,
    )
    compensatiekop = bedrag_veld(
        _("Compensatiekop uit de rekentool beslagvrije voet"),
        help_text=_("Alleen invullen als u de uitkomst van uwbeslagvrijevoet.nl heeft."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keuzes = [("", _("Geen"))] + list(CORRECTIE_SOORTEN.items())
        for nummer in range(1, CORRECTIE_RIJEN + 1):
            self.fields[f"correctie_{nummer}_soort"] = forms.ChoiceField(
                label=_("Correctie %(nummer)s: soort") % {"nummer": nummer},
                choices=keuzes,
                required=False,
            )
            self.fields[f"correctie_{nummer}_bedrag"] = bedrag_veld(
                _("Correctie %(nummer)s: bedrag per maand") % {"nummer": nummer}
            )

    def clean_kinderen(self) -> list[int]:
        tekst = self.cleaned_data.get("kinderen") or ""
        leeftijden = []
        for deel in tekst.replace(";", ",").split(","):
            deel = deel.strip()
            if not deel:
                continue
            if not deel.isdigit() or int(deel) > 30:
                raise forms.ValidationError(
                    _("Geef leeftijden in hele jaren van 0 tot en met 30, gescheiden door komma's.")
                )
            leeftijden.append(int(deel))
        return leeftijden

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for nummer in range(1, CORRECTIE_RIJEN + 1):
            soort = data.get(f"correctie_{nummer}_soort")
            bedrag = data.get(f"correctie_{nummer}_bedrag")
            if soort and bedrag is None:
                self.add_error(f"correctie_{nummer}_bedrag", _("Geef het bedrag van de correctie."))
            if bedrag is not None and not soort:
                self.add_error(f"correctie_{nummer}_soort", _("Kies de soort correctie."))
        return data

    def correctie_rijen(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"correctie_{n}_soort"], self[f"correctie_{n}_bedrag"])
            for n in range(1, CORRECTIE_RIJEN + 1)
        ]

    def invoer(self) -> dict[str, Any]:
        """The input in the API's shape, for services.vtlb_bereken."""
        data = self.cleaned_data
        nul = Decimal("0")
        return {
            "peildatum": data["peildatum"],
            "leefsituatie": data["leefsituatie"],
            "netto_inkomen": data["netto_inkomen"],
            "partner_netto_inkomen": data.get("partner_netto_inkomen") or nul,
            "woonlasten": data.get("woonlasten") or nul,
            "zorgpremie": data.get("zorgpremie") or nul,
            "toeslagen": {
                "huurtoeslag": data.get("huurtoeslag") or nul,
                "zorgtoeslag": data.get("zorgtoeslag") or nul,
                "kindgebonden_budget": data.get("kindgebonden_budget") or nul,
            },
            "kinderen": data.get("kinderen") or [],
            "correcties": [
                {"soort": data[f"correctie_{n}_soort"], "bedrag": data[f"correctie_{n}_bedrag"]}
                for n in range(1, CORRECTIE_RIJEN + 1)
                if data.get(f"correctie_{n}_soort")
            ],
            "pensioengerechtigd": data.get("pensioengerechtigd", False),
            "aantal_werkenden": data.get("aantal_werkenden") or 0,
            "compensatiekop": data.get("compensatiekop"),
        }
