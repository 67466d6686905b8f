"""Cases: the list with filters, creating a case, the case page and its actions (status,
documents, tasks), and downloading any version of a document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.selectors import zaak_audit_history
from raadhuis.kernel.cases.models import Resultaat, Zaak
from raadhuis.kernel.cases.selectors import zaak_documenten_getoond, zaak_get, zaken_list
from raadhuis.kernel.cases.services import zaak_create, zaak_eigenschap_set, zaak_status_set
from raadhuis.kernel.cases.uitbreidingen import zaak_uitbreidingen
from raadhuis.kernel.catalog.models import EigenschapType, StatusType
from raadhuis.kernel.documents.models import ZaakInformatieObject
from raadhuis.kernel.documents.selectors import document_versie_get, zaak_documenten
from raadhuis.kernel.documents.services import document_versie_add, zaak_document_add
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_optellen
from raadhuis.kernel.workflow.proces_selectors import zaak_proces_overzicht
from raadhuis.kernel.workflow.services import taak_create
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import (
    DocumentForm,
    DocumentVersieForm,
    TaakForm,
    ZaakCreateForm,
    ZaakEigenschapForm,
    ZaakFilterForm,
    ZaakStatusForm,
    form_status,
    service_errors_add,
)
from raadhuis.web.views.common import page_size_from, render_page_or_partial
from raadhuis.web.views.pagination import keyset_paginate
from raadhuis.web.views.partijen import partij_keuzes
from raadhuis.web.views.zaak_proces import ZaakStapForm

GET_POST = ["GET", "POST"]
MEDEWERKER = [Rol.MEDEWERKER]
ZAAK_ORDER = ("startdatum", "id")  # zaken_list orders by -startdatum, -id
T = TypeVar("T")


# --- list -----------------------------------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_GET
def zaken_view(request: HttpRequest) -> HttpResponse:
    """The case list. One query for the rows whatever the page size (no COUNT, no OFFSET)."""
    actor = request.actor
    form = ZaakFilterForm(request.GET or None, actor=actor)
    filters = form.filters()
    qs = zaken_list(
        actor=actor,
        zoekterm=filters["zoekterm"],
        zaaktype_uuid=filters["zaaktype_uuid"],
        status=filters["status"],
        behandelaar_id=request.medewerker.pk if filters["mijn"] else None,
    )
    page = keyset_paginate(
        qs,
        fields=ZAAK_ORDER,
        size=page_size_from(request),
        after=request.GET.get("na", ""),
        before=request.GET.get("voor", ""),
    )
    context = {
        "form": form,
        "page": page,
        "vandaag": vandaag(actor.organisatie.tijdzone),
        "filtered": any(filters.values()),
        "page_sizes": (10, 25, 50, 100),
    }
    return render_page_or_partial(
        request, "web/zaken/lijst.html", "web/zaken/_resultaten.html", context
    )


# --- create ---------------------------------------------------------------------------------


def _initiator_keuzes(request: HttpRequest, form: ZaakCreateForm) -> dict:
    """The party picker's state for the create form: search results and the chosen party."""
    source = form.data if form.is_bound else form.initial
    return partij_keuzes(
        actor=request.actor,
        zoekterm=source.get("initiator_zoek") or "",
        gekozen_uuid=source.get("initiator") or "",
        # A bound form has looked the chosen party up in clean() already (and logged that read).
        gekozen=form.initiator_partij if form.is_bound else None,
        opzoeken=not form.is_bound,
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def zaak_create_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    if request.method == "POST" and request.POST.get("actie") == "zoek_initiator":
        # The search button without JavaScript: show the results, keep everything typed.
        form = ZaakCreateForm(actor=actor, initial=request.POST.dict())
    elif request.method == "POST":
        form = ZaakCreateForm(request.POST, actor=actor)
        if form.is_valid():
            data = form.cleaned_data
            try:
                zaak = zaak_create(
                    actor=actor,
                    zaaktype=data["zaaktype"],
                    omschrijving=data["omschrijving"],
                    toelichting=data["toelichting"],
                    startdatum=data["startdatum"],
                    vertrouwelijkheidaanduiding=data["vertrouwelijkheidaanduiding"],
                    initiator=form.initiator_partij,
                    behandelaar=data["behandelaar"],
                )
            except ValidationError as error:
                service_errors_add(form, error)
            except ToegangGeweigerd:
                form.add_error(
                    "vertrouwelijkheidaanduiding",
                    _(
                        "Je bent niet geautoriseerd voor dit zaaktype met deze "
                        "vertrouwelijkheid. Kies een lagere vertrouwelijkheid."
                    ),
                )
            else:
                messages.success(
                    request, _("Zaak %(nummer)s is aangemaakt.") % {"nummer": zaak.identificatie}
                )
                return redirect("web:zaak_detail", uuid=zaak.uuid)
    else:
        initial = {"startdatum": vandaag(actor.organisatie.tijdzone)}
        if request.medewerker is not None and Rol.MEDEWERKER in request.medewerker.rollen:
            initial["behandelaar"] = request.medewerker.pk
        form = ZaakCreateForm(actor=actor, initial=initial)
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "form": form,
        "picker": _initiator_keuzes(request, form),
        # Case types a module starts itself are not in the form: say where they start.
        "eigen_intakes": form.eigen_intakes,
    }
    return render(request, "web/zaken/nieuw.html", context, status=status)


