"""Forms of the CRM screens: shape checks only; the rules are in services.py, whose
ValidationErrors come back on the fields (web.forms.service_errors_add)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelChoiceField
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid, Rol
from raadhuis.kernel.parties.models import Rechtsvorm
from raadhuis.kernel.validators import validate_bsn, validate_kvk_nummer
from raadhuis.modules.crm.models import Grondslag, Kanaal, RelatieSoort, Tag, Uitkomst
from raadhuis.modules.crm.selectors import accountmanagers_van, eenheden_voor_beheer, tags_van
from raadhuis.web.forms import DateInput, MedewerkerChoiceField, behandelaars


class BedragField(forms.DecimalField):
    """A Dutch amount: '12.500,00', '12500,00' and '12500.00' all mean 12500.00."""

    def to_python(self, value: Any) -> Any:  # noqa: ANN401 - as Django's
        if isinstance(value, str):
            tekst = value.strip().replace("€", "").replace(" ", "")
            if "," in tekst:
                tekst = tekst.replace(".", "").replace(",", ".")
            value = tekst
        return super().to_python(value)


def organisatie_afdelingen(actor: Actor) -> QuerySet[OrganisatorischeEenheid]:
    """Every department of the actor's organisation, by name (the sub-apps' department field)."""
    return OrganisatorischeEenheid.objects.filter(organisatie_id=actor.organisatie.pk).order_by(
        "naam"
    )


def eigenaar_keuzes(actor: Actor) -> QuerySet[Medewerker]:
    """The medewerkers the actor may make owner of a contract or lead (web.forms.behandelaars)."""
    ids = [m.pk for m in behandelaars(actor)]
    return Medewerker.objects.filter(pk__in=ids).order_by("achternaam")


def _cijfers(waarde: str) -> str:
    return (waarde or "").replace(" ", "").replace(".", "")


class EenheidChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: OrganisatorischeEenheid) -> str:
        return obj.naam


class BeheerMixin(forms.Form):
    """Owning department and account manager, offered from what the actor may choose."""

    eenheid = EenheidChoiceField(
        label=_("Afdeling"),
        queryset=OrganisatorischeEenheid.objects.none(),
        empty_label=_("Kies een afdeling"),
        help_text=_("De afdeling die de relatie beheert. Haar medewerkers zien de relatie."),
    )
    accountmanager = MedewerkerChoiceField(
        label=_("Accountmanager"),
        queryset=Medewerker.objects.none(),
        required=False,
        empty_label=_("Geen accountmanager"),
    )

    def __init__(self, *args, actor: Actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        eenheden = eenheden_voor_beheer(actor)
        self.fields["eenheid"].queryset = OrganisatorischeEenheid.objects.filter(
            pk__in=[e.pk for e in eenheden]
        ).order_by("naam")
        if len(eenheden) == 1 and not self.is_bound:
            self.initial.setdefault("eenheid", eenheden[0].pk)
        self.fields["accountmanager"].queryset = Medewerker.objects.filter(
            pk__in=[m.pk for m in accountmanagers_van(actor)]
        ).order_by("achternaam")


class RelatieFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Naam, roepnaam, KvK-nummer of BSN."),
    )
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *RelatieSoort.choices]
    )
    tag = forms.ModelChoiceField(
        label=_("Tag"), required=False, queryset=Tag.objects.none(), empty_label=_("Alle tags")
    )
    accountmanager = MedewerkerChoiceField(
        label=_("Accountmanager"),
        required=False,
        queryset=Medewerker.objects.none(),
        empty_label=_("Iedereen"),
    )
    ook_inactief = forms.BooleanField(label=_("Ook niet-actieve relaties"), required=False)

    def __init__(self, *args, actor: Actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tag"].queryset = tags_van(actor)
        self.fields["accountmanager"].queryset = Medewerker.objects.filter(
            pk__in=[m.pk for m in accountmanagers_van(actor)]
        ).order_by("achternaam")

    def filters(self) -> dict:
        """The selector arguments; invalid input (a stale URL) falls back to 'no filter'."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "zoekterm": data.get("q", ""),
            "soort": data.get("soort", ""),
            "tag": data.get("tag"),
            "accountmanager": data.get("accountmanager"),
            "ook_inactief": data.get("ook_inactief", False),
        }


