"""The single forms of the API-koppelingen pages: the application itself, the scopes of a
component without types, one row of autorisaties on a component with types, a new secret and
removal. forms_applicaties.py puts them together into the whole page (see there for how the
autorisaties map onto the standard)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.models import Component
from raadhuis.kernel.access.services import SCOPES, AutorisatieData
from raadhuis.kernel.common import Vertrouwelijkheid

# Components whose autorisaties name a type, and the kind of type.
TYPE_SOORT: dict[str, str] = {
    Component.ZRC.value: "zaaktype",
    Component.DRC.value: "informatieobjecttype",
    Component.BRC.value: "besluittype",
}
TYPE_PAD = {
    "zaaktype": "zaaktypen",
    "informatieobjecttype": "informatieobjecttypen",
    "besluittype": "besluittypen",
}
TYPE_LABELS = {
    "zaaktype": _("Zaaktypen"),
    "informatieobjecttype": _("Informatieobjecttypen"),
    "besluittype": _("Besluittypen"),
}
# Components with a highest confidentiality per autorisatie.
MET_VERTROUWELIJKHEID = (Component.ZRC.value, Component.DRC.value)
# The order on the page: the components with types first.
TYPE_COMPONENTEN = (Component.ZRC.value, Component.DRC.value, Component.BRC.value)
VASTE_COMPONENTEN = (Component.ZTC.value, Component.AC.value, Component.NRC.value)
# The most rows of one component a posted page is read back with.
MAX_REGELS = 100

client_id_validator = RegexValidator(
    r"^[A-Za-z0-9._:@-]+$",
    message=_("Gebruik alleen letters, cijfers en de tekens . _ : @ -, zonder spaties."),
)


def type_url(request: HttpRequest, soort: str, type_uuid: uuid.UUID | str) -> str:
    """The Catalogi API URL of a local type, as the Autorisaties API stores it."""
    try:
        path = reverse(f"catalogi:{soort}-detail", kwargs={"uuid": type_uuid})
    except NoReverseMatch:
        path = f"/catalogi/api/v1/{TYPE_PAD[soort]}/{type_uuid}"
    return request.build_absolute_uri(path)


def uuid_at_end(url: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(url.rstrip("/").rsplit("/", 1)[-1]) if url else None
    except ValueError:
        return None


# --- the forms ------------------------------------------------------------------------------


class ApplicatieForm(forms.Form):
    label = forms.CharField(
        label=_("Naam"),
        max_length=100,
        help_text=_("Zo herken je de koppeling, bijvoorbeeld de naam van het zaaksysteem."),
    )
    client_id = forms.CharField(
        label=_("Client-id"),
        max_length=50,
        validators=[client_id_validator],
        help_text=_(
            "De client_id die de applicatie in haar JWT zet. Na het opslaan krijg je eenmalig "
            "de secret te zien."
        ),
    )
    heeft_alle_autorisaties = forms.BooleanField(
        label=_("Heeft alle autorisaties"),
        required=False,
        help_text=_(
            "Alle scopes op alle API's, voor alle typen. Alleen voor een applicatie die je "
            "volledig vertrouwt; laat de autorisaties hieronder dan leeg."
        ),
    )
    alleen_is_gereed_voor_publicatie = forms.BooleanField(
        label=_("Alleen documenten die gereed zijn voor publicatie"),
        required=False,
    )
    toelichting = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom je dit doet; komt in de audit trail."),
    )

    def __init__(self, *args: Any, met_client_id: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not met_client_id:
            del self.fields["client_id"]


class ScopesForm(forms.Form):
    """The scopes on a component without types (Catalogi, Autorisaties, Notificaties API)."""

    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, component: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.component = component
        self.fields["scopes"].choices = [(s, s) for s in SCOPES[component]]

    def autorisaties(self) -> list[AutorisatieData]:
        scopes = self.cleaned_data.get("scopes") or []
        return [AutorisatieData(component=self.component, scopes=list(scopes))] if scopes else []


class TypeAutorisatieForm(forms.Form):
    """One row on a component with types: scopes, types and (where it applies) a level."""

    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    typen = forms.MultipleChoiceField(label="", required=False, widget=forms.CheckboxSelectMultiple)
    max_vertrouwelijkheidaanduiding = forms.ChoiceField(
        label=_("Maximale vertrouwelijkheid"),
        required=False,
        choices=[("", _("Kies een niveau")), *Vertrouwelijkheid.choices],
        help_text=_("Zaken en documenten boven dit niveau blijven voor de applicatie verborgen."),
    )

    def __init__(
        self, *args: Any, component: str, type_keuzes: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.component = component
        self.soort = TYPE_SOORT[component]
        self.fields["scopes"].choices = [(s, s) for s in SCOPES[component]]
        self.fields["typen"].choices = type_keuzes
        self.fields["typen"].label = TYPE_LABELS[self.soort]
        if component not in MET_VERTROUWELIJKHEID:
            del self.fields["max_vertrouwelijkheidaanduiding"]

    @property
    def is_leeg(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("scopes") and not data.get("typen")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("scopes") and not data.get("typen"):
            return data  # an unused row
        if not data.get("scopes"):
            self.add_error("scopes", _("Kies minstens één scope."))
        if not data.get("typen"):
            self.add_error(
                "typen",
                _("Kies minstens één %(soort)s.") % {"soort": self.soort},
            )
        if "max_vertrouwelijkheidaanduiding" in self.fields and not data.get(
            "max_vertrouwelijkheidaanduiding"
        ):
            self.add_error(
                "max_vertrouwelijkheidaanduiding", _("Kies de maximale vertrouwelijkheid.")
            )
        return data


class BaseTypeAutorisatieFormSet(forms.BaseFormSet):
    def autorisaties(self, urls: dict[str, str]) -> list[AutorisatieData]:
        """One autorisatie per chosen type; `urls` maps a choice to the URL stored for it."""
        result = []
        for form in self.forms:
            if form.is_leeg:
                continue
            for keuze in form.cleaned_data["typen"]:
                data = AutorisatieData(
                    component=form.component,
                    scopes=list(form.cleaned_data["scopes"]),
                    max_vertrouwelijkheidaanduiding=form.cleaned_data.get(
                        "max_vertrouwelijkheidaanduiding", ""
                    ),
                )
                setattr(data, form.soort, urls[keuze])
                result.append(data)
        return result


# One empty row on a fresh page; a bound formset has the rows its management form says.
TypeAutorisatieFormSet = forms.formset_factory(
    TypeAutorisatieForm, formset=BaseTypeAutorisatieFormSet, extra=1
)


class SecretForm(forms.Form):
    """Which client id gets a new secret, and why."""

    client_id = forms.ChoiceField(label=_("Client-id"))
    toelichting = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom je de secret vervangt; komt in de audit trail."),
    )

    def __init__(self, *args: Any, client_ids: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client_id"].choices = [(c, c) for c in client_ids]
        if len(client_ids) == 1:
            self.fields["client_id"].initial = client_ids[0]


class VerwijderForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom de koppeling weg mag; komt in de audit trail."),
    )
