"""The screen of a letter from the template library, shared by the CRM sub-apps: choose a
letter, preview it (live through htmx, or "Voorbeeld bijwerken"), send it by e-mail or post.
The sub-app's view reads its object (access rule, processing log) and describes the rest in a
`Briefscherm`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from raadhuis.kernel.messaging.models import Brief, BriefSjabloon
from raadhuis.modules.crm.sjablonen.brieven import BRIEF_VELDEN, verstuurd_melding
from raadhuis.modules.crm.sjablonen.forms import BibliotheekBriefForm
from raadhuis.web.forms import service_errors_add


@dataclass(frozen=True)
class Briefscherm:
    """What differs per sub-app. `voorbeeld(code, tekst)` renders the letter (HTML) and
    `versturen(cleaned_data)` sends it; both raise Dutch ValidationErrors."""

    sjablonen: list[BriefSjabloon]
    kanaal: str
    form_class: type[BibliotheekBriefForm]
    voorbeeld: Callable[[str, str], str]
    versturen: Callable[[dict[str, Any]], Brief]
    terug_url: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


def _voorbeeld(scherm: Briefscherm, data: Mapping[str, Any]) -> dict[str, Any]:
    """{"html": the letter} or {"fouten": Dutch messages}, for web/brieven/_voorbeeld.html."""
    if not data.get("sjabloon"):
        return {"fouten": [_("Kies een brief.")]}
    try:
        html = scherm.voorbeeld(data["sjabloon"], data.get("tekst") or "")
    except ValidationError as error:
        return {"fouten": list(error.messages)}
    return {"html": html, "titel": _("Voorbeeld van de brief")}


def bibliotheekbrief_scherm(request: HttpRequest, scherm: Briefscherm) -> HttpResponse:
    """GET: the form with a preview of the first letter; POST "voorbeeld" (or htmx): the
    preview again; POST: send, then back to `terug_url` with what happened to the letter."""
    keuzes = [(s.code, s.naam) for s in scherm.sjablonen]
    initial = {"sjabloon": keuzes[0][0] if keuzes else "", "kanaal": scherm.kanaal}
    form = scherm.form_class(request.POST or None, sjablonen=keuzes, initial=initial)
    voorbeeld_gevraagd = request.POST.get("actie") == "voorbeeld"
    if request.method == "POST" and not voorbeeld_gevraagd and form.is_valid():
        try:
            brief = scherm.versturen(form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error, BRIEF_VELDEN)
        else:
            messages.success(request, verstuurd_melding(brief))
            return redirect(scherm.terug_url)
    data = form.data if form.is_bound else form.initial
    voorbeeld = _voorbeeld(scherm, data)
    if request.headers.get("HX-Request") == "true":
        return render(request, "web/brieven/_voorbeeld.html", {"voorbeeld": voorbeeld})
    context = {
        **scherm.context,
        "form": form,
        "sjablonen": scherm.sjablonen,
        "voorbeeld": voorbeeld,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, scherm.template, context, status=status)
