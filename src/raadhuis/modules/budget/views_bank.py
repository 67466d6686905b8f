"""Bank statement screens: upload a statement and see what happened to every entry, the queue
of entries a person must assign, and the list of imported statements.

Who: a consultant or finance employee (role medewerker with the "Budgetbeheer" case type);
without the role 403, without the grant 404 (catalogus.require_budget_toegang).
"""

from __future__ import annotations

import uuid as uuid_module

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from raadhuis.kernel.access.policies import zaak_filter
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.budget.bankimport.afschrift import RAPPORT_REGELS_MAX, ImportRapport
from raadhuis.modules.budget.bankimport.importeren import afschrift_importeren
from raadhuis.modules.budget.catalogus import require_budget_toegang
from raadhuis.modules.budget.matching import (
    kenmerk_normaliseren,
    mutatie_handmatig_matchen,
    mutatie_negeren,
    tekst_kandidaten,
)
from raadhuis.modules.budget.models import (
    Bankafschrift,
    Bankmutatie,
    Budgetrekening,
    Inkomstenpost,
    MutatieStatus,
    RekeningStatus,
)
from raadhuis.web.auth.decorators import staff_required

DOEL = "Budgetbeheer: bankmutaties toewijzen"
MAX_BESTAND = 200 * 1024 * 1024  # a year of statements of a large municipality fits easily
PER_PAGINA = 50


class AfschriftForm(forms.Form):
    bestand = forms.FileField(
        label=gettext_lazy("Bankafschrift"),
        help_text=gettext_lazy("Een camt.053-bestand (XML) of een MT940-bestand van de bank."),
        error_messages={"required": gettext_lazy("Kies het bestand met het bankafschrift.")},
    )

    def clean_bestand(self):  # noqa: ANN201
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_BESTAND:
            raise ValidationError(_("Het bestand is te groot (hoogstens 200 MB)."))
        if bestand.size == 0:
            raise ValidationError(_("Het bestand is leeg."))
        return bestand


class MatchForm(forms.Form):
    kenmerk = forms.CharField(
        label=gettext_lazy("Betalingskenmerk van de cliënt"),
        help_text=gettext_lazy("Het kenmerk van de budgetrekening, bijvoorbeeld BB0000123."),
        max_length=35,
        error_messages={"required": gettext_lazy("Vul het kenmerk van de budgetrekening in.")},
    )
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, rekeningen=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.rekeningen = rekeningen

    def clean_kenmerk(self) -> Budgetrekening:
        gezocht = kenmerk_normaliseren(self.cleaned_data["kenmerk"])
        for rekening in self.rekeningen.filter(status=RekeningStatus.ACTIEF).only("pk", "kenmerk"):
            if kenmerk_normaliseren(rekening.kenmerk) == gezocht:
                return rekening
        raise ValidationError(_("Er is geen actieve budgetrekening met dit kenmerk."))


