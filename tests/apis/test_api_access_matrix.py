"""Every route of the six ZGW APIs with every kind of caller: who may do what, and that no
answer ever shows or changes data of another organisation or of a type an application is not
granted.

The routes are read from the URL resolver (namespaces zaken:, catalogi:, documenten:,
besluiten:, autorisaties:, notificaties:), so a new route is tested as soon as it exists; a
route this module cannot classify or fill fails `test_every_api_route_is_covered`. Each route
and HTTP method is its own test id, with these callers:

- nobody (no Authorization header), an unknown client, a known client with a wrong secret: 401
  and a Fout;
- an application of organisation A holding every scope except the ones the operation needs:
  403 and a Fout (the scopes are the view's `required_scopes`, which must equal the
  specification's);
- A's own application with heeftAlleAutorisaties: the control; it reads, lists, writes and
  creates what the others may not, so their 404s and refusals are about who asks;
- an application of organisation B with heeftAlleAutorisaties: lists hold nothing of A, A's
  objects are not there (404) for reading, changing and deleting, a create that refers to A's
  objects is refused, nothing in the database changes, and no answer contains a marker of A
  (uuids, identificaties, omschrijvingen, names, BSNs). B's own objects with one reference
  turned to A's are refused or the reference is ignored; B's lists filtered on A's objects,
  numbers and BSNs are empty; a nested object is found only under its own parent;
- applications of A limited to one type at "openbaar" (zrc: zaaktype X; drc:
  informatieobjecttype X; brc: besluittype X): lists only hold what they are granted, other
  objects are not there (404, as another organisation's: the kernel's selectors do not tell
  "not yours" from "not there"; Open Zaak answers 403 there), creates on them are refused
  and change nothing.

A's objects come in three variants: X_OPEN (zaaktype X, openbaar), X_GEHEIM (zaaktype X,
geheim) and Y_OPEN (zaaktype Y, openbaar). Every variant has a "full" case with every part the
APIs know (status, rol, resultaat, eigenschap, object, notitie, contact, document, besluit, ...)
and an "empty" case with a loose document and a bare besluit that the create bodies refer to,
so that the same body creates for A's own application (checked in a savepoint that is undone)
and must be refused for the others. B has the same world in one variant (`World.b`).

One world per module, built through the APIs themselves by each organisation's application
with all autorisaties, inside an outer transaction that is rolled back at the end; every test
runs in its own savepoint, every write in one more that is undone at once. Known access bugs
are marked xfail(strict=True) with their reason (see /tmp/handoff/matrix.md).
"""

from __future__ import annotations

import functools
import json
import re
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
import yaml
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models, transaction
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from rest_framework.test import APIClient

from raadhuis.apis.common.permissions import component_of
from raadhuis.apis.common.schema import ZGW_APIS
from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.services import AutorisatieData, applicatie_create
from raadhuis.kernel.catalog.models import (
    BesluitType,
    EigenschapType,
    InformatieObjectType,
    ZaakObjectType,
    ZaakTypeInformatieObjectType,
)
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Organisatie
from tests import factories
from tests.apis.jwt import make_jwt

API_NAMESPACES = tuple(ZGW_APIS)
SPECS = "/work/shared/specs/zgw"
SERVER = "http://testserver"
# Accept-Crs/Content-Crs on every request: the geo endpoints need them, the others ignore them.
CRS = {"HTTP_ACCEPT_CRS": "EPSG:4326", "HTTP_CONTENT_CRS": "EPSG:4326"}
ERROR_CONTENT_TYPE = "application/problem+json"

# The public pages of every API: the schema, its reference page and the error reference pages
# need no credentials; any other path under an API is a 404 Fout.
PUBLIC_PAGES = {"schema": 200, "schema-reference": 200, "error-detail": 200, "not-found": 404}

X_OPEN, X_GEHEIM, Y_OPEN = VARIANTS = ("x_open", "x_geheim", "y_open")
CONCEPT = "concept"  # the concept catalogue objects (publish routes)

# Path parameters that name a parent object, and which resource that is.
PARENTS = {
    "zaak_uuid": "zaken:zaak",
    "besluit_uuid": "besluiten:besluit",
    "enkelvoudiginformatieobject_uuid": "documenten:enkelvoudiginformatieobject",
}

# Resources every organisation shares (the Notificaties API's channels are the standard's,
# one "zaken" channel for everybody): B reads them, they hold nothing of A.
SHARED = {"notificaties:kanaal"}

# Creates that cannot refer to anything of A: B creates its own object. They must add, change
# or delete no row of A.
OWN_CREATES = {
    "catalogi:catalogus": "a new catalogue of B's own",
    "zaken:zaaknummer": "reserves a number for B (a reservation row of B)",
    "notificaties:kanaal": "channels are shared configuration",
    "notificaties:abonnement": "a subscription of B (delivery sends it only B's events)",
    "notificaties:notificaties": "routed to B's own subscriptions only",
}

# Creates that only confirm a relation another API made: within one installation the
# Documenten API's objectinformatieobject is the case's or decision's own document relation,
# so the owner's create of an existing one answers 400 "unique" (the body is understood).
CONFIRM_ONLY = {"documenten:objectinformatieobject": '"code":"unique"'}

# Which restricted application governs a component, and which variants it may see.
RESTRICTED_VISIBLE = {
    "zrc": {X_OPEN},  # zaaktype X up to openbaar
    "drc": {X_OPEN},  # informatieobjecttype X up to openbaar
    "brc": {X_OPEN, X_GEHEIM},  # besluittype X (besluiten have no confidentiality)
}

# Known access bugs of the per-operation tests, each one case: (route key, method, caller) ->
# reason, marked xfail(strict=True) so the suite stays informative (see
# /tmp/handoff/matrix.md). The identificatie oracle is marked on its own test below.
KNOWN_BUGS: dict[tuple[str, str, str], str] = {}


# --- the routes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # "zaken:zaak-detail"
    parts: tuple[str, ...]  # the pattern of every level, outermost first
    params: tuple[str, ...]
    callback: Callable

    @property
    def api(self) -> str:
        return self.key.split(":", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(":", 1)[1]

    @property
    def view(self) -> Any:
        return getattr(self.callback, "cls", None)

    @property
    def resource(self) -> str:
        """'zaken:zaak' for zaken:zaak-detail, zaken:zaak-list, zaken:zaak--zoek, ..."""
        return f"{self.api}:{self.name.split('-', 1)[0]}"


_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")


def _walk(patterns, parts=(), namespace="") -> Iterator[Route]:  # noqa: ANN001
    for p in patterns:
        here = (*parts, str(p.pattern))
        if isinstance(p, URLResolver):
            ns = ":".join(filter(None, (namespace, p.namespace)))
            yield from _walk(p.url_patterns, here, ns)
        elif isinstance(p, URLPattern) and namespace.split(":")[0] in API_NAMESPACES:
            params = tuple(m["name"] or m["rname"] for m in _PARAM.finditer("".join(here)))
            yield Route(f"{namespace}:{p.name}", here, params, p.callback)


def api_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


def route_path(route: Route, values: dict[str, object]) -> str:
    def fill(match: re.Match) -> str:
        return str(values[match["name"] or match["rname"]])

    path = "/" + "".join(_PARAM.sub(fill, part.lstrip("^").rstrip("$")) for part in route.parts)
    assert resolve(path).func == route.callback, path
    return path


@dataclass(frozen=True)
class Op:
    route: Route
    method: str  # "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"
    action: str

    @property
    def id(self) -> str:
        return f"{self.route.key} {self.method}"

    @property
    def kind(self) -> str:
        """read / write (an object of A in the path), list, create, search, consumer."""
        if "uuid" in self.route.params:
            return "read" if self.method in ("GET", "HEAD") else "write"
        if self.method in ("GET", "HEAD") and self.action == "list":
            return "list"
        if self.method == "POST" and self.action == "create":
            return "own" if self.route.resource in OWN_CREATES else "create"
        if self.method == "POST" and self.action == "_zoek":
            return "search"
        if self.method in ("GET", "HEAD") and self.action == "consumer":
            return "consumer"
        return "unknown"

    @property
    def required(self) -> tuple[str, ...] | None:
        """The alternative scopes the view requires for this action (None: no scope)."""
        value = self.route.view.required_scopes.get(self.action, "<missing>")
        if value is None:
            return None
        return (value,) if isinstance(value, str) else tuple(value)

    @property
    def component(self) -> str:
        return self.route.view.component


def route_ops(route: Route) -> list[Op]:
    view = route.view
    actions = {m: a for m, a in (getattr(route.callback, "actions", None) or {}).items()}
    if view is None or not actions:
        return []
    actions.pop("head", None)
    allowed = view.http_method_names
    ops = [
        Op(route, method.upper(), action)
        for method, action in actions.items()
        if method in allowed and hasattr(view, action)
    ]
    if "get" in actions and "head" in allowed and "get" in {o.method.lower() for o in ops}:
        ops.append(Op(route, "HEAD", actions["get"]))
    return ops


ROUTES = api_routes()
OPS = [op for route in ROUTES for op in route_ops(route)]
PUBLIC_ROUTES = [r for r in ROUTES if r.name in PUBLIC_PAGES]


def op_param(ops: list[Op], caller: str) -> list:
    """pytest params, with a known bug of `caller` on an op marked xfail(strict=True)."""
    params = []
    for op in ops:
        reason = KNOWN_BUGS.get((op.route.key, op.method, caller))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(op, id=op.id, marks=marks))
    return params


