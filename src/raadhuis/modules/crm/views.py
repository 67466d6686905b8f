"""The CRM core screens: relation list and search, new relation (KvK, BRP, by hand), the 360°
relation page, local data, contact persons, representation and the quick contact form.

Views fetch through selectors, call one service and render; access is decided in the
selectors (department scope), the gate only lets medewerkers in."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.integrations.brp import BrpFout
from raadhuis.kernel.integrations.kvk import KvkFout
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.kvk import kvk_zoeken
from raadhuis.kernel.parties.models import PartijSoort
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.forms import (
    ContactpersoonForm,
    KlantcontactForm,
    RelatieBrpForm,
    RelatieFilterForm,
    RelatieHandmatigForm,
    RelatieKvkForm,
    RelatieLokaalForm,
    VertegenwoordigingForm,
)
from raadhuis.modules.crm.models import Relatie
from raadhuis.modules.crm.relatiepagina import (
    relatieblokken,
    relatieblokken_aanwezig,
    relatieblokken_aanwezigheid,
)
from raadhuis.modules.crm.selectors import (
    Aanwezig,
    opvolgtaken_open,
    partij_klantcontacten,
    relatie_aanwezigheid,
    relatie_contactpersonen,
    relatie_documenten,
    relatie_get,
    relatie_opvolgtaken,
    relatie_vertegenwoordigingen,
    relatie_zaken,
    relatie_zaken_weergave,
    relaties_zoeken,
)
from raadhuis.modules.crm.services import (
    Opvolging,
    contactpersoon_add,
    contactpersoon_beeindigen,
    klantcontact_create,
    opvolging_afronden,
    relatie_handmatig_create,
    relatie_uit_brp,
    relatie_uit_kvk,
    relatie_update,
    relatie_verversen,
    tag_ensure,
    vertegenwoordiging_add,
)
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.views.common import render_page_or_partial

CRM_ROLLEN = [Rol.MEDEWERKER]
GET_POST = ["GET", "POST"]
BRONNEN = ("kvk", "brp", "handmatig")


def _relatie_url(relatie: Relatie) -> str:
    return reverse("crm:relatie", args=[relatie.partij.uuid])


@staff_required(roles=CRM_ROLLEN)
@require_GET
def relaties_view(request: HttpRequest) -> HttpResponse:
    form = RelatieFilterForm(request.GET or None, actor=request.actor)
    relaties = relaties_zoeken(actor=request.actor, **form.filters(), limit=100)
    context = {"form": form, "relaties": relaties, "limiet": 100}
    return render_page_or_partial(
        request, "crm/relaties.html", "crm/_relaties_resultaten.html", context
    )


# --- new relation ----------------------------------------------------------------------------


def _kvk_create(request: HttpRequest, form: RelatieKvkForm) -> Relatie:
    data = form.cleaned_data
    return relatie_uit_kvk(
        actor=request.actor,
        kvk_nummer=data["kvk_nummer"],
        vestigingsnummer=data["vestigingsnummer"] or None,
        soort=data["soort"],
        eenheid=data["eenheid"],
        accountmanager=data["accountmanager"],
    )


def _brp_create(request: HttpRequest, form: RelatieBrpForm) -> Relatie:
    data = form.cleaned_data
    return relatie_uit_brp(
        actor=request.actor,
        bsn=data["bsn"],
        grondslag=data["grondslag"],
        grondslag_toelichting=data["grondslag_toelichting"],
        eenheid=data["eenheid"],
        accountmanager=data["accountmanager"],
    )


def _handmatig_create(request: HttpRequest, form: RelatieHandmatigForm) -> Relatie:
    data = form.cleaned_data
    return relatie_handmatig_create(
        actor=request.actor,
        soort=data["soort"],
        naam=data["naam"],
        rechtsvorm=data["rechtsvorm"],
        kvk_nummer=data["kvk_nummer"],
        email=data["email"],
        telefoonnummer=data["telefoonnummer"],
        eenheid=data["eenheid"],
        accountmanager=data["accountmanager"],
    )


NIEUW = {
    "kvk": (RelatieKvkForm, _kvk_create),
    "brp": (RelatieBrpForm, _brp_create),
    "handmatig": (RelatieHandmatigForm, _handmatig_create),
}


def _register_fout(error: Exception) -> str:
    """A register that cannot answer (timeout, outage) becomes one Dutch sentence."""
    return _("Het register gaf geen antwoord: %(fout)s Probeer het later opnieuw.") % {
        "fout": str(error)
    }


def _kvk_zoeken(request: HttpRequest) -> dict:
    """The Handelsregister search on the KvK tab: by (part of) the name, optionally a town.
    A user rarely knows the KvK number; a hit fills the form."""
    handelsnaam = request.GET.get("handelsnaam", "").strip()[:100]
    plaats = request.GET.get("plaats", "").strip()[:80]
    zoek: dict[str, Any] = {"handelsnaam": handelsnaam, "plaats": plaats, "gezocht": False}
    if not handelsnaam:
        return zoek
    zoek["gezocht"] = True
    try:
        pagina = kvk_zoeken(actor=request.actor, handelsnaam=handelsnaam, plaats=plaats)
    except ValidationError as error:
        zoek["fout"] = " ".join(error.messages)
    except KvkFout as error:
        zoek["fout"] = _register_fout(error)
    else:
        zoek["resultaten"] = pagina.resultaten
        zoek["totaal"] = pagina.totaal
    return zoek


@staff_required(roles=CRM_ROLLEN)
@require_http_methods(GET_POST)
def relatie_nieuw_view(request: HttpRequest) -> HttpResponse:
    bron = request.POST.get("bron") or request.GET.get("bron") or "kvk"
    if bron not in BRONNEN:
        bron = "kvk"
    form_class, create = NIEUW[bron]
    initial = {}
    if bron == "kvk":
        initial = {
            veld: request.GET[veld]
            for veld in ("kvk_nummer", "vestigingsnummer")
            if request.GET.get(veld)
        }
    form = form_class(request.POST or None, actor=request.actor, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            relatie = create(request, form)
        except ValidationError as error:
            service_errors_add(form, error, field_map={"partij": "__all__"})
        except (BrpFout, KvkFout) as error:
            form.add_error(None, _register_fout(error))
        else:
            messages.success(request, _("Relatie %(naam)s vastgelegd.") % {"naam": relatie})
            return redirect(_relatie_url(relatie))
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "bron": bron}
    if bron == "kvk" and request.method == "GET":
        context["zoek"] = _kvk_zoeken(request)
    return render(request, "crm/relatie_nieuw.html", context, status=status)


@staff_required(roles=CRM_ROLLEN)
@require_http_methods(["POST"])
def relatie_verversen_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Refresh the register data from the KvK or the BRP; local data stays as it is."""
    relatie = relatie_get(actor=request.actor, partij_uuid=uuid)
    try:
        relatie_verversen(actor=request.actor, relatie=relatie)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except (BrpFout, KvkFout) as error:
        messages.error(request, _register_fout(error))
    else:
        messages.success(request, _("Registergegevens bijgewerkt."))
    return redirect(_relatie_url(relatie))


