"""A local test double of the Haal Centraal BRP Personen API (version 2), for the demo and tests.

A small WSGI application, no Django: `POST {base}/personen` answers the query types
RaadpleegMetBurgerservicenummer, ZoekMetGeslachtsnaamEnGeboortedatum and
ZoekMetPostcodeEnHuisnummer from the fictitious register in `testdata.py`, and
`GET {base}/openapi.yaml` serves the specification it follows. Every request is validated against
that specification (spec.py): an unknown parameter, a malformed value or a `fields` path that
does not exist gives the 400 with `invalidParams` the real API gives. A missing or wrong
`X-API-KEY` gives 401. Nobody found is an empty `personen` list, never a 404.

As the real API: a search leaves out deceased persons unless `inclusiefOverledenPersonen` is
true; a lookup by BSN includes them. Names match case- and accent-insensitively; a trailing `*`
in a name matches its beginning (at least 3 letters before it).

Run it:
- in tests: `serve_in_thread()` -> (base_url, stop);
- in the demo: `start_demo_double()` (127.0.0.1:8001, also sets Django's BRP settings);
- alone: `python -m raadhuis.kernel.integrations.brp.double --port 8001`.

The JSON of the persons is shaped in antwoorden.py; serving (thread, demo, command line)
is kernel/integrations/dubbel.py, shared by every double.
"""

from __future__ import annotations

import json
import unicodedata
from collections import deque
from collections.abc import Callable
from datetime import date
from typing import Any

from raadhuis.kernel.integrations import dubbel
from raadhuis.kernel.integrations.brp import spec
from raadhuis.kernel.integrations.brp.antwoorden import (
    GESLACHT,
    MAANDEN,
    VERBINTENIS,
    adressering_json,
    beperkt,
    datum_json,
    fields_tree,
    leeftijd,
    naam_json,
    persoon_json,
    project,
    verblijfadres_json,
    waarde,
)
from raadhuis.kernel.integrations.brp.testdata import GEMEENTE, Mens, Register, Woonadres
from raadhuis.kernel.integrations.brp.testdata import vandaag as vandaag_nl

__all__ = [
    "BASE_PATH",
    "BrpDouble",
    "DEMO_PORT",
    "DOUBLE_API_KEY",
    "GESLACHT",
    "JSON",
    "MAANDEN",
    "PROBLEM_JSON",
    "Probleem",
    "RFC_400",
    "SUPPORTED_TYPES",
    "VERBINTENIS",
    "adressering_json",
    "beperkt",
    "datum_json",
    "fields_tree",
    "leeftijd",
    "main",
    "naam_json",
    "naam_past",
    "persoon_json",
    "project",
    "serve_in_thread",
    "start_demo_double",
    "validate_query",
    "verblijfadres_json",
    "waarde",
]


BASE_PATH = "/haalcentraal/api/brp"
DOUBLE_API_KEY = "raadhuis-brp-testdubbel"
DEMO_PORT = 8001
SUPPORTED_TYPES = (
    "RaadpleegMetBurgerservicenummer",
    "ZoekMetGeslachtsnaamEnGeboortedatum",
    "ZoekMetPostcodeEnHuisnummer",
)
JSON = "application/json; charset=utf-8"
PROBLEM_JSON = "application/problem+json"
RFC_400 = "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1"

StartResponse = dubbel.StartResponse


# --- matching --------------------------------------------------------------------------------


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def naam_past(gezocht: str | None, waarde_: str) -> bool:
    if gezocht is None:
        return True
    gezocht = _plain(gezocht)
    if gezocht.endswith("*"):
        return _plain(waarde_).startswith(gezocht.rstrip("*"))
    return _plain(waarde_) == gezocht


def _geboortedatum_past(gezocht: str | None, mens: Mens) -> bool:
    if gezocht is None:
        return True
    return not mens.alleen_geboortejaar and mens.geboortedatum.isoformat() == gezocht


def _zoek_filter(query: dict[str, Any], mens: Mens) -> bool:
    if mens.overlijdensdatum and not query.get("inclusiefOverledenPersonen", False):
        return False
    gemeente = query.get("gemeenteVanInschrijving")
    return (gemeente is None or gemeente == GEMEENTE[0]) and (
        naam_past(query.get("geslachtsnaam"), mens.geslachtsnaam)
        and naam_past(query.get("voornamen"), mens.voornamen)
        and naam_past(query.get("voorvoegsel"), mens.voorvoegsel)
        and (query.get("geslacht") is None or query["geslacht"].upper() == mens.geslacht)
        and _geboortedatum_past(query.get("geboortedatum"), mens)
    )


