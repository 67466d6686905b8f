"""The steps of a concept version: add, change, move up or down, delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from raadhuis.kernel.workflow.proces_selectors import (
    processtap_get,
    procesversie_get,
)
from raadhuis.kernel.workflow.proces_services import (
    nieuwste_zaaktype,
    processtap_add,
    processtap_delete,
    processtap_move,
    processtap_update,
)
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import wants_partial
from raadhuis.web.views.processen.common import BEHEER, GET_POST, editor_context
from raadhuis.web.views.processen.formulieren import (
    StapForm,
)


@staff_required(roles=BEHEER)
@require_POST
def processtap_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    versie = procesversie_get(actor=request.actor, uuid=uuid)
    form = StapForm(request.POST, zaaktype=nieuwste_zaaktype(versie.definitie))
    if form.is_valid():
        try:
            stap = processtap_add(actor=request.actor, versie=versie, **form.cleaned_data)
        except ValidationError as error:
            if not versie.is_concept:  # the page shows no step form for a published version
                messages.error(request, " ".join(error.messages))
                return redirect("web:procesversie_detail", uuid=versie.uuid)
            service_errors_add(form, error, field_map={"code": "naam"})
        else:
            messages.success(request, _("Stap ‘%(naam)s’ is toegevoegd.") % {"naam": stap.naam})
            return redirect(reverse("web:procesversie_detail", args=[versie.uuid]) + "#stappen")
    context = editor_context(request, versie, stap_form=form)
    return render(request, "web/processen/versie.html", context, status=400)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def processtap_update_view(request: HttpRequest, uuid: str) -> HttpResponse:
    stap = processtap_get(actor=request.actor, uuid=uuid)
    zaaktype = nieuwste_zaaktype(stap.versie.definitie)
    initial = {
        "naam": stap.naam,
        "statustype_omschrijving": stap.statustype_omschrijving,
        "doorlooptijd_werkdagen": stap.doorlooptijd_werkdagen,
        "toelichting": stap.toelichting,
    }
    form = StapForm(request.POST or None, zaaktype=zaaktype, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            processtap_update(actor=request.actor, stap=stap, **form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Stap ‘%(naam)s’ is opgeslagen.") % form.cleaned_data)
            return redirect(
                reverse("web:procesversie_detail", args=[stap.versie.uuid]) + "#stappen"
            )
    status = 400 if form.errors else 200
    context = {"stap": stap, "versie": stap.versie, "form": form}
    return render(request, "web/processen/stap.html", context, status=status)


@staff_required(roles=BEHEER)
@require_POST
def processtap_move_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Up or down one place. htmx swaps the list of steps (the pressed button keeps focus: it
    has the same id in the new list); without JavaScript the page reloads at the step."""
    stap = processtap_get(actor=request.actor, uuid=uuid)
    versie = stap.versie
    richting = request.POST.get("richting", "")
    try:
        stap = processtap_move(actor=request.actor, stap=stap, richting=richting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:procesversie_detail", uuid=versie.uuid)
    melding = _("Stap ‘%(naam)s’ staat nu op plaats %(n)s.") % {
        "naam": stap.naam,
        "n": stap.volgnummer,
    }
    if wants_partial(request):
        context = editor_context(request, versie, melding=melding)
        return render(request, "web/processen/_stappen.html", context)
    messages.success(request, melding)
    return redirect(reverse("web:procesversie_detail", args=[versie.uuid]) + f"#stap-{stap.uuid}")


@staff_required(roles=BEHEER)
@require_POST
def processtap_delete_view(request: HttpRequest, uuid: str) -> HttpResponse:
    stap = processtap_get(actor=request.actor, uuid=uuid)
    try:
        processtap_delete(actor=request.actor, stap=stap)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Stap ‘%(naam)s’ is verwijderd.") % {"naam": stap.naam})
    return redirect(reverse("web:procesversie_detail", args=[stap.versie.uuid]) + "#stappen")
