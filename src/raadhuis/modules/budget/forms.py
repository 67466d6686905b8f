"""Forms of the budget plan screens. They check the shape of the input and hand it to the
services, whose Dutch ValidationErrors are put back on the fields (`service_errors_add`)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.iban import iban_normaliseren
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.parties.selectors import partij_search
from raadhuis.modules.budget.models import (
    Beheerrekening,
    BetaalSoort,
    Frequentie,
    InkomstenSoort,
)
from raadhuis.modules.budget.selectors import beheerrekeningen_actief
from raadhuis.web.forms import DateInput
from raadhuis.web.widgets import ModelChoiceField

IBAN_ATTRS = {"autocomplete": "off", "spellcheck": "false", "inputmode": "text"}
IBAN_HULP = _("Bijvoorbeeld NL91 ABNA 0417 1643 00.")
DAG_HULP = _(
    "Dag van de maand (1 tot en met 31; 31 wordt in korte maanden de laatste dag). "
    "Bij 'per week' de weekdag: 1 = maandag … 7 = zondag."
)


class BedragField(forms.Field):
    """An amount in euros as people type it: '1850', '1.850,00', '1850.5', '€ 142,50'."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, Decimal):
            return value
        tekst = str(value or "").strip().replace("€", "").replace(" ", "")
        if not tekst:
            return None
        if "," in tekst:
            tekst = tekst.replace(".", "").replace(",", ".")
        try:
            bedrag = Decimal(tekst)
        except InvalidOperation as error:
            raise ValidationError(
                _("Vul een bedrag in euro's in, bijvoorbeeld 725,00."), code="bedrag"
            ) from error
        if not bedrag.is_finite() or len(tekst) > 20:
            raise ValidationError(_("Vul een bedrag in euro's in, bijvoorbeeld 725,00."))
        return bedrag


