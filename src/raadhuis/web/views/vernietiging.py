"""Archiving and destruction for the functioneel beheerder: retention terms per result type,
destruction lists (draw up, take cases off, submit, review by a second administrator, execute)
and the destruction reports, which the auditor may read too.

Every page shows case numbers, case types, results and dates; never a name, a BSN, a case's own
description or a document. Writes go through kernel.retention.services and
kernel.catalog.bewaartermijnen; reads through kernel.retention.selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.kernel.catalog.bewaartermijnen import bewaartermijn_wijzigen
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.retention import workflow
from raadhuis.kernel.retention.models import ItemStatus, LijstStatus, Vernietigingslijst
from raadhuis.kernel.retention.rules import bewaartermijn_geldend
from raadhuis.kernel.retention.selectors import (
    bewaartermijn_historie,
    bewaartermijnen_overzicht,
    herberekening_aantal,
    lijst_items,
    resultaattype_get,
    vernietigingslijst_get,
    vernietigingslijst_item_get,
    vernietigingslijsten,
    vernietigingsverslag_get,
    vernietigingsverslagen,
    zaaktype_keuzes,
    zaken_te_vernietigen,
)
from raadhuis.kernel.retention.services import (
    archiefactiedata_herberekenen,
    vernietigingslijst_beoordelen,
    vernietigingslijst_create,
    vernietigingslijst_indienen,
    vernietigingslijst_item_uitzonderen,
    vernietigingslijst_uitvoeren,
)
from raadhuis.kernel.retention.verslag import (
    verslag_bestandsnaam,
    verslag_csv,
    verslag_pdf,
    verslag_regels,
)
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.forms_vernietiging import (
    BeoordelenForm,
    BewaartermijnForm,
    IndienenForm,
    LijstForm,
    RedenForm,
    SelectieForm,
    UitvoerenForm,
)

BEHEER = [Rol.FUNCTIONEEL_BEHEERDER]
VERSLAG_LEZERS = [Rol.FUNCTIONEEL_BEHEERDER, Rol.AUDITOR]
GET_POST = ["GET", "POST"]
# How many due cases the selection page shows; the list takes all of them.
VOORBEELD_AANTAL = 200


# --- retention terms --------------------------------------------------------------------------
@staff_required(roles=BEHEER)
@require_GET
def bewaartermijnen_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/vernietiging/bewaartermijnen.html",
        {"zaaktypen": bewaartermijnen_overzicht(actor=request.actor)},
    )


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def bewaartermijn_wijzigen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    resultaattype = resultaattype_get(actor=actor, uuid=uuid)
    geldend = bewaartermijn_geldend(resultaattype)
    form = BewaartermijnForm(
        request.POST or None,
        initial={
            "archiefnominatie": geldend.archiefnominatie,
            "archiefactietermijn": geldend.archiefactietermijn,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            bewaartermijn_wijzigen(actor=actor, resultaattype=resultaattype, **form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request,
                _("De bewaartermijn van ‘%(rt)s’ is opgeslagen.") % {"rt": resultaattype},
            )
            return redirect("web:bewaartermijn_wijzigen", uuid=resultaattype.uuid)
    return render(
        request,
        "web/vernietiging/bewaartermijn.html",
        {
            "resultaattype": resultaattype,
            "geldend": geldend,
            "historie": bewaartermijn_historie(actor=actor, resultaattype=resultaattype),
            "aantal_gesloten": herberekening_aantal(actor=actor, resultaattype=resultaattype),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def bewaartermijn_herberekenen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    resultaattype = resultaattype_get(actor=actor, uuid=uuid)
    form = RedenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            aantal = archiefactiedata_herberekenen(
                actor=actor, resultaattype=resultaattype, reden=form.cleaned_data["reden"]
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request,
                _("De archiefactiedatum van %(n)d zaken is herberekend en gewijzigd.")
                % {"n": aantal},
            )
            return redirect("web:bewaartermijn_wijzigen", uuid=resultaattype.uuid)
    return render(
        request,
        "web/vernietiging/herberekenen.html",
        {
            "resultaattype": resultaattype,
            "geldend": bewaartermijn_geldend(resultaattype),
            "aantal_gesloten": herberekening_aantal(actor=actor, resultaattype=resultaattype),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- destruction lists --------------------------------------------------------------------------
@staff_required(roles=BEHEER)
@require_GET
def vernietigingslijsten_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    return render(
        request,
        "web/vernietiging/lijsten.html",
        {
            "lijsten": list(vernietigingslijsten(actor=actor)[:200]),
            "aantal_te_vernietigen": zaken_te_vernietigen(actor=actor).count(),
        },
    )


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def vernietigingslijst_create_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    keuzes = zaaktype_keuzes(actor=actor)
    bron = request.POST if request.method == "POST" else request.GET
    selectie_form = SelectieForm(bron if "zaaktype" in bron else None, keuzes=keuzes)
    selectie = selectie_form.selectie()
    form = LijstForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lijst = vernietigingslijst_create(actor=actor, **form.cleaned_data, **selectie)
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request, _("Vernietigingslijst ‘%(naam)s’ is opgesteld.") % {"naam": lijst.naam}
            )
            return redirect("web:vernietigingslijst_detail", uuid=lijst.uuid)
    zaken = zaken_te_vernietigen(actor=actor, **selectie)
    return render(
        request,
        "web/vernietiging/nieuw.html",
        {
            "selectie_form": selectie_form,
            "form": form,
            "zaken": list(zaken[:VOORBEELD_AANTAL]),
            "aantal": zaken.count(),
            "voorbeeld_aantal": VOORBEELD_AANTAL,
        },
        status=400 if request.method == "POST" else 200,
    )


def _detail(
    request: HttpRequest, lijst: Vernietigingslijst, status: int = 200, **forms_: forms.Form
) -> HttpResponse:
    actor = request.actor
    eigen = actor.medewerker is not None and actor.medewerker.pk == lijst.auteur_id
    context = {
        "lijst": lijst,
        "items": lijst_items(lijst),
        "beoordelingen": list(lijst.beoordelingen.select_related("beoordelaar")),
        "verslag": getattr(lijst, "verslag", None),
        "eigen": eigen,
        "mag_wijzigen": eigen and workflow.mag("uitzonderen", lijst.status),
        "mag_indienen": eigen and workflow.mag("indienen", lijst.status),
        "mag_beoordelen": not eigen and workflow.mag("goedkeuren", lijst.status),
        "mag_uitvoeren": lijst.status == LijstStatus.GOEDGEKEURD,
        "indienen_form": forms_.get("indienen_form") or IndienenForm(),
        "beoordelen_form": forms_.get("beoordelen_form") or BeoordelenForm(),
        "uitvoeren_form": forms_.get("uitvoeren_form") or UitvoerenForm(),
        "ItemStatus": ItemStatus,
    }
    return render(request, "web/vernietiging/detail.html", context, status=status)


@staff_required(roles=BEHEER)
@require_GET
def vernietigingslijst_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _detail(request, vernietigingslijst_get(actor=request.actor, uuid=uuid))


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def vernietigingslijst_item_uitzonderen_view(
    request: HttpRequest, uuid: str, item: str
) -> HttpResponse:
    actor = request.actor
    lijst = vernietigingslijst_get(actor=actor, uuid=uuid)
    lijstitem = vernietigingslijst_item_get(actor=actor, lijst=lijst, uuid=item)
    form = RedenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vernietigingslijst_item_uitzonderen(
                actor=actor, item=lijstitem, reden=form.cleaned_data["reden"]
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request,
                _("Zaak %(zaak)s staat niet meer op de lijst en blijft bewaard.")
                % {"zaak": lijstitem.identificatie},
            )
            return redirect("web:vernietigingslijst_detail", uuid=lijst.uuid)
    return render(
        request,
        "web/vernietiging/uitzonderen.html",
        {"lijst": lijst, "item": lijstitem, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _lijst_actie(
    request: HttpRequest,
    uuid: str,
    form_class: type[forms.Form],
    form_naam: str,
    uitvoeren: Callable[[Vernietigingslijst, dict[str, Any]], HttpResponse],
) -> HttpResponse:
    """A POST-only action on a list: `uitvoeren` calls the service with the cleaned data and
    answers with where to go next. A ValidationError goes back on the form, shown on the list
    page under `form_naam`; a GET (a reload, a bookmark) goes back to the list."""
    lijst = vernietigingslijst_get(actor=request.actor, uuid=uuid)
    if request.method != "POST":
        return redirect("web:vernietigingslijst_detail", uuid=lijst.uuid)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            return uitvoeren(lijst, form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error)
    return _detail(request, lijst, status=400, **{form_naam: form})


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def vernietigingslijst_indienen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def indienen(lijst: Vernietigingslijst, data: dict[str, Any]) -> HttpResponse:
        vernietigingslijst_indienen(
            actor=request.actor, lijst=lijst, toelichting=data["toelichting"]
        )
        messages.success(request, _("De lijst is ter beoordeling aangeboden."))
        return redirect("web:vernietigingslijst_detail", uuid=lijst.uuid)

    return _lijst_actie(request, uuid, IndienenForm, "indienen_form", indienen)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def vernietigingslijst_beoordelen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def beoordelen(lijst: Vernietigingslijst, data: dict[str, Any]) -> HttpResponse:
        goedkeuren = data["besluit"] == "goedkeuren"
        vernietigingslijst_beoordelen(
            actor=request.actor, lijst=lijst, goedkeuren=goedkeuren, toelichting=data["toelichting"]
        )
        messages.success(
            request, _("De lijst is goedgekeurd.") if goedkeuren else _("De lijst is afgewezen.")
        )
        return redirect("web:vernietigingslijst_detail", uuid=lijst.uuid)

    return _lijst_actie(request, uuid, BeoordelenForm, "beoordelen_form", beoordelen)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def vernietigingslijst_uitvoeren_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def uitvoeren(lijst: Vernietigingslijst, _data: dict[str, Any]) -> HttpResponse:
        verslag = vernietigingslijst_uitvoeren(actor=request.actor, lijst=lijst)
        melding = _(
            "Vernietigd: %(v)d, overgeslagen: %(o)d, mislukt: %(m)d. Het verslag staat hieronder."
        ) % {
            "v": verslag.aantal_vernietigd,
            "o": verslag.aantal_overgeslagen,
            "m": verslag.aantal_mislukt,
        }
        (messages.warning if verslag.aantal_mislukt else messages.success)(request, melding)
        return redirect("web:vernietigingsverslag", uuid=verslag.uuid)

    return _lijst_actie(request, uuid, UitvoerenForm, "uitvoeren_form", uitvoeren)


# --- reports ------------------------------------------------------------------------------------
@staff_required(roles=VERSLAG_LEZERS)
@require_GET
def vernietigingsverslagen_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/vernietiging/verslagen.html",
        {
            "verslagen": list(vernietigingsverslagen(actor=request.actor)[:200]),
            "beheer_rol": request.actor.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER),
        },
    )


@staff_required(roles=VERSLAG_LEZERS)
@require_GET
def vernietigingsverslag_view(request: HttpRequest, uuid: str) -> HttpResponse:
    verslag = vernietigingsverslag_get(actor=request.actor, uuid=uuid)
    lijst = verslag.lijst
    return render(
        request,
        "web/vernietiging/verslag.html",
        {
            "verslag": verslag,
            "lijst": lijst,
            "regels": verslag_regels(lijst),
            "beoordelingen": list(lijst.beoordelingen.select_related("beoordelaar")),
            "beheerder": request.actor.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER),
        },
    )


@staff_required(roles=VERSLAG_LEZERS)
@require_GET
def vernietigingsverslag_csv_view(request: HttpRequest, uuid: str) -> HttpResponse:
    verslag = vernietigingsverslag_get(actor=request.actor, uuid=uuid)
    response = HttpResponse(verslag_csv(verslag), content_type="text/csv; charset=utf-8")
    naam = verslag_bestandsnaam(verslag, "csv")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@staff_required(roles=VERSLAG_LEZERS)
@require_GET
def vernietigingsverslag_pdf_view(request: HttpRequest, uuid: str) -> HttpResponse:
    verslag = vernietigingsverslag_get(actor=request.actor, uuid=uuid)
    response = HttpResponse(verslag_pdf(verslag), content_type="application/pdf")
    naam = verslag_bestandsnaam(verslag, "pdf")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


urlpatterns = [
    path("vernietiging/", vernietigingslijsten_view, name="vernietigingslijsten"),
    path("vernietiging/bewaartermijnen/", bewaartermijnen_view, name="bewaartermijnen"),
    path(
        "vernietiging/bewaartermijnen/<uuid:uuid>/",
        bewaartermijn_wijzigen_view,
        name="bewaartermijn_wijzigen",
    ),
    path(
        "vernietiging/bewaartermijnen/<uuid:uuid>/herberekenen/",
        bewaartermijn_herberekenen_view,
        name="bewaartermijn_herberekenen",
    ),
    path(
        "vernietiging/lijsten/nieuw/",
        vernietigingslijst_create_view,
        name="vernietigingslijst_create",
    ),
    path(
        "vernietiging/lijsten/<uuid:uuid>/",
        vernietigingslijst_detail_view,
        name="vernietigingslijst_detail",
    ),
    path(
        "vernietiging/lijsten/<uuid:uuid>/zaken/<uuid:item>/uitzonderen/",
        vernietigingslijst_item_uitzonderen_view,
        name="vernietigingslijst_item_uitzonderen",
    ),
    path(
        "vernietiging/lijsten/<uuid:uuid>/indienen/",
        vernietigingslijst_indienen_view,
        name="vernietigingslijst_indienen",
    ),
    path(
        "vernietiging/lijsten/<uuid:uuid>/beoordelen/",
        vernietigingslijst_beoordelen_view,
        name="vernietigingslijst_beoordelen",
    ),
    path(
        "vernietiging/lijsten/<uuid:uuid>/uitvoeren/",
        vernietigingslijst_uitvoeren_view,
        name="vernietigingslijst_uitvoeren",
    ),
    path("vernietiging/verslagen/", vernietigingsverslagen_view, name="vernietigingsverslagen"),
    path(
        "vernietiging/verslagen/<uuid:uuid>/",
        vernietigingsverslag_view,
        name="vernietigingsverslag",
    ),
    path(
        "vernietiging/verslagen/<uuid:uuid>/csv/",
        vernietigingsverslag_csv_view,
        name="vernietigingsverslag_csv",
    ),
    path(
        "vernietiging/verslagen/<uuid:uuid>/pdf/",
        vernietigingsverslag_pdf_view,
        name="vernietigingsverslag_pdf",
    ),
]