# --- clients --------------------------------------------------------------------------------


class Api:
    """A test client for one application (or none): absolute URLs or paths, JSON bodies."""

    def __init__(self, client_id: str = "", secret: str = "", applicatie: Any = None) -> None:
        self.client = APIClient()
        self.applicatie = applicatie
        self.client_id = client_id
        if client_id:
            self.client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_jwt(client_id, secret)}")

    def request(self, method: str, url: str, body: Any = None, **extra: Any) -> Any:
        path = url.removeprefix(SERVER)
        call = getattr(self.client, method.lower())
        kwargs: dict[str, Any] = {**CRS, **extra}
        if body is not None and method not in ("GET", "HEAD"):
            if isinstance(body, Multipart):
                kwargs.update(data=body.data(), format="multipart")
            else:
                kwargs.update(data=body, format="json")
        elif body is not None:
            kwargs["data"] = body
        return call(path, **kwargs)

    def get(self, url: str, query: dict | None = None) -> Any:
        return self.request("GET", url, query)

    def post(self, url: str, body: Any = None) -> Any:
        return self.request("POST", url, body if body is not None else {})


@dataclass
class Multipart:
    """A multipart body (bestandsdelen): files are built anew for every request."""

    fields: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)

    def data(self) -> dict[str, Any]:
        return {
            **self.fields,
            **{n: SimpleUploadedFile(f"{n}.bin", content) for n, content in self.files.items()},
        }


def created(response: Any, what: str) -> dict[str, Any]:
    assert response.status_code in (200, 201), (what, response.status_code, body_text(response))
    return response.json()


