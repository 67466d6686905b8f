"""Login, second factor, choice of organisation and logout. Thin: forms check input, the
services and session helpers do the work."""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import auth, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from raadhuis.kernel.organisations.selectors import medewerkers_for_user
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.auth.forms import LoginForm, OrganisatieKeuzeForm, TotpCodeForm
from raadhuis.web.auth.selectors import second_factor_required, totp_device_confirmed
from raadhuis.web.auth.services import (
    TotpThrottledError,
    totp_device_confirm,
    totp_device_prepare,
    totp_token_verify,
)
from raadhuis.web.auth.session import (
    login_complete,
    pending_login_start,
    safe_next_url,
    second_factor_redirect,
    user_to_verify,
)
from raadhuis.web.middleware import SESSION_ORGANISATIE_KEY

GET_POST = ["GET", "POST"]


def _next_url(request: HttpRequest) -> str:
    return safe_next_url(request, request.POST.get("next") or request.GET.get("next"))


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(GET_POST)
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if request.user.is_authenticated:
        return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = form.get_user()
        if second_factor_required(user=user):
            pending_login_start(request, user=user, next_url=next_url)
            return second_factor_redirect(user)
        return login_complete(request, user=user, next_url=next_url)
    return render(request, "auth/login.html", {"form": form, "next": next_url})


@never_cache
@require_http_methods(GET_POST)
def totp_view(request: HttpRequest) -> HttpResponse:
    """Second step: the 6-digit code from the authenticator app."""
    user = user_to_verify(request)
    if user is None:
        return _start_again(request)
    if totp_device_confirmed(user=user) is None:
        return second_factor_redirect(user, _next_url(request))
    form = TotpCodeForm(data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            device = totp_token_verify(user=user, token=form.cleaned_data["code"])
        except TotpThrottledError:
            form.add_error("code", _throttled_message())
        else:
            if device is not None:
                return login_complete(
                    request, user=user, device=device, next_url=_next_url(request)
                )
            form.add_error("code", _wrong_code_message())
    return render(request, "auth/totp.html", {"form": form, "next": _next_url(request)})


@never_cache  # the page shows the TOTP secret
@require_http_methods(GET_POST)
def totp_setup_view(request: HttpRequest) -> HttpResponse:
    """First login of someone who must use a second factor: scan the QR code, confirm."""
    user = user_to_verify(request)
    if user is None:
        return _start_again(request)
    if totp_device_confirmed(user=user) is not None:
        # Enrolment happens once; a second device needs a functional administrator.
        return second_factor_redirect(user, _next_url(request))
    device = totp_device_prepare(user=user)
    form = TotpCodeForm(data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            confirmed = totp_device_confirm(
                user=user, device=device, token=form.cleaned_data["code"]
            )
        except TotpThrottledError:
            form.add_error("code", _throttled_message())
        else:
            if confirmed:
                messages.success(request, _("Je tweede factor is ingesteld."))
                return login_complete(
                    request, user=user, device=device, next_url=_next_url(request)
                )
            form.add_error("code", _wrong_code_message())
    otpauth_uri = device.config_url
    context = {
        "form": form,
        "next": _next_url(request),
        "otpauth_uri": otpauth_uri,
        "secret": _in_groups(base64.b32encode(device.bin_key).decode()),
        "qr_svg": _qr_svg(otpauth_uri),
    }
    return render(request, "auth/totp_setup.html", context)


@staff_required
@require_http_methods(GET_POST)
def organisatie_kiezen_view(request: HttpRequest) -> HttpResponse:
    medewerkers = medewerkers_for_user(user=request.user)
    form = OrganisatieKeuzeForm(
        data=request.POST if request.method == "POST" else None,
        medewerkers=medewerkers,
        initial={"organisatie": request.medewerker.organisatie_id},
    )
    if form.is_valid():
        request.session[SESSION_ORGANISATIE_KEY] = form.cleaned_data["organisatie"]
        chosen = next(
            m for m in medewerkers if m.organisatie_id == form.cleaned_data["organisatie"]
        )
        messages.success(request, _("Je werkt nu voor %(naam)s.") % {"naam": chosen.organisatie})
        return redirect(_next_url(request) or resolve_url(settings.LOGIN_REDIRECT_URL))
    return render(
        request, "auth/organisatie_kiezen.html", {"form": form, "next": _next_url(request)}
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    auth.logout(request)
    messages.info(request, _("Je bent uitgelogd."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


def _start_again(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Log eerst in met je gebruikersnaam en wachtwoord."))
    return redirect("web:login")


def _wrong_code_message() -> str:
    return _("Deze code klopt niet of is verlopen. Vul de code in die je app nu toont.")


def _throttled_message() -> str:
    return _(
        "Te veel onjuiste codes achter elkaar. Wacht een paar seconden en probeer het opnieuw; "
        "na elke onjuiste code duurt het wachten langer."
    )


def _in_groups(secret: str) -> str:
    """'ABCDEFGH…' as 'ABCD EFGH …': easier to type over, and apps ignore the spaces."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _qr_svg(data: str) -> str:
    """The otpauth URI as an inline SVG QR code (no external request, allowed by the CSP)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308 - generated by qrcode
