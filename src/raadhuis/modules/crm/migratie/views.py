"""The migration screens (namespace crm:migratie): upload, column mapping, dry-run report with
the merge screen for duplicates, and the final import."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.migratie import selectors, services
from raadhuis.modules.crm.migratie.dubbelen import SAMENVOEG_VELDEN
from raadhuis.modules.crm.migratie.forms import MappingForm, UploadForm
from raadhuis.modules.crm.migratie.lezen import VELDEN
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add

ROLLEN = [Rol.MEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER]
TONEN = 1000  # report rows on the page


@staff_required(roles=ROLLEN)
@require_http_methods(["GET", "POST"])
def overzicht_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        afdelingen=services.afdelingen_voor_import(actor),
    )
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            upload = services.importbestand_create(
                actor=actor,
                naam=bestand.name,
                inhoud=bestand.read(),
                afdeling=form.cleaned_data["afdeling"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            return redirect("crm:migratie:koppelen", uuid=upload.uuid)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "bestanden": selectors.importbestanden(actor)[:20]}
    return render(request, "crm_migratie/overzicht.html", context, status=status)


@staff_required(roles=ROLLEN)
@require_http_methods(["GET", "POST"])
def koppelen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    bestand = selectors.importbestand_get(actor=request.actor, uuid=uuid)
    form = MappingForm(request.POST or None, koppen=bestand.koppen, initial=bestand.mapping)
    if request.method == "POST" and form.is_valid():
        try:
            services.importbestand_mapping_set(
                actor=request.actor, bestand=bestand, mapping=form.mapping()
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            return redirect("crm:migratie:verslag", uuid=bestand.uuid)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "crm_migratie/koppelen.html", {"bestand": bestand, "form": form}, status=status
    )


@staff_required(roles=ROLLEN)
@require_http_methods(["GET"])
def mapping_json_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The mapping as JSON, for `raadhuis crm import --mapping` on the next export."""
    bestand = selectors.importbestand_get(actor=request.actor, uuid=uuid)
    response = JsonResponse(bestand.mapping, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mapping.json"'
    return response


def _keuzes_uit(request: HttpRequest) -> dict[str, dict[str, str]]:
    keuzes: dict[str, dict[str, str]] = {}
    for sleutel, waarde in request.POST.items():
        delen = sleutel.split("-")
        if len(delen) == 3 and delen[0] == "keuze" and delen[1].isdigit():
            keuzes.setdefault(delen[1], {})[delen[2]] = waarde
    return keuzes


@staff_required(roles=ROLLEN)
@require_http_methods(["GET", "POST"])
def verslag_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The dry-run report; duplicates carry the merge choices (POST saves them)."""
    bestand = selectors.importbestand_get(actor=request.actor, uuid=uuid)
    if request.method == "POST":
        try:
            services.importbestand_keuzes_set(
                actor=request.actor, bestand=bestand, keuzes=_keuzes_uit(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Keuzes opgeslagen; de proefimport is opnieuw gedaan."))
        return redirect("crm:migratie:verslag", uuid=bestand.uuid)
    rijen = bestand.rapport.get("rijen", [])
    dubbelen = [r for r in rijen if r.get("dubbel")]
    for rij in dubbelen:
        keuze = bestand.keuzes.get(str(rij["rij"]), {})
        rij["actie"] = keuze.get("_actie", "samenvoegen")
        rij["velden"] = [
            {
                "veld": veld,
                "label": _(VELDEN[veld]),
                "bestaand": waarden[0],
                "import": waarden[1],
                "keuze": keuze.get(veld, ""),
            }
            for veld, waarden in rij.get("verschillen", {}).items()
            if veld in SAMENVOEG_VELDEN
        ]

    # Errors, duplicates and what was left out (a contract the relation already has) first:
    # in a big file they are what the user has to look at.
    def opvallend(rij: dict) -> bool:
        return bool(rij.get("fouten") or rij.get("dubbel") or rij.get("meldingen"))

    bijzonder = [r for r in rijen if opvallend(r)]
    gewoon = [r for r in rijen if not opvallend(r)]
    context = {
        "bestand": bestand,
        "verslag": bestand.rapport,
        "rijen": (bijzonder + gewoon)[:TONEN],
        "meer_rijen": max(len(rijen) - TONEN, 0),
        "dubbelen": dubbelen,
        "mapping": [(VELDEN[v], k) for v, k in bestand.mapping.items() if v in VELDEN],
        "mapping_json": json.dumps(bestand.mapping, indent=2, ensure_ascii=False),
    }
    return render(request, "crm_migratie/verslag.html", context)


@staff_required(roles=ROLLEN)
@require_POST
def importeren_view(request: HttpRequest, uuid: str) -> HttpResponse:
    bestand = selectors.importbestand_get(actor=request.actor, uuid=uuid)
    try:
        verslag = services.importbestand_importeren(actor=request.actor, bestand=bestand)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if verslag.uitgevoerd:
            messages.success(request, verslag.samenvatting())
        else:
            messages.error(request, verslag.samenvatting())
    return redirect("crm:migratie:verslag", uuid=bestand.uuid)
