"""The pieces every staff form uses: service errors back on the fields, the date input, and
the choice of case workers."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

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


class MedewerkerChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Medewerker) -> str:
        return obj.naam


def form_status(form: forms.Form) -> int:
    """The HTTP status of a page with a form: 400 when a submitted form has errors (so tools
    and tests see the failure), else 200."""
    return 400 if form.is_bound and form.errors else 200
