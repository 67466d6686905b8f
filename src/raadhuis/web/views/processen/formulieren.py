"""The forms of the process editor: a new process, a step, an automatic action (its
settings built from the kernel's action registry), publishing and import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.workflow import acties as register
from raadhuis.kernel.workflow.models import (
    ActieTrigger,
)

# --- forms -----------------------------------------------------------------------------------


def _status_keuzes(zaaktype: ZaakType | None) -> list[tuple[str, str]]:
    keuzes = [("", _("Geen: de status blijft zoals hij is"))]
    if zaaktype is not None:
        keuzes += [
            (s.omschrijving, f"{s.volgnummer}. {s.omschrijving}")
            for s in zaaktype.statustypen.order_by("volgnummer")
        ]
    return keuzes


class ProcesForm(forms.Form):
    zaaktype = forms.ChoiceField(label=gettext_lazy("Zaaktype"))
    naam = forms.CharField(label=gettext_lazy("Naam van het proces"), max_length=200)
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=50,
        required=False,
        help_text=gettext_lazy(
            "Vaste sleutel voor export en import, bijvoorbeeld shv-msr. Leeg: gemaakt uit de naam."
        ),
    )
    omschrijving = forms.CharField(
        label=gettext_lazy("Omschrijving"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    op_basis_van = forms.ChoiceField(
        label=gettext_lazy("Beginnen vanuit"),
        required=False,
        help_text=gettext_lazy("Neem de stappen en acties over van een bestaand proces."),
    )

    def __init__(self, *args: Any, regels: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zaaktype"].choices = [("", _("Kies een zaaktype"))] + [
            (str(r.zaaktype.uuid), f"{r.zaaktype.omschrijving} ({r.zaaktype.identificatie})")
            for r in regels
            if r.definitie is None
        ]
        self.fields["op_basis_van"].choices = [("", _("Een leeg proces"))] + [
            (str(r.definitie.uuid), r.definitie.naam) for r in regels if r.actieve_versie
        ]


class StapForm(forms.Form):
    naam = forms.CharField(label=gettext_lazy("Naam van de stap"), max_length=100)
    statustype_omschrijving = forms.ChoiceField(
        label=gettext_lazy("Status bij het begin van de stap"), required=False
    )
    doorlooptijd_werkdagen = forms.IntegerField(
        label=gettext_lazy("Standaard doorlooptijd in werkdagen"),
        required=False,
        min_value=0,
        max_value=365,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=gettext_lazy("Toont op de zaak tot wanneer de stap mag duren."),
    )
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting voor de medewerker"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, zaaktype: ZaakType | None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "stap_%s")
        super().__init__(*args, **kwargs)
        self.fields["statustype_omschrijving"].choices = _status_keuzes(zaaktype)


class SoortForm(forms.Form):
    soort = forms.ChoiceField(label=gettext_lazy("Soort actie"))
    trigger = forms.ChoiceField(
        label=gettext_lazy("Wanneer"),
        choices=ActieTrigger.choices,
        initial=ActieTrigger.BIJ_START_STAP,
        widget=forms.RadioSelect,
    )
    werkdagen = forms.IntegerField(
        label=gettext_lazy("Aantal werkdagen in de stap"),
        required=False,
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=gettext_lazy("Alleen bij ‘Na een aantal werkdagen in de stap’."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Kies een soort actie"))] + [
            (s.code, s.label) for s in register.actie_soorten()
        ]


def parameter_velden(
    soort: register.ActieSoort, context: register.KeuzeContext
) -> dict[str, forms.Field]:
    """Form fields for an action kind's parameters, named p_<name>, from its field specs."""
    velden: dict[str, forms.Field] = {}
    for p in soort.parameters:
        gemeen = {"label": p.label, "required": p.verplicht, "help_text": p.hulptekst}
        if p.soort == register.GETAL:
            veld: forms.Field = forms.IntegerField(
                min_value=p.minimum,
                max_value=p.maximum,
                initial=p.standaard,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                **gemeen,
            )
        elif p.soort == register.KEUZE:
            veld = forms.ChoiceField(
                choices=[("", _("Maak een keuze"))] + p.keuzes_voor(context),
                initial=p.standaard,
                **gemeen,
            )
        elif p.soort == register.JA_NEE:
            veld = forms.BooleanField(initial=bool(p.standaard), **{**gemeen, "required": False})
        elif p.soort == register.TEKST_LANG:
            veld = forms.CharField(
                max_length=p.max_lengte,
                initial=p.standaard,
                widget=forms.Textarea(attrs={"rows": 3}),
                **gemeen,
            )
        else:
            veld = forms.CharField(max_length=p.max_lengte, initial=p.standaard, **gemeen)
        velden[f"p_{p.naam}"] = veld
    return velden


class ActieForm(SoortForm):
    """Kind and moment, plus the kind's parameters (added per kind)."""

    def __init__(
        self,
        *args: Any,
        soort: register.ActieSoort | None,
        context: register.KeuzeContext,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "actie_%s")
        super().__init__(*args, **kwargs)
        self.soort = soort
        if soort is not None:
            self.fields.update(parameter_velden(soort, context))
            self.initial.setdefault("soort", soort.code)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("trigger") == ActieTrigger.NA_WERKDAGEN_IN_STAP and not data.get("werkdagen"):
            self.add_error("werkdagen", _("Vul het aantal werkdagen in."))
        return data

    def parameters(self) -> dict[str, Any]:
        if self.soort is None:
            return {}
        return {
            p.naam: self.cleaned_data.get(f"p_{p.naam}")
            for p in self.soort.parameters
            if self.cleaned_data.get(f"p_{p.naam}") not in (None, "")
        }

    def parameter_velden(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if n.startswith("p_")]


class PubliceerForm(forms.Form):
    toelichting = forms.CharField(
        label=gettext_lazy("Wat is er veranderd?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Komt in de versiegeschiedenis."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "publiceer_%s")
        super().__init__(*args, **kwargs)


class ImportForm(forms.Form):
    bestand = forms.FileField(
        label=gettext_lazy("Procesbestand (JSON)"),
        help_text=gettext_lazy("Een bestand dat met ‘Exporteren’ is gemaakt."),
    )
    publiceren = forms.BooleanField(
        label=gettext_lazy("Meteen publiceren (nieuwe zaken krijgen deze versie)"),
        required=False,
        initial=True,
    )
