"""The budget plan forms: the account's own details, income, payments, the living allowance and
reservations. The three kinds of plan line share one add / change / remove path; what differs
per kind is a row in a small table (`_Planregel`). Thin: a selector, one service, a render."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.budget import selectors
from raadhuis.modules.budget.forms import (
    BetaalpostForm,
    InkomstenpostForm,
    LeefgeldForm,
    RekeningWijzigenForm,
    ReserveringForm,
    VerwijderForm,
)
from raadhuis.modules.budget.models import (
    BetaalSoort,
    Budgetrekening,
    Frequentie,
    RekeningStatus,
)
from raadhuis.modules.budget.services.planposten import (
    BETAALPOST_VELDEN,
    INKOMSTEN_VELDEN,
    RESERVERING_VELDEN,
    betaalpost_create,
    betaalpost_delete,
    betaalpost_update,
    inkomstenpost_create,
    inkomstenpost_delete,
    inkomstenpost_update,
    leefgeld_instellen,
    reservering_create,
    reservering_delete,
    reservering_update,
)
from raadhuis.modules.budget.services.rekeningen import budgetrekening_update
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add

View = Callable[..., HttpResponse]

MEDEWERKER = [Rol.MEDEWERKER]
GET_POST = ["GET", "POST"]


def _status(form: Form) -> int:
    return 400 if form.is_bound and form.errors else 200


# --- plan forms -------------------------------------------------------------------------------


def _formulier(
    request: HttpRequest,
    *,
    rekening: Budgetrekening,
    form: Form,
    opslaan: Callable[[dict], Any],
    titel: str,
    knop: str,
    gelukt: str,
    post: Any = None,
    verwijder_url: str | None = None,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            opslaan(form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, gelukt)
            return redirect(f"{reverse('budget:rekening', args=[rekening.uuid])}#plan")
    context = {
        "rekening": rekening,
        "form": form,
        "titel": titel,
        "knop": knop,
        "post": post,
        "verwijder_url": verwijder_url,
        "verwijder_form": VerwijderForm() if verwijder_url else None,
    }
    return render(request, "budget/plan_formulier.html", context, status=_status(form))


def _rekening_voor_wijziging(request: HttpRequest, uuid: str) -> Budgetrekening:
    rekening = selectors.budgetrekening_get(request.actor, uuid, doel="Budgetplan wijzigen")
    if rekening.status != RekeningStatus.ACTIEF:
        raise NietGevonden("Deze budgetrekening is beëindigd.")
    return rekening


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def rekening_wijzigen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    rekening = _rekening_voor_wijziging(request, uuid)
    velden = ("client_iban", "client_tenaamstelling", "saldo_drempel")
    form = RekeningWijzigenForm(
        request.POST or None, initial={v: getattr(rekening, v) for v in velden}
    )
    return _formulier(
        request,
        rekening=rekening,
        form=form,
        opslaan=lambda d: budgetrekening_update(actor=request.actor, budgetrekening=rekening, **d),
        titel=_("Gegevens budgetrekening wijzigen"),
        knop=_("Wijzigingen opslaan"),
        gelukt=_("De gegevens van de budgetrekening zijn gewijzigd."),
    )


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def leefgeld_view(request: HttpRequest, uuid: str) -> HttpResponse:
    rekening = _rekening_voor_wijziging(request, uuid)
    huidig = rekening.betaalposten.filter(soort=BetaalSoort.LEEFGELD, actief=True).first()
    initial = (
        {"bedrag": huidig.bedrag, "frequentie": huidig.frequentie, "dag": huidig.dag}
        if huidig
        else {"frequentie": Frequentie.WEEK, "dag": 1}
    )
    form = LeefgeldForm(request.POST or None, initial=initial)
    return _formulier(
        request,
        rekening=rekening,
        form=form,
        opslaan=lambda d: leefgeld_instellen(actor=request.actor, budgetrekening=rekening, **d),
        titel=_("Leefgeld instellen"),
        knop=_("Leefgeld opslaan"),
        gelukt=_("Het leefgeld is ingesteld."),
        post=huidig,
    )


@dataclass(frozen=True)
class _Planregel:
    """How the forms of one kind of plan line (income, payment, reservation) differ; the
    add, change and remove pages around them are the same for each."""

    naam: str  # "inkomsten": the URL names and view names start with it
    form: type[Form]
    ophalen: Callable[[Actor, str], Any]  # the selector that checks access
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    post_argument: str  # the service's keyword for the line: "post" or "reservering"
    wijzig_velden: tuple[str, ...]
    nieuw_initial: Callable[[Budgetrekening], dict[str, Any] | None]
    nieuw_titel: Any
    wijzig_titel: Any
    toegevoegd: Any
    gewijzigd: Any
    verwijderd: Any
    # A line that has its own page (the living allowance) is sent there instead.
    eigen_pagina: Callable[[Any], HttpResponse | None] = lambda post: None


def _planregel_nieuw(request: HttpRequest, uuid: str, regel: _Planregel) -> HttpResponse:
    rekening = _rekening_voor_wijziging(request, uuid)
    form = regel.form(request.POST or None, initial=regel.nieuw_initial(rekening))
    return _formulier(
        request,
        rekening=rekening,
        form=form,
        opslaan=lambda d: regel.create(actor=request.actor, budgetrekening=rekening, **d),
        titel=regel.nieuw_titel,
        knop=regel.nieuw_titel,
        gelukt=regel.toegevoegd,
    )


def _planregel_wijzigen(request: HttpRequest, uuid: str, regel: _Planregel) -> HttpResponse:
    post = regel.ophalen(request.actor, uuid)
    elders = regel.eigen_pagina(post)
    if elders is not None:
        return elders
    rekening = _rekening_voor_wijziging(request, post.budgetrekening.uuid)
    form = regel.form(
        request.POST or None, initial={v: getattr(post, v) for v in regel.wijzig_velden}
    )
    return _formulier(
        request,
        rekening=rekening,
        form=form,
        opslaan=lambda d: regel.update(actor=request.actor, **{regel.post_argument: post}, **d),
        titel=regel.wijzig_titel,
        knop=_("Wijzigingen opslaan"),
        gelukt=regel.gewijzigd,
        post=post,
        verwijder_url=reverse(f"budget:{regel.naam}_verwijderen", args=[post.uuid]),
    )


def _planregel_verwijderen(request: HttpRequest, uuid: str, regel: _Planregel) -> HttpResponse:
    post = regel.ophalen(request.actor, uuid)
    return _verwijderen(
        request,
        post.budgetrekening,
        lambda reden: regel.delete(
            actor=request.actor, **{regel.post_argument: post}, toelichting=reden
        ),
        regel.verwijderd,
    )


def _planregel_views(regel: _Planregel) -> tuple[View, View, View]:
    """The add, change and remove views of one kind of plan line, for the URL list."""

    def nieuw(request: HttpRequest, uuid: str) -> HttpResponse:
        return _planregel_nieuw(request, uuid, regel)

    def wijzigen(request: HttpRequest, uuid: str) -> HttpResponse:
        return _planregel_wijzigen(request, uuid, regel)

    def verwijderen(request: HttpRequest, uuid: str) -> HttpResponse:
        return _planregel_verwijderen(request, uuid, regel)

    for view, soort in ((nieuw, "nieuw"), (wijzigen, "wijzigen"), (verwijderen, "verwijderen")):
        view.__name__ = view.__qualname__ = f"{regel.naam}_{soort}_view"
    return (
        staff_required(roles=MEDEWERKER)(require_http_methods(GET_POST)(nieuw)),
        staff_required(roles=MEDEWERKER)(require_http_methods(GET_POST)(wijzigen)),
        staff_required(roles=MEDEWERKER)(require_POST(verwijderen)),
    )


def _leefgeld_eigen_pagina(post: Any) -> HttpResponse | None:
    if post.soort == BetaalSoort.LEEFGELD:
        return redirect("budget:leefgeld", uuid=post.budgetrekening.uuid)
    return None


def _looptijd_initial(rekening: Budgetrekening) -> dict[str, Any]:
    return {"startdatum": rekening.startdatum, "frequentie": Frequentie.MAAND}


INKOMSTEN = _Planregel(
    naam="inkomsten",
    form=InkomstenpostForm,
    ophalen=selectors.inkomstenpost_get,
    create=inkomstenpost_create,
    update=inkomstenpost_update,
    delete=inkomstenpost_delete,
    post_argument="post",
    wijzig_velden=INKOMSTEN_VELDEN,
    nieuw_initial=_looptijd_initial,
    nieuw_titel=gettext_lazy("Inkomsten toevoegen"),
    wijzig_titel=gettext_lazy("Inkomsten wijzigen"),
    toegevoegd=gettext_lazy("De inkomsten staan in het plan."),
    gewijzigd=gettext_lazy("De inkomsten zijn gewijzigd."),
    verwijderd=gettext_lazy("De inkomsten zijn uit het plan gehaald."),
)
BETAALPOSTEN = _Planregel(
    naam="betaalpost",
    form=BetaalpostForm,
    ophalen=selectors.betaalpost_get,
    create=betaalpost_create,
    update=betaalpost_update,
    delete=betaalpost_delete,
    post_argument="post",
    wijzig_velden=tuple(v for v in BETAALPOST_VELDEN if v != "actief"),
    nieuw_initial=lambda rekening: {**_looptijd_initial(rekening), "dag": 1},
    nieuw_titel=gettext_lazy("Vaste last toevoegen"),
    wijzig_titel=gettext_lazy("Vaste last wijzigen"),
    toegevoegd=gettext_lazy("De betaling staat in het plan."),
    gewijzigd=gettext_lazy("De betaling is gewijzigd."),
    verwijderd=gettext_lazy("De betaling is uit het plan gehaald."),
    eigen_pagina=_leefgeld_eigen_pagina,
)
RESERVERINGEN = _Planregel(
    naam="reservering",
    form=ReserveringForm,
    ophalen=selectors.reservering_get,
    create=reservering_create,
    update=reservering_update,
    delete=reservering_delete,
    post_argument="reservering",
    wijzig_velden=tuple(v for v in RESERVERING_VELDEN if v != "actief"),
    nieuw_initial=lambda rekening: None,
    nieuw_titel=gettext_lazy("Reservering toevoegen"),
    wijzig_titel=gettext_lazy("Reservering wijzigen"),
    toegevoegd=gettext_lazy("De reservering staat in het plan."),
    gewijzigd=gettext_lazy("De reservering is gewijzigd."),
    verwijderd=gettext_lazy("De reservering is uit het plan gehaald."),
)

inkomsten_nieuw_view, inkomsten_wijzigen_view, inkomsten_verwijderen_view = _planregel_views(
    INKOMSTEN
)
betaalpost_nieuw_view, betaalpost_wijzigen_view, betaalpost_verwijderen_view = _planregel_views(
    BETAALPOSTEN
)
reservering_nieuw_view, reservering_wijzigen_view, reservering_verwijderen_view = _planregel_views(
    RESERVERINGEN
)


def _verwijderen(
    request: HttpRequest, rekening: Budgetrekening, actie: Callable[[str], None], gelukt: str
) -> HttpResponse:
    form = VerwijderForm(request.POST)
    reden = form.cleaned_data["toelichting"] if form.is_valid() else ""
    try:
        actie(reden)
    except ValidationError as error:
        for bericht in error.messages:
            messages.error(request, bericht)
    else:
        messages.success(request, gelukt)
    return redirect(f"{reverse('budget:rekening', args=[rekening.uuid])}#plan")