def _adres_past(query: dict[str, Any], adres: Woonadres) -> bool:
    postcode = str(query["postcode"]).replace(" ", "").upper()
    return (
        adres.postcode == postcode
        and adres.huisnummer == query["huisnummer"]
        and ("huisletter" not in query or query["huisletter"].upper() == adres.huisletter.upper())
        and (
            "huisnummertoevoeging" not in query
            or _plain(query["huisnummertoevoeging"]) == _plain(adres.huisnummertoevoeging)
        )
    )


# --- errors ----------------------------------------------------------------------------------


class Probleem(Exception):
    """An error answer (application/problem+json), shaped as the spec's Foutbericht."""

    def __init__(
        self,
        status: int,
        title: str,
        code: str,
        detail: str = "",
        invalid_params: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(title)
        self.status = status
        self.body: dict[str, Any] = {
            "type": "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",
            "title": title,
            "status": status,
            "code": code,
        }
        if detail:
            self.body["detail"] = detail
        if invalid_params is not None:
            self.body["invalidParams"] = invalid_params


def _param(name: str, code: str, reason: str) -> dict[str, str]:
    return {"type": RFC_400, "name": name, "code": code, "reason": reason}


_REASONS = {
    "required": "Parameter is verplicht.",
    "pattern": "Waarde voldoet niet aan patroon.",
    "date": "Waarde is geen geldige datum.",
    "integer": "Waarde is geen geldig getal.",
    "boolean": "Waarde is geen boolean.",
    "array": "Parameter is geen array.",
    "string": "Waarde is geen tekst.",
    "minimum": "Waarde is lager dan minimum.",
    "maximum": "Waarde is hoger dan maximum.",
    "minItems": "Array bevat minder items dan toegestaan.",
    "maxItems": "Array bevat meer items dan toegestaan.",
    "value": "Waarde is geen geldig type.",
}


def _schema_errors(query: dict[str, Any], query_type: str) -> list[dict[str, str]]:
    name = spec.query_schema_name(query_type)
    assert name is not None
    found = []
    for error in spec.schema_validator(name).iter_errors(query):
        path = ".".join(str(p) for p in error.absolute_path if not isinstance(p, int))
        if error.validator == "required":
            missing = [p for p in error.validator_value if p not in error.instance]
            found += [_param(p, "required", _REASONS["required"]) for p in missing]
            continue
        if error.validator == "type":
            code = str(error.validator_value)
        elif error.validator == "format":
            code = str(error.validator_value)
        elif error.validator == "enum":
            code = "value"
        else:
            code = str(error.validator)
        found.append(_param(path or "type", code, _REASONS.get(code, "Waarde is ongeldig.")))
    return found


def validate_query(query: Any) -> str:
    """The query's type when it is valid, else a Probleem 400 listing every fault."""
    if not isinstance(query, dict):
        raise Probleem(400, "De request body is geen geldig JSON object.", "paramsValidation")
    query_type = query.get("type")
    if query_type not in SUPPORTED_TYPES:
        reden = "Parameter is verplicht." if query_type is None else "Waarde is geen geldig type."
        raise Probleem(
            400,
            "Een of meerdere parameters zijn niet correct.",
            "paramsValidation",
            invalid_params=[_param("type", "required" if query_type is None else "value", reden)],
        )
    problems = _schema_errors(query, query_type)
    allowed = spec.query_parameters(query_type)
    problems += [
        _param(key, "unknownParam", "Parameter is niet verwacht.")
        for key in query
        if key not in allowed
    ]
    person_schema = spec.response_person_schema_name(query_type)
    if isinstance(query.get("fields"), list):
        problems += [
            _param("fields", "fields", "Parameter bevat een niet bestaande veldnaam.")
            for path in query["fields"]
            if isinstance(path, str) and not spec.field_exists(person_schema, path)
        ]
    if problems:
        raise Probleem(
            400,
            "Een of meerdere parameters zijn niet correct.",
            "paramsValidation",
            invalid_params=problems,
        )
    return query_type


# --- the application -------------------------------------------------------------------------


class BrpDouble:
    """The WSGI application. `storing = True` makes it answer 503, as the real service does
    when the BRP behind it is down."""

    def __init__(
        self,
        register: Register | None = None,
        *,
        api_key: str = DOUBLE_API_KEY,
        base_path: str = BASE_PATH,
        vandaag: Callable[[], date] = vandaag_nl,
    ) -> None:
        self.register = register or Register()
        self.api_key = api_key
        self.base_path = base_path.rstrip("/")
        self.vandaag = vandaag
        self.storing = False
        # The last queries asked, for tests (bounded: the demo double runs for days).
        self.verzoeken: deque[dict[str, Any]] = deque(maxlen=100)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        try:
            status, content_type, body = self._handle(environ)
        except Probleem as probleem:
            status, content_type = probleem.status, PROBLEM_JSON
            body = json.dumps({**probleem.body, "instance": self._instance(environ)}).encode()
        return dubbel.wsgi_answer(start_response, status, content_type, body)

    def _instance(self, environ: dict[str, Any]) -> str:
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "localhost")
        return f"http://{host}{environ.get('PATH_INFO', '')}"

    def _handle(self, environ: dict[str, Any]) -> tuple[int, str, bytes]:
        path = environ.get("PATH_INFO", "").rstrip("/")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == f"{self.base_path}/openapi.yaml" and method == "GET":
            return 200, "application/yaml", spec.SPEC_PATH.read_bytes()
        if path != f"{self.base_path}/personen":
            raise Probleem(404, "Opgevraagde resource bestaat niet.", "notFound")
        if method != "POST":
            raise Probleem(
                405, "Gebruikte bevragingsmethode is niet toegestaan.", "methodNotAllowed"
            )
        if environ.get("HTTP_X_API_KEY") != self.api_key:
            raise Probleem(401, "Niet correct geauthenticeerd.", "authentication")
        if self.storing:
            raise Probleem(503, "Bronservice BRP is tijdelijk niet beschikbaar.", "notAvailable")
        accept = environ.get("HTTP_ACCEPT", "*/*")
        if not any(t in accept for t in ("application/json", "*/*", "application/*")):
            raise Probleem(406, "Gevraagde contenttype wordt niet ondersteund.", "notAcceptable")
        if not environ.get("CONTENT_TYPE", "").startswith("application/json"):
            raise Probleem(415, "Media Type wordt niet ondersteund.", "unsupported")
        query = self._body(environ)
        self.verzoeken.append(query)
        query_type = validate_query(query)
        personen = self.answer(query_type, query)
        body = json.dumps({"type": query_type, "personen": personen}, ensure_ascii=False)
        return 200, JSON, body.encode("utf-8")

    def _body(self, environ: dict[str, Any]) -> Any:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            return json.loads(environ["wsgi.input"].read(length) or b"null")
        except (ValueError, UnicodeDecodeError) as error:
            raise Probleem(
                400, "De request body is geen geldig JSON object.", "paramsValidation"
            ) from error

    def answer(self, query_type: str, query: dict[str, Any]) -> list[dict[str, Any]]:
        """The `personen` of a valid query, with only the requested fields."""
        vandaag = self.vandaag()
        tree = fields_tree(query["fields"])
        if query_type == "RaadpleegMetBurgerservicenummer":
            bsns = dict.fromkeys(query["burgerservicenummer"])  # unique, in order
            gevonden = [m for bsn in bsns if (m := self.register.get(bsn)) is not None]
            gemeente = query.get("gemeenteVanInschrijving")
            if gemeente is not None and gemeente != GEMEENTE[0]:
                gevonden = []
            return [project(persoon_json(m, self.register, vandaag), tree) for m in gevonden]
        if query_type == "ZoekMetPostcodeEnHuisnummer":
            kandidaten = [m for m in self.register if _adres_past(query, m.adres)]
        else:
            kandidaten = list(self.register)
        gevonden = [m for m in kandidaten if _zoek_filter(query, m)]
        return [project(beperkt(persoon_json(m, self.register, vandaag)), tree) for m in gevonden]


# --- serving ---------------------------------------------------------------------------------

_DUBBEL = dubbel.Dubbel(
    maak=BrpDouble,
    naam="brp-double",
    titel="BRP test double",
    base_path=BASE_PATH,
    demo_port=DEMO_PORT,
    api_key=DOUBLE_API_KEY,
    settings_prefix="BRP",
    beschrijving="BRP Personen API test double (fictitious data)",
    sleutel="X-API-KEY",
)
# serve_in_thread(host, port, *, app) -> (base URL, stop); start_demo_double(*, host, port,
# configure_settings) -> base URL; main(argv): see dubbel.Dubbel.
serve_in_thread = _DUBBEL.serve_in_thread
start_demo_double = _DUBBEL.start_demo_double
main = _DUBBEL.main


if __name__ == "__main__":
    main()
