"""The ledger screens: one client's bookings with the running balance (reversal, manual
correction, overdraft request and a colleague's decision on it), the daily reconciliation and
the signals list.

Every view: `staff_required` (medewerker; the reconciliation also for a team leader, it holds
totals only), a selector that applies case access and logs the read, one service call, render.
Service errors go back on the form, field by field, in Dutch.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget import aansluiting as aansluiting_module
from raadhuis.modules.budget import models as budget_models
from raadhuis.modules.budget import signalen
from raadhuis.modules.budget.catalogus import heeft_budget_toegang
from raadhuis.modules.budget.grootboek.boekingen import Roodstand, boeken
from raadhuis.modules.budget.grootboek.correcties import (
    Richting,
    correctie_regels,
    tegenboeken,
    tegenrekening_keuzes,
)
from raadhuis.modules.budget.grootboek.kaart import grootboekkaart, journaalpost_van_rekening
from raadhuis.modules.budget.grootboek.rekeningen import (
    budgetrekening_voor_grootboek,
    rekening_naam,
)
from raadhuis.modules.budget.grootboek.roodstandverzoeken import (
    roodstand_afwijzen,
    roodstand_goedkeuren,
    roodstand_vragen,
    roodstandverzoeken_open,
)
from raadhuis.modules.budget.models import Budgetrekening, Budgetsignaal, SignaalSoort
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import DateInput, service_errors_add

MEDEWERKER = [Rol.MEDEWERKER]
GET_POST = ["GET", "POST"]


# --- forms --------------------------------------------------------------------------------------


class PeriodeForm(forms.Form):
    van = forms.DateField(label=gettext_lazy("Van"), required=False, widget=DateInput())
    tot = forms.DateField(label=gettext_lazy("Tot en met"), required=False, widget=DateInput())

    def clean(self) -> dict:
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data


class RoodstandVragenMixin(forms.Form):
    roodstand_vragen = forms.BooleanField(
        label=gettext_lazy("Bij roodstand: vraag toestemming"),
        help_text=gettext_lazy(
            "Komt het saldo hierdoor onder nul, dan gaat er een verzoek naar een collega in "
            "plaats van een weigering."
        ),
        required=False,
    )


class CorrectieForm(RoodstandVragenMixin):
    richting = forms.ChoiceField(
        label=gettext_lazy("Wat gebeurt er met het vrije saldo?"),
        choices=[
            (Richting.BIJ, gettext_lazy("Bij: de cliënt krijgt geld")),
            (Richting.AF, gettext_lazy("Af: de cliënt levert geld in")),
        ],
        widget=forms.RadioSelect,
    )
    bedrag = forms.DecimalField(
        label=gettext_lazy("Bedrag (€)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "invalid": gettext_lazy("Vul een bedrag in, bijvoorbeeld 12,50."),
            "max_decimal_places": gettext_lazy("Een bedrag heeft hoogstens twee decimalen."),
            "min_value": gettext_lazy("Vul een bedrag groter dan nul in."),
        },
        localize=True,
    )
    tegenrekening = forms.ChoiceField(label=gettext_lazy("Tegenrekening"))
    boekdatum = forms.DateField(label=gettext_lazy("Boekdatum"), widget=DateInput())
    omschrijving = forms.CharField(label=gettext_lazy("Omschrijving"), max_length=200)
    reden = forms.CharField(
        label=gettext_lazy("Reden van de correctie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Komt in de historie van het dossier."),
    )
    field_order = [
        "richting",
        "bedrag",
        "tegenrekening",
        "boekdatum",
        "omschrijving",
        "reden",
        "roodstand_vragen",
    ]

    def __init__(self, *args, rekening: Budgetrekening, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tegenrekening"].choices = tegenrekening_keuzes(rekening)
        self.fields["tegenrekening"].help_text = _(
            "Nog toe te wijzen ontvangsten: geld dat ten onrechte bij deze cliënt stond of "
            "nog bij deze cliënt hoort. Een reservering: geld opzij zetten of vrijgeven."
        )


class TegenboekenForm(RoodstandVragenMixin):
    reden = forms.CharField(
        label=gettext_lazy("Reden van de tegenboeking"), widget=forms.Textarea(attrs={"rows": 3})
    )


class BeoordelenForm(forms.Form):
    besluit = forms.ChoiceField(
        label=gettext_lazy("Besluit"),
        choices=[
            ("toestaan", gettext_lazy("Toestaan en boeken")),
            ("afwijzen", gettext_lazy("Afwijzen")),
        ],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label=gettext_lazy("Reden bij afwijzen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("besluit") == "afwijzen" and not (data.get("reden") or "").strip():
            self.add_error("reden", _("Geef de reden van de afwijzing."))
        return data


class SignaalFilterForm(forms.Form):
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        required=False,
        choices=[("", gettext_lazy("Alle soorten")), *SignaalSoort.choices],
    )
    afgehandeld = forms.BooleanField(
        label=gettext_lazy("Toon afgehandelde signalen"), required=False
    )


class SignaalAfhandelenForm(forms.Form):
    toelichting = forms.CharField(
        label=gettext_lazy("Wat heb je gedaan?"), required=False, max_length=500
    )


# --- the ledger of one account ----------------------------------------------------------------


def _boekingen_url(rekening: Budgetrekening) -> str:
    return reverse("budget:boekingen", kwargs={"uuid": rekening.uuid})


def _boekingen_context(
    request: HttpRequest,
    rekening: Budgetrekening,
    *,
    correctie_form: CorrectieForm | None = None,
) -> dict:
    actor = request.actor
    today = vandaag(actor.organisatie.tijdzone)
    periode = PeriodeForm(request.GET if ("van" in request.GET or "tot" in request.GET) else None)
    van = tot = None
    if periode.is_bound and periode.is_valid():
        van, tot = periode.cleaned_data["van"], periode.cleaned_data["tot"]
    kaart = grootboekkaart(actor=actor, budgetrekening=rekening, van=van, tot=tot)
    return {
        "rekening": rekening,
        "zaak": rekening.zaak,
        "kaart": kaart,
        "periode_form": periode,
        "correctie_form": correctie_form
        or CorrectieForm(rekening=rekening, initial={"boekdatum": today}, prefix="correctie"),
        "verzoeken": roodstandverzoeken_open(rekening),
        "signalen": list(
            rekening.signalen.filter(afgehandeld_op__isnull=True).order_by("-datum", "-pk")[:10]
        ),
        "ik": actor.medewerker,
        "vandaag": today,
        "rekening_url": _rekening_url(rekening),
    }


def _rekening_url(rekening: Budgetrekening) -> str:
    return reverse("budget:rekening", kwargs={"uuid": rekening.uuid})


ROODSTAND_HINT = gettext_lazy(
    "Is dit toch nodig? Vink 'Bij roodstand: vraag toestemming' aan; dan beslist een collega."
)


def _boeken_of_roodstand_vragen(
    request: HttpRequest,
    form: forms.Form,
    *,
    boeken: Callable[[], object],
    vragen: Callable[[], object],
    gelukt: str,
) -> bool:
    """Book; when that would take the client below zero and the consultant ticked "ask a
    colleague", file an overdraft request instead. True when done; a refusal goes on the form."""
    try:
        try:
            boeken()
            messages.success(request, gelukt)
        except Roodstand as roodstand:
            if not form.cleaned_data["roodstand_vragen"]:
                if roodstand.code == "roodstand":
                    form.add_error(None, ROODSTAND_HINT)
                raise
            vragen()
            messages.success(
                request,
                _("Je verzoek staat klaar: een collega moet de roodstand toestaan."),
            )
    except ValidationError as error:
        service_errors_add(form, error)
        return False
    return True


