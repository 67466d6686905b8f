"""Letters in the staff UI.

For the functional administrator: the list of templates, the editor with a live preview (htmx:
typing re-renders the letter with fictitious data or with a case the administrator may see),
the version history, and the letterhead. For the medewerker: the letters of a case with their
delivery status, "Brief versturen" on a case (template, recipient, channel, preview, send), and
the print queue. Teamleiders and auditors get a 403 everywhere.

The preview is the letter's own HTML document in an `<iframe srcdoc>`: exactly what WeasyPrint
turns into the PDF, kept apart from the page's own styles and scripts.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.selectors import zaak_get
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.messaging.models import (
    Briefhoofd,
    BriefSjabloon,
    Kanaal,
    SjabloonSoort,
    Verzending,
    VerzendStatus,
)
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.messaging.samenvoegvelden import (
    merge_context,
    merge_field_groups,
    voorbeeld_context,
)
from raadhuis.kernel.messaging.selectors import (
    brieven_for_zaak,
    printwachtrij,
    printwachtrij_pdf,
    sjablonen_bruikbaar,
    sjablonen_zoeken,
    sjabloon_categorieen,
    sjabloon_get,
    sjabloon_versies,
    sjabloon_versies_vergelijken,
    voorbeeldzaak_get,
    voorbeeldzaken,
)
from raadhuis.kernel.messaging.services import (
    BRIEFHOOFD_VELDEN,
    brief_render_html,
    brief_send,
    briefhoofd_update,
    briefhoofd_voor,
    logo_check,
    sjabloon_active_set,
    sjabloon_create,
    sjabloon_indeling_set,
    sjabloon_update,
    sjabloon_versie_restore,
    verzending_retry,
    verzendingen_printed,
)
from raadhuis.kernel.messaging.sjablonen import SjabloonTekst
from raadhuis.kernel.messaging.uitwisseling import (
    MAX_BYTES,
    export_json,
    sjablonen_export,
    sjablonen_import,
)
from raadhuis.kernel.organisations.models import Rol
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import render_page_or_partial, safe_next

BEHEER = [Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER]
MEDEWERKER = [Rol.MEDEWERKER]
GET_POST = ["GET", "POST"]
FICTIEF = ""
ANDERE_ONTVANGER = "anders"


# --- forms ----------------------------------------------------------------------------------
class SjabloonForm(forms.Form):
    naam = forms.CharField(label=gettext_lazy("Naam"), max_length=200)
    onderwerp = forms.CharField(
        label=gettext_lazy("Onderwerp"),
        max_length=300,
        help_text=gettext_lazy("Mag samenvoegvelden bevatten, zoals {{ zaak.identificatie }}."),
    )
    inhoud = forms.CharField(
        label=gettext_lazy("Tekst van de brief (HTML)"),
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "true", "class": "rh-code"}),
        help_text=gettext_lazy(
            "HTML met samenvoegvelden tussen {{ }} en opdrachten als {% if %} en {% for %}. "
            "Aanhef, adres, datum, kenmerk en ondertekening zet het briefhoofd er zelf bij."
        ),
    )
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        choices=SjabloonSoort.choices,
        initial=SjabloonSoort.BRIEF,
        help_text=gettext_lazy(
            "Brief en offerte worden een PDF; een e-mail wordt de tekst van het bericht."
        ),
    )
    categorie = forms.CharField(
        label=gettext_lazy("Categorie"),
        required=False,
        max_length=60,
        help_text=gettext_lazy("Om sjablonen te groeperen, bijvoorbeeld ‘Klachten’."),
        widget=forms.TextInput(attrs={"list": "sjabloon-categorieen", "autocomplete": "off"}),
    )
    toelichting = forms.CharField(
        label=gettext_lazy("Wat is er veranderd?"), required=False, max_length=300
    )
    voorbeeld = forms.ChoiceField(
        label=gettext_lazy("Voorbeeldgegevens"),
        required=False,
        help_text=gettext_lazy("Het voorbeeld toont de brief met deze gegevens."),
    )

    def __init__(self, *args: Any, voorbeeldkeuzes: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "sjabloon_%s")
        super().__init__(*args, **kwargs)
        self.fields["voorbeeld"].choices = voorbeeldkeuzes
        if self.is_bound and "soort" not in self.data:
            # A post without the kind (an older client) keeps the template's kind.
            self.data = self.data.copy()
            self.data["soort"] = self.initial.get("soort") or SjabloonSoort.BRIEF


class SjabloonNieuwForm(SjabloonForm):
    code = forms.SlugField(
        label=gettext_lazy("Code"),
        max_length=60,
        help_text=gettext_lazy(
            "Kleine letters, cijfers en streepjes; hiermee kiezen processen en modules het "
            "sjabloon (bijvoorbeeld ‘uitnodiging-gesprek’)."
        ),
    )
    field_order = ["code", "naam", "soort", "categorie", "onderwerp", "inhoud", "voorbeeld"]


class SjabloonFilterForm(forms.Form):
    """The filters of the template library (GET)."""

    zoek = forms.CharField(
        label=gettext_lazy("Zoek op naam of code"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        required=False,
        choices=[("", gettext_lazy("Alle soorten")), *SjabloonSoort.choices],
    )
    categorie = forms.ChoiceField(label=gettext_lazy("Categorie"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("Actief en niet actief")),
            ("actief", gettext_lazy("Alleen actief")),
            ("inactief", gettext_lazy("Alleen niet actief")),
        ],
    )

    def __init__(self, *args: Any, categorieen: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["categorie"].choices = [
            ("", _("Alle categorieën")),
            *((c, c) for c in categorieen),
        ]


class SjabloonImportForm(forms.Form):
    bestand = forms.FileField(
        label=gettext_lazy("Exportbestand (JSON)"),
        required=False,
        help_text=gettext_lazy("Een bestand dat met ‘Exporteren’ is gemaakt, hoogstens 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    # After a clean dry run the checked file travels along, so it need not be chosen again.
    inhoud = forms.CharField(required=False, widget=forms.HiddenInput)
    bestandsnaam = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "import_%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        bestand = data.get("bestand")
        if bestand:
            if bestand.size > MAX_BYTES:
                self.add_error("bestand", _("Het bestand is groter dan 10 MB."))
                return data
            data["inhoud"] = bestand.read()
            data["bestandsnaam"] = bestand.name
        elif not data.get("inhoud"):
            self.add_error("bestand", _("Kies het exportbestand."))
        return data


class BriefhoofdForm(forms.ModelForm):
    class Meta:
        model = Briefhoofd
        fields = list(BRIEFHOOFD_VELDEN)
        widgets = {
            "logo_svg": forms.Textarea(attrs={"rows": 5, "class": "rh-code"}),
            "afzender": forms.Textarea(attrs={"rows": 4}),
            "ondertekening": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "briefhoofd_%s")
        super().__init__(*args, **kwargs)

    def clean_logo_svg(self) -> str:
        try:
            return logo_check(self.cleaned_data.get("logo_svg") or "")
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["logo_svg"]) from error


class BriefVersturenForm(forms.Form):
    sjabloon = forms.ChoiceField(label=gettext_lazy("Sjabloon"))
    ontvanger = forms.ChoiceField(label=gettext_lazy("Ontvanger"), widget=forms.RadioSelect)
    ontvanger_naam = forms.CharField(label=gettext_lazy("Naam"), required=False, max_length=400)
    ontvanger_adres = forms.CharField(
        label=gettext_lazy("Adres"),
        required=False,
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Eén regel per regel, zoals op de envelop."),
    )
    ontvanger_email = forms.EmailField(label=gettext_lazy("E-mailadres"), required=False)
    kanaal = forms.ChoiceField(
        label=gettext_lazy("Versturen per"), choices=Kanaal.choices, widget=forms.RadioSelect
    )
    tekst = forms.CharField(
        label=gettext_lazy("Tekst"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Komt in de brief waar het sjabloon {{ brief.tekst }} heeft."),
    )
    reden = forms.CharField(
        label=gettext_lazy("Reden"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Voor de historie van de zaak."),
    )

    def __init__(
        self,
        *args: Any,
        sjablonen: list[tuple[str, str]],
        ontvangers: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "brief_%s")
        super().__init__(*args, **kwargs)
        self.fields["sjabloon"].choices = sjablonen
        self.fields["ontvanger"].choices = ontvangers


# --- helpers ----------------------------------------------------------------------------------
def _voorbeeldkeuzes(request: HttpRequest) -> list[tuple[str, str]]:
    keuzes = [(FICTIEF, _("Fictieve gegevens"))]
    for zaak in voorbeeldzaken(actor=request.actor):
        keuzes.append((str(zaak.uuid), f"{zaak.identificatie} · {zaak.zaaktype.omschrijving}"))
    return keuzes


def _voorbeeld_context(request: HttpRequest, keuze: str) -> dict[str, Any]:
    if keuze:
        try:
            return merge_context(voorbeeldzaak_get(actor=request.actor, uuid=keuze))
        except NietGevonden:
            pass
    return voorbeeld_context(request.actor.organisatie)


def _fouten(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for berichten in error.message_dict.values() for m in berichten]
    return list(error.messages)


def _voorbeeld(
    request: HttpRequest,
    tekst: SjabloonTekst,
    context: dict[str, Any],
    briefhoofd: Briefhoofd | None = None,
) -> dict[str, Any]:
    """{"html": the letter document} or {"fouten": Dutch messages}."""
    try:
        html = brief_render_html(
            tekst,
            context,
            organisatie=request.actor.organisatie,
            briefhoofd=briefhoofd,
            voor_scherm=True,
        )
    except ValidationError as error:
        return {"fouten": _fouten(error)}
    return {"html": html}


def _render_voorbeeld(request: HttpRequest, voorbeeld: dict[str, Any]) -> HttpResponse:
    return render(request, "web/brieven/_voorbeeld.html", {"voorbeeld": voorbeeld})


# --- templates (functioneel beheerder) --------------------------------------------------------
PER_PAGINA = 25
BRIEFSOORTEN = (SjabloonSoort.BRIEF, SjabloonSoort.OFFERTE)


def _bibliotheek(request: HttpRequest) -> tuple[SjabloonFilterForm, Any]:
    """The filter form and the filtered templates (a queryset) of the library."""
    actor = request.actor
    form = SjabloonFilterForm(request.GET or None, categorieen=sjabloon_categorieen(actor=actor))
    criteria = form.cleaned_data if form.is_bound and form.is_valid() else {}
    status = criteria.get("status")
    qs = sjablonen_zoeken(
        actor=actor,
        soort=criteria.get("soort") or None,
        categorie=criteria.get("categorie") or None,
        zoek=criteria.get("zoek") or "",
        actief={"actief": True, "inactief": False}.get(status or ""),
    ).select_related("huidige_versie")
    return form, qs


@staff_required(roles=BEHEER)
@require_GET
def sjablonen_view(request: HttpRequest) -> HttpResponse:
    form, qs = _bibliotheek(request)
    page = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    filters = request.GET.copy()
    filters.pop("pagina", None)
    context = {
        "form": form,
        "page": page,
        "sjablonen": page.object_list,
        "totaal": page.paginator.count,
        "gefilterd": any(v for k, v in request.GET.items() if k != "pagina"),
        "filters": filters.urlencode(),
    }
    return render_page_or_partial(
        request, "web/brieven/sjablonen.html", "web/brieven/_bibliotheek.html", context
    )


@staff_required(roles=BEHEER)
@require_POST
def sjabloon_actief_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Switch a template on or off (audited); back to the library with its filters."""
    sjabloon = sjabloon_get(actor=request.actor, uuid=uuid)
    actief = request.POST.get("actief") == "1"
    sjabloon_active_set(actor=request.actor, sjabloon=sjabloon, actief=actief)
    tekst = (
        _("Sjabloon ‘%(naam)s’ is weer actief.")
        if actief
        else _("Sjabloon ‘%(naam)s’ is niet meer actief; medewerkers kunnen het niet kiezen.")
    )
    messages.success(request, tekst % {"naam": sjabloon.naam})
    return redirect(safe_next(request, reverse("web:brieven_sjablonen")))


