"""Letter templates for the functional administrator: the library, editor, versions,
export and import.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.messaging.models import (
    BriefSjabloon,
    SjabloonSoort,
)
from raadhuis.kernel.messaging.samenvoegvelden import (
    merge_field_groups,
    voorbeeld_context,
)
from raadhuis.kernel.messaging.selectors import (
    sjablonen_zoeken,
    sjabloon_categorieen,
    sjabloon_get,
    sjabloon_versies,
    sjabloon_versies_vergelijken,
)
from raadhuis.kernel.messaging.services import (
    sjabloon_active_set,
    sjabloon_create,
    sjabloon_indeling_set,
    sjabloon_update,
    sjabloon_versie_restore,
)
from raadhuis.kernel.messaging.sjablonen import SjabloonTekst
from raadhuis.kernel.messaging.uitwisseling import (
    export_json,
    sjablonen_export,
    sjablonen_import,
)
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.brieven.algemeen import BEHEER, GET_POST
from raadhuis.web.views.brieven.forms import (
    SjabloonFilterForm,
    SjabloonForm,
    SjabloonImportForm,
    SjabloonNieuwForm,
)
from raadhuis.web.views.brieven.voorbeeld import (
    foutmeldingen,
    render_voorbeeld,
    voorbeeld_context_kiezen,
    voorbeeld_maken,
    voorbeeldkeuzes_voor,
)
from raadhuis.web.views.common import render_page_or_partial, safe_next

PER_PAGINA = 25


def _bibliotheek(request: HttpRequest) -> tuple[SjabloonFilterForm, Any]:
    """The filter form and the filtered templates (a queryset) of the library."""
    actor = request.actor
    form = SjabloonFilterForm(request.GET or None, categorieen=sjabloon_categorieen(actor=actor))
    criteria = form.cleaned_data if form.is_bound and form.is_valid() else {}
    status = criteria.get("status")
    qs = sjablonen_zoeken(
        actor=actor,
        soort=criteria.get("soort") or None,
        categorie=criteria.get("categorie") or None,
        zoek=criteria.get("zoek") or "",
        actief={"actief": True, "inactief": False}.get(status or ""),
    ).select_related("huidige_versie")
    return form, qs


@staff_required(roles=BEHEER)
@require_GET
def sjablonen_view(request: HttpRequest) -> HttpResponse:
    form, qs = _bibliotheek(request)
    page = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    filters = request.GET.copy()
    filters.pop("pagina", None)
    context = {
        "form": form,
        "page": page,
        "sjablonen": page.object_list,
        "totaal": page.paginator.count,
        "gefilterd": any(v for k, v in request.GET.items() if k != "pagina"),
        "filters": filters.urlencode(),
    }
    return render_page_or_partial(
        request, "web/brieven/sjablonen.html", "web/brieven/_bibliotheek.html", context
    )


@staff_required(roles=BEHEER)
@require_POST
def sjabloon_actief_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Switch a template on or off (audited); back to the library with its filters."""
    sjabloon = sjabloon_get(actor=request.actor, uuid=uuid)
    actief = request.POST.get("actief") == "1"
    sjabloon_active_set(actor=request.actor, sjabloon=sjabloon, actief=actief)
    tekst = (
        _("Sjabloon ‘%(naam)s’ is weer actief.")
        if actief
        else _("Sjabloon ‘%(naam)s’ is niet meer actief; medewerkers kunnen het niet kiezen.")
    )
    messages.success(request, tekst % {"naam": sjabloon.naam})
    return redirect(safe_next(request, reverse("web:brieven_sjablonen")))


