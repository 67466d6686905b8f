"""The automatic actions of a step in a concept version: add (the kind chooses the
settings form), change and delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from raadhuis.kernel.workflow import acties as register
from raadhuis.kernel.workflow.models import (
    ActieTrigger,
    ProcesActie,
)
from raadhuis.kernel.workflow.proces_selectors import (
    procesactie_get,
    processtap_get,
)
from raadhuis.kernel.workflow.proces_services import (
    keuze_context,
    procesactie_add,
    procesactie_delete,
    procesactie_omschrijving,
    procesactie_update,
)
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import render_page_or_partial
from raadhuis.web.views.processen.common import BEHEER, GET_POST
from raadhuis.web.views.processen.formulieren import (
    ActieForm,
)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def procesactie_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Add an automatic action to a step. Choosing the kind re-renders the form with that
    kind's settings (htmx, or the 'Instellingen tonen' button without JavaScript)."""
    actor = request.actor
    stap = processtap_get(actor=actor, uuid=uuid)
    context_keuzes = keuze_context(stap.versie.definitie)
    data = request.POST if request.method == "POST" else request.GET
    soort = register.actie_soort_get(data.get("soort", ""))
    alleen_kiezen = request.method == "GET" or "soort_kiezen" in request.POST
    form = ActieForm(
        None if alleen_kiezen else request.POST,
        soort=soort,
        context=context_keuzes,
        initial={
            "trigger": data.get("trigger") or ActieTrigger.BIJ_START_STAP,
            "werkdagen": data.get("werkdagen") or None,
        },
    )
    if not alleen_kiezen and form.is_valid():
        try:
            procesactie_add(
                actor=actor,
                stap=stap,
                soort=form.cleaned_data["soort"],
                trigger=form.cleaned_data["trigger"],
                werkdagen=form.cleaned_data["werkdagen"],
                parameters=form.parameters(),
            )
        except ValidationError as error:
            service_errors_add(
                form, error, field_map={p.naam: f"p_{p.naam}" for p in soort.parameters}
            )
        else:
            messages.success(
                request, _("De actie is toegevoegd aan stap ‘%(naam)s’.") % {"naam": stap.naam}
            )
            return redirect(
                reverse("web:procesversie_detail", args=[stap.versie.uuid]) + f"#stap-{stap.uuid}"
            )
    status = 400 if form.errors else 200
    context = {"stap": stap, "versie": stap.versie, "form": form, "soort": soort}
    return render_page_or_partial(
        request, "web/processen/actie.html", "web/processen/_actie_form.html", context, status
    )


def _actie_initial(actie: ProcesActie) -> dict[str, Any]:
    """The form's starting values: the action as it is now."""
    initial: dict[str, Any] = {
        "soort": actie.soort,
        "trigger": actie.trigger,
        "werkdagen": actie.werkdagen,
    }
    initial.update({f"p_{naam}": waarde for naam, waarde in actie.parameters.items()})
    return initial


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def procesactie_update_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Change when an action happens and its settings (its kind stays), in a concept version:
    the same form and checks as adding one. An action of a published version is read-only;
    the page then offers a new concept version to change it in."""
    actor = request.actor
    actie = procesactie_get(actor=actor, uuid=uuid)
    stap, versie = actie.stap, actie.stap.versie
    soort = register.actie_soort_get(actie.soort)
    form = ActieForm(
        request.POST if request.method == "POST" else None,
        soort=soort,
        context=keuze_context(versie.definitie),
        initial=_actie_initial(actie),
    )
    form.fields["soort"].disabled = True
    if request.method == "POST" and soort is not None and form.is_valid():
        try:
            procesactie_update(
                actor=actor,
                actie=actie,
                trigger=form.cleaned_data["trigger"],
                werkdagen=form.cleaned_data["werkdagen"],
                parameters=form.parameters(),
            )
        except ValidationError as error:
            if not versie.is_concept:
                messages.error(request, " ".join(error.messages))
                return redirect("web:procesversie_detail", uuid=versie.uuid)
            service_errors_add(
                form, error, field_map={p.naam: f"p_{p.naam}" for p in soort.parameters}
            )
        else:
            messages.success(
                request, _("De actie in stap ‘%(naam)s’ is gewijzigd.") % {"naam": stap.naam}
            )
            return redirect(
                reverse("web:procesversie_detail", args=[versie.uuid]) + f"#stap-{stap.uuid}"
            )
    geweigerd = request.method == "POST" and (soort is None or not versie.is_concept)
    status = 400 if form.errors or geweigerd else 200
    context = {
        "stap": stap,
        "versie": versie,
        "actie": actie,
        "form": form,
        "soort": soort,
        "omschrijving": procesactie_omschrijving(actie),
    }
    return render(request, "web/processen/actie_wijzigen.html", context, status=status)


@staff_required(roles=BEHEER)
@require_POST
def procesactie_delete_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actie = procesactie_get(actor=request.actor, uuid=uuid)
    versie = actie.stap.versie
    try:
        procesactie_delete(actor=request.actor, actie=actie)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De actie is verwijderd."))
    return redirect(
        reverse("web:procesversie_detail", args=[versie.uuid]) + f"#stap-{actie.stap.uuid}"
    )
