"""Choice fields that stay fast on long lists (see also renderers.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator


class EvaluatedOnceIterator(ModelChoiceIterator):
    """Django walks a choice field's queryset twice per render (for the `required` attribute,
    then for the options) and counts it for len(), each time with a new query: on PostgreSQL a
    server-side cursor, three round trips. This evaluates it once per form instance."""

    def _objects(self) -> list[Any]:
        cached = getattr(self.field, "_evaluated_choices", None)
        if cached is None or cached[0] is not self.field.queryset:
            cached = (self.field.queryset, list(self.field.queryset))
            self.field._evaluated_choices = cached
        return cached[1]

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self._objects():
            yield self.choice(obj)

    def __len__(self) -> int:
        return len(self._objects()) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self._objects())


class ModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices are queried once per form (see EvaluatedOnceIterator)."""

    iterator = EvaluatedOnceIterator
