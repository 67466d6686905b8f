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
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from raadhuis.kernel.integrations import dubbel
from raadhuis.kernel.integrations.brp import spec
from raadhuis.kernel.integrations.brp.testdata import (
    GEMEENTE,
    NEDERLAND,
    Mens,
    Register,
    Woonadres,
)
from raadhuis.kernel.integrations.brp.testdata import vandaag as vandaag_nl

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
MAANDEN = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
GESLACHT = {"M": "man", "V": "vrouw", "O": "onbekend"}
VERBINTENIS = {"H": "huwelijk", "P": "geregistreerd partnerschap"}
RFC_400 = "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1"

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


# --- JSON of a person, as the API shapes it --------------------------------------------------


def waarde(code: str, omschrijving: str) -> dict[str, str]:
    return {"code": code, "omschrijving": omschrijving}


def datum_json(value: date, *, alleen_jaar: bool = False) -> dict[str, Any]:
    if alleen_jaar:
        return {"type": "JaarDatum", "jaar": value.year, "langFormaat": str(value.year)}
    lang = f"{value.day} {MAANDEN[value.month - 1]} {value.year}"
    return {"type": "Datum", "datum": value.isoformat(), "langFormaat": lang}


def leeftijd(geboren: date, op: date) -> int:
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


def _voorletters(voornamen: str) -> str:
    return "".join(f"{naam[0]}." for naam in voornamen.split())


def naam_json(mens: Mens, *, volledig: bool = True) -> dict[str, Any]:
    naam: dict[str, Any] = {
        "voornamen": mens.voornamen,
        "geslachtsnaam": mens.geslachtsnaam,
        "voorletters": _voorletters(mens.voornamen),
    }
    if mens.voorvoegsel:
        naam["voorvoegsel"] = mens.voorvoegsel
    if volledig:
        naam["volledigeNaam"] = " ".join(
            d for d in (mens.voornamen, mens.voorvoegsel, mens.geslachtsnaam) if d
        )
    return naam


def _achternaam(mens: Mens) -> str:
    voorvoegsel = mens.voorvoegsel[:1].upper() + mens.voorvoegsel[1:]
    return f"{voorvoegsel} {mens.geslachtsnaam}".strip()


def _bag_id(adres: Woonadres, soort: str) -> str:
    """A fictitious 16-digit BAG identification: municipality, object type, number."""
    volgnummer = int(adres.postcode[:4]) * 100_000 + adres.huisnummer * 10
    volgnummer += len(adres.huisletter + adres.huisnummertoevoeging)
    return f"{GEMEENTE[0]}{soort}{volgnummer:010d}"


def verblijfadres_json(adres: Woonadres) -> dict[str, Any]:
    verblijfadres: dict[str, Any] = {
        "officieleStraatnaam": adres.straat,
        "korteStraatnaam": adres.straat[:24],
        "huisnummer": adres.huisnummer,
        "postcode": adres.postcode,
        "woonplaats": adres.woonplaats,
    }
    if adres.huisletter:
        verblijfadres["huisletter"] = adres.huisletter
    if adres.huisnummertoevoeging:
        verblijfadres["huisnummertoevoeging"] = adres.huisnummertoevoeging
    return verblijfadres


def adressering_json(mens: Mens) -> dict[str, Any]:
    adres = mens.adres
    nummer = f"{adres.huisnummer}{adres.huisletter}"
    if adres.huisnummertoevoeging:
        nummer += f"-{adres.huisnummertoevoeging}"
    aanspreking = {"M": "meneer", "V": "mevrouw"}.get(mens.geslacht, "")
    aanhef = {"M": "Geachte heer", "V": "Geachte mevrouw"}.get(mens.geslacht, "Geachte")
    achternaam = _achternaam(mens)
    return {
        "adresregel1": f"{adres.straat} {nummer}",
        "adresregel2": f"{adres.postcode[:4]} {adres.postcode[4:]}  {adres.woonplaats.upper()}",
        "land": waarde(*NEDERLAND),
        "aanhef": f"{aanhef} {achternaam}",
        "aanschrijfwijze": {"naam": f"{_voorletters(mens.voornamen)} {achternaam}"},
        "gebruikInLopendeTekst": f"{aanspreking} {achternaam}".strip(),
    }


