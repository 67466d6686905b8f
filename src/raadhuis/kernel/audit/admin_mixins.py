"""Django admin building blocks for configuration data (the catalogue, staff, organisations).

`AuditedAdminMixin`: every save and delete in the admin, including inline rows, writes an audit
entry with the changed fields (old and new value) and the acting medewerker, in the same
transaction as the change. `OrganisatieScopedAdminMixin`: a functional administrator sees and
picks only the rows of the organisations where they hold an administrative role.
`ReadOnlyAdminMixin`: view-only (the audit trail itself).
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import uuid
from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, Rol

BEHEER_ROLLEN = (Rol.BEHEERDER, Rol.FUNCTIONEEL_BEHEERDER)
TOELICHTING = "Gewijzigd in het beheer (Django admin)"


def _display(value: Any) -> Any:
    """A JSON-ready, human-readable form of a field value for the audit trail."""
    if value is None or isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, QuerySet | list | tuple | set):
        return [_display(v) for v in value]
    if isinstance(value, datetime.date | datetime.datetime | uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _display(v) for k, v in value.items()}
    return str(value)


def _db_values(instance: models.Model, names: list[str]) -> dict[str, Any]:
    """Values of `names` as stored in the database now (before the admin's save)."""
    if instance.pk is None:
        return {}
    stored = type(instance)._default_manager.filter(pk=instance.pk).first()
    if stored is None:
        return {}
    values: dict[str, Any] = {}
    for name in names:
        try:
            field = stored._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a form-only field has no stored value
            continue
        if field.many_to_many:
            values[name] = _display(list(getattr(stored, name).all()))
        else:
            values[name] = _display(getattr(stored, name))
    return values


def _changes(form: ModelForm, before: dict[str, Any]) -> dict[str, list[Any]]:
    changes = {}
    for name in form.changed_data:
        new = _display(form.cleaned_data.get(name))
        old = before.get(name)
        if old != new:
            changes[name] = [old, new]
    return changes


def organisatie_of(obj: models.Model) -> Organisatie | None:
    """The tenant a configuration object belongs to, following the usual relations."""
    if isinstance(obj, Organisatie):
        return obj
    for path in ("organisatie", "catalogus", "zaaktype", "medewerker"):
        related = getattr(obj, path, None) if _has_field(obj, path) else None
        if isinstance(related, Organisatie):
            return related
        if related is not None:
            found = organisatie_of(related)
            if found is not None:
                return found
    return None


def _has_field(obj: models.Model, name: str) -> bool:
    try:
        obj._meta.get_field(name)
    except Exception:  # noqa: BLE001
        return False
    return True


def admin_actor(request: HttpRequest, organisatie: Organisatie | None) -> Actor | None:
    """Who acts: the user's medewerker in the object's organisation, else the system acting
    in the user's name (a superuser who is no medewerker there)."""
    actor: Actor | None = getattr(request, "actor", None)
    if organisatie is None:
        return actor
    if actor is not None and actor.organisatie.pk == organisatie.pk:
        return actor
    user_pk: int | None = request.user.pk
    medewerker = (
        Medewerker.objects.filter(user_id=user_pk, organisatie=organisatie, actief=True)
        .select_related("organisatie")
        .prefetch_related("zaaktype_autorisaties")
        .first()
        if user_pk is not None
        else None
    )
    if medewerker is not None:
        return Actor.for_medewerker(medewerker)
    naam = request.user.get_username() if request.user.is_authenticated else "onbekend"
    return dataclasses.replace(
        Actor.system(organisatie, weergave=f"{naam} (beheer)"),
        user_id=request.user.pk if request.user.is_authenticated else None,
    )


def admin_audit_record(
    request: HttpRequest,
    obj: models.Model,
    *,
    actie: str,
    wijzigingen: dict[str, Any],
    organisatie: Organisatie | None = None,
) -> None:
    organisatie = organisatie or organisatie_of(obj)
    actor = admin_actor(request, organisatie)
    if actor is None:
        return  # no organisation at all yet: nothing municipal to audit
    audit_entry_record(
        actor=actor, actie=actie, obj=obj, wijzigingen=wijzigingen, toelichting=TOELICHTING
    )


class AuditedAdminMixin:
    """Put first in a ModelAdmin's bases: `class ZaakTypeAdmin(AuditedAdminMixin, ModelAdmin)`."""

    def save_model(
        self, request: HttpRequest, obj: models.Model, form: ModelForm, change: bool
    ) -> None:
        with transaction.atomic():
            before = _db_values(obj, list(form.changed_data)) if change else {}
            super().save_model(request, obj, form, change)  # type: ignore[misc]
            wijzigingen = _changes(form, before)
            if change and not wijzigingen:
                return
            admin_audit_record(
                request,
                obj,
                actie="beheer_gewijzigd" if change else "beheer_aangemaakt",
                wijzigingen=wijzigingen,
            )

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list, change: bool
    ) -> None:
        # Many-to-many fields are saved here, after save_model; their change is already in the
        # audit entry of save_model (form.changed_data covers them).
        super().save_related(request, form, formsets, change)  # type: ignore[misc]

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseModelFormSet, change: bool
    ) -> None:
        """Inline rows: one audit entry per added, changed or deleted row."""
        with transaction.atomic():
            before = {
                f.instance.pk: _db_values(f.instance, list(f.changed_data))
                for f in formset.forms
                if f.instance.pk is not None and f.has_changed()
            }
            deleted = {
                f.instance.pk: str(f.instance)
                for f in (formset.deleted_forms if formset.can_delete else [])
                if f.instance.pk is not None
            }
            super().save_formset(request, form, formset, change)  # type: ignore[misc]
            organisatie = organisatie_of(form.instance)
            for obj in formset.new_objects:
                row_form = next((f for f in formset.forms if f.instance is obj), None)
                admin_audit_record(
                    request,
                    obj,
                    actie="beheer_aangemaakt",
                    wijzigingen=_changes(row_form, {}) if row_form else {},
                    organisatie=organisatie,
                )
            for obj, _fields in formset.changed_objects:
                row_form = next((f for f in formset.forms if f.instance is obj), None)
                wijzigingen = _changes(row_form, before.get(obj.pk, {})) if row_form else {}
                admin_audit_record(
                    request,
                    obj,
                    actie="beheer_gewijzigd",
                    wijzigingen=wijzigingen,
                    organisatie=organisatie,
                )
            for obj in formset.deleted_objects:
                admin_audit_record(
                    request,
                    obj,
                    actie="beheer_verwijderd",
                    wijzigingen={"object": [deleted.get(obj.pk, str(obj)), None]},
                    organisatie=organisatie,
                )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            admin_audit_record(
                request, obj, actie="beheer_verwijderd", wijzigingen={"object": [str(obj), None]}
            )
            super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            for obj in queryset:
                admin_audit_record(
                    request,
                    obj,
                    actie="beheer_verwijderd",
                    wijzigingen={"object": [str(obj), None]},
                )
            super().delete_queryset(request, queryset)  # type: ignore[misc]


