"""What the consultant's debt screens share: the role they need, the methods of a form
view, the status of a form response and the address of a dossier page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.shv.models import ShvDossier

MEDEWERKER = [Rol.MEDEWERKER]
GET_POST = ["GET", "POST"]


def form_status(form: Any) -> int:  # noqa: ANN401 - any bound form
    """400 for a bound form with errors (the page shows them), else 200."""
    return 400 if form.is_bound and form.errors else 200


def dossier_url(dossier: ShvDossier, anker: str = "") -> str:
    """The dossier page, optionally at one of its sections (`anker`)."""
    url = reverse("shv:dossier", kwargs={"uuid": dossier.zaak.uuid})
    return f"{url}#{anker}" if anker else url