def _geboorte(mens: Mens) -> dict[str, Any]:
    return {
        "datum": datum_json(mens.geboortedatum, alleen_jaar=mens.alleen_geboortejaar),
        "plaats": waarde(*GEMEENTE),
        "land": waarde(*NEDERLAND),
    }


def _gerelateerde(mens: Mens) -> dict[str, Any]:
    return {
        "burgerservicenummer": mens.bsn,
        "naam": naam_json(mens, volledig=False),
        "geboorte": _geboorte(mens),
    }


def persoon_json(mens: Mens, register: Register, vandaag: date) -> dict[str, Any]:
    """The full Persoon (RaadpleegMetBurgerservicenummer) as the register knows it."""
    persoon: dict[str, Any] = {
        "burgerservicenummer": mens.bsn,
        "geslacht": waarde(mens.geslacht, GESLACHT[mens.geslacht]),
        "naam": {**naam_json(mens), "aanduidingNaamgebruik": waarde("E", "eigen geslachtsnaam")},
        "geboorte": _geboorte(mens),
        "gemeenteVanInschrijving": waarde(*GEMEENTE),
        "nationaliteiten": [
            {"type": "Nationaliteit", "nationaliteit": waarde("0001", "Nederlandse")}
        ],
        "verblijfplaats": {
            "type": "Adres",
            "verblijfadres": verblijfadres_json(mens.adres),
            "functieAdres": waarde("W", "woonadres"),
            "adresseerbaarObjectIdentificatie": _bag_id(mens.adres, "01"),
            "nummeraanduidingIdentificatie": _bag_id(mens.adres, "20"),
        },
        "adressering": adressering_json(mens),
    }
    if mens.overlijdensdatum:
        persoon["overlijden"] = {
            "datum": datum_json(mens.overlijdensdatum),
            "plaats": waarde(*GEMEENTE),
            "land": waarde(*NEDERLAND),
        }
    elif not mens.alleen_geboortejaar:
        persoon["leeftijd"] = leeftijd(mens.geboortedatum, vandaag)
    partners = _partners_json(mens, register)
    if partners:
        persoon["partners"] = partners
    kinderen = [register.personen[bsn] for bsn in mens.kinderen]
    if kinderen:
        persoon["kinderen"] = [_gerelateerde(kind) for kind in kinderen]
    ouders = [register.personen[bsn] for bsn in mens.ouders]
    if ouders:
        persoon["ouders"] = [
            {
                **_gerelateerde(ouder),
                "geslacht": waarde(ouder.geslacht, GESLACHT[ouder.geslacht]),
                "ouderAanduiding": str(nummer),
            }
            for nummer, ouder in enumerate(ouders, start=1)
        ]
    return persoon


def _partners_json(mens: Mens, register: Register) -> list[dict[str, Any]]:
    """The current partner, or else the last dissolved one (spec: never more)."""
    if not mens.verbintenissen:
        return []
    lopend = [v for v in mens.verbintenissen if v.ontbonden is None]
    verbintenis = (
        lopend[-1] if lopend else max(mens.verbintenissen, key=lambda v: v.ontbonden or date.min)
    )
    partner = register.personen[verbintenis.partner_bsn]
    gegevens: dict[str, Any] = {
        **_gerelateerde(partner),
        "geslacht": waarde(partner.geslacht, GESLACHT[partner.geslacht]),
        "soortVerbintenis": waarde(verbintenis.soort, VERBINTENIS[verbintenis.soort]),
        "aangaanHuwelijkPartnerschap": {
            "datum": datum_json(verbintenis.aangegaan),
            "plaats": waarde(*GEMEENTE),
            "land": waarde(*NEDERLAND),
        },
    }
    if verbintenis.ontbonden:
        gegevens["ontbindingHuwelijkPartnerschap"] = {"datum": datum_json(verbintenis.ontbonden)}
    return [gegevens]


