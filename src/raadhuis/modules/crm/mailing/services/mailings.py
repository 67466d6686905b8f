"""Mailings: create, render and preview, send (once per mailing) and a test e-mail.

Sending (`mailing_send`) happens once per mailing: under a row lock the mailing goes from
concept to verzonden, every relation of the segment becomes a `MailingOntvanger` (queued, or
'niet bezorgbaar' without an e-mail address, or 'afgemeld' after an opt-out), and each
recipient gets a contact moment (crm core `klantcontact_create`, kanaal e-mail)."""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.messaging.bezorging import (
    Email,
    email_send_now,
    emails_queue,
)
from raadhuis.kernel.messaging.models import (
    BriefSjabloon,
    SjabloonSoort,
)
from raadhuis.kernel.messaging.sjablonen import (
    SjabloonTekst,
    inhoud_render,
    onderwerp_render,
    sjabloon_check,
)
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.crm.mailing.models import (
    Mailing,
    MailingOntvanger,
    MailingStatus,
    OntvangerStatus,
    Segment,
)
from raadhuis.modules.crm.mailing.selectors import (
    REDEN_AFGEMELD,
    REDEN_GEEN_EMAIL,
    REDEN_NON_MAILING,
    segment_relaties,
    uitsluit_redenen,
)
from raadhuis.modules.crm.mailing.services.bezorging import ontvangers_deliver
from raadhuis.modules.crm.mailing.services.samenvoegvelden import (
    _emailadres,
    afmeld_url,
    mailing_context,
)
from raadhuis.modules.crm.mailing.services.segmenten import BRON, MAY_MAIL
from raadhuis.modules.crm.models import Kanaal, Relatie, Uitkomst
from raadhuis.modules.crm.services import klantcontact_create


# --- mailings ---------------------------------------------------------------------------------
def _tekst(mailing: Mailing) -> SjabloonTekst:
    versie = mailing.sjabloon_versie or mailing.sjabloon.huidige_versie
    return SjabloonTekst(
        onderwerp=mailing.onderwerp or versie.onderwerp, inhoud=versie.inhoud, naam=versie.naam
    )


def mailing_create(
    *, actor: Actor, naam: str, segment: Segment, sjabloon: BriefSjabloon, onderwerp: str = ""
) -> Mailing:
    """A concept mailing of `sjabloon` (an active e-mail/letter template) to `segment`."""
    require_role(actor, *MAY_MAIL)
    errors: dict[str, str] = {}
    if not naam.strip():
        errors["naam"] = _("Geef de mailing een naam.")
    if segment is None or segment.organisatie_id != actor.organisatie.pk:
        errors["segment"] = _("Kies een segment.")
    if (
        sjabloon is None
        or sjabloon.organisatie_id != actor.organisatie.pk
        or not sjabloon.actief
        or sjabloon.huidige_versie_id is None
    ):
        errors["sjabloon"] = _("Kies een actief sjabloon.")
    elif sjabloon.soort not in (SjabloonSoort.EMAIL, SjabloonSoort.BRIEF):
        errors["sjabloon"] = _("Kies een e-mailsjabloon (of een brief), geen offerte.")
    if errors:
        raise ValidationError(errors)
    mailing = Mailing(
        organisatie=actor.organisatie,
        naam=naam.strip(),
        segment=segment,
        sjabloon=sjabloon,
        onderwerp=onderwerp.strip(),
        aangemaakt_door=actor.weergave,
    )
    sjabloon_check(_tekst(mailing))  # SjabloonFout per field: onderwerp, inhoud
    with transaction.atomic():
        mailing.save()
        audit_entry_record(
            actor=actor,
            actie="mailing_aangemaakt",
            obj=mailing,
            wijzigingen={
                "naam": [None, mailing.naam],
                "segment": [None, segment.naam],
                "sjabloon": [None, sjabloon.naam],
                "onderwerp": [None, mailing.onderwerp],
            },
        )
    return mailing


@dataclass(frozen=True)
class Bericht:
    onderwerp: str
    html: str


