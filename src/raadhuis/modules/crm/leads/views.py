"""The lead screens at /crm/leads/ (namespace crm:leads): the pipeline board (a list per stage
with move buttons, no drag-only UI), the list with filters (incl. "zonder contact in 30
dagen"), registering a lead for a relation, the lead page (score with its factors, history,
stage change, quotations, "Contract vastleggen" once won), conversion figures, and the
functional administrator's pipeline management.

Every view: `staff_required(roles=[...])`, a selector that applies the department rule
(someone of another department gets 404), one service call, render.
"""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.leads import forms as f
from raadhuis.modules.crm.leads import selectors, services
from raadhuis.modules.crm.leads.models import FaseSoort, Lead, Offerte
from raadhuis.modules.crm.relatiekeuze import relatie_kiezen
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import page_size_from, render_page_or_partial, safe_next

MEDEWERKER = [Rol.MEDEWERKER]
CONVERSIE = [Rol.MEDEWERKER, Rol.TEAMLEIDER]
BEHEER = [Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER]
GET_POST = ["GET", "POST"]


def _status(form: forms.Form | None) -> int:
    return 400 if form is not None and form.is_bound and form.errors else 200


def _lead(request: HttpRequest, uuid: str) -> Lead:
    try:
        return selectors.lead_get(actor=request.actor, uuid=uuid)
    except NietGevonden as error:
        raise Http404(_("Lead niet gevonden.")) from error


def contract_link(lead: Lead) -> str:
    """'Contract vastleggen' for a won lead: the contracts app is a sibling, never imported;
    without it (no URL) there is no link."""
    try:
        return f"{reverse('crm:contracten:nieuw')}?partij={lead.partij.uuid}"
    except NoReverseMatch:
        return ""


def _relatie_link(lead: Lead) -> str:
    try:
        return reverse("crm:relatie", kwargs={"uuid": lead.partij.uuid})
    except NoReverseMatch:
        return ""


# --- board and list -------------------------------------------------------------------------
@staff_required(roles=MEDEWERKER)
@require_GET
def bord_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    pipelines = selectors.pipelines_van(actor)
    gekozen = None
    if request.GET.get("pipeline"):
        gekozen = next((p for p in pipelines if str(p.uuid) == request.GET["pipeline"]), None)
    if gekozen is None and pipelines:
        gekozen = pipelines[0]
    kolommen = selectors.pipeline_bord(actor=actor, pipeline=gekozen) if gekozen else []
    context = {
        "pipelines": pipelines,
        "pipeline": gekozen,
        "kolommen": kolommen,
        "open_kolommen": [k for k in kolommen if k.fase.is_open],
        "eind_kolommen": [k for k in kolommen if not k.fase.is_open],
    }
    return render(request, "crm/leads/bord.html", context)


@staff_required(roles=MEDEWERKER)
@require_GET
def lijst_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = f.LeadFilterForm(request.GET or None, actor=actor)
    filters = form.filters()
    regels = selectors.leads_zoeken(actor=actor, filters=filters)
    page = Paginator(regels, page_size_from(request)).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "page": page,
        "regels": list(page.object_list),
        "filtered": any(v for v in vars(filters).values()),
        "totaal_waarde": sum((r.lead.waarde for r in regels), start=0),
    }
    return render_page_or_partial(
        request, "crm/leads/lijst.html", "crm/leads/partials/lijst_resultaten.html", context
    )


