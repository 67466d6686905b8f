"""BRP search for case workers: find a person in the BRP by BSN, by surname and birth date, or
by postcode and house number, and take them over as a party ("Overnemen").

Both the search and the takeover are POSTs: a BSN stays out of URLs, browser history and
access logs. Every search needs a reason, which goes into the processing log with each person
found (kernel/parties/brp.py). When the BRP cannot answer, the page says so in Dutch (503).

A page that sends the user here may pass `?reden=...&next=/path/`: the reason is filled in, and
after "Overnemen" the user returns to `next` with `?partij=<uuid>` added.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from raadhuis.kernel.integrations.brp import BrpFout, BrpPersoon
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.brp import bekende_partijen, brp_personen_zoeken, partij_from_brp
from raadhuis.kernel.validators import validate_bsn, validate_postcode_nl
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import DateInput, service_errors_add
from raadhuis.web.views.common import safe_next

BRP_ROLLEN = [Rol.MEDEWERKER]
# The spec's GeslachtsnaamFilter: letters, digits, space . - ' ; a trailing * after 3 or more.
GESLACHTSNAAM = re.compile(r"^[a-zA-Z0-9À-ž .\-']{1,200}$|^[a-zA-Z0-9À-ž .\-']{3,199}\*$")
HUISNUMMERTOEVOEGING = re.compile(r"^[a-zA-Z0-9 \-]{1,4}$")
# Typed in front of a surname, these are the BRP's voorvoegsel, not part of geslachtsnaam.
VOORVOEGSELS = sorted(
    ["van der", "van den", "van de", "van 't", "in 't", "op de", "in de", "de", "den", "der",
     "van", "ter", "ten", "te", "het", "'t", "la", "le", "du", "el", "al", "da", "von"],
    key=len,
    reverse=True,
)  # fmt: skip


def voorvoegsel_splitsen(achternaam: str) -> tuple[str, str]:
    """'de Namaak' -> ('de', 'Namaak'); 'Namaak' -> ('', 'Namaak')."""
    achternaam = " ".join(achternaam.split())
    for voorvoegsel in VOORVOEGSELS:
        if (
            achternaam.lower().startswith(voorvoegsel + " ")
            and len(achternaam) > len(voorvoegsel) + 1
        ):
            return voorvoegsel, achternaam[len(voorvoegsel) + 1 :]
    return "", achternaam


class BrpZoekForm(forms.Form):
    reden = forms.CharField(
        label=gettext_lazy("Reden van de raadpleging"),
        max_length=200,
        help_text=gettext_lazy(
            "Waarvoor heb je deze gegevens nodig, bijvoorbeeld ‘Aanmelding schuldhulpverlening’. "
            "De reden komt in het verwerkingenlog."
        ),
    )
    bsn = forms.CharField(
        label=gettext_lazy("BSN"),
        required=False,
        max_length=11,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    geslachtsnaam = forms.CharField(
        label=gettext_lazy("Achternaam"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "Met of zonder tussenvoegsel. Met * aan het eind zoek je op het begin van de naam "
            "(minstens 3 letters)."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    geboortedatum = forms.DateField(
        label=gettext_lazy("Geboortedatum"), required=False, widget=DateInput()
    )
    postcode = forms.CharField(
        label=gettext_lazy("Postcode"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    huisnummer = forms.IntegerField(
        label=gettext_lazy("Huisnummer"),
        required=False,
        min_value=1,
        max_value=99999,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    huisletter = forms.CharField(label=gettext_lazy("Huisletter"), required=False, max_length=1)
    huisnummertoevoeging = forms.CharField(
        label=gettext_lazy("Toevoeging"), required=False, max_length=4
    )

    def clean_bsn(self) -> str:
        value = self.cleaned_data["bsn"].replace(" ", "").replace(".", "")
        if value:
            validate_bsn(value)
        return value

    def clean_geslachtsnaam(self) -> str:
        value = " ".join(self.cleaned_data["geslachtsnaam"].split())
        if value and not GESLACHTSNAAM.match(value):
            raise ValidationError(
                _(
                    "Gebruik letters, spaties, punten, koppeltekens of apostroffen; een * alleen "
                    "aan het eind, na minstens 3 tekens."
                )
            )
        return value

    def clean_geboortedatum(self) -> Any:
        value = self.cleaned_data["geboortedatum"]
        if value and value > timezone.localdate():
            raise ValidationError(_("De geboortedatum ligt in de toekomst."))
        return value

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].replace(" ", "").upper()
        if value:
            validate_postcode_nl(value)
        return value

    def clean_huisletter(self) -> str:
        value = self.cleaned_data["huisletter"].strip()
        if value and not value.isalpha():
            raise ValidationError(_("Een huisletter is één letter."))
        return value

    def clean_huisnummertoevoeging(self) -> str:
        value = self.cleaned_data["huisnummertoevoeging"].strip()
        if value and not HUISNUMMERTOEVOEGING.match(value):
            raise ValidationError(_("Gebruik hooguit 4 letters, cijfers of koppeltekens."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        op_adres = bool(data.get("postcode") or data.get("huisnummer"))
        op_naam = bool(data.get("geslachtsnaam") or data.get("geboortedatum"))
        if data.get("bsn"):
            if op_adres or op_naam:
                self.add_error(
                    None, _("Zoek op BSN, of op de andere gegevens, maar niet op allebei.")
                )
        elif op_adres:
            for veld, tekst in (
                ("postcode", _("Vul ook de postcode in.")),
                ("huisnummer", _("Vul ook het huisnummer in.")),
            ):
                if not data.get(veld):
                    self.add_error(veld, tekst)
        elif op_naam:
            for veld, tekst in (
                ("geslachtsnaam", _("Vul ook de achternaam in.")),
                ("geboortedatum", _("Vul ook de geboortedatum in.")),
            ):
                if not data.get(veld):
                    self.add_error(veld, tekst)
        else:
            self.add_error(
                None,
                _("Vul een BSN in, of achternaam en geboortedatum, of postcode en huisnummer."),
            )
        return data

    def zoekvraag(self) -> dict[str, Any]:
        """The arguments of brp_personen_zoeken (without actor and reden)."""
        data = self.cleaned_data
        if data["bsn"]:
            return {"bsn": data["bsn"]}
        voorvoegsel, geslachtsnaam = voorvoegsel_splitsen(data["geslachtsnaam"])
        vraag: dict[str, Any] = {
            "geslachtsnaam": geslachtsnaam or None,
            "voorvoegsel": voorvoegsel or None,
            "geboortedatum": data["geboortedatum"],
        }
        if data["postcode"]:
            vraag.update(
                postcode=data["postcode"],
                huisnummer=data["huisnummer"],
                huisletter=data["huisletter"] or None,
                huisnummertoevoeging=data["huisnummertoevoeging"] or None,
            )
            if voorvoegsel:
                vraag["voorvoegsel"] = None  # not a parameter of the address search
        return vraag


class BrpOvernemenForm(forms.Form):
    bsn = forms.CharField(max_length=11)
    reden = forms.CharField(max_length=200)


def _volgende(request: HttpRequest) -> str:
    """Where a page that sent the user here wants them back ('' for the party page)."""
    return safe_next(request, "")


def _pagina(
    request: HttpRequest,
    form: BrpZoekForm,
    *,
    resultaten: list[BrpPersoon] | None = None,
    fout: str = "",
    status: int = 200,
) -> HttpResponse:
    bekend = (
        bekende_partijen(actor=request.actor, bsns=[p.bsn for p in resultaten])
        if resultaten
        else {}
    )
    vandaag = timezone.localdate()
    rijen = [
        {"persoon": p, "partij": bekend.get(p.bsn), "leeftijd": p.leeftijd(vandaag)}
        for p in resultaten or []
    ]
    reden = form.cleaned_data.get("reden", "") if form.is_bound and form.is_valid() else ""
    context = {
        "form": form,
        "rijen": rijen,
        "gezocht": resultaten is not None,
        "fout": fout,
        "reden": reden or form.data.get("reden", ""),
        "volgende": _volgende(request),
    }
    return render(request, "web/brp/zoeken.html", context, status=status)


@staff_required(roles=BRP_ROLLEN)
@require_http_methods(["GET", "POST"])
def brp_zoeken_view(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        form = BrpZoekForm(initial={"reden": request.GET.get("reden", "")[:200]})
        return _pagina(request, form)
    form = BrpZoekForm(request.POST)
    if not form.is_valid():
        return _pagina(request, form, status=400)
    try:
        resultaten = brp_personen_zoeken(
            actor=request.actor, reden=form.cleaned_data["reden"], **form.zoekvraag()
        )
    except BrpFout as fout:
        return _pagina(request, form, fout=str(fout), status=503)
    except ValidationError as error:
        service_errors_add(form, error)
        return _pagina(request, form, status=400)
    return _pagina(request, form, resultaten=resultaten)


@staff_required(roles=BRP_ROLLEN)
@require_POST
def brp_overnemen_view(request: HttpRequest) -> HttpResponse:
    overnemen = BrpOvernemenForm(request.POST)
    zoekform = BrpZoekForm(request.POST)
    zoekform.is_valid()  # only to show the search again with what was filled in
    if not overnemen.is_valid():
        zoekform.add_error(None, _("Kies een persoon uit de zoekresultaten en vul de reden in."))
        return _pagina(request, zoekform, status=400)
    try:
        partij = partij_from_brp(
            request.actor,
            bsn=overnemen.cleaned_data["bsn"],
            reden=overnemen.cleaned_data["reden"],
        )
    except BrpFout as fout:
        return _pagina(request, zoekform, fout=str(fout), status=503)
    except ValidationError as error:
        zoekform.add_error(None, error.messages)
        return _pagina(request, zoekform, status=400)
    messages.success(request, _("%(naam)s is overgenomen uit de BRP.") % {"naam": partij})
    volgende = _volgende(request)
    if volgende:
        scheiding = "&" if "?" in volgende else "?"
        return redirect(f"{volgende}{scheiding}partij={partij.uuid}")
    return redirect(reverse("web:partij_detail", kwargs={"uuid": partij.uuid}))


urlpatterns = [
    path("brp/", brp_zoeken_view, name="brp_zoeken"),
    path("brp/overnemen/", brp_overnemen_view, name="brp_overnemen"),
]