def body_text(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def application(
    org: Organisatie,
    label: str,
    *,
    autorisaties: list[AutorisatieData] | None = None,
    alle: bool = False,
) -> Api:
    client_id = f"mx-{uuid.uuid4().hex[:10]}"
    secret = f"geheim-{uuid.uuid4().hex}"
    app = applicatie_create(
        Actor.system(org),
        label=label,
        client_ids=[client_id],
        secrets={client_id: secret},
        heeft_alle_autorisaties=alle,
        autorisaties=autorisaties or [],
    )
    return Api(client_id, secret, app)


# --- the world ----------------------------------------------------------------------------


@dataclass
class Obj:
    """One object of A as A's application sees it."""

    url: str
    data: dict[str, Any]
    path: dict[str, str] = field(default_factory=dict)  # other path parameters (zaak_uuid)

    @property
    def uuid(self) -> str:
        return self.url.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class World:
    org: Organisatie  # whose world this is (A; B for `World.b`)
    other_org: Organisatie
    admin: Api  # the owner's application with heeftAlleAutorisaties
    other: Api  # the other organisation's application with heeftAlleAutorisaties
    prefix: str = "Aaltjes"  # in every name and text, so markers are the owner's only
    code: str = "MXA"
    b: World | None = None  # B's own world (X_OPEN only), for references across
    objects: dict[str, dict[str, Obj]] = field(default_factory=dict)  # resource -> variant
    refs: dict[str, dict[str, str]] = field(default_factory=dict)  # variant -> name -> URL
    markers: dict[str, list[str]] = field(default_factory=dict)  # variant / "a" -> strings
    lacking: dict[tuple, Api] = field(default_factory=dict)  # (component, scopes) -> app
    restricted: dict[str, Api] = field(default_factory=dict)  # component -> app
    locks: dict[str, str] = field(default_factory=dict)  # document url -> lock

    def keep(self, resource: str, variant: str, data: dict[str, Any], **path: str) -> Obj:
        obj = Obj(data["url"], data, path)
        self.objects.setdefault(resource, {})[variant] = obj
        return obj

    def obj(self, resource: str, variant: str = X_OPEN) -> Obj | None:
        return self.objects.get(resource, {}).get(variant)

    def all_markers(self) -> list[str]:
        return sorted({m for values in self.markers.values() for m in values})


def uuid_of(data: dict[str, Any]) -> str:
    return data["url"].rstrip("/").rsplit("/", 1)[-1]


def url_of(view_name: str, obj: Any) -> str:
    return SERVER + reverse(view_name, kwargs={"uuid": obj.uuid})


def build_catalogue(w: World) -> None:
    """Zaaktypen X and Y (published, with every part), a concept zaaktype, informatieobjecttype
    and besluittype for the publish routes, and besluittypen X and Y."""
    org = w.org
    x = factories.zaaktype(
        org,
        identificatie=f"{w.code}-ZT-X",
        omschrijving=f"{w.prefix} marktklachttype",
        vertrouwelijkheid=Vertrouwelijkheid.OPENBAAR,
    )
    y = factories.zaaktype(
        org,
        identificatie=f"{w.code}-ZT-Y",
        omschrijving=f"{w.prefix} verloftype",
        vertrouwelijkheid=Vertrouwelijkheid.OPENBAAR,
    )
    concept = factories.zaaktype(
        org, identificatie=f"{w.code}-ZT-C", omschrijving=f"{w.prefix} concepttype", concept=True
    )
    catalogus = x.catalogus
    catalogus.naam = f"{w.prefix}catalogus"
    catalogus.save(update_fields=["naam"])
    for zt, naam in (
        (x, f"{w.prefix}brief X"),
        (y, f"{w.prefix}brief Y"),
        (concept, f"{w.prefix}brief C"),
    ):
        InformatieObjectType.objects.filter(zaaktypen=zt).update(omschrijving=naam)
    iot_concept = InformatieObjectType.objects.create(
        catalogus=catalogus,
        omschrijving=f"{w.prefix} conceptbrief",
        begin_geldigheid=date(2024, 1, 1),
        concept=True,
    )
    besluittypen = {}
    for letter, zaaktypen in (("X", (x, y)), ("Y", (y,)), ("C", ())):
        bt = BesluitType.objects.create(
            catalogus=catalogus,
            omschrijving=f"{w.prefix} besluittype {letter}",
            begin_geldigheid=date(2024, 1, 1),
            concept=letter == "C",
        )
        bt.zaaktypen.set(zaaktypen)
        bt.informatieobjecttypen.set(InformatieObjectType.objects.filter(zaaktypen__in=(x, y)))
        besluittypen[letter] = bt
    for zt in (x, y):
        ZaakObjectType.objects.create(
            zaaktype=zt,
            objecttype="https://objecttypen.example/api/v2/objecttypes/1",
            relatie_omschrijving=f"{w.prefix} locatie {zt.identificatie}",
            begin_geldigheid=date(2024, 1, 1),
        )
    EigenschapType.objects.filter(zaaktype__in=(x, y, concept)).update(
        definitie=f"{w.prefix} incidentdatum"
    )
    # Every catalogue object of X, the concepts for the publish routes.
    main = {
        "catalogi:catalogus": catalogus,
        "catalogi:zaaktype": x,
        "catalogi:statustype": x.statustypen.order_by("volgnummer").first(),
        "catalogi:roltype": x.roltypen.first(),
        "catalogi:resultaattype": x.resultaattypen.first(),
        "catalogi:informatieobjecttype": x.informatieobjecttypen.get(),
        "catalogi:zaaktypeinformatieobjecttype": ZaakTypeInformatieObjectType.objects.get(
            zaaktype=x
        ),
        "catalogi:eigenschap": x.eigenschappen.get(),
        "catalogi:besluittype": besluittypen["X"],
        "catalogi:zaakobjecttype": x.zaakobjecttypen.get(),
    }
    for resource, obj in main.items():
        w.keep(resource, X_OPEN, created(w.admin.get(url_of(f"{resource}-detail", obj)), resource))
    ZaakObjectType.objects.create(
        zaaktype=concept,
        objecttype="https://objecttypen.example/api/v2/objecttypes/3",
        relatie_omschrijving=f"{w.prefix} conceptlocatie",
        begin_geldigheid=date(2024, 1, 1),
    )
    for resource, obj in (
        ("catalogi:zaaktype", concept),
        ("catalogi:informatieobjecttype", iot_concept),
        ("catalogi:besluittype", besluittypen["C"]),
        ("catalogi:statustype", concept.statustypen.order_by("volgnummer").first()),
        ("catalogi:roltype", concept.roltypen.first()),
        ("catalogi:resultaattype", concept.resultaattypen.first()),
        ("catalogi:eigenschap", concept.eigenschappen.get()),
        ("catalogi:zaakobjecttype", concept.zaakobjecttypen.get()),
        (
            "catalogi:zaaktypeinformatieobjecttype",
            ZaakTypeInformatieObjectType.objects.get(zaaktype=concept),
        ),
    ):
        w.keep(resource, CONCEPT, created(w.admin.get(url_of(f"{resource}-detail", obj)), ""))
    # What the create bodies refer to, per variant.
    for variant, zt, bt, vertrouwelijk in (
        (X_OPEN, x, besluittypen["X"], "openbaar"),
        (X_GEHEIM, x, besluittypen["X"], "geheim"),
        (Y_OPEN, y, besluittypen["Y"], "openbaar"),
    ):
        w.refs[variant] = {
            "zaaktype": url_of("catalogi:zaaktype-detail", zt),
            "statustype": url_of(
                "catalogi:statustype-detail", zt.statustypen.order_by("volgnummer").first()
            ),
            "resultaattype": url_of(
                "catalogi:resultaattype-detail", zt.resultaattypen.order_by("pk").first()
            ),
            "roltype": url_of(
                "catalogi:roltype-detail", zt.roltypen.get(omschrijving_generiek="initiator")
            ),
            "eigenschap": url_of("catalogi:eigenschap-detail", zt.eigenschappen.get()),
            "informatieobjecttype": url_of(
                "catalogi:informatieobjecttype-detail", zt.informatieobjecttypen.get()
            ),
            "besluittype": url_of("catalogi:besluittype-detail", bt),
            "vertrouwelijkheid": vertrouwelijk,
        }
    w.refs[CONCEPT] = {
        "catalogus": url_of("catalogi:catalogus-detail", catalogus),
        "zaaktype": url_of("catalogi:zaaktype-detail", concept),
        "informatieobjecttype": url_of("catalogi:informatieobjecttype-detail", iot_concept),
    }
    w.markers["a"] = [
        org.naam,
        catalogus.naam,
        *(zt.identificatie for zt in (x, y, concept)),
        *(zt.omschrijving for zt in (x, y, concept)),
        *(bt.omschrijving for bt in besluittypen.values()),
        f"{w.prefix}brief",
        f"{w.prefix} conceptbrief",
        f"{w.prefix} locatie",
        f"{w.prefix} incidentdatum",
    ]


# --- the create bodies: what a client sends, referring to A's objects of a variant ---------


def create_body(resource: str, w: World, variant: str, tag: str = "") -> Any:
    """A valid create body for `resource` referring to A's objects of `variant` (the empty
    case, the loose document and the bare besluit), with marker strings tagged `tag`."""
    r = w.refs[variant]
    a = w.org
    zaak = r.get("leeg_zaak", "")
    document = r.get("los_document", "")
    bodies: dict[str, Callable[[], Any]] = {
        "zaken:zaak": lambda: {
            "bronorganisatie": a.rsin,
            "verantwoordelijkeOrganisatie": a.rsin,
            "zaaktype": r["zaaktype"],
            "startdatum": "2026-01-05",
            "omschrijving": f"{w.prefix} zaak {tag}",
            "vertrouwelijkheidaanduiding": r["vertrouwelijkheid"],
        },
        "zaken:status": lambda: {
            "zaak": zaak,
            "statustype": r["statustype"],
            "datumStatusGezet": "2026-01-06T10:00:00Z",
            "statustoelichting": f"{w.prefix} status {tag}",
        },
        "zaken:resultaat": lambda: {
            "zaak": zaak,
            "resultaattype": r["resultaattype"],
            "toelichting": f"{w.prefix} resultaat {tag}",
        },
        "zaken:rol": lambda: {
            "zaak": zaak,
            "betrokkeneType": "natuurlijk_persoon",
            "roltype": r["roltype"],
            "roltoelichting": f"{w.prefix} rol {tag}",
            "betrokkeneIdentificatie": {
                "inpBsn": factories.elfproef_number(
                    zlib.crc32(f"{w.prefix}{tag}".encode()) % 900000, prefix="27"
                ),
                "geslachtsnaam": f"{w.prefix}mans{tag}",
            },
        },
        "zaken:zaakeigenschap": lambda: {
            "zaak": zaak,
            "eigenschap": r["eigenschap"],
            "waarde": "20260105",
        },
        "zaken:zaakobject": lambda: {
            "zaak": zaak,
            "objectType": "adres",
            "object": "https://bag.example/adressen/1",
            "relatieomschrijving": f"{w.prefix} object {tag}",
            "objectIdentificatie": {
                "identificatie": "0363200000000001",
                "wplWoonplaatsNaam": f"{w.prefix}dorp",
                "gorOpenbareRuimteNaam": "Dam",
                "huisnummer": 1,
            },
        },
        "zaken:klantcontact": lambda: {
            "zaak": zaak,
            "datumtijd": "2026-01-06T09:00:00Z",
            "kanaal": "telefoon",
            "onderwerp": f"{w.prefix} contact {tag}",
        },
        "zaken:zaakcontactmoment": lambda: {
            "zaak": zaak,
            "contactmoment": f"https://cm.example/contactmomenten/{uuid.uuid4()}",
        },
        "zaken:zaakverzoek": lambda: {
            "zaak": zaak,
            "verzoek": f"https://vrc.example/verzoeken/{uuid.uuid4()}",
        },
        "zaken:zaaknotitie": lambda: {
            "gerelateerdAan": zaak,
            "onderwerp": f"{w.prefix} notitie {tag}",
            "tekst": "Belde terug",
        },
        "zaken:zaakinformatieobject": lambda: {
            "zaak": zaak,
            "informatieobject": document,
            "titel": f"{w.prefix} koppeling {tag}",
        },
        "zaken:zaakbesluit": lambda: {"besluit": r["leeg_besluit"]},
        "zaken:zaaknummer": lambda: {"bronorganisatie": a.rsin},
        "documenten:enkelvoudiginformatieobject": lambda: {
            "bronorganisatie": a.rsin,
            "creatiedatum": "2026-01-05",
            "identificatie": f"{w.code}-DOC-{tag}",
            "titel": f"{w.prefix} document {tag}",
            "auteur": f"Team {w.prefix}",
            "taal": "dut",
            "informatieobjecttype": r["informatieobjecttype"],
            "vertrouwelijkheidaanduiding": r["vertrouwelijkheid"],
            "inhoud": "QWFsdGplcyBpbmhvdWQ=",
            "bestandsnaam": "aaltjes.txt",
            "formaat": "text/plain",
        },
        "documenten:gebruiksrechten": lambda: {
            "informatieobject": document,
            "startdatum": "2026-01-01T00:00:00Z",
            "omschrijvingVoorwaarden": f"{w.prefix} voorwaarden {tag}",
        },
        "documenten:verzending": lambda: {
            "betrokkene": "https://klanten.example.nl/api/v1/klanten/1",
            "informatieobject": document,
            "aardRelatie": "geadresseerde",
            "contactPersoon": "https://medewerkers.example.nl/api/v1/medewerkers/7",
            "emailadres": "aaltjes@example.nl",
        },
        "documenten:objectinformatieobject": lambda: {
            "informatieobject": r["vol_document"],
            "object": r["vol_zaak"],
            "objectType": "zaak",
        },
        "besluiten:besluit": lambda: {
            "verantwoordelijkeOrganisatie": a.rsin,
            "identificatie": f"{w.code}-BESLUIT-{tag}",
            "besluittype": r["besluittype"],
            "zaak": zaak,
            "datum": "2026-01-05",
            "ingangsdatum": "2026-01-06",
            "toelichting": f"{w.prefix} besluit {tag}",
        },
        "besluiten:besluitinformatieobject": lambda: {
            "besluit": r["leeg_besluit"],
            "informatieobject": document,
        },
        "catalogi:catalogus": lambda: {
            "domein": f"MX{tag[:3].upper()}",
            "rsin": a.rsin,
            "contactpersoonBeheerNaam": f"{w.prefix} beheer",
            "naam": f"{w.prefix} catalogus {tag}",
        },
        "catalogi:zaaktype": lambda: zaaktype_body(w, tag),
        "catalogi:statustype": lambda: {
            "zaaktype": w.refs[CONCEPT]["zaaktype"],
            "omschrijving": f"{w.prefix} stap {tag}",
            "volgnummer": 7,
        },
        "catalogi:roltype": lambda: {
            "zaaktype": w.refs[CONCEPT]["zaaktype"],
            "omschrijving": f"{w.prefix} melder {tag}",
            "omschrijvingGeneriek": "initiator",
        },
        "catalogi:resultaattype": lambda: {
            "zaaktype": w.refs[CONCEPT]["zaaktype"],
            "omschrijving": f"{w.prefix} opgelost {tag}",
            "resultaattypeomschrijving": "https://selectielijst.example/omschrijvingen/1",
            "selectielijstklasse": "https://selectielijst.example/resultaten/1",
            "archiefnominatie": "vernietigen",
            "archiefactietermijn": "P1Y",
            "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
        },
        "catalogi:eigenschap": lambda: {
            "zaaktype": w.refs[CONCEPT]["zaaktype"],
            "naam": f"aaltjes_{tag}",
            "definitie": f"{w.prefix} eigenschap",
            "specificatie": {
                "formaat": "tekst",
                "lengte": "100",
                "kardinaliteit": "1",
                "waardenverzameling": [],
            },
        },
        "catalogi:informatieobjecttype": lambda: {
            "catalogus": w.refs[CONCEPT]["catalogus"],
            "omschrijving": f"{w.prefix} foto {tag}",
            "vertrouwelijkheidaanduiding": "openbaar",
            "beginGeldigheid": "2026-01-01",
            "informatieobjectcategorie": "Foto",
        },
        "catalogi:zaaktypeinformatieobjecttype": lambda: {
            "zaaktype": w.refs[CONCEPT]["zaaktype"],
            "informatieobjecttype": f"{w.prefix}brief X",
            "volgnummer": 9,
            "richting": "inkomend",
        },
        "catalogi:besluittype": lambda: {
            "catalogus": w.refs[CONCEPT]["catalogus"],
            "omschrijving": f"{w.prefix} toekenning {tag}",
            "publicatieIndicatie": False,
            "informatieobjecttypen": [],
            "beginGeldigheid": "2026-01-01",
        },
        "catalogi:zaakobjecttype": lambda: {
            "zaaktype": w.refs[CONCEPT]["zaaktype"],
            "catalogus": w.refs[CONCEPT]["catalogus"],
            "anderObjecttype": False,
            "objecttype": "https://objecttypen.example/api/v2/objecttypes/2",
            "relatieOmschrijving": f"{w.prefix} plek {tag}",
            "beginGeldigheid": "2026-01-01",
        },
        "autorisaties:applicatie": lambda: {
            "clientIds": [f"aaltjes-{tag}-{uuid.uuid4().hex[:6]}"],
            "label": f"{w.prefix} koppeling {tag}",
            "heeftAlleAutorisaties": False,
            "autorisaties": [
                {
                    "component": "zrc",
                    "scopes": ["zaken.lezen"],
                    "zaaktype": w.refs[X_OPEN]["zaaktype"],
                    "maxVertrouwelijkheidaanduiding": "openbaar",
                }
            ],
        },
        "notificaties:kanaal": lambda: {
            "naam": f"mx-{uuid.uuid4().hex[:8]}",
            "documentatieLink": "https://example.nl/kanaal",
            "filters": [],
        },
        "notificaties:abonnement": lambda: {
            "callbackUrl": "https://aaltjes.example.nl/callback",
            "auth": "Bearer aaltjes",
            "kanalen": [{"naam": "zaken", "filters": {}}],
        },
        "notificaties:notificaties": lambda: {
            "kanaal": "zaken",
            "hoofdObject": f"https://zrc.example.nl/zaken/api/v1/zaken/{uuid.uuid4()}",
            "resource": "zaak",
            "resourceUrl": f"https://zrc.example.nl/zaken/api/v1/zaken/{uuid.uuid4()}",
            "actie": "partial_update",
            "aanmaakdatum": "2026-01-06T10:00:00Z",
            "kenmerken": {},
        },
    }
    return bodies[resource]()


def zaaktype_body(w: World, tag: str) -> dict[str, Any]:
    return {
        "identificatie": f"{w.code}-NIEUW-{tag}",
        "omschrijving": f"{w.prefix} nieuw zaaktype {tag}",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "Meldingen afhandelen",
        "aanleiding": "Een melding",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "melden",
        "onderwerp": "Openbare ruimte",
        "handelingBehandelaar": "behandelen",
        "doorlooptijd": "P2W",
        "opschortingEnAanhoudingMogelijk": False,
        "verlengingMogelijk": False,
        "publicatieIndicatie": False,
        "productenOfDiensten": ["https://example.com/producten/1"],
        "referentieproces": {"naam": "Melding"},
        "verantwoordelijke": f"Team {w.prefix}",
        "catalogus": w.refs[CONCEPT]["catalogus"],
        "besluittypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2026-01-01",
        "versiedatum": "2026-01-01",
    }


def list_url(resource: str, **path: str) -> str:
    return SERVER + reverse(f"{resource}-list", kwargs=path or None)


def build_cases(w: World, variants: tuple[str, ...] = VARIANTS) -> None:
    """Per variant a full case with every part, and an empty case with a loose document and a
    bare besluit for the create bodies."""
    adm = w.admin
    for variant in variants:
        r = w.refs[variant]
        tag = variant.replace("_", "")
        markers = w.markers.setdefault(variant, [])

        def make(
            resource: str, body: Any, *, keep: bool, variant: str = variant, **path: str
        ) -> dict[str, Any]:
            data = created(adm.post(list_url(resource, **path), body), resource)
            if keep:
                w.keep(resource, variant, data, **path)
            return data

        # the empty case and its loose document and bare besluit
        leeg = make("zaken:zaak", create_body("zaken:zaak", w, variant, f"leeg{tag}"), keep=False)
        r["leeg_zaak"] = leeg["url"]
        los = make(
            "documenten:enkelvoudiginformatieobject",
            create_body("documenten:enkelvoudiginformatieobject", w, variant, f"los{tag}"),
            keep=False,
        )
        r["los_document"] = los["url"]
        bare = make(
            "besluiten:besluit",
            create_body("besluiten:besluit", w, variant, f"kaal{tag}"),
            keep=False,
        )
        r["leeg_besluit"] = bare["url"]
        markers += [
            leeg["identificatie"],
            uuid_of(leeg),
            los["identificatie"],
            bare["identificatie"],
        ]
        markers += [f"{w.prefix} zaak leeg{tag}", f"{w.prefix} document los{tag}"]

        # the full case: point the bodies at it while building
        zaak = make("zaken:zaak", create_body("zaken:zaak", w, variant, f"vol{tag}"), keep=True)
        document = make(
            "documenten:enkelvoudiginformatieobject",
            create_body("documenten:enkelvoudiginformatieobject", w, variant, f"vol{tag}"),
            keep=True,
        )
        empty = dict(r)
        r.update(leeg_zaak=zaak["url"], los_document=document["url"])
        besluit = make(
            "besluiten:besluit",
            create_body("besluiten:besluit", w, variant, f"vol{tag}"),
            keep=True,
        )
        r["leeg_besluit"] = besluit["url"]
        for resource in (
            "zaken:status",
            "zaken:resultaat",
            "zaken:rol",
            "zaken:zaakobject",
            "zaken:klantcontact",
            "zaken:zaakcontactmoment",
            "zaken:zaakverzoek",
            "zaken:zaaknotitie",
            "zaken:zaakinformatieobject",
            "documenten:gebruiksrechten",
            "documenten:verzending",
            "besluiten:besluitinformatieobject",
        ):
            make(resource, create_body(resource, w, variant, f"vol{tag}"), keep=True)
        make(
            "zaken:zaakeigenschap",
            create_body("zaken:zaakeigenschap", w, variant, f"vol{tag}"),
            keep=True,
            zaak_uuid=uuid_of(zaak),
        )
        w.keep(
            "zaken:zaakbesluit",
            variant,
            created(adm.get(f"{zaak['url']}/besluiten/{besluit['url'].rsplit('/', 1)[-1]}"), "zb"),
            zaak_uuid=uuid_of(zaak),
        )
        r.clear()
        r.update(empty, vol_zaak=zaak["url"], vol_document=document["url"])
        markers += [
            zaak["identificatie"],
            f"{w.prefix} zaak vol{tag}",
            document["identificatie"],
            f"{w.prefix} document vol{tag}",
            besluit["identificatie"],
            f"{w.prefix}mansvol{tag}",
            w.obj("zaken:rol", variant).data["betrokkeneIdentificatie"]["inpBsn"],
        ]
        build_reads(w, variant, zaak, document, besluit)
        markers += [obj[variant].uuid for obj in w.objects.values() if variant in obj]


def build_reads(w: World, variant: str, zaak: dict, document: dict, besluit: dict) -> None:
    """The objects that exist only as a result of others: audit trails, the document's
    objectinformatieobjecten, a locked document with bestandsdelen."""
    adm = w.admin
    for resource, parent, name in (
        ("zaken:audittrail", zaak, "zaak_uuid"),
        ("documenten:audittrail", document, "enkelvoudiginformatieobject_uuid"),
        ("besluiten:audittrail", besluit, "besluit_uuid"),
    ):
        path = {name: uuid_of(parent)}
        trail = created(adm.get(list_url(resource, **path)), resource)
        entry = trail[0]
        url = entry.get("url") or f"{list_url(resource, **path)}/{entry['uuid']}"
        w.keep(resource, variant, {**entry, "url": url}, **path)
    oios = created(
        adm.get(list_url("documenten:objectinformatieobject"), {"object": zaak["url"]}), "oio"
    )
    w.keep("documenten:objectinformatieobject", variant, oios[0])
    # A document in parts: created without content, locked, with bestandsdelen.
    body = create_body("documenten:enkelvoudiginformatieobject", w, variant, f"delen{variant}")
    del body["inhoud"]
    body["bestandsomvang"] = 12
    groot = created(adm.post(list_url("documenten:enkelvoudiginformatieobject"), body), "delen")
    deel = groot["bestandsdelen"][0]
    w.keep("documenten:bestandsdeel", variant, deel)
    w.locks[deel["url"]] = groot["lock"]
    w.markers[variant] += [groot["identificatie"]]


def build_other(w: World) -> None:
    """Autorisaties and Notificaties objects of A."""
    target = application(
        w.org,
        f"{w.prefix} doelwitkoppeling",
        autorisaties=[
            AutorisatieData(component="ztc", scopes=["catalogi.lezen"]),
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=w.refs[X_OPEN]["zaaktype"],
                max_vertrouwelijkheidaanduiding="openbaar",
            ),
        ],
    )
    w.keep(
        "autorisaties:applicatie",
        X_OPEN,
        created(w.admin.get(url_of("autorisaties:applicatie-detail", target.applicatie)), "app"),
    )
    w.markers["a"] += [f"{w.prefix} doelwitkoppeling", target.client_id]
    abonnement = created(
        w.admin.post(
            list_url("notificaties:abonnement"),
            {
                "callbackUrl": f"https://{w.prefix.lower()}-ontvanger.example.nl/callback",
                "auth": f"Bearer {w.prefix.lower()}-geheim",
                "kanalen": [{"naam": "zaken", "filters": {}}],
            },
        ),
        "abonnement",
    )
    w.keep("notificaties:abonnement", X_OPEN, abonnement)
    w.markers["a"] += ["aaltjes-ontvanger.example.nl", "aaltjes-geheim"]
    kanalen = created(w.admin.get(list_url("notificaties:kanaal")), "kanalen")
    w.keep("notificaties:kanaal", X_OPEN, kanalen[0])


