"""Screens of the links: the signal queue of the outreach team (list, one signal, pick up,
turn into a case, close, read in a file), the functional administrator's migration screen
(upload, dry-run report, commit), and the exchange status of the Schuldenknooppunt and the
VISH (per dossier for the consultant, per organisation for both, with retries).

Every view: `staff_required(roles=[...])` (other roles get 403), a selector that applies access
and logs the read (a consultant without the outreach track gets 404), one service call, render.
"""

from __future__ import annotations

import uuid as uuid_module

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from raadhuis.kernel.organisations.models import Medewerker, Rol
from raadhuis.modules.shv.koppelingen import migratie, selectors, services, skn, vish
from raadhuis.modules.shv.koppelingen.adapters.skn import SknFout
from raadhuis.modules.shv.koppelingen.common import require_migratie, require_signalen_toegang
from raadhuis.modules.shv.koppelingen.forms import (
    MigratieUploadForm,
    SignaalAfsluitenForm,
    SignaalFilterForm,
    SignaalOmzettenForm,
    SignalenImportForm,
)
from raadhuis.modules.shv.koppelingen.models import Signaal, SignaalStatus, VishStatus
from raadhuis.modules.shv.koppelingen.workflow import SIGNAAL_OPEN
from raadhuis.modules.shv.selectors import dossier_get
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import behandelaars, service_errors_add
from raadhuis.web.views.common import page_size_from, render_page_or_partial

MEDEWERKER = [Rol.MEDEWERKER]
FUNCTIONEEL_BEHEERDER = [Rol.FUNCTIONEEL_BEHEERDER]


# --- signal queue ---------------------------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_GET
def signaal_wachtrij_view(request: HttpRequest) -> HttpResponse:
    """The queue of early-warning signals, oldest first, filtered by status and source."""
    actor = request.actor
    form = SignaalFilterForm(request.GET or None)
    qs = selectors.signalen_wachtrij(actor=actor, **form.filters())
    page = Paginator(qs, page_size_from(request)).get_page(request.GET.get("pagina"))
    signalen = list(page.object_list)
    selectors.signalen_ingezien(actor=actor, signalen=signalen)
    context = {
        "form": form,
        "page": page,
        "signalen": signalen,
        "telling": selectors.signalen_telling(actor=actor),
    }
    return render_page_or_partial(
        request,
        "shv_koppelingen/signalen.html",
        "shv_koppelingen/partials/signalen_resultaten.html",
        context,
    )


