"""The list of processes per case type, a new process (empty or from an existing one)
and importing a process from JSON."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.kernel.workflow.proces_selectors import (
    procesdefinitie_get,
    processen_lijst,
)
from raadhuis.kernel.workflow.proces_services import (
    proces_create,
)
from raadhuis.kernel.workflow.uitwisseling import proces_importeren
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.processen.common import BEHEER, GET_POST, MAX_IMPORT_BYTES
from raadhuis.web.views.processen.formulieren import (
    ImportForm,
    ProcesForm,
)

# --- the list, a new process, import --------------------------------------------------------


@staff_required(roles=BEHEER)
@require_GET
def processen_view(request: HttpRequest) -> HttpResponse:
    regels = processen_lijst(actor=request.actor)
    return render(request, "web/processen/lijst.html", {"regels": regels})


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def proces_create_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    regels = processen_lijst(actor=actor)
    form = ProcesForm(
        request.POST or None,
        regels=regels,
        initial={"zaaktype": request.GET.get("zaaktype", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        zaaktype = next(r.zaaktype for r in regels if str(r.zaaktype.uuid) == data["zaaktype"])
        basis = None
        if data["op_basis_van"]:
            bron = procesdefinitie_get(actor=actor, uuid=data["op_basis_van"])
            basis = bron.versies.filter(actief=True).first()
        try:
            versie = proces_create(
                actor=actor,
                zaaktype=zaaktype,
                naam=data["naam"],
                code=data["code"] or slugify(data["naam"])[:50],
                omschrijving=data["omschrijving"],
                op_basis_van=basis,
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request, _("Proces ‘%(naam)s’ is aangemaakt als concept.") % {"naam": data["naam"]}
            )
            return redirect("web:procesversie_detail", uuid=versie.uuid)
    status = 400 if form.errors else 200
    return render(request, "web/processen/nieuw.html", {"form": form}, status=status)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def proces_import_view(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    fouten: list[str] = []
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            if bestand.size > MAX_IMPORT_BYTES:
                raise ValueError(_("Het bestand is groter dan 1 MB."))
            data = json.loads(bestand.read().decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            fouten = [
                str(error)
                if isinstance(error, ValueError) and not isinstance(error, json.JSONDecodeError)
                else _("Dit is geen geldig JSON-bestand.")
            ]
        else:
            try:
                versie = proces_importeren(
                    request.actor,
                    request.actor.organisatie,
                    data,
                    publiceren=form.cleaned_data["publiceren"],
                )
            except ValidationError as error:
                fouten = _fouten_per_pad(error)
            else:
                messages.success(
                    request,
                    _("Versie %(n)s van proces ‘%(naam)s’ is geïmporteerd.")
                    % {"n": versie.versie, "naam": versie.definitie.naam},
                )
                return redirect("web:procesversie_detail", uuid=versie.uuid)
    status = 400 if (form.errors or fouten) else 200
    context = {"form": form, "fouten": fouten}
    return render(request, "web/processen/importeren.html", context, status=status)


def _fouten_per_pad(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    return [
        f"{pad}: {melding}" if pad else melding
        for pad, meldingen in error.message_dict.items()
        for melding in meldingen
    ]
