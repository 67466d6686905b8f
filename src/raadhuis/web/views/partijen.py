"""Parties: one search box for every kind of party, the party page with all its cases (the
CRM's 360° view), registering a person or an organisation, and the party picker used when a
case is created."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import Partij, PartijSoort
from raadhuis.kernel.parties.selectors import (
    partij_get,
    partij_search,
    partij_vertegenwoordigingen,
    partij_zaken,
)
from raadhuis.kernel.parties.services import (
    natuurlijk_persoon_create,
    niet_natuurlijk_persoon_create,
)
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import (
    NatuurlijkPersoonForm,
    NietNatuurlijkPersoonForm,
    PartijZoekForm,
    service_errors_add,
)
from raadhuis.web.views.common import page_size_from, render_page_or_partial
from raadhuis.web.views.pagination import keyset_paginate

# The kernel lets medewerkers (not administrators) read and register parties.
PARTIJ_ROLLEN = [Rol.MEDEWERKER]
GET_POST = ["GET", "POST"]


def partij_keuzes(
    *,
    actor: Actor,
    zoekterm: str,
    gekozen_uuid: str = "",
    gekozen: Partij | None = None,
    opzoeken: bool = True,
) -> dict:
    """State of the party picker: the results for `zoekterm` and the party already chosen,
    which stays selected while the user searches on."""
    zoekterm = zoekterm.strip()
    if gekozen is None and gekozen_uuid and opzoeken:
        try:
            gekozen = partij_get(actor=actor, uuid=gekozen_uuid, doel="Zaak starten")
        except (NietGevonden, ToegangGeweigerd):
            gekozen = None
    resultaten = partij_search(actor=actor, zoekterm=zoekterm) if len(zoekterm) >= 2 else []
    if gekozen is not None:
        resultaten = [p for p in resultaten if p.pk != gekozen.pk]
    prefetch_related_objects([p for p in (gekozen, *resultaten) if p is not None], "adressen")
    return {
        "zoekterm": zoekterm,
        "resultaten": resultaten,
        "gekozen": gekozen,
        "gezocht": len(zoekterm) >= 2,
        "te_kort": 0 < len(zoekterm) < 2,
    }


@staff_required(roles=PARTIJ_ROLLEN)
@require_GET
def partijen_view(request: HttpRequest) -> HttpResponse:
    form = PartijZoekForm(request.GET or None)
    zoekterm = form.cleaned_data["q"].strip() if form.is_bound and form.is_valid() else ""
    resultaten = partij_search(actor=request.actor, zoekterm=zoekterm) if zoekterm else []
    prefetch_related_objects(resultaten, "adressen")
    context = {
        "form": form,
        "zoekterm": zoekterm,
        "resultaten": resultaten,
        "te_kort": 0 < len(zoekterm) < 2,
        "limiet": 25,
    }
    return render_page_or_partial(
        request, "web/partijen/zoeken.html", "web/partijen/_resultaten.html", context
    )


@staff_required(roles=[Rol.MEDEWERKER])
@require_GET
def partij_kiezen_view(request: HttpRequest) -> HttpResponse:
    """The picker's results (htmx partial) for the create-case form."""
    context = {
        "picker": partij_keuzes(
            actor=request.actor,
            zoekterm=request.GET.get("initiator_zoek", ""),
            gekozen_uuid=request.GET.get("initiator", ""),
        )
    }
    return render(request, "web/partijen/_kiezen.html", context)


@staff_required(roles=PARTIJ_ROLLEN)
@require_GET
def partij_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    partij = partij_get(actor=actor, uuid=uuid)
    zaken = partij_zaken(actor=actor, partij=partij)
    per_zaaktype = list(
        zaken.order_by()
        .values("zaaktype__identificatie", "zaaktype__omschrijving")
        .annotate(
            open=Count("id", filter=Q(einddatum__isnull=True), distinct=True),
            gesloten=Count("id", filter=Q(einddatum__isnull=False), distinct=True),
        )
        .order_by("zaaktype__omschrijving")
    )
    page = keyset_paginate(
        zaken,
        fields=("startdatum", "id"),
        size=page_size_from(request),
        after=request.GET.get("na", ""),
        before=request.GET.get("voor", ""),
    )
    context = {
        "partij": partij,
        "concreet": partij.concreet,
        "adressen": list(partij.adressen.all()),
        "vertegenwoordigingen": partij_vertegenwoordigingen(actor=actor, partij=partij),
        "per_zaaktype": per_zaaktype,
        "totaal_open": sum(r["open"] for r in per_zaaktype),
        "totaal_gesloten": sum(r["gesloten"] for r in per_zaaktype),
        "page": page,
        "vandaag": vandaag(actor.organisatie.tijdzone),
        "vestigingen": list(partij.concreet.vestigingen.all())
        if partij.soort == PartijSoort.NIET_NATUURLIJK_PERSOON
        else [],
    }
    return render_page_or_partial(
        request, "web/partijen/detail.html", "web/partijen/_zaken.html", context
    )


FORMS = {
    PartijSoort.NATUURLIJK_PERSOON: NatuurlijkPersoonForm,
    PartijSoort.NIET_NATUURLIJK_PERSOON: NietNatuurlijkPersoonForm,
}


@staff_required(roles=PARTIJ_ROLLEN)
@require_http_methods(GET_POST)
def partij_create_view(request: HttpRequest) -> HttpResponse:
    soort = request.POST.get("soort") or request.GET.get("soort") or PartijSoort.NATUURLIJK_PERSOON
    if soort not in FORMS:
        soort = PartijSoort.NATUURLIJK_PERSOON
    form = FORMS[soort](request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if soort == PartijSoort.NATUURLIJK_PERSOON:
                partij = natuurlijk_persoon_create(
                    actor=request.actor,
                    geslachtsnaam=form.cleaned_data["geslachtsnaam"],
                    adres=form.adres(),
                    **form.gegevens(),
                )
            else:
                partij = niet_natuurlijk_persoon_create(
                    actor=request.actor,
                    statutaire_naam=form.cleaned_data["statutaire_naam"],
                    adres=form.adres(),
                    **form.gegevens(),
                )
        except ValidationError as error:
            service_errors_add(form, error, field_map={"soort": "adres_soort"})
        else:
            messages.success(request, _("%(naam)s is geregistreerd.") % {"naam": partij})
            return redirect("web:partij_detail", uuid=partij.uuid)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "soort": soort, "soorten": PartijSoort}
    return render(request, "web/partijen/nieuw.html", context, status=status)