class RelatieKvkForm(BeheerMixin):
    kvk_nummer = forms.CharField(label=_("KvK-nummer"), max_length=12)
    vestigingsnummer = forms.CharField(
        label=_("Vestigingsnummer"),
        max_length=14,
        required=False,
        help_text=_("Alleen als de relatie één vestiging is, niet de hele onderneming."),
    )
    soort = forms.ChoiceField(
        label=_("Soort relatie"),
        choices=[
            (RelatieSoort.BEDRIJF, RelatieSoort.BEDRIJF.label),
            (RelatieSoort.VERENIGING, RelatieSoort.VERENIGING.label),
            (RelatieSoort.PARTNER, RelatieSoort.PARTNER.label),
        ],
    )

    def clean_kvk_nummer(self) -> str:
        nummer = _cijfers(self.cleaned_data["kvk_nummer"])
        validate_kvk_nummer(nummer)
        return nummer

    def clean_vestigingsnummer(self) -> str:
        nummer = _cijfers(self.cleaned_data.get("vestigingsnummer", ""))
        if nummer and (not nummer.isdigit() or len(nummer) != 12):
            raise forms.ValidationError(_("Een vestigingsnummer heeft 12 cijfers."))
        return nummer


class RelatieBrpForm(BeheerMixin):
    bsn = forms.CharField(label=_("BSN"), max_length=11)
    grondslag = forms.ChoiceField(
        label=_("Grondslag"),
        choices=[("", _("Kies de grondslag")), *Grondslag.choices],
        help_text=_("Op welke grond (AVG artikel 6) legt de gemeente deze inwoner vast?"),
    )
    grondslag_toelichting = forms.CharField(
        label=_("Toelichting op de grondslag"),
        max_length=400,
        help_text=_(
            "Welke taak of wet, of wanneer en hoe gaf de inwoner toestemming. Dit staat ook "
            "als reden in het verwerkingslog van de BRP-raadpleging."
        ),
    )

    def clean_bsn(self) -> str:
        bsn = _cijfers(self.cleaned_data["bsn"])
        validate_bsn(bsn)
        return bsn


