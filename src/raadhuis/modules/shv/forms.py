"""Forms of the debt-assistance screens. They check the shape of the input and hand it to the
services, whose Dutch ValidationErrors go back on the fields (web.forms.service_errors_add)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.models import ResultaatType, ZaakType
from raadhuis.kernel.catalog.selectors import zaaktypen_bruikbaar
from raadhuis.kernel.iban import iban_normaliseren
from raadhuis.kernel.validators import validate_bsn, validate_kvk_nummer, validate_postcode_nl
from raadhuis.modules.shv.catalogus import SHV_ZAAKTYPEN, traject_van
from raadhuis.modules.shv.models import (
    BezittingSoort,
    Dreiging,
    Fase,
    InkomenSoort,
    LastSoort,
    Rangorde,
    Schuld,
    Schuldeiser,
    SchuldStatus,
    ShvDossier,
)
from raadhuis.web.forms import DateInput
from raadhuis.web.widgets import ModelChoiceField

_DUIZENDTALLEN = re.compile(r"^\d{1,3}(\.\d{3})+$")


def _tekstvak(label: str, *, max_length: int, rows: int, help_text: str = "") -> forms.CharField:
    """An optional multi-line text (a report, a reason), as the dossier forms ask for it."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class BedragField(forms.CharField):
    """A euro amount as people type it: '1.234,56', '1234,56', '1234.56' or '€ 85'."""

    default_error_messages = {"invalid": _("Vul een bedrag in, bijvoorbeeld 1.234,56.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # No max_length validator: it would measure the Decimal, not the text typed.
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": 20})

    def to_python(self, value: Any) -> Decimal | None:  # noqa: ANN401 - form input
        text = str(super().to_python(value) or "").replace("€", "").replace(" ", "")
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif _DUIZENDTALLEN.match(text):
            text = text.replace(".", "")
        try:
            bedrag = Decimal(text)
        except InvalidOperation as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if not bedrag.is_finite() or bedrag.as_tuple().exponent < -2:
            raise ValidationError(
                _("Een bedrag heeft hoogstens twee cijfers achter de komma."), code="invalid"
            )
        if bedrag < 0:
            raise ValidationError(_("Een bedrag kan niet negatief zijn."), code="min_value")
        if bedrag >= Decimal("10000000000"):
            raise ValidationError(_("Dit bedrag is te groot."), code="max_value")
        return bedrag.quantize(Decimal("0.01"))


def shv_zaaktypen(actor: Actor) -> Any:
    """The published debt tracks this consultant may start (valid today)."""
    return zaaktypen_bruikbaar(actor=actor).filter(identificatie__in=SHV_ZAAKTYPEN)


class TrajectChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: ZaakType) -> str:
        return obj.omschrijving


# --- intake ---------------------------------------------------------------------------------


class BrpZoekForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN van de aanvrager"),
        max_length=11,
        help_text=_("Negen cijfers. De gegevens en het huishouden komen uit de BRP."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_bsn(self) -> str:
        bsn = self.cleaned_data["bsn"].replace(" ", "").replace(".", "")
        validate_bsn(bsn)
        return bsn


class AanmeldingForm(forms.Form):
    bsn = forms.CharField(widget=forms.HiddenInput, max_length=9)
    zaaktype = TrajectChoiceField(
        label=_("Traject"),
        queryset=ZaakType.objects.none(),
        empty_label=_("Kies een traject"),
    )
    aanmeldingsdatum = forms.DateField(
        label=_("Datum van de hulpvraag"),
        widget=DateInput(),
        help_text=_("De termijnen van de Wgs tellen vanaf deze datum."),
    )
    dreiging = forms.ChoiceField(
        label=_("Dreiging"),
        required=False,
        choices=Dreiging.choices,
        help_text=_(
            "Bij een dreigende huisuitzetting, afsluiting van energie of water of beëindiging "
            "van de zorgverzekering volgt het eerste gesprek binnen 3 werkdagen."
        ),
    )
    ondernemer = forms.BooleanField(
        label=_("De aanvrager is zelfstandig ondernemer"), required=False
    )
    toelichting = _tekstvak(label=_("Hulpvraag"), max_length=2000, rows=3)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zaaktype"].queryset = shv_zaaktypen(actor).order_by("omschrijving")


class EersteGesprekForm(forms.Form):
    datum = forms.DateField(label=_("Datum van het eerste gesprek"), widget=DateInput())
    verslag = _tekstvak(label=_("Verslag"), max_length=5000, rows=4)


class ToelatingForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("toegelaten", _("Toegelaten")), ("afgewezen", _("Afgewezen"))],
        widget=forms.RadioSelect,
    )
    datum = forms.DateField(label=_("Datum van de beschikking"), widget=DateInput())
    motivering = _tekstvak(
        label=_("Motivering"),
        max_length=5000,
        rows=4,
        help_text=_("Verplicht bij een afwijzing."),
    )


