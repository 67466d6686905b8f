"""A process and its versions: the history with how many cases run each version
(counts only), a new concept, the version editor page, export, publishing and discarding
a concept."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from raadhuis.kernel.workflow.proces_selectors import (
    procesdefinitie_get,
    procesversie_get,
    procesversies,
)
from raadhuis.kernel.workflow.proces_services import (
    nieuwste_zaaktype,
    procesversie_concept_maken,
    procesversie_concept_verwijderen,
    procesversie_publiceren,
)
from raadhuis.kernel.workflow.uitwisseling import proces_exporteren
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.processen.common import BEHEER, editor_context
from raadhuis.web.views.processen.formulieren import (
    PubliceerForm,
)

# --- a process and its versions ---------------------------------------------------------------


@staff_required(roles=BEHEER)
@require_GET
def proces_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    definitie = procesdefinitie_get(actor=actor, uuid=uuid)
    versies = procesversies(actor=actor, definitie=definitie)
    context = {
        "definitie": definitie,
        "zaaktype": nieuwste_zaaktype(definitie),
        "versies": versies,
        "concept": next((r.versie for r in versies if r.versie.is_concept), None),
        "actief": next((r.versie for r in versies if r.versie.actief), None),
    }
    return render(request, "web/processen/detail.html", context)


@staff_required(roles=BEHEER)
@require_POST
def procesversie_concept_view(request: HttpRequest, uuid: str) -> HttpResponse:
    definitie = procesdefinitie_get(actor=request.actor, uuid=uuid)
    concept = procesversie_concept_maken(actor=request.actor, definitie=definitie)
    return redirect("web:procesversie_detail", uuid=concept.uuid)


@staff_required(roles=BEHEER)
@require_GET
def proces_export_view(request: HttpRequest, uuid: str) -> HttpResponse:
    versie = procesversie_get(actor=request.actor, uuid=uuid)
    inhoud = json.dumps(proces_exporteren(versie), ensure_ascii=False, indent=2)
    response = HttpResponse(inhoud, content_type="application/json; charset=utf-8")
    naam = f"proces-{versie.definitie.code}-v{versie.versie}.json"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@staff_required(roles=BEHEER)
@require_GET
def procesversie_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    versie = procesversie_get(actor=request.actor, uuid=uuid)
    return render(request, "web/processen/versie.html", editor_context(request, versie))


@staff_required(roles=BEHEER)
@require_POST
def procesversie_publish_view(request: HttpRequest, uuid: str) -> HttpResponse:
    versie = procesversie_get(actor=request.actor, uuid=uuid)
    form = PubliceerForm(request.POST)
    if form.is_valid():
        try:
            procesversie_publiceren(
                actor=request.actor, versie=versie, toelichting=form.cleaned_data["toelichting"]
            )
        except ValidationError as error:
            if not versie.is_concept:  # the page shows no publish form for a published version
                messages.error(request, " ".join(error.messages))
                return redirect("web:procesversie_detail", uuid=versie.uuid)
            service_errors_add(form, error)
        else:
            messages.success(
                request,
                _(
                    "Versie %(n)s is gepubliceerd: nieuwe zaken krijgen deze versie. Lopende "
                    "zaken houden hun versie tot je ze migreert."
                )
                % {"n": versie.versie},
            )
            return redirect("web:proces_detail", uuid=versie.definitie.uuid)
    context = editor_context(request, versie, publiceer_form=form)
    return render(request, "web/processen/versie.html", context, status=400)


@staff_required(roles=BEHEER)
@require_POST
def procesversie_discard_view(request: HttpRequest, uuid: str) -> HttpResponse:
    versie = procesversie_get(actor=request.actor, uuid=uuid)
    definitie = versie.definitie
    try:
        procesversie_concept_verwijderen(actor=request.actor, versie=versie)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:procesversie_detail", uuid=versie.uuid)
    messages.success(request, _("Het concept is verwijderd."))
    if not definitie.versies.exists():  # the process went with its only version
        return redirect("web:processen")
    return redirect("web:proces_detail", uuid=definitie.uuid)
