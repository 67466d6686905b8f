"""The form of a letter from the template library, shared by the CRM sub-apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class BibliotheekBriefForm(forms.Form):
    """A letter from the template library: which one, how, an optional free text. A sub-app
    subclasses it to say whose history the reason is for (`reden_hulp`)."""

    reden_hulp: str | Promise = ""

    sjabloon = forms.ChoiceField(label=_("Brief"))
    kanaal = forms.ChoiceField(
        label=_("Versturen per"),
        choices=[("email", _("E-mail (de brief als PDF-bijlage)")), ("post", _("Post"))],
        widget=forms.RadioSelect,
    )
    tekst = forms.CharField(
        label=_("Eigen tekst"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Komt in de brief waar het sjabloon {{ brief.tekst }} heeft."),
    )
    reden = forms.CharField(label=_("Reden"), required=False, max_length=300)

    def __init__(self, *args: Any, sjablonen: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "brief_%s")
        super().__init__(*args, **kwargs)
        self.fields["sjabloon"].choices = sjablonen
        self.fields["reden"].help_text = self.reden_hulp
