"""Correspondence and the dossier: downloading a case's whole dossier as a ZIP, registering
incoming post on a case, and the postkamer where e-mails without a (known) case number wait
until a medewerker links them to a case or rejects them.

Every page is for the role medewerker; what a medewerker sees of a case is decided by the
kernel selectors (a case of a type they are not granted is "not found")."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.selectors import zaak_get, zaken_visible
from raadhuis.kernel.documents.dossier import dossier_zip
from raadhuis.kernel.documents.inkomende_post import (
    inkomend_bericht_afwijzen,
    inkomend_bericht_koppelen,
)
from raadhuis.kernel.documents.models import InkomendBericht, InkomendBerichtStatus
from raadhuis.kernel.documents.selectors import (
    inkomend_bericht_get,
    inkomend_bericht_tekst,
    postkamer_berichten,
    zaak_voor_post,
)
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import DateInput, DocumentForm, form_status, service_errors_add
from raadhuis.web.views.pagination import keyset_paginate
from raadhuis.web.views.zaken import zaak_actie_uitvoeren, zaak_document_uit_formulier

MEDEWERKER = [Rol.MEDEWERKER]
GET_POST = ["GET", "POST"]
POSTKAMER_ORDER = ("ontvangen_op", "id")  # postkamer_berichten orders by -ontvangen_op, -id


# --- the whole dossier as a ZIP -------------------------------------------------------------
@staff_required(roles=MEDEWERKER)
@require_GET
def zaak_dossier_zip_view(request: HttpRequest, uuid: str) -> StreamingHttpResponse:
    """Every document of the case the medewerker may see, with an index, as one ZIP. It is
    streamed: the response starts before the last document is read."""
    zaak = zaken_visible(actor=request.actor).filter(uuid=uuid).first()
    if zaak is None:
        raise NietGevonden(_("Zaak niet gevonden."))
    dossier = dossier_zip(actor=request.actor, zaak=zaak)
    response = StreamingHttpResponse(dossier.chunks(), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=dossier.bestandsnaam
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- incoming post on a case ----------------------------------------------------------------
class InkomendePostForm(DocumentForm):
    """A case document that arrived by post or e-mail: when it came in and from whom."""

    bestand = forms.FileField(label=gettext_lazy("Bestand (scan of e-mail)"))
    ontvangstdatum = forms.DateField(
        label=gettext_lazy("Ontvangen op"),
        widget=DateInput(),
        help_text=gettext_lazy("De datum waarop de gemeente het stuk ontving."),
    )
    afzender = forms.CharField(
        label=gettext_lazy("Afzender"),
        max_length=200,
        help_text=gettext_lazy("Wie het stuk stuurde, bijvoorbeeld de schuldeiser."),
    )
    field_order = [
        "bestand",
        "titel",
        "informatieobjecttype",
        "ontvangstdatum",
        "afzender",
        "beschrijving",
    ]

    def __init__(self, *args, zaak: Zaak, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("auto_id", "post_%s")
        super().__init__(*args, zaak=zaak, **kwargs)


@staff_required(roles=MEDEWERKER)
@require_http_methods(GET_POST)
def zaak_post_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Register a received letter or e-mail on the case: an incoming document with the date
    it was received and its sender."""
    actor = request.actor
    zaak = zaak_get(actor=actor, uuid=uuid)
    initial = {"ontvangstdatum": vandaag(zaak.organisatie.tijdzone)}
    form = InkomendePostForm(
        request.POST or None, request.FILES or None, zaak=zaak, initial=initial
    )
    klaar = zaak_actie_uitvoeren(
        request,
        zaak,
        form,
        lambda data: zaak_document_uit_formulier(
            actor=actor,
            zaak=zaak,
            data=data,
            auteur=data["afzender"],
            ontvangstdatum=data["ontvangstdatum"],
        ),
        lambda zio: _("Inkomend stuk ‘%(titel)s’ is toegevoegd.") % {"titel": zio.titel},
        anker="#documenten",
    )
    if klaar is not None:
        return klaar
    context = {"zaak": zaak, "form": form}
    return render(request, "web/post/zaak_post_nieuw.html", context, status=form_status(form))


# --- the postkamer --------------------------------------------------------------------------
STATUS_KEUZES = [("", gettext_lazy("Alle")), *InkomendBerichtStatus.choices]


class PostkamerFilterForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=STATUS_KEUZES, required=False)


