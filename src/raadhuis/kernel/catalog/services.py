"""Writes on the catalogue that carry rules: publishing a case type."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.organisations.models import Rol


def zaaktype_publish_problems(zaaktype: ZaakType) -> list[str]:
    """Why this concept cannot be published yet (empty when it can). The rules follow the
    Catalogi API's publish action: at least two status types, a role type and a result type,
    and no overlap in validity with another published version of the same case type."""
    problemen = []
    if zaaktype.statustypen.count() < 2:
        problemen.append(_("Een zaaktype heeft minstens twee statustypen nodig."))
    if not zaaktype.roltypen.exists():
        problemen.append(_("Een zaaktype heeft minstens één roltype nodig."))
    if not zaaktype.resultaattypen.exists():
        problemen.append(_("Een zaaktype heeft minstens één resultaattype nodig."))
    overlap = ZaakType.objects.filter(
        catalogus=zaaktype.catalogus, identificatie=zaaktype.identificatie, concept=False
    ).exclude(pk=zaaktype.pk)
    if zaaktype.einde_geldigheid is not None:
        overlap = overlap.filter(begin_geldigheid__lte=zaaktype.einde_geldigheid)
    overlap = overlap.filter(
        Q(einde_geldigheid__isnull=True) | Q(einde_geldigheid__gte=zaaktype.begin_geldigheid)
    )
    if overlap.exists():
        problemen.append(
            _(
                "De geldigheid overlapt met een andere gepubliceerde versie; zet eerst de "
                "einde geldigheid van die versie."
            )
        )
    return problemen


def zaaktype_publish(*, actor: Actor, zaaktype: ZaakType) -> ZaakType:
    """Publish a concept case type. Once published, its types are fixed: a change is a new
    version (open cases keep the version they were started with)."""
    require_role(actor, Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER)
    with transaction.atomic():
        zaaktype = ZaakType.objects.select_for_update().get(pk=zaaktype.pk)
        if zaaktype.catalogus.organisatie_id != actor.organisatie.pk:
            raise ValidationError(_("Dit zaaktype hoort niet bij deze organisatie."))
        if not zaaktype.concept:
            return zaaktype
        problemen = zaaktype_publish_problems(zaaktype)
        if problemen:
            raise ValidationError(problemen, code="zaaktype-niet-publiceerbaar")
        zaaktype.concept = False
        zaaktype.save(update_fields=["concept"])
        audit_entry_record(
            actor=actor,
            actie="zaaktype_gepubliceerd",
            obj=zaaktype,
            wijzigingen={"concept": [True, False]},
        )
    return zaaktype
