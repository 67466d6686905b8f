"""The statement screens and the ending of a budget account.

- `budget:overzichten`: the statements of one account (monthly and final), a form to make the
  statement of a month that is over, and the interim statement of the running month;
- `budget:overzicht_pdf`: one stored statement as a PDF download (the read is logged);
- `budget:overzicht_tussentijds`: the running month as a PDF, not stored;
- `budget:beeindigen`: end the account (payout, final statement); after that the page shows how
  the ending stands and, once the payout is booked, makes the final statement
  (`budget:eindoverzicht`, POST).

Every view: `staff_required(roles=[medewerker])`, the account through a selector that applies
case access and logs the read (a consultant without the BB grant gets 404), one service call.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import zaak_filter
from raadhuis.kernel.documents.selectors import document_versie_get
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.beeindigen import budgetrekening_beeindigen, openstaande_betalingen
from raadhuis.modules.budget.catalogus import require_budget_toegang
from raadhuis.modules.budget.grootboek.rekeningen import beschikbaar_saldo, gereserveerd_saldo
from raadhuis.modules.budget.models import (
    Betaalopdracht,
    Budgetrekening,
    Clientoverzicht,
    RekeningStatus,
)
from raadhuis.modules.budget.overzicht import (
    clientoverzicht_maken,
    eindoverzicht_maken,
    euro,
    maand_naam,
    overzicht_tussentijds_pdf,
)
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import DateInput, service_errors_add

MEDEWERKER = [Rol.MEDEWERKER]


def _rekening(actor: Actor, uuid: str) -> Budgetrekening:
    """The account by uuid through the plan's selector (case access + processing log)."""
    from raadhuis.modules.budget import selectors

    return selectors.budgetrekening_get(actor=actor, uuid=uuid)


def _status(form: forms.Form) -> int:
    return 400 if form.is_bound and form.errors else 200


# --- statements -------------------------------------------------------------------------------


