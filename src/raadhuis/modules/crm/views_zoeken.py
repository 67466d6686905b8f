"""The CRM search page (/crm/zoeken/): one box, type filters, smart filters, hits per type."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.zoeken import (
    MAX_LIMIET,
    STANDAARD_LIMIET,
    crm_zoeken,
    slimme_filters,
    zoekbronnen,
)
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.views.common import render_page_or_partial


class ZoekForm(forms.Form):
    q = forms.CharField(label=_("Zoek in het CRM"), required=False, max_length=200)
    soort = forms.MultipleChoiceField(
        label=_("Soort"), required=False, widget=forms.CheckboxSelectMultiple
    )
    slim = forms.ChoiceField(label=_("Slim filter"), required=False)
    # The keyset token of the next page of one type (zoeken.cursor_maken): a bad one is page 1.
    na = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [(b.naam, b.titel) for b in zoekbronnen()]
        self.fields["slim"].choices = [("", _("Geen"))] + [
            (s.sleutel, s.titel) for _bron, s in slimme_filters()
        ]


@staff_required(roles=[Rol.MEDEWERKER])
@require_GET
def zoeken_view(request: HttpRequest) -> HttpResponse:
    form = ZoekForm(request.GET or None)
    resultaat = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        # One type chosen: show more of it; the overview shows a few per type.
        limit = MAX_LIMIET if (len(data["soort"]) == 1 or data["slim"]) else STANDAARD_LIMIET
        resultaat = crm_zoeken(
            actor=request.actor,
            zoekterm=data["q"],
            soorten=data["soort"],
            slim=data["slim"],
            limit=limit,
            na=data["na"],
        )
    context = {"form": form, "resultaat": resultaat, "slimme_filters": slimme_filters()}
    return render_page_or_partial(
        request, "crm/zoeken/zoeken.html", "crm/zoeken/_resultaten.html", context
    )
