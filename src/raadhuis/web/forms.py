"""Forms of the staff UI. They check the shape of the input (required, length, format) and turn
it into the arguments of a kernel service; the rules themselves live in the services, whose
ValidationErrors are put back on the form field by field (`service_errors_add`).

The forms are grouped by page: forms_basis.py (what every form uses), forms_zaken.py (cases),
forms_partijen.py (parties), the audit search here, and forms_applicaties.py (API clients).
Everything stays importable from this module.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from raadhuis.web.forms_basis import (
    DateInput,
    MedewerkerChoiceField,
    behandelaars,
    form_status,
    service_errors_add,
)
from raadhuis.web.forms_partijen import (
    AdresFieldsMixin,
    NatuurlijkPersoonForm,
    NietNatuurlijkPersoonForm,
    PartijZoekForm,
)
from raadhuis.web.forms_zaken import (
    DocumentForm,
    DocumentVersieForm,
    EigenschapTypeChoiceField,
    TaakForm,
    ZaakCreateForm,
    ZaakEigenschapForm,
    ZaakFilterForm,
    ZaakStatusForm,
)

__all__ = [
    "AdresFieldsMixin",
    "AuditZoekForm",
    "DateInput",
    "DocumentForm",
    "DocumentVersieForm",
    "EigenschapTypeChoiceField",
    "MedewerkerChoiceField",
    "NatuurlijkPersoonForm",
    "NietNatuurlijkPersoonForm",
    "PartijZoekForm",
    "PeriodeMixin",
    "TaakForm",
    "VerwerkingZoekForm",
    "ZaakCreateForm",
    "ZaakEigenschapForm",
    "ZaakFilterForm",
    "ZaakStatusForm",
    "behandelaars",
    "form_status",
    "service_errors_add",
]


# --- audit ----------------------------------------------------------------------------------


class PeriodeMixin(forms.Form):
    vanaf = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    tot_en_met = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    def clean(self) -> dict:
        data = super().clean()
        vanaf, tot = data.get("vanaf"), data.get("tot_en_met")
        if vanaf and tot and tot < vanaf:
            self.add_error("tot_en_met", _("Deze datum ligt voor de begindatum."))
        return data


class AuditZoekForm(PeriodeMixin):
    wie = forms.CharField(label=_("Wie"), required=False, max_length=200)
    actie = forms.ChoiceField(label=_("Actie"), required=False)
    zoekterm = forms.CharField(
        label=_("Zoekterm"),
        required=False,
        max_length=200,
        help_text=_("Zoekt in het object en in de toelichting."),
    )
    field_order = ["wie", "actie", "zoekterm", "vanaf", "tot_en_met"]

    def __init__(self, *args, acties: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from raadhuis.web.templatetags.rh import actie_label_text

        self.fields["actie"].choices = [("", _("Alle acties"))] + [
            (a, actie_label_text(a)) for a in acties
        ]


class VerwerkingZoekForm(PeriodeMixin):
    wie = forms.CharField(label=_("Wie"), required=False, max_length=200)
    betrokkene = forms.CharField(
        label=_("Betrokkene"), required=False, max_length=200, help_text=_("Naam van de persoon.")
    )
    zaak = forms.CharField(
        label=_("Zaak"), required=False, max_length=40, help_text=_("Zaaknummer (begin).")
    )
    field_order = ["wie", "betrokkene", "zaak", "vanaf", "tot_en_met"]
