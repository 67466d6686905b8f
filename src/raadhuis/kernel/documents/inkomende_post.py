"""Incoming correspondence by e-mail: a message read from the post mailbox becomes an
InkomendBericht; one whose subject names a case is added to that case's dossier at once (the
e-mail itself as .eml and every attachment, each an incoming document with its
ontvangstdatum); the others wait in the postkamer until a medewerker links or rejects them.

Every write here is a service: permission, one transaction, an audit entry. The documents are
registered through `zaak_document_add`, which queues their outbox events.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_lock_for_change
from raadhuis.kernel.catalog.models import InformatieObjectType
from raadhuis.kernel.documents.bestanden import bestanden_verwijderen_na_commit
from raadhuis.kernel.documents.dossier import veilige_naam
from raadhuis.kernel.documents.email_bericht import EmailBericht, email_lezen
from raadhuis.kernel.documents.models import (
    InkomendBericht,
    InkomendBerichtStatus,
    ZaakInformatieObject,
)
from raadhuis.kernel.documents.zaakdocumenten import zaak_document_add
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd, field_error
from raadhuis.kernel.organisations.models import Organisatie, Rol
from raadhuis.kernel.workflow.calendar import vandaag

# Document types preferred for correspondence, by (part of) their description, best first;
# without any of them the case type's first document type is used.
POST_DOCUMENTTYPEN = ("e-mail", "email", "inkomende post", "correspondentie", "brief")
SYSTEEM = "Postkamer (e-mail)"


@dataclass(frozen=True)
class InleesResultaat:
    bericht: InkomendBericht
    nieuw: bool  # False: read before (same Message-ID), nothing stored again


def informatieobjecttype_voor_post(zaak: Zaak) -> InformatieObjectType | None:
    """The document type incoming e-mail is filed under for this case."""
    typen = list(zaak.zaaktype.informatieobjecttypen.filter(concept=False).order_by("omschrijving"))
    for woord in POST_DOCUMENTTYPEN:
        for iot in typen:
            if woord in iot.omschrijving.lower():
                return iot
    return typen[0] if typen else None


def _organisatie_check(actor: Actor, bericht: InkomendBericht) -> None:
    if bericht.organisatie_id != actor.organisatie.pk:
        raise NietGevonden(_("Bericht niet gevonden."))


# --- reading a message ----------------------------------------------------------------------
def _zaak_voor(organisatie: Organisatie, gelezen: EmailBericht) -> tuple[Zaak | None, str]:
    """The one case the subject names, or None and why not."""
    nummers = gelezen.zaaknummers
    if not nummers:
        return None, _("Geen zaaknummer in het onderwerp.")
    zaken = list(Zaak.objects.filter(organisatie=organisatie, identificatie__in=nummers))
    if not zaken:
        return None, _("Zaaknummer %(nummer)s bestaat niet.") % {"nummer": ", ".join(nummers)}
    if len(zaken) > 1:
        return None, _("Het onderwerp noemt meer dan één zaak: %(nummers)s.") % {
            "nummers": ", ".join(sorted(z.identificatie for z in zaken))
        }
    if zaken[0].is_afgesloten:
        # Mail about a closed case may ask to reopen it: a person decides.
        return None, _("Zaak %(nummer)s is afgesloten.") % {"nummer": zaken[0].identificatie}
    return zaken[0], ""


def inkomend_bericht_inlezen(*, organisatie: Organisatie, ruw: bytes) -> InleesResultaat:
    """Store one e-mail as it arrived and, when its subject names one open case, add it to
    that case. Reading the same message again (same Message-ID) changes nothing."""
    actor = Actor.system(organisatie, weergave=SYSTEEM)
    gelezen = email_lezen(ruw)
    bestaand = InkomendBericht.objects.filter(
        organisatie=organisatie, message_id=gelezen.message_id
    ).first()
    if bestaand is not None:
        return InleesResultaat(bestaand, nieuw=False)
    try:
        with transaction.atomic():
            bericht = _bericht_opslaan(actor, organisatie, gelezen, ruw)
    except IntegrityError:
        # Read at the same moment by another run: that one stored it.
        bericht = InkomendBericht.objects.get(
            organisatie=organisatie, message_id=gelezen.message_id
        )
        return InleesResultaat(bericht, nieuw=False)
    zaak, reden = _zaak_voor(organisatie, gelezen)
    if zaak is None:
        _toelichting_zetten(bericht, reden)
        return InleesResultaat(bericht, nieuw=True)
    try:
        bericht = inkomend_bericht_koppelen(actor=actor, bericht=bericht, zaak=zaak)
    except ValidationError as error:
        _toelichting_zetten(bericht, "; ".join(error.messages))
    return InleesResultaat(bericht, nieuw=True)


def _bericht_opslaan(
    actor: Actor, organisatie: Organisatie, gelezen: EmailBericht, ruw: bytes
) -> InkomendBericht:
    bericht = InkomendBericht(
        organisatie=organisatie,
        message_id=gelezen.message_id,
        afzender=gelezen.afzender,
        onderwerp=gelezen.onderwerp,
        ontvangen_op=gelezen.ontvangen_op,
        sha256=gelezen.sha256,
        bijlagen=[
            {"bestandsnaam": b.bestandsnaam, "formaat": b.formaat, "grootte": len(b.inhoud)}
            for b in gelezen.bijlagen
        ],
    )
    bericht.bestand.save("bericht.eml", ContentFile(ruw), save=False)
    bericht.save()
    audit_entry_record(
        actor=actor,
        actie="inkomend_bericht_ontvangen",
        obj=bericht,
        wijzigingen={
            "afzender": [None, bericht.afzender],
            "onderwerp": [None, bericht.onderwerp],
            "bijlagen": [None, len(gelezen.bijlagen)],
            "sha256": [None, bericht.sha256],
        },
        toelichting=gelezen.message_id,
    )
    return bericht


def _toelichting_zetten(bericht: InkomendBericht, toelichting: str) -> None:
    """Why a message waits in the postkamer (shown there; not a change worth auditing)."""
    bericht.toelichting = toelichting[:500]
    bericht.save(update_fields=["toelichting"])


# --- the postkamer: link or reject ----------------------------------------------------------
def _bericht_lock(actor: Actor, bericht: InkomendBericht) -> InkomendBericht:
    require_role(actor, Rol.MEDEWERKER)
    locked = InkomendBericht.objects.select_for_update().get(pk=bericht.pk)
    _organisatie_check(actor, locked)
    if locked.status != InkomendBerichtStatus.NIEUW:
        raise ValidationError(
            _("Dit bericht is al afgehandeld (%(status)s).")
            % {"status": locked.get_status_display().lower()},
            code="al-afgehandeld",
        )
    return locked


def _documenten_toevoegen(
    actor: Actor, bericht: InkomendBericht, zaak: Zaak
) -> list[ZaakInformatieObject]:
    iot = informatieobjecttype_voor_post(zaak)
    if iot is None:
        raise field_error(
            "zaak",
            _("Het zaaktype van deze zaak heeft geen documenttype om de e-mail onder op te slaan."),
            code="geen-documenttype",
        )
    with bericht.bestand.open("rb") as fh:
        ruw = fh.read()
    gelezen = email_lezen(ruw)
    tijdzone = ZoneInfo(zaak.organisatie.tijdzone)
    # The date in the municipality's own time zone; a sender's clock ahead of ours is no reason
    # to record a receipt in the future.
    ontvangstdatum = min(
        timezone.localtime(gelezen.ontvangen_op, tijdzone).date(),
        vandaag(zaak.organisatie.tijdzone),
    )
    afzender = gelezen.afzender[:200]
    onderwerp = gelezen.onderwerp or _("(geen onderwerp)")
    titel = _("E-mail: %(onderwerp)s") % {"onderwerp": onderwerp}
    toevoegen = partial(
        zaak_document_add,
        actor=actor,
        zaak=zaak,
        informatieobjecttype=iot,
        auteur=afzender,
        ontvangstdatum=ontvangstdatum,
        toelichting=_("Inkomende e-mail %(id)s") % {"id": gelezen.message_id},
    )
    documenten = [
        toevoegen(
            bestand=ContentFile(ruw, name=f"{veilige_naam(onderwerp, maximum=80)}.eml"),
            titel=titel[:200],
            beschrijving=_("E-mail van %(afzender)s, ontvangen %(datum)s.")
            % {"afzender": afzender, "datum": f"{ontvangstdatum:%d-%m-%Y}"},
            formaat="message/rfc822",
        )
    ]
    for bijlage in gelezen.bijlagen:
        if not bijlage.inhoud:
            continue  # an empty attachment: nothing to file (it stays in the .eml)
        documenten.append(
            toevoegen(
                bestand=ContentFile(bijlage.inhoud, name=veilige_naam(bijlage.bestandsnaam)),
                titel=bijlage.bestandsnaam[:200],
                beschrijving=_("Bijlage bij de e-mail ‘%(onderwerp)s’ van %(afzender)s.")
                % {"onderwerp": onderwerp, "afzender": afzender},
                formaat=bijlage.formaat,
            )
        )
    return documenten


def inkomend_bericht_koppelen(
    *, actor: Actor, bericht: InkomendBericht, zaak: Zaak
) -> InkomendBericht:
    """Add a waiting e-mail to a case's dossier: the e-mail as .eml and each attachment, as
    incoming documents. The actor must be allowed to change the case."""
    with transaction.atomic():
        bericht = _bericht_lock(actor, bericht)
        zaak = zaak_lock_for_change(actor, zaak)
        if zaak.organisatie_id != bericht.organisatie_id:
            raise ToegangGeweigerd(_("Je bent niet geautoriseerd voor deze zaak."))
        documenten = _documenten_toevoegen(actor, bericht, zaak)
        bericht.status = InkomendBerichtStatus.GEKOPPELD
        bericht.zaak = zaak
        bericht.toelichting = ""
        bericht.afgehandeld_door = actor.medewerker
        bericht.afgehandeld_op = timezone.now()
        bericht.save(
            update_fields=["status", "zaak", "toelichting", "afgehandeld_door", "afgehandeld_op"]
        )
        audit_entry_record(
            actor=actor,
            actie="inkomend_bericht_gekoppeld",
            obj=bericht,
            wijzigingen={
                "status": [InkomendBerichtStatus.NIEUW, InkomendBerichtStatus.GEKOPPELD],
                "zaak": [None, zaak.identificatie],
                "documenten": [None, [zio.titel for zio in documenten]],
            },
            zaak_uuid=zaak.uuid,
        )
    return bericht


def inkomend_bericht_afwijzen(
    *, actor: Actor, bericht: InkomendBericht, reden: str
) -> InkomendBericht:
    """Reject a waiting e-mail (spam, not for this organisation); it stays stored, with why."""
    reden = (reden or "").strip()
    if not reden:
        raise field_error(
            "reden", _("Geef aan waarom het bericht wordt afgewezen."), code="required"
        )
    with transaction.atomic():
        bericht = _bericht_lock(actor, bericht)
        bericht.status = InkomendBerichtStatus.AFGEWEZEN
        bericht.toelichting = reden[:500]
        bericht.afgehandeld_door = actor.medewerker
        bericht.afgehandeld_op = timezone.now()
        bericht.save(update_fields=["status", "toelichting", "afgehandeld_door", "afgehandeld_op"])
        audit_entry_record(
            actor=actor,
            actie="inkomend_bericht_afgewezen",
            obj=bericht,
            wijzigingen={"status": [InkomendBerichtStatus.NIEUW, InkomendBerichtStatus.AFGEWEZEN]},
            toelichting=bericht.toelichting,
        )
    return bericht


def inkomende_berichten_verwijderen(*, actor: Actor, zaak: Zaak) -> int:
    """Remove the e-mails filed in a case and their stored messages (after the commit), for
    the destruction of a case under the Archiefwet: the documents made from them are the
    case's and go with it. Returns how many were removed."""
    require_role(actor, Rol.BEHEERDER, Rol.FUNCTIONEEL_BEHEERDER)
    with transaction.atomic():
        berichten = list(
            InkomendBericht.objects.select_for_update().filter(
                organisatie_id=actor.organisatie.pk, zaak=zaak
            )
        )
        for bericht in berichten:
            audit_entry_record(
                actor=actor,
                actie="inkomend_bericht_verwijderd",
                obj=bericht,
                wijzigingen={"zaak": [zaak.identificatie, None]},
                zaak_uuid=zaak.uuid,
            )
        bestanden_verwijderen_na_commit(b.bestand.name for b in berichten)
        InkomendBericht.objects.filter(pk__in=[b.pk for b in berichten]).delete()
    return len(berichten)
