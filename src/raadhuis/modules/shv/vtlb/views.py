"""The VTLB staff screens.

Functioneel beheerder: the norm versions (list, view with sources and history, copy to a new
half year, change an amount with its source). Medewerker, functioneel beheerder, beheerder:
the calculator, a stored calculation and its PDF. Each view: a selector (access), one
service, render; service errors go back on the form."""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.shv.selectors import dossier_get, vtlb_invoer_voor_dossier
from raadhuis.modules.shv.vtlb.forms import (
    CORRECTIE_RIJEN,
    NormbedragForm,
    NormversieKopieerForm,
    VtlbBerekenForm,
)
from raadhuis.modules.shv.vtlb.normen import NORM_GROEPEN, NORM_REGELS, NormSleutel
from raadhuis.modules.shv.vtlb.pdf import euro, vtlb_pdf
from raadhuis.modules.shv.vtlb.rekenen import Leefsituatie
from raadhuis.modules.shv.vtlb.selectors import (
    berekening_get,
    normbedrag_get,
    normversie_get,
    normversie_historie,
    normversie_voor,
    normversies_list,
)
from raadhuis.modules.shv.vtlb.services import (
    normbedrag_wijzig,
    normversie_kopieer,
    vtlb_bereken,
    vtlb_normen_ensure,
)
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add

NORMBEHEER = [Rol.FUNCTIONEEL_BEHEERDER]
REKENEN = [Rol.MEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER]
GET_POST = ["GET", "POST"]


# --- norm versions ---------------------------------------------------------------------------
@staff_required(roles=NORMBEHEER)
@require_GET
def normversies_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    versies = list(normversies_list(actor=actor))
    if not versies:  # a new organisation: the published norms are its starting point
        vtlb_normen_ensure(actor.organisatie)
        versies = list(normversies_list(actor=actor))
    for versie in versies:
        versie.ontbrekend = sum(1 for b in versie.bedragen.all() if b.bedrag is None)
    return render(request, "shv_vtlb/normen/lijst.html", {"versies": versies})


def _groepen(versie) -> list[dict]:  # noqa: ANN001
    volgorde = {sleutel: index for index, sleutel in enumerate(NormSleutel.values)}
    bedragen = sorted(versie.bedragen.all(), key=lambda b: volgorde.get(b.sleutel, 999))
    regels = [
        {
            "bedrag": b,
            "label": NormSleutel(b.sleutel).label if b.sleutel in volgorde else b.sleutel,
            "regel": NORM_REGELS[b.sleutel].regel if b.sleutel in NORM_REGELS else "",
            "groep": NORM_REGELS[b.sleutel].groep if b.sleutel in NORM_REGELS else "recofa",
        }
        for b in bedragen
    ]
    return [
        {"naam": NORM_GROEPEN[groep], "regels": list(rijen)}
        for groep, rijen in groupby(regels, key=lambda r: r["groep"])
    ]


@staff_required(roles=NORMBEHEER)
@require_GET
def normversie_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    versie = normversie_get(actor=actor, uuid=uuid)
    groepen = _groepen(versie)
    context = {
        "versie": versie,
        "groepen": groepen,
        "ontbrekend": [r for g in groepen for r in g["regels"] if r["bedrag"].bedrag is None],
        "historie": list(normversie_historie(actor=actor, normversie=versie)[:50]),
    }
    return render(request, "shv_vtlb/normen/detail.html", context)