# --- the 360° page ---------------------------------------------------------------------------


def _relatie_context(request: HttpRequest, relatie: Relatie, **extra: Any) -> dict:
    actor = request.actor
    partij = relatie.partij
    # Sections the relation query found empty (relatie_aanwezigheid) cost no query.
    aanwezig = Aanwezig.van(relatie)
    zaken = relatie_zaken_weergave(actor=actor, relatie=relatie) if aanwezig.zaken else []
    context = {
        "relatie": relatie,
        "partij": partij,
        "concreet": partij.concreet,
        "adressen": list(partij.adressen.all()),
        "tags": list(relatie.tags.all()) if aanwezig.tags else [],
        "contactpersonen": relatie_contactpersonen(actor=actor, relatie=relatie)
        if partij.soort != PartijSoort.NATUURLIJK_PERSOON and aanwezig.contactpersonen
        else [],
        "vertegenwoordigingen": relatie_vertegenwoordigingen(
            actor=actor, partij=partij, aanwezig=aanwezig.vertegenwoordiging
        ),
        "klantcontacten": partij_klantcontacten(actor=actor, partij=partij),
        "opvolgtaken": relatie_opvolgtaken(actor=actor, partij=partij),
        "zaken": zaken,
        "documenten": relatie_documenten(actor=actor, zaken=zaken),
        "blokken": _blokken(request, relatie),
        "vandaag": vandaag(actor.organisatie.tijdzone),
    }
    context.setdefault(
        "contact_form", KlantcontactForm(actor=actor, zaken=[z for z in zaken if not z.einddatum])
    )
    context.update(extra)
    return context


