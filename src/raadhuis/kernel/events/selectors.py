"""Reads of the Notificaties configuration. Channels are shared by the installation;
subscriptions are seen only by their own organisation. Neither holds personal data."""

from __future__ import annotations

import uuid

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.events.kanalen import kanalen_standaard_ensure
from raadhuis.kernel.events.models import Abonnement, AbonnementKanaal, Kanaal
from raadhuis.kernel.exceptions import NietGevonden


def kanalen_list(*, naam: str | None = None) -> QuerySet[Kanaal]:
    kanalen_standaard_ensure()
    kanalen = Kanaal.objects.order_by("naam")
    return kanalen.filter(naam=naam) if naam else kanalen


def kanaal_get(*, kanaal_uuid: uuid.UUID | str) -> Kanaal:
    kanaal = Kanaal.objects.filter(uuid=kanaal_uuid).first()
    if kanaal is None:
        raise NietGevonden(_("Kanaal niet gevonden."))
    return kanaal


def abonnementen_list(*, actor: Actor) -> QuerySet[Abonnement]:
    groepen = AbonnementKanaal.objects.select_related("kanaal").order_by("pk")
    return (
        Abonnement.objects.filter(organisatie_id=actor.organisatie.pk)
        .prefetch_related(Prefetch("kanalen", queryset=groepen))
        .order_by("aangemaakt_op", "pk")
    )


def abonnement_get(*, actor: Actor, abonnement_uuid: uuid.UUID | str) -> Abonnement:
    abonnement = abonnementen_list(actor=actor).filter(uuid=abonnement_uuid).first()
    if abonnement is None:
        raise NietGevonden(_("Abonnement niet gevonden."))
    return abonnement
