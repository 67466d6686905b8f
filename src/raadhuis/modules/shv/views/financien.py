"""A dossier's income, fixed costs and assets: one page with a section per kind, rows
added and removed in place (htmx) or with a full page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from raadhuis.modules.shv import selectors, services
from raadhuis.modules.shv.forms import (
    FINANCIEN_FORMS,
)
from raadhuis.modules.shv.models import Bezitting, Inkomen, ShvDossier, VasteLast
from raadhuis.modules.shv.views.common import MEDEWERKER
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import wants_partial

FINANCIEN_MODELLEN = {"inkomsten": Inkomen, "vaste-lasten": VasteLast, "bezittingen": Bezitting}
FINANCIEN_TITELS = {
    "inkomsten": _("Inkomsten"),
    "vaste-lasten": _("Vaste lasten"),
    "bezittingen": _("Bezittingen"),
}


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
