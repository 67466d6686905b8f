"""'Mijn werkvoorraad': the landing page after login, and completing a task."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.selectors import taken_open, werkvoorraad
from raadhuis.kernel.workflow.services import taak_complete
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.views.common import safe_next, wants_partial

LIMIT = 25  # rows per work-queue table; more is a sign to use the case list's filters


@staff_required
@require_GET
def werkvoorraad_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    if not actor.heeft_rol(Rol.MEDEWERKER):
        # Teamleiders, auditors and administrators have no work queue: show where to go.
        return render(request, "web/werkvoorraad/startpagina.html", {"rollen": actor.rollen})
    # One row more than shown tells whether there is more, without counting.
    wv = werkvoorraad(actor=actor, limit=LIMIT + 1)
    taken = wv.taken[:LIMIT]
    context = {
        "wv": wv,
        "limiet": LIMIT,
        "taken": taken,
        "meer_taken": len(wv.taken) > LIMIT,
        "taken_te_laat": sum(1 for t in taken if wv.te_laat(t.vervaldatum)),
        "team_taken": wv.team_taken[:LIMIT],
        "meer_team_taken": len(wv.team_taken) > LIMIT,
        "zaken": wv.zaken[:LIMIT],
        "meer_zaken": len(wv.zaken) > LIMIT,
    }
    return render(request, "web/werkvoorraad/werkvoorraad.html", context)


@staff_required(roles=[Rol.MEDEWERKER])
@require_POST
def taak_complete_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Complete an open task. htmx swaps the task's table row for a confirmation row;
    without JavaScript the browser returns to the page it came from."""
    back = safe_next(request, reverse("web:werkvoorraad"))
    taak = taken_open(actor=request.actor).filter(uuid=uuid).first()
    fout = ""
    if taak is None:
        fout = _("Deze taak is niet gevonden of is al afgerond.")
    else:
        try:
            taak_complete(
                actor=request.actor, taak=taak, toelichting=request.POST.get("toelichting", "")
            )
        except ValidationError as error:
            fout = " ".join(error.messages)
    if wants_partial(request):
        colspan = request.POST.get("colspan", "")
        context = {"taak": taak, "fout": fout, "colspan": colspan if colspan.isdigit() else "5"}
        return render(request, "web/werkvoorraad/_taak_afgerond.html", context)
    if fout:
        messages.error(request, fout)
    else:
        messages.success(request, _("Taak ‘%(titel)s’ is afgerond.") % {"titel": taak.titel})
    return redirect(back)