def all_scopes() -> dict[str, set[str]]:
    """Every scope any operation asks, per component (the component its prefix names)."""
    scopes: dict[str, set[str]] = {}
    for op in OPS:
        for scope in op.required or ():
            scopes.setdefault(component_of(scope, op.component), set()).add(scope)
    return scopes


def autorisaties_for(w: World, scopes: dict[str, set[str]]) -> list[AutorisatieData]:
    """One autorisatie per component; zrc/drc/brc on every type of A up to zeer_geheim."""
    types = {
        "zrc": ("zaaktype", [X_OPEN, Y_OPEN]),
        "drc": ("informatieobjecttype", [X_OPEN, Y_OPEN]),
        "brc": ("besluittype", [X_OPEN, Y_OPEN]),
    }
    result = []
    for component, held in sorted(scopes.items()):
        if not held:
            continue
        if component in types:
            name, variants = types[component]
            for variant in variants:
                data = AutorisatieData(component=component, scopes=sorted(held))
                setattr(data, name, w.refs[variant][name])
                if component != "brc":
                    data.max_vertrouwelijkheidaanduiding = "zeer_geheim"
                result.append(data)
        else:
            result.append(AutorisatieData(component=component, scopes=sorted(held)))
    return result


def build_applications(w: World) -> None:
    """For every operation an application of A holding every scope but the ones it needs;
    the restricted applications of A."""
    everything = all_scopes()
    for op in OPS:
        if op.required is None:
            continue
        key = lacking_key(op)
        if key in w.lacking:
            continue
        held = {c: set(s) for c, s in everything.items()}
        for scope in op.required:
            held.get(component_of(scope, op.component), set()).discard(scope)
        w.lacking[key] = application(
            w.org, f"Aaltjes zonder {' '.join(key[1])}", autorisaties=autorisaties_for(w, held)
        )
    for component, name in (
        ("zrc", "zaaktype"),
        ("drc", "informatieobjecttype"),
        ("brc", "besluittype"),
    ):
        data = AutorisatieData(component=component, scopes=sorted(everything.get(component, set())))
        setattr(data, name, w.refs[X_OPEN][name])
        if component != "brc":
            data.max_vertrouwelijkheidaanduiding = "openbaar"
        w.restricted[component] = application(
            w.org, f"Aaltjes beperkt {component}", autorisaties=[data]
        )


