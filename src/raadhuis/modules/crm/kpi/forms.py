"""Forms of the KPI screens: the period/department filter, the survey invitation, and the
public survey."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from raadhuis.modules.crm.kpi.selectors import Periode, standaard_periode
from raadhuis.web.forms import DateInput

MAX_PERIODE_DAGEN = 3 * 366


class KpiFilterForm(forms.Form):
    van = forms.DateField(label=_("Van"), required=False, widget=DateInput)
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput)
    afdeling = forms.TypedChoiceField(
        label=_("Afdeling"), required=False, coerce=int, empty_value=None
    )
    relatie = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, afdelingen=(), tijdzone: str = "Europe/Amsterdam", **kwargs) -> None:  # noqa: ANN001
        super().__init__(*args, **kwargs)
        self.tijdzone = tijdzone
        self.fields["afdeling"].choices = [("", _("Alle afdelingen"))] + [
            (a.pk, a.naam) for a in afdelingen
        ]

    def clean(self) -> dict:
        data = super().clean()
        standaard = standaard_periode(self.tijdzone)
        van = data.get("van") or standaard.van
        tot = data.get("tot") or standaard.tot
        if van > tot:
            self.add_error("tot", _("De einddatum ligt voor de begindatum."))
        elif tot - van > timedelta(days=MAX_PERIODE_DAGEN):
            self.add_error("van", _("Kies een periode van ten hoogste drie jaar."))
        data["periode"] = Periode(van=van, tot=tot)
        return data

    def periode(self) -> Periode:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["periode"]
        return standaard_periode(self.tijdzone)

    def afdeling_id(self) -> int | None:
        return self.cleaned_data.get("afdeling") if self.is_bound and self.is_valid() else None

    def relatie_uuid(self):  # noqa: ANN201 - a UUID or None
        return self.cleaned_data.get("relatie") if self.is_bound and self.is_valid() else None


class MetingForm(forms.Form):
    referentie = forms.CharField(
        label=_("Nummer van het klantcontact of de klacht"),
        help_text=_("Bijvoorbeeld KC26000123 of het zaaknummer van een afgehandelde klacht."),
        max_length=40,
    )


SCORES = [
    (5, _("5 - Zeer tevreden")),
    (4, _("4 - Tevreden")),
    (3, _("3 - Neutraal")),
    (2, _("2 - Ontevreden")),
    (1, _("1 - Zeer ontevreden")),
]


class EnqueteForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Hoe tevreden bent u over ons contact?"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een score.")},
    )
    opmerking = forms.CharField(
        label=_("Wilt u nog iets toelichten?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
