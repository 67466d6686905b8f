"""The payment screens: the list of daily proposals, one proposal with its payments and the
held-back ones (with the reason), four-eyes approval or rejection, the pain.001 download, and
"maak voorstel voor vandaag".

Every view: `staff_required(roles=[medewerker])` (a team leader gets 403: the proposal names
clients), then the betalingen package's reads (404 without the Budgetbeheer grant) and one
service call.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.betalingen.algemeen import VierOgenFout
from raadhuis.modules.budget.betalingen.dagvoorstel import dagvoorstellen_maken
from raadhuis.modules.budget.betalingen.goedkeuring import (
    mag_beoordelen,
    pain001,
    voorstel_afwijzen,
    voorstel_goedkeuren,
)
from raadhuis.modules.budget.betalingen.opdracht import (
    opdracht_schrappen,
    roodstand_toestaan,
    roodstand_vragen,
)
from raadhuis.modules.budget.betalingen.selectors import (
    opdracht_get,
    voorstel_get,
    voorstel_regels,
    voorstellen_lijst,
)
from raadhuis.modules.budget.models import Betaalvoorstel, OpdrachtStatus, VoorstelStatus
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import page_size_from

MEDEWERKER = [Rol.MEDEWERKER]


class RedenForm(forms.Form):
    reden = forms.CharField(
        label=gettext_lazy("Reden"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Geef een reden.")},
    )


class AfwijzenForm(RedenForm):
    prefix = "afwijzen"
    opnieuw_voorstellen = forms.BooleanField(
        label=gettext_lazy("Betalingen opnieuw voorstellen"),
        help_text=gettext_lazy(
            "Ze komen dan in het volgende dagvoorstel, met de gegevens uit het plan van dat "
            "moment (bijvoorbeeld na het verbeteren van een IBAN)."
        ),
        required=False,
        initial=True,
    )


class OpdrachtActieForm(forms.Form):
    ACTIES = (
        ("roodstand_vragen", gettext_lazy("Roodstand vragen")),
        ("roodstand_toestaan", gettext_lazy("Roodstand toestaan")),
        ("schrappen", gettext_lazy("Schrappen")),
    )
    actie = forms.ChoiceField(choices=ACTIES)
    reden = forms.CharField(max_length=1000, required=False)


@staff_required(roles=MEDEWERKER)
@require_GET
def voorstellen_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    qs = voorstellen_lijst(actor)
    page = Paginator(qs, page_size_from(request)).get_page(request.GET.get("pagina"))
    context = {
        "page": page,
        "voorstellen": list(page.object_list),
        "vandaag": vandaag(actor.organisatie.tijdzone),
        "te_beoordelen": qs.filter(status=VoorstelStatus.TER_GOEDKEURING).count(),
    }
    return render(request, "budget/betalingen/voorstellen.html", context)


@staff_required(roles=MEDEWERKER)
@require_POST
def voorstel_maken_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    datum = vandaag(actor.organisatie.tijdzone)
    try:
        voorstellen = dagvoorstellen_maken(actor=actor, organisatie=actor.organisatie, datum=datum)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("budget:voorstellen")
    if not voorstellen:
        messages.info(request, _("Er zijn vandaag geen betalingen te doen."))
        return redirect("budget:voorstellen")
    messages.success(
        request,
        _("Betaalvoorstel voor %(datum)s staat klaar. Een andere medewerker keurt het goed.")
        % {"datum": voorstellen[0].uitvoerdatum.strftime("%d-%m-%Y")},
    )
    if len(voorstellen) == 1:
        return redirect("budget:voorstel", uuid=voorstellen[0].uuid)
    return redirect("budget:voorstellen")


def _detail(
    request: HttpRequest,
    voorstel: Betaalvoorstel,
    *,
    afwijzen_form: forms.Form | None = None,
    fout: str = "",
    status: int = 200,
) -> HttpResponse:
    actor = request.actor
    regels = voorstel_regels(actor, voorstel, handeling="Betaalvoorstel ingezien")
    mag, waarom_niet = mag_beoordelen(actor, voorstel)
    context = {
        "voorstel": voorstel,
        "regels": regels,
        "mag_beoordelen": mag,
        "waarom_niet": waarom_niet,
        "te_beoordelen": voorstel.status == VoorstelStatus.TER_GOEDKEURING,
        "afwijzen_form": afwijzen_form or AfwijzenForm(),
        "fout": fout,
        "ik": actor.medewerker,
        "Status": OpdrachtStatus,
    }
    return render(request, "budget/betalingen/voorstel.html", context, status=status)


@staff_required(roles=MEDEWERKER)
@require_GET
def voorstel_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _detail(request, voorstel_get(request.actor, uuid))


@staff_required(roles=MEDEWERKER)
@require_POST
def voorstel_goedkeuren_view(request: HttpRequest, uuid: str) -> HttpResponse:
    voorstel = voorstel_get(request.actor, uuid)
    try:
        voorstel = voorstel_goedkeuren(actor=request.actor, voorstel=voorstel)
    except VierOgenFout as error:
        return _detail(request, voorstel, fout=str(error), status=403)
    except ValidationError as error:
        return _detail(request, voorstel, fout=" ".join(error.messages), status=400)
    tegengehouden = voorstel.opdrachten.filter(status=OpdrachtStatus.TEGENGEHOUDEN).count()
    melding = _("Betaalvoorstel goedgekeurd. Download het betaalbestand voor de bank.")
    if tegengehouden:
        melding += " " + _("%(aantal)d betaling(en) tegengehouden.") % {"aantal": tegengehouden}
    messages.success(request, melding)
    return redirect("budget:voorstel", uuid=voorstel.uuid)


@staff_required(roles=MEDEWERKER)
@require_POST
def voorstel_afwijzen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    voorstel = voorstel_get(request.actor, uuid)
    form = AfwijzenForm(request.POST)
    if not form.is_valid():
        return _detail(request, voorstel, afwijzen_form=form, status=400)
    try:
        voorstel_afwijzen(
            actor=request.actor,
            voorstel=voorstel,
            reden=form.cleaned_data["reden"],
            opnieuw_voorstellen=form.cleaned_data["opnieuw_voorstellen"],
        )
    except VierOgenFout as error:
        return _detail(request, voorstel, fout=str(error), status=403)
    except ValidationError as error:
        service_errors_add(form, error)
        return _detail(request, voorstel, afwijzen_form=form, status=400)
    messages.success(request, _("Betaalvoorstel afgewezen. Er is niets betaald."))
    if form.cleaned_data["opnieuw_voorstellen"]:
        messages.info(request, _("De betalingen komen terug in het volgende dagvoorstel."))
    return redirect("budget:voorstel", uuid=voorstel.uuid)


@staff_required(roles=MEDEWERKER)
@require_GET
def voorstel_pain001_view(request: HttpRequest, uuid: str) -> HttpResponse:
    voorstel = voorstel_get(request.actor, uuid)
    if voorstel.status != VoorstelStatus.GOEDGEKEURD or not voorstel.pain001:
        raise Http404(_("Er is (nog) geen betaalbestand voor dit voorstel."))
    # Downloading the file shows every payee and amount: log it like viewing the page.
    voorstel_regels(request.actor, voorstel, handeling="Betaalbestand gedownload")
    response = HttpResponse(pain001(voorstel), content_type="application/xml")
    naam = f"pain001-{voorstel.uitvoerdatum:%Y%m%d}-{voorstel.bericht_id or voorstel.uuid}.xml"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@staff_required(roles=MEDEWERKER)
@require_POST
def opdracht_actie_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """One held-back or proposed payment: ask for / allow an overdraft, or strike it out."""
    actor = request.actor
    opdracht = opdracht_get(actor, uuid)
    form = OpdrachtActieForm(request.POST)
    terug = (
        redirect("budget:voorstel", uuid=opdracht.voorstel.uuid)
        if opdracht.voorstel
        else redirect("budget:voorstellen")
    )
    if not form.is_valid():
        messages.error(request, _("Kies een geldige actie."))
        return terug
    actie, reden = form.cleaned_data["actie"], form.cleaned_data["reden"]
    try:
        if actie == "roodstand_vragen":
            roodstand_vragen(actor=actor, opdracht=opdracht, reden=reden)
            melding = _("Roodstand gevraagd. Een andere medewerker moet hem toestaan.")
        elif actie == "roodstand_toestaan":
            opdracht = roodstand_toestaan(actor=actor, opdracht=opdracht)
            melding = _("Roodstand toegestaan: de betaling staat in het voorstel.")
            terug = redirect("budget:voorstel", uuid=opdracht.voorstel.uuid)
        else:
            opdracht_schrappen(actor=actor, opdracht=opdracht, reden=reden)
            melding = _("Betaling geschrapt.")
    except (ValidationError, VierOgenFout) as error:
        tekst = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, tekst)
        return terug
    messages.success(request, melding)
    return terug