def lacking_key(op: Op) -> tuple[str, tuple[str, ...]]:
    return op.component, tuple(sorted(op.required or ()))


def build_world() -> World:
    org_a = factories.organisatie("Gemeente Aaltjesdorp", zaak_prefix="MXA")
    org_b = factories.organisatie("Stad Beekveld", zaak_prefix="MXB")
    w = World(
        org=org_a,
        other_org=org_b,
        admin=application(org_a, "Aaltjes beheerkoppeling", alle=True),
        other=application(org_b, "Beekveld koppeling", alle=True),
    )
    build_catalogue(w)
    build_cases(w)
    build_other(w)
    build_applications(w)
    # B's own world (one variant), for B's objects that would point at A's
    w.b = World(org=org_b, other_org=org_a, admin=w.other, other=w.admin, prefix="Beek", code="MXB")
    build_catalogue(w.b)
    build_cases(w.b, variants=(X_OPEN,))
    build_other(w.b)
    w.markers["a"] += [w.admin.client_id, "Aaltjes beheerkoppeling"]
    for resource, objects in w.objects.items():
        for variant, obj in objects.items():
            if variant in (X_OPEN, CONCEPT) and resource not in SHARED:
                w.markers["a"].append(obj.uuid)
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    media = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("api-matrix-media"), DOCUMENTEN_BESTANDSDEEL_OMVANG=5
    )
    media.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            media.disable()
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    media.disable()


@pytest.fixture(autouse=True)
def _media_root():
    """The world's files stay where the module fixture put them (overrides tests/conftest.py)."""


# --- requests: the path, body and markers of an operation ------------------------------------


def target_of(w: World, op: Op, variant: str) -> Obj | None:
    """A's object in the path of a read/write operation."""
    if "uuid" not in op.route.params:
        return None
    if op.action == "publish":
        return w.obj(op.route.resource, CONCEPT)
    return w.obj(op.route.resource, variant)


def path_of(w: World, op: Op, variant: str = X_OPEN) -> str | None:
    """The operation's path filled with A's objects of `variant` (None: not in the world)."""
    values: dict[str, str] = {}
    target = target_of(w, op, variant)
    if "uuid" in op.route.params:
        if target is None:
            return None
        values = {"uuid": target.uuid, **target.path}
    for name in op.route.params:
        if name in values:
            continue
        if op.kind == "create" and name == "zaak_uuid":  # creates go to the empty case
            values[name] = w.refs[variant]["leeg_zaak"].rsplit("/", 1)[-1]
            continue
        parent = w.obj(PARENTS[name], variant) if name in PARENTS else None
        if parent is None:
            return None
        values[name] = parent.uuid
    return route_path(op.route, values)


def own_body(w: World, body: Any) -> Any:
    """B's own create: B's RSIN where the body names an organisation."""
    return json.loads(json.dumps(body).replace(w.org.rsin, w.other_org.rsin))


SEARCHES: dict[str, Callable[[World], dict[str, Any]]] = {
    "zaken:zaak": lambda w: {"uuid__in": [o.uuid for o in w.objects["zaken:zaak"].values()]},
    "documenten:enkelvoudiginformatieobject": lambda w: {
        "uuid__in": [o.uuid for o in w.objects["documenten:enkelvoudiginformatieobject"].values()]
    },
}


def body_of(w: World, op: Op, variant: str = X_OPEN, tag: str = "mx") -> Any:
    """What a client sends: A's own representation back for PUT/PATCH, a valid create body,
    the document's lock for (un)lock and bestandsdelen."""
    kind = op.kind
    if kind in ("create", "own"):
        return create_body(op.route.resource, w, variant, tag)
    if kind == "search":
        return SEARCHES[op.route.resource](w)
    if kind == "consumer":
        return {"clientId": w.obj("autorisaties:applicatie").data["clientIds"][0]}
    if kind != "write" or op.method == "DELETE":
        return None
    target = target_of(w, op, variant)
    assert target is not None
    if op.route.resource == "documenten:bestandsdeel":
        return Multipart({"lock": w.locks[target.url]}, {"inhoud": b"12345"})
    if op.action in ("lock", "publish"):
        return {}
    if op.action == "unlock":
        return {"lock": "0" * 32}
    return {k: v for k, v in target.data.items() if k != "url"}


def send(w: World, api: Api, op: Op, variant: str = X_OPEN, body: Any = None) -> Any:
    path = path_of(w, op, variant)
    assert path is not None, f"{op.id}: no object of A to put in the path ({variant})"
    if body is None and op.method not in ("GET", "HEAD"):
        body = {} if op.method != "DELETE" else None
    return api.request(op.method, path, body)


def is_fout(response: Any) -> bool:
    """A ZGW Fout: application/problem+json with code, title and the status."""
    if not response["Content-Type"].startswith(ERROR_CONTENT_TYPE):
        return False
    data = json.loads(body_text(response))
    return {"code", "title", "status"} <= set(data) and data["status"] == response.status_code


def leaked(response: Any, markers: list[str], request_text: str) -> list[str]:
    """The markers in the answer, apart from what the caller sent itself."""
    text = body_text(response) + "".join(f"{k}: {v}\n" for k, v in response.items())
    return [m for m in markers if m and m in text and m not in request_text]


# --- the database, before and after a write ------------------------------------------------

MODELS = [m for m in apps.get_models() if m.__module__.startswith("raadhuis.")]


@functools.cache
def _rows_sql(model: type[models.Model]) -> tuple[str, tuple]:
    """Every row of `model` (pk first, then each column) as one SELECT, compiled once: compiling
    the querysets anew for every snapshot was most of this module's run time."""
    names = [f.attname for f in model._meta.concrete_fields]
    return model._base_manager.order_by("pk").values_list("pk", *names).query.sql_with_params()


def db_state() -> dict[str, dict[Any, tuple]]:
    """Every row of every Raadhuis table, as the database holds it (no field conversion: the
    snapshots are only compared with each other)."""
    state = {}
    with connection.cursor() as cursor:
        for model in MODELS:
            cursor.execute(*_rows_sql(model))
            state[model._meta.label] = {row[0]: tuple(row[1:]) for row in cursor.fetchall()}
    return state


