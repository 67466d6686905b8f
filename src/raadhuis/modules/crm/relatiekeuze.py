"""Step 1 of registering something for a relation (a contract, complaint or lead): the relation
chosen through ?partij=<uuid> (or the POSTed partij), else the search form and its results.
The page is crm/nieuw_relatie.html; the sub-app's view does step 2 (its own form)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.http import HttpRequest

from raadhuis.kernel.exceptions import NietGevonden

T = TypeVar("T")


def relatie_kiezen(
    request: HttpRequest,
    *,
    kies: Callable[[str], T],
    zoek: Callable[[str], list[Any]],
    zoek_form_class: type[forms.Form],
) -> tuple[T | None, forms.Form, list[Any]]:
    """(the chosen one or None, the search form, its results). `kies(uuid)` reads the party or
    relation through the sub-app's access rule (NietGevonden: as if none was chosen);
    `zoek(term)` searches only when nothing is chosen and the form is valid."""
    gekozen = None
    partij_uuid = request.POST.get("partij") or request.GET.get("partij")
    if partij_uuid:
        try:
            gekozen = kies(partij_uuid)
        except NietGevonden:
            gekozen = None
    zoek_form = zoek_form_class(request.GET if "zoek" in request.GET else None)
    resultaten: list[Any] = []
    if gekozen is None and zoek_form.is_bound and zoek_form.is_valid():
        resultaten = zoek(zoek_form.cleaned_data["zoek"])
    return gekozen, zoek_form, resultaten