def _afgelopen_maanden(rekening: Budgetrekening, tot: date) -> list[date]:
    """The first days of the months that are over and in which the account ran, newest first."""
    maanden: list[date] = []
    dag = rekening.startdatum.replace(day=1)
    laatste = rekening.einddatum or tot
    while dag <= laatste and dag < tot.replace(day=1):
        maanden.append(dag)
        dag = date(dag.year + dag.month // 12, dag.month % 12 + 1, 1)
    return list(reversed(maanden))


class OverzichtMaandForm(forms.Form):
    maand = forms.ChoiceField(
        label=gettext_lazy("Maand"),
        help_text=gettext_lazy("Alleen maanden die voorbij zijn en nog geen overzicht hebben."),
        error_messages={
            "required": gettext_lazy("Kies een maand."),
            "invalid_choice": gettext_lazy("Kies een maand uit de lijst."),
        },
    )

    def __init__(self, *args: Any, maanden: list[date], **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        self.fields["maand"].choices = [(f"{m:%Y-%m}", maand_naam(m)) for m in maanden]


@staff_required(roles=MEDEWERKER)
@require_http_methods(["GET", "POST"])
def overzichten_view(request: HttpRequest, uuid: str) -> HttpResponse:
    rekening = _rekening(request.actor, uuid)
    overzichten = list(
        rekening.overzichten.select_related("document").order_by("-periode_begin", "-eindoverzicht")
    )
    gemaakt = {o.periode_begin for o in overzichten if not o.eindoverzicht}
    # Months (partly) in the final statement get no monthly statement of their own.
    eind = min((o.periode_begin for o in overzichten if o.eindoverzicht), default=None)
    vandaag_ = vandaag(rekening.organisatie.tijdzone)
    maanden = [
        m
        for m in _afgelopen_maanden(rekening, vandaag_)
        if m not in gemaakt and (eind is None or m < eind.replace(day=1))
    ]
    form = OverzichtMaandForm(request.POST if request.method == "POST" else None, maanden=maanden)
    if request.method == "POST" and form.is_valid():
        jaar, maand = (int(deel) for deel in form.cleaned_data["maand"].split("-"))
        try:
            overzicht = clientoverzicht_maken(
                actor=request.actor, budgetrekening=rekening, jaar=jaar, maand=maand
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request,
                _("Het overzicht van %(maand)s is gemaakt en in het dossier gezet.")
                % {"maand": maand_naam(overzicht.periode_begin)},
            )
            return redirect(reverse("budget:overzichten", kwargs={"uuid": rekening.uuid}))
    context = {
        "rekening": rekening,
        "zaak": rekening.zaak,
        "overzichten": [
            {
                "o": o,
                "titel": _("Eindoverzicht") if o.eindoverzicht else maand_naam(o.periode_begin),
                "beginsaldo": euro(o.beginsaldo),
                "eindsaldo": euro(o.eindsaldo),
            }
            for o in overzichten
        ],
        "form": form,
        "kan_maken": bool(maanden),
        "tussentijds": rekening.status == RekeningStatus.ACTIEF,
    }
    return render(request, "budget/overzicht/overzichten.html", context, status=_status(form))


def _overzicht_get(actor: Actor, uuid: str) -> Clientoverzicht:
    require_budget_toegang(actor)
    try:
        return Clientoverzicht.objects.select_related("document", "budgetrekening").get(
            zaak_filter(actor, prefix="budgetrekening__zaak__"), uuid=uuid
        )
    except (Clientoverzicht.DoesNotExist, ValueError, ValidationError) as error:
        raise NietGevonden(_("Overzicht niet gevonden.")) from error


@staff_required(roles=MEDEWERKER)
@require_GET
def overzicht_pdf_view(request: HttpRequest, uuid: str) -> FileResponse:
    """The stored PDF (its latest version); document_versie_get logs the download."""
    overzicht = _overzicht_get(request.actor, uuid)
    if overzicht.document is None:
        raise NietGevonden(_("Dit overzicht heeft geen document."))
    versie = document_versie_get(actor=request.actor, uuid=overzicht.document.uuid)
    response = FileResponse(
        versie.bestand.open("rb"),
        as_attachment=True,
        filename=versie.bestandsnaam,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required(roles=MEDEWERKER)
@require_GET
def overzicht_tussentijds_view(request: HttpRequest, uuid: str) -> HttpResponse:
    rekening = _rekening(request.actor, uuid)
    pdf = overzicht_tussentijds_pdf(actor=request.actor, budgetrekening=rekening)
    dag = vandaag(rekening.organisatie.tijdzone)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="tussentijds-overzicht-{rekening.kenmerk}-{dag.isoformat()}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- ending -----------------------------------------------------------------------------------


class BeeindigenForm(forms.Form):
    datum = forms.DateField(
        label=gettext_lazy("Einddatum"),
        widget=DateInput(),
        error_messages={
            "required": gettext_lazy("Vul de einddatum in."),
            "invalid": gettext_lazy("Vul een geldige datum in, bijvoorbeeld 30-11-2026."),
        },
    )
    naar_iban = forms.CharField(
        label=gettext_lazy("Restsaldo naar een andere rekening (IBAN)"),
        required=False,
        max_length=42,
        help_text=gettext_lazy(
            "Leeg laten: het restsaldo gaat naar de eigen rekening van de cliënt."
        ),
    )
    naar_tenaamstelling = forms.CharField(
        label=gettext_lazy("Tenaamstelling van die rekening"),
        required=False,
        max_length=70,
        error_messages={"max_length": gettext_lazy("Hoogstens 70 tekens.")},
    )
    reden = forms.CharField(
        label=gettext_lazy("Reden van beëindigen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Vul de reden in.")},
    )


def _beeindigen_context(rekening: Budgetrekening) -> dict[str, Any]:
    beschikbaar = beschikbaar_saldo(rekening)
    gereserveerd = gereserveerd_saldo(rekening)
    uitbetaling = (
        Betaalopdracht.objects.filter(budgetrekening=rekening, betaalpost__isnull=True)
        .order_by("-pk")
        .first()
        if rekening.status == RekeningStatus.BEEINDIGD
        else None
    )
    eindoverzicht = rekening.overzichten.filter(eindoverzicht=True).first()
    return {
        "rekening": rekening,
        "zaak": rekening.zaak,
        "beschikbaar": euro(beschikbaar),
        "gereserveerd": euro(gereserveerd),
        "totaal": euro(beschikbaar + gereserveerd),
        "openstaand": [
            {"o": o, "bedrag": euro(o.bedrag)}
            for o in openstaande_betalingen(rekening).order_by("vervaldatum", "pk")
        ],
        "uitbetaling": uitbetaling,
        "uitbetaling_bedrag": euro(uitbetaling.bedrag) if uitbetaling else "",
        "eindoverzicht": eindoverzicht,
        "kan_eindoverzicht": (
            rekening.status == RekeningStatus.BEEINDIGD
            and eindoverzicht is None
            and beschikbaar + gereserveerd == 0
        ),
    }


@staff_required(roles=MEDEWERKER)
@require_http_methods(["GET", "POST"])
def beeindigen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    rekening = _rekening(request.actor, uuid)
    vandaag_ = vandaag(rekening.organisatie.tijdzone)
    form = BeeindigenForm(
        request.POST if request.method == "POST" else None, initial={"datum": vandaag_}
    )
    if request.method == "POST" and rekening.status == RekeningStatus.BEEINDIGD:
        form.add_error(None, _("Deze budgetrekening is al beëindigd."))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            uitkomst = budgetrekening_beeindigen(
                actor=request.actor,
                budgetrekening=rekening,
                datum=data["datum"],
                naar_iban=data["naar_iban"],
                naar_tenaamstelling=data["naar_tenaamstelling"],
                reden=data["reden"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            if uitkomst.uitbetaling is not None:
                melding = _(
                    "Het budgetbeheer is beëindigd. De uitbetaling van %(bedrag)s staat in een "
                    "betaalvoorstel; laat een collega dat goedkeuren, daarna volgt het "
                    "eindoverzicht."
                ) % {"bedrag": euro(uitkomst.uitbetaling.bedrag)}
            else:
                melding = _("Het budgetbeheer is beëindigd en het eindoverzicht is gemaakt.")
            messages.success(request, melding)
            return redirect(reverse("budget:beeindigen", kwargs={"uuid": rekening.uuid}))
    context = _beeindigen_context(rekening) | {"form": form}
    return render(request, "budget/overzicht/beeindigen.html", context, status=_status(form))


@staff_required(roles=MEDEWERKER)
@require_POST
def eindoverzicht_view(request: HttpRequest, uuid: str) -> HttpResponse:
    rekening = _rekening(request.actor, uuid)
    try:
        eindoverzicht_maken(actor=request.actor, budgetrekening=rekening)
    except ValidationError as error:
        for melding in error.messages:
            messages.error(request, melding)
    else:
        messages.success(request, _("Het eindoverzicht is gemaakt en in het dossier gezet."))
    return redirect(reverse("budget:beeindigen", kwargs={"uuid": rekening.uuid}))
