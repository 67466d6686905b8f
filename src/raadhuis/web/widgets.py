"""Choice fields that stay fast on long lists (see also renderers.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator


class EvaluatedOnceIterator(ModelChoiceIterator):
    """Django walks a choice field's queryset twice per render (for the `required` attribute,
    then for the options) and counts it for len(), each time with a new query: on PostgreSQL a
    server-side cursor, three round trips. This evaluates it once per form instance.

    A form that already holds the options as (pk, label) pairs (from a values() query, see
    ModelChoiceField.keuzes_set) gets them without a model instance per option; the queryset
    then only validates a submitted choice."""

    def _objects(self) -> list[Any]:
        cached = getattr(self.field, "_evaluated_choices", None)
        if cached is None or cached[0] is not self.field.queryset:
            cached = (self.field.queryset, list(self.field.queryset))
            self.field._evaluated_choices = cached
        return cached[1]

    def _keuzes(self) -> list[tuple[Any, str]] | None:
        keuzes = getattr(self.field, "_keuzes", None)
        if keuzes is None or keuzes[0] is not self.field.queryset:
            return None  # none given, or the queryset was replaced since
        return keuzes[1]

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        keuzes = self._keuzes()
        if keuzes is not None:
            yield from keuzes
            return
        for obj in self._objects():
            yield self.choice(obj)

    def __len__(self) -> int:
        keuzes = self._keuzes()
        aantal = len(self._objects()) if keuzes is None else len(keuzes)
        return aantal + (1 if self.field.empty_label is not None else 0)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(len(self))


class ModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices are queried once per form (see EvaluatedOnceIterator)."""

    iterator = EvaluatedOnceIterator

    def geladen_set(self, queryset: QuerySet[Any], objecten: list[Any]) -> None:
        """`queryset` with its rows already read (`objecten`, in its order), so the options
        cost no query of their own: for a page that shows the same rows elsewhere too."""
        self.queryset = queryset
        self._evaluated_choices = (self.queryset, objecten)

    def keuzes_set(self, queryset: QuerySet[Any], keuzes: list[tuple[Any, str]]) -> None:
        """Options as (pk, label) pairs, in `queryset`'s order and with the labels
        label_from_instance gives; `queryset` (not evaluated here) validates a submitted
        choice, so it must hold exactly the rows of `keuzes`."""
        self.queryset = queryset
        self._keuzes = (self.queryset, keuzes)
