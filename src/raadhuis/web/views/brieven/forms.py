"""The forms of the letter pages: template editor, library filter, import, letterhead and
"Brief versturen" on a case.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from raadhuis.kernel.messaging.models import (
    Briefhoofd,
    Kanaal,
    SjabloonSoort,
)
from raadhuis.kernel.messaging.services import (
    BRIEFHOOFD_VELDEN,
    logo_check,
)
from raadhuis.kernel.messaging.uitwisseling import MAX_BYTES


class SjabloonForm(forms.Form):
    naam = forms.CharField(label=gettext_lazy("Naam"), max_length=200)
    onderwerp = forms.CharField(
        label=gettext_lazy("Onderwerp"),
        max_length=300,
        help_text=gettext_lazy("Mag samenvoegvelden bevatten, zoals {{ zaak.identificatie }}."),
    )
    inhoud = forms.CharField(
        label=gettext_lazy("Tekst van de brief (HTML)"),
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "true", "class": "rh-code"}),
        help_text=gettext_lazy(
            "HTML met samenvoegvelden tussen {{ }} en opdrachten als {% if %} en {% for %}. "
            "Aanhef, adres, datum, kenmerk en ondertekening zet het briefhoofd er zelf bij."
        ),
    )
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        choices=SjabloonSoort.choices,
        initial=SjabloonSoort.BRIEF,
        help_text=gettext_lazy(
            "Brief en offerte worden een PDF; een e-mail wordt de tekst van het bericht."
        ),
    )
    categorie = forms.CharField(
        label=gettext_lazy("Categorie"),
        required=False,
        max_length=60,
        help_text=gettext_lazy("Om sjablonen te groeperen, bijvoorbeeld ‘Klachten’."),
        widget=forms.TextInput(attrs={"list": "sjabloon-categorieen", "autocomplete": "off"}),
    )
    toelichting = forms.CharField(
        label=gettext_lazy("Wat is er veranderd?"), required=False, max_length=300
    )
    voorbeeld = forms.ChoiceField(
        label=gettext_lazy("Voorbeeldgegevens"),
        required=False,
        help_text=gettext_lazy("Het voorbeeld toont de brief met deze gegevens."),
    )

    def __init__(self, *args: Any, voorbeeldkeuzes: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "sjabloon_%s")
        super().__init__(*args, **kwargs)
        self.fields["voorbeeld"].choices = voorbeeldkeuzes
        if self.is_bound and "soort" not in self.data:
            # A post without the kind (an older client) keeps the template's kind.
            self.data = self.data.copy()
            self.data["soort"] = self.initial.get("soort") or SjabloonSoort.BRIEF


class SjabloonNieuwForm(SjabloonForm):
    code = forms.SlugField(
        label=gettext_lazy("Code"),
        max_length=60,
        help_text=gettext_lazy(
            "Kleine letters, cijfers en streepjes; hiermee kiezen processen en modules het "
            "sjabloon (bijvoorbeeld ‘uitnodiging-gesprek’)."
        ),
    )
    field_order = ["code", "naam", "soort", "categorie", "onderwerp", "inhoud", "voorbeeld"]


class SjabloonFilterForm(forms.Form):
    """The filters of the template library (GET)."""

    zoek = forms.CharField(
        label=gettext_lazy("Zoek op naam of code"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        required=False,
        choices=[("", gettext_lazy("Alle soorten")), *SjabloonSoort.choices],
    )
    categorie = forms.ChoiceField(label=gettext_lazy("Categorie"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("Actief en niet actief")),
            ("actief", gettext_lazy("Alleen actief")),
            ("inactief", gettext_lazy("Alleen niet actief")),
        ],
    )

    def __init__(self, *args: Any, categorieen: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["categorie"].choices = [
            ("", _("Alle categorieën")),
            *((c, c) for c in categorieen),
        ]


class SjabloonImportForm(forms.Form):
    bestand = forms.FileField(
        label=gettext_lazy("Exportbestand (JSON)"),
        required=False,
        help_text=gettext_lazy("Een bestand dat met ‘Exporteren’ is gemaakt, hoogstens 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    # After a clean dry run the checked file travels along, so it need not be chosen again.
    inhoud = forms.CharField(required=False, widget=forms.HiddenInput)
    bestandsnaam = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "import_%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        bestand = data.get("bestand")
        if bestand:
            if bestand.size > MAX_BYTES:
                self.add_error("bestand", _("Het bestand is groter dan 10 MB."))
                return data
            data["inhoud"] = bestand.read()
            data["bestandsnaam"] = bestand.name
        elif not data.get("inhoud"):
            self.add_error("bestand", _("Kies het exportbestand."))
        return data


class BriefhoofdForm(forms.ModelForm):
    class Meta:
        model = Briefhoofd
        fields = list(BRIEFHOOFD_VELDEN)
        widgets = {
            "logo_svg": forms.Textarea(attrs={"rows": 5, "class": "rh-code"}),
            "afzender": forms.Textarea(attrs={"rows": 4}),
            "ondertekening": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "briefhoofd_%s")
        super().__init__(*args, **kwargs)

    def clean_logo_svg(self) -> str:
        try:
            return logo_check(self.cleaned_data.get("logo_svg") or "")
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["logo_svg"]) from error


class BriefVersturenForm(forms.Form):
    sjabloon = forms.ChoiceField(label=gettext_lazy("Sjabloon"))
    ontvanger = forms.ChoiceField(label=gettext_lazy("Ontvanger"), widget=forms.RadioSelect)
    ontvanger_naam = forms.CharField(label=gettext_lazy("Naam"), required=False, max_length=400)
    ontvanger_adres = forms.CharField(
        label=gettext_lazy("Adres"),
        required=False,
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Eén regel per regel, zoals op de envelop."),
    )
    ontvanger_email = forms.EmailField(label=gettext_lazy("E-mailadres"), required=False)
    kanaal = forms.ChoiceField(
        label=gettext_lazy("Versturen per"), choices=Kanaal.choices, widget=forms.RadioSelect
    )
    tekst = forms.CharField(
        label=gettext_lazy("Tekst"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Komt in de brief waar het sjabloon {{ brief.tekst }} heeft."),
    )
    reden = forms.CharField(
        label=gettext_lazy("Reden"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Voor de historie van de zaak."),
    )

    def __init__(
        self,
        *args: Any,
        sjablonen: list[tuple[str, Any]],  # (code, name), or (group, [(code, name), ...])
        ontvangers: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "brief_%s")
        super().__init__(*args, **kwargs)
        self.fields["sjabloon"].choices = sjablonen
        self.fields["ontvanger"].choices = ontvangers