class NegerenForm(forms.Form):
    reden = forms.CharField(
        label=gettext_lazy("Reden"),
        help_text=gettext_lazy("Bijvoorbeeld: rente of kosten van de bank, of terugbetaald."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Geef een reden op.")},
    )


def _toegang(request: HttpRequest) -> None:
    try:
        require_budget_toegang(request.actor)
    except NietGevonden as error:
        raise Http404(str(error)) from error


def _pagina(request: HttpRequest, queryset, per_pagina: int = PER_PAGINA):  # noqa: ANN001, ANN202
    return Paginator(queryset, per_pagina).get_page(request.GET.get("pagina"))


# --- upload -----------------------------------------------------------------------------------


@staff_required(roles=[Rol.MEDEWERKER])
@require_http_methods(["GET", "POST"])
def bank_import_view(request: HttpRequest) -> HttpResponse:
    _toegang(request)
    rapport: ImportRapport | None = None
    form = (
        AfschriftForm(request.POST, request.FILES) if request.method == "POST" else AfschriftForm()
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            bestand = form.cleaned_data["bestand"]
            rapport = afschrift_importeren(
                actor=request.actor,
                organisatie=request.actor.organisatie,
                inhoud=bestand.read(),
                bestandsnaam=bestand.name,
            )
            if rapport.geslaagd:
                form = AfschriftForm()
            else:
                status = 400
        else:
            status = 400
    return render(
        request,
        "budget/bank/import.html",
        {
            "form": form,
            "rapport": rapport,
            "regels": rapport.regels[:RAPPORT_REGELS_MAX] if rapport else [],
            "regels_max": RAPPORT_REGELS_MAX,
        },
        status=status,
    )


# --- the queue --------------------------------------------------------------------------------


@staff_required(roles=[Rol.MEDEWERKER])
def bank_wachtrij_view(request: HttpRequest) -> HttpResponse:
    _toegang(request)
    mutaties = (
        Bankmutatie.objects.filter(
            organisatie=request.actor.organisatie, status=MutatieStatus.TE_MATCHEN
        )
        .select_related("afschrift", "beheerrekening")
        .order_by("-boekdatum", "-pk")
    )
    pagina = _pagina(request, mutaties)
    # Payer names and IBANs are personal data of whoever paid: the read is logged.
    verwerkingen_record(
        actor=request.actor, handeling="bankmutaties bekeken", doel=DOEL, partijen=[]
    )
    return render(request, "budget/bank/wachtrij.html", {"page": pagina})


def _mutatie(request: HttpRequest, uuid: uuid_module.UUID) -> Bankmutatie:
    try:
        return Bankmutatie.objects.select_related("afschrift", "beheerrekening").get(
            uuid=uuid, organisatie=request.actor.organisatie
        )
    except Bankmutatie.DoesNotExist as error:
        raise Http404(_("Bankmutatie niet gevonden.")) from error


def _zichtbare_rekeningen(request: HttpRequest, mutatie: Bankmutatie):  # noqa: ANN202
    return Budgetrekening.objects.filter(
        zaak_filter(request.actor, prefix="zaak__"), beheerrekening_id=mutatie.beheerrekening_id
    )


def _suggesties(request: HttpRequest, mutatie: Bankmutatie) -> list[Budgetrekening]:
    """Clients this entry may belong to: a kenmerk in its text, or its IBAN as the client's own
    account or as the payer of an expected income."""
    rekeningen = _zichtbare_rekeningen(request, mutatie).filter(status=RekeningStatus.ACTIEF)
    voorwaarden = Q(pk__in=[])
    if mutatie.tegenrekening_iban:
        betalers = Inkomstenpost.objects.filter(iban_betaler=mutatie.tegenrekening_iban).values(
            "budgetrekening_id"
        )
        voorwaarden |= Q(client_iban=mutatie.tegenrekening_iban) | Q(pk__in=betalers)
    kandidaten = [k for k in tekst_kandidaten(mutatie.omschrijving) if len(k) >= 4]
    if kandidaten:
        voorwaarden |= Q(kenmerk__in=kandidaten)
    return list(rekeningen.filter(voorwaarden).select_related("client").order_by("kenmerk")[:10])


def _mutatie_pagina(
    request: HttpRequest,
    mutatie: Bankmutatie,
    match_form: MatchForm | None = None,
    negeren_form: NegerenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    suggesties = _suggesties(request, mutatie) if mutatie.status == MutatieStatus.TE_MATCHEN else []
    verwerkingen_record(
        actor=request.actor,
        handeling="bankmutatie bekeken",
        doel=DOEL,
        partijen=[r.client for r in suggesties],
    )
    return render(
        request,
        "budget/bank/mutatie.html",
        {
            "mutatie": mutatie,
            "suggesties": suggesties,
            "match_form": match_form or MatchForm(prefix="match"),
            "negeren_form": negeren_form or NegerenForm(prefix="negeren"),
        },
        status=status,
    )


@staff_required(roles=[Rol.MEDEWERKER])
def bank_mutatie_view(request: HttpRequest, uuid: uuid_module.UUID) -> HttpResponse:
    _toegang(request)
    return _mutatie_pagina(request, _mutatie(request, uuid))


@staff_required(roles=[Rol.MEDEWERKER])
@require_POST
def bank_mutatie_matchen_view(request: HttpRequest, uuid: uuid_module.UUID) -> HttpResponse:
    _toegang(request)
    mutatie = _mutatie(request, uuid)
    form = MatchForm(
        request.POST, prefix="match", rekeningen=_zichtbare_rekeningen(request, mutatie)
    )
    if form.is_valid():
        rekening = form.cleaned_data["kenmerk"]
        try:
            mutatie_handmatig_matchen(
                actor=request.actor,
                mutatie=mutatie,
                budgetrekening=rekening,
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as error:
            for bericht in error.messages:
                form.add_error(None, bericht)
        else:
            messages.success(
                request,
                _("De mutatie is toegewezen aan %(kenmerk)s.") % {"kenmerk": rekening.kenmerk},
            )
            return redirect("budget:bank_wachtrij")
    return _mutatie_pagina(request, mutatie, match_form=form, status=400)


@staff_required(roles=[Rol.MEDEWERKER])
@require_POST
def bank_mutatie_negeren_view(request: HttpRequest, uuid: uuid_module.UUID) -> HttpResponse:
    _toegang(request)
    mutatie = _mutatie(request, uuid)
    form = NegerenForm(request.POST, prefix="negeren")
    if form.is_valid():
        try:
            mutatie_negeren(actor=request.actor, mutatie=mutatie, reden=form.cleaned_data["reden"])
        except ValidationError as error:
            for bericht in error.messages:
                form.add_error(None, bericht)
        else:
            messages.success(request, _("De mutatie staat niet meer in de wachtrij."))
            return redirect("budget:bank_wachtrij")
    return _mutatie_pagina(request, mutatie, negeren_form=form, status=400)


# --- statements -------------------------------------------------------------------------------


@staff_required(roles=[Rol.MEDEWERKER])
def bank_afschriften_view(request: HttpRequest) -> HttpResponse:
    _toegang(request)
    afschriften = (
        Bankafschrift.objects.filter(organisatie=request.actor.organisatie)
        .select_related("beheerrekening")
        .annotate(
            aantal=Count("mutaties"),
            open=Count("mutaties", filter=Q(mutaties__status=MutatieStatus.TE_MATCHEN)),
        )
        .order_by("-datum", "-pk")
    )
    return render(request, "budget/bank/afschriften.html", {"page": _pagina(request, afschriften)})


@staff_required(roles=[Rol.MEDEWERKER])
def bank_afschrift_view(request: HttpRequest, uuid: uuid_module.UUID) -> HttpResponse:
    _toegang(request)
    try:
        afschrift = Bankafschrift.objects.select_related("beheerrekening").get(
            uuid=uuid, organisatie=request.actor.organisatie
        )
    except Bankafschrift.DoesNotExist as error:
        raise Http404(_("Bankafschrift niet gevonden.")) from error
    mutaties = afschrift.mutaties.select_related("budgetrekening").order_by("pk")
    verwerkingen_record(
        actor=request.actor, handeling="bankafschrift bekeken", doel=DOEL, partijen=[]
    )
    return render(
        request,
        "budget/bank/afschrift.html",
        {"afschrift": afschrift, "page": _pagina(request, mutaties, 100)},
    )