# --- detail ---------------------------------------------------------------------------------


def _statusverloop(zaak: Zaak, statustypen: list[StatusType]) -> list[dict]:
    """Every status type of the case type (`statustypen`, by volgnummer), marked done /
    current / to come, with when and by whom it was set (last time)."""
    gezet = {}
    for status in zaak.statussen.all():
        gezet[status.statustype_id] = status
    huidig = zaak.status_actueel.statustype if zaak.status_actueel_id else None
    stappen = []
    for statustype in statustypen:
        if huidig is not None and statustype.pk == huidig.pk:
            toestand = "huidig"
        elif huidig is not None and statustype.volgnummer < huidig.volgnummer:
            toestand = "gedaan"
        else:
            toestand = "nog"
        stappen.append(
            {"statustype": statustype, "status": gezet.get(statustype.pk), "toestand": toestand}
        )
    return stappen


def _eigenschappen(zaak: Zaak, eigenschaptypen: list[EigenschapType]) -> list[dict]:
    """Every property the case type defines, with the case's value where one is set."""
    waarden = {ze.eigenschap_id: ze.waarde for ze in zaak.eigenschappen.all()}
    return [{"eigenschap": e, "waarde": waarden.get(e.pk)} for e in eigenschaptypen]


def _resultaat(zaak: Zaak) -> Resultaat | None:
    """The case's result with its type (which the page shows) in one query. One result per
    case (one-to-one), so no ORDER BY as .first() would add."""
    gevonden = list(Resultaat.objects.select_related("resultaattype").filter(zaak_id=zaak.pk))
    return gevonden[0] if gevonden else None


def zaak_context(request: HttpRequest, zaak: Zaak) -> dict:
    actor = request.actor
    today = vandaag(actor.organisatie.tijdzone)
    taken = list(
        zaak.taken.select_related("toegewezen_aan", "toegewezen_team").order_by(
            "status", "vervaldatum", "id"
        )
    )
    proces = zaak_proces_overzicht(actor=actor, zaak=zaak)
    # The page's forms (status, document, task, property) are fetched when their disclosure
    # opens (web/zaken/_formulier_bij_openen.html): most visits only read the case.
    statustypen = list(zaak.zaaktype.statustypen.order_by("volgnummer"))
    eigenschaptypen = list(zaak.zaaktype.eigenschappen.order_by("naam"))
    return {
        "zaak": zaak,
        "proces": proces,
        "proces_stap_form": ZaakStapForm(overzicht=proces) if proces else None,
        "vandaag": today,
        "binnenkort": werkdagen_optellen(
            today, settings.DUE_SOON_WORKING_DAYS, actor.organisatie.land
        ),
        "te_laat": zaak.einddatum is None
        and zaak.uiterlijke_einddatum_afdoening is not None
        and zaak.uiterlijke_einddatum_afdoening < today,
        "statusverloop": _statusverloop(zaak, statustypen),
        "statussen": sorted(
            zaak.statussen.all(), key=lambda s: (s.datum_status_gezet, s.pk), reverse=True
        ),
        "resultaat": _resultaat(zaak),
        "rollen": list(zaak.rollen.all()),
        "documenten": zaak_documenten_getoond(actor=actor, zaak=zaak),
        "taken": taken,
        "open_taken": sum(1 for t in taken if t.status == "open"),
        "eigenschappen": _eigenschappen(zaak, eigenschaptypen),
        "historie": list(zaak_audit_history(actor=actor, zaak=zaak)[:50]),
        # What other modules show about this case (kernel.cases.uitbreidingen).
        "uitbreidingen": zaak_uitbreidingen(actor, zaak),
    }


