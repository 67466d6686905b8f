"""The contract screens at /crm/contracten/ (namespace crm:contracten): the status overview with
filters ("ending within 90 days"), registering a contract for a relation, the contract page
(term, notice, signals, Social Return realised vs. promised, MVOI indicators) and one form per
change.

Every view: `staff_required(roles=[medewerker])`, a selector that applies the department rule
(someone of another department gets 404), one service call, render.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.messaging.models import Brief
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.selectors import partij_get, partij_search
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.contracten import brieven, selectors, services
from raadhuis.modules.crm.contracten import forms as f
from raadhuis.modules.crm.contracten.models import MvoiIndicator
from raadhuis.modules.crm.contracten.selectors import Contractregel
from raadhuis.modules.crm.relatiekeuze import relatie_kiezen
from raadhuis.modules.crm.sjablonen.scherm import Briefscherm, bibliotheekbrief_scherm
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
    partij, zoek_form, resultaten = relatie_kiezen(
        request,
        kies=lambda uuid: partij_get(actor=actor, uuid=uuid, doel=selectors.DOEL),
        zoek=lambda term: partij_search(actor=actor, zoekterm=term),
        zoek_form_class=f.RelatieZoekForm,
    )
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


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def brief_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """A letter from the template library (category 'Contracten') to the contract party:
    choose, preview (live through htmx, or "Voorbeeld bijwerken"), send by e-mail or post."""
    regel = _regel(request, uuid)
    contract = regel.contract
    actor = request.actor
    ontvanger = brieven.contract_ontvanger(contract)

    def voorbeeld(code: str, tekst: str) -> str:
        return brieven.contract_brief_voorbeeld(
            actor=actor,
            contract=contract,
            sjabloon_code=code,
            tekst=tekst,
            op=vandaag(actor.organisatie.tijdzone),
        )

    def versturen(data: dict) -> Brief:
        return brieven.contract_brief_send(
            actor=actor,
            contract=contract,
            sjabloon_code=data["sjabloon"],
            kanaal=data["kanaal"],
            tekst=data["tekst"],
            reden=data["reden"],
        )

    scherm = Briefscherm(
        sjablonen=brieven.contract_bibliotheekbrieven(actor=actor),
        kanaal="email" if ontvanger.email else "post",
        form_class=f.BibliotheekBriefForm,
        voorbeeld=voorbeeld,
        versturen=versturen,
        terug_url=reverse("crm:contracten:detail", kwargs={"uuid": contract.uuid}),
        template="crm/contracten/brief.html",
        context={"regel": regel, "contract": contract, "ontvanger": ontvanger},
    )
    return bibliotheekbrief_scherm(request, scherm)


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


def _gedateerde_stap(
    request: HttpRequest,
    regel: Contractregel,
    form_class: type[forms.Form],
    service: Callable[..., object],
    melding: str,
    titel: str,
    knop: str,
) -> HttpResponse:
    """A form dated today unless changed, whose cleaned data go to one service on the
    contract; back to the contract page with `melding` when it is done."""
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                service(actor=request.actor, contract=regel.contract, **form.cleaned_data)
            except ValidationError as error:
                service_errors_add(form, error)
            else:
                messages.success(request, melding)
                return redirect("crm:contracten:detail", uuid=regel.contract.uuid)
    else:
        form = form_class(initial={"datum": vandaag(request.actor.organisatie.tijdzone)})
    return _formulier(request, regel, form, titel, knop, _status(form))


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def opzeggen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _gedateerde_stap(
        request,
        _regel(request, uuid),
        f.OpzeggenForm,
        services.contract_opzeggen,
        _("De opzegging is vastgelegd."),
        _("Opzegging vastleggen"),
        _("Opzegging vastleggen"),
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def realisatie_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _gedateerde_stap(
        request,
        _regel(request, uuid),
        f.RealisatieForm,
        services.realisatie_add,
        _("Social Return-realisatie vastgelegd."),
        _("Social Return-realisatie vastleggen"),
        _("Vastleggen"),
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