def bericht_render(mailing: Mailing, relatie: Relatie) -> Bericht:
    context = mailing_context(mailing.organisatie, relatie)
    tekst = _tekst(mailing)
    html = inhoud_render(tekst, context)
    if "afmeldlink" not in tekst.inhoud:
        # Every mailing carries a way out, also when the template forgot it.
        html += format_html(
            '<p><small>{} <a href="{}">{}</a></small></p>',
            _("Wilt u deze berichten niet meer ontvangen?"),
            context["relatie"]["afmeldlink"],
            _("Afmelden"),
        )
    return Bericht(onderwerp_render(tekst, context)[:300], html)


def _afzender(organisatie: Organisatie) -> str:
    return formataddr((organisatie.naam, settings.DEFAULT_FROM_EMAIL))


def bericht_voorbeeld(mailing: Mailing, relatie: Relatie) -> dict[str, Any]:
    """The e-mail for `relatie` as a mail client shows it, for the kernel's partial
    messaging/_email.html: afzender, aan, onderwerp, inhoud (safe HTML)."""
    bericht = bericht_render(mailing, relatie)
    return {
        "afzender": _afzender(mailing.organisatie),
        "aan": _emailadres(relatie),
        "onderwerp": bericht.onderwerp,
        "inhoud": mark_safe(bericht.html),  # noqa: S308 - rendered with autoescape on
    }


_UITSLUIT_STATUS = {
    REDEN_AFGEMELD: OntvangerStatus.AFGEMELD,
    REDEN_NON_MAILING: OntvangerStatus.NON_MAILING,
}
NIET_VERSTUURD = (OntvangerStatus.AFGEMELD, OntvangerStatus.NON_MAILING)


def _ontvanger_voor(
    actor: Actor, mailing: Mailing, relatie: Relatie, redenen: dict[int, Any]
) -> MailingOntvanger:
    ontvanger = MailingOntvanger(
        organisatie=actor.organisatie,
        mailing=mailing,
        partij=relatie.partij,
        naam=(relatie.lokale_naam or relatie.partij.weergavenaam)[:400],
        emailadres=_emailadres(relatie),
    )
    reden = redenen.get(relatie.partij_id)
    if reden is not None:
        # Opted out, or a company with the KvK non-mailing wish: skipped, no contact moment.
        ontvanger.status = _UITSLUIT_STATUS[reden]
        ontvanger.reden = str(reden)
        return ontvanger
    if not ontvanger.emailadres:
        ontvanger.status = OntvangerStatus.NIET_BEZORGBAAR
        ontvanger.reden = str(REDEN_GEEN_EMAIL)
        return ontvanger
    bericht = bericht_render(mailing, relatie)
    ontvanger.status = OntvangerStatus.IN_WACHTRIJ
    ontvanger.onderwerp = bericht.onderwerp
    ontvanger.email = Email(  # type: ignore[attr-defined] - goes into the outbox, not stored here
        aan=ontvanger.emailadres,
        onderwerp=bericht.onderwerp,
        tekst=strip_tags(bericht.html),
        html=bericht.html,
        kenmerk=str(ontvanger.uuid),
        afmeldlink=afmeld_url(relatie.partij),
    )
    return ontvanger


def _contactmoment(actor: Actor, mailing: Mailing, ontvanger: MailingOntvanger) -> None:
    """Log the mailing as a contact moment with the relation (kanaal e-mail)."""
    gelukt = ontvanger.status == OntvangerStatus.IN_WACHTRIJ
    inhoud = _("Mailing ‘%(naam)s’ (segment ‘%(segment)s’).") % {
        "naam": mailing.naam,
        "segment": mailing.segment.naam,
    }
    if not gelukt:
        inhoud += " " + _("Niet verstuurd: %(reden)s") % {"reden": ontvanger.reden}
    ontvanger.klantcontact = klantcontact_create(
        actor=actor,
        partij=ontvanger.partij,
        kanaal=Kanaal.EMAIL,
        onderwerp=(ontvanger.onderwerp or mailing.naam)[:200],
        inhoud=inhoud[:1000],
        uitkomst=Uitkomst.OVERIG if gelukt else Uitkomst.NIET_BEREIKT,
        indicatie_contact_gelukt=None if gelukt else False,
    )


