"""Contact persons of an organisation relation and representation between parties."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.parties.models import (
    Partij,
    PartijSoort,
    Vertegenwoordiging,
)
from raadhuis.kernel.parties.services import (
    natuurlijk_persoon_create,
    vertegenwoordiging_create,
)
from raadhuis.modules.crm.models import (
    Contactpersoon,
    Relatie,
)
from raadhuis.modules.crm.relatie_services.profiel import (
    MAY_WRITE_RELATIES,
    _check_eigen,
    _relatie_event,
)
from raadhuis.modules.crm.selectors import mag_relatie_zien

# --- contact persons and representation ------------------------------------------------------


def contactpersoon_add(
    *,
    actor: Actor,
    relatie: Relatie,
    rol: str,
    geslachtsnaam: str = "",
    voornamen: str = "",
    voorvoegsel: str = "",
    persoon: Partij | None = None,
    email: str = "",
    telefoonnummer: str = "",
    primair: bool = False,
    begindatum: date | None = None,
) -> Contactpersoon:
    """A contact person of an organisation in a role: an existing person party, or a new one
    (name only, no BSN: a contact person is not taken from the BRP)."""
    require_role(actor, *MAY_WRITE_RELATIES)
    if not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    errors: dict[str, str] = {}
    if relatie.partij.soort == PartijSoort.NATUURLIJK_PERSOON:
        errors["rol"] = _("Alleen een organisatie heeft contactpersonen.")
    if not rol.strip():
        errors["rol"] = _("Geef de rol van de contactpersoon, bijvoorbeeld 'directeur'.")
    if persoon is None and not geslachtsnaam.strip():
        errors["geslachtsnaam"] = _("Geef de achternaam van de contactpersoon.")
    if persoon is not None and persoon.soort != PartijSoort.NATUURLIJK_PERSOON:
        errors["persoon"] = _("Een contactpersoon is een persoon.")
    if errors:
        raise ValidationError(errors)
    _check_eigen(actor, persoon)
    with transaction.atomic():
        if persoon is None:
            persoon = natuurlijk_persoon_create(
                actor=actor,
                geslachtsnaam=geslachtsnaam.strip(),
                voornamen=voornamen.strip(),
                voorvoegsel_geslachtsnaam=voorvoegsel.strip(),
            )
        contact = Contactpersoon(
            organisatie=actor.organisatie,
            relatie=relatie,
            persoon=persoon,
            rol=rol.strip(),
            email=email,
            telefoonnummer=telefoonnummer,
            primair=primair,
            begindatum=begindatum or timezone.localdate(),
        )
        contact.full_clean(exclude=["organisatie", "relatie", "persoon"])
        if primair:
            relatie.contactpersonen.filter(primair=True).update(primair=False)
        contact.save()
        audit_entry_record(
            actor=actor,
            actie="contactpersoon_toegevoegd",
            obj=relatie,
            wijzigingen={"contactpersoon": [None, f"{persoon} ({contact.rol})"]},
        )
        _relatie_event(relatie, "partial_update")
    return contact


def contactpersoon_beeindigen(
    *, actor: Actor, contactpersoon: Contactpersoon, einddatum: date | None = None
) -> Contactpersoon:
    require_role(actor, *MAY_WRITE_RELATIES)
    relatie = contactpersoon.relatie
    if not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    einddatum = einddatum or timezone.localdate()
    if contactpersoon.begindatum and einddatum < contactpersoon.begindatum:
        raise ValidationError({"einddatum": _("De einddatum ligt voor de begindatum.")})
    with transaction.atomic():
        contactpersoon.einddatum = einddatum
        contactpersoon.primair = False
        contactpersoon.save(update_fields=["einddatum", "primair"])
        audit_entry_record(
            actor=actor,
            actie="contactpersoon_beeindigd",
            obj=relatie,
            wijzigingen={"contactpersoon": [str(contactpersoon), f"tot {einddatum}"]},
        )
    return contactpersoon


def vertegenwoordiging_add(
    *,
    actor: Actor,
    relatie: Relatie,
    vertegenwoordiger: Partij,
    omschrijving: str,
    begindatum: date,
    einddatum: date | None = None,
) -> Vertegenwoordiging:
    """A person acting for the relation (a director signing for a company), for a period;
    recorded in the kernel, so cases and the Klantinteracties API see it too."""
    if not mag_relatie_zien(actor, relatie):
        raise NietGevonden("Relatie niet gevonden.")
    if not omschrijving.strip():
        raise ValidationError({"omschrijving": _("Waarvoor mag deze persoon optreden?")})
    return vertegenwoordiging_create(
        actor=actor,
        vertegenwoordiger=vertegenwoordiger,
        vertegenwoordigde=relatie.partij,
        omschrijving=omschrijving.strip(),
        begindatum=begindatum,
        einddatum=einddatum,
    )
