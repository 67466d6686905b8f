"""The consultant's screens of debt assistance: caseload, intake from the BRP, the dossier page
(client, household, terms, next actions, debts, communications), income/costs/assets, the
creditor register and the debts of a dossier.

Every view: `staff_required(roles=[medewerker])` (a team leader gets 403), a selector that
applies case access and logs the read (a consultant without a debt track gets 404), one service
call, render. An htmx request gets the partial, a normal one the full page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from raadhuis.kernel.cases.uitbreidingen import zaak_uitbreidingen
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_optellen
from raadhuis.modules.shv import selectors, services
from raadhuis.modules.shv.brp import brp_aanvrager_ophalen
from raadhuis.modules.shv.common import require_shv_toegang
from raadhuis.modules.shv.forms import (
    FINANCIEN_FORMS,
    AanmeldingForm,
    AfsluitenForm,
    BrpZoekForm,
    CaseloadFilterForm,
    EersteGesprekForm,
    FaseForm,
    OpgaveForm,
    SchuldeiserForm,
    SchuldeiserZoekForm,
    SchuldenOpvragenForm,
    SchuldForm,
    SchuldStatusForm,
    SchuldWijzigForm,
    ToelatingForm,
)
from raadhuis.modules.shv.models import Bezitting, Inkomen, SchuldStatus, ShvDossier, VasteLast
from raadhuis.modules.shv.regeling.selectors import regeling_stand
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import page_size_from, render_page_or_partial, wants_partial

MEDEWERKER = [Rol.MEDEWERKER]
GET_POST = ["GET", "POST"]
FINANCIEN_MODELLEN = {"inkomsten": Inkomen, "vaste-lasten": VasteLast, "bezittingen": Bezitting}
FINANCIEN_TITELS = {
    "inkomsten": _("Inkomsten"),
    "vaste-lasten": _("Vaste lasten"),
    "bezittingen": _("Bezittingen"),
}


def _status(form: Any) -> int:  # noqa: ANN401 - any bound form
    return 400 if form.is_bound and form.errors else 200


def _dossier_url(dossier: ShvDossier, anker: str = "") -> str:
    url = reverse("shv:dossier", kwargs={"uuid": dossier.zaak.uuid})
    return f"{url}#{anker}" if anker else url


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
    context = {"zoek_form": zoek_form, "form": form, "aanvrager": aanvrager, "vandaag": today}
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
            return redirect(_dossier_url(dossier, anker))
    context = {"dossier": dossier, "zaak": dossier.zaak, "form": form, "titel": titel, "knop": knop}
    return render(request, "shv/actie.html", context, status=_status(form))


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


# --- income, fixed costs, assets ------------------------------------------------------------


def _financien_secties(dossier: ShvDossier, forms: dict | None = None) -> list[dict]:
    forms = forms or {}
    regels = {
        "inkomsten": list(dossier.inkomsten.order_by("van_partner", "id")),
        "vaste-lasten": list(dossier.vaste_lasten.order_by("id")),
        "bezittingen": list(dossier.bezittingen.order_by("id")),
    }
    secties = []
    for soort, form_class in FINANCIEN_FORMS.items():
        bedragveld = "waarde" if soort == "bezittingen" else "bedrag_per_maand"
        secties.append(
            {
                "soort": soort,
                "titel": FINANCIEN_TITELS[soort],
                "regels": regels[soort],
                "totaal": sum(getattr(r, bedragveld) for r in regels[soort]),
                "bedragveld": bedragveld,
                "form": forms.get(soort) or form_class(),
            }
        )
    return secties


@staff_required(roles=MEDEWERKER)
@require_GET
def financien_view(request: HttpRequest, uuid: str) -> HttpResponse:
    dossier = selectors.dossier_get(actor=request.actor, zaak_uuid=uuid)
    context = {"dossier": dossier, "zaak": dossier.zaak, "secties": _financien_secties(dossier)}
    return render(request, "shv/financien.html", context)


def _financien_antwoord(
    request: HttpRequest,
    dossier: ShvDossier,
    soort: str,
    form: Any = None,  # noqa: ANN401
) -> HttpResponse:
    """htmx: the section again (200 even with errors, so htmx swaps it in); without
    JavaScript: back to the page, or the page with the errors (400)."""
    if wants_partial(request):
        sectie = next(s for s in _financien_secties(dossier, {soort: form}) if s["soort"] == soort)
        return render(
            request, "shv/partials/financien_sectie.html", {"dossier": dossier, "s": sectie}
        )
    if form is not None and form.errors:
        context = {
            "dossier": dossier,
            "zaak": dossier.zaak,
            "secties": _financien_secties(dossier, {soort: form}),
        }
        return render(request, "shv/financien.html", context, status=400)
    url = reverse("shv:financien", kwargs={"uuid": dossier.zaak.uuid})
    return redirect(f"{url}#{soort}")


@staff_required(roles=MEDEWERKER)
@require_POST
def financien_add_view(request: HttpRequest, uuid: str, soort: str) -> HttpResponse:
    if soort not in FINANCIEN_FORMS:
        raise Http404
    dossier = selectors.dossier_get(actor=request.actor, zaak_uuid=uuid)
    form = FINANCIEN_FORMS[soort](request.POST)
    if form.is_valid():
        add = {
            "inkomsten": services.inkomen_add,
            "vaste-lasten": services.vaste_last_add,
            "bezittingen": services.bezitting_add,
        }[soort]
        try:
            add(actor=request.actor, dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            form = None  # an empty form for the next row
    return _financien_antwoord(request, dossier, soort, form)


@staff_required(roles=MEDEWERKER)
@require_POST
def financien_remove_view(request: HttpRequest, uuid: str, soort: str, pk: int) -> HttpResponse:
    if soort not in FINANCIEN_MODELLEN:
        raise Http404
    dossier = selectors.dossier_get(actor=request.actor, zaak_uuid=uuid)
    regel = FINANCIEN_MODELLEN[soort].objects.filter(dossier=dossier, pk=pk).first()
    if regel is None:
        raise Http404
    try:
        services.financien_regel_remove(actor=request.actor, regel=regel)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _financien_antwoord(request, dossier, soort)


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
            return redirect(_dossier_url(dossier, "schulden"))
    context = {"dossier": dossier, "zaak": dossier.zaak, "form": form}
    return render(request, "shv/schulden_opvragen.html", context, status=_status(form))


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
            return redirect(_dossier_url(dossier, "schulden"))
    context = {
        "dossier": dossier,
        "zaak": dossier.zaak,
        "form": form,
        "titel": _("Schuld toevoegen"),
        "knop": _("Schuld toevoegen"),
    }
    return render(request, "shv/actie.html", context, status=_status(form))


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
    return render(request, "shv/schuldeiser_nieuw.html", context, status=_status(form))


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
    return render(request, "shv/schuldeiser.html", context, status=_status(form))
