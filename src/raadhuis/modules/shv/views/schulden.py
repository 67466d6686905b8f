"""The debts of a dossier (request letters to creditors, add, status and answers) and the
organisation's creditor register."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.modules.shv import selectors, services
from raadhuis.modules.shv.common import require_shv_toegang
from raadhuis.modules.shv.forms import (
    OpgaveForm,
    SchuldeiserForm,
    SchuldeiserZoekForm,
    SchuldenOpvragenForm,
    SchuldForm,
    SchuldStatusForm,
    SchuldWijzigForm,
)
from raadhuis.modules.shv.models import SchuldStatus
from raadhuis.modules.shv.views.common import GET_POST, MEDEWERKER, dossier_url, form_status
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import page_size_from, render_page_or_partial

# --- debts of a dossier ---------------------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def schulden_opvragen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    dossier = selectors.dossier_get(actor=actor, zaak_uuid=uuid)
    schuldeisers = selectors.schuldeisers_zoeken(actor=actor, alleen_actief=True)
    form = SchuldenOpvragenForm(request.POST or None, schuldeisers=schuldeisers)
    if request.method == "POST" and form.is_valid():
        try:
            schulden = services.schulden_opvragen(
                actor=actor, dossier=dossier, schuldeisers=form.cleaned_data["schuldeisers"]
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request,
                _("Verzoek tot opgave verstuurd aan %(n)d schuldeiser(s).") % {"n": len(schulden)},
            )
            return redirect(dossier_url(dossier, "schulden"))
    context = {"dossier": dossier, "zaak": dossier.zaak, "form": form}
    return render(request, "shv/schulden_opvragen.html", context, status=form_status(form))


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def schuld_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    dossier = selectors.dossier_get(actor=actor, zaak_uuid=uuid)
    schuldeisers = selectors.schuldeisers_zoeken(actor=actor, alleen_actief=True)
    form = SchuldForm(request.POST or None, schuldeisers=schuldeisers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.schuld_create(
                actor=actor,
                dossier=dossier,
                schuldeiser=data["schuldeiser"],
                kenmerk=data["kenmerk"],
                oorspronkelijk_bedrag=data["oorspronkelijk_bedrag"],
                actueel_bedrag=data["actueel_bedrag"],
                status=SchuldStatus.OPGEGEVEN
                if data["actueel_bedrag"] is not None
                else SchuldStatus.OPGEVRAAGD,
                toelichting=data["toelichting"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Schuld toegevoegd."))
            return redirect(dossier_url(dossier, "schulden"))
    context = {
        "dossier": dossier,
        "zaak": dossier.zaak,
        "form": form,
        "titel": _("Schuld toevoegen"),
        "knop": _("Schuld toevoegen"),
    }
    return render(request, "shv/actie.html", context, status=form_status(form))


SCHULD_ACTIES = ("opgave", "status", "herinnering", "wijzig")


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def schuld_view(request: HttpRequest, uuid: str, schuld: str) -> HttpResponse:
    """One debt: its data and history, and the forms to record the statement, change the
    status, send a reminder or correct it (one POST per form, told apart by `actie`)."""
    actor = request.actor
    dossier = selectors.dossier_get(actor=actor, zaak_uuid=uuid)
    obj = selectors.schuld_get(actor=actor, uuid=schuld)
    if obj.dossier_id != dossier.pk:
        raise Http404
    actie = request.POST.get("actie", "") if request.method == "POST" else ""
    if request.method == "POST" and actie not in SCHULD_ACTIES:
        raise Http404
    forms = _schuld_forms(obj, request.POST if request.method == "POST" else None, actie)
    if actie:
        form = forms.get(actie)
        if form is None:
            messages.error(request, _("Deze actie kan bij de huidige status niet."))
        elif form is True or form.is_valid():
            try:
                melding = _schuld_actie(actor, obj, actie, form)
            except ValidationError as error:
                if form is True:
                    messages.error(request, " ".join(error.messages))
                else:
                    service_errors_add(form, error)
            else:
                messages.success(request, melding)
                return redirect(reverse("shv:schuld", kwargs={"uuid": uuid, "schuld": schuld}))
    context = {
        "dossier": dossier,
        "zaak": dossier.zaak,
        "schuld": obj,
        "historie": list(selectors.schuld_historie(actor=actor, schuld=obj)[:50]),
        "forms": forms,
        "volgende": selectors.schuld_volgende(obj),
    }
    fout = any(f is not True and f is not None and f.is_bound and f.errors for f in forms.values())
    return render(request, "shv/schuld.html", context, status=400 if fout else 200)


def _schuld_forms(schuld: Any, data: Any, actie: str) -> dict[str, Any]:  # noqa: ANN401
    def bound(naam: str) -> Any:  # noqa: ANN401
        return data if actie == naam else None

    forms: dict[str, Any] = {
        "wijzig": SchuldWijzigForm(
            bound("wijzig"),
            initial={
                "kenmerk": schuld.kenmerk,
                "oorspronkelijk_bedrag": schuld.oorspronkelijk_bedrag,
                "actueel_bedrag": schuld.actueel_bedrag,
                "toelichting": schuld.toelichting,
            },
        )
    }
    volgende = selectors.schuld_volgende(schuld)
    if any(s == SchuldStatus.OPGEGEVEN for s, _label in volgende):
        forms["opgave"] = OpgaveForm(bound("opgave"), initial={"kenmerk": schuld.kenmerk})
    if volgende:
        forms["status"] = SchuldStatusForm(bound("status"), schuld=schuld, keuzes=volgende)
    if schuld.status == SchuldStatus.OPGEVRAAGD:
        forms["herinnering"] = True  # a button, no fields
    return forms


def _schuld_actie(actor: Any, schuld: Any, actie: str, form: Any) -> str:  # noqa: ANN401
    if actie == "herinnering":
        services.schuld_herinnering_send(actor=actor, schuld=schuld)
        return _("Herinnering verstuurd aan %(naam)s.") % {"naam": schuld.schuldeiser}
    data = form.cleaned_data
    if actie == "opgave":
        services.schuld_opgave_registreren(actor=actor, schuld=schuld, **data)
        return _("Opgave vastgelegd.")
    if actie == "status":
        schuld = services.schuld_status_set(
            actor=actor, schuld=schuld, status=data["status"], toelichting=data["toelichting"]
        )
        return _("De schuld is nu ‘%(status)s’.") % {"status": schuld.get_status_display()}
    services.schuld_update(actor=actor, schuld=schuld, **data)
    return _("Schuld gewijzigd.")


# --- creditor register ----------------------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_GET
def schuldeisers_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = SchuldeiserZoekForm(request.GET or None)
    zoekterm = form.cleaned_data["zoek"] if form.is_bound and form.is_valid() else ""
    qs = selectors.schuldeisers_zoeken(actor=actor, zoekterm=zoekterm)
    page = Paginator(qs, page_size_from(request)).get_page(request.GET.get("pagina"))
    context = {"form": form, "page": page, "zoekterm": zoekterm}
    return render_page_or_partial(
        request, "shv/schuldeisers.html", "shv/partials/schuldeisers_resultaten.html", context
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def schuldeiser_create_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    require_shv_toegang(actor)
    form = SchuldeiserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            schuldeiser = services.schuldeiser_create(
                actor=actor,
                naam=data["naam"],
                kvk_nummer=data["kvk_nummer"],
                iban=data["iban"],
                rangorde=data["rangorde"],
                email_correspondentie=data["email_correspondentie"],
                adres=form.adres(),
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("%(naam)s staat in het register.") % {"naam": schuldeiser})
            volgende = request.POST.get("next", "")
            if volgende.startswith("/shv/") and "//" not in volgende:
                return redirect(volgende)
            return redirect("shv:schuldeiser", uuid=schuldeiser.uuid)
    context = {"form": form, "next": request.GET.get("next", request.POST.get("next", ""))}
    return render(request, "shv/schuldeiser_nieuw.html", context, status=form_status(form))


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def schuldeiser_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    schuldeiser = selectors.schuldeiser_get(actor=actor, uuid=uuid)
    partij = schuldeiser.partij
    adres = next(iter(partij.adressen.all()), None)
    initial = {
        "naam": partij.weergavenaam,
        "kvk_nummer": partij.identificatie,
        "iban": schuldeiser.iban,
        "rangorde": schuldeiser.rangorde,
        "email_correspondentie": schuldeiser.email_correspondentie,
        "actief": schuldeiser.actief,
    }
    form = SchuldeiserForm(request.POST or None, initial=initial, bewerken=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.schuldeiser_update(
                actor=actor,
                schuldeiser=schuldeiser,
                naam=data["naam"],
                kvk_nummer=data["kvk_nummer"],
                iban=data["iban"],
                rangorde=data["rangorde"],
                email_correspondentie=data["email_correspondentie"],
                actief=data["actief"],
                adres=form.adres() if adres is None else None,
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Schuldeiser gewijzigd."))
            return redirect("shv:schuldeiser", uuid=schuldeiser.uuid)
    context = {
        "schuldeiser": schuldeiser,
        "adres": adres,
        "form": form,
        "historie": list(selectors.schuldeiser_historie(actor=actor, schuldeiser=schuldeiser)[:20]),
    }
    return render(request, "shv/schuldeiser.html", context, status=form_status(form))
