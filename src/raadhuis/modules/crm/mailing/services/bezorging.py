"""Delivery through the kernel's outbox: the outcome of each e-mail on the recipient and on
its contact moment, delivering after commit, and bounces reported later."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.messaging.bezorging import verzendingen_process
from raadhuis.kernel.messaging.models import (
    Verzending,
    VerzendStatus,
)
from raadhuis.modules.crm.mailing.models import (
    MailingOntvanger,
    OntvangerStatus,
)
from raadhuis.modules.crm.mailing.services.segmenten import BRON, MAY_MAIL
from raadhuis.modules.crm.models import Kanaal, Uitkomst

# The logger of the module before it became a package, so logging settings keep applying.
logger = logging.getLogger("raadhuis.modules.crm.mailing.services")


# --- the outbox (the kernel's) ------------------------------------------------------------------
_STATUS_VAN = {
    VerzendStatus.IN_WACHTRIJ: OntvangerStatus.IN_WACHTRIJ,
    VerzendStatus.VERZONDEN: OntvangerStatus.VERZONDEN,
    VerzendStatus.GEWEIGERD: OntvangerStatus.BOUNCE,
    VerzendStatus.MISLUKT: OntvangerStatus.MISLUKT,
}


_NIET_BEZORGD_ONDERWERP = {
    OntvangerStatus.BOUNCE: gettext_lazy("E-mail onbestelbaar: %(onderwerp)s"),
    OntvangerStatus.MISLUKT: gettext_lazy("E-mail niet bezorgd: %(onderwerp)s"),
}


def _contactmoment_niet_bezorgd(
    ontvanger: MailingOntvanger, status: str, reden: str, actor: Actor
) -> None:
    """The recipient's contact moment says the e-mail did not arrive: kanaal e-mail, a Dutch
    subject ('E-mail onbestelbaar: …'), outcome 'niet bereikt' and the server's reason."""
    klantcontact = ontvanger.klantcontact
    if klantcontact is None:
        return
    voor = {"onderwerp": klantcontact.onderwerp, "uitkomst": klantcontact.uitkomst}
    onderwerp = ontvanger.onderwerp or ontvanger.mailing.naam
    klantcontact.kanaal = Kanaal.EMAIL
    klantcontact.onderwerp = (_NIET_BEZORGD_ONDERWERP[status] % {"onderwerp": onderwerp})[:200]
    klantcontact.uitkomst = Uitkomst.NIET_BEREIKT
    klantcontact.indicatie_contact_gelukt = False
    if reden:
        toevoeging = " " + _("Niet bezorgd: %(reden)s") % {"reden": reden}
        klantcontact.inhoud = (klantcontact.inhoud + toevoeging)[:1000]
    klantcontact.save(
        update_fields=["kanaal", "onderwerp", "uitkomst", "indicatie_contact_gelukt", "inhoud"]
    )
    audit_entry_record(
        actor=actor,
        actie="klantcontact_gewijzigd",
        obj=klantcontact,
        wijzigingen={
            "onderwerp": [voor["onderwerp"], klantcontact.onderwerp],
            "uitkomst": [voor["uitkomst"], klantcontact.uitkomst],
        },
        toelichting=reden[:500],
    )


def ontvanger_uitkomst(verzending: Verzending) -> None:
    """The kernel outbox's outcome handler for `bron` crm_mailing: the recipient follows its
    e-mail (sent, bounce, given up, or still queued with the last error). A bounce registered
    by hand in the meantime stays. A bounce or a give-up also rewrites the contact moment."""
    status = _STATUS_VAN.get(verzending.status, OntvangerStatus.IN_WACHTRIJ)
    reden = (verzending.laatste_fout or "")[:500]
    ontvangers = list(
        MailingOntvanger.objects.filter(
            verzending_id=verzending.pk, status=OntvangerStatus.IN_WACHTRIJ
        ).select_related("klantcontact", "mailing")
    )
    for ontvanger in ontvangers:
        ontvanger.status = status
        ontvanger.reden = reden
        ontvanger.verzonden_op = verzending.verzonden_op
        ontvanger.save(update_fields=["status", "reden", "verzonden_op"])
        if status in _NIET_BEZORGD_ONDERWERP:
            systeem = Actor.system(verzending.organisatie, weergave="Mailingverzending")
            _contactmoment_niet_bezorgd(ontvanger, status, reden, systeem)


@dataclass
class BezorgResultaat:
    verzonden: int = 0
    bounce: int = 0
    opnieuw: int = 0


def ontvangers_deliver(
    *, now: datetime.datetime | None = None, batch: int = 200
) -> BezorgResultaat:
    """Deliver the due e-mails of mailings from the kernel outbox. Never raises: what fails
    temporarily stays queued with back-off for the worker."""
    try:
        r = verzendingen_process(now=now, batch=batch, bron=BRON)
    except Exception:  # noqa: BLE001 - the request that sent the mailing must not fail on this
        logger.exception("Delivering mailing recipients failed")
        return BezorgResultaat()
    return BezorgResultaat(
        verzonden=r.verzonden, bounce=r.geweigerd, opnieuw=r.mislukt - r.geweigerd
    )


def bounce_register(*, actor: Actor, ontvanger: MailingOntvanger, reden: str) -> MailingOntvanger:
    """Register a bounce reported afterwards (a returned e-mail): the recipient's status
    becomes 'bounce' with the reason."""
    require_role(actor, *MAY_MAIL)
    if ontvanger.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Ontvanger niet gevonden.")
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden van de bounce (uit de foutmelding).")})
    if ontvanger.status not in (OntvangerStatus.VERZONDEN, OntvangerStatus.IN_WACHTRIJ):
        raise ValidationError({"reden": _("Alleen een verzonden e-mail kan terugkomen.")})
    with transaction.atomic():
        oud = ontvanger.status
        ontvanger.status = OntvangerStatus.BOUNCE
        ontvanger.reden = reden.strip()[:500]
        ontvanger.save(update_fields=["status", "reden"])
        _contactmoment_niet_bezorgd(ontvanger, OntvangerStatus.BOUNCE, ontvanger.reden, actor)
        if ontvanger.verzending_id is not None:
            # Still queued: the outbox stops trying an address that is known to bounce.
            Verzending.objects.filter(
                pk=ontvanger.verzending_id, status=VerzendStatus.IN_WACHTRIJ
            ).update(
                status=VerzendStatus.GEWEIGERD,
                volgende_poging_op=None,
                laatste_fout=ontvanger.reden,
            )
        audit_entry_record(
            actor=actor,
            actie="mailing_bounce_geregistreerd",
            obj=ontvanger.mailing,
            wijzigingen={"status": [oud, OntvangerStatus.BOUNCE]},
            toelichting=f"{ontvanger.naam}: {ontvanger.reden}"[:500],
        )
    return ontvanger
