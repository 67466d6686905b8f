"""The pieces every staff form uses: service errors back on the fields, the date input, and
the choice of case workers."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Medewerker, Rol
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


def medewerker_naam(voorletters: str, voorvoegsel: str, achternaam: str) -> str:
    """Medewerker.naam from the three columns, for lists read with values()."""
    return " ".join(part for part in (voorletters, voorvoegsel, achternaam) if part)


def behandelaar_keuzes(actor: Actor) -> tuple[QuerySet[Medewerker], list[tuple[int, str]]]:
    """The medewerkers of behandelaars() as (pk, name) options by surname, in one values query
    (a case-worker select builds no model instance per option), and the queryset of exactly
    those medewerkers that validates a submitted choice (see ModelChoiceField.keuzes_set)."""
    rijen = (
        Medewerker.objects.filter(organisatie_id=actor.organisatie.pk, actief=True)
        .order_by("achternaam", "id")
        .values_list("pk", "voorletters", "voorvoegsel_achternaam", "achternaam", "rollen")
    )
    keuzes = [
        (pk, medewerker_naam(voorletters, voorvoegsel, achternaam))
        for pk, voorletters, voorvoegsel, achternaam, rollen in rijen
        if Rol.MEDEWERKER in rollen
    ]
    queryset = Medewerker.objects.filter(pk__in=[pk for pk, _naam in keuzes])
    return queryset.order_by("achternaam", "id"), keuzes


class MedewerkerChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Medewerker) -> str:
        return obj.naam


def form_status(form: forms.Form) -> int:
    """The HTTP status of a page with a form: 400 when a submitted form has errors (so tools
    and tests see the failure), else 200."""
    return 400 if form.is_bound and form.errors else 200
