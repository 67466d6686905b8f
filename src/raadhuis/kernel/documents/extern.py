"""Documents and objects in OTHER ZGW APIs, reached through the zgw-consumers Services an
administrator configured (kernel/integrations/zgw; docs/api/externe-verwijzingen.md).

Two sides of one standard (Zaken API 1.7.0 zaakinformatieobject_create, Documenten API 1.7.0
objectinformatieobject_create):

* Raadhuis as Zaken API with a document in another Documenten API: the URL must resolve to an
  EnkelvoudigInformatieObject there (`extern_document_controleren`); after the relation is
  stored, the other Documenten API is asked to create its mirrored OBJECTINFORMATIEOBJECT
  (`objectinformatieobject_aanmaken`), and to remove it when the relation goes.
* Raadhuis as Documenten API for a case in another Zaken API: the other API asks us to create
  the OBJECTINFORMATIEOBJECT; we check in that Zaken API that the relation exists there
  (`relatie_bestaat_extern`) before we store it.
"""

from __future__ import annotations

import logging
from typing import Any

import requests
from django.utils.translation import gettext as _
from zgw_consumers.client import build_client
from zgw_consumers.models import Service
from zgw_consumers.nlx import NLXClient

from raadhuis.kernel.integrations.zgw import ExternFout, resolve, service_for

logger = logging.getLogger(__name__)

DRC = "drc"
# What a Zaken or Besluiten API calls the relation list, and the API type of its service.
OBJECT_API = {
    "zaak": ("zrc", "zaakinformatieobjecten"),
    "besluit": ("brc", "besluitinformatieobjecten"),
}
# Documenten API 1.7.0: the properties an EnkelvoudigInformatieObject always has.
EIO_VERPLICHT = (
    "url",
    "bronorganisatie",
    "creatiedatum",
    "titel",
    "auteur",
    "taal",
    "versie",
    "beginRegistratie",
    "informatieobjecttype",
    "locked",
    "bestandsdelen",
)


def is_extern(url: str, api_type: str = DRC) -> bool:
    """A configured service of this type serves the URL."""
    return service_for(url, api_type) is not None


def extern_document_controleren(url: str) -> dict[str, Any]:
    """The EnkelvoudigInformatieObject at `url` in a configured Documenten API. ExternFout:
    `bad-url` (no service for it), `does_not_exist` (the remote does not answer it) or
    `invalid-resource` (what it answers is not an EnkelvoudigInformatieObject)."""
    data = resolve(url, DRC)
    ontbreekt = [naam for naam in EIO_VERPLICHT if naam not in data]
    if ontbreekt or str(data.get("url", "")).rstrip("/") != url.rstrip("/"):
        raise ExternFout(
            "invalid-resource",
            _("De URL verwijst niet naar een ENKELVOUDIGINFORMATIEOBJECT (ontbreekt: %(velden)s).")
            % {"velden": ", ".join(ontbreekt) or "url"},
        )
    return data


def _client_call(service: Service, methode: str, url: str, **kwargs: Any) -> requests.Response:
    try:
        client: NLXClient = build_client(service)
        with client:
            return client.request(methode, url, headers={"Accept": "application/json"}, **kwargs)
    except requests.RequestException as exc:
        raise ExternFout(
            "does_not_exist",
            _("De externe API (%(service)s) is niet bereikbaar: %(fout)s.")
            % {"service": service.label, "fout": type(exc).__name__},
        ) from exc


def _service(url: str, api_type: str) -> Service:
    service = service_for(url, api_type)
    if service is None:
        raise ExternFout("bad-url", _("Geen geconfigureerde service voor deze URL."))
    return service


def _fout_van(response: requests.Response, service: Service) -> str:
    """The remote's own error in a line (ZGW Fout: title and invalidParams)."""
    try:
        fout = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    redenen = [p.get("reason", "") for p in fout.get("invalidParams") or [] if isinstance(p, dict)]
    tekst = "; ".join(filter(None, [fout.get("title", ""), *redenen]))
    return f"HTTP {response.status_code}: {tekst}" if tekst else f"HTTP {response.status_code}"


def objectinformatieobject_aanmaken(
    *, informatieobject_url: str, object_url: str, object_type: str = "zaak"
) -> str:
    """Ask the Documenten API of `informatieobject_url` to register that `object_url` (a case
    of ours) refers to the document; the URL of the OBJECTINFORMATIEOBJECT it created."""
    service = _service(informatieobject_url, DRC)
    response = _client_call(
        service,
        "POST",
        f"{service.api_root}objectinformatieobjecten",
        json={
            "informatieobject": informatieobject_url,
            "object": object_url,
            "objectType": object_type,
        },
    )
    if response.status_code != 201:
        raise ExternFout(
            "pending-relations",
            _("De externe Documenten API (%(service)s) weigerde de relatie: %(fout)s.")
            % {"service": service.label, "fout": _fout_van(response, service)},
        )
    return str(response.json().get("url", ""))


def objectinformatieobject_verwijderen(url: str) -> None:
    """Remove the mirrored relation in the other Documenten API (404: already gone)."""
    service = _service(url, DRC)
    response = _client_call(service, "DELETE", url)
    if response.status_code not in (204, 404):
        raise ExternFout(
            "pending-relations",
            _("De externe Documenten API (%(service)s) verwijderde de relatie niet: %(fout)s.")
            % {"service": service.label, "fout": _fout_van(response, service)},
        )


def relatie_bestaat_extern(*, object_url: str, object_type: str, informatieobject_url: str) -> bool:
    """Does the Zaken (Besluiten) API of `object_url` hold the relation between that object
    and our document? ExternFout when it cannot be asked."""
    api_type, collectie = OBJECT_API[object_type]
    service = _service(object_url, api_type)
    response = _client_call(
        service,
        "GET",
        f"{service.api_root}{collectie}",
        params={object_type: object_url, "informatieobject": informatieobject_url},
    )
    if response.status_code != 200:
        raise ExternFout(
            "does_not_exist",
            _("De externe API (%(service)s) kon de relatie niet opzoeken: %(fout)s.")
            % {"service": service.label, "fout": _fout_van(response, service)},
        )
    data = response.json()
    resultaten = data.get("results", []) if isinstance(data, dict) else data
    return any(
        isinstance(r, dict) and r.get("informatieobject") == informatieobject_url
        for r in resultaten or []
    )