def db_changes(before: dict, after: dict, org_a: Organisatie) -> dict[str, list[str]]:
    """{'changed': [...], 'deleted': [...], 'added': [...], 'added_for_a': [...]}"""
    changes: dict[str, list[str]] = {
        "changed": [],
        "deleted": [],
        "added": [],
        "added_for_a": [],
        "changed_for_a": [],
    }
    for label, rows in before.items():
        new = after[label]
        changes["deleted"] += [f"{label}#{pk}" for pk in rows.keys() - new.keys()]
        changed = [pk for pk in rows.keys() & new.keys() if rows[pk] != new[pk]]
        changes["changed"] += [f"{label}#{pk}" for pk in changed]
        added = new.keys() - rows.keys()
        changes["added"] += [f"{label}#{pk}" for pk in added]
        model = apps.get_model(label)
        names = [f.attname for f in model._meta.concrete_fields]
        if "organisatie_id" in names:
            index = names.index("organisatie_id")
            changes["added_for_a"] += [
                f"{label}#{pk}" for pk in added if new[pk][index] == org_a.pk
            ]
            changes["changed_for_a"] += [
                f"{label}#{pk}" for pk in changed if rows[pk][index] == org_a.pk
            ]
    return changes


class _Undo(Exception):
    pass


def undone(fn: Callable[[], Any]) -> tuple[Any, dict, dict]:
    """Run `fn` in a savepoint that is rolled back; its result and the database around it."""
    result: list = []
    try:
        with transaction.atomic():
            before = db_state()
            result.append(fn())
            after = db_state()
            raise _Undo
    except _Undo:
        pass
    return result[0], before, after


def request_text(op: Op, path: str, body: Any) -> str:
    if isinstance(body, Multipart):
        body = body.fields
    return path + json.dumps(body, default=str)


# --- the tests: coverage --------------------------------------------------------------------


@pytest.mark.django_db
def test_every_api_route_is_covered(world):
    """So a new route cannot slip past: every route is a public page or has operations this
    module knows how to call, with A's objects in its path and, for a create, a body."""
    problems = []
    for route in ROUTES:
        if route.name in PUBLIC_PAGES:
            continue
        if route.view is None:
            problems.append(f"{route.key}: not a ZGW viewset and not a public page")
    for op in OPS:
        if op.kind == "unknown":
            problems.append(f"{op.id}: action {op.action!r} is not classified (Op.kind)")
            continue
        if op.route.view.required_scopes.get(op.action, "<missing>") == "<missing>":
            problems.append(f"{op.id}: no required_scopes entry for {op.action!r}")
        for variant in VARIANTS if op.component in RESTRICTED_VISIBLE else (X_OPEN,):
            if path_of(world, op, variant) is None:
                problems.append(f"{op.id}: no object of A ({variant}) for {op.route.params}")
        if op.kind in ("create", "own"):
            try:
                create_body(op.route.resource, world, X_OPEN, "mx")
            except KeyError as error:
                problems.append(f"{op.id}: no create body ({error})")
        if op.kind == "search" and op.route.resource not in SEARCHES:
            problems.append(f"{op.id}: no search body in SEARCHES")
    assert not problems, "\n".join(problems)
    for api in API_NAMESPACES:
        assert {f"{api}:{n}" for n in PUBLIC_PAGES} <= {r.key for r in ROUTES}, api


@functools.cache
def spec_operations() -> dict[tuple[str, str, str], list[str] | None]:
    """(api, path template, METHOD) -> the specification's scopes (None: no security)."""
    operations = {}
    for api, info in ZGW_APIS.items():
        with open(f"{SPECS}/{api}-{info.version}.yaml", encoding="utf-8") as handle:
            spec = yaml.safe_load(handle)
        for path, item in spec["paths"].items():
            for method, operation in item.items():
                if method.upper() not in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
                    continue
                security = operation.get("security")
                scopes = None
                if security:
                    scopes = [
                        s for requirement in security for v in requirement.values() for s in v
                    ]
                operations[(api, path, method.upper())] = scopes
    return operations


def spec_path(route: Route) -> str:
    """'/zaken/{zaak_uuid}/audittrail' for the route's pattern (without the API's base)."""
    pattern = "".join(part.lstrip("^").rstrip("$") for part in route.parts)
    pattern = pattern.removeprefix(f"{route.api}/api/v1/")
    return "/" + _PARAM.sub(lambda m: "{" + (m["name"] or m["rname"]) + "}", pattern)


@pytest.mark.parametrize("op", [pytest.param(op, id=op.id) for op in OPS if op.method != "HEAD"])
def test_the_scopes_an_operation_requires_are_the_specifications(op):
    """A weaker scope than the standard's would open data to applications not meant to see it.
    Operations the specification lists without security (Documenten API verzendingen) are
    held to the same scopes as their neighbours, which the other tests check."""
    operations = spec_operations()
    key = (op.route.api, spec_path(op.route), op.method)
    assert key in operations, f"{op.id}: {key[1]} {op.method} is not in the specification"
    expected = operations[key]
    if expected is None:
        pytest.skip("the specification names no scope for this operation")
    required = op.required
    label = required[0] if required and len(required) == 1 else f"({' | '.join(required or ())})"
    assert [label] == expected, f"{op.id}: view requires {required}, specification {expected}"


# --- the public pages -----------------------------------------------------------------------


def public_path(route: Route) -> str:
    if route.name == "not-found":
        return f"/{route.api}/api/v1/bestaat-niet"
    if route.name == "error-detail":
        return reverse(route.key, kwargs={"name": "NotFound"})
    return reverse(route.key)


@pytest.mark.django_db
@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=lambda r: r.key)
def test_the_public_pages_need_no_credentials(world, route):
    expected = PUBLIC_PAGES[route.name]
    for api in (Api(), world.other):
        response = api.get(public_path(route))
        assert response.status_code == expected, (route.key, response.status_code)
        if expected == 404:
            assert is_fout(response), body_text(response)
        assert not leaked(response, world.all_markers(), "")


# --- the tests: credentials and scopes ------------------------------------------------------


def refused(w: World, api: Api, op: Op, status: int) -> list[str]:
    """The operation on A's X_OPEN objects is refused with `status` and a Fout, changing
    nothing."""
    body = body_of(w, op)
    response, before, after = undone(lambda: send(w, api, op, body=body))
    problems = []
    if response.status_code != status:
        problems.append(
            f"expected {status}, got {response.status_code}: {body_text(response)[:300]}"
        )
    elif op.method != "HEAD" and not is_fout(response):
        problems.append(f"not a Fout: {response['Content-Type']} {body_text(response)[:200]}")
    changes = db_changes(before, after, w.org)
    if any(changes.values()):
        problems.append(f"changed the database: {changes}")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("op", op_param(OPS, "anoniem"))
def test_without_credentials_401(world, op):
    problems = refused(world, Api(), op, 401)
    assert not problems, f"{op.id}: " + "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("op", op_param(OPS, "onbekend"))
def test_an_unknown_client_or_a_wrong_secret_401(world, op):
    unknown = Api("mx-bestaat-niet", "geheim")
    wrong = Api(world.admin.client_id, "niet-het-geheim")
    problems = refused(world, unknown, op, 401) + refused(world, wrong, op, 401)
    assert not problems, f"{op.id}: " + "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("op", op_param(OPS, "zonder-scope"))
def test_every_scope_but_the_required_one_403(world, op):
    if op.required is None:
        pytest.skip("this operation needs no scope")
    problems = refused(world, world.lacking[lacking_key(op)], op, 403)
    assert not problems, f"{op.id} with every scope but {op.required}: " + "\n".join(problems)


# --- the tests: the owner, another organisation, a restricted application ----------------------

OK_STATUSES = (200, 201, 204)


def holds(response: Any, obj: Obj | None) -> bool:
    return obj is None or obj.uuid in body_text(response)


def items_of(response: Any) -> list | None:
    """The items of a list answer, paginated or not (None: not a list)."""
    data = json.loads(body_text(response))
    items = data.get("results") if isinstance(data, dict) else data
    return items if isinstance(items, list) else None


def parent_params(op: Op) -> list[str]:
    return [p for p in op.route.params if p in PARENTS]


def owner_check(w: World, op: Op, api: Api, variant: str) -> list[str]:
    """What the owner (or a granted application) gets: reads and lists show the object,
    writes reach it, creates succeed; every write undone."""
    body = body_of(w, op, variant)
    response, _before, _after = undone(lambda: send(w, api, op, variant, body=body))
    status = response.status_code
    where = f"{op.id} [{variant}]"
    if op.kind in ("read", "list", "search", "consumer"):
        if status != 200:
            return [f"{where}: expected 200, got {status}: {body_text(response)[:300]}"]
        expected = w.obj(op.route.resource, variant)
        if op.action == "download":
            expected = None  # the file itself
        if op.kind == "consumer":
            expected = w.obj("autorisaties:applicatie")
        if op.method != "HEAD" and not holds(response, expected):
            return [f"{where}: {expected.uuid} not in the answer: {body_text(response)[:300]}"]
        return []
    if op.kind in ("create", "own"):
        if op.route.resource in CONFIRM_ONLY:
            code = CONFIRM_ONLY[op.route.resource]
            if code not in body_text(response):
                return [f"{where}: expected the answer {code!r}, got {body_text(response)[:400]}"]
        elif status not in OK_STATUSES:
            return [f"{where}: the create failed ({status}): {body_text(response)[:400]}"]
        return []
    if status in (401, 403, 404, 405) or status >= 500:
        return [f"{where}: the owner's write answered {status}: {body_text(response)[:300]}"]
    return []


