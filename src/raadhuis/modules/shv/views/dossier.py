"""The consultant's caseload (werkvoorraad), the intake from the BRP and the dossier page
with its actions: first conversation, admission decision, phase and closing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.kernel.cases.uitbreidingen import zaak_uitbreidingen
from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_optellen
from raadhuis.modules.shv import selectors, services
from raadhuis.modules.shv.brp import brp_aanvrager_ophalen
from raadhuis.modules.shv.common import require_shv_toegang
from raadhuis.modules.shv.forms import (
    AanmeldingForm,
    AfsluitenForm,
    BrpZoekForm,
    CaseloadFilterForm,
    EersteGesprekForm,
    FaseForm,
    ToelatingForm,
)
from raadhuis.modules.shv.models import ShvDossier
from raadhuis.modules.shv.regeling.selectors import regeling_stand
from raadhuis.modules.shv.views.common import GET_POST, MEDEWERKER, dossier_url, form_status
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import page_size_from, render_page_or_partial

# --- caseload -------------------------------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_GET
def caseload_view(request: HttpRequest) -> HttpResponse:
    """'Mijn dossiers': late items first, filters by phase and track, pages of a fixed size."""
    actor = request.actor
    form = CaseloadFilterForm(request.GET or None, trajecten=selectors.trajecten_keuzes())
    filters = form.filters()
    qs = selectors.caseload(actor=actor, **filters)
    page = Paginator(qs, page_size_from(request)).get_page(request.GET.get("pagina"))
    dossiers = list(page.object_list)
    selectors.caseload_ingezien(actor=actor, dossiers=dossiers)
    context = {
        "form": form,
        "page": page,
        "dossiers": dossiers,
        "vandaag": vandaag(actor.organisatie.tijdzone),
        "filtered": bool(filters["fase"] or filters["traject"] or not filters["alleen_eigen"]),
    }
    return render_page_or_partial(
        request, "shv/caseload.html", "shv/partials/caseload_resultaten.html", context
    )


# --- intake ---------------------------------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def aanmelding_view(request: HttpRequest) -> HttpResponse:
    """Step 1: find the person in the BRP by BSN; step 2: choose the track, date and threat,
    and register. Nothing about the person is typed in: it comes from the BRP."""
    actor = request.actor
    require_shv_toegang(actor)
    today = vandaag(actor.organisatie.tijdzone)
    aanvrager = None
    form = None
    if request.method == "POST":
        form = AanmeldingForm(request.POST, actor=actor)
        zoek_form = BrpZoekForm({"bsn": request.POST.get("bsn", "")})
        if form.is_valid():
            data = form.cleaned_data
            try:
                dossier = services.shv_aanmelding_create(
                    actor=actor,
                    bsn=data["bsn"],
                    zaaktype=data["zaaktype"],
                    aanmeldingsdatum=data["aanmeldingsdatum"],
                    dreiging=data["dreiging"],
                    ondernemer=data["ondernemer"],
                    toelichting=data["toelichting"],
                )
            except ValidationError as error:
                service_errors_add(form, error)
            else:
                messages.success(
                    request,
                    _("Aanmelding geregistreerd: dossier %(nummer)s.")
                    % {"nummer": dossier.zaak.identificatie},
                )
                return redirect("shv:dossier", uuid=dossier.zaak.uuid)
    else:
        zoek_form = BrpZoekForm(request.GET if "bsn" in request.GET else None)
    if zoek_form.is_bound and zoek_form.is_valid():
        try:
            aanvrager = brp_aanvrager_ophalen(actor=actor, bsn=zoek_form.cleaned_data["bsn"])
        except ValidationError as error:
            service_errors_add(zoek_form, error)
    if aanvrager is not None and form is None:
        form = AanmeldingForm(
            actor=actor, initial={"bsn": aanvrager.persoon.bsn, "aanmeldingsdatum": today}
        )
    context = {
        "zoek_form": zoek_form,
        "form": form,
        "aanvrager": aanvrager,
        "vandaag": today,
        # Help already under way for this person: said before a second dossier is registered.
        "lopende_dossiers": (
            selectors.open_dossiers_van(actor=actor, bsn=aanvrager.persoon.bsn)
            if aanvrager is not None
            else []
        ),
    }
    if (form is not None and form.errors) or zoek_form.errors:
        return render(request, "shv/aanmelding.html", context, status=400)
    return render_page_or_partial(
        request, "shv/aanmelding.html", "shv/partials/aanmelding_brp.html", context
    )


# --- dossier --------------------------------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_GET
def dossier_view(request: HttpRequest, uuid: str) -> HttpResponse:
    dossier = selectors.dossier_get(actor=request.actor, zaak_uuid=uuid)
    overzicht = selectors.dossier_overzicht(actor=request.actor, dossier=dossier)
    organisatie = request.actor.organisatie
    context = {
        "dossier": dossier,
        "zaak": dossier.zaak,
        "o": overzicht,
        "binnenkort": werkdagen_optellen(
            overzicht.vandaag, settings.DUE_SOON_WORKING_DAYS, organisatie.land
        ),
        "eerste_gesprek_form": EersteGesprekForm(initial={"datum": overzicht.vandaag}),
        "toelating_form": ToelatingForm(initial={"datum": overzicht.vandaag}),
        "fase_form": FaseForm(dossier=dossier),
        "afsluiten_form": AfsluitenForm(dossier=dossier),
        # The settlement of this dossier, at a glance (its own pages are shv.regeling's).
        "regeling_stand": regeling_stand(dossier=dossier),
        # Blocks other modules add to the case, e.g. "Budgetbeheer" (kernel.cases.uitbreidingen).
        "uitbreidingen": zaak_uitbreidingen(request.actor, dossier.zaak),
    }
    return render(request, "shv/dossier.html", context)


def _dossier_actie(
    request: HttpRequest,
    uuid: str,
    *,
    form_factory: Callable[[ShvDossier, Any], Any],
    uitvoeren: Callable[[ShvDossier, dict], str],
    titel: str,
    knop: str,
    anker: str = "",
) -> HttpResponse:
    """A dossier action with its own form: GET shows it, POST runs the service and goes back
    to the dossier page with a message, or shows the form again with the errors."""
    dossier = selectors.dossier_get(actor=request.actor, zaak_uuid=uuid)
    form = form_factory(dossier, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            melding = uitvoeren(dossier, form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, melding)
            return redirect(dossier_url(dossier, anker))
    context = {"dossier": dossier, "zaak": dossier.zaak, "form": form, "titel": titel, "knop": knop}
    return render(request, "shv/actie.html", context, status=form_status(form))


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def eerste_gesprek_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def uitvoeren(dossier: ShvDossier, data: dict) -> str:
        dossier = services.eerste_gesprek_registreren(
            actor=request.actor, dossier=dossier, datum=data["datum"], verslag=data["verslag"]
        )
        if dossier.beschikking_uiterlijk:
            return _("Eerste gesprek vastgelegd. Beschikking uiterlijk %(datum)s.") % {
                "datum": dossier.beschikking_uiterlijk.strftime("%d-%m-%Y")
            }
        return _("Eerste gesprek vastgelegd.")

    return _dossier_actie(
        request,
        uuid,
        form_factory=lambda d, data: EersteGesprekForm(
            data, initial={"datum": vandaag(d.zaak.organisatie.tijdzone)}
        ),
        uitvoeren=uitvoeren,
        titel=_("Eerste gesprek vastleggen"),
        knop=_("Eerste gesprek vastleggen"),
        anker="termijnen",
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def toelating_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def uitvoeren(dossier: ShvDossier, data: dict) -> str:
        toegelaten = data["besluit"] == "toegelaten"
        services.toelating_vastleggen(
            actor=request.actor,
            dossier=dossier,
            toegelaten=toegelaten,
            datum=data["datum"],
            motivering=data["motivering"],
        )
        return _("Toelating vastgelegd.") if toegelaten else _("Afwijzing vastgelegd.")

    return _dossier_actie(
        request,
        uuid,
        form_factory=lambda d, data: ToelatingForm(
            data, initial={"datum": vandaag(d.zaak.organisatie.tijdzone)}
        ),
        uitvoeren=uitvoeren,
        titel=_("Beschikking toelating vastleggen"),
        knop=_("Beschikking vastleggen"),
        anker="termijnen",
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def fase_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def uitvoeren(dossier: ShvDossier, data: dict) -> str:
        dossier = services.dossier_fase_set(
            actor=request.actor, dossier=dossier, fase=data["fase"], toelichting=data["toelichting"]
        )
        return _("Het dossier is nu in de fase ‘%(fase)s’.") % {"fase": dossier.get_fase_display()}

    return _dossier_actie(
        request,
        uuid,
        form_factory=lambda d, data: FaseForm(data, dossier=d),
        uitvoeren=uitvoeren,
        titel=_("Fase wijzigen"),
        knop=_("Fase wijzigen"),
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def afsluiten_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def uitvoeren(dossier: ShvDossier, data: dict) -> str:
        services.dossier_afsluiten(
            actor=request.actor,
            dossier=dossier,
            resultaattype=data["resultaattype"],
            toelichting=data["toelichting"],
        )
        return _("Het dossier is afgesloten.")

    return _dossier_actie(
        request,
        uuid,
        form_factory=lambda d, data: AfsluitenForm(data, dossier=d),
        uitvoeren=uitvoeren,
        titel=_("Dossier afsluiten"),
        knop=_("Dossier afsluiten"),
    )
