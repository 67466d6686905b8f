"""The live preview: a letter as the HTML document WeasyPrint turns into the PDF, an e-mail
as a mail client shows it, both for an `<iframe srcdoc>`.
"""

from __future__ import annotations

from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.messaging.models import (
    Briefhoofd,
    SjabloonSoort,
)
from raadhuis.kernel.messaging.samenvoegvelden import (
    merge_context,
    voorbeeld_context,
)
from raadhuis.kernel.messaging.selectors import (
    voorbeeldzaak_get,
    voorbeeldzaken,
)
from raadhuis.kernel.messaging.services import brief_render_html
from raadhuis.kernel.messaging.sjablonen import (
    SjabloonTekst,
    inhoud_render,
    onderwerp_render,
    sjabloon_check,
)

FICTIEF = ""


def voorbeeldkeuzes_voor(request: HttpRequest) -> list[tuple[str, str]]:
    keuzes = [(FICTIEF, _("Fictieve gegevens"))]
    for zaak in voorbeeldzaken(actor=request.actor):
        keuzes.append((str(zaak.uuid), f"{zaak.identificatie} · {zaak.zaaktype.omschrijving}"))
    return keuzes


def voorbeeld_context_kiezen(request: HttpRequest, keuze: str) -> dict[str, Any]:
    if keuze:
        try:
            return merge_context(voorbeeldzaak_get(actor=request.actor, uuid=keuze))
        except NietGevonden:
            pass
    return voorbeeld_context(request.actor.organisatie)


def foutmeldingen(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for berichten in error.message_dict.values() for m in berichten]
    return list(error.messages)


def _emailadres_in(context: dict[str, Any]) -> str:
    """The address an e-mail of this context goes to: the addressee's, else the relation's."""
    for groep in ("ontvanger", "relatie", "client"):
        adres = (context.get(groep) or {}).get("email") or ""
        if adres:
            return str(adres)
    return ""


def email_voorbeeld_html(
    tekst: SjabloonTekst, context: dict[str, Any], *, organisatie: Any, aan: str = ""
) -> str:
    """An e-mail template merged with `context`, as a mail client shows it (from, to, subject
    above a body of mail width), as a whole HTML document for an `<iframe srcdoc>`. Raises
    SjabloonFout (Dutch, per field) like brief_render_html."""
    sjabloon_check(tekst, extra_namen=context.keys())
    with translation.override("nl"):
        return render_to_string(
            "messaging/email.html",
            {
                "afzender": formataddr((organisatie.naam, settings.DEFAULT_FROM_EMAIL)),
                "aan": aan or _emailadres_in(context),
                "datum": (context.get("datum") or {}).get("vandaag"),
                "onderwerp": onderwerp_render(tekst, context),
                "inhoud": mark_safe(inhoud_render(tekst, context)),  # noqa: S308 - autoescaped
                "stylesheet": static("messaging/email.css"),
            },
        )


def voorbeeld_maken(
    request: HttpRequest,
    tekst: SjabloonTekst,
    context: dict[str, Any],
    briefhoofd: Briefhoofd | None = None,
    soort: str = SjabloonSoort.BRIEF,
) -> dict[str, Any]:
    """{"html": the letter document} or {"fouten": Dutch messages}. An e-mail template is
    shown as an e-mail, not as an A4 letter ("email": True)."""
    try:
        if soort == SjabloonSoort.EMAIL:
            html = email_voorbeeld_html(tekst, context, organisatie=request.actor.organisatie)
            return {"html": html, "email": True, "titel": _("Voorbeeld van de e-mail")}
        html = brief_render_html(
            tekst,
            context,
            organisatie=request.actor.organisatie,
            briefhoofd=briefhoofd,
            voor_scherm=True,
        )
    except ValidationError as error:
        return {"fouten": foutmeldingen(error)}
    return {"html": html, "titel": _("Voorbeeld van de brief")}


def render_voorbeeld(request: HttpRequest, voorbeeld: dict[str, Any]) -> HttpResponse:
    return render(request, "web/brieven/_voorbeeld.html", {"voorbeeld": voorbeeld})
