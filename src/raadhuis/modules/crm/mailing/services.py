"""Every write of targeted communication: segments, mailings, sending, bounces, opt-outs.

Sending (`mailing_send`) happens once per mailing: under a row lock the mailing goes from
concept to verzonden, every relation of the segment becomes a `MailingOntvanger` (queued, or
'niet bezorgbaar' without an e-mail address, or 'afgemeld' after an opt-out), and each
recipient gets a contact moment (crm core `klantcontact_create`, kanaal e-mail). Relations
that opted out or whose company told the KvK it wants no unsolicited mail (non-mailing) are
skipped, with the reason. After commit the outbox is delivered (`ontvangers_deliver`); what
failed temporarily is retried by the kernel's own outbox round (`raadhuis werker`, job
'brieven', or `raadhuis brieven-versturen`), with its back-off. A permanent SMTP refusal (5xx)
is a bounce; a bounce reported later (a returned e-mail) is registered with `bounce_register`.
Either way the recipient's contact moment then reads 'E-mail onbestelbaar: …'.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.messaging.bezorging import (
    Email,
    email_send_now,
    emails_queue,
    verzendingen_process,
)
from raadhuis.kernel.messaging.models import (
    BriefSjabloon,
    SjabloonSoort,
    Verzending,
    VerzendStatus,
)
from raadhuis.kernel.messaging.ontvangers import aanhef, adresnaam
from raadhuis.kernel.messaging.sjablonen import (
    SjabloonTekst,
    inhoud_render,
    onderwerp_render,
    sjabloon_check,
)
from raadhuis.kernel.organisations.models import (
    Medewerker,
    Organisatie,
    OrganisatorischeEenheid,
    Rol,
)
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.mailing.models import (
    Afmelding,
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
from raadhuis.modules.crm.models import Kanaal, Relatie, RelatieSoort, Tag, Uitkomst
from raadhuis.modules.crm.services import klantcontact_create

logger = logging.getLogger(__name__)

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


# --- merge fields -----------------------------------------------------------------------------
RELATIE_VELDEN = {
    "naam": gettext_lazy("Naam van de relatie (zoals op een adres)"),
    "aanhef": gettext_lazy("Aanhef: ‘Geachte heer De Vries,’ of ‘Geachte heer, mevrouw,’"),
    "soort": gettext_lazy("Soort relatie: bedrijf, inwoner, partner, vereniging"),
    "email": gettext_lazy("E-mailadres waarnaar de mailing gaat"),
    "afmeldlink": gettext_lazy("Link om je af te melden voor mailings"),
}


def relatie_samenvoegvelden(zaak: Any) -> dict[str, Any]:  # noqa: ANN401
    """The provider for the kernel's merge-field register: a case has no relation of its own;
    the values come per recipient (`mailing_context`)."""
    return {}


def afmeld_token(partij: Partij) -> str:
    return signing.dumps({"o": partij.organisatie_id, "p": str(partij.uuid)}, salt=AFMELD_SALT)


def afmeld_url(partij: Partij) -> str:
    pad = reverse("crm:mailing:afmelden", kwargs={"token": afmeld_token(partij)})
    return settings.BASE_URL.rstrip("/") + pad


def _emailadres(relatie: Relatie) -> str:
    return (relatie.lokaal_email or relatie.partij.email or "").strip()


def mailing_context(organisatie: Organisatie, relatie: Relatie) -> dict[str, Any]:
    """The merge values for one recipient: organisatie, datum, relatie, ontvanger."""
    partij = relatie.partij
    naam = relatie.lokale_naam or adresnaam(partij)
    return {
        "organisatie": {"naam": organisatie.naam},
        "datum": {"vandaag": vandaag(organisatie.tijdzone)},
        "relatie": {
            "naam": naam,
            "aanhef": aanhef(partij),
            "soort": relatie.get_soort_display(),
            "email": _emailadres(relatie),
            "afmeldlink": afmeld_url(partij),
        },
        "ontvanger": {"naam": naam, "aanhef": aanhef(partij)},
    }


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


# --- opt-out ----------------------------------------------------------------------------------
def _afmelding_save(organisatie: Organisatie, partij: Partij, bron: str, actor: Actor) -> Afmelding:
    with transaction.atomic():
        afmelding, nieuw = Afmelding.objects.get_or_create(
            organisatie=organisatie, partij=partij, defaults={"bron": bron}
        )
        if nieuw:
            audit_entry_record(
                actor=actor,
                actie="mailing_afgemeld",
                obj=afmelding,
                wijzigingen={"bron": [None, bron]},
            )
    return afmelding


def afmeld_token_geldig(token: str) -> bool:
    try:
        signing.loads(token, salt=AFMELD_SALT)
    except signing.BadSignature:
        return False
    return True


def afmelden_met_token(token: str) -> Afmelding:
    """The public unsubscribe link: a signed token names the party. Idempotent."""
    try:
        data = signing.loads(token, salt=AFMELD_SALT)
        partij = Partij.objects.select_related("organisatie").get(
            organisatie_id=data["o"], uuid=data["p"]
        )
    except (signing.BadSignature, Partij.DoesNotExist, KeyError, TypeError, ValueError) as error:
        raise NietGevonden("Ongeldige afmeldlink.") from error
    systeem = Actor.system(partij.organisatie, weergave="Afmeldlink mailing")
    return _afmelding_save(partij.organisatie, partij, "afmeldlink", systeem)


def afmelding_register(*, actor: Actor, partij: Partij, bron: str = "medewerker") -> Afmelding:
    """A medewerker records an opt-out (asked by phone or letter)."""
    require_role(actor, *MAY_MAIL)
    if partij.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Partij niet gevonden.")
    return _afmelding_save(actor.organisatie, partij, bron, actor)


def afmelding_intrekken(*, actor: Actor, partij: Partij) -> None:
    """The relation wants mailings again (asked a medewerker)."""
    require_role(actor, *MAY_MAIL)
    with transaction.atomic():
        afmelding = Afmelding.objects.filter(organisatie=actor.organisatie, partij=partij).first()
        if afmelding is not None:
            audit_entry_record(
                actor=actor, actie="mailing_afmelding_ingetrokken", obj=afmelding, wijzigingen={}
            )
            afmelding.delete()
