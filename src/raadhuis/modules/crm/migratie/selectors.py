"""Reads of the migration screen: uploaded exports (they hold names of contact persons, so a
medewerker sees their own uploads and a functional administrator those of the organisation)."""

from __future__ import annotations

import uuid as uuid_module

from django.db.models import QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.migratie.models import ImportBestand
from raadhuis.modules.crm.migratie.services import MAG_IMPORTEREN


def importbestanden(actor: Actor) -> QuerySet[ImportBestand]:
    require_role(actor, *MAG_IMPORTEREN)
    qs = ImportBestand.objects.filter(organisatie_id=actor.organisatie.pk).defer("inhoud")
    if actor.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER):
        return qs
    if actor.medewerker is None:
        return qs.none()
    return qs.filter(geupload_door=actor.medewerker)


def importbestand_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> ImportBestand:
    try:
        return (
            importbestanden(actor)
            .select_related("afdeling")
            .defer(None)
            .get(uuid=uuid_module.UUID(str(uuid)))
        )
    except (ImportBestand.DoesNotExist, ValueError) as error:
        raise NietGevonden("Importbestand niet gevonden.") from error
