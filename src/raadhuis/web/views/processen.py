"""Processes in the staff UI.

For the functional administrator (role functioneel_beheerder): the processes per case type,
a new process (empty or from an existing one), the editor of a concept version (steps with
up/down buttons, automatic actions whose settings are a form built from the action registry),
publishing, the version history with how many cases run each version (counts only, never
which cases), migrating running cases to a newer version, and export/import as JSON.

For the medewerker: a case's process (current step, step history, planned and done actions)
with "next step" and "choose a step". Every write goes through kernel.workflow's services.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow import acties as register
from raadhuis.kernel.workflow.engine import (
    proces_migreren,
)
from raadhuis.kernel.workflow.models import (
    ActieTrigger,
    ProcesActie,
    ProcesVersie,
    ProcesVersieStatus,
)
from raadhuis.kernel.workflow.proces_selectors import (
    procesactie_get,
    procesdefinitie_get,
    processen_lijst,
    processtap_get,
    procesversie_get,
    procesversie_stappen,
    procesversies,
)
from raadhuis.kernel.workflow.proces_services import (
    keuze_context,
    nieuwste_zaaktype,
    proces_create,
    procesactie_add,
    procesactie_delete,
    procesactie_omschrijving,
    procesactie_update,
    processtap_add,
    processtap_delete,
    processtap_move,
    processtap_update,
    procesversie_concept_maken,
    procesversie_concept_verwijderen,
    procesversie_problemen,
    procesversie_publiceren,
)
from raadhuis.kernel.workflow.uitwisseling import proces_exporteren, proces_importeren
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import render_page_or_partial, wants_partial
from raadhuis.web.views.zaak_proces import zaak_proces_view, zaak_processtap_view

BEHEER = [Rol.FUNCTIONEEL_BEHEERDER]
GET_POST = ["GET", "POST"]
MAX_IMPORT_BYTES = 1_000_000

# --- forms -----------------------------------------------------------------------------------


def _status_keuzes(zaaktype: ZaakType | None) -> list[tuple[str, str]]:
    keuzes = [("", _("Geen: de status blijft zoals hij is"))]
    if zaaktype is not None:
        keuzes += [
            (s.omschrijving, f"{s.volgnummer}. {s.omschrijving}")
            for s in zaaktype.statustypen.order_by("volgnummer")
        ]
    return keuzes


class ProcesForm(forms.Form):
    zaaktype = forms.ChoiceField(label=gettext_lazy("Zaaktype"))
    naam = forms.CharField(label=gettext_lazy("Naam van het proces"), max_length=200)
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=50,
        required=False,
        help_text=gettext_lazy(
            "Vaste sleutel voor export en import, bijvoorbeeld shv-msr. Leeg: gemaakt uit de naam."
        ),
    )
    omschrijving = forms.CharField(
        label=gettext_lazy("Omschrijving"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    op_basis_van = forms.ChoiceField(
        label=gettext_lazy("Beginnen vanuit"),
        required=False,
        help_text=gettext_lazy("Neem de stappen en acties over van een bestaand proces."),
    )

    def __init__(self, *args: Any, regels: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zaaktype"].choices = [("", _("Kies een zaaktype"))] + [
            (str(r.zaaktype.uuid), f"{r.zaaktype.omschrijving} ({r.zaaktype.identificatie})")
            for r in regels
            if r.definitie is None
        ]
        self.fields["op_basis_van"].choices = [("", _("Een leeg proces"))] + [
            (str(r.definitie.uuid), r.definitie.naam) for r in regels if r.actieve_versie
        ]


class StapForm(forms.Form):
    naam = forms.CharField(label=gettext_lazy("Naam van de stap"), max_length=100)
    statustype_omschrijving = forms.ChoiceField(
        label=gettext_lazy("Status bij het begin van de stap"), required=False
    )
    doorlooptijd_werkdagen = forms.IntegerField(
        label=gettext_lazy("Standaard doorlooptijd in werkdagen"),
        required=False,
        min_value=0,
        max_value=365,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=gettext_lazy("Toont op de zaak tot wanneer de stap mag duren."),
    )
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting voor de medewerker"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, zaaktype: ZaakType | None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "stap_%s")
        super().__init__(*args, **kwargs)
        self.fields["statustype_omschrijving"].choices = _status_keuzes(zaaktype)


class SoortForm(forms.Form):
    soort = forms.ChoiceField(label=gettext_lazy("Soort actie"))
    trigger = forms.ChoiceField(
        label=gettext_lazy("Wanneer"),
        choices=ActieTrigger.choices,
        initial=ActieTrigger.BIJ_START_STAP,
        widget=forms.RadioSelect,
    )
    werkdagen = forms.IntegerField(
        label=gettext_lazy("Aantal werkdagen in de stap"),
        required=False,
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=gettext_lazy("Alleen bij ‘Na een aantal werkdagen in de stap’."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Kies een soort actie"))] + [
            (s.code, s.label) for s in register.actie_soorten()
        ]


def parameter_velden(
    soort: register.ActieSoort, context: register.KeuzeContext
) -> dict[str, forms.Field]:
    """Form fields for an action kind's parameters, named p_<name>, from its field specs."""
    velden: dict[str, forms.Field] = {}
    for p in soort.parameters:
        gemeen = {"label": p.label, "required": p.verplicht, "help_text": p.hulptekst}
        if p.soort == register.GETAL:
            veld: forms.Field = forms.IntegerField(
                min_value=p.minimum,
                max_value=p.maximum,
                initial=p.standaard,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                **gemeen,
            )
        elif p.soort == register.KEUZE:
            veld = forms.ChoiceField(
                choices=[("", _("Maak een keuze"))] + p.keuzes_voor(context),
                initial=p.standaard,
                **gemeen,
            )
        elif p.soort == register.JA_NEE:
            veld = forms.BooleanField(initial=bool(p.standaard), **{**gemeen, "required": False})
        elif p.soort == register.TEKST_LANG:
            veld = forms.CharField(
                max_length=p.max_lengte,
                initial=p.standaard,
                widget=forms.Textarea(attrs={"rows": 3}),
                **gemeen,
            )
        else:
            veld = forms.CharField(max_length=p.max_lengte, initial=p.standaard, **gemeen)
        velden[f"p_{p.naam}"] = veld
    return velden