class RelatieHandmatigForm(BeheerMixin):
    soort = forms.ChoiceField(
        label=_("Soort relatie"),
        choices=[
            (RelatieSoort.PARTNER, RelatieSoort.PARTNER.label),
            (RelatieSoort.VERENIGING, RelatieSoort.VERENIGING.label),
            (RelatieSoort.BEDRIJF, RelatieSoort.BEDRIJF.label),
        ],
    )
    naam = forms.CharField(label=_("Naam"), max_length=400)
    rechtsvorm = forms.ChoiceField(label=_("Rechtsvorm"), choices=Rechtsvorm.choices)
    kvk_nummer = forms.CharField(
        label=_("KvK-nummer"),
        max_length=12,
        required=False,
        help_text=_("Staat de organisatie in het Handelsregister? Gebruik dan 'Uit de KvK'."),
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    telefoonnummer = forms.CharField(label=_("Telefoonnummer"), max_length=20, required=False)

    def clean_kvk_nummer(self) -> str:
        nummer = _cijfers(self.cleaned_data.get("kvk_nummer", ""))
        if nummer:
            validate_kvk_nummer(nummer)
        return nummer


class RelatieLokaalForm(BeheerMixin):
    """The local data of a relation (never the register data)."""

    lokale_naam = forms.CharField(
        label=_("Roepnaam of afwijkende naam"), max_length=200, required=False
    )
    lokaal_email = forms.EmailField(label=_("E-mailadres (lokaal)"), required=False)
    lokaal_telefoonnummer = forms.CharField(
        label=_("Telefoonnummer (lokaal)"), max_length=20, required=False
    )
    lokale_notitie = forms.CharField(
        label=_("Notitie"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    actief = forms.BooleanField(
        label=_("Actieve relatie"),
        required=False,
        help_text=_(
            "Zet uit als de gemeente niet meer met deze relatie werkt; de geschiedenis blijft."
        ),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=500,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: horeca, centrum, subsidie 2026."),
    )

    def tag_namen(self) -> list[str]:
        ruw = self.cleaned_data.get("tags", "")
        namen = [" ".join(t.split()) for t in ruw.split(",")]
        return sorted({n[:60] for n in namen if n})


class ContactpersoonForm(forms.Form):
    voornamen = forms.CharField(label=_("Voornaam"), max_length=200, required=False)
    voorvoegsel = forms.CharField(label=_("Voorvoegsel"), max_length=10, required=False)
    geslachtsnaam = forms.CharField(label=_("Achternaam"), max_length=200)
    rol = forms.CharField(
        label=_("Rol"), max_length=100, help_text=_("Bijvoorbeeld: directeur, secretaris.")
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    telefoonnummer = forms.CharField(label=_("Telefoonnummer"), max_length=20, required=False)
    primair = forms.BooleanField(label=_("Eerste aanspreekpunt"), required=False)


class VertegenwoordigingForm(forms.Form):
    vertegenwoordiger = forms.ChoiceField(label=_("Persoon"))
    omschrijving = forms.CharField(
        label=_("Reikwijdte"),
        max_length=200,
        help_text=_("Waarvoor mag deze persoon namens de organisatie optreden?"),
    )
    begindatum = forms.DateField(label=_("Vanaf"), widget=DateInput())
    einddatum = forms.DateField(label=_("Tot en met"), widget=DateInput(), required=False)

    def __init__(self, *args, keuzes: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vertegenwoordiger"].choices = [("", _("Kies een contactpersoon")), *keuzes]


class _MedewerkerRolIterator(ModelChoiceIterator):
    """The field's medewerkers that hold the medewerker role. Roles are a JSON list that not
    every database can filter on, so the role is tested here, on the one query that renders
    the choices (instead of a query for the ids and another for the choices)."""

    def __iter__(self):  # noqa: ANN204 - the base class's generator of (value, label)
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for medewerker in self.queryset:
            if Rol.MEDEWERKER in medewerker.rollen:
                yield self.choice(medewerker)


class MedewerkerMetRolField(MedewerkerChoiceField):
    """Active medewerkers with the medewerker role, lazily: no query until the field is
    rendered (one query) or a submitted value is checked (one query)."""

    iterator = _MedewerkerRolIterator

    def to_python(self, value: object) -> Medewerker | None:
        medewerker = super().to_python(value)
        if medewerker is not None and Rol.MEDEWERKER not in medewerker.rollen:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return medewerker


class KlantcontactForm(forms.Form):
    """Quick entry for a phone call: channel, subject, content; the rest is optional."""

    kanaal = forms.ChoiceField(label=_("Kanaal"), choices=Kanaal.choices, initial=Kanaal.TELEFOON)
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=200)
    inhoud = forms.CharField(
        label=_("Inhoud"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Wat vroeg of meldde de relatie, en wat is er geantwoord? Maximaal 1000 tekens."
        ),
    )
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), choices=Uitkomst.choices, initial=Uitkomst.BEANTWOORD
    )
    zaak = forms.ChoiceField(label=_("Over zaak"), required=False)
    vertrouwelijk = forms.BooleanField(label=_("Vertrouwelijk"), required=False)
    opvolging = forms.BooleanField(label=_("Opvolging nodig (taak)"), required=False)
    opvolging_titel = forms.CharField(
        label=_("Wat moet er gebeuren?"), max_length=200, required=False
    )
    opvolging_medewerker = MedewerkerMetRolField(
        label=_("Voor medewerker"),
        queryset=Medewerker.objects.none(),
        required=False,
        empty_label=_("Kies een medewerker"),
    )
    opvolging_vervaldatum = forms.DateField(
        label=_("Uiterlijk op"), widget=DateInput(), required=False
    )

    def __init__(self, *args, actor: Actor, zaken: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zaak"].choices = [("", _("Geen zaak"))] + [
            (str(z.uuid), f"{z.identificatie} — {z.zaaktype.omschrijving}") for z in zaken
        ]
        # The same people as accountmanagers_van(actor), without running a query here.
        self.fields["opvolging_medewerker"].queryset = Medewerker.objects.filter(
            organisatie_id=actor.organisatie.pk, actief=True
        ).order_by("achternaam")
        if actor.medewerker is not None and not self.is_bound:
            self.initial.setdefault("opvolging_medewerker", actor.medewerker.pk)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("opvolging"):
            if not data.get("opvolging_titel"):
                self.add_error("opvolging_titel", _("Geef aan wat er moet gebeuren."))
            if not data.get("opvolging_medewerker"):
                self.add_error("opvolging_medewerker", _("Kies voor wie de taak is."))
            if not data.get("opvolging_vervaldatum"):
                self.add_error("opvolging_vervaldatum", _("Geef een uiterste datum."))
        return data