@staff_required(roles=MEDEWERKER)
@require_GET
def boekingen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The client's ledger: every booking on the free balance with the running balance,
    filtered by period; reservations; open overdraft requests; a manual correction."""
    rekening = budgetrekening_voor_grootboek(request.actor, uuid)
    context = _boekingen_context(request, rekening)
    status = 400 if context["periode_form"].errors else 200
    return render(request, "budget/grootboek/boekingen.html", context, status=status)


@staff_required(roles=MEDEWERKER)
@require_POST
def correctie_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """A manual correction with a reason; when it would overdraw, optionally a request to a
    colleague instead."""
    actor = request.actor
    rekening = budgetrekening_voor_grootboek(actor, uuid)
    form = CorrectieForm(request.POST, rekening=rekening, prefix="correctie")
    if form.is_valid():
        data = form.cleaned_data
        try:
            soort, regels = correctie_regels(
                rekening,
                richting=data["richting"],
                bedrag=data["bedrag"],
                tegenrekening=data["tegenrekening"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            gedaan = _boeken_of_roodstand_vragen(
                request,
                form,
                boeken=lambda: boeken(
                    actor=actor,
                    organisatie=actor.organisatie,
                    boekdatum=data["boekdatum"],
                    soort=soort,
                    omschrijving=data["omschrijving"],
                    regels=regels,
                    budgetrekening=rekening,
                    reden=data["reden"],
                ),
                vragen=lambda: roodstand_vragen(
                    actor=actor,
                    budgetrekening=rekening,
                    boekdatum=data["boekdatum"],
                    soort=soort,
                    omschrijving=data["omschrijving"],
                    reden=data["reden"],
                    regels=regels,
                ),
                gelukt=_("De correctie is geboekt."),
            )
            if gedaan:
                return redirect(_boekingen_url(rekening))
    context = _boekingen_context(request, rekening, correctie_form=form)
    return render(request, "budget/grootboek/boekingen.html", context, status=400)


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def tegenboeken_view(request: HttpRequest, uuid: str, post: str) -> HttpResponse:
    """Reverse one booking, with a reason (and, when it would overdraw, a request)."""
    actor = request.actor
    rekening = budgetrekening_voor_grootboek(actor, uuid)
    journaalpost = journaalpost_van_rekening(rekening, post)
    form = TegenboekenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        gedaan = _boeken_of_roodstand_vragen(
            request,
            form,
            boeken=lambda: tegenboeken(actor=actor, journaalpost=journaalpost, reden=data["reden"]),
            vragen=lambda: roodstand_vragen(
                actor=actor,
                budgetrekening=rekening,
                boekdatum=vandaag(actor.organisatie.tijdzone),
                soort=budget_models.BoekingSoort.TEGENBOEKING,
                omschrijving="",
                reden=data["reden"],
                tegenboeking_van=journaalpost,
            ),
            gelukt=_("De boeking is tegengeboekt."),
        )
        if gedaan:
            return redirect(_boekingen_url(rekening))
    context = {
        "rekening": rekening,
        "post": journaalpost,
        "regels": [
            (rekening_naam(r.grootboekrekening), r.bedrag)
            for r in journaalpost.regels.select_related(
                "grootboekrekening__budgetrekening",
                "grootboekrekening__reservering",
                "grootboekrekening__beheerrekening",
            ).order_by("pk")
        ],
        "form": form,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "budget/grootboek/tegenboeken.html", context, status=status)


@staff_required(roles=MEDEWERKER)
@require_POST
def roodstand_beoordelen_view(request: HttpRequest, uuid: str, verzoek: str) -> HttpResponse:
    """A colleague allows (and so books) or refuses an overdraft request."""
    actor = request.actor
    rekening = budgetrekening_voor_grootboek(actor, uuid)
    model = getattr(budget_models, "Roodstandverzoek", None)
    if model is None:
        raise Http404
    try:
        gevonden = model.objects.get(uuid=verzoek, budgetrekening=rekening)
    except (model.DoesNotExist, ValidationError, ValueError) as error:
        raise NietGevonden(_("Verzoek niet gevonden.")) from error
    form = BeoordelenForm(request.POST, prefix=f"v{gevonden.pk}")
    if form.is_valid():
        try:
            if form.cleaned_data["besluit"] == "toestaan":
                roodstand_goedkeuren(actor=actor, verzoek=gevonden)
                messages.success(request, _("Roodstand toegestaan; de boeking is gemaakt."))
            else:
                roodstand_afwijzen(actor=actor, verzoek=gevonden, reden=form.cleaned_data["reden"])
                messages.success(request, _("Het verzoek is afgewezen."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        for fouten in form.errors.values():
            for fout in fouten:
                messages.error(request, fout)
    return redirect(_boekingen_url(rekening) + "#verzoeken")


# --- reconciliation -------------------------------------------------------------------------------


@staff_required(roles=[Rol.MEDEWERKER, Rol.TEAMLEIDER])
@require_http_methods(GET_POST)
def aansluiting_view(request: HttpRequest) -> HttpResponse:
    """Bank against ledger per beheerrekening, now and for the last 30 days."""
    actor = request.actor
    today = vandaag(actor.organisatie.tijdzone)
    if request.method == "POST":
        aansluitingen = aansluiting_module.aansluiten_nu(actor=actor, datum=today)
        if any(a.verschil for a in aansluitingen):
            messages.warning(request, _("Aansluiting gemaakt: er is een verschil."))
        else:
            messages.success(request, _("Aansluiting gemaakt: bank en administratie kloppen."))
        return redirect("budget:aansluiting")
    regels = aansluiting_module.aansluiting_overzicht(actor=actor, datum=today)
    context = {
        "regels": regels,
        "vandaag": today,
        "mag_aansluiten": heeft_budget_toegang(actor),
    }
    return render(request, "budget/grootboek/aansluiting.html", context)


# --- signals -------------------------------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_GET
def signalen_view(request: HttpRequest) -> HttpResponse:
    """Open signals (late income, returned or held-back payments, low balances, reconciliation
    differences), newest first; each can be marked handled."""
    actor = request.actor
    form = SignaalFilterForm(request.GET or None)
    soort, afgehandeld = "", False
    if form.is_bound and form.is_valid():
        soort = form.cleaned_data["soort"]
        afgehandeld = form.cleaned_data["afgehandeld"]
    lijst = signalen.signalen_lijst(actor=actor, afgehandeld=afgehandeld, soort=soort)
    context = {
        "form": form,
        "signalen": lijst,
        "afgehandeld": afgehandeld,
        "afhandel_form": SignaalAfhandelenForm(),
    }
    return render(request, "budget/grootboek/signalen.html", context)


@staff_required(roles=MEDEWERKER)
@require_POST
def signaal_afhandelen_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    try:
        signaal = signalen.signalen_zichtbaar(actor).get(pk=pk)
    except Budgetsignaal.DoesNotExist as error:
        raise NietGevonden(_("Signaal niet gevonden.")) from error
    form = SignaalAfhandelenForm(request.POST)
    toelichting = form.cleaned_data["toelichting"] if form.is_valid() else ""
    signalen.signaal_afhandelen(actor=actor, signaal=signaal, toelichting=toelichting)
    messages.success(request, _("Signaal afgehandeld."))
    return redirect("budget:signalen")
