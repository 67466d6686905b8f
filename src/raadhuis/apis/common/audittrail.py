"""The kernel's audit entries in the shape of the ZGW `AuditTrail`, for every API that has one.

The kernel records one `AuditEntry` per change (who, what, when, why, old and new values of the
changed fields). An API shows them with its `bron`, the ZGW action names and the URLs of the
objects; it only says which kernel actions and object types are its own. An entry's `uuid` is
derived from its key with a fixed prefix, so a line keeps one uuid wherever it is shown and can
be fetched again by it (`…/audittrail/{uuid}`).
"""

from __future__ import annotations

import uuid
from typing import Any

from raadhuis.apis.common.errors import underscore_to_camel
from raadhuis.kernel.audit.models import AuditEntry

# A fixed prefix with version-4 bits; the last 12 hex digits are the entry's key.
UUID_PREFIX = "a0d17000-0000-4000-8000-"
BRON_CHOICES = ["ac", "nrc", "zrc", "ztc", "drc", "brc", "cmc", "kc", "vrc"]

# (ZGW actie, actieWeergave, HTTP status of the answer)
AANGEMAAKT = ("create", "Object aangemaakt", 201)
BIJGEWERKT = ("update", "Object bijgewerkt", 200)
VERWIJDERD = ("destroy", "Object verwijderd", 204)


def audit_uuid(entry: AuditEntry) -> uuid.UUID:
    return uuid.UUID(f"{UUID_PREFIX}{entry.pk:012x}")


def audit_pk(value: str) -> int | None:
    """The key of the entry an audit uuid names (None when it is not one of ours)."""
    try:
        text = str(uuid.UUID(str(value)))
    except ValueError:
        return None
    if not text.startswith(UUID_PREFIX):
        return None
    return int(text[len(UUID_PREFIX) :], 16)


def wijzigingen(entry: AuditEntry, actie: str) -> dict[str, Any]:
    """The kernel's {field: [old, new]} as {oud: {...}, nieuw: {...}} in the API's names;
    `oud` is null for a creation and `nieuw` for a removal."""
    oud: dict[str, Any] = {}
    nieuw: dict[str, Any] = {}
    for veld, waarden in (entry.wijzigingen or {}).items():
        naam = underscore_to_camel(veld)
        if isinstance(waarden, list) and len(waarden) == 2:
            oud[naam], nieuw[naam] = waarden
        else:
            nieuw[naam] = waarden
    return {
        "oud": None if actie == "create" else oud,
        "nieuw": None if actie == "destroy" else nieuw,
    }


def audit_regel(
    entry: AuditEntry,
    *,
    bron: str,
    acties: dict[str, tuple[str, str, int]],
    hoofd_object: str,
    resource: str,
    resource_url: str,
) -> dict[str, Any]:
    """One line for `AuditTrailSerializer`; `acties` maps the API's kernel actions."""
    actie, actie_weergave, resultaat = acties.get(entry.actie, (entry.actie, entry.actie, 200))
    return {
        "uuid": audit_uuid(entry),
        "bron": bron,
        "applicatieId": str(entry.applicatie_uuid or ""),
        "applicatieWeergave": entry.applicatie_weergave,
        "gebruikersId": entry.gebruiker_id or str(entry.actor_user_id or ""),
        "gebruikersWeergave": entry.actor_weergave,
        "actie": actie,
        "actieWeergave": actie_weergave,
        "resultaat": resultaat,
        "hoofdObject": hoofd_object,
        "resource": resource,
        "resourceUrl": resource_url,
        "toelichting": entry.toelichting,
        "resourceWeergave": (entry.object_weergave or str(entry.object_uuid))[:200],
        "aanmaakdatum": entry.tijdstip,
        "wijzigingen": wijzigingen(entry, actie),
    }