@staff_required(roles=MEDEWERKER)
@require_GET
def zaak_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    zaak = zaak_get(actor=request.actor, uuid=uuid)
    return render(request, "web/zaken/detail.html", zaak_context(request, zaak))


# --- actions --------------------------------------------------------------------------------


def zaak_formulier_tonen(
    request: HttpRequest, zaak: Zaak, form: forms.Form, pagina: str, formulier: str
) -> HttpResponse:
    """A case form not sent yet or sent with errors: on its own `pagina`, or only the
    `formulier` template for the case page's disclosure that fetches it (htmx)."""
    return render_page_or_partial(
        request, pagina, formulier, {"zaak": zaak, "form": form}, status=form_status(form)
    )


def zaak_actie_uitvoeren(
    request: HttpRequest,
    zaak: Zaak,
    form: forms.Form,
    uitvoeren: Callable[[dict[str, Any]], T],
    melding: Callable[[T], str],
    anker: str = "",
) -> HttpResponse | None:
    """One action on a case from a submitted form: `uitvoeren` calls the service with the
    cleaned data; its ValidationError goes back on the form (None: show the form again), and
    success shows `melding` and returns to the case page, at `anker` (e.g. "#documenten")."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        resultaat = uitvoeren(form.cleaned_data)
    except ValidationError as error:
        service_errors_add(form, error)
        return None
    messages.success(request, melding(resultaat))
    return redirect(reverse("web:zaak_detail", kwargs={"uuid": zaak.uuid}) + anker)


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def zaak_status_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    zaak = zaak_get(actor=actor, uuid=uuid)
    form = ZaakStatusForm(request.POST or None, zaak=zaak)
    klaar = zaak_actie_uitvoeren(
        request,
        zaak,
        form,
        lambda data: zaak_status_set(
            actor=actor,
            zaak=zaak,
            statustype=data["statustype"],
            toelichting=data["toelichting"],
            resultaattype=data["resultaattype"],
            resultaat_toelichting=data["resultaat_toelichting"],
        ),
        lambda status: (
            _("De status is nu ‘%(status)s’.") % {"status": status.statustype.omschrijving}
        ),
    )
    if klaar is not None:
        return klaar
    return zaak_formulier_tonen(
        request, zaak, form, "web/zaken/status.html", "web/zaken/_status_form.html"
    )


def zaak_document_uit_formulier(
    *, actor: Actor, zaak: Zaak, data: dict[str, Any], **extra: Any
) -> ZaakInformatieObject:
    """zaak_document_add with the cleaned data of a DocumentForm; `extra` holds what a form
    built on it adds (incoming post: the sender and the date received)."""
    return zaak_document_add(
        actor=actor,
        zaak=zaak,
        bestand=data["bestand"],
        titel=data["titel"],
        informatieobjecttype=data["informatieobjecttype"],
        beschrijving=data["beschrijving"],
        **extra,
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def zaak_document_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    zaak = zaak_get(actor=actor, uuid=uuid)
    form = DocumentForm(request.POST or None, request.FILES or None, zaak=zaak)
    klaar = zaak_actie_uitvoeren(
        request,
        zaak,
        form,
        lambda data: zaak_document_uit_formulier(actor=actor, zaak=zaak, data=data),
        lambda zio: (
            _("Document ‘%(titel)s’ is toegevoegd.") % {"titel": zio.informatieobject.titel}
        ),
        anker="#documenten",
    )
    if klaar is not None:
        return klaar
    return zaak_formulier_tonen(
        request, zaak, form, "web/zaken/document_nieuw.html", "web/zaken/_document_form.html"
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def document_versie_add_view(request: HttpRequest, uuid: str, document: str) -> HttpResponse:
    actor = request.actor
    zaak = zaak_get(actor=actor, uuid=uuid)
    zio = zaak_documenten(actor=actor, zaak=zaak).filter(informatieobject__uuid=document).first()
    if zio is None:
        raise Http404(_("Document niet gevonden."))
    form = DocumentVersieForm(request.POST or None, request.FILES or None)
    klaar = zaak_actie_uitvoeren(
        request,
        zaak,
        form,
        lambda data: document_versie_add(
            actor=actor,
            informatieobject=zio.informatieobject,
            bestand=data["bestand"],
            titel=data["titel"],
            toelichting=data["toelichting"],
        ),
        lambda versie: (
            _("Versie %(versie)s van ‘%(titel)s’ is toegevoegd.")
            % {"versie": versie.versie, "titel": versie.titel}
        ),
        anker="#documenten",
    )
    if klaar is not None:
        return klaar
    context = {"zaak": zaak, "document": zio.informatieobject, "form": form}
    return render(request, "web/zaken/document_versie.html", context, status=form_status(form))


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def zaak_taak_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    zaak = zaak_get(actor=actor, uuid=uuid)
    form = TaakForm(request.POST or None, actor=actor)
    klaar = zaak_actie_uitvoeren(
        request,
        zaak,
        form,
        lambda data: taak_create(
            actor=actor,
            zaak=zaak,
            titel=data["titel"],
            toegewezen_aan=data["toegewezen_aan"],
            toegewezen_team=None if data["toegewezen_aan"] else data["toegewezen_team"],
            termijn_werkdagen=data["termijn_werkdagen"],
            toelichting=data["toelichting"],
        ),
        lambda taak: (
            _("Taak ‘%(titel)s’ is aangemaakt, uiterlijk %(datum)s.")
            % {"titel": taak.titel, "datum": taak.vervaldatum.strftime("%d-%m-%Y")}
        ),
        anker="#taken",
    )
    if klaar is not None:
        return klaar
    return zaak_formulier_tonen(
        request, zaak, form, "web/zaken/taak_nieuw.html", "web/zaken/_taak_form.html"
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def zaak_eigenschap_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    zaak = zaak_get(actor=actor, uuid=uuid)
    form = ZaakEigenschapForm(request.POST or None, zaak=zaak)
    klaar = zaak_actie_uitvoeren(
        request,
        zaak,
        form,
        lambda data: zaak_eigenschap_set(
            actor=actor, zaak=zaak, eigenschap=data["eigenschap"], waarde=data["waarde"]
        ),
        lambda _resultaat: (
            _("Eigenschap ‘%(naam)s’ is vastgelegd.")
            % {
                "naam": form.cleaned_data["eigenschap"].definitie
                or form.cleaned_data["eigenschap"].naam
            }
        ),
        anker="#eigenschappen",
    )
    if klaar is not None:
        return klaar
    return zaak_formulier_tonen(
        request, zaak, form, "web/zaken/eigenschap.html", "web/zaken/_eigenschap_form.html"
    )


@staff_required(roles=MEDEWERKER)
@require_GET
def document_download_view(request: HttpRequest, uuid: str) -> FileResponse:
    """Any version of a document (default the latest) as a download; the read is logged."""
    versie_param = request.GET.get("versie")
    versie = None
    if versie_param:
        if not versie_param.isdigit():
            raise Http404(_("Onbekende versie."))
        versie = int(versie_param)
    v = document_versie_get(actor=request.actor, uuid=uuid, versie=versie)
    response = FileResponse(
        v.bestand.open("rb"),
        as_attachment=True,
        filename=v.bestandsnaam,
        content_type=v.formaat or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response
