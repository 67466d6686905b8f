"""Forms of the party pages: search, and registering a person or an organisation with an
optional address. Shape only; the rules live in the kernel services (see forms.py)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.parties.models import (
    AdresSoort,
    Geslacht,
    PartijSoort,
    Rechtsvorm,
)
from raadhuis.kernel.validators import (
    validate_bsn,
    validate_kbo_nummer,
    validate_kvk_nummer,
    validate_postcode_nl,
    validate_rsin,
)
from raadhuis.web.forms_basis import DateInput


class PartijZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek een partij"),
        required=False,
        max_length=100,
        help_text=_(
            "Naam, BSN, KvK- of KBO-nummer, of postcode met huisnummer (bijvoorbeeld 1234 AB 12)."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class AdresFieldsMixin(forms.Form):
    """An optional address: filled in completely or not at all."""

    straatnaam = forms.CharField(label=_("Straat"), required=False, max_length=200)
    huisnummer = forms.IntegerField(
        label=_("Huisnummer"),
        required=False,
        min_value=1,
        max_value=99999,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    huisletter = forms.CharField(label=_("Huisletter"), required=False, max_length=1)
    huisnummertoevoeging = forms.CharField(label=_("Toevoeging"), required=False, max_length=4)
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    woonplaats = forms.CharField(label=_("Plaats"), required=False, max_length=80)
    land = forms.ChoiceField(
        label=_("Land"), choices=[("NL", _("Nederland")), ("BE", _("België"))], initial="NL"
    )
    adres_soort = AdresSoort.WOONADRES
    ADRES_VELDEN = ("straatnaam", "huisnummer", "postcode", "woonplaats")

    def clean(self) -> dict:
        data = super().clean()
        gevuld = [v for v in self.ADRES_VELDEN if data.get(v) not in (None, "")]
        if gevuld and len(gevuld) < len(self.ADRES_VELDEN):
            for veld in self.ADRES_VELDEN:
                if data.get(veld) in (None, "") and veld not in self.errors:
                    self.add_error(veld, _("Vul het hele adres in, of laat het adres leeg."))
        postcode = data.get("postcode", "")
        if postcode and data.get("land") == "NL":
            try:
                validate_postcode_nl(postcode)
            except ValidationError as error:
                self.add_error("postcode", error)
        return data

    def adres(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("straatnaam"):
            return None
        return {
            "soort": self.adres_soort,
            "straatnaam": data["straatnaam"],
            "huisnummer": data["huisnummer"],
            "huisletter": data.get("huisletter", ""),
            "huisnummertoevoeging": data.get("huisnummertoevoeging", ""),
            "postcode": data["postcode"],
            "woonplaats": data["woonplaats"],
            "land": data.get("land") or "NL",
        }


class NatuurlijkPersoonForm(AdresFieldsMixin):
    soort = PartijSoort.NATUURLIJK_PERSOON
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=11,
        help_text=_("9 cijfers; wordt gecontroleerd met de elfproef."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    voornamen = forms.CharField(label=_("Voornamen"), required=False, max_length=200)
    voorletters = forms.CharField(label=_("Voorletters"), required=False, max_length=20)
    voorvoegsel_geslachtsnaam = forms.CharField(
        label=_("Tussenvoegsel"), required=False, max_length=10
    )
    geslachtsnaam = forms.CharField(label=_("Achternaam"), max_length=200)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), required=False, widget=DateInput())
    geslacht = forms.ChoiceField(
        label=_("Geslacht"), choices=Geslacht.choices, initial=Geslacht.ONBEKEND
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    telefoonnummer = forms.CharField(label=_("Telefoonnummer"), required=False, max_length=20)

    field_order = [
        "bsn",
        "voornamen",
        "voorletters",
        "voorvoegsel_geslachtsnaam",
        "geslachtsnaam",
        "geboortedatum",
        "geslacht",
        "email",
        "telefoonnummer",
    ]

    def clean_bsn(self) -> str:
        value = self.cleaned_data["bsn"].replace(" ", "").replace(".", "")
        if value:
            validate_bsn(value)
        return value

    def clean_geboortedatum(self) -> date | None:
        value = self.cleaned_data["geboortedatum"]
        if value and value > timezone.localdate():
            raise ValidationError(_("De geboortedatum ligt in de toekomst."))
        return value

    def gegevens(self) -> dict:
        names = [n for n in self.field_order if n != "geslachtsnaam"]
        return {n: self.cleaned_data[n] for n in names}


class NietNatuurlijkPersoonForm(AdresFieldsMixin):
    soort = PartijSoort.NIET_NATUURLIJK_PERSOON
    adres_soort = AdresSoort.BEZOEKADRES
    statutaire_naam = forms.CharField(label=_("Naam (statutair)"), max_length=400)
    kvk_nummer = forms.CharField(
        label=_("KvK-nummer"),
        required=False,
        max_length=8,
        help_text=_("8 cijfers (Nederland)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    kbo_nummer = forms.CharField(
        label=_("KBO-nummer"),
        required=False,
        max_length=12,
        help_text=_("10 cijfers (België), bijvoorbeeld 0123.456.749."),
    )
    rsin = forms.CharField(
        label=_("RSIN"),
        required=False,
        max_length=9,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    rechtsvorm = forms.ChoiceField(
        label=_("Rechtsvorm"), choices=Rechtsvorm.choices, initial=Rechtsvorm.OVERIG
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    telefoonnummer = forms.CharField(label=_("Telefoonnummer"), required=False, max_length=20)

    field_order = [
        "statutaire_naam",
        "kvk_nummer",
        "kbo_nummer",
        "rsin",
        "rechtsvorm",
        "email",
        "telefoonnummer",
    ]

    def clean_kvk_nummer(self) -> str:
        value = self.cleaned_data["kvk_nummer"].replace(" ", "")
        if value:
            validate_kvk_nummer(value)
        return value

    def clean_kbo_nummer(self) -> str:
        value = self.cleaned_data["kbo_nummer"].strip()
        if value:
            validate_kbo_nummer(value)
        return value

    def clean_rsin(self) -> str:
        value = self.cleaned_data["rsin"].replace(" ", "")
        if value:
            validate_rsin(value)
        return value

    def gegevens(self) -> dict:
        names = [n for n in self.field_order if n != "statutaire_naam"]
        return {n: self.cleaned_data[n] for n in names}
