"""Forms of the complaint screens: they check the shape of the input and hand it to the
services, whose Dutch ValidationErrors go back on the fields (web.forms.service_errors_add)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Medewerker
from raadhuis.modules.crm.klachten import selectors
from raadhuis.modules.crm.klachten.models import (
    Categorie,
    GeenHoorzittingReden,
    Kanaal,
    KlachtStatus,
    NietBehandelenGrond,
    Oordeel,
)
from raadhuis.modules.crm.sjablonen import forms as sjabloonforms
from raadhuis.web.forms import DateInput, MedewerkerChoiceField
from raadhuis.web.widgets import ModelChoiceField

BRIEF_KANALEN = [("", _("Zoals bekend bij de klager")), ("email", _("E-mail")), ("post", _("Post"))]


def _medewerker_veld(actor: Actor, label: Any, required: bool = True) -> MedewerkerChoiceField:  # noqa: ANN401
    ids = [m.pk for m in selectors.behandelaar_keuzes(actor)]
    return MedewerkerChoiceField(
        label=label,
        required=required,
        queryset=Medewerker.objects.filter(pk__in=ids).order_by("achternaam"),
        empty_label=_("— kies —"),
    )


class KlagerZoekForm(forms.Form):
    zoek = forms.CharField(
        label=_("Klager zoeken"),
        max_length=100,
        min_length=2,
        help_text=_("Naam, BSN, KvK-nummer of postcode met huisnummer."),
    )


class KlachtForm(forms.Form):
    partij = forms.UUIDField(widget=forms.HiddenInput)
    kanaal = forms.ChoiceField(label=_("Kanaal"), choices=Kanaal.choices)
    ontvangen_op = forms.DateField(label=_("Ontvangen op"), widget=DateInput)
    categorie = forms.ChoiceField(label=_("Categorie"), choices=Categorie.choices)
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=200)
    omschrijving = forms.CharField(
        label=_("Omschrijving van de klacht"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        help_text=_("Over welke gedraging gaat de klacht, wanneer en hoe?"),
    )
    afdeling = ModelChoiceField(label=_("Afdeling"), queryset=None, empty_label=_("— kies —"))  # type: ignore[arg-type]
    adviescommissie = forms.BooleanField(
        label=_("Adviescommissie"),
        required=False,
        help_text=_("De klacht gaat naar de klachtadviescommissie: termijn 10 weken (Awb 9:11)."),
    )
    zaaknummer = forms.CharField(
        label=_("Gaat over zaak"),
        required=False,
        max_length=40,
        help_text=_("Het zaaknummer van de zaak waar de klacht over gaat, als die er is."),
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["afdeling"].queryset = selectors.afdeling_keuzes(actor)
        self.fields["betreft_medewerker"] = _medewerker_veld(
            actor, _("Medewerker over wie de klacht gaat"), required=False
        )
        self.fields["betreft_medewerker"].help_text = _(
            "Deze medewerker mag de klacht niet behandelen (Awb 9:7)."
        )
        self.fields["behandelaar"] = _medewerker_veld(actor, _("Klachtbehandelaar"))
        self.order_fields(
            [
                "partij",
                "kanaal",
                "ontvangen_op",
                "categorie",
                "onderwerp",
                "omschrijving",
                "afdeling",
                "betreft_medewerker",
                "behandelaar",
                "zaaknummer",
                "adviescommissie",
            ]
        )
        self.actor = actor

    def clean_zaaknummer(self) -> Any:  # noqa: ANN401 - a Zaak or None
        nummer = self.cleaned_data.get("zaaknummer", "")
        if not nummer:
            return None
        zaak = selectors.zaak_op_nummer(actor=self.actor, identificatie=nummer)
        if zaak is None:
            raise forms.ValidationError(_("Geen zaak met dit nummer gevonden die je mag zien."))
        return zaak


class KlachtFilterForm(forms.Form):
    zoek = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), ("open", _("Open")), ("gesloten", _("Gesloten"))]
        + list(KlachtStatus.choices),
    )
    afdeling = forms.ChoiceField(label=_("Afdeling"), required=False)
    categorie = forms.ChoiceField(
        label=_("Categorie"), required=False, choices=[("", _("Alle"))] + list(Categorie.choices)
    )
    kanaal = forms.ChoiceField(
        label=_("Kanaal"), required=False, choices=[("", _("Alle"))] + list(Kanaal.choices)
    )
    termijn = forms.ChoiceField(
        label=_("Termijn"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("te_laat", _("Termijn verstreken")),
            ("binnen_week", _("Verloopt binnen 7 dagen")),
        ],
    )
    mijn = forms.BooleanField(label=_("Alleen mijn klachten"), required=False)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["afdeling"].choices = [("", _("Alle afdelingen"))] + [
            (str(e.pk), e.naam) for e in selectors.afdeling_keuzes(actor)
        ]

    def filters(self) -> selectors.KlachtFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return selectors.KlachtFilters(
            zoekterm=data.get("zoek", ""),
            status=data.get("status", ""),
            afdeling_id=int(data["afdeling"]) if data.get("afdeling") else None,
            categorie=data.get("categorie", ""),
            kanaal=data.get("kanaal", ""),
            termijn=data.get("termijn", ""),
            mijn=data.get("mijn", False),
        )


class BriefKanaalForm(forms.Form):
    kanaal = forms.ChoiceField(label=_("Verzenden per"), choices=BRIEF_KANALEN, required=False)


class BehandelaarForm(forms.Form):
    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["behandelaar"] = _medewerker_veld(actor, _("Nieuwe klachtbehandelaar"))


class VerdagingForm(BriefKanaalForm):
    verdaagd_tot = forms.DateField(label=_("Verdagen tot"), widget=DateInput)
    reden = forms.CharField(
        label=_("Reden van de verdaging"), widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = ["verdaagd_tot", "reden", "kanaal"]


class UitstelForm(forms.Form):
    uitstel_tot = forms.DateField(label=_("Uitstellen tot"), widget=DateInput)
    instemming_op = forms.DateField(
        label=_("Datum schriftelijke instemming van de klager"),
        widget=DateInput,
        help_text=_(
            "Verder uitstel kan alleen als de klager schriftelijk instemt (Awb 9:11 lid 3)."
        ),
    )


class HoorzittingPlannenForm(BriefKanaalForm):
    datum = forms.DateField(label=_("Datum"), widget=DateInput)
    tijd = forms.TimeField(label=_("Tijd"), widget=forms.TimeInput(attrs={"type": "time"}))
    locatie = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    field_order = ["datum", "tijd", "locatie", "kanaal"]

    def moment(self, tijdzone: str) -> datetime:
        data = self.cleaned_data
        return datetime.combine(data["datum"], data["tijd"], ZoneInfo(tijdzone))


class HoorzittingVerslagForm(forms.Form):
    gehouden_op = forms.DateField(label=_("Gehouden op"), widget=DateInput)
    aanwezigen = forms.CharField(label=_("Aanwezigen"), widget=forms.Textarea(attrs={"rows": 2}))
    verslag = forms.CharField(label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 8}))


class GeenHoorzittingForm(forms.Form):
    reden = forms.ChoiceField(
        label=_("Reden (Awb 9:10 lid 2)"),
        choices=GeenHoorzittingReden.choices,
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class BesluitForm(BriefKanaalForm):
    oordeel = forms.ChoiceField(
        label=_("Oordeel"), choices=Oordeel.choices, widget=forms.RadioSelect
    )
    bevindingen = forms.CharField(label=_("Bevindingen"), widget=forms.Textarea(attrs={"rows": 6}))
    conclusies = forms.CharField(label=_("Conclusies"), widget=forms.Textarea(attrs={"rows": 4}))
    maatregelen = forms.CharField(
        label=_("Maatregelen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = ["oordeel", "bevindingen", "conclusies", "maatregelen", "kanaal"]


class NietBehandelenForm(BriefKanaalForm):
    grond = forms.ChoiceField(
        label=_("Grond (Awb 9:8)"), choices=NietBehandelenGrond.choices, widget=forms.RadioSelect
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = ["grond", "toelichting", "kanaal"]


class ToelichtingForm(forms.Form):
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}))


class AfhandelenForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PeriodeForm(forms.Form):
    van = forms.DateField(label=_("Ontvangen vanaf"), required=False, widget=DateInput)
    tot = forms.DateField(label=_("Ontvangen tot en met"), required=False, widget=DateInput)

    def periode(self) -> tuple[date | None, date | None]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("van"), data.get("tot")


class BibliotheekBriefForm(sjabloonforms.BibliotheekBriefForm):
    """A letter from the template library: which one, how, an optional free text."""

    reden_hulp = _("Voor de historie van de klacht.")
