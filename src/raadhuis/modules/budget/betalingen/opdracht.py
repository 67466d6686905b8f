"""One payment order: ask and allow an overdraft for a held-back payment, or strike the
payment out.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.betalingen.algemeen import VierOgenFout, require_persoon
from raadhuis.modules.budget.betalingen.dagvoorstel import voorstel_voor
from raadhuis.modules.budget.betalingen.uitvoerdata import uitvoerdatum_voor
from raadhuis.modules.budget.models import (
    Betaalopdracht,
    OpdrachtStatus,
    VoorstelStatus,
)


def _lock_opdracht(actor: Actor, opdracht: Betaalopdracht) -> Betaalopdracht:
    locked = (
        Betaalopdracht.objects.select_for_update(of=("self",))
        .select_related("voorstel", "budgetrekening__zaak", "betaalpost")
        .get(pk=opdracht.pk)
    )
    if locked.organisatie_id != actor.organisatie.pk or not actor.mag_zaak_zien(
        locked.budgetrekening.zaak.zaaktype_id,
        locked.budgetrekening.zaak.vertrouwelijkheidaanduiding,
        zaak_id=locked.budgetrekening.zaak_id,
    ):
        raise NietGevonden(_("Betaling niet gevonden."))
    return locked


def roodstand_vragen(*, actor: Actor, opdracht: Betaalopdracht, reden: str) -> Betaalopdracht:
    """Ask that a held-back payment be made anyway, although the client goes below zero."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError(
            {"reden": ValidationError(_("Geef de reden voor de roodstand."), code="required")}
        )
    require_persoon(actor)
    with transaction.atomic():
        o = _lock_opdracht(actor, opdracht)
        if o.status != OpdrachtStatus.TEGENGEHOUDEN:
            raise ValidationError(
                _("Alleen een tegengehouden betaling kan met roodstand worden betaald."),
                code="niet_tegengehouden",
            )
        if o.roodstand_gevraagd_door_id:
            raise ValidationError(
                _("Voor deze betaling is al een roodstand gevraagd."), code="al_gevraagd"
            )
        o.roodstand_gevraagd_door = actor.medewerker
        o.reden = f"{o.reden}\n" + _("Roodstand gevraagd door %(naam)s: %(reden)s") % {
            "naam": actor.weergave,
            "reden": reden,
        }
        o.save(update_fields=["roodstand_gevraagd_door", "reden"])
        audit_entry_record(
            actor=actor,
            actie="budget_roodstand_gevraagd",
            obj=o,
            zaak_uuid=o.budgetrekening.zaak.uuid,
            toelichting=reden,
        )
    return o


def roodstand_toestaan(*, actor: Actor, opdracht: Betaalopdracht) -> Betaalopdracht:
    """A second medewerker allows the overdraft: the payment goes into the pending proposal of
    its bank account (or a new one, which then needs yet another person's approval)."""
    require_persoon(actor)
    with transaction.atomic():
        o = _lock_opdracht(actor, opdracht)
        if o.status != OpdrachtStatus.TEGENGEHOUDEN or not o.roodstand_gevraagd_door_id:
            raise ValidationError(
                _("Voor deze betaling is geen roodstand gevraagd."), code="niet_gevraagd"
            )
        if o.roodstand_gevraagd_door_id == actor.medewerker.pk:
            raise VierOgenFout(
                _("Je hebt de roodstand zelf gevraagd. Een andere medewerker moet hem toestaan.")
            )
        voorstel = o.voorstel
        if voorstel is None or voorstel.status != VoorstelStatus.TER_GOEDKEURING:
            voorstel = voorstel_voor(
                actor,
                o.budgetrekening.beheerrekening,
                uitvoerdatum_voor(vandaag(actor.organisatie.tijdzone), actor.organisatie.land),
            )
        o.roodstand_toegestaan_door = actor.medewerker
        o.status = OpdrachtStatus.VOORGESTELD
        o.voorstel = voorstel
        o.reden = f"{o.reden}\n" + _("Roodstand toegestaan door %(naam)s.") % {
            "naam": actor.weergave
        }
        o.save(update_fields=["roodstand_toegestaan_door", "status", "voorstel", "reden"])
        audit_entry_record(
            actor=actor,
            actie="budget_roodstand_toegestaan",
            obj=o,
            zaak_uuid=o.budgetrekening.zaak.uuid,
            wijzigingen={"status": [OpdrachtStatus.TEGENGEHOUDEN, OpdrachtStatus.VOORGESTELD]},
        )
    return o


def opdracht_schrappen(*, actor: Actor, opdracht: Betaalopdracht, reden: str) -> Betaalopdracht:
    """Take one payment out before approval (e.g. the payee's IBAN turned out to be wrong):
    it is not paid and not proposed again for this due date."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError(
            {
                "reden": ValidationError(
                    _("Geef de reden om deze betaling te schrappen."), code="required"
                )
            }
        )
    require_persoon(actor)
    with transaction.atomic():
        o = _lock_opdracht(actor, opdracht)
        if o.status not in (OpdrachtStatus.VOORGESTELD, OpdrachtStatus.TEGENGEHOUDEN):
            raise ValidationError(
                _("Deze betaling is al verstuurd en kan niet meer worden geschrapt."),
                code="al_verstuurd",
            )
        vorige = o.status
        o.status = OpdrachtStatus.AFGEWEZEN
        o.reden = _("Geschrapt door %(naam)s: %(reden)s") % {"naam": actor.weergave, "reden": reden}
        o.save(update_fields=["status", "reden"])
        audit_entry_record(
            actor=actor,
            actie="budget_betaling_geschrapt",
            obj=o,
            zaak_uuid=o.budgetrekening.zaak.uuid,
            wijzigingen={"status": [vorige, OpdrachtStatus.AFGEWEZEN]},
            toelichting=reden,
        )
    return o
