"""Forms of the case pages: the list filter, creating a case, status, properties, documents
and tasks. Shape only; the rules live in the kernel services (see forms.py)."""

from __future__ import annotations

from collections import Counter

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.intake import domeinen_met_eigen_intake, eigen_intakes_van
from raadhuis.kernel.catalog.models import (
    EigenschapType,
    InformatieObjectType,
    ResultaatType,
    StatusType,
    ZaakType,
)
from raadhuis.kernel.catalog.selectors import (
    zaaktypen_bruikbaar,
    zaaktypen_voor_zaakformulier,
    zaaktypen_zichtbaar,
)
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import (
    Partij,
)
from raadhuis.kernel.parties.selectors import partij_get, partij_search
from raadhuis.web.forms_basis import DateInput, MedewerkerChoiceField, behandelaar_keuzes
from raadhuis.web.widgets import ModelChoiceField


class ZaakFilterForm(forms.Form):
    zoek = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Zaaknummer (begin) of een woord uit de omschrijving."),
    )
    zaaktype = forms.ChoiceField(label=_("Zaaktype"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), ("open", _("Open")), ("gesloten", _("Gesloten"))],
    )
    mijn = forms.BooleanField(label=_("Alleen mijn zaken"), required=False)

    def __init__(self, *args, actor: Actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        types = list(
            zaaktypen_zichtbaar(actor=actor).values_list("uuid", "omschrijving", "versiedatum")
        )
        namen = Counter(naam for _uuid, naam, _versie in types)
        self.fields["zaaktype"].choices = [("", _("Alle zaaktypen"))] + [
            (str(uuid), naam if namen[naam] == 1 else f"{naam} ({versie:%d-%m-%Y})")
            for uuid, naam, versie in types
        ]

    def filters(self) -> dict:
        """The selector arguments; invalid input (a stale URL) falls back to 'no filter'."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "zoekterm": data.get("zoek", ""),
            "zaaktype_uuid": data.get("zaaktype") or None,
            "status": data.get("status", ""),
            "mijn": data.get("mijn", False),
        }


class ZaakCreateForm(forms.Form):
    zaaktype = ModelChoiceField(
        label=_("Zaaktype"), queryset=ZaakType.objects.none(), empty_label=_("Kies een zaaktype")
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        max_length=80,
        help_text=_("Korte omschrijving, maximaal 80 tekens. Zichtbaar in lijsten."),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    startdatum = forms.DateField(label=_("Startdatum"), widget=DateInput())
    vertrouwelijkheidaanduiding = forms.ChoiceField(
        label=_("Vertrouwelijkheid"),
        required=False,
        choices=[("", _("Standaard van het zaaktype")), *Vertrouwelijkheid.choices],
        help_text=_("Laat leeg voor de standaard van het gekozen zaaktype."),
    )
    initiator_zoek = forms.CharField(
        label=_("Zoek de initiator"),
        required=False,
        max_length=100,
        help_text=_("Naam, BSN, KvK-nummer of postcode met huisnummer (1234 AB 12)."),
    )
    initiator = forms.UUIDField(label=_("Initiator"), required=False, widget=forms.HiddenInput)
    initiator_identificatie = forms.CharField(
        label=_("Of: BSN of KvK-nummer van de initiator"),
        required=False,
        max_length=14,
        help_text=_("Moet precies overeenkomen met een bekende partij."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    behandelaar = MedewerkerChoiceField(
        label=_("Behandelaar"),
        queryset=Medewerker.objects.none(),
        required=False,
        empty_label=_("Nog niemand"),
    )

    def __init__(self, *args, actor: Actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        # One query for the choices and for the intakes of the types a module starts itself
        # (left out of the form; the page links to their module instead).
        rijen = list(
            zaaktypen_bruikbaar(actor=actor).values_list(
                "pk", "omschrijving", "identificatie", "catalogus__domein"
            )
        )
        eigen = set(domeinen_met_eigen_intake())
        self.fields["zaaktype"].keuzes_set(
            zaaktypen_voor_zaakformulier(actor=actor).select_related("catalogus"),
            [
                (pk, f"{omschrijving} ({identificatie})")  # ZaakType.__str__
                for pk, omschrijving, identificatie, domein in rijen
                if domein not in eigen
            ],
        )
        self.eigen_intakes = eigen_intakes_van(domein for *_rest, domein in rijen)
        self.fields["behandelaar"].keuzes_set(*behandelaar_keuzes(actor))
        self.initiator_partij: Partij | None = None
        # Live search: htmx asks for the picker's results while the user types.
        self.fields["initiator_zoek"].widget.attrs.update(
            {
                "type": "search",
                "autocomplete": "off",
                "hx-get": reverse("web:partij_kiezen"),
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#initiator-keuze",
                "hx-include": "#initiator-keuze",
                "data-enter-stays": "true",
            }
        )

    def clean_initiator_identificatie(self) -> str:
        value = self.cleaned_data["initiator_identificatie"].replace(" ", "").replace(".", "")
        if value and (not value.isdigit() or len(value) not in (8, 9, 10)):
            raise ValidationError(
                _("Vul een BSN (9 cijfers), KvK-nummer (8 cijfers) of KBO-nummer (10 cijfers) in.")
            )
        return value

    def clean(self) -> dict:
        data = super().clean()
        uuid = data.get("initiator")
        identificatie = data.get("initiator_identificatie")
        if uuid:
            try:
                self.initiator_partij = partij_get(actor=self.actor, uuid=uuid, doel="Zaak starten")
            except (NietGevonden, ToegangGeweigerd):
                self.add_error("initiator_zoek", _("De gekozen partij bestaat niet (meer)."))
        elif identificatie:
            try:
                gevonden = [
                    p
                    for p in partij_search(actor=self.actor, zoekterm=identificatie)
                    if p.identificatie == identificatie
                ]
            except ToegangGeweigerd:
                gevonden = []
            if len(gevonden) == 1:
                self.initiator_partij = gevonden[0]
            elif not gevonden:
                self.add_error(
                    "initiator_identificatie",
                    _("Er is geen partij met dit nummer. Zoek op naam of registreer de partij."),
                )
            else:
                self.add_error(
                    "initiator_identificatie",
                    _("Meer dan één partij heeft dit nummer. Kies de initiator via zoeken."),
                )
        return data


class ZaakStatusForm(forms.Form):
    statustype = ModelChoiceField(
        label=_("Nieuwe status"), queryset=StatusType.objects.none(), empty_label=None
    )
    toelichting = forms.CharField(
        label=_("Reden of toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als je de zaak terugzet naar een eerdere status of heropent."),
    )
    resultaattype = ModelChoiceField(
        label=_("Resultaat"),
        queryset=ResultaatType.objects.none(),
        required=False,
        empty_label=_("Geen resultaat"),
    )
    resultaat_toelichting = forms.CharField(
        label=_("Toelichting bij het resultaat"), required=False, max_length=1000
    )

    def __init__(
        self,
        *args,
        zaak,  # noqa: ANN001
        statustypen: list[StatusType] | None = None,
        **kwargs,
    ) -> None:
        """`statustypen`: the case type's status types by volgnummer, when the caller has
        read them already (the case page shows them too)."""
        kwargs.setdefault("auto_id", "status_%s")  # unique ids next to other forms on a page
        super().__init__(*args, **kwargs)
        queryset = zaak.zaaktype.statustypen.order_by("volgnummer")
        if statustypen is None:
            statustypen = list(queryset)
        self.eindstatus = statustypen[-1] if statustypen else None
        field = self.fields["statustype"]
        field.geladen_set(queryset, statustypen)
        field.label_from_instance = self._statustype_label
        self.fields["resultaattype"].queryset = zaak.zaaktype.resultaattypen.order_by(
            "omschrijving"
        )
        if self.eindstatus is not None:
            self.fields["resultaattype"].help_text = _(
                "Verplicht bij de eindstatus ‘%(status)s’."
            ) % {"status": self.eindstatus.omschrijving}
        huidig = zaak.status_actueel.statustype if zaak.status_actueel_id else None
        volgende = next(
            (s for s in statustypen if huidig and s.volgnummer > huidig.volgnummer), None
        )
        if volgende is not None and not self.is_bound:
            self.initial.setdefault("statustype", volgende.pk)

    def _statustype_label(self, obj: StatusType) -> str:
        label = f"{obj.volgnummer}. {obj.omschrijving}"
        if self.eindstatus is not None and obj.pk == self.eindstatus.pk:
            label += " — " + str(_("eindstatus"))
        return label


class EigenschapTypeChoiceField(ModelChoiceField):
    def label_from_instance(self, obj) -> str:  # noqa: ANN001
        return obj.definitie or obj.naam


class ZaakEigenschapForm(forms.Form):
    eigenschap = EigenschapTypeChoiceField(
        label=_("Eigenschap"), queryset=EigenschapType.objects.none(), empty_label=None
    )
    waarde = forms.CharField(
        label=_("Waarde"),
        max_length=255,
        help_text=_("Een datum als 31-12-2026; een bedrag of getal met een punt of komma."),
    )

    def __init__(
        self,
        *args,
        zaak,  # noqa: ANN001
        eigenschappen: list[EigenschapType] | None = None,
        **kwargs,
    ) -> None:
        """`eigenschappen`: the case type's property types by name, when the caller has read
        them already (the case page lists them too)."""
        kwargs.setdefault("auto_id", "eigenschap_%s")
        super().__init__(*args, **kwargs)
        queryset = zaak.zaaktype.eigenschappen.order_by("naam")
        field = self.fields["eigenschap"]
        if eigenschappen is None:
            field.queryset = queryset
        else:
            field.geladen_set(queryset, eigenschappen)


class DocumentForm(forms.Form):
    bestand = forms.FileField(label=_("Bestand"))
    titel = forms.CharField(label=_("Titel"), max_length=200)
    informatieobjecttype = ModelChoiceField(
        label=_("Documenttype"),
        queryset=InformatieObjectType.objects.none(),
        empty_label=_("Kies een documenttype"),
    )
    beschrijving = forms.CharField(
        label=_("Beschrijving"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, zaak, **kwargs) -> None:  # noqa: ANN001
        kwargs.setdefault("auto_id", "document_%s")
        super().__init__(*args, **kwargs)
        self.fields["informatieobjecttype"].queryset = zaak.zaaktype.informatieobjecttypen.filter(
            concept=False
        ).order_by("omschrijving")


class DocumentVersieForm(forms.Form):
    bestand = forms.FileField(label=_("Nieuwe versie"))
    titel = forms.CharField(
        label=_("Titel"),
        required=False,
        max_length=200,
        help_text=_("Laat leeg om de titel te houden."),
    )
    toelichting = forms.CharField(label=_("Wat is er veranderd?"), required=False, max_length=1000)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "versie_%s")
        super().__init__(*args, **kwargs)


class TaakForm(forms.Form):
    titel = forms.CharField(label=_("Taak"), max_length=200)
    toegewezen_aan = MedewerkerChoiceField(
        label=_("Medewerker"),
        queryset=Medewerker.objects.none(),
        required=False,
        empty_label=_("Geen medewerker (team)"),
    )
    toegewezen_team = ModelChoiceField(
        label=_("Team"),
        queryset=OrganisatorischeEenheid.objects.none(),
        required=False,
        empty_label=_("Geen team"),
    )
    termijn_werkdagen = forms.IntegerField(
        label=_("Termijn in werkdagen"),
        min_value=0,
        max_value=365,
        initial=5,
        help_text=_("Werkdagen volgens de Algemene termijnenwet, zonder weekend en feestdagen."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, actor: Actor, **kwargs) -> None:
        kwargs.setdefault("auto_id", "taak_%s")
        super().__init__(*args, **kwargs)
        # Case workers only: auditors, team leaders and administrators carry no tasks.
        self.fields["toegewezen_aan"].keuzes_set(*behandelaar_keuzes(actor))
        self.fields["toegewezen_team"].queryset = OrganisatorischeEenheid.objects.filter(
            organisatie_id=actor.organisatie.pk
        ).order_by("naam")
        if actor.medewerker is not None and not self.is_bound:
            self.initial.setdefault("toegewezen_aan", actor.medewerker.pk)

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("toegewezen_aan") and not data.get("toegewezen_team"):
            self.add_error("toegewezen_aan", _("Wijs de taak toe aan een medewerker of een team."))
        return data