class KoppelForm(forms.Form):
    zaaknummer = forms.CharField(
        label=gettext_lazy("Zaaknummer"),
        max_length=40,
        help_text=gettext_lazy("Bijvoorbeeld SHV-2026-0000123."),
    )

    def __init__(self, *args, actor, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        kwargs.setdefault("auto_id", "koppel_%s")
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.zaak: Zaak | None = None

    def clean_zaaknummer(self) -> str:
        nummer = self.cleaned_data["zaaknummer"].strip()
        try:
            self.zaak = zaak_voor_post(actor=self.actor, identificatie=nummer)
        except NietGevonden as error:
            raise ValidationError(
                _("Er is geen zaak met dit nummer die je mag behandelen."), code="onbekend"
            ) from error
        return nummer


class AfwijsForm(forms.Form):
    reden = forms.CharField(
        label=gettext_lazy("Reden van afwijzen"),
        max_length=500,
        help_text=gettext_lazy("Bijvoorbeeld: reclame, niet voor de gemeente bedoeld."),
    )

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("auto_id", "afwijs_%s")
        super().__init__(*args, **kwargs)


@staff_required(roles=MEDEWERKER)
@require_GET
def postkamer_view(request: HttpRequest) -> HttpResponse:
    """Incoming e-mails, newest first; by default those still waiting (status nieuw)."""
    form = PostkamerFilterForm(request.GET or {"status": InkomendBerichtStatus.NIEUW})
    status = form.cleaned_data["status"] if form.is_valid() else InkomendBerichtStatus.NIEUW
    page = keyset_paginate(
        postkamer_berichten(actor=request.actor, status=status),
        fields=POSTKAMER_ORDER,
        size=25,
        after=request.GET.get("na", ""),
        before=request.GET.get("voor", ""),
    )
    context = {"form": form, "page": page, "status": status}
    return render(request, "web/post/postkamer.html", context)


def _bericht_context(
    request: HttpRequest,
    bericht: InkomendBericht,
    koppel_form: KoppelForm | None = None,
    afwijs_form: AfwijsForm | None = None,
) -> dict:
    return {
        "bericht": bericht,
        "tekst": inkomend_bericht_tekst(bericht),
        "koppel_form": koppel_form or KoppelForm(actor=request.actor),
        "afwijs_form": afwijs_form or AfwijsForm(),
    }


@staff_required(roles=MEDEWERKER)
@require_GET
def postkamer_bericht_view(request: HttpRequest, uuid: str) -> HttpResponse:
    bericht = inkomend_bericht_get(actor=request.actor, uuid=uuid)
    return render(request, "web/post/bericht.html", _bericht_context(request, bericht))


@staff_required(roles=MEDEWERKER)
@require_POST
def postkamer_koppelen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    bericht = inkomend_bericht_get(actor=request.actor, uuid=uuid)
    form = KoppelForm(request.POST, actor=request.actor)
    if form.is_valid() and form.zaak is not None:
        try:
            inkomend_bericht_koppelen(actor=request.actor, bericht=bericht, zaak=form.zaak)
        except ValidationError as error:  # also a closed case (ZaakAfgesloten)
            service_errors_add(form, error, field_map={"zaak": "zaaknummer"})
        except ToegangGeweigerd:
            form.add_error("zaaknummer", _("Je mag aan deze zaak geen documenten toevoegen."))
        else:
            messages.success(
                request,
                _("Het bericht is toegevoegd aan zaak %(nummer)s.")
                % {"nummer": form.zaak.identificatie},
            )
            return redirect("web:postkamer")
    context = _bericht_context(request, bericht, koppel_form=form)
    return render(request, "web/post/bericht.html", context, status=400)


@staff_required(roles=MEDEWERKER)
@require_POST
def postkamer_afwijzen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    bericht = inkomend_bericht_get(actor=request.actor, uuid=uuid)
    form = AfwijsForm(request.POST)
    if form.is_valid():
        try:
            inkomend_bericht_afwijzen(
                actor=request.actor, bericht=bericht, reden=form.cleaned_data["reden"]
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Het bericht is afgewezen."))
            return redirect("web:postkamer")
    context = _bericht_context(request, bericht, afwijs_form=form)
    return render(request, "web/post/bericht.html", context, status=400)


@staff_required(roles=MEDEWERKER)
@require_GET
def postkamer_bericht_download_view(request: HttpRequest, uuid: str) -> FileResponse:
    """The e-mail exactly as it arrived (.eml, opens in any mail program)."""
    bericht = inkomend_bericht_get(actor=request.actor, uuid=uuid)
    response = FileResponse(
        bericht.bestand.open("rb"),
        as_attachment=True,
        filename=f"bericht-{bericht.uuid}.eml",
        content_type="message/rfc822",
    )
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("zaken/<uuid:uuid>/dossier.zip", zaak_dossier_zip_view, name="zaak_dossier_zip"),
    path("zaken/<uuid:uuid>/post/nieuw/", zaak_post_add_view, name="zaak_post_add"),
    path("postkamer/", postkamer_view, name="postkamer"),
    path("postkamer/<uuid:uuid>/", postkamer_bericht_view, name="postkamer_bericht"),
    path("postkamer/<uuid:uuid>/koppelen/", postkamer_koppelen_view, name="postkamer_koppelen"),
    path("postkamer/<uuid:uuid>/afwijzen/", postkamer_afwijzen_view, name="postkamer_afwijzen"),
    path(
        "postkamer/<uuid:uuid>/bericht.eml",
        postkamer_bericht_download_view,
        name="postkamer_bericht_download",
    ),
]
