"""The print queue: letters waiting to be printed and posted, as one PDF, then marked printed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from raadhuis.kernel.messaging.selectors import (
    printwachtrij,
    printwachtrij_pdf,
)
from raadhuis.kernel.messaging.services import verzendingen_printed
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.views.brieven.algemeen import MEDEWERKER


@staff_required(roles=MEDEWERKER)
@require_GET
def printwachtrij_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/brieven/printwachtrij.html", {"wachtrij": printwachtrij(actor=request.actor)}
    )


@staff_required(roles=MEDEWERKER)
@require_POST
def printwachtrij_pdf_view(request: HttpRequest) -> HttpResponse:
    pdf, verzendingen = printwachtrij_pdf(
        actor=request.actor, uuids=request.POST.getlist("verzending")
    )
    if not verzendingen:
        messages.error(request, _("Kies de brieven die je wilt printen."))
        return redirect("web:brieven_printwachtrij")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="printwachtrij.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required(roles=MEDEWERKER)
@require_POST
def printwachtrij_geprint_view(request: HttpRequest) -> HttpResponse:
    aantal = verzendingen_printed(actor=request.actor, uuids=request.POST.getlist("verzending"))
    if aantal:
        messages.success(
            request,
            ngettext(
                "%(aantal)d brief is als geprint gemarkeerd.",
                "%(aantal)d brieven zijn als geprint gemarkeerd.",
                aantal,
            )
            % {"aantal": aantal},
        )
    else:
        messages.error(request, _("Kies de brieven die geprint zijn."))
    return redirect("web:brieven_printwachtrij")