@pytest.mark.django_db
@pytest.mark.parametrize("op", op_param(OPS, "eigenaar"))
def test_the_owner_reaches_its_objects(world, op):
    """The control: A's own application gets what the others must not, so their 404s, empty
    lists and refusals are about who asks, not about a wrong path or body."""
    problems = owner_check(world, op, world.admin, X_OPEN)
    assert not problems, "\n".join(problems)


def expected_for_other(op: Op) -> tuple[int, ...]:
    shared = op.route.resource in SHARED
    if op.kind in ("read", "write"):
        return (200,) if shared and op.kind == "read" else (404,)
    if op.kind == "list":
        # a list under A's object: that object is not there (or, at least, empty)
        return (200, 404) if parent_params(op) else (200,)
    if op.kind == "create":  # refused; under A's case in the path, not there
        return (400, 403, 404) if parent_params(op) else (400, 403)
    if op.kind == "search":
        return (200, 400)
    if op.kind == "consumer":
        return (404,)
    return OK_STATUSES  # own


@pytest.mark.django_db
@pytest.mark.parametrize("op", op_param(OPS, "andere-organisatie"))
def test_another_organisation_sees_and_changes_nothing_of_a(world, op):
    w = world
    problems = []
    if op.kind == "create":  # the same body creates for A: B's refusal is about B
        problems += owner_check(w, op, w.admin, X_OPEN)
    body = body_of(w, op)
    if op.kind == "own":
        body = own_body(w, body)
    path = path_of(w, op) or ""
    response, before, after = undone(lambda: send(w, w.other, op, body=body))
    status = response.status_code
    if status not in expected_for_other(op):
        problems.append(
            f"expected {expected_for_other(op)}, got {status}: {body_text(response)[:400]}"
        )
    confirm = CONFIRM_ONLY.get(op.route.resource)
    if op.kind == "create" and confirm and confirm in body_text(response):
        problems.append("answers as the owner does: that reveals A's relation exists")
    changes = db_changes(before, after, w.org)
    if op.kind == "own":
        touched = changes["changed_for_a"] + changes["deleted"] + changes["added_for_a"]
        if touched:
            problems.append(f"B's own create touched rows of A: {touched}")
    elif any(changes.values()):
        problems.append(f"changed the database: {changes}")
    shown = leaked(response, w.all_markers(), request_text(op, path, body))
    if shown:
        problems.append(f"shows A's {shown}")
    if op.kind == "list" and status == 200 and op.method != "HEAD":
        # a real list (of B's own objects or none), not an error in disguise; under A's
        # object an empty one
        items = items_of(response)
        if items is None or (parent_params(op) and items):
            problems.append(f"not an empty list: {body_text(response)[:200]}")
    assert not problems, f"{op.id} by B: " + "\n".join(problems)


RESTRICTED_OPS = [op for op in OPS if op.component in RESTRICTED_VISIBLE and op.kind != "own"]


@pytest.mark.django_db
@pytest.mark.parametrize("op", op_param(RESTRICTED_OPS, "beperkt"))
def test_an_application_limited_to_one_type_sees_and_changes_only_that(world, op):
    """zrc granted zaaktype X up to openbaar, drc informatieobjecttype X up to openbaar, brc
    besluittype X: what they are not granted is not there for them (404), as in another
    organisation."""
    w = world
    app = w.restricted[op.component]
    visible = RESTRICTED_VISIBLE[op.component]
    hidden = [m for v in VARIANTS if v not in visible for m in w.markers[v]]
    problems = []
    single = op.kind in ("search",) or (op.kind == "list" and not parent_params(op))
    for variant in (X_OPEN,) if single else VARIANTS:
        where = f"[{variant}]"
        body = body_of(w, op, variant)
        path = path_of(w, op, variant) or ""
        if variant in visible or single:
            if op.kind == "write":
                continue  # the owner control covers reaching a granted object
            problems += owner_check(w, op, app, variant)
            if single:
                response = send(w, app, op, variant, body=body)
                for v in visible:
                    obj = w.obj(op.route.resource, v)
                    if op.method != "HEAD" and not holds(response, obj):
                        problems.append(f"{where} misses the granted {v} object {obj.uuid}")
                shown = leaked(response, hidden, request_text(op, path, body))
                if shown:
                    problems.append(f"{where} shows what it is not granted: {shown}")
            continue
        if op.kind == "create":
            problems += owner_check(w, op, w.admin, variant)
        response, before, after = undone(lambda v=variant, b=body: send(w, app, op, v, body=b))
        status = response.status_code
        expected = (404,)
        if op.kind == "create":  # refused; under a case it is not granted, not there
            expected = (400, 403, 404) if parent_params(op) else (400, 403)
        if op.kind == "list":  # under an object it is not granted: not there, or empty
            expected = (404, 200)
            if status == 200 and op.method != "HEAD" and items_of(response) != []:
                problems.append(f"{where} not an empty list: {body_text(response)[:300]}")
        if status not in expected:
            problems.append(
                f"{where} expected {expected}, got {status}: {body_text(response)[:300]}"
            )
        changes = db_changes(before, after, w.org)
        if any(changes.values()):
            problems.append(f"{where} changed the database: {changes}")
        shown = leaked(response, hidden, request_text(op, path, body))
        if shown:
            problems.append(f"{where} shows what it is not granted: {shown}")
    assert not problems, f"{op.id} by the {op.component} application for X: " + "\n".join(problems)


@pytest.mark.django_db
def test_the_markers_are_in_the_owners_answers(world):
    """The leak checks look for these strings: prove they appear as-is where they belong."""
    w = world
    for variant in VARIANTS:
        tag = variant.replace("_", "")
        answers = "".join(
            body_text(w.admin.get(w.obj(resource, variant).url))
            for resource in ("zaken:zaak", "documenten:enkelvoudiginformatieobject", "zaken:rol")
        )
        expected = [f"Aaltjes zaak vol{tag}", f"Aaltjes document vol{tag}", f"Aaltjesmansvol{tag}"]
        expected += [w.obj("zaken:zaak", variant).data["identificatie"]]
        missing = [m for m in expected if m not in answers]
        assert not missing, (variant, missing)
        assert set(expected) <= set(w.markers[variant])
    catalogus = body_text(w.admin.get(w.obj("catalogi:catalogus").url))
    assert "Aaltjescatalogus" in catalogus and "Aaltjescatalogus" in w.markers["a"]


# --- B's own objects pointing at A's ---------------------------------------------------------

# References a body may carry although B's own objects leave them empty.
EXTRA_REFERENCES: dict[str, Callable[[World], dict[str, Any]]] = {
    "zaken:zaak": lambda w: {
        "hoofdzaak": w.obj("zaken:zaak").url,
        "relevanteAndereZaken": [{"url": w.obj("zaken:zaak").url, "aardRelatie": "vervolg"}],
    },
}


def counterparts(w: World) -> dict[str, str]:
    """B's URL -> the URL of A's object in the same place (resource and variant, or the same
    reference of a create body)."""
    assert w.b is not None
    mapping = {}
    for resource, objects in w.b.objects.items():
        for variant, obj in objects.items():
            mine = w.obj(resource, variant)
            if mine is not None and mine.url != obj.url:
                mapping[obj.url] = mine.url
    for variant, refs in w.b.refs.items():
        for name, url in refs.items():
            mine = w.refs.get(variant, {}).get(name)
            if isinstance(url, str) and url.startswith(SERVER) and mine and mine != url:
                mapping[url] = mine
    return mapping


