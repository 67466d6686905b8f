"""Where each resource of the standard APIs lives: the table that turns a kernel event
(resource name + uuids) into the URLs of a ZGW notification.

Paths are relative to RAADHUIS_BASE_URL and follow the base paths and resource paths of the
specifications in /work/shared/specs/zgw (Zaken 1.7.0, Documenten 1.7.0, Besluiten 1.1.0,
Catalogi 1.3.3, Autorisaties 1.1.0). `{uuid}` is the resource, `{hoofd}` its main object.
"""

from __future__ import annotations

import re
import uuid

from django.conf import settings

ZAKEN = "zaken/api/v1"
DOCUMENTEN = "documenten/api/v1"
BESLUITEN = "besluiten/api/v1"
CATALOGI = "catalogi/api/v1"
AUTORISATIES = "autorisaties/api/v1"

RESOURCE_PATHS: dict[str, str] = {
    # Zaken API 1.7.0
    "zaak": f"{ZAKEN}/zaken/{{uuid}}",
    "status": f"{ZAKEN}/statussen/{{uuid}}",
    "rol": f"{ZAKEN}/rollen/{{uuid}}",
    "resultaat": f"{ZAKEN}/resultaten/{{uuid}}",
    "zaakinformatieobject": f"{ZAKEN}/zaakinformatieobjecten/{{uuid}}",
    "zaakobject": f"{ZAKEN}/zaakobjecten/{{uuid}}",
    "klantcontact": f"{ZAKEN}/klantcontacten/{{uuid}}",
    "zaakcontactmoment": f"{ZAKEN}/zaakcontactmomenten/{{uuid}}",
    "zaakverzoek": f"{ZAKEN}/zaakverzoeken/{{uuid}}",
    "zaaknotitie": f"{ZAKEN}/zaaknotities/{{uuid}}",
    "zaakeigenschap": f"{ZAKEN}/zaken/{{hoofd}}/zaakeigenschappen/{{uuid}}",
    "zaakbesluit": f"{ZAKEN}/zaken/{{hoofd}}/besluiten/{{uuid}}",
    # Documenten API 1.7.0
    "enkelvoudiginformatieobject": f"{DOCUMENTEN}/enkelvoudiginformatieobjecten/{{uuid}}",
    "gebruiksrechten": f"{DOCUMENTEN}/gebruiksrechten/{{uuid}}",
    "objectinformatieobject": f"{DOCUMENTEN}/objectinformatieobjecten/{{uuid}}",
    "verzending": f"{DOCUMENTEN}/verzendingen/{{uuid}}",
    # Besluiten API 1.1.0
    "besluit": f"{BESLUITEN}/besluiten/{{uuid}}",
    "besluitinformatieobject": f"{BESLUITEN}/besluitinformatieobjecten/{{uuid}}",
    # Catalogi API 1.3.3
    "catalogus": f"{CATALOGI}/catalogussen/{{uuid}}",
    "zaaktype": f"{CATALOGI}/zaaktypen/{{uuid}}",
    "informatieobjecttype": f"{CATALOGI}/informatieobjecttypen/{{uuid}}",
    "besluittype": f"{CATALOGI}/besluittypen/{{uuid}}",
    "statustype": f"{CATALOGI}/statustypen/{{uuid}}",
    "roltype": f"{CATALOGI}/roltypen/{{uuid}}",
    "resultaattype": f"{CATALOGI}/resultaattypen/{{uuid}}",
    "eigenschap": f"{CATALOGI}/eigenschappen/{{uuid}}",
    "zaakobjecttype": f"{CATALOGI}/zaakobjecttypen/{{uuid}}",
    "zaaktype-informatieobjecttype": f"{CATALOGI}/zaaktype-informatieobjecttypen/{{uuid}}",
    # Autorisaties API 1.1.0
    "applicatie": f"{AUTORISATIES}/applicaties/{{uuid}}",
}


# The channels of the standard: its main resource (the `hoofdObject`) and the kenmerken its
# messages carry, as each API's specification lists them under "Notificaties".
KANALEN: dict[str, dict[str, object]] = {
    "zaken": {
        "hoofd_resource": "zaak",
        "kenmerken": ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"],
    },
    "documenten": {
        "hoofd_resource": "enkelvoudiginformatieobject",
        "kenmerken": ["bronorganisatie", "informatieobjecttype", "vertrouwelijkheidaanduiding"],
    },
    "besluiten": {
        "hoofd_resource": "besluit",
        "kenmerken": ["verantwoordelijke_organisatie", "besluittype"],
    },
    "zaaktypen": {"hoofd_resource": "zaaktype", "kenmerken": ["catalogus"]},
    "informatieobjecttypen": {"hoofd_resource": "informatieobjecttype", "kenmerken": ["catalogus"]},
    "besluittypen": {"hoofd_resource": "besluittype", "kenmerken": ["catalogus"]},
    "autorisaties": {"hoofd_resource": "applicatie", "kenmerken": []},
}

# Kenmerken that refer to another resource: a kernel event may give the uuid, the message
# carries the URL.
URL_KENMERKEN = {"zaaktype", "informatieobjecttype", "besluittype", "catalogus"}

# Kenmerk names kernel services used before they followed the specification.
KENMERK_ALIASES = {"verantwoordelijkeOrganisatie": "verantwoordelijke_organisatie"}

_UUID_AT_END = re.compile(
    r"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/?$"
)


def base_url() -> str:
    return str(settings.BASE_URL).rstrip("/")


def resource_url(resource: str, resource_uuid: uuid.UUID | str, hoofd_uuid: uuid.UUID | str) -> str:
    """The absolute URL of `resource`; KeyError when the standard APIs do not publish it."""
    path = RESOURCE_PATHS[resource].format(uuid=resource_uuid, hoofd=hoofd_uuid)
    return f"{base_url()}/{path}"


def hoofd_object_url(kanaal: str, resource: str, hoofd_uuid: uuid.UUID | str) -> str:
    """The main object of a channel (a zaak for `zaken`); for unknown channels the resource."""
    hoofd_resource = str(KANALEN.get(kanaal, {}).get("hoofd_resource", resource))
    return resource_url(hoofd_resource, hoofd_uuid, hoofd_uuid)


def uuid_from_url(url: str) -> uuid.UUID | None:
    """The uuid a resource URL ends with, if any."""
    match = _UUID_AT_END.search(url or "")
    return uuid.UUID(match.group(1)) if match else None
