"""Opt-out: by the link in a mailing (signed token), by a medewerker, and withdrawing it."""

from __future__ import annotations

from django.core import signing
from django.db import transaction

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.parties.models import Partij
from raadhuis.modules.crm.mailing.models import Afmelding
from raadhuis.modules.crm.mailing.services.segmenten import AFMELD_SALT, MAY_MAIL


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