@staff_required(roles=MEDEWERKER)
@require_POST
def verplaatsen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    lead = _lead(request, uuid)
    terug = safe_next(request, f"{reverse('crm:leads:bord')}?pipeline={lead.pipeline.uuid}")
    try:
        lead = services.lead_verplaatsen(
            actor=request.actor, lead=lead, richting=request.POST.get("richting", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(nr)s staat nu in fase ‘%(fase)s’.") % {"nr": lead.kenmerk, "fase": lead.fase.naam},
        )
    return redirect(terug)


# --- register and change --------------------------------------------------------------------
@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def nieuw_view(request: HttpRequest) -> HttpResponse:
    """Step 1: find the relation (or come from a relation page with ?partij=<uuid>); step 2:
    the lead."""
    from raadhuis.modules.crm.selectors import relatie_get, relaties_zoeken

    actor = request.actor
    relatie, zoek_form, resultaten = relatie_kiezen(
        request,
        kies=lambda uuid: relatie_get(actor=actor, partij_uuid=uuid),
        zoek=lambda term: relaties_zoeken(actor=actor, zoekterm=term),
        zoek_form_class=f.RelatieZoekForm,
    )
    form = None
    if request.method == "POST":
        form = f.LeadForm(request.POST, actor=actor)
        if relatie is None:
            form.add_error(None, _("Kies eerst de relatie."))
        elif form.is_valid():
            try:
                lead = services.lead_create(
                    actor=actor, partij=relatie.partij, **form.service_velden()
                )
            except ValidationError as error:
                service_errors_add(form, error)
            else:
                messages.success(request, _("Lead %(nr)s vastgelegd.") % {"nr": lead.kenmerk})
                return redirect("crm:leads:detail", uuid=lead.uuid)
    elif relatie is not None:
        eigen = list(actor.medewerker.eenheden.all()[:1]) if actor.medewerker else []
        form = f.LeadForm(
            actor=actor,
            initial={
                "pipeline": next(iter(selectors.pipelines_van(actor)), None),
                "eigenaar": actor.medewerker.pk if actor.medewerker else None,
                "afdeling": (relatie.eenheid_id if relatie.eenheid_id else None)
                or (eigen[0].pk if eigen else None),
            },
        )
    context = {"relatie": relatie, "zoek_form": zoek_form, "resultaten": resultaten, "form": form}
    return render(request, "crm/leads/nieuw.html", context, status=_status(form))


def _formulier(
    request: HttpRequest, lead: Lead, form: forms.Form, titel: str, knop: str, status: int = 200
) -> HttpResponse:
    context = {"lead": lead, "form": form, "titel": titel, "knop": knop}
    return render(request, "crm/leads/formulier.html", context, status=status)


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def wijzigen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    lead = _lead(request, uuid)
    if request.method == "POST":
        form = f.LeadForm(request.POST, actor=request.actor, bewerken=True)
        if form.is_valid():
            try:
                services.lead_update(actor=request.actor, lead=lead, **form.service_velden())
            except ValidationError as error:
                service_errors_add(form, error)
            else:
                messages.success(request, _("Lead bijgewerkt."))
                return redirect("crm:leads:detail", uuid=lead.uuid)
    else:
        initial = {veld: getattr(lead, veld) for veld in services.LEAD_VELDEN}
        initial["eigenaar"] = lead.eigenaar_id
        initial["afdeling"] = lead.afdeling_id
        form = f.LeadForm(actor=request.actor, bewerken=True, initial=initial)
    return _formulier(request, lead, form, _("Lead wijzigen"), _("Opslaan"), _status(form))


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def fase_view(request: HttpRequest, uuid: str) -> HttpResponse:
    lead = _lead(request, uuid)
    if request.method == "POST":
        form = f.FaseForm(request.POST, pipeline=lead.pipeline)
        if form.is_valid():
            try:
                lead = services.lead_fase_set(actor=request.actor, lead=lead, **form.cleaned_data)
            except ValidationError as error:
                service_errors_add(form, error)
            else:
                if lead.fase.soort == FaseSoort.GEWONNEN:
                    messages.success(
                        request,
                        _(
                            "Gewonnen! De relatie is gemarkeerd als klant. "
                            "Leg nu het contract vast."
                        ),
                    )
                else:
                    messages.success(
                        request, _("De lead staat nu in fase ‘%(fase)s’.") % {"fase": lead.fase}
                    )
                return redirect("crm:leads:detail", uuid=lead.uuid)
    else:
        form = f.FaseForm(pipeline=lead.pipeline, initial={"fase": lead.fase_id})
    return _formulier(request, lead, form, _("Fase wijzigen"), _("Fase wijzigen"), _status(form))


# --- the lead page --------------------------------------------------------------------------
@staff_required(roles=MEDEWERKER)
@require_GET
def detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    lead = _lead(request, uuid)
    laatste = selectors.laatste_contacten(lead.organisatie_id, [lead.partij_id]).get(lead.partij_id)
    context = {
        "lead": lead,
        "score": selectors.lead_score_van(lead),
        "historie": list(lead.fasewissels.select_related("van_fase", "naar_fase")),
        "offertes": list(lead.offertes.select_related("sjabloon_versie")),
        "fasen": selectors.fasen_van(lead.pipeline),
        "laatste_contact": laatste,
        "contract_link": contract_link(lead) if lead.fase.soort == FaseSoort.GEWONNEN else "",
        "relatie_link": _relatie_link(lead),
        "fase_form": f.FaseForm(pipeline=lead.pipeline, initial={"fase": lead.fase_id}),
    }
    return render(request, "crm/leads/detail.html", context)


def _offerte_pagina(
    request: HttpRequest, lead: Lead, form: f.OfferteForm, status: int = 200
) -> HttpResponse:
    """The quotation form with the preview of the quotation as it would be made (the kernel's
    letter preview partial); for htmx only that partial. A service error goes on its field."""
    voorbeeld: dict = {}
    if form.errors:
        # While typing (htmx): say why there is no preview instead of leaving it empty.
        voorbeeld["fouten"] = [
            f"{form.fields[naam].label if naam in form.fields else ''}: {fout}".lstrip(": ")
            for naam, fouten in form.errors.items()
            for fout in fouten
        ]
    else:
        data = form.cleaned_data if form.is_bound else {}
        try:
            voorbeeld["html"] = services.offerte_voorbeeld(
                actor=request.actor,
                lead=lead,
                sjabloon=data.get("sjabloon"),
                bedrag=data.get("bedrag"),
                geldig_tot=data.get("geldig_tot"),
            )
        except ValidationError as error:
            voorbeeld["fouten"] = list(error.messages)
            if form.is_bound:
                service_errors_add(form, error)
                status = 400
    if request.headers.get("HX-Request") == "true":
        return render(request, "web/brieven/_voorbeeld.html", {"voorbeeld": voorbeeld})
    context = {"lead": lead, "form": form, "voorbeeld": voorbeeld}
    return render(request, "crm/leads/offerte.html", context, status=status)


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def offerte_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Choose a quotation template, amount and validity; "Voorbeeld bijwerken" (and the live
    preview through htmx) shows the quotation without saving, "Offerte maken" stores the PDF."""
    lead = _lead(request, uuid)
    sjablonen = services.offerte_sjablonen_voor(actor=request.actor)
    if request.method == "POST":
        form = f.OfferteForm(request.POST, sjablonen=sjablonen)
        if request.POST.get("actie") == "voorbeeld" or not form.is_valid():
            return _offerte_pagina(request, lead, form, _status(form))
        try:
            offerte = services.offerte_create(actor=request.actor, lead=lead, **form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error)
            return _offerte_pagina(request, lead, form, 400)
        messages.success(
            request,
            _("Offerte %(nr)s gemaakt uit het sjabloon ‘%(sjabloon)s’.")
            % {"nr": offerte.nummer, "sjabloon": offerte.sjabloon_versie.naam},
        )
        return redirect("crm:leads:detail", uuid=lead.uuid)
    return _offerte_pagina(request, lead, f.OfferteForm(sjablonen=sjablonen))


@staff_required(roles=MEDEWERKER)
@require_GET
def offerte_download_view(request: HttpRequest, uuid: str) -> FileResponse:
    try:
        offerte = Offerte.objects.select_related("lead").get(
            organisatie_id=request.actor.organisatie.pk, uuid=uuid
        )
    except Offerte.DoesNotExist as error:
        raise Http404(_("Offerte niet gevonden.")) from error
    _lead(request, offerte.lead.uuid)  # the department rule of the lead applies
    return FileResponse(
        offerte.bestand.open("rb"),
        as_attachment=True,
        filename=f"offerte-{offerte.nummer}.pdf",
        content_type="application/pdf",
    )


# --- figures --------------------------------------------------------------------------------
def _datum(tekst: str | None, standaard: date) -> date:
    try:
        return date.fromisoformat(tekst or "")
    except ValueError:
        return standaard


@staff_required(roles=CONVERSIE)
@require_GET
def conversie_view(request: HttpRequest) -> HttpResponse:
    vandaag_ = vandaag(request.actor.organisatie.tijdzone)
    tot = _datum(request.GET.get("tot"), vandaag_)
    van = _datum(request.GET.get("van"), tot - timedelta(days=365))
    if van > tot:
        van, tot = tot, van
    regels = selectors.lead_conversie(request.actor, van, tot)
    return render(request, "crm/leads/conversie.html", {"regels": regels, "van": van, "tot": tot})


# --- pipelines (functional administrator) ---------------------------------------------------
@staff_required(roles=BEHEER)
@require_GET
def pipelines_view(request: HttpRequest) -> HttpResponse:
    pipelines = selectors.pipelines_van(request.actor, ook_inactief=True)
    regels = [(p, selectors.fasen_van(p)) for p in pipelines]
    return render(request, "crm/leads/pipelines.html", {"regels": regels})


def _pipeline_opslaan(request: HttpRequest, form: f.PipelineForm, pipeline=None):  # noqa: ANN001, ANN202
    data = form.cleaned_data
    try:
        if pipeline is None:
            return services.pipeline_create(
                actor=request.actor,
                naam=data["naam"],
                omschrijving=data["omschrijving"],
                fasen=form.fasen(),
            )
        return services.pipeline_update(
            actor=request.actor,
            pipeline=pipeline,
            naam=data["naam"],
            omschrijving=data["omschrijving"],
            actief=data["actief"],
            fasen=form.fasen(),
        )
    except ValidationError as error:
        service_errors_add(form, error, field_map={"fasen": "open_fasen"})
        return None


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def pipeline_nieuw_view(request: HttpRequest) -> HttpResponse:
    form = f.PipelineForm(
        request.POST or None,
        initial={"gewonnen": _("Gewonnen"), "verloren": _("Verloren"), "actief": True},
    )
    if request.method == "POST" and form.is_valid():
        if _pipeline_opslaan(request, form) is not None:
            messages.success(request, _("Pijplijn aangemaakt."))
            return redirect("crm:leads:pipelines")
    context = {"form": form, "titel": _("Nieuwe pijplijn"), "knop": _("Pijplijn aanmaken")}
    return render(request, "crm/leads/pipeline_formulier.html", context, status=_status(form))


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def pipeline_wijzigen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    try:
        pipeline = selectors.pipeline_get(request.actor, uuid)
    except NietGevonden as error:
        raise Http404(_("Pijplijn niet gevonden.")) from error
    fasen = selectors.fasen_van(pipeline)
    initial = {
        "naam": pipeline.naam,
        "omschrijving": pipeline.omschrijving,
        "actief": pipeline.actief,
        "open_fasen": f.fasen_als_tekst(fasen),
        "gewonnen": next((x.naam for x in fasen if x.soort == FaseSoort.GEWONNEN), ""),
        "verloren": next((x.naam for x in fasen if x.soort == FaseSoort.VERLOREN), ""),
    }
    form = f.PipelineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _pipeline_opslaan(request, form, pipeline) is not None:
            messages.success(request, _("Pijplijn bijgewerkt."))
            return redirect("crm:leads:pipelines")
    context = {
        "form": form,
        "pipeline": pipeline,
        "titel": _("Pijplijn wijzigen"),
        "knop": _("Opslaan"),
    }
    return render(request, "crm/leads/pipeline_formulier.html", context, status=_status(form))