class IbanField(forms.CharField):
    """An IBAN as people type it ('nl91 abna 0417 1643 00'), checked with schwifty and stored
    compact ('NL91ABNA0417164300'); Dutch messages (kernel.iban)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 42)
        kwargs.setdefault("widget", forms.TextInput(attrs=IBAN_ATTRS))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        return iban_normaliseren(super().clean(value))


def _dag_veld() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Dag"),
        min_value=1,
        max_value=31,
        help_text=DAG_HULP,
        error_messages={
            "min_value": _("Kies een dag van 1 tot en met 31."),
            "max_value": _("Kies een dag van 1 tot en met 31."),
            "invalid": _("Vul een dag in als getal."),
        },
    )


class BeheerrekeningChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Beheerrekening) -> str:
        return f"{obj.naam} ({obj.iban})"


class RekeningOpenenForm(forms.Form):
    """Open a budget account. The client is given by BSN, or fixed by the case it starts from."""

    bsn = forms.CharField(
        label=_("BSN van de cliënt"),
        max_length=11,
        required=False,
        help_text=_("De cliënt moet al bij Partijen staan."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    beheerrekening = BeheerrekeningChoiceField(
        label=_("Beheerrekening van de gemeente"), queryset=Beheerrekening.objects.none()
    )
    client_iban = IbanField(
        label=_("Eigen rekening van de cliënt (IBAN)"),
        help_text=_("Hierheen gaat het leefgeld. Bijvoorbeeld NL91 ABNA 0417 1643 00."),
    )
    client_tenaamstelling = forms.CharField(
        label=_("Tenaamstelling van die rekening"), max_length=70
    )
    startdatum = forms.DateField(label=_("Startdatum budgetbeheer"), widget=DateInput())
    saldo_drempel = BedragField(
        label=_("Signaal als het saldo lager wordt dan"),
        required=False,
        initial=Decimal("50.00"),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, actor: Actor, client: Partij | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.client = client
        rekeningen = beheerrekeningen_actief(actor)
        self.fields["beheerrekening"].queryset = rekeningen
        if len(rekeningen) == 1:
            self.fields["beheerrekening"].initial = rekeningen[0]
        if client is not None:
            del self.fields["bsn"]
        else:
            self.fields["bsn"].required = True

    def clean_bsn(self) -> str:
        bsn = self.cleaned_data.get("bsn", "").replace(" ", "").replace(".", "")
        if not (bsn.isdigit() and len(bsn) == 9):
            raise ValidationError(_("Een BSN bestaat uit 9 cijfers."))
        try:
            gevonden = [
                p for p in partij_search(actor=self.actor, zoekterm=bsn) if p.identificatie == bsn
            ]
        except ToegangGeweigerd:
            gevonden = []
        if not gevonden:
            raise ValidationError(
                _("Er is geen cliënt met dit BSN. Registreer de persoon eerst bij Partijen.")
            )
        self.client = gevonden[0]
        return bsn


class RekeningWijzigenForm(forms.Form):
    client_iban = IbanField(
        label=_("Eigen rekening van de cliënt (IBAN)"),
        help_text=_("Hierheen gaat het leefgeld. Bijvoorbeeld NL91 ABNA 0417 1643 00."),
    )
    client_tenaamstelling = forms.CharField(
        label=_("Tenaamstelling van die rekening"), max_length=70
    )
    saldo_drempel = BedragField(label=_("Signaal als het saldo lager wordt dan"))


class InkomstenpostForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort inkomsten"), choices=InkomstenSoort.choices)
    bron = forms.CharField(
        label=_("Betaler"), max_length=140, help_text=_("Bijvoorbeeld de werkgever of het UWV.")
    )
    iban_betaler = IbanField(
        label=_("IBAN van de betaler"),
        required=False,
        help_text=_("Helpt om de betaling op het bankafschrift te herkennen."),
    )
    kenmerk = forms.CharField(
        label=_("Kenmerk of omschrijving op de betaling"), max_length=140, required=False
    )
    bedrag = BedragField(label=_("Bedrag"))
    frequentie = forms.ChoiceField(
        label=_("Frequentie"), choices=Frequentie.choices, initial=Frequentie.MAAND
    )
    dag = _dag_veld()
    startdatum = forms.DateField(label=_("Vanaf"), widget=DateInput())
    einddatum = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())


class BetaalpostForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort betaling"),
        choices=[(k, v) for k, v in BetaalSoort.choices if k != BetaalSoort.LEEFGELD],
    )
    begunstigde = forms.CharField(label=_("Begunstigde"), max_length=70)
    iban = IbanField(label=_("IBAN van de begunstigde"), help_text=IBAN_HULP)
    betalingskenmerk = forms.CharField(
        label=_("Betalingskenmerk"),
        max_length=35,
        required=False,
        help_text=_("Het kenmerk van de acceptgiro of factuur. Of vul een omschrijving in."),
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        max_length=140,
        required=False,
        help_text=_("Bijvoorbeeld het klantnummer, als er geen betalingskenmerk is."),
    )
    bedrag = BedragField(label=_("Bedrag"))
    frequentie = forms.ChoiceField(
        label=_("Frequentie"), choices=Frequentie.choices, initial=Frequentie.MAAND
    )
    dag = _dag_veld()
    startdatum = forms.DateField(label=_("Vanaf"), widget=DateInput())
    einddatum = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())


class LeefgeldForm(forms.Form):
    bedrag = BedragField(label=_("Bedrag leefgeld"))
    frequentie = forms.ChoiceField(
        label=_("Frequentie"),
        choices=[
            (Frequentie.WEEK, Frequentie.WEEK.label),
            (Frequentie.MAAND, Frequentie.MAAND.label),
        ],
        initial=Frequentie.WEEK,
    )
    dag = _dag_veld()
    startdatum = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())


class ReserveringForm(forms.Form):
    omschrijving = forms.CharField(
        label=_("Waarvoor"), max_length=140, help_text=_("Bijvoorbeeld de jaarafrekening energie.")
    )
    bedrag_per_maand = BedragField(label=_("Bedrag per maand"))
    doelbedrag = BedragField(label=_("Doelbedrag"), required=False)
    dag = forms.IntegerField(
        label=_("Reserveren op dag"),
        min_value=1,
        max_value=31,
        initial=1,
        error_messages={
            "min_value": _("Kies een dag van 1 tot en met 31."),
            "max_value": _("Kies een dag van 1 tot en met 31."),
        },
    )


class VerwijderForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Reden"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
