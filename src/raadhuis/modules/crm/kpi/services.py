"""Writes of the KPI app: inviting a client to the satisfaction survey, and the client's answer
(through the public token page, without a login)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import NietGevonden, field_error
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.klachten.models import Klacht
from raadhuis.modules.crm.klachten.selectors import klacht_get
from raadhuis.modules.crm.kpi.models import Tevredenheidsmeting
from raadhuis.modules.crm.models import Klantcontact
from raadhuis.modules.crm.selectors import klantcontact_get

MAY_INVITE = (Rol.MEDEWERKER,)
GELDIG_DAGEN = 30


def _bestaande(**onderwerp: object) -> Tevredenheidsmeting | None:
    return Tevredenheidsmeting.objects.filter(score__isnull=True, **onderwerp).first()


def _maak(actor: Actor, **velden: object) -> Tevredenheidsmeting:
    with transaction.atomic():
        meting = Tevredenheidsmeting.objects.create(
            organisatie=actor.organisatie,
            verloopt_op=vandaag(actor.organisatie.tijdzone) + timedelta(days=GELDIG_DAGEN),
            **velden,
        )
        audit_entry_record(
            actor=actor,
            actie="tevredenheidsmeting_aangemaakt",
            obj=meting,
            toelichting=meting.referentie,
        )
    return meting


def meting_voor_referentie(*, actor: Actor, referentie: str) -> Tevredenheidsmeting:
    """A survey invitation for a contact moment (its reference number, KC…) or a closed
    complaint (its case number); an open invitation for the same item is reused."""
    require_role(actor, *MAY_INVITE)
    referentie = referentie.strip()
    contact_uuid = (
        Klantcontact.objects.filter(organisatie=actor.organisatie, referentienummer=referentie)
        .values_list("uuid", flat=True)
        .first()
    )
    if contact_uuid is not None:
        return meting_voor_klantcontact(actor=actor, klantcontact_uuid=contact_uuid)
    klacht_uuid = (
        Klacht.objects.filter(organisatie=actor.organisatie, zaak__identificatie=referentie)
        .values_list("uuid", flat=True)
        .first()
    )
    if klacht_uuid is not None:
        return meting_voor_klacht(actor=actor, klacht_uuid=klacht_uuid)
    raise field_error(
        "referentie", _("Geen klantcontact of klacht met dit nummer gevonden."), code="not_found"
    )


def meting_voor_klantcontact(*, actor: Actor, klantcontact_uuid: object) -> Tevredenheidsmeting:
    require_role(actor, *MAY_INVITE)
    contact = klantcontact_get(actor=actor, uuid=klantcontact_uuid)
    if contact.eenheid_id is None:
        raise field_error(
            "referentie",
            _("Dit klantcontact heeft geen afdeling; de meting telt nergens mee."),
            code="geen_afdeling",
        )
    bestaand = _bestaande(klantcontact=contact)
    if bestaand is not None:
        return bestaand
    return _maak(
        actor,
        partij=contact.partij,
        eenheid_id=contact.eenheid_id,
        klantcontact=contact,
        zaak=contact.zaak,
        referentie=contact.referentienummer,
    )


def meting_voor_klacht(*, actor: Actor, klacht_uuid: object) -> Tevredenheidsmeting:
    require_role(actor, *MAY_INVITE)
    try:
        klacht = klacht_get(actor=actor, uuid=klacht_uuid)
    except NietGevonden as error:
        raise field_error("referentie", _("Klacht niet gevonden."), code="not_found") from error
    if klacht.afgehandeld_op is None:
        raise field_error(
            "referentie",
            _("De klacht is nog niet afgehandeld; vraag het oordeel daarna."),
            code="niet_afgehandeld",
        )
    bestaand = _bestaande(zaak=klacht.zaak, klantcontact__isnull=True)
    if bestaand is not None:
        return bestaand
    return _maak(
        actor,
        partij=klacht.klager,
        eenheid_id=klacht.afdeling_id,
        zaak=klacht.zaak,
        referentie=klacht.zaak.identificatie,
    )


def meting_open_get(token: str) -> Tevredenheidsmeting:
    """The invitation behind a public link; NietGevonden for an unknown or expired token."""
    meting = Tevredenheidsmeting.objects.select_related("organisatie").filter(token=token).first()
    if meting is None or vandaag(meting.organisatie.tijdzone) > meting.verloopt_op:
        raise NietGevonden(_("Deze enquête bestaat niet of is verlopen."))
    return meting


def meting_beantwoorden(*, token: str, score: int, opmerking: str = "") -> Tevredenheidsmeting:
    """The client's answer. Once answered, a survey cannot be changed (a second post is
    refused), so a figure never moves after it was reported."""
    if score not in range(1, 6):
        raise field_error("score", _("Kies een score van 1 tot en met 5."), code="invalid")
    if len(opmerking) > 1000:
        raise field_error("opmerking", _("Gebruik ten hoogste 1000 tekens."), code="max_length")
    with transaction.atomic():
        meting = meting_open_get(token)
        meting = Tevredenheidsmeting.objects.select_for_update().get(pk=meting.pk)
        if meting.score is not None:
            raise field_error(
                "score", _("Deze enquête is al ingevuld. Dank u wel!"), code="al_ingevuld"
            )
        meting.score = score
        meting.opmerking = opmerking.strip()
        meting.beantwoord_op = timezone.now()
        meting.save(update_fields=["score", "opmerking", "beantwoord_op"])
        audit_entry_record(
            actor=Actor.system(meting.organisatie, "Tevredenheidsenquête (publiek)"),
            actie="tevredenheidsmeting_beantwoord",
            obj=meting,
            wijzigingen={"score": [None, score]},
        )
    return meting
