"""What the process screens share: the role they need, the methods of a form view, the
largest import file, and the context of the version editor page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.models import (
    ProcesVersie,
)
from raadhuis.kernel.workflow.proces_selectors import (
    procesversie_stappen,
)
from raadhuis.kernel.workflow.proces_services import (
    nieuwste_zaaktype,
    procesversie_problemen,
)
from raadhuis.web.views.processen.formulieren import (
    PubliceerForm,
    StapForm,
)

BEHEER = [Rol.FUNCTIONEEL_BEHEERDER]
GET_POST = ["GET", "POST"]
MAX_IMPORT_BYTES = 1_000_000


def editor_context(request: HttpRequest, versie: ProcesVersie, **extra: Any) -> dict[str, Any]:
    """The version editor page's context: its steps, its problems (a concept only) and the
    forms to add a step and to publish; `extra` overrides (a bound form with errors)."""
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
