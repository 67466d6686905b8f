"""How a letter looks: rendering a template to HTML with its letterhead, and the letterhead
itself (logo, sender, signature), kept by the functional administrator."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.messaging.models import Brief, Briefhoofd, BriefSjabloon, BriefSjabloonVersie
from raadhuis.kernel.messaging.sjablonen import (
    VERBODEN_HTML,
    SjabloonTekst,
    brief_document_render,
    sjabloon_check,
)
from raadhuis.kernel.messaging.standaard import STANDAARD_BRIEFHOOFD
from raadhuis.kernel.organisations.models import Organisatie, Rol

BEHEER_ROLLEN = (Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER)
BRIEFHOOFD_VELDEN = ("logo_svg", "afzender", "plaats", "ondertekening", "voettekst")


# --- rendering (public) ---------------------------------------------------------------------
def _tekst_van(sjabloon: BriefSjabloon | BriefSjabloonVersie | SjabloonTekst) -> SjabloonTekst:
    if isinstance(sjabloon, SjabloonTekst):
        return sjabloon
    versie = sjabloon.huidige_versie if isinstance(sjabloon, BriefSjabloon) else sjabloon
    if versie is None:
        raise ValidationError(_("Dit briefsjabloon heeft nog geen tekst."))
    return SjabloonTekst(onderwerp=versie.onderwerp, inhoud=versie.inhoud, naam=versie.naam)


def _organisatie_van(sjabloon: Any) -> Organisatie | None:  # noqa: ANN401
    if isinstance(sjabloon, BriefSjabloon):
        return sjabloon.organisatie
    if isinstance(sjabloon, BriefSjabloonVersie):
        return sjabloon.sjabloon.organisatie
    return None


def brief_render_html(
    sjabloon: BriefSjabloon | BriefSjabloonVersie | SjabloonTekst,
    context: Mapping[str, Any],
    *,
    organisatie: Organisatie | None = None,
    briefhoofd: Briefhoofd | None = None,
    voor_scherm: bool = False,
) -> str:
    """The letter as a complete HTML document (letterhead, address, body, footer) with the
    merge fields of `context` filled in. Raises SjabloonFout (a ValidationError with a Dutch
    message) for a syntax error or unknown merge field. `sjabloon` may be a template (its
    current version), a version, or unsaved text (SjabloonTekst, with `organisatie`)."""
    tekst = _tekst_van(sjabloon)
    organisatie = organisatie or _organisatie_van(sjabloon)
    if organisatie is None:
        raise ValueError("brief_render_html needs the organisation for unsaved text")
    sjabloon_check(tekst, extra_namen=context.keys())
    if briefhoofd is None:
        briefhoofd = briefhoofd_voor(organisatie)
    return brief_document_render(
        tekst, context, organisatie=organisatie, briefhoofd=briefhoofd, voor_scherm=voor_scherm
    )


def briefhoofd_van_brief(brief: Brief) -> Briefhoofd:
    """The letterhead a letter was made with (unsaved), for showing or re-rendering it as it
    was; a letter from before this was kept gets the current letterhead."""
    if not brief.briefhoofd:
        return briefhoofd_voor(brief.organisatie)
    velden = {k: v for k, v in brief.briefhoofd.items() if k in BRIEFHOOFD_VELDEN}
    return Briefhoofd(organisatie=brief.organisatie, **velden)


def briefhoofd_voor(organisatie: Organisatie) -> Briefhoofd:
    """The organisation's letterhead; an unsaved default when it has none yet."""
    hoofd = Briefhoofd.objects.filter(organisatie=organisatie).first()
    if hoofd is not None:
        return hoofd
    return Briefhoofd(
        organisatie=organisatie,
        afzender=organisatie.naam,
        voettekst=organisatie.naam,
        **{k: v for k, v in STANDAARD_BRIEFHOOFD.items() if k not in ("afzender", "voettekst")},
    )


# --- letterhead -----------------------------------------------------------------------------
def logo_check(svg: str) -> str:
    """An SVG logo that a letter may carry: SVG markup, nothing active, nothing fetched."""
    svg = (svg or "").strip()
    if not svg:
        return ""
    if not re.match(r"^(<\?xml[^>]*>\s*)?<svg[\s>]", svg, re.IGNORECASE):
        raise field_error("logo_svg", _("Het logo moet SVG-code zijn (<svg …>)."), code="svg")
    if VERBODEN_HTML.search(svg) or re.search(r"(href|src)\s*=\s*[\"']?\s*(?!#|data:)", svg, re.I):
        raise field_error(
            "logo_svg",
            _("Het logo mag geen scripts, gebeurtenissen of verwijzingen naar buiten bevatten."),
            code="svg",
        )
    if len(svg) > 200_000:
        raise field_error("logo_svg", _("Het logo is groter dan 200 kB."), code="svg")
    return svg


def briefhoofd_ensure(organisatie: Organisatie) -> Briefhoofd:
    hoofd, _nieuw = Briefhoofd.objects.get_or_create(
        organisatie=organisatie,
        defaults={
            **STANDAARD_BRIEFHOOFD,
            "afzender": f"{organisatie.naam}\n{STANDAARD_BRIEFHOOFD['afzender']}".strip(),
            "voettekst": organisatie.naam,
        },
    )
    return hoofd


def briefhoofd_update(*, actor: Actor, **velden: str) -> Briefhoofd:
    """Change the organisation's letterhead (logo, sender block, place, signature, footer)."""
    require_role(actor, *BEHEER_ROLLEN)
    onbekend = set(velden) - set(BRIEFHOOFD_VELDEN)
    if onbekend:
        raise TypeError(f"Unknown fields: {', '.join(sorted(onbekend))}")
    if "logo_svg" in velden:
        velden["logo_svg"] = logo_check(velden["logo_svg"])
    for naam in ("afzender", "ondertekening", "voettekst", "plaats"):
        if naam in velden and VERBODEN_HTML.search(velden[naam] or ""):
            raise field_error(naam, _("Dit mag geen HTML-code bevatten."), code="html")
    with transaction.atomic():
        briefhoofd_ensure(actor.organisatie)
        hoofd = Briefhoofd.objects.select_for_update().get(organisatie=actor.organisatie)
        voor = snapshot(hoofd, BRIEFHOOFD_VELDEN)
        for naam, waarde in velden.items():
            setattr(hoofd, naam, (waarde or "").strip())
        hoofd.full_clean(exclude=["organisatie"])
        hoofd.save()
        wijzigingen = diff(voor, snapshot(hoofd, BRIEFHOOFD_VELDEN))
        if wijzigingen:
            audit_entry_record(
                actor=actor, actie="briefhoofd_gewijzigd", obj=hoofd, wijzigingen=wijzigingen
            )
    return hoofd