@staff_required(roles=NORMBEHEER)
@require_http_methods(GET_POST)
def normversie_kopieren_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    bron = normversie_get(actor=actor, uuid=uuid)
    form = NormversieKopieerForm(
        request.POST or None, initial={"omschrijving": _("Normen (kopie van %s)") % bron}
    )
    if request.method == "POST" and form.is_valid():
        try:
            versie = normversie_kopieer(actor=actor, bron=bron, **form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Normversie ‘%(naam)s’ is aangemaakt.") % {"naam": versie})
            return redirect("shv:vtlb:normversie_detail", uuid=versie.uuid)
    status = 400 if form.errors else 200
    context = {"bron": bron, "form": form}
    return render(request, "shv_vtlb/normen/kopieren.html", context, status=status)


@staff_required(roles=NORMBEHEER)
@require_http_methods(GET_POST)
def normbedrag_wijzigen_view(request: HttpRequest, uuid: str, sleutel: str) -> HttpResponse:
    actor = request.actor
    versie = normversie_get(actor=actor, uuid=uuid)
    normbedrag = normbedrag_get(actor=actor, normversie=versie, sleutel=sleutel)
    form = NormbedragForm(
        request.POST or None, initial={"bedrag": normbedrag.bedrag, "bron": normbedrag.bron}
    )
    if request.method == "POST" and form.is_valid():
        try:
            normbedrag_wijzig(actor=actor, normbedrag=normbedrag, **form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request, _("‘%(naam)s’ is opgeslagen.") % {"naam": normbedrag.get_sleutel_display()}
            )
            return redirect("shv:vtlb:normversie_detail", uuid=versie.uuid)
    status = 400 if form.errors else 200
    context = {
        "versie": versie,
        "normbedrag": normbedrag,
        "regel": NORM_REGELS.get(normbedrag.sleutel),
        "form": form,
    }
    return render(request, "shv_vtlb/normen/bedrag.html", context, status=status)


# --- calculations ----------------------------------------------------------------------------
@staff_required(roles=REKENEN)
@require_http_methods(GET_POST)
def berekenen_view(request: HttpRequest) -> HttpResponse:
    """The calculator, on its own or for a dossier (`?dossier=<case uuid>`): then the form
    starts from what the dossier knows (household, income, fixed costs) and the snapshot is
    stored on the case, where the settlement offer takes its capacity from."""
    actor = request.actor
    dossier = _dossier_uit_verzoek(request)
    peildatum = vandaag(actor.organisatie.tijdzone)
    initial: dict[str, Any] = {"peildatum": peildatum, "aantal_werkenden": 0}
    if dossier is not None:
        initial.update(_initial_uit_dossier(vtlb_invoer_voor_dossier(dossier, peildatum=peildatum)))
    form = VtlbBerekenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            berekening = vtlb_bereken(
                actor=actor, invoer=form.invoer(), zaak=dossier.zaak if dossier else None
            )
        except ValidationError as error:
            service_errors_add(
                form,
                error,
                field_map={
                    "toeslagen.huurtoeslag": "huurtoeslag",
                    "toeslagen.zorgtoeslag": "zorgtoeslag",
                    "toeslagen.kindgebonden_budget": "kindgebonden_budget",
                },
            )
        else:
            if dossier is not None:
                messages.success(
                    request,
                    _("De berekening is opgeslagen in dossier %(nummer)s.")
                    % {"nummer": dossier.zaak.identificatie},
                )
            return redirect("shv:vtlb:berekening_detail", uuid=berekening.uuid)
    status = 400 if form.errors else 200
    context = {
        "form": form,
        "dossier": dossier,
        "normversie": _normversie_met_gaten(actor, form, peildatum),
    }
    return render(request, "shv_vtlb/berekeningen/berekenen.html", context, status=status)


def _normversie_met_gaten(actor: Any, form: VtlbBerekenForm, standaard: Any) -> dict | None:
    """The norm version the calculation will use and the amounts it does not have yet, so the
    consultant knows before calculating that a part will be left out (never guessed)."""
    peildatum = standaard
    if form.is_bound and form.is_valid():
        peildatum = form.cleaned_data["peildatum"]
    versie = normversie_voor(organisatie=actor.organisatie, peildatum=peildatum)
    if versie is None:  # an organisation's first calculation: the published norms first
        vtlb_normen_ensure(actor.organisatie)
        versie = normversie_voor(organisatie=actor.organisatie, peildatum=peildatum)
    if versie is None:
        return None
    ontbrekend = [
        str(NormSleutel(b.sleutel).label) if b.sleutel in NormSleutel.values else b.sleutel
        for b in versie.bedragen.all()
        if b.bedrag is None
    ]
    return {"versie": versie, "ontbrekend": ontbrekend} if ontbrekend else None


def _dossier_uit_verzoek(request: HttpRequest) -> Any:
    """The dossier named by `dossier` (query string or form), through the access-checked
    selector: another consultant's dossier is not found."""
    zaak_uuid = request.GET.get("dossier") or request.POST.get("dossier")
    if not zaak_uuid:
        return None
    return dossier_get(actor=request.actor, zaak_uuid=zaak_uuid, doel="VTLB berekenen")


def _initial_uit_dossier(invoer: dict[str, Any]) -> dict[str, Any]:
    """The calculator's starting values from the dossier's input (API shape, amounts as
    strings); zero amounts stay empty so the consultant sees what is not known yet."""

    def bedrag(tekst: str) -> Decimal | None:
        waarde = Decimal(tekst)
        return waarde if waarde else None

    initial: dict[str, Any] = {
        "leefsituatie": invoer["leefsituatie"],
        "kinderen": ", ".join(str(leeftijd) for leeftijd in invoer["kinderen"]),
        "netto_inkomen": bedrag(invoer["netto_inkomen"]),
        "partner_netto_inkomen": bedrag(invoer["partner_netto_inkomen"]),
        "woonlasten": bedrag(invoer["woonlasten"]),
        "zorgpremie": bedrag(invoer["zorgpremie"]),
    }
    initial.update({k: bedrag(v) for k, v in invoer["toeslagen"].items()})
    for nummer, correctie in enumerate(invoer["correcties"][:CORRECTIE_RIJEN], start=1):
        initial[f"correctie_{nummer}_soort"] = correctie["soort"]
        initial[f"correctie_{nummer}_bedrag"] = Decimal(correctie["bedrag"])
    return initial


@staff_required(roles=REKENEN)
@require_GET
def berekening_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    berekening = berekening_get(actor=request.actor, uuid=uuid)
    uitkomst = berekening.uitkomst
    context = {
        "berekening": berekening,
        "uitkomst": uitkomst,
        "regels": [dict(r, bedrag_tekst=euro(r["bedrag"])) for r in uitkomst["regels"]],
        "bvv": euro(uitkomst["beslagvrije_voet"]),
        "vtlb": euro(uitkomst["vtlb"]),
        "afloscapaciteit": euro(uitkomst["afloscapaciteit"]),
        "leefsituatie": Leefsituatie.LABELS.get(berekening.leefsituatie, ""),
    }
    return render(request, "shv_vtlb/berekeningen/detail.html", context)


@staff_required(roles=REKENEN)
@require_GET
def berekening_pdf_view(request: HttpRequest, uuid: str) -> HttpResponse:
    berekening = berekening_get(actor=request.actor, uuid=uuid, doel="VTLB-berekening afdrukken")
    response = HttpResponse(vtlb_pdf(berekening), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="vtlb-{berekening.uuid}.pdf"'
    return response
