"""Letters on a case for the medewerker: the list with delivery status, "Brief versturen"
(template, recipient, channel, preview, send) and retrying a delivery.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.selectors import zaak_get
from raadhuis.kernel.messaging.models import (
    BriefSjabloon,
    Kanaal,
    Verzending,
    VerzendStatus,
)
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.messaging.samenvoegvelden import merge_context
from raadhuis.kernel.messaging.selectors import (
    brieven_for_zaak,
    sjablonen_bruikbaar,
)
from raadhuis.kernel.messaging.services import (
    brief_send,
    verzending_retry,
)
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.brieven.algemeen import BRIEFSOORTEN, GET_POST, MEDEWERKER
from raadhuis.web.views.brieven.forms import BriefVersturenForm
from raadhuis.web.views.brieven.voorbeeld import foutmeldingen, render_voorbeeld, voorbeeld_maken

ANDERE_ONTVANGER = "anders"


@staff_required(roles=MEDEWERKER)
@require_GET
def zaak_brieven_view(request: HttpRequest, uuid: str) -> HttpResponse:
    zaak = zaak_get(actor=request.actor, uuid=uuid)
    context = {"zaak": zaak, "brieven": brieven_for_zaak(actor=request.actor, zaak=zaak)}
    return render(request, "web/brieven/zaak_brieven.html", context)


def _ontvanger_keuzes(zaak: Zaak) -> tuple[list[tuple[str, str]], dict[str, Ontvanger]]:
    keuzes: list[tuple[str, str]] = []
    ontvangers: dict[str, Ontvanger] = {}
    for rol in zaak.rollen.all():
        if rol.partij is None or str(rol.partij.uuid) in ontvangers:
            continue
        ontvanger = Ontvanger.van_partij(rol.partij)
        ontvangers[str(rol.partij.uuid)] = ontvanger
        bereik = [ontvanger.email] if ontvanger.email else []
        bereik += [", ".join(ontvanger.adresregels)] if ontvanger.adresregels else []
        label = f"{ontvanger.naam} ({rol.roltype.omschrijving})"
        keuzes.append(
            (str(rol.partij.uuid), label + (f" · {' · '.join(bereik)}" if bereik else ""))
        )
    keuzes.append((ANDERE_ONTVANGER, _("Andere ontvanger (vul hieronder in)")))
    return keuzes, ontvangers


def _gekozen_ontvanger(data: dict[str, Any], ontvangers: dict[str, Ontvanger]) -> Ontvanger:
    keuze = data.get("ontvanger") or ""
    if keuze in ontvangers:
        return ontvangers[keuze]
    regels = tuple(r.strip() for r in (data.get("ontvanger_adres") or "").splitlines() if r.strip())
    return Ontvanger(
        naam=(data.get("ontvanger_naam") or "").strip(),
        adresregels=regels,
        email=(data.get("ontvanger_email") or "").strip(),
    )


def sjabloon_keuzes(sjablonen: Iterable[BriefSjabloon]) -> list[tuple[str, list]]:
    """Templates grouped by their category (a select's option groups), "Algemeen" (no category)
    first: a municipality keeps some seventy templates, hard to scan as one list."""
    groepen: dict[str, list[tuple[str, str]]] = {}
    volgorde = sorted(sjablonen, key=lambda s: (s.categorie != "", s.categorie.lower(), s.naam))
    for sjabloon in volgorde:
        groep = sjabloon.categorie or str(_("Algemeen"))
        groepen.setdefault(groep, []).append((sjabloon.code, sjabloon.naam))
    return list(groepen.items())


def _brief_form(request: HttpRequest, zaak: Zaak) -> tuple[BriefVersturenForm, dict]:
    # A letter on a case is a PDF: e-mail templates (a message body) are for mailings.
    bruikbaar = sjablonen_bruikbaar(actor=request.actor).filter(soort__in=BRIEFSOORTEN)
    sjablonen = sjabloon_keuzes(bruikbaar)
    keuzes, ontvangers = _ontvanger_keuzes(zaak)
    eerste = next(iter(ontvangers.values()), None)
    initial = {
        "sjabloon": sjablonen[0][1][0][0] if sjablonen else "",
        "ontvanger": keuzes[0][0],
        "kanaal": Kanaal.EMAIL if eerste is not None and eerste.email else Kanaal.POST,
    }
    form = BriefVersturenForm(
        request.POST or None, sjablonen=sjablonen, ontvangers=keuzes, initial=initial
    )
    return form, ontvangers


def _brief_voorbeeld(
    request: HttpRequest, zaak: Zaak, data: dict[str, Any], ontvangers: dict[str, Ontvanger]
) -> dict[str, Any]:
    sjabloon = sjablonen_bruikbaar(actor=request.actor).filter(code=data.get("sjabloon")).first()
    if sjabloon is None:
        return {"fouten": [_("Kies een sjabloon.")]}
    ontvanger = _gekozen_ontvanger(data, ontvangers)
    context = merge_context(
        zaak, ontvanger=ontvanger, extra={"brief": {"tekst": data.get("tekst") or ""}}
    )
    return voorbeeld_maken(request, sjabloon.huidige_versie, context)


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def zaak_brief_create_view(request: HttpRequest, uuid: str) -> HttpResponse:
    zaak = zaak_get(actor=request.actor, uuid=uuid)
    form, ontvangers = _brief_form(request, zaak)
    if request.method == "POST" and request.POST.get("actie") != "voorbeeld" and form.is_valid():
        data = form.cleaned_data
        try:
            brief = brief_send(
                request.actor,
                zaak=zaak,
                sjabloon_code=data["sjabloon"],
                ontvanger=_gekozen_ontvanger(data, ontvangers),
                kanaal=data["kanaal"],
                extra_context={"brief": {"tekst": data["tekst"]}},
                reden=data["reden"],
            )
        except ValidationError as error:
            service_errors_add(
                form,
                error,
                {"ontvanger_naam": "ontvanger_naam", "inhoud": "sjabloon", "onderwerp": "sjabloon"},
            )
        else:
            if brief.kanaal == Kanaal.POST:
                tekst = _("De brief ‘%(onderwerp)s’ staat klaar voor print.")
            else:
                tekst = _("De brief ‘%(onderwerp)s’ is per e-mail verstuurd aan %(email)s.")
                verzending = brief.verzendingen.order_by("-id").first()
                if verzending is not None and verzending.status != VerzendStatus.VERZONDEN:
                    tekst = _(
                        "De brief ‘%(onderwerp)s’ staat in de wachtrij voor e-mail aan "
                        "%(email)s; hij wordt opnieuw geprobeerd."
                    )
            messages.success(
                request, tekst % {"onderwerp": brief.onderwerp, "email": brief.ontvanger_email}
            )
            return redirect("web:zaak_brieven", uuid=zaak.uuid)
    data = form.data if form.is_bound else form.initial
    context = {
        "zaak": zaak,
        "form": form,
        "voorbeeld": _brief_voorbeeld(request, zaak, data, ontvangers),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "web/brieven/versturen.html", context, status=status)


@staff_required(roles=MEDEWERKER)
@require_POST
def zaak_brief_voorbeeld_view(request: HttpRequest, uuid: str) -> HttpResponse:
    zaak = zaak_get(actor=request.actor, uuid=uuid, doel="Brief versturen")
    _form, ontvangers = _brief_form(request, zaak)
    return render_voorbeeld(request, _brief_voorbeeld(request, zaak, request.POST, ontvangers))


@staff_required(roles=MEDEWERKER)
@require_POST
def verzending_retry_view(request: HttpRequest, uuid: str, verzending: str) -> HttpResponse:
    zaak = zaak_get(actor=request.actor, uuid=uuid)
    gevonden = Verzending.objects.filter(uuid=verzending, brief__zaak=zaak).first()
    if gevonden is None:
        raise Http404(_("Verzending niet gevonden."))
    try:
        verzending_retry(actor=request.actor, verzending=gevonden)
    except ValidationError as error:
        messages.error(request, " ".join(foutmeldingen(error)))
    else:
        messages.success(request, _("De e-mail is opnieuw aangeboden."))
    return redirect("web:zaak_brieven", uuid=zaak.uuid)
