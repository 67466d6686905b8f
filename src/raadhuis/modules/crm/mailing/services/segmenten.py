"""Segments of targeted communication, and what every part of mailing shares (role, source)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import (
    Medewerker,
    OrganisatorischeEenheid,
    Rol,
)
from raadhuis.modules.crm.mailing.models import Segment
from raadhuis.modules.crm.models import RelatieSoort, Tag

MAY_MAIL = (Rol.MEDEWERKER,)
AFMELD_SALT = "raadhuis.crm.mailing.afmelden"
BRON = "crm_mailing"  # the mailing's e-mails in the kernel outbox
SEGMENT_VELDEN = (
    "naam",
    "omschrijving",
    "soort",
    "tag",
    "eenheid",
    "accountmanager",
    "postcode_van",
    "postcode_tot",
    "zaaktype_identificatie",
    "zaak_jaren",
)


def _snapshot(obj: Any, velden: tuple[str, ...]) -> dict[str, Any]:  # noqa: ANN401
    return {v: str(getattr(obj, v)) if getattr(obj, v) is not None else None for v in velden}


# --- segments ---------------------------------------------------------------------------------
def _segment_errors(actor: Actor, velden: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not str(velden.get("naam") or "").strip():
        errors["naam"] = _("Geef het segment een naam.")
    if velden.get("soort") and velden["soort"] not in RelatieSoort.values:
        errors["soort"] = _("Kies een soort relatie.")
    for veld in ("postcode_van", "postcode_tot"):
        waarde = velden.get(veld) or ""
        if waarde and not (len(waarde) == 4 and waarde.isdigit()):
            errors[veld] = _("Geef de vier cijfers van een postcode, bijv. 5211.")
    van, tot = velden.get("postcode_van") or "", velden.get("postcode_tot") or ""
    if van and tot and not {"postcode_van", "postcode_tot"} & set(errors) and van > tot:
        errors["postcode_tot"] = _("De postcode ‘tot en met’ ligt vóór ‘vanaf’.")
    jaren = velden.get("zaak_jaren")
    if jaren is not None and not (1 <= int(jaren) <= 20):
        errors["zaak_jaren"] = _("Kies 1 tot en met 20 jaar.")
    for veld, model in (
        ("tag", Tag),
        ("eenheid", OrganisatorischeEenheid),
        ("accountmanager", Medewerker),
    ):
        obj = velden.get(veld)
        if obj is not None and (
            not isinstance(obj, model) or obj.organisatie_id != actor.organisatie.pk
        ):
            errors[veld] = _("Onbekend in deze organisatie.")
    return errors


def segment_save(*, actor: Actor, segment: Segment | None = None, **velden: Any) -> Segment:
    """Create a segment, or change the criteria of `segment`. `velden`: SEGMENT_VELDEN."""
    require_role(actor, *MAY_MAIL)
    onbekend = set(velden) - set(SEGMENT_VELDEN)
    if onbekend:
        raise ValueError(f"unknown segment fields: {sorted(onbekend)}")
    if segment is not None and segment.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Segment niet gevonden.")
    velden["zaaktype_identificatie"] = str(velden.get("zaaktype_identificatie") or "").strip()
    errors = _segment_errors(actor, velden)
    if errors:
        raise ValidationError(errors)
    nieuw = segment is None
    if segment is None:
        segment = Segment(organisatie=actor.organisatie, aangemaakt_door=actor.weergave)
    voor = {} if nieuw else _snapshot(segment, SEGMENT_VELDEN)
    for veld, waarde in velden.items():
        setattr(segment, veld, waarde.strip() if isinstance(waarde, str) else waarde)
    with transaction.atomic():
        segment.save()
        na = _snapshot(segment, SEGMENT_VELDEN)
        audit_entry_record(
            actor=actor,
            actie="segment_aangemaakt" if nieuw else "segment_gewijzigd",
            obj=segment,
            wijzigingen={k: [voor.get(k), v] for k, v in na.items() if voor.get(k) != v},
        )
    return segment
