"""Forms of the links' screens: thin, Dutch labels and errors; the rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from raadhuis.modules.shv.koppelingen.models import SignaalBron, SignaalStatus

MAX_BESTAND = 20 * 1024 * 1024


class SignaalFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("Open (nieuw en in behandeling)")), ("", _("Alle"))]
        + list(SignaalStatus.choices),
    )
    bron = forms.ChoiceField(
        label=_("Bron"), required=False, choices=[("", _("Alle bronnen"))] + SignaalBron.choices
    )

    def filters(self) -> dict[str, str]:
        if self.is_bound and self.is_valid():
            return {"status": self.cleaned_data["status"], "bron": self.cleaned_data["bron"]}
        return {"status": "open", "bron": ""}


class SignaalOmzettenForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN van de bewoner"),
        max_length=11,
        help_text=_("Uit het signaal, of zelf opgezocht in de BRP."),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SignaalAfsluitenForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[
            (SignaalStatus.AFGEWEZEN, _("Afgewezen: geen hulp nodig of gewenst")),
            (SignaalStatus.GEEN_CONTACT, _("Geen contact gekregen")),
        ],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))


class BestandForm(forms.Form):
    bestand = forms.FileField(label=_("Bestand"))
    proef = forms.BooleanField(
        label=_("Alleen controleren (proefimport, er wordt niets opgeslagen)"), required=False
    )

    def clean_bestand(self):  # noqa: ANN201 - an UploadedFile
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_BESTAND:
            raise forms.ValidationError(_("Het bestand is groter dan 20 MB."))
        return bestand


class SignalenImportForm(BestandForm):
    bestand = forms.FileField(
        label=_("Bestand met signalen"), help_text=_("CSV of JSON, zie de handleiding.")
    )


class MigratieUploadForm(forms.Form):
    bestand = forms.FileField(
        label=_("Export van het vorige systeem"),
        help_text=_("Excel-werkmap (.xlsx) of ZIP met CSV-bestanden en documenten."),
    )
    behandelaar = forms.ModelChoiceField(
        label=_("Standaard behandelaar"),
        queryset=None,
        required=False,
        help_text=_("Voor dossiers zonder behandelaar in de export."),
    )

    def __init__(self, *args, behandelaars=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["behandelaar"].queryset = behandelaars

    def clean_bestand(self):  # noqa: ANN201 - an UploadedFile
        bestand = self.cleaned_data["bestand"]
        if not bestand.name.lower().endswith((".xlsx", ".zip", ".csv")):
            raise forms.ValidationError(_("Kies een .xlsx-, .zip- of .csv-bestand."))
        if bestand.size > 200 * 1024 * 1024:
            raise forms.ValidationError(_("Het bestand is groter dan 200 MB."))
        return bestand
