"""Closing a complaint: the decision letter (Awb 9:12), not handling it (Awb 9:8), withdrawal
and informal resolution."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.modules.crm.klachten import brieven
from raadhuis.modules.crm.klachten.models import (
    Klacht,
    KlachtStatus,
    NietBehandelenGrond,
    Oordeel,
)
from raadhuis.modules.crm.klachten.services.basis import (
    _afsluiten,
    _lock,
    _overgang_check,
    _status_zetten,
    _taak_afronden,
    _vandaag,
)

# --- decision and closing ---------------------------------------------------------------------


def klacht_besluit_verzenden(
    *,
    actor: Actor,
    klacht: Klacht,
    oordeel: str,
    bevindingen: str,
    conclusies: str,
    maatregelen: str = "",
    kanaal: str = "",
) -> Klacht:
    """Awb 9:12: the written decision with the findings, the judgement and the conclusions
    goes to the complainant. The complainant was heard, or the reason why not is recorded
    (Awb 9:10)."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, KlachtStatus.BESLUIT_VERZONDEN)
        errors: dict[str, str] = {}
        if oordeel not in Oordeel.values:
            errors["oordeel"] = _("Kies het oordeel.")
        if not (bevindingen or "").strip():
            errors["bevindingen"] = _("Beschrijf de bevindingen van het onderzoek (Awb 9:12).")
        if not (conclusies or "").strip():
            errors["conclusies"] = _("Vul de conclusies in (Awb 9:12).")
        if not klacht.hoorzitting_verslag and not klacht.geen_hoorzitting_reden:
            errors["__all__"] = _(
                "Leg eerst de hoorzitting vast, of de reden waarom de klager niet is gehoord "
                "(Awb 9:10 lid 2)."
            )
        if errors:
            raise ValidationError(errors)
        klacht.oordeel = oordeel
        klacht.bevindingen = bevindingen.strip()
        klacht.conclusies = conclusies.strip()
        klacht.maatregelen = (maatregelen or "").strip()
        klacht.besluit_verzonden_op = _vandaag(actor)
        klacht.save(
            update_fields=[
                "oordeel",
                "bevindingen",
                "conclusies",
                "maatregelen",
                "besluit_verzonden_op",
                "gewijzigd_op",
            ]
        )
        brieven.klacht_brief_send(
            actor=actor,
            klacht=klacht,
            sjabloon_code=brieven.SJABLOON_BESLISSING,
            kanaal=kanaal,
            reden=_("Beslissing op klacht (Awb 9:12)"),
        )
        _status_zetten(actor, klacht, KlachtStatus.BESLUIT_VERZONDEN, _("Awb 9:12"))
        # The term is met when the decision is sent: that is the handling the law asks for.
        klacht.afgehandeld_op = klacht.besluit_verzonden_op
        klacht.save(update_fields=["afgehandeld_op"])
        _taak_afronden(actor, klacht, _("Beslissing op klacht verzonden"))
    return klacht


def klacht_afhandelen(*, actor: Actor, klacht: Klacht, toelichting: str = "") -> Klacht:
    """Close the complaint after the decision was sent and register it (Awb 9:12a)."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, KlachtStatus.AFGEHANDELD)
        afgehandeld_op = klacht.afgehandeld_op
        _afsluiten(actor, klacht, KlachtStatus.AFGEHANDELD, klacht.oordeel, toelichting)
        # The handling date is the day the decision went out, not the day of registration.
        klacht.afgehandeld_op = afgehandeld_op or klacht.afgehandeld_op
        klacht.save(update_fields=["afgehandeld_op"])
    return klacht


def klacht_niet_behandelen(
    *, actor: Actor, klacht: Klacht, grond: str, toelichting: str = "", kanaal: str = ""
) -> Klacht:
    """Awb 9:8: do not handle the complaint, on one of the grounds of the law; the complainant
    is told in writing (within four weeks of receipt, lid 3)."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, KlachtStatus.NIET_ONTVANKELIJK)
        if grond not in NietBehandelenGrond.values:
            raise ValidationError({"grond": _("Kies een grond uit artikel 9:8 Awb.")})
        klacht.niet_behandelen_grond = grond
        klacht.afsluit_toelichting = (toelichting or "").strip()
        klacht.save(update_fields=["niet_behandelen_grond", "afsluit_toelichting", "gewijzigd_op"])
        brieven.klacht_brief_send(
            actor=actor,
            klacht=klacht,
            sjabloon_code=brieven.SJABLOON_NIET_BEHANDELEN,
            kanaal=kanaal,
            reden=_("Klacht niet in behandeling (Awb 9:8)"),
        )
        _afsluiten(
            actor,
            klacht,
            KlachtStatus.NIET_ONTVANKELIJK,
            KlachtStatus.NIET_ONTVANKELIJK,
            toelichting,
        )
    return klacht


def klacht_intrekken(*, actor: Actor, klacht: Klacht, toelichting: str) -> Klacht:
    """The complainant withdraws the complaint."""
    return _zonder_besluit_afsluiten(actor, klacht, KlachtStatus.INGETROKKEN, toelichting)


def klacht_informeel_oplossen(*, actor: Actor, klacht: Klacht, toelichting: str) -> Klacht:
    """Awb 9:5: the complaint was resolved to the complainant's satisfaction; no further
    handling is required."""
    return _zonder_besluit_afsluiten(actor, klacht, KlachtStatus.INFORMEEL_OPGELOST, toelichting)


def _zonder_besluit_afsluiten(actor: Actor, klacht: Klacht, eindstatus: str, toelichting: str):  # noqa: ANN202
    if not (toelichting or "").strip():
        raise ValidationError({"toelichting": _("Licht toe hoe en wanneer dit is afgesproken.")})
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, eindstatus)
        klacht.afsluit_toelichting = toelichting.strip()
        klacht.save(update_fields=["afsluit_toelichting", "gewijzigd_op"])
        _afsluiten(actor, klacht, eindstatus, eindstatus, toelichting)
    return klacht