class FaseForm(forms.Form):
    fase = forms.ChoiceField(label=_("Nieuwe fase"))
    toelichting = _tekstvak(
        label=_("Toelichting"),
        max_length=1000,
        rows=2,
        help_text=_("Verplicht als het dossier teruggaat naar een eerdere fase."),
    )

    def __init__(self, *args: Any, dossier: ShvDossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        traject = traject_van(dossier.zaak.zaaktype)
        codes = traject.fase_codes if traject else ()
        self.fields["fase"].choices = [
            (code, Fase(code).label)
            for code in codes
            if code not in (Fase.AFGESLOTEN, dossier.fase_actueel)
        ]


class AfsluitenForm(forms.Form):
    resultaattype = ModelChoiceField(
        label=_("Resultaat"), queryset=ResultaatType.objects.none(), empty_label=_("Kies")
    )
    toelichting = _tekstvak(label=_("Toelichting"), max_length=1000, rows=2)

    def __init__(self, *args: Any, dossier: ShvDossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resultaattype"].queryset = ResultaatType.objects.filter(
            zaaktype=dossier.zaak.zaaktype
        ).order_by("id")


# --- income, fixed costs, assets ------------------------------------------------------------


class InkomenForm(forms.Form):
    prefix = "inkomen"
    soort = forms.ChoiceField(label=_("Soort"), choices=InkomenSoort.choices)
    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=200)
    bedrag_per_maand = BedragField(label=_("Netto per maand (€)"))
    van_partner = forms.BooleanField(label=_("Inkomen van de partner"), required=False)


class VasteLastForm(forms.Form):
    prefix = "last"
    soort = forms.ChoiceField(label=_("Soort"), choices=LastSoort.choices)
    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=200)
    bedrag_per_maand = BedragField(label=_("Per maand (€)"))


class BezittingForm(forms.Form):
    prefix = "bezitting"
    soort = forms.ChoiceField(label=_("Soort"), choices=BezittingSoort.choices)
    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=200)
    waarde = BedragField(label=_("Waarde (€)"))


FINANCIEN_FORMS: dict[str, type[forms.Form]] = {
    "inkomsten": InkomenForm,
    "vaste-lasten": VasteLastForm,
    "bezittingen": BezittingForm,
}


# --- creditors ------------------------------------------------------------------------------


class SchuldeiserForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=400)
    kvk_nummer = forms.CharField(
        label=_("KvK-nummer"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    iban = forms.CharField(
        label=_("IBAN"),
        required=False,
        max_length=42,
        help_text=_("Bijvoorbeeld NL91 ABNA 0417 1643 00."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    rangorde = forms.ChoiceField(
        label=_("Rangorde"), choices=Rangorde.choices, initial=Rangorde.CONCURRENT
    )
    email_correspondentie = forms.EmailField(
        label=_("E-mailadres voor correspondentie"),
        required=False,
        help_text=_("Brieven gaan per e-mail naar dit adres; zonder adres per post."),
    )
    straatnaam = forms.CharField(label=_("Straat"), required=False, max_length=200)
    huisnummer = forms.IntegerField(label=_("Huisnummer"), required=False, min_value=1)
    huisletter = forms.CharField(label=_("Huisletter"), required=False, max_length=1)
    huisnummertoevoeging = forms.CharField(label=_("Toevoeging"), required=False, max_length=4)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    woonplaats = forms.CharField(label=_("Plaats"), required=False, max_length=80)
    actief = forms.BooleanField(label=_("Actief (kiesbaar in dossiers)"), required=False)

    ADRES = (
        "straatnaam",
        "huisnummer",
        "huisletter",
        "huisnummertoevoeging",
        "postcode",
        "woonplaats",
    )

    def __init__(self, *args: Any, bewerken: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not bewerken:
            del self.fields["actief"]

    def clean_kvk_nummer(self) -> str:
        kvk = self.cleaned_data["kvk_nummer"].replace(" ", "")
        if kvk:
            validate_kvk_nummer(kvk)
        return kvk

    def clean_iban(self) -> str:
        return iban_normaliseren(self.cleaned_data["iban"])

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].replace(" ", "").upper()
        if postcode:
            validate_postcode_nl(postcode)
        return postcode

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        ingevuld = [n for n in self.ADRES if data.get(n) not in (None, "")]
        if ingevuld:
            for verplicht in ("straatnaam", "huisnummer", "postcode", "woonplaats"):
                if data.get(verplicht) in (None, "") and verplicht not in self.errors:
                    self.add_error(verplicht, _("Vul het hele adres in, of laat het leeg."))
        return data

    def adres(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not any(data.get(n) not in (None, "") for n in self.ADRES):
            return None
        return {n: data.get(n) for n in self.ADRES}


class SchuldeiserZoekForm(forms.Form):
    zoek = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Naam of KvK-nummer."),
    )


# --- debts ----------------------------------------------------------------------------------


class SchuldeiserChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Schuldeiser) -> str:
        return obj.partij.weergavenaam


class SchuldeisersMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Schuldeiser) -> str:
        return obj.partij.weergavenaam


class SchuldenOpvragenForm(forms.Form):
    schuldeisers = SchuldeisersMultipleField(
        label=_("Schuldeisers"),
        queryset=Schuldeiser.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Elke gekozen schuldeiser krijgt de brief ‘verzoek tot opgave’."),
        error_messages={"required": _("Kies minstens één schuldeiser.")},
    )

    def __init__(self, *args: Any, schuldeisers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["schuldeisers"].queryset = schuldeisers


class SchuldForm(forms.Form):
    schuldeiser = SchuldeiserChoiceField(
        label=_("Schuldeiser"), queryset=Schuldeiser.objects.none(), empty_label=_("Kies")
    )
    kenmerk = forms.CharField(label=_("Kenmerk schuldeiser"), required=False, max_length=100)
    oorspronkelijk_bedrag = BedragField(label=_("Oorspronkelijk bedrag (€)"), required=False)
    actueel_bedrag = BedragField(label=_("Actueel bedrag (€)"), required=False)
    toelichting = _tekstvak(label=_("Toelichting"), max_length=2000, rows=2)

    def __init__(self, *args: Any, schuldeisers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["schuldeiser"].queryset = schuldeisers


class OpgaveForm(forms.Form):
    prefix = "opgave"
    actueel_bedrag = BedragField(label=_("Actueel bedrag (€)"))
    oorspronkelijk_bedrag = BedragField(label=_("Oorspronkelijk bedrag (€)"), required=False)
    kenmerk = forms.CharField(label=_("Kenmerk schuldeiser"), required=False, max_length=100)
    ontvangen_op = forms.DateField(
        label=_("Opgave ontvangen op"), required=False, widget=DateInput()
    )
    toelichting = _tekstvak(label=_("Toelichting"), max_length=2000, rows=2)


class SchuldStatusForm(forms.Form):
    prefix = "status"
    status = forms.ChoiceField(label=_("Nieuwe status"))
    toelichting = _tekstvak(
        label=_("Toelichting"),
        max_length=2000,
        rows=2,
        help_text=_("Verplicht als de schuld betwist wordt."),
    )

    def __init__(self, *args: Any, schuld: Schuld, keuzes: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = keuzes


class SchuldWijzigForm(forms.Form):
    prefix = "wijzig"
    kenmerk = forms.CharField(label=_("Kenmerk schuldeiser"), required=False, max_length=100)
    oorspronkelijk_bedrag = BedragField(label=_("Oorspronkelijk bedrag (€)"), required=False)
    actueel_bedrag = BedragField(label=_("Actueel bedrag (€)"), required=False)
    toelichting = _tekstvak(label=_("Toelichting"), max_length=2000, rows=2)


class CaseloadFilterForm(forms.Form):
    fase = forms.ChoiceField(label=_("Fase"), required=False)
    traject = forms.ChoiceField(label=_("Traject"), required=False)
    alle = forms.BooleanField(label=_("Ook dossiers van collega's"), required=False)

    def __init__(self, *args: Any, trajecten: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fase"].choices = [("", _("Alle open fasen")), *Fase.choices]
        self.fields["traject"].choices = [("", _("Alle trajecten")), *trajecten]

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "fase": data.get("fase", ""),
            "traject": data.get("traject", ""),
            "alleen_eigen": not data.get("alle", False),
        }


SCHULD_STATUS_LABELS = dict(SchuldStatus.choices)
