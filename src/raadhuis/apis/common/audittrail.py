"""The kernel's audit entries in the shape of the ZGW `AuditTrail`, for every API that has one.

The kernel records one `AuditEntry` per change (who, what, when, why, old and new values of the
changed fields). An API shows them with its `bron`, the ZGW action names and the URLs of the
objects; it only says which kernel actions and object types are its own. An entry's `uuid` is
derived from its key with a fixed prefix, so a line keeps one uuid wherever it is shown and can
be fetched again by it (`…/audittrail/{uuid}`).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from rest_framework.request import Request

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


def volledige_wijzigingen(
    regels: Sequence[tuple[AuditEntry, str, str]], request: Request
) -> dict[int, dict[str, Any]]:
    """`wijzigingen` with the full JSON body of the object before and after each action, as
    the standard's AuditTrail has them, for lines given as (entry, resourceUrl, actie).

    The kernel records only the changed fields of each action (its own history, shared with
    the staff UI). The full bodies are rebuilt from the object as the API shows it now (read
    through its own viewset, so scoped as a GET would be), going back through the object's
    entries from the newest: before an action, each field it changed had its old value. A
    field is only turned back when the kernel's recorded new value is the value the API shows
    (plain values: texts, dates, numbers, choices); a reference the kernel recorded by name
    stays as the API shows it. For an object that no longer exists there is no body to start
    from: its lines keep the recorded fields. Give every line of an object, or the rebuilt
    bodies of its older lines miss the later changes."""
    from raadhuis.apis.common.expand import Expander

    expander = Expander(request)
    per_object: dict[str, list[tuple[AuditEntry, str]]] = defaultdict(list)
    for entry, url, actie in regels:
        per_object[url].append((entry, actie))
    uit: dict[int, dict[str, Any]] = {}
    for url, lijst in per_object.items():
        gevonden = expander.resource(url)
        staat: dict[str, Any] | None = dict(gevonden[0]) if gevonden else None
        for entry, actie in sorted(lijst, key=lambda r: (r[0].tijdstip, r[0].pk), reverse=True):
            if staat is None or actie == "destroy":
                uit[entry.pk] = wijzigingen(entry, actie)
                staat = None
                continue
            oud = _terug(staat, entry)
            uit[entry.pk] = {"oud": None if actie == "create" else oud, "nieuw": dict(staat)}
            staat = oud
    return uit


def _terug(staat: dict[str, Any], entry: AuditEntry) -> dict[str, Any]:
    """The body before `entry`: its changed fields back at their old values."""
    oud = dict(staat)
    for veld, waarden in (entry.wijzigingen or {}).items():
        naam = underscore_to_camel(veld)
        if naam in oud and isinstance(waarden, list) and len(waarden) == 2:
            vorige, nieuw = waarden
            if oud[naam] == nieuw or (oud[naam] in ("", None) and nieuw in ("", None)):
                oud[naam] = vorige
    return oud


def regels_volledig(
    paren: Sequence[tuple[AuditEntry, dict[str, Any]]], request: Request
) -> list[dict[str, Any]]:
    """Lines built by `audit_regel`, each with its `wijzigingen` as full bodies (pass every
    line of the objects concerned; see volledige_wijzigingen)."""
    volledig = volledige_wijzigingen(
        [(entry, regel["resourceUrl"], regel["actie"]) for entry, regel in paren], request
    )
    return [
        {**regel, "wijzigingen": volledig.get(entry.pk, regel["wijzigingen"])}
        for entry, regel in paren
    ]