def _signaal_pagina(
    request: HttpRequest,
    signaal: Signaal,
    *,
    omzetten: SignaalOmzettenForm | None = None,
    afsluiten: SignaalAfsluitenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    open_ = signaal.status in SIGNAAL_OPEN
    context = {
        "signaal": signaal,
        "open": open_,
        "mag_oppakken": signaal.status == SignaalStatus.NIEUW,
        "omzetten": omzetten or SignaalOmzettenForm(initial={"bsn": signaal.bsn}, prefix="omz"),
        "afsluiten": afsluiten or SignaalAfsluitenForm(prefix="afs"),
    }
    return render(request, "shv_koppelingen/signaal.html", context, status=status)


@staff_required(roles=MEDEWERKER)
@require_GET
def signaal_view(request: HttpRequest, uuid: str) -> HttpResponse:
    signaal = selectors.signaal_get(actor=request.actor, uuid=uuid)
    return _signaal_pagina(request, signaal)


@staff_required(roles=MEDEWERKER)
@require_POST
def signaal_oppakken_view(request: HttpRequest, uuid: str) -> HttpResponse:
    signaal = selectors.signaal_get(actor=request.actor, uuid=uuid)
    try:
        services.signaal_oppakken(actor=request.actor, signaal=signaal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Je hebt het signaal opgepakt."))
    return redirect("shv:signaal_detail", uuid=signaal.uuid)


@staff_required(roles=MEDEWERKER)
@require_POST
def signaal_omzetten_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    signaal = selectors.signaal_get(actor=actor, uuid=uuid)
    form = SignaalOmzettenForm(request.POST, prefix="omz")
    if form.is_valid():
        try:
            dossier = services.signaal_omzetten(
                actor=actor,
                signaal=signaal,
                bsn=form.cleaned_data["bsn"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request,
                _("Signaal omgezet in zaak %(nummer)s.") % {"nummer": dossier.zaak.identificatie},
            )
            return redirect("shv:dossier", uuid=dossier.zaak.uuid)
    return _signaal_pagina(request, signaal, omzetten=form, status=400)


@staff_required(roles=MEDEWERKER)
@require_POST
def signaal_afsluiten_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    signaal = selectors.signaal_get(actor=actor, uuid=uuid)
    form = SignaalAfsluitenForm(request.POST, prefix="afs")
    if form.is_valid():
        try:
            services.signaal_afsluiten(
                actor=actor,
                signaal=signaal,
                status=form.cleaned_data["status"],
                reden=form.cleaned_data["reden"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Het signaal is afgesloten."))
            return redirect("shv:signaal_wachtrij")
    return _signaal_pagina(request, signaal, afsluiten=form, status=400)


@staff_required(roles=MEDEWERKER + FUNCTIONEEL_BEHEERDER)
@require_http_methods(["GET", "POST"])
def signaal_importeren_view(request: HttpRequest) -> HttpResponse:
    """Read a file of signals: the report per row; nothing written when a row is wrong."""
    actor = request.actor
    if not actor.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER):
        require_signalen_toegang(actor)
    verslag = None
    form = SignalenImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        verslag = services.signalen_importeren(
            actor=actor,
            inhoud=bestand.read(),
            bestandsnaam=bestand.name,
            proef=form.cleaned_data["proef"],
        )
        if verslag.uitgevoerd:
            messages.success(request, verslag.samenvatting())
    status = 400 if (form.is_bound and form.errors) or (verslag and verslag.heeft_fouten) else 200
    return render(
        request,
        "shv_koppelingen/signalen_importeren.html",
        {"form": form, "verslag": verslag, "naar_wachtrij": actor.heeft_rol(Rol.MEDEWERKER)},
        status=status,
    )


# --- migration ------------------------------------------------------------------------------


def _behandelaars(request: HttpRequest):  # noqa: ANN202 - a queryset
    ids = [m.pk for m in behandelaars(request.actor)]
    return Medewerker.objects.filter(pk__in=ids).order_by("achternaam")


@staff_required(roles=FUNCTIONEEL_BEHEERDER)
@require_http_methods(["GET", "POST"])
def migratie_view(request: HttpRequest) -> HttpResponse:
    """Upload an export of the previous system; it is checked at once (dry run)."""
    actor = request.actor
    require_migratie(actor)
    form = MigratieUploadForm(
        request.POST or None, request.FILES or None, behandelaars=_behandelaars(request)
    )
    if request.method == "POST" and form.is_valid():
        upload = migratie.migratie_upload_create(
            actor=actor,
            bestand=form.cleaned_data["bestand"],
            behandelaar=form.cleaned_data["behandelaar"],
        )
        return redirect("shv:migratie_upload", uuid=upload.uuid)
    uploads = selectors.migratie_uploads(actor=actor)[:20]
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "shv_koppelingen/migratie.html", {"form": form, "uploads": uploads}, status=status
    )


@staff_required(roles=FUNCTIONEEL_BEHEERDER)
@require_GET
def migratie_upload_view(request: HttpRequest, uuid: str) -> HttpResponse:
    upload = selectors.migratie_upload_get(actor=request.actor, uuid=uuid)
    return render(request, "shv_koppelingen/migratie_upload.html", {"upload": upload})


@staff_required(roles=FUNCTIONEEL_BEHEERDER)
@require_POST
def migratie_importeren_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Commit an upload whose dry run was clean: everything, or nothing."""
    upload = selectors.migratie_upload_get(actor=request.actor, uuid=uuid)
    try:
        verslag = migratie.migratie_upload_importeren(actor=request.actor, upload=upload)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if verslag.uitgevoerd:
            messages.success(request, verslag.samenvatting())
        else:
            messages.error(request, verslag.samenvatting())
    return redirect("shv:migratie_upload", uuid=upload.uuid)


# --- exchange status: Schuldenknooppunt and VISH -------------------------------------------

UITWISSELEN = [Rol.MEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER]


def _terug(request: HttpRequest) -> HttpResponse:
    """Back to the page the button was on: a dossier's exchange page, else the overview."""
    zaak_uuid = request.POST.get("dossier", "")
    if zaak_uuid:
        try:
            return redirect("shv:koppeling_dossier", uuid=uuid_module.UUID(zaak_uuid))
        except ValueError:
            pass
    return redirect("shv:koppelingen")


def _verwerking_melden(request: HttpRequest, uitkomst: skn.SknVerwerking) -> None:
    if not uitkomst.verwerkt and not uitkomst.fouten:
        messages.info(request, _("Er stonden geen antwoordbestanden klaar."))
    if uitkomst.verwerkt:
        messages.success(
            request,
            _("%(n)s antwoordbestand(en) verwerkt, met %(o)s opgave(n).")
            % {"n": len(uitkomst.verwerkt), "o": uitkomst.opgaven},
        )
    for naam, fouten in uitkomst.fouten.items():
        messages.error(
            request,
            _("Antwoordbestand ‘%(naam)s’ is niet verwerkt: %(fouten)s")
            % {"naam": naam, "fouten": "; ".join(fouten)},
        )


@staff_required(roles=UITWISSELEN)
@require_GET
def koppelingen_view(request: HttpRequest) -> HttpResponse:
    """The organisation's exchange with the Schuldenknooppunt and the VISH: what waits, what
    failed and why, with retry buttons. Case numbers only, never a client's name."""
    overzicht = selectors.koppelingen_overzicht(actor=request.actor)
    context = {
        "overzicht": overzicht,
        "mag_dossier_openen": request.actor.heeft_rol(Rol.MEDEWERKER),
    }
    return render(request, "shv_koppelingen/koppelingen.html", context)


@staff_required(roles=MEDEWERKER)
@require_GET
def koppeling_dossier_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """One dossier's exchange: each VISH (de)registration and each Schuldenknooppunt message,
    when it was made, sent and answered, and the Dutch reason of a failure."""
    dossier = dossier_get(actor=request.actor, zaak_uuid=uuid, doel="Koppelingen van het dossier")
    context = {
        "dossier": dossier,
        "zaak": dossier.zaak,
        "koppelingen": selectors.dossier_koppelingen(dossier=dossier),
    }
    return render(request, "shv_koppelingen/dossier_koppelingen.html", context)


@staff_required(roles=UITWISSELEN)
@require_POST
def koppeling_vish_opnieuw_view(request: HttpRequest, uuid: str) -> HttpResponse:
    registratie = selectors.vish_registratie_get(actor=request.actor, uuid=uuid)
    try:
        registratie = vish.vish_opnieuw_versturen(actor=request.actor, registratie=registratie)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registratie.status == VishStatus.GELUKT:
            messages.success(request, _("De VISH heeft de registratie verwerkt."))
        else:
            messages.error(
                request,
                _("Opnieuw mislukt: %(fout)s Het systeem probeert het later vanzelf opnieuw.")
                % {"fout": registratie.laatste_fout},
            )
    return _terug(request)


@staff_required(roles=MEDEWERKER)
@require_POST
def koppeling_skn_saldoverzoeken_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Queue a saldoverzoek for every debt of the dossier still waiting for a statement."""
    dossier = dossier_get(actor=request.actor, zaak_uuid=uuid, doel="Saldoverzoeken klaarzetten")
    berichten = skn.skn_saldoverzoeken_klaarzetten(actor=request.actor, dossier=dossier)
    messages.success(
        request,
        _("%(n)s saldoverzoek(en) klaargezet voor het Schuldenknooppunt.") % {"n": len(berichten)},
    )
    return redirect("shv:koppeling_dossier", uuid=dossier.zaak.uuid)


@staff_required(roles=UITWISSELEN)
@require_POST
def koppeling_skn_versturen_view(request: HttpRequest) -> HttpResponse:
    """Send every queued message of the organisation as one batch."""
    try:
        batch = skn.skn_versturen(actor=request.actor)
    except SknFout as fout:
        messages.error(
            request,
            _(
                "Versturen naar het Schuldenknooppunt is mislukt: %(fout)s De berichten blijven "
                "klaarstaan; probeer het opnieuw als de oorzaak is opgelost."
            )
            % {"fout": fout},
        )
    else:
        if batch is None:
            messages.info(request, _("Er stonden geen berichten klaar."))
        else:
            messages.success(
                request, _("De berichten zijn verstuurd in batch %(batch)s.") % {"batch": batch}
            )
    return _terug(request)


@staff_required(roles=UITWISSELEN)
@require_POST
def koppeling_skn_antwoorden_view(request: HttpRequest) -> HttpResponse:
    """Read and apply the answer files waiting from the Schuldenknooppunt."""
    try:
        uitkomst = skn.skn_antwoorden_ophalen(actor=request.actor)
    except SknFout as fout:
        messages.error(request, _("Antwoorden ophalen is mislukt: %(fout)s") % {"fout": fout})
    else:
        _verwerking_melden(request, uitkomst)
    return _terug(request)


@staff_required(roles=UITWISSELEN)
@require_POST
def koppeling_skn_opnieuw_view(request: HttpRequest) -> HttpResponse:
    """Offer a refused answer file again, once its cause is fixed."""
    naam = request.POST.get("bestand", "")
    try:
        uitkomst = skn.skn_antwoord_opnieuw_verwerken(actor=request.actor, naam=naam)
    except SknFout as fout:
        messages.error(request, str(fout))
    else:
        _verwerking_melden(request, uitkomst)
    return redirect("shv:koppelingen")
