"""Forms of the settlement screens: they check the shape of the input and hand it to a service,
whose ValidationErrors go back on the fields (raadhuis.web.forms.service_errors_add)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from raadhuis.modules.shv.regeling.models import (
    Reactie,
    RegelingInstellingen,
    RegelingMaand,
    VerzoekSoort,
    VerzoekStatus,
)
from raadhuis.web.forms import DateInput

TOELICHTING = {"rows": 3}


class AanbodForm(forms.Form):
    looptijd_maanden = forms.TypedChoiceField(label=_("Looptijd"), coerce=int)
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs=TOELICHTING),
    )

    def __init__(self, *args, looptijden: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["looptijd_maanden"].choices = [
            (n, _("%(n)s maanden") % {"n": n}) for n in looptijden
        ]
        if len(looptijden) > 1:
            self.fields["looptijd_maanden"].help_text = _(
                "De cliënt is (ex-)ondernemer: een langere looptijd is mogelijk."
            )


class ReactieForm(forms.Form):
    reactie = forms.ChoiceField(
        label=_("Reactie"),
        choices=[
            (Reactie.AKKOORD, Reactie.AKKOORD.label),
            (Reactie.AFGEWEZEN, Reactie.AFGEWEZEN.label),
        ],
    )
    datum = forms.DateField(label=_("Ontvangen op"), widget=DateInput())
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=1000)


class MisluktForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Waarom stopt het minnelijk traject?"),
        max_length=1000,
        widget=forms.Textarea(attrs=TOELICHTING),
    )


class VerzoekForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort verzoek"), choices=VerzoekSoort.choices)
    toelichting = forms.CharField(
        label=_("Toelichting voor de rechtbank"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=TOELICHTING),
    )


class VerzoekStatusForm(forms.Form):
    actie = forms.ChoiceField(
        label=_("Wat is er gebeurd?"),
        choices=[
            ("indienen", _("Ingediend bij de rechtbank")),
            ("toegewezen", _("Toegewezen door de rechtbank")),
            ("afgewezen", _("Afgewezen door de rechtbank")),
        ],
    )
    datum = forms.DateField(label=_("Datum"), widget=DateInput())
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=1000)

    def __init__(self, *args, status: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        stap = ["indienen"] if status == VerzoekStatus.CONCEPT else ["toegewezen", "afgewezen"]
        self.fields["actie"].choices = [c for c in self.fields["actie"].choices if c[0] in stap]


class OntvangstForm(forms.Form):
    maand = forms.TypedChoiceField(label=_("Maand"), coerce=int)
    bedrag = forms.DecimalField(
        label=_("Bedrag (€)"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        localize=True,
    )
    datum = forms.DateField(label=_("Ontvangen op"), widget=DateInput())
    omschrijving = forms.CharField(label=_("Omschrijving"), required=False, max_length=200)

    def __init__(self, *args, maanden: list[RegelingMaand], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["maand"].choices = [
            (m.volgnummer, f"{m.volgnummer}. {m.maand:%m-%Y}") for m in maanden
        ]


class AfsluitenForm(forms.Form):
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=1000)


class InstellingenForm(forms.ModelForm):
    class Meta:
        model = RegelingInstellingen
        fields = [
            "preferent_weging",
            "looptijd_maanden",
            "looptijd_ondernemer_maanden",
            "fase_termijn_dagen",
            "waarschuwing_werkdagen",
        ]
        localized_fields = ["preferent_weging"]
