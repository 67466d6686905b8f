"""Segment and mailing screens at /crm/mailings/ (namespace crm:mailing), and the public
unsubscribe page. Staff views: `staff_required(roles=[medewerker])`, a selector, one service
call, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.mailing import forms as f
from raadhuis.modules.crm.mailing import selectors, services
from raadhuis.modules.crm.mailing.models import (
    Mailing,
    MailingOntvanger,
    MailingStatus,
    Segment,
)
from raadhuis.modules.crm.selectors import relatie_get
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add

MEDEWERKER = [Rol.MEDEWERKER]
GET_POST = ["GET", "POST"]


def _segment(request: HttpRequest, uuid: str) -> Segment:
    try:
        return selectors.segment_get(actor=request.actor, uuid=uuid)
    except NietGevonden as error:
        raise Http404(_("Segment niet gevonden.")) from error


def _mailing(request: HttpRequest, uuid: str) -> Mailing:
    try:
        return selectors.mailing_get(actor=request.actor, uuid=uuid)
    except NietGevonden as error:
        raise Http404(_("Mailing niet gevonden.")) from error


def _status(form: object) -> int:
    return 400 if getattr(form, "is_bound", False) and form.errors else 200  # type: ignore[attr-defined]


@staff_required(roles=MEDEWERKER)
@require_GET
def overzicht_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    context = {
        "segmenten": selectors.segmenten_list(actor=actor),
        "mailings": selectors.mailings_list(actor=actor)[:100],
    }
    return render(request, "crm/mailing/overzicht.html", context)


def _segment_formulier(request: HttpRequest, segment: Segment | None) -> HttpResponse:
    actor = request.actor
    initial = f.SegmentForm.initial_van(segment) if segment else None
    form = f.SegmentForm(request.POST or None, actor=actor, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            segment = services.segment_save(actor=actor, segment=segment, **form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Segment opgeslagen."))
            return redirect("crm:mailing:segment", uuid=segment.uuid)
    context = {"form": form, "segment": segment}
    return render(request, "crm/mailing/segment_formulier.html", context, status=_status(form))


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def segment_nieuw_view(request: HttpRequest) -> HttpResponse:
    return _segment_formulier(request, None)


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def segment_bewerken_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _segment_formulier(request, _segment(request, uuid))


@staff_required(roles=MEDEWERKER)
@require_GET
def segment_view(request: HttpRequest, uuid: str) -> HttpResponse:
    segment = _segment(request, uuid)
    preview = selectors.segment_preview(actor=request.actor, segment=segment)
    return render(request, "crm/mailing/segment.html", {"segment": segment, "preview": preview})


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def mailing_nieuw_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    initial = {"segment": request.GET.get("segment")} if request.GET.get("segment") else None
    form = f.MailingForm(request.POST or None, actor=actor, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            mailing = services.mailing_create(actor=actor, **form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error, {"inhoud": "sjabloon"})
        else:
            messages.success(request, _("Mailing aangemaakt. Bekijk het voorbeeld en verstuur."))
            return redirect("crm:mailing:mailing", uuid=mailing.uuid)
    return render(request, "crm/mailing/mailing_nieuw.html", {"form": form}, status=_status(form))


def _mailing_pagina(
    request: HttpRequest,
    mailing: Mailing,
    *,
    testmail_form: f.TestmailForm | None = None,
    fout: str = "",
    status: int = 200,
) -> HttpResponse:
    actor = request.actor
    context: dict = {
        "mailing": mailing,
        "testmail_form": testmail_form or f.TestmailForm(),
        "fout": fout,
    }
    if mailing.status == MailingStatus.CONCEPT:
        preview = selectors.segment_preview(actor=actor, segment=mailing.segment)
        context["preview"] = preview
        if preview.eerste:
            try:
                context["voorbeeld"] = services.bericht_voorbeeld(mailing, preview.eerste[0])
            except ValidationError as error:
                context["voorbeeld_fout"] = "; ".join(error.messages)
    else:
        ontvangers = selectors.mailing_ontvangers(actor=actor, mailing=mailing)
        context["ontvangers"] = ontvangers
        context["tellingen"] = selectors.mailing_tellingen(mailing)
        context["bounce_form"] = f.BounceForm()
    return render(request, "crm/mailing/mailing.html", context, status=status)


@staff_required(roles=MEDEWERKER)
@require_GET
def mailing_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _mailing_pagina(request, _mailing(request, uuid))


@staff_required(roles=MEDEWERKER)
@require_POST
def mailing_versturen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    mailing = _mailing(request, uuid)
    try:
        overzicht = services.mailing_send(actor=request.actor, mailing=mailing)
    except ValidationError as error:
        return _mailing_pagina(request, mailing, fout="; ".join(error.messages), status=400)
    melding = _(
        "Mailing verstuurd: %(wachtrij)s in de verzendwachtrij, %(niet)s niet bezorgbaar, "
        "%(af)s afgemeld."
    )
    if overzicht.non_mailing:
        melding = _(
            "Mailing verstuurd: %(wachtrij)s in de verzendwachtrij, %(niet)s niet bezorgbaar, "
            "%(af)s afgemeld, %(nm)s overgeslagen om de non-mailingwens in de KvK."
        )
    waarden = {
        "wachtrij": overzicht.in_wachtrij,
        "niet": overzicht.niet_bezorgbaar,
        "af": overzicht.afgemeld,
        "nm": overzicht.non_mailing,
    }
    messages.success(request, melding % waarden)
    return redirect("crm:mailing:mailing", uuid=mailing.uuid)


@staff_required(roles=MEDEWERKER)
@require_POST
def testmail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    mailing = _mailing(request, uuid)
    form = f.TestmailForm(request.POST)
    if form.is_valid():
        try:
            adres = services.testmail_send(
                actor=request.actor, mailing=mailing, emailadres=form.cleaned_data["emailadres"]
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Testmail verstuurd naar %(adres)s.") % {"adres": adres})
            return redirect("crm:mailing:mailing", uuid=mailing.uuid)
    return _mailing_pagina(request, mailing, testmail_form=form, status=400)


@staff_required(roles=MEDEWERKER)
@require_POST
def bounce_view(request: HttpRequest, uuid: str, ontvanger: str) -> HttpResponse:
    mailing = _mailing(request, uuid)
    try:
        rij = mailing.ontvangers.get(uuid=ontvanger)
    except (MailingOntvanger.DoesNotExist, ValidationError) as error:
        raise Http404(_("Ontvanger niet gevonden.")) from error
    form = f.BounceForm(request.POST)
    if form.is_valid():
        try:
            services.bounce_register(
                actor=request.actor, ontvanger=rij, reden=form.cleaned_data["reden"]
            )
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
        else:
            messages.success(request, _("Bounce geregistreerd voor %(naam)s.") % {"naam": rij.naam})
    else:
        messages.error(request, _("Geef de reden van de bounce."))
    return redirect("crm:mailing:mailing", uuid=mailing.uuid)


@require_http_methods(GET_POST)
def afmelden_view(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the unsubscribe link in every mailing. GET asks, POST confirms (a mail
    scanner that follows links must not unsubscribe anyone)."""
    afgemeld = False
    if request.method == "POST":
        try:
            services.afmelden_met_token(token)
        except NietGevonden as error:
            raise Http404(_("Deze afmeldlink is ongeldig.")) from error
        afgemeld = True
    elif not services.afmeld_token_geldig(token):
        raise Http404(_("Deze afmeldlink is ongeldig."))
    return render(request, "crm/mailing/afmelden.html", {"afgemeld": afgemeld, "token": token})


@staff_required(roles=MEDEWERKER)
@require_POST
def afmelding_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """A medewerker records (or withdraws) an opt-out the relation asked for by phone/letter."""
    try:
        relatie = relatie_get(actor=request.actor, partij_uuid=uuid)
    except NietGevonden as error:
        raise Http404(_("Relatie niet gevonden.")) from error
    if request.POST.get("actie") == "intrekken":
        services.afmelding_intrekken(actor=request.actor, partij=relatie.partij)
        messages.success(request, _("De relatie ontvangt weer mailings."))
    else:
        services.afmelding_register(actor=request.actor, partij=relatie.partij, bron="medewerker")
        messages.success(request, _("De relatie is afgemeld voor mailings."))
    return redirect("crm:relatie", uuid=relatie.partij.uuid)
