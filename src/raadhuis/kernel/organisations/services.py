"""Writes on organisations (tenants)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.organisations.models import Land, Organisatie

TIJDZONES = {Land.NL: "Europe/Amsterdam", Land.BE: "Europe/Brussels"}


def organisatie_create(
    *, naam: str, rsin: str, land: str = Land.NL, zaak_prefix: str = "ZAAK", door: str
) -> Organisatie:
    """Register a new tenant; its time zone follows its country. `door` names who did it (an
    operator's command: there is no medewerker before the organisation exists)."""
    naam = naam.strip()
    rsin = rsin.strip().replace(" ", "").replace(".", "")
    if land not in Land.values:
        raise ValidationError({"land": _("Kies NL of BE.")})
    organisatie = Organisatie(
        naam=naam, rsin=rsin, land=land, tijdzone=TIJDZONES[Land(land)], zaak_prefix=zaak_prefix
    )
    organisatie.full_clean()  # Dutch messages: required name, 11-check and uniqueness of RSIN
    with transaction.atomic():
        organisatie.save()
        audit_entry_record(
            actor=Actor.system(organisatie, weergave=door),
            actie="organisatie_aangemaakt",
            obj=organisatie,
            wijzigingen=diff({}, snapshot(organisatie, ["naam", "rsin", "land", "tijdzone"])),
        )
    return organisatie