class ActieForm(SoortForm):
    """Kind and moment, plus the kind's parameters (added per kind)."""

    def __init__(
        self,
        *args: Any,
        soort: register.ActieSoort | None,
        context: register.KeuzeContext,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "actie_%s")
        super().__init__(*args, **kwargs)
        self.soort = soort
        if soort is not None:
            self.fields.update(parameter_velden(soort, context))
            self.initial.setdefault("soort", soort.code)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("trigger") == ActieTrigger.NA_WERKDAGEN_IN_STAP and not data.get("werkdagen"):
            self.add_error("werkdagen", _("Vul het aantal werkdagen in."))
        return data

    def parameters(self) -> dict[str, Any]:
        if self.soort is None:
            return {}
        return {
            p.naam: self.cleaned_data.get(f"p_{p.naam}")
            for p in self.soort.parameters
            if self.cleaned_data.get(f"p_{p.naam}") not in (None, "")
        }

    def parameter_velden(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if n.startswith("p_")]


class PubliceerForm(forms.Form):
    toelichting = forms.CharField(
        label=gettext_lazy("Wat is er veranderd?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Komt in de versiegeschiedenis."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "publiceer_%s")
        super().__init__(*args, **kwargs)


class ImportForm(forms.Form):
    bestand = forms.FileField(
        label=gettext_lazy("Procesbestand (JSON)"),
        help_text=gettext_lazy("Een bestand dat met ‘Exporteren’ is gemaakt."),
    )
    publiceren = forms.BooleanField(
        label=gettext_lazy("Meteen publiceren (nieuwe zaken krijgen deze versie)"),
        required=False,
        initial=True,
    )


# --- the list, a new process, import --------------------------------------------------------


@staff_required(roles=BEHEER)
@require_GET
def processen_view(request: HttpRequest) -> HttpResponse:
    regels = processen_lijst(actor=request.actor)
    return render(request, "web/processen/lijst.html", {"regels": regels})


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def proces_create_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    regels = processen_lijst(actor=actor)
    form = ProcesForm(
        request.POST or None,
        regels=regels,
        initial={"zaaktype": request.GET.get("zaaktype", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        zaaktype = next(r.zaaktype for r in regels if str(r.zaaktype.uuid) == data["zaaktype"])
        basis = None
        if data["op_basis_van"]:
            bron = procesdefinitie_get(actor=actor, uuid=data["op_basis_van"])
            basis = bron.versies.filter(actief=True).first()
        try:
            versie = proces_create(
                actor=actor,
                zaaktype=zaaktype,
                naam=data["naam"],
                code=data["code"] or slugify(data["naam"])[:50],
                omschrijving=data["omschrijving"],
                op_basis_van=basis,
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request, _("Proces ‘%(naam)s’ is aangemaakt als concept.") % {"naam": data["naam"]}
            )
            return redirect("web:procesversie_detail", uuid=versie.uuid)
    status = 400 if form.errors else 200
    return render(request, "web/processen/nieuw.html", {"form": form}, status=status)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def proces_import_view(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    fouten: list[str] = []
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            if bestand.size > MAX_IMPORT_BYTES:
                raise ValueError(_("Het bestand is groter dan 1 MB."))
            data = json.loads(bestand.read().decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            fouten = [
                str(error)
                if isinstance(error, ValueError) and not isinstance(error, json.JSONDecodeError)
                else _("Dit is geen geldig JSON-bestand.")
            ]
        else:
            try:
                versie = proces_importeren(
                    request.actor,
                    request.actor.organisatie,
                    data,
                    publiceren=form.cleaned_data["publiceren"],
                )
            except ValidationError as error:
                fouten = _fouten_per_pad(error)
            else:
                messages.success(
                    request,
                    _("Versie %(n)s van proces ‘%(naam)s’ is geïmporteerd.")
                    % {"n": versie.versie, "naam": versie.definitie.naam},
                )
                return redirect("web:procesversie_detail", uuid=versie.uuid)
    status = 400 if (form.errors or fouten) else 200
    context = {"form": form, "fouten": fouten}
    return render(request, "web/processen/importeren.html", context, status=status)


def _fouten_per_pad(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    return [
        f"{pad}: {melding}" if pad else melding
        for pad, meldingen in error.message_dict.items()
        for melding in meldingen
    ]


# --- a process and its versions ---------------------------------------------------------------


@staff_required(roles=BEHEER)
@require_GET
def proces_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    definitie = procesdefinitie_get(actor=actor, uuid=uuid)
    versies = procesversies(actor=actor, definitie=definitie)
    context = {
        "definitie": definitie,
        "zaaktype": nieuwste_zaaktype(definitie),
        "versies": versies,
        "concept": next((r.versie for r in versies if r.versie.is_concept), None),
        "actief": next((r.versie for r in versies if r.versie.actief), None),
    }
    return render(request, "web/processen/detail.html", context)


@staff_required(roles=BEHEER)
@require_POST
def procesversie_concept_view(request: HttpRequest, uuid: str) -> HttpResponse:
    definitie = procesdefinitie_get(actor=request.actor, uuid=uuid)
    concept = procesversie_concept_maken(actor=request.actor, definitie=definitie)
    return redirect("web:procesversie_detail", uuid=concept.uuid)


@staff_required(roles=BEHEER)
@require_GET
def proces_export_view(request: HttpRequest, uuid: str) -> HttpResponse:
    versie = procesversie_get(actor=request.actor, uuid=uuid)
    inhoud = json.dumps(proces_exporteren(versie), ensure_ascii=False, indent=2)
    response = HttpResponse(inhoud, content_type="application/json; charset=utf-8")
    naam = f"proces-{versie.definitie.code}-v{versie.versie}.json"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


def _editor_context(request: HttpRequest, versie: ProcesVersie, **extra: Any) -> dict[str, Any]:
    zaaktype = nieuwste_zaaktype(versie.definitie)
    context = {
        "versie": versie,
        "definitie": versie.definitie,
        "zaaktype": zaaktype,
        "stappen": procesversie_stappen(actor=request.actor, versie=versie),
        "problemen": procesversie_problemen(versie) if versie.is_concept else [],
    }
    if versie.is_concept:
        context.setdefault("stap_form", StapForm(zaaktype=zaaktype))
        context.setdefault("publiceer_form", PubliceerForm())
    context.update(extra)
    return context


@staff_required(roles=BEHEER)
@require_GET
def procesversie_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    versie = procesversie_get(actor=request.actor, uuid=uuid)
    return render(request, "web/processen/versie.html", _editor_context(request, versie))


@staff_required(roles=BEHEER)
@require_POST
def processtap_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    versie = procesversie_get(actor=request.actor, uuid=uuid)
    form = StapForm(request.POST, zaaktype=nieuwste_zaaktype(versie.definitie))
    if form.is_valid():
        try:
            stap = processtap_add(actor=request.actor, versie=versie, **form.cleaned_data)
        except ValidationError as error:
            if not versie.is_concept:  # the page shows no step form for a published version
                messages.error(request, " ".join(error.messages))
                return redirect("web:procesversie_detail", uuid=versie.uuid)
            service_errors_add(form, error, field_map={"code": "naam"})
        else:
            messages.success(request, _("Stap ‘%(naam)s’ is toegevoegd.") % {"naam": stap.naam})
            return redirect(reverse("web:procesversie_detail", args=[versie.uuid]) + "#stappen")
    context = _editor_context(request, versie, stap_form=form)
    return render(request, "web/processen/versie.html", context, status=400)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def processtap_update_view(request: HttpRequest, uuid: str) -> HttpResponse:
    stap = processtap_get(actor=request.actor, uuid=uuid)
    zaaktype = nieuwste_zaaktype(stap.versie.definitie)
    initial = {
        "naam": stap.naam,
        "statustype_omschrijving": stap.statustype_omschrijving,
        "doorlooptijd_werkdagen": stap.doorlooptijd_werkdagen,
        "toelichting": stap.toelichting,
    }
    form = StapForm(request.POST or None, zaaktype=zaaktype, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            processtap_update(actor=request.actor, stap=stap, **form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Stap ‘%(naam)s’ is opgeslagen.") % form.cleaned_data)
            return redirect(
                reverse("web:procesversie_detail", args=[stap.versie.uuid]) + "#stappen"
            )
    status = 400 if form.errors else 200
    context = {"stap": stap, "versie": stap.versie, "form": form}
    return render(request, "web/processen/stap.html", context, status=status)


@staff_required(roles=BEHEER)
@require_POST
def processtap_move_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Up or down one place. htmx swaps the list of steps (the pressed button keeps focus: it
    has the same id in the new list); without JavaScript the page reloads at the step."""
    stap = processtap_get(actor=request.actor, uuid=uuid)
    versie = stap.versie
    richting = request.POST.get("richting", "")
    try:
        stap = processtap_move(actor=request.actor, stap=stap, richting=richting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:procesversie_detail", uuid=versie.uuid)
    melding = _("Stap ‘%(naam)s’ staat nu op plaats %(n)s.") % {
        "naam": stap.naam,
        "n": stap.volgnummer,
    }
    if wants_partial(request):
        context = _editor_context(request, versie, melding=melding)
        return render(request, "web/processen/_stappen.html", context)
    messages.success(request, melding)
    return redirect(reverse("web:procesversie_detail", args=[versie.uuid]) + f"#stap-{stap.uuid}")


@staff_required(roles=BEHEER)
@require_POST
def processtap_delete_view(request: HttpRequest, uuid: str) -> HttpResponse:
    stap = processtap_get(actor=request.actor, uuid=uuid)
    try:
        processtap_delete(actor=request.actor, stap=stap)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Stap ‘%(naam)s’ is verwijderd.") % {"naam": stap.naam})
    return redirect(reverse("web:procesversie_detail", args=[stap.versie.uuid]) + "#stappen")


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def procesactie_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Add an automatic action to a step. Choosing the kind re-renders the form with that
    kind's settings (htmx, or the 'Instellingen tonen' button without JavaScript)."""
    actor = request.actor
    stap = processtap_get(actor=actor, uuid=uuid)
    context_keuzes = keuze_context(stap.versie.definitie)
    data = request.POST if request.method == "POST" else request.GET
    soort = register.actie_soort_get(data.get("soort", ""))
    alleen_kiezen = request.method == "GET" or "soort_kiezen" in request.POST
    form = ActieForm(
        None if alleen_kiezen else request.POST,
        soort=soort,
        context=context_keuzes,
        initial={
            "trigger": data.get("trigger") or ActieTrigger.BIJ_START_STAP,
            "werkdagen": data.get("werkdagen") or None,
        },
    )
    if not alleen_kiezen and form.is_valid():
        try:
            procesactie_add(
                actor=actor,
                stap=stap,
                soort=form.cleaned_data["soort"],
                trigger=form.cleaned_data["trigger"],
                werkdagen=form.cleaned_data["werkdagen"],
                parameters=form.parameters(),
            )
        except ValidationError as error:
            service_errors_add(
                form, error, field_map={p.naam: f"p_{p.naam}" for p in soort.parameters}
            )
        else:
            messages.success(
                request, _("De actie is toegevoegd aan stap ‘%(naam)s’.") % {"naam": stap.naam}
            )
            return redirect(
                reverse("web:procesversie_detail", args=[stap.versie.uuid]) + f"#stap-{stap.uuid}"
            )
    status = 400 if form.errors else 200
    context = {"stap": stap, "versie": stap.versie, "form": form, "soort": soort}
    return render_page_or_partial(
        request, "web/processen/actie.html", "web/processen/_actie_form.html", context, status
    )


def _actie_initial(actie: ProcesActie) -> dict[str, Any]:
    """The form's starting values: the action as it is now."""
    initial: dict[str, Any] = {
        "soort": actie.soort,
        "trigger": actie.trigger,
        "werkdagen": actie.werkdagen,
    }
    initial.update({f"p_{naam}": waarde for naam, waarde in actie.parameters.items()})
    return initial


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def procesactie_update_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Change when an action happens and its settings (its kind stays), in a concept version:
    the same form and checks as adding one. An action of a published version is read-only;
    the page then offers a new concept version to change it in."""
    actor = request.actor
    actie = procesactie_get(actor=actor, uuid=uuid)
    stap, versie = actie.stap, actie.stap.versie
    soort = register.actie_soort_get(actie.soort)
    form = ActieForm(
        request.POST if request.method == "POST" else None,
        soort=soort,
        context=keuze_context(versie.definitie),
        initial=_actie_initial(actie),
    )
    form.fields["soort"].disabled = True
    if request.method == "POST" and soort is not None and form.is_valid():
        try:
            procesactie_update(
                actor=actor,
                actie=actie,
                trigger=form.cleaned_data["trigger"],
                werkdagen=form.cleaned_data["werkdagen"],
                parameters=form.parameters(),
            )
        except ValidationError as error:
            if not versie.is_concept:
                messages.error(request, " ".join(error.messages))
                return redirect("web:procesversie_detail", uuid=versie.uuid)
            service_errors_add(
                form, error, field_map={p.naam: f"p_{p.naam}" for p in soort.parameters}
            )
        else:
            messages.success(
                request, _("De actie in stap ‘%(naam)s’ is gewijzigd.") % {"naam": stap.naam}
            )
            return redirect(
                reverse("web:procesversie_detail", args=[versie.uuid]) + f"#stap-{stap.uuid}"
            )
    geweigerd = request.method == "POST" and (soort is None or not versie.is_concept)
    status = 400 if form.errors or geweigerd else 200
    context = {
        "stap": stap,
        "versie": versie,
        "actie": actie,
        "form": form,
        "soort": soort,
        "omschrijving": procesactie_omschrijving(actie),
    }
    return render(request, "web/processen/actie_wijzigen.html", context, status=status)


@staff_required(roles=BEHEER)
@require_POST
def procesactie_delete_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actie = procesactie_get(actor=request.actor, uuid=uuid)
    versie = actie.stap.versie
    try:
        procesactie_delete(actor=request.actor, actie=actie)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De actie is verwijderd."))
    return redirect(
        reverse("web:procesversie_detail", args=[versie.uuid]) + f"#stap-{actie.stap.uuid}"
    )


@staff_required(roles=BEHEER)
@require_POST
def procesversie_publish_view(request: HttpRequest, uuid: str) -> HttpResponse:
    versie = procesversie_get(actor=request.actor, uuid=uuid)
    form = PubliceerForm(request.POST)
    if form.is_valid():
        try:
            procesversie_publiceren(
                actor=request.actor, versie=versie, toelichting=form.cleaned_data["toelichting"]
            )
        except ValidationError as error:
            if not versie.is_concept:  # the page shows no publish form for a published version
                messages.error(request, " ".join(error.messages))
                return redirect("web:procesversie_detail", uuid=versie.uuid)
            service_errors_add(form, error)
        else:
            messages.success(
                request,
                _(
                    "Versie %(n)s is gepubliceerd: nieuwe zaken krijgen deze versie. Lopende "
                    "zaken houden hun versie tot je ze migreert."
                )
                % {"n": versie.versie},
            )
            return redirect("web:proces_detail", uuid=versie.definitie.uuid)
    context = _editor_context(request, versie, publiceer_form=form)
    return render(request, "web/processen/versie.html", context, status=400)


@staff_required(roles=BEHEER)
@require_POST
def procesversie_discard_view(request: HttpRequest, uuid: str) -> HttpResponse:
    versie = procesversie_get(actor=request.actor, uuid=uuid)
    definitie = versie.definitie
    try:
        procesversie_concept_verwijderen(actor=request.actor, versie=versie)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:procesversie_detail", uuid=versie.uuid)
    messages.success(request, _("Het concept is verwijderd."))
    if not definitie.versies.exists():  # the process went with its only version
        return redirect("web:processen")
    return redirect("web:proces_detail", uuid=definitie.uuid)


# --- migration --------------------------------------------------------------------------------


class MigratieForm(forms.Form):
    van = forms.ChoiceField(label=gettext_lazy("Zaken van versie"))
    toelichting = forms.CharField(
        label=gettext_lazy("Reden"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Komt in de historie van elke gemigreerde zaak."),
    )

    def __init__(
        self, *args: Any, naar: ProcesVersie, bronnen: list, van: ProcesVersie | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["van"].choices = [("", _("Kies een versie"))] + [
            (
                str(r.versie.uuid),
                _("Versie %(n)s (%(z)s lopende zaken)")
                % {"n": r.versie.versie, "z": r.lopende_zaken},
            )
            for r in bronnen
        ]
        self.doelen = list(naar.stappen.order_by("volgnummer"))
        self.bron_stappen = list(van.stappen.order_by("volgnummer")) if van else []
        keuzes = [("", _("Kies een stap"))] + [
            (s.code, f"{s.volgnummer}. {s.naam}") for s in self.doelen
        ]
        codes = {s.code for s in self.doelen}
        for stap in self.bron_stappen:
            self.fields[f"naar_{stap.code}"] = forms.ChoiceField(
                label=_("Zaken in stap ‘%(stap)s’ gaan naar") % {"stap": stap.naam},
                choices=keuzes,
                required=False,
                initial=stap.code if stap.code in codes else "",
            )

    def mapping(self) -> dict[str, str]:
        return {
            s.code: self.cleaned_data[f"naar_{s.code}"]
            for s in self.bron_stappen
            if self.cleaned_data.get(f"naar_{s.code}")
        }

    def stap_velden(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if n.startswith("naar_")]


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def proces_migrate_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Move the running cases of an older version to this (published) version."""
    actor = request.actor
    naar = procesversie_get(actor=actor, uuid=uuid)
    bronnen = [
        r
        for r in procesversies(actor=actor, definitie=naar.definitie)
        if r.versie.pk != naar.pk and r.lopende_zaken and not r.versie.is_concept
    ]
    data = request.POST if request.method == "POST" else request.GET
    van = next((r.versie for r in bronnen if str(r.versie.uuid) == data.get("van")), None)
    alleen_kiezen = request.method == "GET" or "van_kiezen" in request.POST
    form = MigratieForm(
        None if alleen_kiezen else request.POST,
        naar=naar,
        bronnen=bronnen,
        van=van,
        initial={"van": str(van.uuid) if van else ""},
    )
    niet_gepubliceerd = naar.status != ProcesVersieStatus.GEPUBLICEERD
    if not niet_gepubliceerd and not alleen_kiezen and form.is_valid():
        try:
            resultaat = proces_migreren(
                actor=actor,
                naar_versie=naar,
                van_versie=van,
                stap_mapping=form.mapping(),
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request,
                _("%(n)s zaken zijn gemigreerd naar versie %(v)s.")
                % {"n": resultaat.aantal, "v": naar.versie},
            )
            return redirect("web:proces_detail", uuid=naar.definitie.uuid)
    # Migrating goes to a published version only; a concept's page says so (a POST: 400).
    geweigerd = niet_gepubliceerd and request.method == "POST"
    status = 400 if form.errors or geweigerd else 200
    context = {
        "naar": naar,
        "definitie": naar.definitie,
        "niet_gepubliceerd": niet_gepubliceerd,
        "form": form,
        "van": van,
        "bronnen": bronnen,
    }
    return render_page_or_partial(
        request,
        "web/processen/migreren.html",
        "web/processen/_migratie_stappen.html",
        context,
        status,
    )


urlpatterns = [
    path("processen/", processen_view, name="processen"),
    path("processen/nieuw/", proces_create_view, name="proces_create"),
    path("processen/importeren/", proces_import_view, name="proces_import"),
    path("processen/<uuid:uuid>/", proces_detail_view, name="proces_detail"),
    path("processen/<uuid:uuid>/concept/", procesversie_concept_view, name="procesversie_concept"),
    path("processen/versies/<uuid:uuid>/", procesversie_detail_view, name="procesversie_detail"),
    path("processen/versies/<uuid:uuid>/export/", proces_export_view, name="proces_export"),
    path(
        "processen/versies/<uuid:uuid>/stappen/nieuw/", processtap_add_view, name="processtap_add"
    ),
    path(
        "processen/versies/<uuid:uuid>/publiceren/",
        procesversie_publish_view,
        name="procesversie_publish",
    ),
    path(
        "processen/versies/<uuid:uuid>/verwijderen/",
        procesversie_discard_view,
        name="procesversie_discard",
    ),
    path("processen/versies/<uuid:uuid>/migreren/", proces_migrate_view, name="proces_migrate"),
    path("processen/stappen/<uuid:uuid>/", processtap_update_view, name="processtap_update"),
    path(
        "processen/stappen/<uuid:uuid>/verplaatsen/", processtap_move_view, name="processtap_move"
    ),
    path(
        "processen/stappen/<uuid:uuid>/verwijderen/",
        processtap_delete_view,
        name="processtap_delete",
    ),
    path(
        "processen/stappen/<uuid:uuid>/acties/nieuw/", procesactie_add_view, name="procesactie_add"
    ),
    path("processen/acties/<uuid:uuid>/", procesactie_update_view, name="procesactie_update"),
    path(
        "processen/acties/<uuid:uuid>/verwijderen/",
        procesactie_delete_view,
        name="procesactie_delete",
    ),
    path("zaken/<uuid:uuid>/proces/", zaak_proces_view, name="zaak_proces"),
    path("zaken/<uuid:uuid>/proces/stap/", zaak_processtap_view, name="zaak_processtap"),
]
