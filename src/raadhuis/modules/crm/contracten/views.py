"""The contract screens at /crm/contracten/ (namespace crm:contracten): the status overview with
filters ("ending within 90 days"), registering a contract for a relation, the contract page
(term, notice, signals, Social Return realised vs. promised, MVOI indicators) and one form per
change.

Every view: `staff_required(roles=[medewerker])`, a selector that applies the department rule
(someone of another department gets 404), one service call, render.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.selectors import partij_get, partij_search
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.contracten import brieven, selectors, services
from raadhuis.modules.crm.contracten import forms as f
from raadhuis.modules.crm.contracten.models import MvoiIndicator
from raadhuis.modules.crm.contracten.selectors import Contractregel
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import page_size_from, render_page_or_partial

MEDEWERKER = [Rol.MEDEWERKER]
GET_POST = ["GET", "POST"]


def _status(form: forms.Form | None) -> int:
    return 400 if form is not None and form.is_bound and form.errors else 200


def _regel(request: HttpRequest, uuid: str) -> Contractregel:
    try:
        return selectors.contract_get(
            actor=request.actor, uuid=uuid, op=vandaag(request.actor.organisatie.tijdzone)
        )
    except NietGevonden as error:
        raise Http404(_("Contract niet gevonden.")) from error


@staff_required(roles=MEDEWERKER)
@require_GET
def lijst_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = f.ContractFilterForm(request.GET or None, actor=actor)
    filters = form.filters()
    today = vandaag(actor.organisatie.tijdzone)
    regels = selectors.contracten_overzicht(actor=actor, filters=filters, op=today)
    page = Paginator(regels, page_size_from(request)).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "page": page,
        "regels": list(page.object_list),
        "vandaag": today,
        "filtered": any(v for v in vars(filters).values()),
        "totaal_waarde": sum((r.contract.waarde for r in regels), start=0),
    }
    return render_page_or_partial(
        request,
        "crm/contracten/lijst.html",
        "crm/contracten/partials/lijst_resultaten.html",
        context,
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def nieuw_view(request: HttpRequest) -> HttpResponse:
    """Step 1: find the relation (or come from a relation page with ?partij=<uuid>); step 2:
    the contract."""
    actor = request.actor
    partij = None
    partij_uuid = request.POST.get("partij") or request.GET.get("partij")
    if partij_uuid:
        try:
            partij = partij_get(actor=actor, uuid=partij_uuid, doel=selectors.DOEL)
        except NietGevonden:
            partij = None
    zoek_form = f.RelatieZoekForm(request.GET if "zoek" in request.GET else None)
    resultaten = []
    if partij is None and zoek_form.is_bound and zoek_form.is_valid():
        resultaten = partij_search(actor=actor, zoekterm=zoek_form.cleaned_data["zoek"])
    form = None
    if request.method == "POST":
        form = f.ContractForm(request.POST, actor=actor)
        if partij is None:
            form.add_error(None, _("Kies eerst de relatie."))
        elif form.is_valid():
            velden = form.service_velden()
            try:
                contract = services.contract_create(
                    actor=actor,
                    partij=partij,
                    onderwerp=velden.pop("onderwerp"),
                    waarde=velden.pop("waarde"),
                    startdatum=velden.pop("startdatum"),
                    **velden,
                )
            except ValidationError as error:
                service_errors_add(form, error)
            else:
                messages.success(
                    request, _("Contract %(nr)s vastgelegd.") % {"nr": contract.kenmerk}
                )
                return redirect("crm:contracten:detail", uuid=contract.uuid)
    elif partij is not None:
        eigen = list(actor.medewerker.eenheden.all()[:1]) if actor.medewerker else []
        form = f.ContractForm(
            actor=actor,
            initial={
                "startdatum": vandaag(actor.organisatie.tijdzone),
                "eigenaar": actor.medewerker.pk if actor.medewerker else None,
                "afdeling": eigen[0].pk if eigen else None,
            },
        )
    context = {
        "partij": partij,
        "zoek_form": zoek_form,
        "resultaten": resultaten,
        "form": form,
    }
    return render(request, "crm/contracten/nieuw.html", context, status=_status(form))


@staff_required(roles=MEDEWERKER)
@require_GET
def detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    regel = _regel(request, uuid)
    contract = regel.contract
    context = {
        "regel": regel,
        "contract": contract,
        "realisaties": list(contract.realisaties.all()),
        "indicatoren": list(contract.indicatoren.all()),
        "signalen": list(contract.signalen.select_related("taak", "brief")),
        "brieven": brieven.contract_brieven(contract),
        "vandaag": vandaag(request.actor.organisatie.tijdzone),
    }
    return render(request, "crm/contracten/detail.html", context)


def _brief_voorbeeld(request: HttpRequest, regel: Contractregel, data: dict) -> dict:
    """{"html": the letter} or {"fouten": Dutch messages}, for web/brieven/_voorbeeld.html."""
    if not data.get("sjabloon"):
        return {"fouten": [_("Kies een brief.")]}
    try:
        html = brieven.contract_brief_voorbeeld(
            actor=request.actor,
            contract=regel.contract,
            sjabloon_code=data["sjabloon"],
            tekst=data.get("tekst") or "",
            op=vandaag(request.actor.organisatie.tijdzone),
        )
    except ValidationError as error:
        return {"fouten": list(error.messages)}
    return {"html": html, "titel": _("Voorbeeld van de brief")}


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def brief_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """A letter from the template library (category 'Contracten') to the contract party:
    choose, preview (live through htmx, or "Voorbeeld bijwerken"), send by e-mail or post."""
    regel = _regel(request, uuid)
    contract = regel.contract
    sjablonen = brieven.contract_bibliotheekbrieven(actor=request.actor)
    keuzes = [(s.code, s.naam) for s in sjablonen]
    ontvanger = brieven.contract_ontvanger(contract)
    initial = {
        "sjabloon": keuzes[0][0] if keuzes else "",
        "kanaal": "email" if ontvanger.email else "post",
    }
    form = f.BibliotheekBriefForm(request.POST or None, sjablonen=keuzes, initial=initial)
    if request.method == "POST" and request.POST.get("actie") != "voorbeeld" and form.is_valid():
        data = form.cleaned_data
        try:
            brief = brieven.contract_brief_send(
                actor=request.actor,
                contract=contract,
                sjabloon_code=data["sjabloon"],
                kanaal=data["kanaal"],
                tekst=data["tekst"],
                reden=data["reden"],
            )
        except ValidationError as error:
            service_errors_add(form, error, brieven.BRIEF_VELDEN)
        else:
            messages.success(request, brieven.verstuurd_melding(brief))
            return redirect("crm:contracten:detail", uuid=contract.uuid)
    data = form.data if form.is_bound else form.initial
    voorbeeld = _brief_voorbeeld(request, regel, data)
    if request.headers.get("HX-Request") == "true":
        return render(request, "web/brieven/_voorbeeld.html", {"voorbeeld": voorbeeld})
    context = {
        "regel": regel,
        "contract": contract,
        "form": form,
        "sjablonen": sjablonen,
        "ontvanger": ontvanger,
        "voorbeeld": voorbeeld,
    }
    return render(request, "crm/contracten/brief.html", context, status=_status(form))


def _formulier(
    request: HttpRequest,
    regel: Contractregel,
    form: forms.Form,
    titel: str,
    knop: str,
    status: int = 200,
) -> HttpResponse:
    context = {
        "contract": regel.contract,
        "regel": regel,
        "form": form,
        "titel": titel,
        "knop": knop,
    }
    return render(request, "crm/contracten/formulier.html", context, status=status)


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def wijzigen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    regel = _regel(request, uuid)
    contract = regel.contract
    if request.method == "POST":
        form = f.ContractForm(request.POST, actor=request.actor)
        if form.is_valid():
            try:
                services.contract_update(
                    actor=request.actor, contract=contract, **form.service_velden()
                )
            except ValidationError as error:
                service_errors_add(form, error)
            else:
                messages.success(request, _("Contract bijgewerkt."))
                return redirect("crm:contracten:detail", uuid=contract.uuid)
    else:
        initial = {veld: getattr(contract, veld) for veld in services.CONTRACT_VELDEN}
        initial["eigenaar"] = contract.eigenaar_id
        initial["afdeling"] = contract.afdeling_id
        form = f.ContractForm(actor=request.actor, initial=initial)
    return _formulier(
        request, regel, form, _("Contract wijzigen"), _("Opslaan"), status=_status(form)
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def opzeggen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    regel = _regel(request, uuid)
    if request.method == "POST":
        form = f.OpzeggenForm(request.POST)
        if form.is_valid():
            try:
                services.contract_opzeggen(
                    actor=request.actor, contract=regel.contract, **form.cleaned_data
                )
            except ValidationError as error:
                service_errors_add(form, error)
            else:
                messages.success(request, _("De opzegging is vastgelegd."))
                return redirect("crm:contracten:detail", uuid=regel.contract.uuid)
    else:
        form = f.OpzeggenForm(initial={"datum": vandaag(request.actor.organisatie.tijdzone)})
    return _formulier(
        request, regel, form, _("Opzegging vastleggen"), _("Opzegging vastleggen"), _status(form)
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def realisatie_view(request: HttpRequest, uuid: str) -> HttpResponse:
    regel = _regel(request, uuid)
    if request.method == "POST":
        form = f.RealisatieForm(request.POST)
        if form.is_valid():
            try:
                services.realisatie_add(
                    actor=request.actor, contract=regel.contract, **form.cleaned_data
                )
            except ValidationError as error:
                service_errors_add(form, error)
            else:
                messages.success(request, _("Social Return-realisatie vastgelegd."))
                return redirect("crm:contracten:detail", uuid=regel.contract.uuid)
    else:
        form = f.RealisatieForm(initial={"datum": vandaag(request.actor.organisatie.tijdzone)})
    return _formulier(
        request,
        regel,
        form,
        _("Social Return-realisatie vastleggen"),
        _("Vastleggen"),
        _status(form),
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def indicator_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Add an MVOI indicator; with ?indicator=<uuid>, change what was reached of one."""
    regel = _regel(request, uuid)
    indicator = None
    indicator_uuid = request.POST.get("indicator") or request.GET.get("indicator")
    if indicator_uuid:
        try:
            indicator = regel.contract.indicatoren.get(uuid=indicator_uuid)
        except (MvoiIndicator.DoesNotExist, ValidationError, ValueError) as error:
            raise Http404(_("Indicator niet gevonden.")) from error
    initial = (
        {
            "naam": indicator.naam,
            "doel": indicator.doel,
            "gerealiseerd": indicator.gerealiseerd,
            "toelichting": indicator.toelichting,
        }
        if indicator is not None
        else {}
    )
    if request.method == "POST":
        form = f.IndicatorForm(request.POST, initial=initial)
        if indicator is not None:
            form.fields["naam"].disabled = True
            form.fields["doel"].disabled = True
        if form.is_valid():
            data = form.cleaned_data
            try:
                if indicator is None:
                    services.indicator_add(actor=request.actor, contract=regel.contract, **data)
                else:
                    services.indicator_update(
                        actor=request.actor,
                        indicator=indicator,
                        gerealiseerd=data["gerealiseerd"],
                        toelichting=data["toelichting"],
                    )
            except ValidationError as error:
                service_errors_add(form, error)
            else:
                messages.success(request, _("MVOI-indicator opgeslagen."))
                return redirect("crm:contracten:detail", uuid=regel.contract.uuid)
    else:
        form = f.IndicatorForm(initial=initial)
        if indicator is not None:
            form.fields["naam"].disabled = True
            form.fields["doel"].disabled = True
    titel = _("MVOI-indicator bijwerken") if indicator else _("MVOI-indicator toevoegen")
    return _formulier(request, regel, form, titel, _("Opslaan"), _status(form))