def _blokken(request: HttpRequest, relatie: Relatie) -> list[dict]:
    """The sub-apps' blocks, each rendered with its own context plus partij/relatie/blok."""
    gevuld = []
    aanwezig = relatieblokken_aanwezig(relatie)
    for item in relatieblokken(request.actor, relatie.partij, aanwezig):
        context = {**item.context, "partij": relatie.partij, "relatie": relatie, "blok": item.blok}
        html = render_to_string(item.blok.template, context, request=request)
        gevuld.append({"blok": item.blok, "html": html})
    return gevuld


@staff_required(roles=CRM_ROLLEN)
@require_GET
def relatie_view(request: HttpRequest, uuid: str) -> HttpResponse:
    # No transaction of its own: the page's processing-log entries (the relation, its contact
    # persons, representations, complaints ...) wait in the request's buffer and are written
    # in one INSERT when the response is ready (RequestIdMiddleware, kernel audit services).
    # The relation's query also says which sections and blocks have rows at all.
    relatie = relatie_get(
        actor=request.actor,
        partij_uuid=uuid,
        annotaties={**relatie_aanwezigheid(), **relatieblokken_aanwezigheid()},
        met_tags=False,
    )
    return render(request, "crm/relatie.html", _relatie_context(request, relatie))


@staff_required(roles=CRM_ROLLEN)
@require_http_methods(GET_POST)
def klantcontact_nieuw_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The quick contact form on the relation page (also a page of its own without JS)."""
    actor = request.actor
    relatie = relatie_get(actor=actor, partij_uuid=uuid)
    zaken = [z for z in relatie_zaken(actor=actor, relatie=relatie) if not z.einddatum]
    form = KlantcontactForm(request.POST or None, actor=actor, zaken=zaken)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        zaak = next((z for z in zaken if str(z.uuid) == data["zaak"]), None)
        opvolging = (
            Opvolging(
                titel=data["opvolging_titel"],
                toegewezen_aan=data["opvolging_medewerker"],
                vervaldatum=data["opvolging_vervaldatum"],
            )
            if data["opvolging"]
            else None
        )
        try:
            contact = klantcontact_create(
                actor=actor,
                partij=relatie.partij,
                kanaal=data["kanaal"],
                onderwerp=data["onderwerp"],
                inhoud=data["inhoud"],
                uitkomst=data["uitkomst"],
                vertrouwelijk=data["vertrouwelijk"],
                zaak=zaak,
                opvolging=opvolging,
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            tekst = _("Klantcontact %(nummer)s vastgelegd.") % {"nummer": contact.referentienummer}
            if contact.taak is not None:
                tekst += " " + _("Opvolgtaak voor %(wie)s, uiterlijk %(datum)s.") % {
                    "wie": contact.taak.toegewezen_aan,
                    "datum": contact.taak.vervaldatum.strftime("%d-%m-%Y"),
                }
            messages.success(request, tekst)
            return redirect(_relatie_url(relatie) + "#kop-klantcontacten")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "crm/klantcontact_nieuw.html",
        {"relatie": relatie, "partij": relatie.partij, "form": form},
        status=status,
    )


# --- local data, contact persons, representation --------------------------------------------


@staff_required(roles=CRM_ROLLEN)
@require_http_methods(GET_POST)
def relatie_bewerken_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    relatie = relatie_get(actor=actor, partij_uuid=uuid)
    initial = {
        "eenheid": relatie.eenheid_id,
        "accountmanager": relatie.accountmanager_id,
        "lokale_naam": relatie.lokale_naam,
        "lokaal_email": relatie.lokaal_email,
        "lokaal_telefoonnummer": relatie.lokaal_telefoonnummer,
        "lokale_notitie": relatie.lokale_notitie,
        "actief": relatie.actief,
        "tags": ", ".join(t.naam for t in relatie.tags.all()),
    }
    form = RelatieLokaalForm(request.POST or None, actor=actor, initial=initial)
    if relatie.eenheid_id not in {e.pk for e in form.fields["eenheid"].queryset}:
        # An account manager from another department keeps the owner as it is.
        form.fields["eenheid"].queryset = form.fields["eenheid"].queryset.model.objects.filter(
            pk=relatie.eenheid_id
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            tags = [tag_ensure(actor=actor, naam=naam) for naam in form.tag_namen()]
            relatie_update(
                actor=actor,
                relatie=relatie,
                tags=tags,
                eenheid=data["eenheid"],
                accountmanager=data["accountmanager"],
                lokale_naam=data["lokale_naam"],
                lokaal_email=data["lokaal_email"],
                lokaal_telefoonnummer=data["lokaal_telefoonnummer"],
                lokale_notitie=data["lokale_notitie"],
                actief=data["actief"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Lokale gegevens opgeslagen."))
            return redirect(_relatie_url(relatie))
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "crm/relatie_bewerken.html", {"relatie": relatie, "form": form}, status=status
    )


@staff_required(roles=CRM_ROLLEN)
@require_http_methods(GET_POST)
def contactpersoon_nieuw_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    relatie = relatie_get(actor=actor, partij_uuid=uuid)
    if relatie.partij.soort == PartijSoort.NATUURLIJK_PERSOON:
        raise NietGevonden("Een persoon heeft geen contactpersonen.")
    form = ContactpersoonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contactpersoon_add(actor=actor, relatie=relatie, **form.cleaned_data)
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Contactpersoon toegevoegd."))
            return redirect(_relatie_url(relatie) + "#kop-contactpersonen")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "crm/contactpersoon_nieuw.html", {"relatie": relatie, "form": form}, status=status
    )


@staff_required(roles=CRM_ROLLEN)
@require_http_methods(["POST"])
def contactpersoon_beeindigen_view(
    request: HttpRequest, uuid: str, contactpersoon: str
) -> HttpResponse:
    """End a contact person's role as of today (they stay in the history)."""
    relatie = relatie_get(actor=request.actor, partij_uuid=uuid)
    cp = relatie.contactpersonen.filter(uuid=contactpersoon, einddatum__isnull=True).first()
    if cp is None:
        raise NietGevonden("Contactpersoon niet gevonden.")
    try:
        contactpersoon_beeindigen(actor=request.actor, contactpersoon=cp)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(naam)s is geen contactpersoon meer.") % {"naam": cp.persoon})
    return redirect(_relatie_url(relatie) + "#kop-contactpersonen")


