"""Reads of the catalogue. Case types are configuration, not personal data: no processing log."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.workflow.calendar import vandaag


def zaaktypen_zichtbaar(*, actor: Actor) -> QuerySet[ZaakType]:
    """Case types of the actor's organisation they are granted (every version)."""
    qs = ZaakType.objects.filter(catalogus__organisatie_id=actor.organisatie.pk)
    if not actor.alle_zaaktypen:
        qs = qs.filter(identificatie__in=list(actor.zaaktype_grants))
    return qs.order_by("omschrijving", "-versiedatum")


def zaaktypen_bruikbaar(*, actor: Actor) -> QuerySet[ZaakType]:
    """Published case types valid today that the actor may open cases of."""
    today = vandaag(actor.organisatie.tijdzone)
    return zaaktypen_zichtbaar(actor=actor).filter(
        Q(einde_geldigheid__isnull=True) | Q(einde_geldigheid__gte=today),
        concept=False,
        begin_geldigheid__lte=today,
    )
