"""Forms of the segment and mailing screens: shape only; the services give the Dutch errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.messaging.models import BriefSjabloon, SjabloonSoort
from raadhuis.kernel.messaging.selectors import sjablonen_lijst
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid
from raadhuis.modules.crm.mailing.models import Segment
from raadhuis.modules.crm.models import RelatieSoort, Tag
from raadhuis.modules.crm.selectors import accountmanagers_van, eenheden_voor_beheer
from raadhuis.web.widgets import ModelChoiceField


class SegmentForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=200)
    omschrijving = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    soort = forms.ChoiceField(
        label=_("Soort relatie"),
        required=False,
        choices=[("", _("— alle —")), *RelatieSoort.choices],
    )
    tag = ModelChoiceField(
        label=_("Tag"), required=False, queryset=Tag.objects.none(), empty_label=_("— alle —")
    )
    eenheid = ModelChoiceField(
        label=_("Afdeling"),
        required=False,
        queryset=OrganisatorischeEenheid.objects.none(),
        empty_label=_("— alle —"),
    )
    accountmanager = ModelChoiceField(
        label=_("Accountmanager"),
        required=False,
        queryset=Medewerker.objects.none(),
        empty_label=_("— alle —"),
    )
    postcode_van = forms.CharField(
        label=_("Postcode vanaf (wijk)"),
        required=False,
        max_length=4,
        help_text=_("Vier cijfers, bijv. 5211."),
    )
    postcode_tot = forms.CharField(
        label=_("Postcode tot en met"),
        required=False,
        max_length=4,
        help_text=_("Vier cijfers, bijv. 5216."),
    )
    zaaktype_identificatie = forms.CharField(
        label=_("Betrokken bij een zaak van zaaktype"),
        required=False,
        max_length=80,
        help_text=_(
            "De identificatie van het zaaktype, bijv. SUBSIDIE-VER. Leeg: geen voorwaarde."
        ),
    )
    zaak_jaren = forms.IntegerField(
        label=_("Zaak gestart in de laatste … jaar"), initial=2, min_value=1, max_value=20
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = actor.organisatie
        self.fields["tag"].queryset = Tag.objects.filter(organisatie=org).order_by("naam")
        self.fields["eenheid"].queryset = OrganisatorischeEenheid.objects.filter(
            pk__in=[e.pk for e in eenheden_voor_beheer(actor)]
        ).order_by("naam")
        self.fields["accountmanager"].queryset = Medewerker.objects.filter(
            pk__in=[m.pk for m in accountmanagers_van(actor)]
        ).order_by("achternaam", "voorletters")

    @staticmethod
    def initial_van(segment: Segment) -> dict[str, Any]:
        return {
            veld: getattr(segment, veld)
            for veld in (
                "naam",
                "omschrijving",
                "soort",
                "tag",
                "eenheid",
                "accountmanager",
                "postcode_van",
                "postcode_tot",
                "zaaktype_identificatie",
                "zaak_jaren",
            )
        }


MAILING_SOORTEN = (SjabloonSoort.EMAIL, SjabloonSoort.BRIEF)


class MailingForm(forms.Form):
    naam = forms.CharField(label=_("Naam van de mailing"), max_length=200)
    segment = ModelChoiceField(
        label=_("Segment"), queryset=Segment.objects.none(), to_field_name="uuid"
    )
    sjabloon = ModelChoiceField(
        label=_("Sjabloon"),
        queryset=BriefSjabloon.objects.none(),
        to_field_name="uuid",
        help_text=_(
            "Een sjabloon uit de sjablonenbibliotheek; samenvoegvelden als {{ relatie.aanhef }}."
        ),
    )
    onderwerp = forms.CharField(
        label=_("Onderwerp"),
        required=False,
        max_length=300,
        help_text=_("Leeg: het onderwerp van het sjabloon."),
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = actor.organisatie
        self.fields["segment"].queryset = Segment.objects.filter(organisatie=org).order_by("naam")
        # A mailing is an e-mail: e-mail templates (and letters), never a quotation.
        self.fields["sjabloon"].queryset = sjablonen_lijst(actor, soort=MAILING_SOORTEN)


class TestmailForm(forms.Form):
    emailadres = forms.EmailField(
        label=_("Testmail naar"), required=False, help_text=_("Leeg: je eigen e-mailadres.")
    )


class BounceForm(forms.Form):
    reden = forms.CharField(label=_("Reden van de bounce"), max_length=500)
