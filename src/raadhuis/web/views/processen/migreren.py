"""Migrating running cases from one version of a process to a newer published one,
with a mapping of steps where they differ."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from raadhuis.kernel.workflow.engine import (
    proces_migreren,
)
from raadhuis.kernel.workflow.models import (
    ProcesVersie,
    ProcesVersieStatus,
)
from raadhuis.kernel.workflow.proces_selectors import (
    procesversie_get,
    procesversies,
)
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import render_page_or_partial
from raadhuis.web.views.processen.common import BEHEER, GET_POST

# --- migration --------------------------------------------------------------------------------


class MigratieForm(forms.Form):
    van = forms.ChoiceField(label=gettext_lazy("Zaken van versie"))
    toelichting = forms.CharField(
        label=gettext_lazy("Reden"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Komt in de historie van elke gemigreerde zaak."),
    )

    def __init__(
        self, *args: Any, naar: ProcesVersie, bronnen: list, van: ProcesVersie | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["van"].choices = [("", _("Kies een versie"))] + [
            (
                str(r.versie.uuid),
                _("Versie %(n)s (%(z)s lopende zaken)")
                % {"n": r.versie.versie, "z": r.lopende_zaken},
            )
            for r in bronnen
        ]
        self.doelen = list(naar.stappen.order_by("volgnummer"))
        self.bron_stappen = list(van.stappen.order_by("volgnummer")) if van else []
        keuzes = [("", _("Kies een stap"))] + [
            (s.code, f"{s.volgnummer}. {s.naam}") for s in self.doelen
        ]
        codes = {s.code for s in self.doelen}
        for stap in self.bron_stappen:
            self.fields[f"naar_{stap.code}"] = forms.ChoiceField(
                label=_("Zaken in stap ‘%(stap)s’ gaan naar") % {"stap": stap.naam},
                choices=keuzes,
                required=False,
                initial=stap.code if stap.code in codes else "",
            )

    def mapping(self) -> dict[str, str]:
        return {
            s.code: self.cleaned_data[f"naar_{s.code}"]
            for s in self.bron_stappen
            if self.cleaned_data.get(f"naar_{s.code}")
        }

    def stap_velden(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if n.startswith("naar_")]


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def proces_migrate_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Move the running cases of an older version to this (published) version."""
    actor = request.actor
    naar = procesversie_get(actor=actor, uuid=uuid)
    bronnen = [
        r
        for r in procesversies(actor=actor, definitie=naar.definitie)
        if r.versie.pk != naar.pk and r.lopende_zaken and not r.versie.is_concept
    ]
    data = request.POST if request.method == "POST" else request.GET
    van = next((r.versie for r in bronnen if str(r.versie.uuid) == data.get("van")), None)
    alleen_kiezen = request.method == "GET" or "van_kiezen" in request.POST
    form = MigratieForm(
        None if alleen_kiezen else request.POST,
        naar=naar,
        bronnen=bronnen,
        van=van,
        initial={"van": str(van.uuid) if van else ""},
    )
    niet_gepubliceerd = naar.status != ProcesVersieStatus.GEPUBLICEERD
    if not niet_gepubliceerd and not alleen_kiezen and form.is_valid():
        try:
            resultaat = proces_migreren(
                actor=actor,
                naar_versie=naar,
                van_versie=van,
                stap_mapping=form.mapping(),
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request,
                _("%(n)s zaken zijn gemigreerd naar versie %(v)s.")
                % {"n": resultaat.aantal, "v": naar.versie},
            )
            return redirect("web:proces_detail", uuid=naar.definitie.uuid)
    # Migrating goes to a published version only; a concept's page says so (a POST: 400).
    geweigerd = niet_gepubliceerd and request.method == "POST"
    status = 400 if form.errors or geweigerd else 200
    context = {
        "naar": naar,
        "definitie": naar.definitie,
        "niet_gepubliceerd": niet_gepubliceerd,
        "form": form,
        "van": van,
        "bronnen": bronnen,
    }
    return render_page_or_partial(
        request,
        "web/processen/migreren.html",
        "web/processen/_migratie_stappen.html",
        context,
        status,
    )