def _in_outbox(organisatie: Organisatie, ontvangers: list[MailingOntvanger]) -> None:
    """Queue the e-mails of the recipients to be mailed in the kernel outbox, each linked."""
    te_mailen = [o for o in ontvangers if o.status == OntvangerStatus.IN_WACHTRIJ]
    afzender = _afzender(organisatie)
    verzendingen = emails_queue(
        organisatie=organisatie,
        emails=[o.email for o in te_mailen],  # type: ignore[attr-defined]
        bron=BRON,
        afzender=afzender,
    )
    for ontvanger, verzending in zip(te_mailen, verzendingen, strict=True):
        ontvanger.verzending = verzending


@dataclass(frozen=True)
class VerzendOverzicht:
    in_wachtrij: int
    niet_bezorgbaar: int
    afgemeld: int
    non_mailing: int = 0


def mailing_send(*, actor: Actor, mailing: Mailing) -> VerzendOverzicht:
    """Send the mailing to its segment, once. A second call (another tab, a double click)
    is refused with a field error on `mailing`."""
    require_role(actor, *MAY_MAIL)
    if mailing.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Mailing niet gevonden.")
    with transaction.atomic():
        mailing = (
            Mailing.objects.select_for_update(of=("self",))
            .select_related("segment", "sjabloon")
            .get(pk=mailing.pk)
        )
        if mailing.status != MailingStatus.CONCEPT:
            raise ValidationError({"mailing": _("Deze mailing is al verzonden.")})
        mailing.sjabloon_versie = mailing.sjabloon.huidige_versie
        relaties = list(segment_relaties(actor=actor, segment=mailing.segment))
        if not relaties:
            raise ValidationError({"segment": _("Het segment bevat geen relaties.")})
        redenen = uitsluit_redenen(actor.organisatie.pk, [r.partij_id for r in relaties])
        ontvangers = [_ontvanger_voor(actor, mailing, r, redenen) for r in relaties]
        for ontvanger in ontvangers:
            if ontvanger.status not in NIET_VERSTUURD:
                _contactmoment(actor, mailing, ontvanger)
        _in_outbox(actor.organisatie, ontvangers)
        MailingOntvanger.objects.bulk_create(ontvangers)
        mailing.status = MailingStatus.VERZONDEN
        mailing.verzonden_op = timezone.now()
        mailing.verzonden_door = actor.weergave
        mailing.save(update_fields=["status", "verzonden_op", "verzonden_door", "sjabloon_versie"])
        tellingen = {s: sum(o.status == s for o in ontvangers) for s in OntvangerStatus.values}
        audit_entry_record(
            actor=actor,
            actie="mailing_verzonden",
            obj=mailing,
            wijzigingen={"status": [MailingStatus.CONCEPT, MailingStatus.VERZONDEN]},
            toelichting=", ".join(f"{k}: {v}" for k, v in tellingen.items() if v),
        )
        transaction.on_commit(ontvangers_deliver)
    return VerzendOverzicht(
        in_wachtrij=tellingen[OntvangerStatus.IN_WACHTRIJ],
        niet_bezorgbaar=tellingen[OntvangerStatus.NIET_BEZORGBAAR],
        afgemeld=tellingen[OntvangerStatus.AFGEMELD],
        non_mailing=tellingen[OntvangerStatus.NON_MAILING],
    )


def testmail_send(*, actor: Actor, mailing: Mailing, emailadres: str = "") -> str:
    """Send the mailing, merged for its first relation, to the medewerker (or `emailadres`)
    only; nothing is recorded on the mailing. Returns the address it went to."""
    require_role(actor, *MAY_MAIL)
    if mailing.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Mailing niet gevonden.")
    adres = (emailadres or getattr(actor.medewerker, "email", "") or "").strip()
    if not adres:
        raise ValidationError({"emailadres": _("Geef het e-mailadres voor de testmail.")})
    relatie = segment_relaties(actor=actor, segment=mailing.segment).first()
    if relatie is None:
        raise ValidationError({"segment": _("Het segment bevat geen relaties.")})
    bericht = bericht_render(mailing, relatie)
    fout = email_send_now(
        Email(
            aan=adres,
            onderwerp=_("[TEST] %(onderwerp)s") % {"onderwerp": bericht.onderwerp},
            tekst=strip_tags(bericht.html),
            html=bericht.html,
            kenmerk=f"test-{mailing.uuid}",
        ),
        afzender=_afzender(mailing.organisatie),
    )
    if fout:
        raise ValidationError(
            {"emailadres": _("De testmail is niet verstuurd: %(fout)s") % {"fout": fout.tekst}}
        )
    return adres
