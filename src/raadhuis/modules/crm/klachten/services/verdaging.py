"""Extending (Awb 9:11 lid 2) and postponing (with the complainant's consent) a complaint's term."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.services import zaak_update
from raadhuis.modules.crm.klachten import brieven, termijnen
from raadhuis.modules.crm.klachten.models import (
    Klacht,
    KlachtStatus,
)
from raadhuis.modules.crm.klachten.services.basis import (
    _audit,
    _lock,
    _termijn_taak_maken,
    _vandaag,
)

# --- the term ---------------------------------------------------------------------------------


def klacht_verdagen(
    *,
    actor: Actor,
    klacht: Klacht,
    verdaagd_tot: date | None,
    mededeling_op: date | None = None,
    reden: str = "",
    kanaal: str = "",
) -> Klacht:
    """Awb 9:11 lid 2: postpone the handling by at most four weeks, with written notice to the
    complainant before the term ends (the letter is sent now; `mededeling_op` defaults to
    today). Only once: further postponement needs the complainant's consent (klacht_uitstellen)."""
    mededeling_op = mededeling_op or _vandaag(actor)
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        if klacht.is_afgesloten or klacht.status == KlachtStatus.BESLUIT_VERZONDEN:
            raise ValidationError(_("Deze klacht is al afgehandeld."), code="afgesloten")
        if klacht.verdaagd_tot is not None:
            raise ValidationError(
                {
                    "verdaagd_tot": _(
                        "De afhandeling is al verdaagd. Verder uitstel kan alleen met "
                        "schriftelijke instemming van de klager (Awb 9:11 lid 3)."
                    )
                }
            )
        if not (reden or "").strip():
            raise ValidationError({"reden": _("Geef de reden van de verdaging.")})
        errors = termijnen.verdaging_fouten(
            uiterlijk=klacht.uiterlijk_oorspronkelijk,
            mededeling_op=mededeling_op,
            verdaagd_tot=verdaagd_tot,
            land=klacht.organisatie.land,
        )
        if mededeling_op > _vandaag(actor):
            errors.setdefault("mededeling_op", _("De datum van de mededeling ligt in de toekomst."))
        if errors:
            raise ValidationError(errors)
        klacht.verdaagd_tot = verdaagd_tot
        klacht.verdaging_mededeling_op = mededeling_op
        klacht.verdaging_reden = reden.strip()
        klacht.save(
            update_fields=[
                "verdaagd_tot",
                "verdaging_mededeling_op",
                "verdaging_reden",
                "gewijzigd_op",
            ]
        )
        brieven.klacht_brief_send(
            actor=actor,
            klacht=klacht,
            sjabloon_code=brieven.SJABLOON_VERDAGING,
            kanaal=kanaal,
            reden=_("Verdaging afhandeling klacht (Awb 9:11 lid 2)"),
        )
        # Awb 9:11 lid 2: the notice goes to the person the complaint is about as well.
        brieven.betrokkene_brief_send(
            actor=actor,
            klacht=klacht,
            sjabloon_code=brieven.SJABLOON_VERDAGING_BETROKKENE,
            reden=_("Verdaging afhandeling klacht, bericht aan betrokkene (Awb 9:11 lid 2)"),
        )
        zaak_update(actor=actor, zaak=klacht.zaak, uiterlijke_einddatum_afdoening=verdaagd_tot)
        _termijn_taak_maken(
            actor, klacht, _("Verdaagd tot %(d)s (Awb 9:11 lid 2)") % {"d": verdaagd_tot}
        )
        _audit(
            actor,
            "klacht_verdaagd",
            klacht,
            {"uiterlijk": [str(klacht.uiterlijk_oorspronkelijk), str(verdaagd_tot)]},
            reden,
        )
    return klacht


def klacht_uitstellen(
    *, actor: Actor, klacht: Klacht, uitstel_tot: date | None, instemming_op: date | None
) -> Klacht:
    """Awb 9:11 lid 3: further postponement, only with the complainant's written consent."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        if klacht.is_afgesloten or klacht.status == KlachtStatus.BESLUIT_VERZONDEN:
            raise ValidationError(_("Deze klacht is al afgehandeld."), code="afgesloten")
        errors = termijnen.uitstel_fouten(
            uiterlijk=klacht.uiterlijk, instemming_op=instemming_op, uitstel_tot=uitstel_tot
        )
        if instemming_op is not None and instemming_op > _vandaag(actor):
            errors["instemming_op"] = _("De datum van de instemming ligt in de toekomst.")
        if errors:
            raise ValidationError(errors)
        oud = klacht.uiterlijk
        klacht.uitstel_tot = uitstel_tot
        klacht.uitstel_instemming_op = instemming_op
        klacht.save(update_fields=["uitstel_tot", "uitstel_instemming_op", "gewijzigd_op"])
        zaak_update(actor=actor, zaak=klacht.zaak, uiterlijke_einddatum_afdoening=uitstel_tot)
        _termijn_taak_maken(
            actor,
            klacht,
            _("Uitgesteld tot %(d)s met instemming klager (Awb 9:11 lid 3)") % {"d": uitstel_tot},
        )
        _audit(actor, "klacht_uitgesteld", klacht, {"uiterlijk": [str(oud), str(uitstel_tot)]})
    return klacht
