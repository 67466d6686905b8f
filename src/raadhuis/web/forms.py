"""Forms of the staff UI. They check the shape of the input (required, length, format) and turn
it into the arguments of a kernel service; the rules themselves live in the services, whose
ValidationErrors are put back on the form field by field (`service_errors_add`)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.models import (
    EigenschapType,
    InformatieObjectType,
    ResultaatType,
    StatusType,
    ZaakType,
)
from raadhuis.kernel.catalog.selectors import zaaktypen_bruikbaar, zaaktypen_zichtbaar
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid, Rol
from raadhuis.kernel.parties.models import (
    AdresSoort,
    Geslacht,
    Partij,
    PartijSoort,
    Rechtsvorm,
)
from raadhuis.kernel.parties.selectors import partij_get, partij_search
from raadhuis.kernel.validators import (
    validate_bsn,
    validate_kbo_nummer,
    validate_kvk_nummer,
    validate_postcode_nl,
    validate_rsin,
)
from raadhuis.web.widgets import ModelChoiceField


def service_errors_add(
    form: forms.Form, error: ValidationError, field_map: dict[str, str] | None = None
) -> None:
    """Put a service's ValidationError on the form: per field where the form has that field,
    otherwise at the top of the form, so no message is ever lost."""
    field_map = field_map or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = field_map.get(name, name)
            form.add_error(target if target in form.fields else None, errors)
    else:
        form.add_error(None, error)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# --- catalogue choices (kernel.catalog.selectors) ------------------------------------------


def behandelaars(actor: Actor) -> list[Medewerker]:
    """Active medewerkers of the organisation with the medewerker role (JSON list, so the role
    test runs in Python: it works the same on SQLite and PostgreSQL)."""
    return [
        m
        for m in Medewerker.objects.filter(organisatie_id=actor.organisatie.pk, actief=True)
        if Rol.MEDEWERKER in m.rollen
    ]


class MedewerkerChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Medewerker) -> str:
        return obj.naam


# --- cases ----------------------------------------------------------------------------------


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
        namen = [naam for _uuid, naam, _versie in types]
        self.fields["zaaktype"].choices = [("", _("Alle zaaktypen"))] + [
            (str(uuid), naam if namen.count(naam) == 1 else f"{naam} ({versie:%d-%m-%Y})")
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
        self.fields["zaaktype"].queryset = zaaktypen_bruikbaar(actor=actor).select_related(
            "catalogus"
        )
        ids = [m.pk for m in behandelaars(actor)]
        self.fields["behandelaar"].queryset = Medewerker.objects.filter(pk__in=ids).order_by(
            "achternaam"
        )
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

    def __init__(self, *args, zaak, **kwargs) -> None:  # noqa: ANN001
        kwargs.setdefault("auto_id", "status_%s")  # unique ids next to other forms on a page
        super().__init__(*args, **kwargs)
        statustypen = list(zaak.zaaktype.statustypen.order_by("volgnummer"))
        self.eindstatus = statustypen[-1] if statustypen else None
        field = self.fields["statustype"]
        field.queryset = zaak.zaaktype.statustypen.order_by("volgnummer")
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

    def __init__(self, *args, zaak, **kwargs) -> None:  # noqa: ANN001
        kwargs.setdefault("auto_id", "eigenschap_%s")
        super().__init__(*args, **kwargs)
        self.fields["eigenschap"].queryset = zaak.zaaktype.eigenschappen.order_by("naam")


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
        ids = [m.pk for m in behandelaars(actor)]
        self.fields["toegewezen_aan"].queryset = Medewerker.objects.filter(pk__in=ids).order_by(
            "achternaam"
        )
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


# --- parties --------------------------------------------------------------------------------


class PartijZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek een partij"),
        required=False,
        max_length=100,
        help_text=_(
            "Naam, BSN, KvK- of KBO-nummer, of postcode met huisnummer (bijvoorbeeld 1234 AB 12)."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class AdresFieldsMixin(forms.Form):
    """An optional address: filled in completely or not at all."""

    straatnaam = forms.CharField(label=_("Straat"), required=False, max_length=200)
    huisnummer = forms.IntegerField(
        label=_("Huisnummer"),
        required=False,
        min_value=1,
        max_value=99999,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    huisletter = forms.CharField(label=_("Huisletter"), required=False, max_length=1)
    huisnummertoevoeging = forms.CharField(label=_("Toevoeging"), required=False, max_length=4)
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    woonplaats = forms.CharField(label=_("Plaats"), required=False, max_length=80)
    land = forms.ChoiceField(
        label=_("Land"), choices=[("NL", _("Nederland")), ("BE", _("België"))], initial="NL"
    )
    adres_soort = AdresSoort.WOONADRES
    ADRES_VELDEN = ("straatnaam", "huisnummer", "postcode", "woonplaats")

    def clean(self) -> dict:
        data = super().clean()
        gevuld = [v for v in self.ADRES_VELDEN if data.get(v) not in (None, "")]
        if gevuld and len(gevuld) < len(self.ADRES_VELDEN):
            for veld in self.ADRES_VELDEN:
                if data.get(veld) in (None, "") and veld not in self.errors:
                    self.add_error(veld, _("Vul het hele adres in, of laat het adres leeg."))
        postcode = data.get("postcode", "")
        if postcode and data.get("land") == "NL":
            try:
                validate_postcode_nl(postcode)
            except ValidationError as error:
                self.add_error("postcode", error)
        return data

    def adres(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("straatnaam"):
            return None
        return {
            "soort": self.adres_soort,
            "straatnaam": data["straatnaam"],
            "huisnummer": data["huisnummer"],
            "huisletter": data.get("huisletter", ""),
            "huisnummertoevoeging": data.get("huisnummertoevoeging", ""),
            "postcode": data["postcode"],
            "woonplaats": data["woonplaats"],
            "land": data.get("land") or "NL",
        }


class NatuurlijkPersoonForm(AdresFieldsMixin):
    soort = PartijSoort.NATUURLIJK_PERSOON
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=11,
        help_text=_("9 cijfers; wordt gecontroleerd met de elfproef."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    voornamen = forms.CharField(label=_("Voornamen"), required=False, max_length=200)
    voorletters = forms.CharField(label=_("Voorletters"), required=False, max_length=20)
    voorvoegsel_geslachtsnaam = forms.CharField(
        label=_("Tussenvoegsel"), required=False, max_length=10
    )
    geslachtsnaam = forms.CharField(label=_("Achternaam"), max_length=200)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), required=False, widget=DateInput())
    geslacht = forms.ChoiceField(
        label=_("Geslacht"), choices=Geslacht.choices, initial=Geslacht.ONBEKEND
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    telefoonnummer = forms.CharField(label=_("Telefoonnummer"), required=False, max_length=20)

    field_order = [
        "bsn",
        "voornamen",
        "voorletters",
        "voorvoegsel_geslachtsnaam",
        "geslachtsnaam",
        "geboortedatum",
        "geslacht",
        "email",
        "telefoonnummer",
    ]

    def clean_bsn(self) -> str:
        value = self.cleaned_data["bsn"].replace(" ", "").replace(".", "")
        if value:
            validate_bsn(value)
        return value

    def clean_geboortedatum(self) -> date | None:
        value = self.cleaned_data["geboortedatum"]
        if value and value > timezone.localdate():
            raise ValidationError(_("De geboortedatum ligt in de toekomst."))
        return value

    def gegevens(self) -> dict:
        names = [n for n in self.field_order if n != "geslachtsnaam"]
        return {n: self.cleaned_data[n] for n in names}


class NietNatuurlijkPersoonForm(AdresFieldsMixin):
    soort = PartijSoort.NIET_NATUURLIJK_PERSOON
    adres_soort = AdresSoort.BEZOEKADRES
    statutaire_naam = forms.CharField(label=_("Naam (statutair)"), max_length=400)
    kvk_nummer = forms.CharField(
        label=_("KvK-nummer"),
        required=False,
        max_length=8,
        help_text=_("8 cijfers (Nederland)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    kbo_nummer = forms.CharField(
        label=_("KBO-nummer"),
        required=False,
        max_length=12,
        help_text=_("10 cijfers (België), bijvoorbeeld 0123.456.749."),
    )
    rsin = forms.CharField(
        label=_("RSIN"),
        required=False,
        max_length=9,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    rechtsvorm = forms.ChoiceField(
        label=_("Rechtsvorm"), choices=Rechtsvorm.choices, initial=Rechtsvorm.OVERIG
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    telefoonnummer = forms.CharField(label=_("Telefoonnummer"), required=False, max_length=20)

    field_order = [
        "statutaire_naam",
        "kvk_nummer",
        "kbo_nummer",
        "rsin",
        "rechtsvorm",
        "email",
        "telefoonnummer",
    ]

    def clean_kvk_nummer(self) -> str:
        value = self.cleaned_data["kvk_nummer"].replace(" ", "")
        if value:
            validate_kvk_nummer(value)
        return value

    def clean_kbo_nummer(self) -> str:
        value = self.cleaned_data["kbo_nummer"].strip()
        if value:
            validate_kbo_nummer(value)
        return value

    def clean_rsin(self) -> str:
        value = self.cleaned_data["rsin"].replace(" ", "")
        if value:
            validate_rsin(value)
        return value

    def gegevens(self) -> dict:
        names = [n for n in self.field_order if n != "statutaire_naam"]
        return {n: self.cleaned_data[n] for n in names}


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
