"""Forms of the archiving and destruction pages (web/views/vernietiging.py): the selection of
due cases, a destruction list, a reason, submitting, reviewing, executing, and a retention term.
Shape only; the rules live in kernel.retention and kernel.catalog.bewaartermijnen."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from raadhuis.kernel.common import Archiefnominatie
from raadhuis.web.forms_basis import DateInput


class SelectieForm(forms.Form):
    zaaktype = forms.ChoiceField(label=gettext_lazy("Zaaktype"), required=False)
    tot = forms.DateField(
        label=gettext_lazy("Archiefactiedatum tot en met"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("Leeg: alle zaken waarvan de archiefactiedatum verstreken is."),
    )

    def __init__(self, *args, keuzes: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zaaktype"].choices = [("", _("Alle zaaktypen"))] + [
            (identificatie, f"{omschrijving} ({identificatie})")
            for identificatie, omschrijving in keuzes
        ]

    def selectie(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"zaaktype_identificatie": data.get("zaaktype") or "", "tot": data.get("tot")}


class LijstForm(forms.Form):
    naam = forms.CharField(label=gettext_lazy("Naam van de lijst"), max_length=200)
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RedenForm(forms.Form):
    reden = forms.CharField(
        label=gettext_lazy("Reden"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class IndienenForm(forms.Form):
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting voor de beoordelaar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BeoordelenForm(forms.Form):
    besluit = forms.ChoiceField(
        choices=[("goedkeuren", "goedkeuren"), ("afwijzen", "afwijzen")],
        error_messages={"required": gettext_lazy("Kies goedkeuren of afwijzen.")},
    )
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Verplicht bij afwijzen: wat moet er anders?"),
    )


class UitvoerenForm(forms.Form):
    # A short label: the screen's checkbox labels stay on one line, even on a phone.
    bevestiging = forms.BooleanField(
        label=gettext_lazy("Ik bevestig de vernietiging"),
        help_text=gettext_lazy(
            "De zaken worden met hun documenten en persoonsgegevens definitief verwijderd."
        ),
        error_messages={"required": gettext_lazy("Bevestig dat je de zaken wilt vernietigen.")},
    )


class BewaartermijnForm(forms.Form):
    archiefnominatie = forms.ChoiceField(
        label=gettext_lazy("Archiefnominatie"), choices=Archiefnominatie.choices
    )
    archiefactietermijn = forms.CharField(
        label=gettext_lazy("Bewaartermijn"),
        max_length=20,
        help_text=gettext_lazy(
            "Als ISO 8601-duur: P7Y is zeven jaar, P18M achttien maanden, P10D tien dagen."
        ),
    )
    reden = forms.CharField(
        label=gettext_lazy("Reden van de wijziging"), widget=forms.Textarea(attrs={"rows": 3})
    )
    bron = forms.CharField(
        label=gettext_lazy("Bron"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Bijvoorbeeld: Selectielijst gemeenten 2020, categorie 1.1.2."),
    )
