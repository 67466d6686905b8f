"""The settlement screens (consultant), its settings (functional administrator) and the team
figures (team manager). Each view: fetch through a selector, call one service, render.

A failed action shows the settlement page again with that form's errors (status 400); a done
action redirects back to it with a message (post/redirect/get).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.shv.models import ShvDossier
from raadhuis.modules.shv.regeling import betalingen, services, verzoeken
from raadhuis.modules.shv.regeling.forms import (
    AanbodForm,
    AfsluitenForm,
    InstellingenForm,
    MisluktForm,
    OntvangstForm,
    ReactieForm,
    VerzoekForm,
    VerzoekStatusForm,
)
from raadhuis.modules.shv.regeling.grafiek import staafgrafiek, weeklabel
from raadhuis.modules.shv.regeling.koppelingen import vtlb_laatste
from raadhuis.modules.shv.regeling.models import RegelingStatus
from raadhuis.modules.shv.regeling.selectors import (
    RegelingStand,
    aanbod_in_dossier,
    dossier_get,
    instellingen_voor,
    maand_in_regeling,
    regeling_in_dossier,
    regeling_stand,
    verzoek_in_dossier,
)
from raadhuis.modules.shv.regeling.teamcijfers import teamcijfers
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add

MEDEWERKER = [Rol.MEDEWERKER]
BEHEER = [Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER]


def _euro(bedrag: Decimal) -> str:
    return "€ " + number_format(bedrag, decimal_pos=2, force_grouping=True)


def _regeling_url(dossier: ShvDossier) -> str:
    return reverse("shv:regeling", kwargs={"uuid": dossier.zaak.uuid})


def _page(
    request: HttpRequest, dossier: ShvDossier, status: int = 200, **bound: Any
) -> HttpResponse:
    """The settlement page; `bound` holds a failed form by its context name."""
    stand = regeling_stand(dossier=dossier)
    today = vandaag(request.actor.organisatie.tijdzone)
    instellingen = instellingen_voor(request.actor.organisatie)
    regeling = stand.regeling
    context = {
        "dossier": dossier,
        "zaak": dossier.zaak,
        "stand": stand,
        "regeling": regeling,
        "vtlb": vtlb_laatste(dossier),
        "instellingen": instellingen,
        "aanbod_form": AanbodForm(
            looptijden=services.looptijden(instellingen, dossier),
            initial={"looptijd_maanden": 36 if dossier.ondernemer else 18},
        ),
        "mislukt_form": MisluktForm(),
        "verzoek_form": VerzoekForm(),
        "afsluiten_form": AfsluitenForm(),
        "ontvangst_form": _ontvangst_form(stand, today),
        "vandaag": today,
    }
    context["reactie_regels"] = [
        (
            regel,
            bound.get("reactie_fout")
            if bound.get("reactie_fout_aanbod") == regel.aanbod.uuid
            else ReactieForm(
                prefix=f"reactie-{regel.aanbod.uuid}",
                initial={"datum": today, "reactie": regel.aanbod.reactie},
            ),
        )
        for regel in stand.aanbiedingen
    ]
    context["verzoek_regels"] = [
        (
            verzoek,
            bound.get("verzoek_fout")
            if bound.get("verzoek_fout_uuid") == verzoek.uuid
            else VerzoekStatusForm(
                prefix=f"verzoek-{verzoek.uuid}", status=verzoek.status, initial={"datum": today}
            ),
        )
        for verzoek in stand.verzoeken
    ]
    context.update(bound)
    return render(request, "shv_regeling/regeling.html", context, status=status)


def _ontvangst_form(stand: RegelingStand, today: Any, data: Any = None) -> OntvangstForm | None:  # noqa: ANN401
    regeling = stand.regeling
    if regeling is None or regeling.status != RegelingStatus.LOPEND:
        return None
    maanden = list(regeling.maanden.order_by("volgnummer"))
    huidige = next(
        (m for m in maanden if m.maand.year == today.year and m.maand.month == today.month),
        maanden[0] if maanden else None,
    )
    return OntvangstForm(
        data,
        maanden=maanden,
        initial={"datum": today, "maand": huidige.volgnummer if huidige else None},
    )


def _actie(
    request: HttpRequest,
    dossier: ShvDossier,
    form: forms.Form,
    naam: str,
    doe: Callable[[dict], str],
    **extra: Any,
) -> HttpResponse:
    """Validate `form`, call the service through `doe` (which returns the success message),
    and redirect; or show the page again with the errors on the form."""
    if form.is_valid():
        try:
            bericht = doe(form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, bericht)
            return redirect(_regeling_url(dossier))
    return _page(request, dossier, status=400, fout_form=form, **{naam: form}, **extra)


# --- the consultant ---------------------------------------------------------------------------


@staff_required(roles=MEDEWERKER)
@require_GET
def regeling_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _page(request, dossier_get(actor=request.actor, zaak_uuid=uuid))


@staff_required(roles=MEDEWERKER)
@require_POST
def regeling_aanbod_view(request: HttpRequest, uuid: str) -> HttpResponse:
    dossier = dossier_get(actor=request.actor, zaak_uuid=uuid)
    instellingen = instellingen_voor(request.actor.organisatie)
    form = AanbodForm(request.POST, looptijden=services.looptijden(instellingen, dossier))

    def doe(data: dict) -> str:
        regeling = services.regeling_create(
            actor=request.actor,
            dossier=dossier,
            looptijd_maanden=data["looptijd_maanden"],
            toelichting=data["toelichting"],
        )
        return _("Aanbod %(nr)s is berekend: %(pct)s%% over %(n)s maanden.") % {
            "nr": regeling.volgnummer,
            "pct": number_format(regeling.percentage, decimal_pos=2),
            "n": regeling.looptijd_maanden,
        }

    return _actie(request, dossier, form, "aanbod_form", doe)


@staff_required(roles=MEDEWERKER)
@require_POST
def regeling_versturen_view(request: HttpRequest, uuid: str, regeling: str) -> HttpResponse:
    dossier = dossier_get(actor=request.actor, zaak_uuid=uuid)
    gekozen = regeling_in_dossier(dossier, regeling)

    def doe(_data: dict) -> str:
        services.regeling_aanbieden(actor=request.actor, regeling=gekozen)
        return _("Het aanbod is verstuurd aan %(n)s schuldeiser(s).") % {
            "n": gekozen.aanbiedingen.count()
        }

    return _actie(request, dossier, forms.Form(request.POST), "versturen_form", doe)


@staff_required(roles=MEDEWERKER)
@require_POST
def regeling_reactie_view(request: HttpRequest, uuid: str, aanbod: str) -> HttpResponse:
    dossier = dossier_get(actor=request.actor, zaak_uuid=uuid)
    gekozen = aanbod_in_dossier(dossier, aanbod)
    form = ReactieForm(request.POST, prefix=f"reactie-{gekozen.uuid}")

    def doe(data: dict) -> str:
        services.aanbod_reactie_registreren(
            actor=request.actor,
            aanbod=gekozen,
            reactie=data["reactie"],
            datum=data["datum"],
            toelichting=data["toelichting"],
        )
        gekozen.regeling.refresh_from_db(fields=["status"])
        if gekozen.regeling.status == RegelingStatus.LOPEND:
            return _("Alle schuldeisers zijn akkoord: de schuldregeling loopt.")
        return _("De reactie van %(naam)s is vastgelegd.") % {"naam": gekozen.schuldeiser}

    return _actie(request, dossier, form, "reactie_fout", doe, reactie_fout_aanbod=gekozen.uuid)


@staff_required(roles=MEDEWERKER)
@require_POST
def regeling_mislukt_view(request: HttpRequest, uuid: str, regeling: str) -> HttpResponse:
    dossier = dossier_get(actor=request.actor, zaak_uuid=uuid)
    gekozen = regeling_in_dossier(dossier, regeling)

    def doe(data: dict) -> str:
        services.regeling_mislukt(
            actor=request.actor, regeling=gekozen, toelichting=data["toelichting"]
        )
        return _("Het minnelijk traject is beëindigd. Stel het verzoekschrift Wsnp op.")

    return _actie(request, dossier, MisluktForm(request.POST), "mislukt_form", doe)


@staff_required(roles=MEDEWERKER)
@require_POST
def regeling_verzoek_view(request: HttpRequest, uuid: str) -> HttpResponse:
    dossier = dossier_get(actor=request.actor, zaak_uuid=uuid)

    def doe(data: dict) -> str:
        verzoek = verzoeken.verzoek_opstellen(
            actor=request.actor,
            dossier=dossier,
            soort=data["soort"],
            toelichting=data["toelichting"],
        )
        return _("%(soort)s is opgesteld en als concept in het dossier gezet.") % {
            "soort": verzoek.get_soort_display()
        }

    return _actie(request, dossier, VerzoekForm(request.POST), "verzoek_form", doe)


@staff_required(roles=MEDEWERKER)
@require_POST
def regeling_verzoek_status_view(request: HttpRequest, uuid: str, verzoek: str) -> HttpResponse:
    dossier = dossier_get(actor=request.actor, zaak_uuid=uuid)
    gekozen = verzoek_in_dossier(dossier, verzoek)
    form = VerzoekStatusForm(request.POST, prefix=f"verzoek-{gekozen.uuid}", status=gekozen.status)

    def doe(data: dict) -> str:
        if data["actie"] == "indienen":
            verzoeken.verzoek_indienen(actor=request.actor, verzoek=gekozen, datum=data["datum"])
            return _("Vastgelegd: het verzoek is ingediend.")
        verzoeken.verzoek_uitspraak_registreren(
            actor=request.actor,
            verzoek=gekozen,
            toegewezen=data["actie"] == "toegewezen",
            datum=data["datum"],
            toelichting=data["toelichting"],
        )
        return _("De uitspraak van de rechtbank is vastgelegd.")

    return _actie(request, dossier, form, "verzoek_fout", doe, verzoek_fout_uuid=gekozen.uuid)


@staff_required(roles=MEDEWERKER)
@require_POST
def regeling_ontvangst_view(request: HttpRequest, uuid: str, regeling: str) -> HttpResponse:
    dossier = dossier_get(actor=request.actor, zaak_uuid=uuid)
    gekozen = regeling_in_dossier(dossier, regeling)
    maanden = list(gekozen.maanden.order_by("volgnummer"))
    form = OntvangstForm(request.POST, maanden=maanden)

    def doe(data: dict) -> str:
        ontvangst = betalingen.ontvangst_registreren(
            actor=request.actor,
            regeling=gekozen,
            maand=maand_in_regeling(gekozen, data["maand"]),
            bedrag=data["bedrag"],
            datum=data["datum"],
            omschrijving=data["omschrijving"],
        )
        return _("Ontvangst van %(bedrag)s is geboekt.") % {"bedrag": _euro(ontvangst.bedrag)}

    return _actie(request, dossier, form, "ontvangst_form", doe)


@staff_required(roles=MEDEWERKER)
@require_POST
def regeling_uitbetalen_view(
    request: HttpRequest, uuid: str, regeling: str, volgnummer: int
) -> HttpResponse:
    dossier = dossier_get(actor=request.actor, zaak_uuid=uuid)
    gekozen = regeling_in_dossier(dossier, regeling)
    maand = maand_in_regeling(gekozen, volgnummer)

    def doe(_data: dict) -> str:
        uitbetaling = betalingen.maand_uitbetalen(
            actor=request.actor, regeling=gekozen, maand=maand
        )
        return _("Maand %(nr)s: %(bedrag)s uitbetaald aan de schuldeisers.") % {
            "nr": maand.volgnummer,
            "bedrag": _euro(uitbetaling.bedrag),
        }

    return _actie(request, dossier, forms.Form(request.POST), "uitbetalen_form", doe)


@staff_required(roles=MEDEWERKER)
@require_POST
def regeling_afsluiten_view(request: HttpRequest, uuid: str, regeling: str) -> HttpResponse:
    dossier = dossier_get(actor=request.actor, zaak_uuid=uuid)
    gekozen = regeling_in_dossier(dossier, regeling)

    def doe(data: dict) -> str:
        betalingen.regeling_afsluiten(
            actor=request.actor, regeling=gekozen, toelichting=data["toelichting"]
        )
        return _("De regeling is afgerond: slotuitkering gedaan en de schulden afgelost.")

    return _actie(request, dossier, AfsluitenForm(request.POST), "afsluiten_form", doe)


# --- the functional administrator -------------------------------------------------------------


@staff_required(roles=BEHEER)
@require_http_methods(["GET", "POST"])
def regeling_instellingen_view(request: HttpRequest) -> HttpResponse:
    instellingen = instellingen_voor(request.actor.organisatie)
    form = InstellingenForm(request.POST or None, instance=instellingen)
    if request.method == "POST" and form.is_valid():
        try:
            services.instellingen_update(
                actor=request.actor,
                **{naam: form.cleaned_data[naam] for naam in services.INSTELLINGEN_VELDEN},
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("De instellingen van de schuldregeling zijn opgeslagen."))
            return redirect("shv:regeling_instellingen")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "shv_regeling/instellingen.html", {"form": form}, status=status)


# --- the team manager -------------------------------------------------------------------------


@staff_required(roles=[Rol.TEAMLEIDER])
@require_GET
def team_view(request: HttpRequest) -> HttpResponse:
    cijfers = teamcijfers(actor=request.actor)
    labels = [weeklabel(w) for w in cijfers.weken]
    nieuw = _("Nieuwe dossiers per week")
    open_ = _("Open dossiers aan het eind van de week")

    def rij(waarden: tuple[int, ...]) -> list[tuple[str, int]]:
        return list(zip(labels, waarden, strict=True))

    context = {
        "cijfers": cijfers,
        "weeklabels": labels,
        "grafieken": [
            (
                "grafiek-nieuw",
                staafgrafiek(cijfers.weken, cijfers.totaal.nieuw_per_week, titel=nieuw),
            ),
            (
                "grafiek-open",
                staafgrafiek(cijfers.weken, cijfers.totaal.open_per_week, titel=open_),
            ),
        ],
        "weektabellen": [
            (
                titel,
                [(c.medewerker, rij(getattr(c, veld))) for c in cijfers.consulenten],
                rij(getattr(cijfers.totaal, veld)),
            )
            for titel, veld in ((nieuw, "nieuw_per_week"), (open_, "open_per_week"))
        ],
    }
    return render(request, "shv_regeling/team.html", context)