@staff_required(roles=CRM_ROLLEN)
@require_http_methods(["POST"])
def opvolging_afronden_view(request: HttpRequest, uuid: str, taak: str) -> HttpResponse:
    """Mark a follow-up done from the relation page (its own case closes with it)."""
    relatie = relatie_get(actor=request.actor, partij_uuid=uuid)
    gevonden = opvolgtaken_open(actor=request.actor, partij=relatie.partij).filter(uuid=taak)
    open_taak = gevonden.first()
    if open_taak is None:
        raise NietGevonden("Opvolgtaak niet gevonden.")
    try:
        opvolging_afronden(actor=request.actor, taak=open_taak)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Opvolging afgerond."))
    return redirect(_relatie_url(relatie) + "#kop-klantcontacten")


@staff_required(roles=CRM_ROLLEN)
@require_http_methods(GET_POST)
def vertegenwoordiging_nieuw_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    relatie = relatie_get(actor=actor, partij_uuid=uuid)
    personen = {
        str(c.persoon.uuid): c.persoon
        for c in relatie_contactpersonen(actor=actor, relatie=relatie)
        if c.einddatum is None
    }
    keuzes = [(k, str(p)) for k, p in personen.items()]
    form = VertegenwoordigingForm(request.POST or None, keuzes=keuzes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            vertegenwoordiging_add(
                actor=actor,
                relatie=relatie,
                vertegenwoordiger=personen[data["vertegenwoordiger"]],
                omschrijving=data["omschrijving"],
                begindatum=data["begindatum"],
                einddatum=data["einddatum"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Vertegenwoordiging vastgelegd."))
            return redirect(_relatie_url(relatie) + "#kop-vertegenwoordiging")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "crm/vertegenwoordiging_nieuw.html",
        {"relatie": relatie, "form": form, "geen_personen": not keuzes},
        status=status,
    )
