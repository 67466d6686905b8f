"""The complaint screens at /crm/klachten/ (namespace crm:klachten): the list with filters, the
intake form for any channel, the complaint page with its term, hearing, decision and letters,
one form per handling step, and the report with its CSV export.

Every view: `staff_required` with the role that may open it (a team leader opens the report
only), a selector that applies department and case access and logs the read (someone of another
department gets 404), one service call, render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.kernel.messaging.models import Brief
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.selectors import partij_get, partij_search
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.klachten import brieven, rapportage, selectors, services
from raadhuis.modules.crm.klachten import forms as f
from raadhuis.modules.crm.klachten.models import Klacht, KlachtStatus
from raadhuis.modules.crm.klachten.termijnen import termijn_toestand, verdaging_uiterlijk
from raadhuis.modules.crm.klachten.workflow import volgende_statussen
from raadhuis.modules.crm.relatiekeuze import relatie_kiezen
from raadhuis.modules.crm.sjablonen.scherm import Briefscherm, bibliotheekbrief_scherm
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import page_size_from, render_page_or_partial

MEDEWERKER = [Rol.MEDEWERKER]
RAPPORTAGE = [Rol.MEDEWERKER, Rol.TEAMLEIDER, Rol.FUNCTIONEEL_BEHEERDER]
GET_POST = ["GET", "POST"]


def _status(form: forms.Form | None) -> int:
    return 400 if form is not None and form.is_bound and form.errors else 200


# --- list -------------------------------------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_GET
def lijst_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = f.KlachtFilterForm(request.GET or None, actor=actor)
    filters = form.filters()
    today = vandaag(actor.organisatie.tijdzone)
    qs = selectors.klachten_lijst(actor=actor, filters=filters, vandaag=today)
    page = Paginator(qs, page_size_from(request)).get_page(request.GET.get("pagina"))
    klachten = list(page.object_list)
    selectors.klachten_ingezien(actor=actor, klachten=klachten)
    for k in klachten:
        k.toestand = termijn_toestand(k.uiterlijk, k.afgehandeld_op, today)
    context = {
        "form": form,
        "page": page,
        "klachten": klachten,
        "vandaag": today,
        "filtered": any(v for v in vars(filters).values()),
    }
    return render_page_or_partial(
        request, "crm/klachten/lijst.html", "crm/klachten/partials/lijst_resultaten.html", context
    )


# --- intake -----------------------------------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def nieuw_view(request: HttpRequest) -> HttpResponse:
    """Step 1: find the complainant among the relations (or come from a relation page with
    ?partij=<uuid>); step 2: the complaint itself."""
    actor = request.actor
    today = vandaag(actor.organisatie.tijdzone)
    form = None
    klager, zoek_form, resultaten = relatie_kiezen(
        request,
        kies=lambda uuid: partij_get(actor=actor, uuid=uuid, doel=selectors.DOEL),
        zoek=lambda term: partij_search(actor=actor, zoekterm=term),
        zoek_form_class=f.KlagerZoekForm,
    )
    if request.method == "POST":
        form = f.KlachtForm(request.POST, actor=actor)
        if klager is None:
            form.add_error(None, _("Kies eerst de klager."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                klacht = services.klacht_create(
                    actor=actor,
                    klager=klager,
                    kanaal=data["kanaal"],
                    ontvangen_op=data["ontvangen_op"],
                    categorie=data["categorie"],
                    onderwerp=data["onderwerp"],
                    omschrijving=data["omschrijving"],
                    afdeling=data["afdeling"],
                    behandelaar=data["behandelaar"],
                    betreft_medewerker=data.get("betreft_medewerker"),
                    betreft_zaak=data.get("zaaknummer"),
                    adviescommissie=data["adviescommissie"],
                )
            except ValidationError as error:
                service_errors_add(form, error, {"betreft_zaak": "zaaknummer"})
            else:
                messages.success(
                    request,
                    _("Klacht %(nummer)s geregistreerd. Uiterste afhandeldatum: %(datum)s.")
                    % {
                        "nummer": klacht.zaak.identificatie,
                        "datum": klacht.uiterlijk.strftime("%d-%m-%Y"),
                    },
                )
                return redirect("crm:klachten:detail", uuid=klacht.uuid)
    elif klager is not None:
        eigen = list(actor.medewerker.eenheden.all()[:1]) if actor.medewerker else []
        form = f.KlachtForm(
            actor=actor,
            initial={
                "partij": klager.uuid,
                "ontvangen_op": today,
                "afdeling": eigen[0].pk if eigen else None,
            },
        )
    context = {
        "zoek_form": zoek_form,
        "resultaten": resultaten,
        "klager": klager,
        "form": form,
        "vandaag": today,
    }
    return render(request, "crm/klachten/nieuw.html", context, status=_status(form))


# --- detail -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actie:
    naam: str
    titel: Any
    knop: Any
    form: Callable[..., forms.Form]
    uitvoeren: Callable[[HttpRequest, Klacht, Any], Any]
    melding: Any
    mogelijk: Callable[[Klacht], bool]
    uitleg: Any = ""


def _kan(status: str) -> Callable[[Klacht], bool]:
    return lambda k: status in volgende_statussen(k.status)


def _open(k: Klacht) -> bool:
    return not k.is_afgesloten and k.status != KlachtStatus.BESLUIT_VERZONDEN


def _kanaal(form: forms.Form) -> str:
    return form.cleaned_data.get("kanaal", "")


ACTIES: dict[str, Actie] = {
    a.naam: a
    for a in (
        Actie(
            "ontvangst",
            gettext_lazy("Ontvangst bevestigen"),
            gettext_lazy("Ontvangstbevestiging versturen"),
            lambda data, **kw: f.BriefKanaalForm(data),
            lambda r, k, form: services.klacht_ontvangst_bevestigen(
                actor=r.actor, klacht=k, kanaal=_kanaal(form)
            ),
            gettext_lazy("De ontvangstbevestiging is verstuurd."),
            _kan(KlachtStatus.ONTVANGST_BEVESTIGD),
            gettext_lazy(
                "Awb 9:6: de ontvangst van een schriftelijke klacht wordt schriftelijk bevestigd."
            ),
        ),
        Actie(
            "in-behandeling",
            gettext_lazy("In behandeling nemen"),
            gettext_lazy("In behandeling nemen"),
            lambda data, **kw: forms.Form(data),
            lambda r, k, form: services.klacht_in_behandeling_nemen(actor=r.actor, klacht=k),
            gettext_lazy("De klacht is in behandeling."),
            _kan(KlachtStatus.IN_BEHANDELING),
        ),
        Actie(
            "behandelaar",
            gettext_lazy("Andere behandelaar"),
            gettext_lazy("Overdragen"),
            lambda data, actor, **kw: f.BehandelaarForm(data, actor=actor),
            lambda r, k, form: services.klacht_behandelaar_set(
                actor=r.actor, klacht=k, behandelaar=form.cleaned_data["behandelaar"]
            ),
            gettext_lazy("De klacht is overgedragen."),
            _open,
            gettext_lazy("Awb 9:7: de behandelaar was niet betrokken bij de gedraging."),
        ),
        Actie(
            "verdagen",
            gettext_lazy("Afhandeling verdagen"),
            gettext_lazy("Verdagen en klager informeren"),
            lambda data, klacht, **kw: f.VerdagingForm(
                data,
                initial={
                    "verdaagd_tot": verdaging_uiterlijk(
                        klacht.uiterlijk_oorspronkelijk, land=klacht.organisatie.land
                    )
                },
            ),
            lambda r, k, form: services.klacht_verdagen(
                actor=r.actor,
                klacht=k,
                verdaagd_tot=form.cleaned_data["verdaagd_tot"],
                reden=form.cleaned_data["reden"],
                kanaal=_kanaal(form),
            ),
            gettext_lazy("De afhandeling is verdaagd; de klager krijgt bericht."),
            lambda k: _open(k) and k.verdaagd_tot is None,
            gettext_lazy(
                "Awb 9:11 lid 2: ten hoogste vier weken, met schriftelijke mededeling "
                "vóór het einde van de termijn."
            ),
        ),
        Actie(
            "uitstel",
            gettext_lazy("Verder uitstel met instemming"),
            gettext_lazy("Uitstel vastleggen"),
            lambda data, **kw: f.UitstelForm(data),
            lambda r, k, form: services.klacht_uitstellen(
                actor=r.actor,
                klacht=k,
                uitstel_tot=form.cleaned_data["uitstel_tot"],
                instemming_op=form.cleaned_data["instemming_op"],
            ),
            gettext_lazy("Het uitstel is vastgelegd."),
            lambda k: _open(k) and k.verdaagd_tot is not None,
            gettext_lazy("Awb 9:11 lid 3: alleen met schriftelijke instemming van de klager."),
        ),
        Actie(
            "hoorzitting",
            gettext_lazy("Hoorzitting plannen"),
            gettext_lazy("Plannen en uitnodiging versturen"),
            lambda data, **kw: f.HoorzittingPlannenForm(data),
            lambda r, k, form: services.klacht_hoorzitting_plannen(
                actor=r.actor,
                klacht=k,
                op=form.moment(r.actor.organisatie.tijdzone),
                locatie=form.cleaned_data["locatie"],
                kanaal=_kanaal(form),
            ),
            gettext_lazy("De hoorzitting is gepland en de uitnodiging is verstuurd."),
            _kan(KlachtStatus.HOORZITTING),
            gettext_lazy(
                "Awb 9:10 lid 1: de klager wordt in de gelegenheid gesteld te worden gehoord."
            ),
        ),
        Actie(
            "verslag",
            gettext_lazy("Verslag hoorzitting"),
            gettext_lazy("Verslag opslaan"),
            lambda data, **kw: f.HoorzittingVerslagForm(data),
            lambda r, k, form: services.klacht_hoorzitting_vastleggen(
                actor=r.actor, klacht=k, **form.cleaned_data
            ),
            gettext_lazy("Het verslag van de hoorzitting is opgeslagen."),
            lambda k: k.status == KlachtStatus.HOORZITTING,
        ),
        Actie(
            "geen-hoorzitting",
            gettext_lazy("Geen hoorzitting"),
            gettext_lazy("Vastleggen"),
            lambda data, **kw: f.GeenHoorzittingForm(data),
            lambda r, k, form: services.klacht_geen_hoorzitting(
                actor=r.actor, klacht=k, **form.cleaned_data
            ),
            gettext_lazy("Vastgelegd waarom de klager niet wordt gehoord."),
            lambda k: k.status in (KlachtStatus.IN_BEHANDELING, KlachtStatus.HOORZITTING),
            gettext_lazy("Awb 9:10 lid 2: van horen kan worden afgezien in drie gevallen."),
        ),
        Actie(
            "besluit",
            gettext_lazy("Beslissing op de klacht"),
            gettext_lazy("Beslissing versturen"),
            lambda data, **kw: f.BesluitForm(data),
            lambda r, k, form: services.klacht_besluit_verzenden(
                actor=r.actor,
                klacht=k,
                oordeel=form.cleaned_data["oordeel"],
                bevindingen=form.cleaned_data["bevindingen"],
                conclusies=form.cleaned_data["conclusies"],
                maatregelen=form.cleaned_data["maatregelen"],
                kanaal=_kanaal(form),
            ),
            gettext_lazy("De beslissing op de klacht is verstuurd."),
            _kan(KlachtStatus.BESLUIT_VERZONDEN),
            gettext_lazy(
                "Awb 9:12: schriftelijk, met de bevindingen, het oordeel en de conclusies."
            ),
        ),
        Actie(
            "afhandelen",
            gettext_lazy("Klacht afsluiten"),
            gettext_lazy("Afsluiten"),
            lambda data, **kw: f.AfhandelenForm(data),
            lambda r, k, form: services.klacht_afhandelen(
                actor=r.actor, klacht=k, toelichting=form.cleaned_data["toelichting"]
            ),
            gettext_lazy("De klacht is afgesloten en geregistreerd."),
            _kan(KlachtStatus.AFGEHANDELD),
        ),
        Actie(
            "niet-behandelen",
            gettext_lazy("Niet in behandeling nemen"),
            gettext_lazy("Vastleggen en klager informeren"),
            lambda data, **kw: f.NietBehandelenForm(data),
            lambda r, k, form: services.klacht_niet_behandelen(
                actor=r.actor,
                klacht=k,
                grond=form.cleaned_data["grond"],
                toelichting=form.cleaned_data["toelichting"],
                kanaal=_kanaal(form),
            ),
            gettext_lazy("De klacht is niet in behandeling genomen; de klager krijgt bericht."),
            _kan(KlachtStatus.NIET_ONTVANKELIJK),
            gettext_lazy("Awb 9:8: binnen vier weken na ontvangst schriftelijk meedelen."),
        ),
        Actie(
            "informeel",
            gettext_lazy("Informeel opgelost"),
            gettext_lazy("Afsluiten"),
            lambda data, **kw: f.ToelichtingForm(data),
            lambda r, k, form: services.klacht_informeel_oplossen(
                actor=r.actor, klacht=k, toelichting=form.cleaned_data["toelichting"]
            ),
            gettext_lazy("De klacht is informeel opgelost."),
            _kan(KlachtStatus.INFORMEEL_OPGELOST),
            gettext_lazy("Awb 9:5: naar tevredenheid van de klager opgelost."),
        ),
        Actie(
            "intrekken",
            gettext_lazy("Klacht ingetrokken"),
            gettext_lazy("Afsluiten"),
            lambda data, **kw: f.ToelichtingForm(data),
            lambda r, k, form: services.klacht_intrekken(
                actor=r.actor, klacht=k, toelichting=form.cleaned_data["toelichting"]
            ),
            gettext_lazy("De klacht is ingetrokken."),
            _kan(KlachtStatus.INGETROKKEN),
        ),
    )
}


@staff_required(roles=MEDEWERKER)
@require_GET
def detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    klacht = selectors.klacht_get(actor=actor, uuid=uuid)
    today = vandaag(actor.organisatie.tijdzone)
    context = {
        "klacht": klacht,
        "zaak": klacht.zaak,
        "vandaag": today,
        "toestand": termijn_toestand(klacht.uiterlijk, klacht.afgehandeld_op, today),
        "acties": [a for a in ACTIES.values() if a.mogelijk(klacht)],
        "brieven": selectors.klacht_brieven(klacht=klacht),
        "documenten": selectors.klacht_documenten(actor=actor, klacht=klacht),
    }
    return render(request, "crm/klachten/detail.html", context)


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def actie_view(request: HttpRequest, uuid: str, actie: str) -> HttpResponse:
    """One handling step: GET shows its form, POST runs the service and returns to the
    complaint, or shows the form again with the errors (400)."""
    stap = ACTIES.get(actie)
    if stap is None:
        raise Http404(_("Onbekende actie."))
    klacht = selectors.klacht_get(actor=request.actor, uuid=uuid)
    data = request.POST if request.method == "POST" else None
    form = stap.form(data, actor=request.actor, klacht=klacht)
    if request.method == "POST" and form.is_valid():
        try:
            stap.uitvoeren(request, klacht, form)
        except ValidationError as error:
            service_errors_add(form, error, {"op": "datum"})
        else:
            messages.success(request, str(stap.melding))
            return redirect("crm:klachten:detail", uuid=klacht.uuid)
    context = {"klacht": klacht, "zaak": klacht.zaak, "stap": stap, "form": form}
    return render(request, "crm/klachten/actie.html", context, status=_status(form))


# --- letters from the template library ---------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def brief_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """A letter from the template library (category 'Klachten') to the complainant: choose,
    preview (live through htmx, or "Voorbeeld bijwerken"), send by e-mail or post."""
    klacht = selectors.klacht_get(actor=request.actor, uuid=uuid)
    actor = request.actor

    def voorbeeld(code: str, tekst: str) -> str:
        return brieven.klacht_bibliotheekbrief_voorbeeld(
            actor=actor, klacht=klacht, sjabloon_code=code, tekst=tekst
        )

    def versturen(data: dict[str, Any]) -> Brief:
        return brieven.klacht_bibliotheekbrief_send(
            actor=actor,
            klacht=klacht,
            sjabloon_code=data["sjabloon"],
            kanaal=data["kanaal"],
            tekst=data["tekst"],
            reden=data["reden"],
        )

    scherm = Briefscherm(
        sjablonen=brieven.klacht_bibliotheekbrieven(actor=actor),
        kanaal=brieven.klager_kanaal(klacht),
        form_class=f.BibliotheekBriefForm,
        voorbeeld=voorbeeld,
        versturen=versturen,
        terug_url=reverse("crm:klachten:detail", kwargs={"uuid": klacht.uuid}),
        template="crm/klachten/brief.html",
        context={
            "klacht": klacht,
            "zaak": klacht.zaak,
            "ontvanger": Ontvanger.van_partij(klacht.klager),
        },
    )
    return bibliotheekbrief_scherm(request, scherm)


# --- report -----------------------------------------------------------------------------------


def _rapportage(request: HttpRequest) -> tuple[f.PeriodeForm, rapportage.Rapportage]:
    actor = request.actor
    form = f.PeriodeForm(request.GET or None)
    van, tot = form.periode()
    return form, rapportage.klachten_rapportage(
        actor=actor, vandaag=vandaag(actor.organisatie.tijdzone), van=van, tot=tot
    )


@staff_required(roles=RAPPORTAGE)
@require_GET
def rapportage_view(request: HttpRequest) -> HttpResponse:
    form, r = _rapportage(request)
    context = {"form": form, "r": r, "totaal_rij": [r.totaal]}
    return render(request, "crm/klachten/rapportage.html", context)


@staff_required(roles=RAPPORTAGE)
@require_GET
def rapportage_csv_view(request: HttpRequest) -> HttpResponse:
    _form, r = _rapportage(request)
    response = HttpResponse(
        "\ufeff" + rapportage.rapportage_csv(r), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="klachtenrapportage.csv"'
    return response
