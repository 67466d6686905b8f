"""What every write on a case shares: the row lock with its access check, the audit entry in
the case's history, the case's domain event, the fields a caller may set and the error for a
closed case."""

from __future__ import annotations

import uuid
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import (
    mag_geforceerd_bijwerken,
    require_zaak_access,
    zaaktype_regel_toegestaan,
)
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd

ZAAK_AUDIT_FIELDS = [
    "omschrijving",
    "toelichting",
    "startdatum",
    "einddatum_gepland",
    "uiterlijke_einddatum_afdoening",
    "einddatum",
    "vertrouwelijkheidaanduiding",
    "archiefnominatie",
    "archiefactiedatum",
    "behandelaar",
]


# What a caller may set on a case besides its type and number (Zaken API ZAAK attributes).
ZAAK_VELDEN = frozenset(
    {
        "omschrijving",
        "toelichting",
        "vertrouwelijkheidaanduiding",
        "communicatiekanaal",
        "verantwoordelijke_organisatie",
        "registratiedatum",
        "startdatum",
        "einddatum_gepland",
        "uiterlijke_einddatum_afdoening",
        "publicatiedatum",
        "producten_of_diensten",
        "betalingsindicatie",
        "laatste_betaaldatum",
        "zaakgeometrie",
        "verlenging_reden",
        "verlenging_duur",
        "opschorting_indicatie",
        "opschorting_reden",
        "selectielijstklasse",
        "hoofdzaak",
        "archiefnominatie",
        "archiefstatus",
        "archiefactiedatum",
        "opdrachtgevende_organisatie",
        "processobjectaard",
        "startdatum_bewaartermijn",
        "processobject",
    }
)
GEO_VELDEN = ["geo_xmin", "geo_ymin", "geo_xmax", "geo_ymax"]


class ZaakAfgesloten(ToegangGeweigerd, ValidationError):
    """A closed case changed without the right to (scope zaken.geforceerd-bijwerken, role
    beheerder): a 403 for the APIs, a form error for the staff UI (both catch it)."""

    def __init__(self, message: str) -> None:
        ValidationError.__init__(self, message, code="zaak-afgesloten")

    def __str__(self) -> str:
        return str(self.message)


def zaak_audit_record(
    actor: Actor,
    actie: str,
    obj: Any,
    zaak: Zaak,
    wijzigingen: dict[str, Any] | None = None,
    toelichting: str = "",
) -> None:
    """An audit entry for a write on `obj` that belongs to `zaak`: it shows in the case's
    history (the modules' dossiers, accounts and complaints all keep theirs there)."""
    audit_entry_record(
        actor=actor,
        actie=actie,
        obj=obj,
        wijzigingen=wijzigingen or {},
        toelichting=toelichting,
        zaak_uuid=zaak.uuid,
    )


def zaak_event_queue(zaak: Zaak, *, resource: str, actie: str, resource_uuid: Any = None) -> None:
    event_queue(
        organisatie=zaak.organisatie,
        kanaal="zaken",
        resource=resource,
        actie=actie,
        resource_uuid=resource_uuid or zaak.uuid,
        hoofd_object_uuid=zaak.uuid,
        kenmerken={
            "bronorganisatie": zaak.bronorganisatie,
            "zaaktype": str(zaak.zaaktype.uuid),
            "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
        },
    )


# The case zaak_create is making right now, by uuid (never reused, so a value left behind by
# an error names no other case). Its follow-up writes (first status, roles, the process start
# and its automatic letters) run before a module has stored what a department rule looks at
# (a complaint's department): for that one case only the grant and confidentiality count.
_ZAAK_IN_AANMAAK: ContextVar[uuid.UUID | None] = ContextVar("zaak_in_aanmaak", default=None)


def zaak_id_voor_regel(zaak: Zaak) -> int | None:
    """The `zaak_id` to give require_zaak_access / mag_zaak_zien for an existing case, so its
    case type's department rule applies (ADR 0004); None only for the case zaak_create is still
    making in this context."""
    return None if _ZAAK_IN_AANMAAK.get() == zaak.uuid else zaak.pk


def zaak_lock_for_change(actor: Actor, zaak: Zaak, *, wijzigen_na_afsluiten: bool = False) -> Zaak:
    """Re-read the case under a row lock and check the actor may change it (grant,
    confidentiality and the case type's department rule)."""
    locked = (
        Zaak.objects.select_for_update(of=("self",))
        .select_related("zaaktype", "organisatie")
        .get(pk=zaak.pk)
    )
    zaak_id = zaak_id_voor_regel(locked)
    if zaak_id is not None and not zaaktype_regel_toegestaan(
        actor, zaaktype_id=locked.zaaktype_id, zaak_id=zaak_id
    ):
        # The department rule hides the case from this actor, as in its lists and on its page
        # (404): absent rather than forbidden.
        raise NietGevonden(_("Zaak niet gevonden."))
    require_zaak_access(
        actor,
        organisatie_id=locked.organisatie_id,
        zaaktype_id=locked.zaaktype_id,
        vertrouwelijkheid=locked.vertrouwelijkheidaanduiding,
        zaak_id=zaak_id,
    )
    if locked.is_afgesloten and not wijzigen_na_afsluiten and not mag_geforceerd_bijwerken(actor):
        raise ZaakAfgesloten(_("Deze zaak is afgesloten en kan niet meer gewijzigd worden."))
    return locked
