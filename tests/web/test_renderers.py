"""The Python form renderer writes exactly the markup of Django's widget templates."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from hypothesis import given, settings
from hypothesis import strategies as st

from raadhuis.web.renderers import FastWidgetRenderer

CHOICES = [("", "—"), ("a", "Één & <twee>"), ("b", 'Citaat "x"')]
GROUPED = [("Groep <1>", [("x", "X")]), ("Groep 2", [("y", "Y"), ("z", "Z")])]


class EveryWidgetForm(forms.Form):
    tekst = forms.CharField(help_text="Uitleg", max_length=20)
    email = forms.EmailField(required=False)
    getal = forms.IntegerField(min_value=0)
    datum = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    vinkje = forms.BooleanField(required=False)
    verborgen = forms.CharField(widget=forms.HiddenInput, required=False)
    lang = forms.CharField(widget=forms.Textarea, required=False)
    keuze = forms.ChoiceField(choices=CHOICES)
    groepen = forms.ChoiceField(choices=GROUPED, required=False)
    meer = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    radio = forms.ChoiceField(choices=CHOICES[1:], widget=forms.RadioSelect)


def _render_all(form: forms.Form) -> list[str]:
    return [str(bound) for bound in form]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "tekst": 'a "quoted" <b>tag</b> & more',
            "email": "x@example.org",
            "getal": "-1",
            "datum": "2026-02-30",
            "vinkje": "on",
            "verborgen": "v",
            "lang": "regel 1\nregel <2>",
            "keuze": "b",
            "groepen": "z",
            "meer": ["a", "b"],
            "radio": "a",
        },
    ],
)
def test_widgets_gelijk_aan_django_templates(data):
    initial = {"datum": datetime.date(2026, 11, 22), "tekst": "begin"}
    django_form = EveryWidgetForm(data, initial=initial, renderer=DjangoTemplates())
    fast_form = EveryWidgetForm(data, initial=initial, renderer=FastWidgetRenderer())
    if data:
        django_form.is_valid()
        fast_form.is_valid()
    assert _render_all(fast_form) == _render_all(django_form)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30))
def test_willekeurige_waarden_worden_gelijk_ontsnapt(tekst, lang):
    data = {"tekst": tekst, "lang": lang, "keuze": "a", "getal": "1", "datum": "2026-01-01"}
    django_form = EveryWidgetForm(data, renderer=DjangoTemplates())
    fast_form = EveryWidgetForm(data, renderer=FastWidgetRenderer())
    assert _render_all(fast_form) == _render_all(django_form)