def beheer_organisatie_ids(request: HttpRequest) -> list[int] | None:
    """Organisations where the user administers configuration; None means all (superuser)."""
    if request.user.is_superuser:
        return None
    user_pk: int | None = request.user.pk
    if user_pk is None:
        return []
    cached = getattr(request, "_raadhuis_beheer_organisaties", None)
    if cached is None:
        cached = [
            m.organisatie_id
            for m in Medewerker.objects.filter(user_id=user_pk, actief=True)
            if any(rol in m.rollen for rol in BEHEER_ROLLEN)
        ]
        setattr(request, "_raadhuis_beheer_organisaties", cached)  # noqa: B010 - per request
    return cached


class OrganisatieScopedAdminMixin:
    """Limit rows and foreign-key choices to the user's organisations.

    `organisatie_path`: the lookup from this model to Organisatie ("" for Organisatie itself).
    """

    organisatie_path = "organisatie"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)  # type: ignore[misc]
        ids = beheer_organisatie_ids(request)
        if ids is None:
            return qs
        lookup = f"{self.organisatie_path}__in" if self.organisatie_path else "pk__in"
        return qs.filter(**{lookup: ids})

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):  # noqa: ANN001, ANN201
        scoped = scoped_choices(db_field.related_model, request)
        if scoped is not None:
            kwargs["queryset"] = scoped
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):  # noqa: ANN001, ANN201
        scoped = scoped_choices(db_field.related_model, request)
        if scoped is not None:
            kwargs["queryset"] = scoped
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]

    def get_deleted_objects(self, objs, request: HttpRequest):  # noqa: ANN001, ANN201
        """The delete confirmation would list every case, role and document that hangs under a
        case or document type: client data a functional administrator may not see. Show counts
        per kind instead."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(  # type: ignore[misc]
            objs, request
        )
        samenvatting = [f"{capfirst(naam)}: {aantal}" for naam, aantal in model_count.items()]
        beschermd = (
            [_("%(n)d gekoppelde gegevens (zaken, rollen of documenten)") % {"n": len(protected)}]
            if protected
            else []
        )
        return samenvatting, model_count, perms_needed, beschermd


def scoped_choices(related: type[models.Model], request: HttpRequest) -> QuerySet | None:
    """The choices of a relation limited to the user's organisations (None: no limit)."""
    ids = beheer_organisatie_ids(request)
    if ids is None:
        return None
    if related is Organisatie:
        return Organisatie.objects.filter(pk__in=ids)
    if _has_model_field(related, "organisatie"):
        return related._default_manager.filter(organisatie_id__in=ids)
    if _has_model_field(related, "catalogus"):
        return related._default_manager.filter(catalogus__organisatie_id__in=ids)
    return None


def _has_model_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:  # noqa: BLE001
        return False
    return True


class ReadOnlyAdminMixin:
    """View only: no add, change or delete, not even for a superuser (and so no bulk actions)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


__all__ = [
    "AuditedAdminMixin",
    "OrganisatieScopedAdminMixin",
    "ReadOnlyAdminMixin",
    "admin_audit_record",
]
