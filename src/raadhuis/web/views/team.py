"""The teamleider's overview: workload per medewerker in counts and ages, never client data."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.selectors import team_overview
from raadhuis.web.auth.decorators import staff_required

TELLINGEN = ("open_zaken", "zaken_over_termijn", "open_taken", "taken_te_laat", "taken_binnenkort")


@staff_required(roles=[Rol.TEAMLEIDER])
@require_GET
def team_view(request: HttpRequest) -> HttpResponse:
    regels = team_overview(actor=request.actor)
    totaal = {naam: sum(getattr(r, naam) for r in regels) for naam in TELLINGEN}
    leeftijden = [r.oudste_zaak_dagen for r in regels if r.oudste_zaak_dagen is not None]
    totaal["oudste_zaak_dagen"] = max(leeftijden) if leeftijden else None
    return render(request, "web/team.html", {"regels": regels, "totaal": totaal})