@staff_required(roles=BEHEER)
@require_GET
def sjablonen_export_view(request: HttpRequest) -> HttpResponse:
    """The library (the filtered set when filters are given) as a JSON download."""
    _form, qs = _bibliotheek(request)
    document = sjablonen_export(request.actor, qs)
    datum = timezone.localdate().isoformat()
    response = HttpResponse(export_json(document), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="briefsjablonen-{datum}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def sjablonen_import_view(request: HttpRequest) -> HttpResponse:
    """Upload an export: 'Controleren' is a dry run with the per-template report; 'Inlezen'
    reads all or nothing."""
    form = SjabloonImportForm(request.POST or None, request.FILES or None)
    rapport = None
    status = 200
    if request.method == "POST" and form.is_valid():
        inhoud = form.cleaned_data["inhoud"]
        proef = request.POST.get("actie") != "inlezen"
        rapport = sjablonen_import(
            actor=request.actor,
            inhoud=inhoud,
            bestandsnaam=form.cleaned_data["bestandsnaam"] or "",
            proef=proef,
        )
        if rapport.toegepast:
            messages.success(request, rapport.samenvatting())
            return redirect("web:brieven_sjablonen")
        if rapport.heeft_fouten:
            status = 400
        else:
            tekst = inhoud.decode("utf-8") if isinstance(inhoud, bytes) else inhoud
            form = SjabloonImportForm(
                initial={"inhoud": tekst, "bestandsnaam": form.cleaned_data["bestandsnaam"]}
            )
    elif form.is_bound:
        status = 400
    context = {"form": form, "rapport": rapport}
    return render(request, "web/brieven/sjablonen_import.html", context, status=status)


def _editor(
    request: HttpRequest, form: SjabloonForm, sjabloon: BriefSjabloon | None, status: int = 200
) -> HttpResponse:
    data = form.data if form.is_bound else form.initial
    tekst = SjabloonTekst(
        onderwerp=data.get("onderwerp") or "",
        inhoud=data.get("inhoud") or "",
        naam=data.get("naam") or "",
    )
    context = {
        "form": form,
        "sjabloon": sjabloon,
        "categorieen": sjabloon_categorieen(actor=request.actor),
        "groepen": merge_field_groups(),
        "voorbeeld": voorbeeld_maken(
            request,
            tekst,
            voorbeeld_context_kiezen(request, data.get("voorbeeld")),
            soort=data.get("soort") or (sjabloon.soort if sjabloon else SjabloonSoort.BRIEF),
        ),
    }
    return render(request, "web/brieven/sjabloon.html", context, status=status)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def sjabloon_create_view(request: HttpRequest) -> HttpResponse:
    keuzes = voorbeeldkeuzes_voor(request)
    form = SjabloonNieuwForm(
        request.POST or None,
        voorbeeldkeuzes=keuzes,
        initial={"inhoud": "<p>{{ ontvanger.aanhef }}</p>\n<p></p>\n"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sjabloon = sjabloon_create(
                actor=request.actor,
                code=data["code"],
                naam=data["naam"],
                onderwerp=data["onderwerp"],
                inhoud=data["inhoud"],
                toelichting=data["toelichting"],
                soort=data["soort"],
                categorie=data["categorie"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Sjabloon ‘%(naam)s’ is aangemaakt.") % {"naam": sjabloon})
            return redirect("web:brieven_sjabloon", uuid=sjabloon.uuid)
    return _editor(request, form, None, status=400 if form.is_bound and form.errors else 200)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def sjabloon_edit_view(request: HttpRequest, uuid: str) -> HttpResponse:
    sjabloon = sjabloon_get(actor=request.actor, uuid=uuid)
    versie = sjabloon.huidige_versie
    initial = (
        {"naam": versie.naam, "onderwerp": versie.onderwerp, "inhoud": versie.inhoud}
        if versie
        else {"naam": sjabloon.naam}
    )
    initial.update(soort=sjabloon.soort, categorie=sjabloon.categorie)
    form = SjabloonForm(
        request.POST or None, voorbeeldkeuzes=voorbeeldkeuzes_voor(request), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        indeling_voor = (sjabloon.soort, sjabloon.categorie)
        try:
            sjabloon = sjabloon_indeling_set(
                actor=request.actor,
                sjabloon=sjabloon,
                soort=data["soort"],
                categorie=data["categorie"],
            )
            nieuw = sjabloon_update(
                actor=request.actor,
                sjabloon=sjabloon,
                naam=data["naam"],
                onderwerp=data["onderwerp"],
                inhoud=data["inhoud"],
                toelichting=data["toelichting"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            if versie is not None and nieuw.pk == versie.pk:
                if indeling_voor != (sjabloon.soort, sjabloon.categorie):
                    messages.success(
                        request, _("Soort en categorie zijn opgeslagen; de tekst bleef gelijk.")
                    )
                else:
                    messages.info(request, _("Er was niets veranderd; de versie blijft dezelfde."))
            else:
                messages.success(
                    request, _("Versie %(versie)s is opgeslagen.") % {"versie": nieuw.versie}
                )
            return redirect("web:brieven_sjabloon", uuid=sjabloon.uuid)
    return _editor(request, form, sjabloon, status=400 if form.is_bound and form.errors else 200)


@staff_required(roles=BEHEER)
@require_POST
def sjabloon_voorbeeld_view(request: HttpRequest) -> HttpResponse:
    """The live preview of the editor (htmx): the letter as typed, or its errors."""
    tekst = SjabloonTekst(
        onderwerp=request.POST.get("onderwerp", ""),
        inhoud=request.POST.get("inhoud", ""),
        naam=request.POST.get("naam", ""),
    )
    context = voorbeeld_context_kiezen(request, request.POST.get("voorbeeld", ""))
    soort = request.POST.get("soort") or SjabloonSoort.BRIEF
    return render_voorbeeld(request, voorbeeld_maken(request, tekst, context, soort=soort))


@staff_required(roles=BEHEER)
@require_GET
def sjabloon_versies_view(request: HttpRequest, uuid: str) -> HttpResponse:
    sjabloon = sjabloon_get(actor=request.actor, uuid=uuid)
    versies = list(sjabloon_versies(actor=request.actor, sjabloon=sjabloon))
    gekozen = versies[0] if versies else None
    if request.GET.get("versie", "").isdigit():
        gekozen = next((v for v in versies if v.versie == int(request.GET["versie"])), gekozen)
    voorbeeld = (
        voorbeeld_maken(
            request,
            SjabloonTekst(gekozen.onderwerp, gekozen.inhoud, gekozen.naam),
            voorbeeld_context(request.actor.organisatie),
            soort=sjabloon.soort,
        )
        if gekozen
        else None
    )
    context = {
        "sjabloon": sjabloon,
        "versies": versies,
        "gekozen": gekozen,
        "voorbeeld": voorbeeld,
        "vergelijk_van": versies[1].versie if len(versies) > 1 else None,
        "vergelijk_naar": versies[0].versie if versies else None,
    }
    return render(request, "web/brieven/versies.html", context)


def _versienummer(waarde: str | None) -> int | None:
    return int(waarde) if waarde and waarde.isdigit() and len(waarde) < 9 else None


@staff_required(roles=BEHEER)
@require_GET
def sjabloon_vergelijken_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """What changed between two versions (?van=1&naar=3): name, subject and body, line by
    line with the changed words marked. Default: the previous version against the current."""
    sjabloon = sjabloon_get(actor=request.actor, uuid=uuid)
    nummers = list(sjabloon.versies.order_by("-versie").values_list("versie", flat=True))
    naar = _versienummer(request.GET.get("naar")) or (nummers[0] if nummers else 0)
    van = _versienummer(request.GET.get("van")) or (nummers[1] if len(nummers) > 1 else naar)
    try:
        oud, nieuw, vergelijking = sjabloon_versies_vergelijken(
            actor=request.actor, sjabloon=sjabloon, van=van, naar=naar
        )
    except NietGevonden as error:
        raise Http404(_("Onbekende versie.")) from error
    context = {
        "sjabloon": sjabloon,
        "oud": oud,
        "nieuw": nieuw,
        "vergelijking": vergelijking,
        "nummers": nummers,
    }
    return render(request, "web/brieven/vergelijken.html", context)


@staff_required(roles=BEHEER)
@require_POST
def sjabloon_versie_restore_view(request: HttpRequest, uuid: str, versie: int) -> HttpResponse:
    sjabloon = sjabloon_get(actor=request.actor, uuid=uuid)
    oud = sjabloon.versies.filter(versie=versie).first()
    if oud is None:
        raise Http404(_("Onbekende versie."))
    try:
        nieuw = sjabloon_versie_restore(actor=request.actor, sjabloon=sjabloon, versie=oud)
    except ValidationError as error:
        messages.error(request, " ".join(foutmeldingen(error)))
    else:
        messages.success(
            request,
            _("Versie %(oud)s is teruggezet als versie %(nieuw)s.")
            % {"oud": oud.versie, "nieuw": nieuw.versie},
        )
    return redirect("web:brieven_sjabloon", uuid=sjabloon.uuid)
