"""The properties (eigenschappen) of a case, checked against their type's format."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.models import Zaak, ZaakEigenschap
from raadhuis.kernel.cases.wijzigen import zaak_event_queue, zaak_lock_for_change
from raadhuis.kernel.catalog.eigenschappen import eigenschap_waarde_normaliseren
from raadhuis.kernel.catalog.models import EigenschapType
from raadhuis.kernel.exceptions import field_error


def zaak_eigenschap_set(
    *,
    actor: Actor,
    zaak: Zaak,
    eigenschap: EigenschapType,
    waarde: str,
    zaakeigenschap: ZaakEigenschap | None = None,
    nieuw: bool = False,
) -> ZaakEigenschap:
    """Set a property of a case; the value is checked against the property's format.
    `nieuw` adds another value (a property with kardinaliteit > 1, Zaken API POST);
    `zaakeigenschap` changes that value."""
    if eigenschap.zaaktype_id != zaak.zaaktype_id:
        raise field_error(
            "eigenschap",
            _("Deze eigenschap hoort niet bij het zaaktype."),
            code="zaaktype-mismatch",
        )
    waarde = eigenschap_waarde_normaliseren(eigenschap, waarde)
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        if zaakeigenschap is not None:
            ze = ZaakEigenschap.objects.filter(pk=zaakeigenschap.pk).first()
        elif nieuw:
            ze = None
        else:
            ze = ZaakEigenschap.objects.filter(zaak=zaak, eigenschap=eigenschap).first()
        oud = ze.waarde if ze else None
        if ze is not None and oud == waarde:
            return ze
        if ze is not None:
            ze.waarde = waarde
            ze.save(update_fields=["waarde"])
        else:
            ze = ZaakEigenschap.objects.create(zaak=zaak, eigenschap=eigenschap, waarde=waarde)
        audit_entry_record(
            actor=actor,
            actie="eigenschap_gezet",
            obj=ze,
            wijzigingen={eigenschap.naam: [oud, waarde]},
            zaak_uuid=zaak.uuid,
        )
        zaak_event_queue(
            zaak,
            resource="zaakeigenschap",
            actie="create" if oud is None else "update",
            resource_uuid=ze.uuid,
        )
    return ze


def zaak_eigenschap_update(
    *, actor: Actor, zaakeigenschap: ZaakEigenschap, waarde: str
) -> ZaakEigenschap:
    """Change the value of a property of a case (only the waarde may change)."""
    return zaak_eigenschap_set(
        actor=actor,
        zaak=zaakeigenschap.zaak,
        eigenschap=zaakeigenschap.eigenschap,
        waarde=waarde,
        zaakeigenschap=zaakeigenschap,
    )


def zaak_eigenschap_remove(*, actor: Actor, zaakeigenschap: ZaakEigenschap) -> None:
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaakeigenschap.zaak)
        ze_uuid = zaakeigenschap.uuid
        audit_entry_record(
            actor=actor,
            actie="eigenschap_verwijderd",
            obj=zaakeigenschap,
            wijzigingen={zaakeigenschap.eigenschap.naam: [zaakeigenschap.waarde, None]},
            zaak_uuid=zaak.uuid,
        )
        zaakeigenschap.delete()
        zaak_event_queue(zaak, resource="zaakeigenschap", actie="destroy", resource_uuid=ze_uuid)
