"""Forms of the migration screen: upload and the column mapping."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raadhuis.modules.crm.migratie.lezen import VELDEN
from raadhuis.modules.crm.migratie.soorten import zonder_naam_toegestaan


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label=_("Export"),
        help_text=_("Een Excel-werkmap (.xlsx, het eerste werkblad) of een CSV-bestand."),
    )
    afdeling = forms.ModelChoiceField(
        label=_("Afdeling"),
        queryset=None,
        help_text=_("De afdeling die de nieuwe relaties gaat beheren."),
    )

    def __init__(self, *args: Any, afdelingen: list | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from raadhuis.kernel.organisations.models import OrganisatorischeEenheid

        ids = [a.pk for a in afdelingen or []]
        self.fields["afdeling"].queryset = OrganisatorischeEenheid.objects.filter(
            pk__in=ids
        ).order_by("naam")
        if len(ids) == 1:
            self.fields["afdeling"].initial = ids[0]

    def clean_bestand(self):  # noqa: ANN201 - an UploadedFile
        bestand = self.cleaned_data["bestand"]
        if not bestand.name.lower().endswith((".xlsx", ".csv", ".txt")):
            raise forms.ValidationError(_("Kies een .xlsx- of .csv-bestand."))
        return bestand


class MappingForm(forms.Form):
    """One choice per target field: which column of the file holds it."""

    def __init__(self, *args: Any, koppen: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keuzes = [("", _("— niet inlezen —")), *[(k, k) for k in koppen]]
        for veld, label in VELDEN.items():
            self.fields[veld] = forms.ChoiceField(label=_(label), choices=keuzes, required=False)

    def clean(self) -> dict[str, Any]:
        schoon = super().clean()
        # The name is required, unless a kind (contracts) names its relation by KvK or e-mail.
        if not schoon.get("naam") and not zonder_naam_toegestaan(self.mapping()):
            self.add_error(
                "naam",
                _(
                    "Koppel een kolom aan de naam. Alleen een bestand met contracten mag de "
                    "relatie in plaats daarvan aanwijzen met het KvK-nummer of e-mailadres."
                ),
            )
        return schoon

    def mapping(self) -> dict[str, str]:
        return {veld: kop for veld, kop in self.cleaned_data.items() if kop}
