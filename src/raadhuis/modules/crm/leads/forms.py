"""Forms of the lead screens: they check the shape of the input and hand it to the services,
whose Dutch ValidationErrors go back on the fields (web.forms.service_errors_add)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.messaging.models import BriefSjabloon
from raadhuis.kernel.organisations.models import Medewerker
from raadhuis.modules.crm.forms import BedragField, eigenaar_keuzes, organisatie_afdelingen
from raadhuis.modules.crm.leads.models import Fase, FaseSoort, LeadBron, Pipeline
from raadhuis.modules.crm.leads.selectors import Leadfilter
from raadhuis.modules.crm.leads.services import FaseSpec
from raadhuis.web.forms import DateInput
from raadhuis.web.widgets import ModelChoiceField

ZONDER_CONTACT_KEUZES = [
    ("", _("— geen filter —")),
    ("14", _("zonder contact in 14 dagen")),
    ("30", _("zonder contact in 30 dagen")),
    ("60", _("zonder contact in 60 dagen")),
    ("90", _("zonder contact in 90 dagen")),
]
STATUS_KEUZES = [("", _("— alle —")), *FaseSoort.choices]


def _pipelines(actor: Actor):  # noqa: ANN202 - a QuerySet
    return Pipeline.objects.filter(organisatie_id=actor.organisatie.pk, actief=True).order_by(
        "volgorde", "naam"
    )


class EigenaarChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Medewerker) -> str:
        return obj.naam


class LeadFilterForm(forms.Form):
    zoek = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Relatie, leadnummer of titel."),
    )
    pipeline = ModelChoiceField(
        label=_("Pijplijn"), required=False, queryset=None, empty_label=_("— alle —")
    )  # type: ignore[arg-type]
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_KEUZES)
    bron = forms.ChoiceField(
        label=_("Bron"), required=False, choices=[("", _("— alle —")), *LeadBron.choices]
    )
    afdeling = ModelChoiceField(
        label=_("Afdeling"), required=False, queryset=None, empty_label=_("— alle —")
    )  # type: ignore[arg-type]
    zonder_contact = forms.ChoiceField(
        label=_("Slim filter"),
        required=False,
        choices=ZONDER_CONTACT_KEUZES,
        help_text=_("Open leads waarvan de relatie zo lang geen klantcontact had."),
    )
    mijn = forms.BooleanField(label=_("Alleen leads waarvan ik eigenaar ben"), required=False)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pipeline"].queryset = _pipelines(actor)
        self.fields["afdeling"].queryset = organisatie_afdelingen(actor)

    def filters(self) -> Leadfilter:
        if not self.is_bound or not self.is_valid():
            return Leadfilter()
        data = self.cleaned_data
        return Leadfilter(
            zoek=data["zoek"] or "",
            pipeline=data["pipeline"],
            status=data["status"] or "",
            bron=data["bron"] or "",
            afdeling_id=data["afdeling"].pk if data["afdeling"] else None,
            mijn=bool(data["mijn"]),
            zonder_contact_dagen=int(data["zonder_contact"]) if data["zonder_contact"] else None,
        )


class RelatieZoekForm(forms.Form):
    zoek = forms.CharField(
        label=_("Zoek de relatie"),
        max_length=100,
        min_length=2,
        help_text=_("Naam, KvK-nummer of deel van de naam."),
    )


class LeadForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    omschrijving = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    pipeline = ModelChoiceField(label=_("Pijplijn"), queryset=None)  # type: ignore[arg-type]
    waarde = BedragField(
        label=_("Verwachte waarde (€)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        localize=True,
        help_text=_("Bijvoorbeeld 12500,00."),
    )
    verwachte_sluitdatum = forms.DateField(
        label=_("Verwachte sluitdatum"), required=False, widget=DateInput()
    )
    bron = forms.ChoiceField(label=_("Bron"), choices=[("", _("— kies —")), *LeadBron.choices])
    afdeling = ModelChoiceField(label=_("Afdeling"), queryset=None)  # type: ignore[arg-type]
    eigenaar = EigenaarChoiceField(
        label=_("Eigenaar"), required=False, queryset=None, empty_label=_("— geen —")
    )  # type: ignore[arg-type]

    def __init__(self, *args: Any, actor: Actor, bewerken: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pipeline"].queryset = _pipelines(actor)
        self.fields["afdeling"].queryset = organisatie_afdelingen(actor)
        self.fields["eigenaar"].queryset = eigenaar_keuzes(actor)
        if bewerken:
            # The pipeline of an existing lead stays: its stage belongs to it.
            del self.fields["pipeline"]

    def service_velden(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class FaseForm(forms.Form):
    fase = ModelChoiceField(label=_("Naar fase"), queryset=None)  # type: ignore[arg-type]
    verlies_reden = forms.CharField(
        label=_("Reden van verlies"),
        required=False,
        max_length=300,
        help_text=_("Verplicht als je de lead naar ‘verloren’ zet."),
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=300)

    def __init__(self, *args: Any, pipeline: Pipeline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fase"].queryset = Fase.objects.filter(pipeline=pipeline).order_by(
            "volgorde", "id"
        )


class SjabloonKeuzeField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:  # noqa: ANN401 - a BriefSjabloon
        versie = obj.huidige_versie.versie if obj.huidige_versie else 0
        return f"{obj.naam} (versie {versie})"


class OfferteForm(forms.Form):
    sjabloon = SjabloonKeuzeField(
        label=_("Sjabloon"),
        queryset=BriefSjabloon.objects.none(),
        to_field_name="uuid",
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een actief offertesjabloon.")},
        help_text=_(
            "De functioneel beheerder beheert de offertesjablonen in de sjabloonbibliotheek."
        ),
    )
    bedrag = BedragField(
        label=_("Bedrag (€)"), max_digits=14, decimal_places=2, min_value=0, required=False,
        localize=True,
        help_text=_("Leeg: de verwachte waarde van de lead."),
    )  # fmt: skip
    geldig_tot = forms.DateField(
        label=_("Geldig tot"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg: 30 dagen na vandaag."),
    )

    def __init__(
        self, *args: Any, sjablonen: list[BriefSjabloon] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        sjablonen = sjablonen or []
        if not sjablonen:
            return
        # The order of `sjablonen` (the standard template first) is the order of the options.
        volgorde = Case(*(When(pk=s.pk, then=i) for i, s in enumerate(sjablonen)), default=0)
        self.fields["sjabloon"].queryset = (
            BriefSjabloon.objects.filter(pk__in=[s.pk for s in sjablonen])
            .select_related("huidige_versie")
            .order_by(volgorde, "pk")
        )
        if "sjabloon" not in self.initial:
            self.initial["sjabloon"] = sjablonen[0].uuid


def fasen_uit_tekst(tekst: str) -> list[FaseSpec]:
    """'Naam; kans' per line (kans in %, default 0) for the open stages."""
    fasen = []
    for nummer, regel in enumerate(tekst.splitlines(), start=1):
        if not regel.strip():
            continue
        naam, _sep, kans = regel.partition(";")
        try:
            getal = int(kans.strip().rstrip("%").strip() or 0)
        except ValueError as error:
            raise ValidationError(
                _("Regel %(n)s: de kans is geen heel getal (bijvoorbeeld ‘Offerte; 60’).")
                % {"n": nummer}
            ) from error
        fasen.append(FaseSpec(naam.strip(), getal))
    return fasen


def fasen_als_tekst(fasen: list[Fase]) -> str:
    return "\n".join(f"{f.naam}; {f.kans}" for f in fasen if f.is_open)


class PipelineForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=100)
    omschrijving = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    open_fasen = forms.CharField(
        label=_("Open fasen, in volgorde"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Eén fase per regel: naam, puntkomma, kans op winst in procenten. Bijvoorbeeld: "
            "‘Offerte verstuurd; 60’."
        ),
    )
    gewonnen = forms.CharField(label=_("Naam van de eindfase ‘gewonnen’"), max_length=100)
    verloren = forms.CharField(label=_("Naam van de eindfase ‘verloren’"), max_length=100)
    actief = forms.BooleanField(label=_("Actief (te kiezen voor nieuwe leads)"), required=False)

    def clean_open_fasen(self) -> list[FaseSpec]:
        fasen = fasen_uit_tekst(self.cleaned_data["open_fasen"])
        if not fasen:
            raise ValidationError(_("Vul minstens één open fase in."))
        return fasen

    def fasen(self) -> list[FaseSpec]:
        data = self.cleaned_data
        return [
            *data["open_fasen"],
            FaseSpec(data["gewonnen"], 100, FaseSoort.GEWONNEN),
            FaseSpec(data["verloren"], 0, FaseSoort.VERLOREN),
        ]
