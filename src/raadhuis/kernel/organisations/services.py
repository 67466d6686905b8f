"""Writes on organisations (tenants)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.organisations.models import Land, Medewerker, Organisatie, Rol

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


def medewerker_rollen_sync(medewerker: Medewerker, *, rollen: set[str], bron: str) -> bool:
    """Give `medewerker` exactly `rollen`, as an identity provider says (single sign-on with
    role mapping). Audited as the system acting for `bron`; returns whether anything changed."""
    unknown = rollen - set(Rol.values)
    if unknown:
        raise ValidationError({"rollen": _("Onbekende rol: %s.") % ", ".join(sorted(unknown))})
    nieuw = sorted(rollen)
    if sorted(medewerker.rollen) == nieuw:
        return False
    with transaction.atomic():
        before = {"rollen": sorted(medewerker.rollen)}
        medewerker.rollen = nieuw
        medewerker.save(update_fields=["rollen"])
        audit_entry_record(
            actor=Actor.system(medewerker.organisatie, weergave=bron),
            actie="medewerker_rollen_gewijzigd",
            obj=medewerker,
            wijzigingen=diff(before, {"rollen": nieuw}),
            toelichting=_("Rollen overgenomen uit de inlog bij %s.") % bron,
        )
    return True
