"""The budget plan screens: my budget accounts, opening an account and the account's home page
with its plan (the forms that change the plan are in views_plan.py). Thin: a selector, one
service, a render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.selectors import zaak_get
from raadhuis.kernel.cases.uitbreidingen import Link, ZaakUitbreiding
from raadhuis.kernel.catalog.models import RolOmschrijving
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.geld import euro
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget import selectors
from raadhuis.modules.budget.catalogus import (
    ZAAKTYPE_IDENTIFICATIE,
    heeft_budget_toegang,
    require_budget_toegang,
)
from raadhuis.modules.budget.forms import (
    RekeningOpenenForm,
)
from raadhuis.modules.budget.grootboek.rekeningen import beschikbaar_saldo
from raadhuis.modules.budget.models import (
    Budgetrekening,
    RekeningStatus,
)
from raadhuis.modules.budget.plan import plan_dekking, vervaldata
from raadhuis.modules.budget.services.rekeningen import budgetrekening_openen
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add

MEDEWERKER = [Rol.MEDEWERKER]
GET_POST = ["GET", "POST"]


def _status(form: Form) -> int:
    return 400 if form.is_bound and form.errors else 200


def _saldo(rekening: Budgetrekening) -> Any:
    return beschikbaar_saldo(rekening)


# --- list and open ----------------------------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_GET
def rekeningen_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    status = request.GET.get("status", RekeningStatus.ACTIEF)
    if status not in (*RekeningStatus.values, "alle"):
        status = RekeningStatus.ACTIEF
    alleen_eigen = request.GET.get("wie", "eigen") != "iedereen"
    zoekterm = request.GET.get("q", "")[:100]
    rekeningen = selectors.budgetrekeningen_voor(
        actor,
        zoekterm=zoekterm,
        status="" if status == "alle" else status,
        alleen_eigen=alleen_eigen,
    )
    context = {
        "rekeningen": rekeningen,
        "status": status,
        "alleen_eigen": alleen_eigen,
        "zoekterm": zoekterm,
        "statussen": [*RekeningStatus.choices, ("alle", _("Alle"))],
    }
    return render(request, "budget/rekeningen.html", context)


def _zaak_uit_query(actor: Actor, zaak_uuid: str) -> Zaak | None:
    if not zaak_uuid:
        return None
    return zaak_get(actor=actor, uuid=zaak_uuid, doel="Budgetbeheer starten")


def _client_van(zaak: Zaak | None) -> Any:
    if zaak is None:
        return None
    for rol in zaak.rollen.all():
        if (
            rol.partij is not None
            and rol.roltype.omschrijving_generiek == RolOmschrijving.INITIATOR
        ):
            return rol.partij
    return None


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def rekening_openen_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    require_budget_toegang(actor)
    zaak = _zaak_uit_query(actor, request.GET.get("zaak") or request.POST.get("zaak") or "")
    client = _client_van(zaak)
    initial = {"startdatum": vandaag(actor.organisatie.tijdzone)}
    if client is not None:
        initial["client_tenaamstelling"] = client.weergavenaam[:70]
    form = RekeningOpenenForm(request.POST or None, actor=actor, client=client, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rekening = budgetrekening_openen(
                actor=actor,
                client=form.client,
                beheerrekening=data["beheerrekening"],
                client_iban=data["client_iban"],
                client_tenaamstelling=data["client_tenaamstelling"],
                startdatum=data["startdatum"],
                saldo_drempel=data["saldo_drempel"],
                zaak=zaak,
                toelichting=data["toelichting"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request,
                _("Budgetrekening %(kenmerk)s is geopend. Vul nu het budgetplan in.")
                % {"kenmerk": rekening.kenmerk},
            )
            return redirect("budget:rekening", uuid=rekening.uuid)
    context = {"form": form, "zaak": zaak, "client": client}
    return render(request, "budget/rekening_openen.html", context, status=_status(form))


# --- the account's home -----------------------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_GET
def rekening_view(request: HttpRequest, uuid: str) -> HttpResponse:
    rekening = selectors.budgetrekening_get(request.actor, uuid)
    vandaag_ = vandaag(rekening.organisatie.tijdzone)
    dekking = plan_dekking(rekening, op=vandaag_)
    context = {
        "rekening": rekening,
        "zaak": rekening.zaak,
        "dekking": dekking,
        "vandaag": vandaag_,
        "bewerkbaar": rekening.status == RekeningStatus.ACTIEF,
        "saldo": _saldo(rekening),
        "volgende_betalingen": _volgende_betalingen(rekening, vandaag_),
        "boekingen_url": reverse("budget:boekingen", args=[rekening.uuid]),
        "overzichten_url": reverse("budget:overzichten", args=[rekening.uuid]),
        "beeindigen_url": reverse("budget:beeindigen", args=[rekening.uuid]),
    }
    return render(request, "budget/rekening.html", context)


def _volgende_betalingen(rekening: Budgetrekening, vanaf: Any, dagen: int = 31) -> list[dict]:
    """The plan's payments due in the coming month, for the consultant's overview."""
    from datetime import timedelta

    tot = vanaf + timedelta(days=dagen)
    regels = [
        {"datum": datum, "post": post}
        for post in rekening.betaalposten.all()
        for datum in vervaldata(post, vanaf, tot)
    ]
    return sorted(regels, key=lambda r: (r["datum"], r["post"].begunstigde))[:20]


# --- the block on other case pages (kernel.cases.uitbreidingen) -------------------------------


# Budget management follows a debt track (the debt module's case types are "SHV-…"); the
# modules do not import each other, so the prefix is the contract (docs/shv/README.md).
SCHULDHULP_ZAAKTYPEN_PREFIX = "SHV"


def budget_zaak_blok(actor: Actor, zaak: Zaak) -> ZaakUitbreiding | None:
    """The "Budgetbeheer" block on a case page (e.g. the debt-assistance dossier): the account
    of this case or its follow-up budget case, or a link to open one. Nothing for an actor
    without the Budgetbeheer grant."""
    if not heeft_budget_toegang(actor) or actor.type == "systeem":
        return None
    # Only budget cases and the debt tracks they follow: no block (and no query) on a
    # permit or any other case.
    identificatie = zaak.zaaktype.identificatie
    if identificatie != ZAAKTYPE_IDENTIFICATIE and not identificatie.startswith(
        SCHULDHULP_ZAAKTYPEN_PREFIX
    ):
        return None
    try:
        rekening = selectors.budgetrekening_bij_zaak(actor, zaak)
    except (NietGevonden, ToegangGeweigerd):
        return None
    titel = _("Budgetbeheer")
    if rekening is None:
        if zaak.einddatum is not None:
            return None
        return ZaakUitbreiding(
            titel=titel,
            regels=(_("Deze cliënt heeft geen budgetbeheer."),),
            links=(
                Link(
                    _("Budgetbeheer starten"),
                    f"{reverse('budget:rekening_openen')}?zaak={zaak.uuid}",
                ),
            ),
        )
    dekking = plan_dekking(rekening)
    regels = [
        _("Budgetrekening %(kenmerk)s, %(status)s sinds %(datum)s.")
        % {
            "kenmerk": rekening.kenmerk,
            "status": rekening.get_status_display().lower(),
            "datum": rekening.startdatum.strftime("%d-%m-%Y"),
        },
        _("Inkomsten %(in)s per maand, uitgaven %(uit)s per maand.")
        % {"in": euro(dekking.inkomsten), "uit": euro(dekking.uitgaven)},
    ]
    saldo = _saldo(rekening)
    if saldo is not None:
        regels.append(_("Beschikbaar saldo: %(saldo)s.") % {"saldo": euro(saldo)})
    return ZaakUitbreiding(
        titel=titel,
        regels=tuple(regels),
        links=(
            Link(_("Naar de budgetrekening"), reverse("budget:rekening", args=[rekening.uuid])),
        ),
        waarschuwingen=(dekking.tekortmelding,) if dekking.tekortmelding else (),
    )
