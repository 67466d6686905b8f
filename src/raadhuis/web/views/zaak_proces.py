"""A case's process for the medewerker: its current step and history, moving it on, on the
case page (web/zaken/detail.html) and at /zaken/<uuid>/proces/. The editor is the package
processen/."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from raadhuis.kernel.cases.selectors import zaak_get
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.engine import (
    proces_stap_volgende,
    proces_stap_zetten,
)
from raadhuis.kernel.workflow.proces_selectors import (
    zaak_proces_overzicht,
)
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import render_page_or_partial, safe_next

BEHEER = [Rol.FUNCTIONEEL_BEHEERDER]
GET_POST = ["GET", "POST"]
MAX_IMPORT_BYTES = 1_000_000


class ZaakStapForm(forms.Form):
    stap = forms.ChoiceField(label=gettext_lazy("Stap"), required=False)
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Verplicht als je de zaak een stap terugzet."),
    )

    def __init__(self, *args: Any, overzicht: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "processtap_%s")
        super().__init__(*args, **kwargs)
        stappen = [s.stap for s in overzicht.stappen] if overzicht else []
        self.fields["stap"].choices = [("", _("Kies een stap"))] + [
            (str(s.uuid), f"{s.volgnummer}. {s.naam}")
            for s in stappen
            if overzicht is None or s.pk != overzicht.huidige_stap.pk
        ]


# --- a case's process (medewerker) -------------------------------------------------------------


@staff_required(roles=[Rol.MEDEWERKER])
@require_GET
def zaak_proces_view(request: HttpRequest, uuid: str) -> HttpResponse:
    zaak = zaak_get(actor=request.actor, uuid=uuid, doel="Zaakbehandeling: proces")
    overzicht = zaak_proces_overzicht(actor=request.actor, zaak=zaak)
    context = {"zaak": zaak, "proces": overzicht, "stap_form": ZaakStapForm(overzicht=overzicht)}
    return render_page_or_partial(
        request, "web/processen/zaak.html", "web/processen/_zaak_proces.html", context
    )


@staff_required(roles=[Rol.MEDEWERKER])
@require_POST
def zaak_processtap_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """'Naar de volgende stap' (actie=volgende) or a chosen step (actie=zetten)."""
    actor = request.actor
    zaak = zaak_get(actor=actor, uuid=uuid, doel="Zaakbehandeling: proces")
    overzicht = zaak_proces_overzicht(actor=actor, zaak=zaak)
    form = ZaakStapForm(request.POST, overzicht=overzicht)
    terug = safe_next(request, reverse("web:zaak_proces", args=[zaak.uuid]))
    if overzicht is not None and form.is_valid():
        toelichting = form.cleaned_data["toelichting"]
        try:
            if request.POST.get("actie") == "zetten":
                stap = next(
                    (
                        s.stap
                        for s in overzicht.stappen
                        if str(s.stap.uuid) == form.cleaned_data["stap"]
                    ),
                    None,
                )
                if stap is None:
                    raise ValidationError({"stap": _("Kies een stap.")})
                proces = proces_stap_zetten(
                    actor=actor, zaak=zaak, stap=stap, toelichting=toelichting
                )
            else:
                proces = proces_stap_volgende(actor=actor, zaak=zaak, toelichting=toelichting)
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request,
                _("De zaak staat nu in stap ‘%(stap)s’.") % {"stap": proces.huidige_stap.naam},
            )
            return redirect(terug)
    elif overzicht is None:
        form.add_error(None, _("Deze zaak volgt geen proces."))
    context = {"zaak": zaak, "proces": overzicht, "stap_form": form}
    return render(request, "web/processen/zaak.html", context, status=400)