@staff_required(roles=BEHEER)
@require_GET
def sjablonen_export_view(request: HttpRequest) -> HttpResponse:
    """The library (the filtered set when filters are given) as a JSON download."""
    _form, qs = _bibliotheek(request)
    document = sjablonen_export(request.actor, qs)
    datum = timezone.localdate().isoformat()
    response = HttpResponse(export_json(document), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="briefsjablonen-{datum}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def sjablonen_import_view(request: HttpRequest) -> HttpResponse:
    """Upload an export: 'Controleren' is a dry run with the per-template report; 'Inlezen'
    reads all or nothing."""
    form = SjabloonImportForm(request.POST or None, request.FILES or None)
    rapport = None
    status = 200
    if request.method == "POST" and form.is_valid():
        inhoud = form.cleaned_data["inhoud"]
        proef = request.POST.get("actie") != "inlezen"
        rapport = sjablonen_import(
            actor=request.actor,
            inhoud=inhoud,
            bestandsnaam=form.cleaned_data["bestandsnaam"] or "",
            proef=proef,
        )
        if rapport.toegepast:
            messages.success(request, rapport.samenvatting())
            return redirect("web:brieven_sjablonen")
        if rapport.heeft_fouten:
            status = 400
        else:
            tekst = inhoud.decode("utf-8") if isinstance(inhoud, bytes) else inhoud
            form = SjabloonImportForm(
                initial={"inhoud": tekst, "bestandsnaam": form.cleaned_data["bestandsnaam"]}
            )
    elif form.is_bound:
        status = 400
    context = {"form": form, "rapport": rapport}
    return render(request, "web/brieven/sjablonen_import.html", context, status=status)


def _editor(
    request: HttpRequest, form: SjabloonForm, sjabloon: BriefSjabloon | None, status: int = 200
) -> HttpResponse:
    data = form.data if form.is_bound else form.initial
    tekst = SjabloonTekst(
        onderwerp=data.get("onderwerp") or "",
        inhoud=data.get("inhoud") or "",
        naam=data.get("naam") or "",
    )
    context = {
        "form": form,
        "sjabloon": sjabloon,
        "categorieen": sjabloon_categorieen(actor=request.actor),
        "groepen": merge_field_groups(),
        "voorbeeld": _voorbeeld(request, tekst, _voorbeeld_context(request, data.get("voorbeeld"))),
    }
    return render(request, "web/brieven/sjabloon.html", context, status=status)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def sjabloon_create_view(request: HttpRequest) -> HttpResponse:
    keuzes = _voorbeeldkeuzes(request)
    form = SjabloonNieuwForm(
        request.POST or None,
        voorbeeldkeuzes=keuzes,
        initial={"inhoud": "<p>{{ ontvanger.aanhef }}</p>\n<p></p>\n"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sjabloon = sjabloon_create(
                actor=request.actor,
                code=data["code"],
                naam=data["naam"],
                onderwerp=data["onderwerp"],
                inhoud=data["inhoud"],
                toelichting=data["toelichting"],
                soort=data["soort"],
                categorie=data["categorie"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Sjabloon ‘%(naam)s’ is aangemaakt.") % {"naam": sjabloon})
            return redirect("web:brieven_sjabloon", uuid=sjabloon.uuid)
    return _editor(request, form, None, status=400 if form.is_bound and form.errors else 200)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def sjabloon_edit_view(request: HttpRequest, uuid: str) -> HttpResponse:
    sjabloon = sjabloon_get(actor=request.actor, uuid=uuid)
    versie = sjabloon.huidige_versie
    initial = (
        {"naam": versie.naam, "onderwerp": versie.onderwerp, "inhoud": versie.inhoud}
        if versie
        else {"naam": sjabloon.naam}
    )
    initial.update(soort=sjabloon.soort, categorie=sjabloon.categorie)
    form = SjabloonForm(
        request.POST or None, voorbeeldkeuzes=_voorbeeldkeuzes(request), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        indeling_voor = (sjabloon.soort, sjabloon.categorie)
        try:
            sjabloon = sjabloon_indeling_set(
                actor=request.actor,
                sjabloon=sjabloon,
                soort=data["soort"],
                categorie=data["categorie"],
            )
            nieuw = sjabloon_update(
                actor=request.actor,
                sjabloon=sjabloon,
                naam=data["naam"],
                onderwerp=data["onderwerp"],
                inhoud=data["inhoud"],
                toelichting=data["toelichting"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            if versie is not None and nieuw.pk == versie.pk:
                if indeling_voor != (sjabloon.soort, sjabloon.categorie):
                    messages.success(
                        request, _("Soort en categorie zijn opgeslagen; de tekst bleef gelijk.")
                    )
                else:
                    messages.info(request, _("Er was niets veranderd; de versie blijft dezelfde."))
            else:
                messages.success(
                    request, _("Versie %(versie)s is opgeslagen.") % {"versie": nieuw.versie}
                )
            return redirect("web:brieven_sjabloon", uuid=sjabloon.uuid)
    return _editor(request, form, sjabloon, status=400 if form.is_bound and form.errors else 200)


@staff_required(roles=BEHEER)
@require_POST
def sjabloon_voorbeeld_view(request: HttpRequest) -> HttpResponse:
    """The live preview of the editor (htmx): the letter as typed, or its errors."""
    tekst = SjabloonTekst(
        onderwerp=request.POST.get("onderwerp", ""),
        inhoud=request.POST.get("inhoud", ""),
        naam=request.POST.get("naam", ""),
    )
    context = _voorbeeld_context(request, request.POST.get("voorbeeld", ""))
    return _render_voorbeeld(request, _voorbeeld(request, tekst, context))


@staff_required(roles=BEHEER)
@require_GET
def sjabloon_versies_view(request: HttpRequest, uuid: str) -> HttpResponse:
    sjabloon = sjabloon_get(actor=request.actor, uuid=uuid)
    versies = list(sjabloon_versies(actor=request.actor, sjabloon=sjabloon))
    gekozen = versies[0] if versies else None
    if request.GET.get("versie", "").isdigit():
        gekozen = next((v for v in versies if v.versie == int(request.GET["versie"])), gekozen)
    voorbeeld = (
        _voorbeeld(
            request,
            SjabloonTekst(gekozen.onderwerp, gekozen.inhoud, gekozen.naam),
            voorbeeld_context(request.actor.organisatie),
        )
        if gekozen
        else None
    )
    context = {
        "sjabloon": sjabloon,
        "versies": versies,
        "gekozen": gekozen,
        "voorbeeld": voorbeeld,
        "vergelijk_van": versies[1].versie if len(versies) > 1 else None,
        "vergelijk_naar": versies[0].versie if versies else None,
    }
    return render(request, "web/brieven/versies.html", context)


def _versienummer(waarde: str | None) -> int | None:
    return int(waarde) if waarde and waarde.isdigit() and len(waarde) < 9 else None


@staff_required(roles=BEHEER)
@require_GET
def sjabloon_vergelijken_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """What changed between two versions (?van=1&naar=3): name, subject and body, line by
    line with the changed words marked. Default: the previous version against the current."""
    sjabloon = sjabloon_get(actor=request.actor, uuid=uuid)
    nummers = list(sjabloon.versies.order_by("-versie").values_list("versie", flat=True))
    naar = _versienummer(request.GET.get("naar")) or (nummers[0] if nummers else 0)
    van = _versienummer(request.GET.get("van")) or (nummers[1] if len(nummers) > 1 else naar)
    try:
        oud, nieuw, vergelijking = sjabloon_versies_vergelijken(
            actor=request.actor, sjabloon=sjabloon, van=van, naar=naar
        )
    except NietGevonden as error:
        raise Http404(_("Onbekende versie.")) from error
    context = {
        "sjabloon": sjabloon,
        "oud": oud,
        "nieuw": nieuw,
        "vergelijking": vergelijking,
        "nummers": nummers,
    }
    return render(request, "web/brieven/vergelijken.html", context)


@staff_required(roles=BEHEER)
@require_POST
def sjabloon_versie_restore_view(request: HttpRequest, uuid: str, versie: int) -> HttpResponse:
    sjabloon = sjabloon_get(actor=request.actor, uuid=uuid)
    oud = sjabloon.versies.filter(versie=versie).first()
    if oud is None:
        raise Http404(_("Onbekende versie."))
    try:
        nieuw = sjabloon_versie_restore(actor=request.actor, sjabloon=sjabloon, versie=oud)
    except ValidationError as error:
        messages.error(request, " ".join(_fouten(error)))
    else:
        messages.success(
            request,
            _("Versie %(oud)s is teruggezet als versie %(nieuw)s.")
            % {"oud": oud.versie, "nieuw": nieuw.versie},
        )
    return redirect("web:brieven_sjabloon", uuid=sjabloon.uuid)


def _briefhoofd_voorbeeld(request: HttpRequest, form: BriefhoofdForm) -> dict[str, Any]:
    hoofd = briefhoofd_voor(request.actor.organisatie)
    data = form.data if form.is_bound else {}
    for veld in BRIEFHOOFD_VELDEN:
        if veld in data:
            setattr(hoofd, veld, data.get(veld) or "")
    try:
        hoofd.logo_svg = logo_check(hoofd.logo_svg)
    except ValidationError as error:
        return {"fouten": _fouten(error)}
    sjabloon = sjablonen_bruikbaar(actor=request.actor).first()
    versie = sjabloon.huidige_versie if sjabloon else None
    tekst = (
        SjabloonTekst(versie.onderwerp, versie.inhoud, versie.naam)
        if versie
        else SjabloonTekst(_("Voorbeeld"), "<p>{{ ontvanger.aanhef }}</p>")
    )
    return _voorbeeld(request, tekst, voorbeeld_context(request.actor.organisatie), hoofd)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def briefhoofd_view(request: HttpRequest) -> HttpResponse:
    hoofd = briefhoofd_voor(request.actor.organisatie)
    form = BriefhoofdForm(request.POST or None, instance=hoofd)
    if request.method == "POST" and form.is_valid():
        try:
            briefhoofd_update(
                actor=request.actor, **{v: form.cleaned_data[v] for v in BRIEFHOOFD_VELDEN}
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Het briefhoofd is opgeslagen."))
            return redirect("web:brieven_briefhoofd")
    context = {"form": form, "voorbeeld": _briefhoofd_voorbeeld(request, form)}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "web/brieven/briefhoofd.html", context, status=status)


@staff_required(roles=BEHEER)
@require_POST
def briefhoofd_voorbeeld_view(request: HttpRequest) -> HttpResponse:
    form = BriefhoofdForm(request.POST, instance=briefhoofd_voor(request.actor.organisatie))
    return _render_voorbeeld(request, _briefhoofd_voorbeeld(request, form))


# --- letters on a case (medewerker) -----------------------------------------------------------
@staff_required(roles=MEDEWERKER)
@require_GET
def zaak_brieven_view(request: HttpRequest, uuid: str) -> HttpResponse:
    zaak = zaak_get(actor=request.actor, uuid=uuid)
    context = {"zaak": zaak, "brieven": brieven_for_zaak(actor=request.actor, zaak=zaak)}
    return render(request, "web/brieven/zaak_brieven.html", context)


def _ontvanger_keuzes(zaak: Zaak) -> tuple[list[tuple[str, str]], dict[str, Ontvanger]]:
    keuzes: list[tuple[str, str]] = []
    ontvangers: dict[str, Ontvanger] = {}
    for rol in zaak.rollen.all():
        if rol.partij is None or str(rol.partij.uuid) in ontvangers:
            continue
        ontvanger = Ontvanger.van_partij(rol.partij)
        ontvangers[str(rol.partij.uuid)] = ontvanger
        bereik = [ontvanger.email] if ontvanger.email else []
        bereik += [", ".join(ontvanger.adresregels)] if ontvanger.adresregels else []
        label = f"{ontvanger.naam} ({rol.roltype.omschrijving})"
        keuzes.append(
            (str(rol.partij.uuid), label + (f" · {' · '.join(bereik)}" if bereik else ""))
        )
    keuzes.append((ANDERE_ONTVANGER, _("Andere ontvanger (vul hieronder in)")))
    return keuzes, ontvangers


def _gekozen_ontvanger(data: dict[str, Any], ontvangers: dict[str, Ontvanger]) -> Ontvanger:
    keuze = data.get("ontvanger") or ""
    if keuze in ontvangers:
        return ontvangers[keuze]
    regels = tuple(r.strip() for r in (data.get("ontvanger_adres") or "").splitlines() if r.strip())
    return Ontvanger(
        naam=(data.get("ontvanger_naam") or "").strip(),
        adresregels=regels,
        email=(data.get("ontvanger_email") or "").strip(),
    )


def _brief_form(request: HttpRequest, zaak: Zaak) -> tuple[BriefVersturenForm, dict]:
    # A letter on a case is a PDF: e-mail templates (a message body) are for mailings.
    bruikbaar = sjablonen_bruikbaar(actor=request.actor).filter(soort__in=BRIEFSOORTEN)
    sjablonen = [(s.code, s.naam) for s in bruikbaar]
    keuzes, ontvangers = _ontvanger_keuzes(zaak)
    eerste = next(iter(ontvangers.values()), None)
    initial = {
        "sjabloon": sjablonen[0][0] if sjablonen else "",
        "ontvanger": keuzes[0][0],
        "kanaal": Kanaal.EMAIL if eerste is not None and eerste.email else Kanaal.POST,
    }
    form = BriefVersturenForm(
        request.POST or None, sjablonen=sjablonen, ontvangers=keuzes, initial=initial
    )
    return form, ontvangers


def _brief_voorbeeld(
    request: HttpRequest, zaak: Zaak, data: dict[str, Any], ontvangers: dict[str, Ontvanger]
) -> dict[str, Any]:
    sjabloon = sjablonen_bruikbaar(actor=request.actor).filter(code=data.get("sjabloon")).first()
    if sjabloon is None:
        return {"fouten": [_("Kies een sjabloon.")]}
    ontvanger = _gekozen_ontvanger(data, ontvangers)
    context = merge_context(
        zaak, ontvanger=ontvanger, extra={"brief": {"tekst": data.get("tekst") or ""}}
    )
    return _voorbeeld(request, sjabloon.huidige_versie, context)


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def zaak_brief_create_view(request: HttpRequest, uuid: str) -> HttpResponse:
    zaak = zaak_get(actor=request.actor, uuid=uuid)
    form, ontvangers = _brief_form(request, zaak)
    if request.method == "POST" and request.POST.get("actie") != "voorbeeld" and form.is_valid():
        data = form.cleaned_data
        try:
            brief = brief_send(
                request.actor,
                zaak=zaak,
                sjabloon_code=data["sjabloon"],
                ontvanger=_gekozen_ontvanger(data, ontvangers),
                kanaal=data["kanaal"],
                extra_context={"brief": {"tekst": data["tekst"]}},
                reden=data["reden"],
            )
        except ValidationError as error:
            service_errors_add(
                form,
                error,
                {"ontvanger_naam": "ontvanger_naam", "inhoud": "sjabloon", "onderwerp": "sjabloon"},
            )
        else:
            if brief.kanaal == Kanaal.POST:
                tekst = _("De brief ‘%(onderwerp)s’ staat klaar voor print.")
            else:
                tekst = _("De brief ‘%(onderwerp)s’ is per e-mail verstuurd aan %(email)s.")
                verzending = brief.verzendingen.order_by("-id").first()
                if verzending is not None and verzending.status != VerzendStatus.VERZONDEN:
                    tekst = _(
                        "De brief ‘%(onderwerp)s’ staat in de wachtrij voor e-mail aan "
                        "%(email)s; hij wordt opnieuw geprobeerd."
                    )
            messages.success(
                request, tekst % {"onderwerp": brief.onderwerp, "email": brief.ontvanger_email}
            )
            return redirect("web:zaak_brieven", uuid=zaak.uuid)
    data = form.data if form.is_bound else form.initial
    context = {
        "zaak": zaak,
        "form": form,
        "voorbeeld": _brief_voorbeeld(request, zaak, data, ontvangers),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "web/brieven/versturen.html", context, status=status)


@staff_required(roles=MEDEWERKER)
@require_POST
def zaak_brief_voorbeeld_view(request: HttpRequest, uuid: str) -> HttpResponse:
    zaak = zaak_get(actor=request.actor, uuid=uuid, doel="Brief versturen")
    _form, ontvangers = _brief_form(request, zaak)
    return _render_voorbeeld(request, _brief_voorbeeld(request, zaak, request.POST, ontvangers))


@staff_required(roles=MEDEWERKER)
@require_POST
def verzending_retry_view(request: HttpRequest, uuid: str, verzending: str) -> HttpResponse:
    zaak = zaak_get(actor=request.actor, uuid=uuid)
    gevonden = Verzending.objects.filter(uuid=verzending, brief__zaak=zaak).first()
    if gevonden is None:
        raise Http404(_("Verzending niet gevonden."))
    try:
        verzending_retry(actor=request.actor, verzending=gevonden)
    except ValidationError as error:
        messages.error(request, " ".join(_fouten(error)))
    else:
        messages.success(request, _("De e-mail is opnieuw aangeboden."))
    return redirect("web:zaak_brieven", uuid=zaak.uuid)


# --- the print queue (medewerker) --------------------------------------------------------------
@staff_required(roles=MEDEWERKER)
@require_GET
def printwachtrij_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/brieven/printwachtrij.html", {"wachtrij": printwachtrij(actor=request.actor)}
    )


@staff_required(roles=MEDEWERKER)
@require_POST
def printwachtrij_pdf_view(request: HttpRequest) -> HttpResponse:
    pdf, verzendingen = printwachtrij_pdf(
        actor=request.actor, uuids=request.POST.getlist("verzending")
    )
    if not verzendingen:
        messages.error(request, _("Kies de brieven die je wilt printen."))
        return redirect("web:brieven_printwachtrij")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="printwachtrij.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required(roles=MEDEWERKER)
@require_POST
def printwachtrij_geprint_view(request: HttpRequest) -> HttpResponse:
    aantal = verzendingen_printed(actor=request.actor, uuids=request.POST.getlist("verzending"))
    if aantal:
        messages.success(
            request,
            ngettext(
                "%(aantal)d brief is als geprint gemarkeerd.",
                "%(aantal)d brieven zijn als geprint gemarkeerd.",
                aantal,
            )
            % {"aantal": aantal},
        )
    else:
        messages.error(request, _("Kies de brieven die geprint zijn."))
    return redirect("web:brieven_printwachtrij")


urlpatterns = [
    path("brieven/sjablonen/", sjablonen_view, name="brieven_sjablonen"),
    path("brieven/sjablonen/nieuw/", sjabloon_create_view, name="brieven_sjabloon_nieuw"),
    path("brieven/sjablonen/export/", sjablonen_export_view, name="brieven_sjablonen_export"),
    path("brieven/sjablonen/import/", sjablonen_import_view, name="brieven_sjablonen_import"),
    path(
        "brieven/sjablonen/voorbeeld/", sjabloon_voorbeeld_view, name="brieven_sjabloon_voorbeeld"
    ),
    path("brieven/sjablonen/<uuid:uuid>/", sjabloon_edit_view, name="brieven_sjabloon"),
    path(
        "brieven/sjablonen/<uuid:uuid>/versies/",
        sjabloon_versies_view,
        name="brieven_sjabloon_versies",
    ),
    path(
        "brieven/sjablonen/<uuid:uuid>/vergelijken/",
        sjabloon_vergelijken_view,
        name="brieven_sjabloon_vergelijken",
    ),
    path(
        "brieven/sjablonen/<uuid:uuid>/actief/",
        sjabloon_actief_view,
        name="brieven_sjabloon_actief",
    ),
    path(
        "brieven/sjablonen/<uuid:uuid>/versies/<int:versie>/terugzetten/",
        sjabloon_versie_restore_view,
        name="brieven_sjabloon_versie_terugzetten",
    ),
    path("brieven/briefhoofd/", briefhoofd_view, name="brieven_briefhoofd"),
    path(
        "brieven/briefhoofd/voorbeeld/",
        briefhoofd_voorbeeld_view,
        name="brieven_briefhoofd_voorbeeld",
    ),
    path("brieven/printwachtrij/", printwachtrij_view, name="brieven_printwachtrij"),
    path("brieven/printwachtrij/pdf/", printwachtrij_pdf_view, name="brieven_printwachtrij_pdf"),
    path(
        "brieven/printwachtrij/geprint/",
        printwachtrij_geprint_view,
        name="brieven_printwachtrij_geprint",
    ),
    path("zaken/<uuid:uuid>/brieven/", zaak_brieven_view, name="zaak_brieven"),
    path("zaken/<uuid:uuid>/brieven/nieuw/", zaak_brief_create_view, name="zaak_brief_nieuw"),
    path(
        "zaken/<uuid:uuid>/brieven/voorbeeld/",
        zaak_brief_voorbeeld_view,
        name="zaak_brief_voorbeeld",
    ),
    path(
        "zaken/<uuid:uuid>/brieven/<uuid:verzending>/opnieuw/",
        verzending_retry_view,
        name="zaak_brief_opnieuw",
    ),
]
