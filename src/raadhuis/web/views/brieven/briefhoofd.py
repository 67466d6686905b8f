"""The organisation's letterhead, with a live preview."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from raadhuis.kernel.messaging.samenvoegvelden import voorbeeld_context
from raadhuis.kernel.messaging.selectors import sjablonen_bruikbaar
from raadhuis.kernel.messaging.services import (
    BRIEFHOOFD_VELDEN,
    briefhoofd_update,
    briefhoofd_voor,
    logo_check,
)
from raadhuis.kernel.messaging.sjablonen import SjabloonTekst
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.brieven.algemeen import BEHEER, GET_POST
from raadhuis.web.views.brieven.forms import BriefhoofdForm
from raadhuis.web.views.brieven.voorbeeld import foutmeldingen, render_voorbeeld, voorbeeld_maken


def _briefhoofd_voorbeeld(request: HttpRequest, form: BriefhoofdForm) -> dict[str, Any]:
    hoofd = briefhoofd_voor(request.actor.organisatie)
    data = form.data if form.is_bound else {}
    for veld in BRIEFHOOFD_VELDEN:
        if veld in data:
            setattr(hoofd, veld, data.get(veld) or "")
    try:
        hoofd.logo_svg = logo_check(hoofd.logo_svg)
    except ValidationError as error:
        return {"fouten": foutmeldingen(error)}
    sjabloon = sjablonen_bruikbaar(actor=request.actor).first()
    versie = sjabloon.huidige_versie if sjabloon else None
    tekst = (
        SjabloonTekst(versie.onderwerp, versie.inhoud, versie.naam)
        if versie
        else SjabloonTekst(_("Voorbeeld"), "<p>{{ ontvanger.aanhef }}</p>")
    )
    return voorbeeld_maken(request, tekst, voorbeeld_context(request.actor.organisatie), hoofd)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def briefhoofd_view(request: HttpRequest) -> HttpResponse:
    hoofd = briefhoofd_voor(request.actor.organisatie)
    form = BriefhoofdForm(request.POST or None, instance=hoofd)
    if request.method == "POST" and form.is_valid():
        try:
            briefhoofd_update(
                actor=request.actor, **{v: form.cleaned_data[v] for v in BRIEFHOOFD_VELDEN}
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Het briefhoofd is opgeslagen."))
            return redirect("web:brieven_briefhoofd")
    context = {"form": form, "voorbeeld": _briefhoofd_voorbeeld(request, form)}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "web/brieven/briefhoofd.html", context, status=status)


@staff_required(roles=BEHEER)
@require_POST
def briefhoofd_voorbeeld_view(request: HttpRequest) -> HttpResponse:
    form = BriefhoofdForm(request.POST, instance=briefhoofd_voor(request.actor.organisatie))
    return render_voorbeeld(request, _briefhoofd_voorbeeld(request, form))