def beperkt(persoon: dict[str, Any]) -> dict[str, Any]:
    """The PersoonBeperkt a search returns: name, birth date, sex, age, address lines."""
    result: dict[str, Any] = {
        key: persoon[key]
        for key in ("burgerservicenummer", "geslacht", "leeftijd")
        if key in persoon
    }
    result["naam"] = {k: v for k, v in persoon["naam"].items() if k != "aanduidingNaamgebruik"}
    result["geboorte"] = {"datum": persoon["geboorte"]["datum"]}
    adressering = persoon["adressering"]
    result["adressering"] = {
        k: adressering[k]
        for k in ("adresregel1", "adresregel2", "adresregel3", "land")
        if k in adressering
    }
    return result


# --- fields ----------------------------------------------------------------------------------


def fields_tree(fields: Iterable[str]) -> dict[str, Any]:
    """['naam.voornamen', 'naam.geslachtsnaam', 'geboorte'] ->
    {'naam': {'voornamen': {}, 'geslachtsnaam': {}}, 'geboorte': {}}; {} means 'all of it'."""
    tree: dict[str, Any] = {}
    for path in fields:
        node = tree
        parts = path.split(".")
        for index, part in enumerate(parts):
            if part in node and node[part] == {} and index < len(parts) - 1:
                break  # a parent already asked for all of it
            last = index == len(parts) - 1
            node = node.setdefault(part, {})
            if last:
                node.clear()
    return tree


def project(value: Any, tree: dict[str, Any]) -> Any:
    """Keep only the requested fields; the `type` of a polymorphic value always stays."""
    if not tree:
        return value
    if isinstance(value, list):
        return [project(item, tree) for item in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, sub in tree.items():
        if key in value:
            projected = project(value[key], sub)
            if projected not in ({}, []):
                result[key] = projected
    if result and "type" in value:
        result = {"type": value["type"], **result}
    return result


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
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
        start_response(f"{status} {_REASON_PHRASES.get(status, 'Error')}", headers)
        return [body]

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


_REASON_PHRASES = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    415: "Unsupported Media Type",
    503: "Service Unavailable",
}


# --- serving ---------------------------------------------------------------------------------


def serve_in_thread(
    host: str = "127.0.0.1", port: int = 0, *, app: BrpDouble | None = None
) -> tuple[str, Callable[[], None]]:
    """Serve the double on host:port (0: any free port) in a daemon thread.

    Returns the base URL (for RAADHUIS_BRP_URL) and a function that stops the server."""
    return dubbel.serve_in_thread(
        app or BrpDouble(), host=host, port=port, base_path=BASE_PATH, naam="brp-double"
    )


def start_demo_double(
    *, host: str = "127.0.0.1", port: int = DEMO_PORT, configure_settings: bool = True
) -> str:
    """Start the double for `raadhuis demo` and return its base URL; Django's BRP_URL and
    BRP_API_KEY point at it unless the operator configured the register (RAADHUIS_BRP_URL)."""
    return dubbel.start_demo(
        lambda h, p: serve_in_thread(h, p),
        host=host,
        port=port,
        settings_url="BRP_URL",
        settings_key="BRP_API_KEY",
        api_key=DOUBLE_API_KEY,
        configure_settings=configure_settings,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="BRP Personen API test double (fictitious data)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEMO_PORT)
    parser.add_argument("--api-key", default=DOUBLE_API_KEY)
    args = parser.parse_args(argv)
    dubbel.serve_forever(
        BrpDouble(api_key=args.api_key),
        host=args.host,
        port=args.port,
        base_path=BASE_PATH,
        uitleg="BRP test double on {url} (X-API-KEY: " + args.api_key + "); stop with Ctrl+C.",
    )


if __name__ == "__main__":
    main()
