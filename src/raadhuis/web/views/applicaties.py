"""API-koppelingen: the applications that use the ZGW APIs of the organisation, for beheerders
and functioneel beheerders. List, create (the secret is shown once), edit, delete, and a new
secret for a client id. Every write goes through `kernel.access.services`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.kernel.access.models import Applicatie
from raadhuis.kernel.access.selectors import applicatie_get, applicaties_zichtbaar
from raadhuis.kernel.access.services import (
    applicatie_create,
    applicatie_delete,
    applicatie_update,
    secret_generate,
)
from raadhuis.kernel.organisations.models import Rol
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add
from raadhuis.web.forms_applicaties import (
    ApplicatieFormulier,
    SecretForm,
    VerwijderForm,
    applicatie_formulier,
    autorisatie_regels,
)

BEHEER = [Rol.BEHEERDER, Rol.FUNCTIONEEL_BEHEERDER]
GET_POST = ["GET", "POST"]
# The new secret waits here for the one page that shows it (and removes it).
SECRET_SESSION_KEY = "applicatie_nieuwe_secret"


def _secret_bewaren(
    request: HttpRequest, applicatie: Applicatie, client_id: str, secret: str
) -> None:
    request.session[SECRET_SESSION_KEY] = {
        "applicatie": str(applicatie.uuid),
        "client_id": client_id,
        "secret": secret,
    }


def _secret_ophalen(request: HttpRequest, applicatie: Applicatie) -> dict | None:
    """The new secret of this application, once: reading it removes it from the session."""
    bewaard = request.session.get(SECRET_SESSION_KEY)
    if not bewaard or bewaard.get("applicatie") != str(applicatie.uuid):
        return None
    del request.session[SECRET_SESSION_KEY]
    return bewaard


def _extra_regel(request: HttpRequest) -> str:
    """The component whose 'another row' button was pressed (no save then), or ''."""
    return request.POST.get("regel_toevoegen", "") if request.method == "POST" else ""


def _form_page(
    request: HttpRequest, template: str, formulier: ApplicatieFormulier, **context: object
) -> HttpResponse:
    invalid = request.method == "POST" and not _extra_regel(request)
    return render(
        request,
        template,
        {"formulier": formulier, "form": formulier.hoofd, **context},
        status=400 if invalid else 200,
    )


@staff_required(roles=BEHEER)
@require_GET
def applicaties_view(request: HttpRequest) -> HttpResponse:
    applicaties = list(applicaties_zichtbaar(actor=request.actor))
    return render(request, "web/applicaties/lijst.html", {"applicaties": applicaties})


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def applicatie_create_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    extra = _extra_regel(request)
    data = request.POST if request.method == "POST" else None
    formulier = applicatie_formulier(request, actor=actor, data=data, extra_regel=extra)
    if data is not None and not extra and formulier.is_valid():
        hoofd = formulier.hoofd.cleaned_data
        secret = secret_generate()
        try:
            applicatie = applicatie_create(
                actor,
                label=hoofd["label"],
                client_ids=[hoofd["client_id"]],
                secrets={hoofd["client_id"]: secret},
                heeft_alle_autorisaties=hoofd["heeft_alle_autorisaties"],
                alleen_is_gereed_voor_publicatie=hoofd["alleen_is_gereed_voor_publicatie"],
                autorisaties=formulier.autorisaties(),
                toelichting=hoofd["toelichting"],
            )
        except ValidationError as error:
            formulier.service_errors_apply(error)
        else:
            _secret_bewaren(request, applicatie, hoofd["client_id"], secret)
            messages.success(request, _("API-koppeling ‘%(label)s’ is aangemaakt.") % hoofd)
            return redirect("web:applicatie_detail", uuid=applicatie.uuid)
    return _form_page(request, "web/applicaties/formulier.html", formulier, applicatie=None)


@staff_required(roles=BEHEER)
@require_GET
def applicatie_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    applicatie = applicatie_get(actor=request.actor, uuid=uuid)
    nieuwe_secret = _secret_ophalen(request, applicatie)
    response = render(
        request,
        "web/applicaties/detail.html",
        {
            "applicatie": applicatie,
            "clients": list(applicatie.clients.all()),
            "regels": autorisatie_regels(actor=request.actor, applicatie=applicatie),
            "nieuwe_secret": nieuwe_secret,
        },
    )
    if nieuwe_secret:  # the secret must not stay in a cache or the browser's history
        add_never_cache_headers(response)
    return response


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def applicatie_update_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    applicatie = applicatie_get(actor=actor, uuid=uuid)
    extra = _extra_regel(request)
    data = request.POST if request.method == "POST" else None
    formulier = applicatie_formulier(
        request, actor=actor, applicatie=applicatie, data=data, extra_regel=extra
    )
    if data is not None and not extra and formulier.is_valid():
        hoofd = formulier.hoofd.cleaned_data
        try:
            applicatie_update(
                actor,
                applicatie,
                label=hoofd["label"],
                heeft_alle_autorisaties=hoofd["heeft_alle_autorisaties"],
                alleen_is_gereed_voor_publicatie=hoofd["alleen_is_gereed_voor_publicatie"],
                autorisaties=formulier.autorisaties(),
                toelichting=hoofd["toelichting"],
            )
        except ValidationError as error:
            formulier.service_errors_apply(error)
        else:
            messages.success(request, _("API-koppeling ‘%(label)s’ is opgeslagen.") % hoofd)
            return redirect("web:applicatie_detail", uuid=applicatie.uuid)
    return _form_page(request, "web/applicaties/formulier.html", formulier, applicatie=applicatie)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def applicatie_delete_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor
    applicatie = applicatie_get(actor=actor, uuid=uuid)
    form = VerwijderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            applicatie_delete(actor, applicatie, toelichting=form.cleaned_data["toelichting"])
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            messages.success(
                request, _("API-koppeling ‘%(label)s’ is verwijderd.") % {"label": applicatie}
            )
            return redirect("web:applicaties")
    status = 400 if form.errors else 200
    context = {"applicatie": applicatie, "form": form}
    return render(request, "web/applicaties/verwijderen.html", context, status=status)


@staff_required(roles=BEHEER)
@require_http_methods(GET_POST)
def applicatie_secret_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """A new secret for one client id: the old one stops working at once."""
    actor = request.actor
    applicatie = applicatie_get(actor=actor, uuid=uuid)
    client_ids = sorted(c.client_id for c in applicatie.clients.all())
    form = SecretForm(request.POST or None, client_ids=client_ids)
    if request.method == "POST" and form.is_valid():
        client_id = form.cleaned_data["client_id"]
        secret = secret_generate()
        try:
            applicatie_update(
                actor,
                applicatie,
                secrets={client_id: secret},
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            _secret_bewaren(request, applicatie, client_id, secret)
            messages.success(
                request, _("De secret van ‘%(client_id)s’ is vervangen.") % {"client_id": client_id}
            )
            return redirect("web:applicatie_detail", uuid=applicatie.uuid)
    status = 400 if form.errors else 200
    context = {"applicatie": applicatie, "form": form}
    return render(request, "web/applicaties/secret.html", context, status=status)
