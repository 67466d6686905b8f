"""The hearing of the complainant (Awb 9:10): planning it, recording it, or not holding one."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import diff, snapshot
from raadhuis.modules.crm.klachten import brieven
from raadhuis.modules.crm.klachten.models import (
    GeenHoorzittingReden,
    Klacht,
    KlachtStatus,
)
from raadhuis.modules.crm.klachten.services.basis import (
    _audit,
    _lock,
    _overgang_check,
    _status_zetten,
    _vandaag,
)

# --- hearing (Awb 9:10) -----------------------------------------------------------------------


def klacht_hoorzitting_plannen(
    *, actor: Actor, klacht: Klacht, op: datetime | None, locatie: str = "", kanaal: str = ""
) -> Klacht:
    """Invite the complainant to be heard (Awb 9:10 lid 1); the invitation letter is sent."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, KlachtStatus.HOORZITTING)
        if op is None:
            raise ValidationError({"op": _("Vul de datum en tijd van de hoorzitting in.")})
        if timezone.localtime(op).date() < _vandaag(actor):
            raise ValidationError({"op": _("De hoorzitting ligt in het verleden.")})
        klacht.hoorzitting_gepland_op = op
        klacht.hoorzitting_locatie = (locatie or "").strip()
        klacht.save(update_fields=["hoorzitting_gepland_op", "hoorzitting_locatie", "gewijzigd_op"])
        brieven.klacht_brief_send(
            actor=actor,
            klacht=klacht,
            sjabloon_code=brieven.SJABLOON_UITNODIGING_HOORZITTING,
            kanaal=kanaal,
            reden=_("Uitnodiging hoorzitting (Awb 9:10)"),
        )
        _status_zetten(actor, klacht, KlachtStatus.HOORZITTING, _("Awb 9:10"))
    return klacht


def klacht_hoorzitting_vastleggen(
    *, actor: Actor, klacht: Klacht, gehouden_op: date | None, aanwezigen: str, verslag: str
) -> Klacht:
    """Record the hearing: when, who were present, and the report (verslag)."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        if klacht.status != KlachtStatus.HOORZITTING:
            raise ValidationError(_("Plan eerst de hoorzitting."), code="geen-hoorzitting")
        errors: dict[str, str] = {}
        if gehouden_op is None:
            errors["gehouden_op"] = _("Vul de datum van de hoorzitting in.")
        elif gehouden_op > _vandaag(actor):
            errors["gehouden_op"] = _("De hoorzitting ligt in de toekomst.")
        elif gehouden_op < klacht.ontvangen_op:
            errors["gehouden_op"] = _("De hoorzitting ligt vóór de ontvangst van de klacht.")
        if not (aanwezigen or "").strip():
            errors["aanwezigen"] = _("Vul in wie er aanwezig waren.")
        if not (verslag or "").strip():
            errors["verslag"] = _("Vul het verslag van de hoorzitting in.")
        if errors:
            raise ValidationError(errors)
        voor = snapshot(klacht, ["hoorzitting_gehouden_op", "hoorzitting_aanwezigen"])
        klacht.hoorzitting_gehouden_op = gehouden_op
        klacht.hoorzitting_aanwezigen = aanwezigen.strip()
        klacht.hoorzitting_verslag = verslag.strip()
        klacht.geen_hoorzitting_reden = ""
        klacht.save(
            update_fields=[
                "hoorzitting_gehouden_op",
                "hoorzitting_aanwezigen",
                "hoorzitting_verslag",
                "geen_hoorzitting_reden",
                "gewijzigd_op",
            ]
        )
        _audit(
            actor,
            "klacht_hoorzitting_vastgelegd",
            klacht,
            diff(voor, snapshot(klacht, ["hoorzitting_gehouden_op", "hoorzitting_aanwezigen"])),
        )
    return klacht


def klacht_geen_hoorzitting(
    *, actor: Actor, klacht: Klacht, reden: str, toelichting: str = ""
) -> Klacht:
    """Record why the complainant is not heard (Awb 9:10 lid 2 a, b or c)."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        if klacht.status not in (KlachtStatus.IN_BEHANDELING, KlachtStatus.HOORZITTING):
            raise ValidationError(
                _("Dit kan alleen bij een klacht die in behandeling is."), code="status"
            )
        if reden not in GeenHoorzittingReden.values:
            raise ValidationError({"reden": _("Kies een reden uit artikel 9:10 lid 2 Awb.")})
        klacht.geen_hoorzitting_reden = reden
        klacht.geen_hoorzitting_toelichting = (toelichting or "").strip()
        klacht.save(
            update_fields=["geen_hoorzitting_reden", "geen_hoorzitting_toelichting", "gewijzigd_op"]
        )
        _audit(actor, "klacht_geen_hoorzitting", klacht, {"reden": [None, reden]}, toelichting)
    return klacht
