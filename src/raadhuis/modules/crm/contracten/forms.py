"""Forms of the contract screens: they check the shape of the input and hand it to the services,
whose Dutch ValidationErrors go back on the fields (web.forms.service_errors_add)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.modules.crm.contracten.models import TermijnEenheid, Verlenging
from raadhuis.modules.crm.contracten.selectors import Contractfilter
from raadhuis.modules.crm.contracten.termijnen import ContractStatus
from raadhuis.modules.crm.forms import BedragField, eigenaar_keuzes, organisatie_afdelingen
from raadhuis.modules.crm.sjablonen import forms as sjabloonforms
from raadhuis.web.forms import DateInput, MedewerkerChoiceField
from raadhuis.web.widgets import ModelChoiceField

BINNEN_KEUZES = [
    ("", _("— alle —")),
    ("30", _("binnen 30 dagen")),
    ("90", _("binnen 90 dagen")),
    ("180", _("binnen 180 dagen")),
    ("365", _("binnen een jaar")),
]


class ContractFilterForm(forms.Form):
    zoek = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Relatie, contractnummer of onderwerp."),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("— alle —")), *ContractStatus.choices]
    )
    binnen = forms.ChoiceField(
        label=_("Eindigt of opzeggen"),
        required=False,
        choices=BINNEN_KEUZES,
        help_text=_("Einde van de looptijd, of de opzegdatum bij stilzwijgende verlenging."),
    )
    afdeling = ModelChoiceField(
        label=_("Afdeling"), required=False, queryset=None, empty_label=_("— alle —")
    )  # type: ignore[arg-type]
    mijn = forms.BooleanField(label=_("Alleen contracten waarvan ik eigenaar ben"), required=False)
    social_return = forms.BooleanField(label=_("Alleen met Social Return"), required=False)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["afdeling"].queryset = organisatie_afdelingen(actor)

    def filters(self) -> Contractfilter:
        if not self.is_bound or not self.is_valid():
            return Contractfilter()
        data = self.cleaned_data
        return Contractfilter(
            zoekterm=data.get("zoek") or "",
            status=data.get("status") or "",
            eindigt_binnen_dagen=int(data["binnen"]) if data.get("binnen") else None,
            afdeling_id=data["afdeling"].pk if data.get("afdeling") else None,
            alleen_eigen=bool(data.get("mijn")),
            met_social_return=bool(data.get("social_return")),
        )


class RelatieZoekForm(forms.Form):
    zoek = forms.CharField(
        label=_("Relatie zoeken"),
        max_length=100,
        min_length=2,
        help_text=_("Naam, KvK-nummer of postcode met huisnummer."),
    )


class ContractForm(forms.Form):
    kenmerk = forms.CharField(
        label=_("Contractnummer"),
        required=False,
        max_length=40,
        help_text=_("Leeg: Raadhuis geeft het volgende nummer (CON-jaar-nummer)."),
    )
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=200)
    omschrijving = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    waarde = BedragField(
        label=_("Waarde (€)"), min_value=0, max_digits=14, decimal_places=2, localize=True
    )
    startdatum = forms.DateField(label=_("Startdatum"), widget=DateInput)
    einddatum = forms.DateField(
        label=_("Einddatum"),
        required=False,
        widget=DateInput,
        help_text=_(
            "Leeg: voor onbepaalde tijd. Bij stilzwijgende verlenging: het einde van de "
            "eerste looptijd."
        ),
    )
    opzegtermijn = forms.IntegerField(
        label=_("Opzegtermijn"), min_value=0, max_value=999, initial=0
    )
    opzegtermijn_eenheid = forms.ChoiceField(
        label=_("Eenheid opzegtermijn"), choices=TermijnEenheid.choices
    )
    verlenging = forms.ChoiceField(label=_("Verlenging"), choices=Verlenging.choices)
    verlengingsperiode_maanden = forms.IntegerField(
        label=_("Verlengingsperiode (maanden)"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("Alleen bij stilzwijgende verlenging."),
    )
    afdeling = ModelChoiceField(
        label=_("Afdeling"), required=False, queryset=None, empty_label=_("— kies —")
    )  # type: ignore[arg-type]
    signaal_dagen_voor_einde = forms.IntegerField(
        label=_("Signaal voor het einde (dagen)"), min_value=0, max_value=730, initial=90
    )
    signaal_dagen_voor_opzegging = forms.IntegerField(
        label=_("Signaal voor de uiterste opzegdatum (dagen)"),
        min_value=0,
        max_value=730,
        initial=30,
    )
    sr_uren_toegezegd = forms.DecimalField(
        label=_("Social Return: toegezegde uren"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=1,
        localize=True,
    )
    sr_bedrag_toegezegd = BedragField(
        label=_("Social Return: toegezegd bedrag (€)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        localize=True,
    )
    sr_omschrijving = forms.CharField(
        label=_("Social Return: afspraken"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["afdeling"].queryset = organisatie_afdelingen(actor)
        self.fields["eigenaar"] = MedewerkerChoiceField(
            label=_("Contracteigenaar"),
            required=False,
            queryset=eigenaar_keuzes(actor),
            empty_label=_("— kies —"),
            help_text=_("Krijgt de signalen als taak en e-mail. Zonder eigenaar: de afdeling."),
        )
        # Keep the owner next to the department in the form's order.
        volgorde = list(self.fields)
        volgorde.remove("eigenaar")
        volgorde.insert(volgorde.index("afdeling"), "eigenaar")
        self.order_fields(volgorde)

    def service_velden(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data.get("verlenging") != Verlenging.AUTOMATISCH:
            data["verlengingsperiode_maanden"] = None
        return data


class OpzeggenForm(forms.Form):
    datum = forms.DateField(label=_("Opgezegd op"), widget=DateInput)
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RealisatieForm(forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DateInput)
    uren = forms.DecimalField(
        label=_("Uren"), required=False, min_value=0, max_digits=10, decimal_places=1, localize=True
    )
    bedrag = BedragField(
        label=_("Bedrag (€)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        localize=True,
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        max_length=300,
        help_text=_("Bijvoorbeeld: 2 leerwerkplekken in het 1e kwartaal."),
    )


class IndicatorForm(forms.Form):
    naam = forms.CharField(
        label=_("Indicator"), max_length=200, help_text=_("Bijvoorbeeld: CO2-uitstoot (ton).")
    )
    doel = forms.CharField(label=_("Doel"), max_length=200, required=False)
    gerealiseerd = forms.CharField(label=_("Gerealiseerd"), max_length=200, required=False)
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BibliotheekBriefForm(sjabloonforms.BibliotheekBriefForm):
    """A letter from the template library to the contract party: which one, how, own text."""

    reden_hulp = _("Voor de historie van het contract.")