def pointed_at_a(w: World, resource: str, body: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(what, body) for each reference in B's body turned into the same reference to A's
    object, one at a time (nested values included), and the extra references."""
    mapping = counterparts(w)
    text = json.dumps(body)
    for url in sorted(mapping):
        token = json.dumps(url)
        if token in text:
            yield (
                url.removeprefix(SERVER),
                json.loads(text.replace(token, json.dumps(mapping[url]))),
            )
    for name, value in EXTRA_REFERENCES.get(resource, lambda w: {})(w).items():
        yield name, {**body, name: value}


def a_urls(w: World) -> list[str]:
    return sorted({url for url in counterparts(w).values()} | {o.url for o in all_objects(w)})


def all_objects(w: World) -> list[Obj]:
    return [o for objects in w.objects.values() for o in objects.values()]


CROSS_OPS = [
    op
    for op in OPS
    if (op.kind == "create" or (op.kind == "write" and op.method in ("PUT", "PATCH")))
    and op.route.resource not in CONFIRM_ONLY
    and op.route.resource != "documenten:bestandsdeel"  # a file part, no references
]


def cross_variant(w: World, op: Op) -> str:
    """Catalogue objects can change only as a concept."""
    return CONCEPT if w.obj(op.route.resource, CONCEPT) is not None else X_OPEN


def own_write(w: World, op: Op, path: str, body: dict[str, Any]) -> Any:
    """B's write of its own object; a document is locked first, as a client does."""
    if op.route.resource == "documenten:enkelvoudiginformatieobject" and op.kind == "write":
        url = SERVER + path
        lock = w.other.post(f"{url}/lock")
        assert lock.status_code == 200, body_text(lock)
        body = {**body, "lock": lock.json()["lock"]}
    return w.other.request(op.method, path, body)


@pytest.mark.django_db
@pytest.mark.parametrize("op", op_param(CROSS_OPS, "verwijzing"))
def test_another_organisation_cannot_point_its_own_objects_at_a(world, op):
    """B writes its own object (or creates one) with one reference turned to A's object in the
    same place: refused (a create) or, for a field the API does not take, ignored; never an
    answer that shows A's object, never a change of A."""
    w = world
    wb = w.b
    assert wb is not None
    variant = X_OPEN if op.kind == "create" else cross_variant(wb, op)
    path = path_of(wb, op, variant)
    assert path is not None, f"{op.id}: B has no object of this kind"
    if op.kind == "create":
        own = create_body(op.route.resource, wb, X_OPEN, "kruis")
    else:
        fresh = w.other.get(wb.obj(op.route.resource, variant).url)
        assert fresh.status_code == 200, body_text(fresh)
        own = {k: v for k, v in fresh.json().items() if k != "url"}
        if op.method == "PATCH":  # only the references, as they are
            tokens = [json.dumps(u) for u in counterparts(w)]
            own = {k: v for k, v in own.items() if any(t in json.dumps(v) for t in tokens)}
    control, _b, _a = undone(lambda: own_write(w, op, path, own))
    if control.status_code not in OK_STATUSES:
        reason = json.loads(body_text(control)).get("invalidParams", body_text(control)[:200])
        pytest.skip(f"B's own body is refused ({control.status_code}): {reason}")
    problems = []
    cases = list(pointed_at_a(w, op.route.resource, own))
    assert cases or op.kind == "write", f"{op.id}: B's create body refers to nothing"
    urls = a_urls(w)
    for what, body in cases:
        response, before, after = undone(lambda b=body: own_write(w, op, path, b))
        status = response.status_code
        answer = body_text(response)
        where = f"{what} -> A's"
        if status >= 500 or (op.kind == "create" and status not in (400, 403, 404)):
            problems.append(f"{where}: {status} {answer[:300]}")
        elif status < 300:
            shown = [u for u in urls if u in answer]
            if shown:
                problems.append(f"{where}: accepted, the answer shows A's {shown}")
        changes = db_changes(before, after, w.org)
        if changes["added_for_a"] or changes["changed_for_a"] or changes["deleted"]:
            problems.append(f"{where}: changed A's data: {changes}")
        if op.kind == "create" and changes["added"]:
            problems.append(f"{where}: refused but added {changes['added']}")
    assert not problems, f"{op.id} by B: " + "\n".join(problems)


# --- list filters naming A's objects ------------------------------------------------------------


def filter_values(w: World, op: Op, variant: str) -> dict[str, str]:
    """A value of A's (`variant`) for every list filter that names an object or a number."""
    r = w.refs[variant]
    own = w.obj(op.route.resource, variant)
    rol = w.obj("zaken:rol", variant)
    bsn = rol.data["betrokkeneIdentificatie"]["inpBsn"] if rol else ""
    zaak = r.get("vol_zaak", "")
    values = {
        "zaak": zaak,
        "gerelateerdAan": zaak,
        "object": zaak,
        "objectinformatieobjecten_object": zaak,
        "zaaktype": r["zaaktype"],
        "zaaktypen": r["zaaktype"],
        "informatieobject": r.get("vol_document", ""),
        "besluit": w.obj("besluiten:besluit", variant).url,
        "besluittype": r["besluittype"],
        "catalogus": w.refs[CONCEPT]["catalogus"],
        "informatieobjecttype": r["informatieobjecttype"],
        "informatieobjecttypen": r["informatieobjecttype"],
        "statustype": r["statustype"],
        "resultaattype": r["resultaattype"],
        "roltype": r["roltype"],
        "bronorganisatie": w.org.rsin,
        "verantwoordelijkeOrganisatie": w.org.rsin,
        "rsin": w.org.rsin,
        "zaaktypeIdentificatie": w.obj("catalogi:zaaktype").data["identificatie"],
        "clientIds": w.obj("autorisaties:applicatie").data["clientIds"][0],
        "betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn,
        "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn,
    }
    for name in ("identificatie", "omschrijving", "onderwerp", "domein"):
        if own is not None and isinstance(own.data.get(name), str):
            values[name] = own.data[name]
    view = op.route.view
    filterset = getattr(view, "filterset_class", None)
    names = set(filterset.base_filters) if filterset else set()
    return {name: value for name, value in values.items() if name in names and value}


FILTERED_LISTS = [
    op for op in OPS if op.kind == "list" and op.method == "GET" and op.route.resource not in SHARED
]


@pytest.mark.django_db
@pytest.mark.parametrize("op", op_param(FILTERED_LISTS, "filter"))
def test_a_list_filtered_on_what_belongs_to_a_shows_nothing_of_it(world, op):
    """B filters its lists on A's objects, numbers and BSNs; a restricted application on what
    it is not granted: an empty list (or a 400), never the objects the filter names."""
    w = world
    # (caller, application, whose values, markers, must the list be empty)
    callers = [("B", w.other, X_OPEN, w.all_markers(), True)]
    if op.component in RESTRICTED_VISIBLE:
        visible = RESTRICTED_VISIBLE[op.component]
        hidden = [m for v in VARIANTS if v not in visible for m in w.markers[v]]
        # a type or RSIN filter also matches what it is granted: only the hidden must not show
        callers += [
            (f"{op.component} voor X", w.restricted[op.component], v, hidden, False)
            for v in VARIANTS
            if v not in visible
        ]
    path = path_of(w, op) or ""
    if parent_params(op):
        pytest.skip("a list under one object has no filters")
    problems = []
    a_only = {w.org.rsin, *a_urls(w), *w.all_markers()}
    for caller, api, variant, markers, empty in callers:
        values = filter_values(w, op, variant)
        for name, value in values.items():
            response = api.get(path, {name: value})
            where = f"{caller} ?{name}={value}"
            if response.status_code not in (200, 400):
                problems.append(f"{where}: {response.status_code} {body_text(response)[:200]}")
            elif empty and value in a_only and response.status_code == 200 and items_of(response):
                problems.append(f"{where}: not an empty list: {body_text(response)[:300]}")
            shown = leaked(response, markers, f"{path}?{name}={value}")
            if shown:
                problems.append(f"{where}: shows {shown}")
    assert not problems, f"{op.id}: " + "\n".join(problems)


# --- a nested object under a parent that is not its own -------------------------------------

NESTED_OPS = [op for op in OPS if op.kind in ("read", "write") and parent_params(op)]


@pytest.mark.django_db
@pytest.mark.parametrize("op", op_param(NESTED_OPS, "ouder"))
def test_a_nested_object_is_found_only_under_its_own_parent(world, op):
    """/zaken/{zaak}/zaakeigenschappen/{uuid} and the audit trails: A's object under A's other
    case, or under B's case for B, is not there."""
    w = world
    assert w.b is not None
    child = target_of(w, op, X_OPEN)
    problems = []
    for caller, api, parents in (
        ("A under its other case", w.admin, Y_OPEN),
        ("B under its own case", w.other, "b"),
    ):
        values = {"uuid": child.uuid}
        for name in parent_params(op):
            parent = w.b.obj(PARENTS[name]) if parents == "b" else w.obj(PARENTS[name], parents)
            values[name] = parent.uuid
        path = route_path(op.route, values)
        body = body_of(w, op)
        response, before, after = undone(lambda p=path, a=api, b=body: a.request(op.method, p, b))
        if response.status_code != 404:
            problems.append(f"{caller}: {response.status_code} {body_text(response)[:200]}")
        changes = db_changes(before, after, w.org)
        if any(changes[k] for k in ("changed", "deleted", "added")):
            problems.append(f"{caller}: changed the database: {changes}")
        if caller.startswith("B") and leaked(response, w.all_markers(), path):
            problems.append(f"{caller}: shows {leaked(response, w.all_markers(), path)}")
    assert not problems, f"{op.id}: " + "\n".join(problems)


# --- numbers of A under A's RSIN --------------------------------------------------------------

RSIN_FIELDS = {
    "zaken:zaak": ("bronorganisatie", "verantwoordelijkeOrganisatie"),
    "documenten:enkelvoudiginformatieobject": ("bronorganisatie",),
    "besluiten:besluit": ("verantwoordelijkeOrganisatie",),
}


@pytest.mark.django_db
@pytest.mark.parametrize("resource", list(RSIN_FIELDS))
def test_another_organisation_cannot_tell_which_identificaties_a_uses(world, resource):
    """B sends a create naming A's RSIN with an identificatie A uses, and with one A does not
    use: the two answers must be alike (both refused, or both accepted as B's own)."""
    w = world
    assert w.b is not None
    answers = []
    for identificatie in (w.obj(resource).data["identificatie"], f"{w.code}-ONBEKEND-1"):
        body = create_body(resource, w.b, X_OPEN, "rsin")
        body.update(dict.fromkeys(RSIN_FIELDS[resource], w.org.rsin), identificatie=identificatie)
        response, _before, _after = undone(lambda b=body: w.other.post(list_url(resource), b))
        codes = sorted(p["code"] for p in response.json().get("invalidParams", []))
        answers.append((response.status_code, codes))
    assert answers[0] == answers[1], answers
    # Both refused: B may not register under A's RSIN at all.
    assert answers[0][0] == 400 and "andere-organisatie" in answers[0][1], answers
