"""A local test double of the KvK APIs Zoeken (v1) and Basisprofiel (v1), for the demo and tests.

A small WSGI application, no Django. It serves the paths of the specifications next to this
file from the fictitious register in `testdata.py`:

- `GET {base}/v1/zoeken?…` (handelsnaam, kvkNummer, rsin, vestigingsnummer, straatnaam, plaats,
  postcode + huisnummer, type, InclusiefInactieveRegistraties, pagina, aantal);
- `GET {base}/v1/basisprofielen/{kvkNummer}` (with `geoData`), and its `/eigenaar`,
  `/hoofdvestiging` and `/vestigingen`;
- `GET {base}/zoeken_openapi.yaml` and `{base}/basisprofiel_openapi.yaml`: the specifications.

As the real KvK: the API key goes in the `apikey` header (missing or wrong: 401); every query
parameter is checked against the specification (an unknown parameter or a value that does not
fit its pattern: 400 with IPD1999 and the parameter's name; a malformed KvK number: IPD0004);
nothing found is a 404 with code IPD5200 (search) or IPD0005 (KvK number); errors have the KvK's
shape `{"fout": [{"code": …, "omschrijving": …}]}`. Names match case- and accent-insensitively
on any part of a current or expired trade name or the statutory name.

Run it:
- in tests: `serve_in_thread()` -> (base_url, stop);
- in the demo: `start_demo_double()` (127.0.0.1:8003, also sets Django's KVK settings);
- alone: `python -m raadhuis.kernel.integrations.kvk.double --port 8003`.

The JSON of the companies and branches is shaped in antwoorden.py; serving (thread, demo,
command line) is kernel/integrations/dubbel.py, shared by every double.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import deque
from typing import Any
from urllib.parse import parse_qs, urlencode

from raadhuis.kernel.integrations import dubbel
from raadhuis.kernel.integrations.kvk import spec
from raadhuis.kernel.integrations.kvk.antwoorden import HalJson, adres_json, hal_link, sbi_json
from raadhuis.kernel.integrations.kvk.records import ZOEKTYPES
from raadhuis.kernel.integrations.kvk.testdata import Bedrijf, Register, Vestiging

__all__ = [
    "BASE_PATH",
    "DEMO_PORT",
    "DOUBLE_API_KEY",
    "Fout",
    "HAL_JSON",
    "KvkDouble",
    "MAX_TOTAAL",
    "adres_json",
    "main",
    "sbi_json",
    "serve_in_thread",
    "start_demo_double",
    "zoek",
]


BASE_PATH = "/test/api"
DOUBLE_API_KEY = "raadhuis-kvk-testdubbel"
DEMO_PORT = 8003
HAL_JSON = "application/hal+json; charset=utf-8"
MAX_TOTAAL = 1000  # the KvK shows at most 1000 search results

StartResponse = dubbel.StartResponse
_BASISPROFIEL = re.compile(r"^/v1/basisprofielen/(?P<kvk>[^/]+)(?:/(?P<deel>[a-z]+))?$")
_DEEL_TEMPLATES = {
    None: "/v1/basisprofielen/{kvkNummer}",
    "eigenaar": "/v1/basisprofielen/{kvkNummer}/eigenaar",
    "hoofdvestiging": "/v1/basisprofielen/{kvkNummer}/hoofdvestiging",
    "vestigingen": "/v1/basisprofielen/{kvkNummer}/vestigingen",
}


class Fout(Exception):
    """An error answer in the KvK's shape."""

    def __init__(self, status: int, code: str, omschrijving: str) -> None:
        super().__init__(omschrijving)
        self.status = status
        self.body = {"fout": [{"code": code, "omschrijving": omschrijving}]}


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split()
    )


# --- search ----------------------------------------------------------------------------------


def _naam_treffer(gezocht: str, bedrijf: Bedrijf, vestiging: Vestiging | None) -> str | None:
    """'' when a current name matches, the expired name when only that matches, else None."""
    huidige = [bedrijf.naam, bedrijf.statutaire_naam, *bedrijf.alle_handelsnamen]
    if vestiging is not None:
        huidige.append(vestiging.handelsnaam)
    if any(gezocht in _plain(naam) for naam in huidige if naam):
        return ""
    return next((naam for naam in bedrijf.vervallen_namen if gezocht in _plain(naam)), None)


def _adres_past(query: dict[str, str], vestiging: Vestiging | None) -> bool:
    adres = vestiging.bezoekadres if vestiging is not None else None
    wil_adres = any(k in query for k in ("straatnaam", "plaats", "postcode"))
    if not wil_adres:
        return True
    if adres is None:
        return False
    if "plaats" in query and _plain(query["plaats"]) != _plain(adres.plaats):
        return False
    if (
        vestiging is not None
        and vestiging.afgeschermd
        and ("straatnaam" in query or "postcode" in query)
    ):
        return False  # a shielded address cannot be found by its street
    if "straatnaam" in query and _plain(query["straatnaam"]) not in _plain(adres.straatnaam):
        return False
    if "postcode" in query:
        postcode = query["postcode"].replace(" ", "").upper()
        if postcode != adres.postcode or query["huisnummer"].strip() != str(adres.huisnummer):
            return False
    return True


def zoek(register: Register, query: dict[str, str]) -> list[tuple[Bedrijf, Vestiging | None, str]]:
    """Every (company, branch or None for the legal entity, expired name matched) hit."""
    types = set(query["type"].split(",")) if query.get("type") else set(ZOEKTYPES)
    inactief = query.get("InclusiefInactieveRegistraties", "false").lower() == "true"
    gezocht = _plain(query.get("handelsnaam", ""))
    hits = []
    for bedrijf in register:
        if not bedrijf.actief and not inactief:
            continue
        if query.get("kvkNummer", bedrijf.kvk_nummer) != bedrijf.kvk_nummer:
            continue
        if query.get("rsin", bedrijf.rsin) != bedrijf.rsin:
            continue
        kandidaten: list[Vestiging | None] = list(bedrijf.vestigingen)
        if bedrijf.rechtspersoon:
            kandidaten.insert(0, None)
        for vestiging in kandidaten:
            soort = (
                "rechtspersoon"
                if vestiging is None
                else ("hoofdvestiging" if vestiging.hoofdvestiging else "nevenvestiging")
            )
            if soort not in types:
                continue
            if "vestigingsnummer" in query and (
                vestiging is None or vestiging.vestigingsnummer != query["vestigingsnummer"]
            ):
                continue
            if not _adres_past(query, vestiging):
                continue
            vervallen = ""
            if gezocht:
                treffer = _naam_treffer(gezocht, bedrijf, vestiging)
                if treffer is None:
                    continue
                vervallen = treffer
            hits.append((bedrijf, vestiging, vervallen))
    return hits


# --- the application -------------------------------------------------------------------------


class KvkDouble:
    """The WSGI application. `storing = True` makes it answer 503 (IPD9999) as the real API
    does when the Handelsregister behind it is down."""

    def __init__(
        self,
        register: Register | None = None,
        *,
        api_key: str = DOUBLE_API_KEY,
        base_path: str = BASE_PATH,
    ) -> None:
        self.register = register or Register()
        self.api_key = api_key
        self.base_path = base_path.rstrip("/")
        self.storing = False
        # The last requests (path and query), for tests (bounded: the demo double runs for days).
        self.verzoeken: deque[tuple[str, dict[str, str]]] = deque(maxlen=100)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        try:
            status, content_type, body = self._handle(environ)
        except Fout as fout:
            status, content_type = fout.status, "application/json; charset=utf-8"
            body = json.dumps(fout.body, ensure_ascii=False).encode("utf-8")
        return dubbel.wsgi_answer(start_response, status, content_type, body)

    def _root(self, environ: dict[str, Any]) -> str:
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "localhost")
        return f"http://{host}{self.base_path}"

    def _handle(self, environ: dict[str, Any]) -> tuple[int, str, bytes]:
        path = environ.get("PATH_INFO", "")
        if not path.startswith(f"{self.base_path}/"):
            raise Fout(404, "IPD1998", "Opgevraagde resource bestaat niet.")
        path = path.removeprefix(self.base_path).rstrip("/")
        if environ.get("REQUEST_METHOD", "GET") != "GET":
            raise Fout(405, "IPD1998", "Gebruikte bevragingsmethode is niet toegestaan.")
        if path in ("/zoeken_openapi.yaml", "/basisprofiel_openapi.yaml"):
            bestand = spec.ZOEKEN if path.startswith("/zoeken") else spec.BASISPROFIEL
            return 200, "application/yaml", bestand.read_bytes()
        if environ.get("HTTP_APIKEY") != self.api_key:
            raise Fout(401, "IPD1998", "Niet correct geauthenticeerd: ongeldige of geen apikey.")
        query = self._query(environ)
        self.verzoeken.append((path, query))
        if self.storing:
            raise Fout(503, "IPD9999", "Algemene technische fout.")
        data = self.answer(path, query, self._root(environ))
        return 200, HAL_JSON, json.dumps(data, ensure_ascii=False).encode("utf-8")

    def _query(self, environ: dict[str, Any]) -> dict[str, str]:
        parsed = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        return {key: values[-1] for key, values in parsed.items()}

    def answer(self, path: str, query: dict[str, str], root: str) -> dict[str, Any]:
        if path == "/v1/zoeken":
            return self._zoeken(query, root)
        match = _BASISPROFIEL.match(path)
        if match is None or match["deel"] not in _DEEL_TEMPLATES:
            raise Fout(404, "IPD1998", "Opgevraagde resource bestaat niet.")
        template = _DEEL_TEMPLATES[match["deel"]]
        kvk = match["kvk"]
        if spec.parameter_fout(
            spec.parameters(spec.BASISPROFIEL, template, "path")["kvkNummer"], kvk
        ):
            raise Fout(400, "IPD0004", f"Het KVK-nummer {kvk} is niet valide.")
        _check_parameters(query, spec.parameters(spec.BASISPROFIEL, template))
        bedrijf = self.register.get(kvk)
        if bedrijf is None:
            raise Fout(
                404,
                "IPD0005",
                f"Op basis van het KVK-nummer {kvk} kan het product niet worden geleverd.",
            )
        geo = query.get("geoData", "false").lower() == "true"
        bouwer = HalJson(root)
        if match["deel"] is None:
            return bouwer.basisprofiel(bedrijf, geo=geo)
        if match["deel"] == "eigenaar":
            return bouwer.eigenaar(bedrijf, geo=geo)
        if match["deel"] == "vestigingen":
            return bouwer.vestigingen(bedrijf)
        hoofd = bedrijf.hoofdvestiging
        if hoofd is None:
            raise Fout(
                404,
                "IPD0005",
                f"Op basis van het KVK-nummer {kvk} kan het product niet worden geleverd.",
            )
        return bouwer.vestiging(bedrijf, hoofd, geo=geo)

    def _zoeken(self, query: dict[str, str], root: str) -> dict[str, Any]:
        toegestaan = spec.parameters(spec.ZOEKEN, "/v1/zoeken")
        if "kvkNummer" in query and spec.parameter_fout(
            toegestaan["kvkNummer"], query["kvkNummer"]
        ):
            raise Fout(400, "IPD0004", f"Het KVK-nummer {query['kvkNummer']} is niet valide.")
        if "vestigingsnummer" in query and spec.parameter_fout(
            toegestaan["vestigingsnummer"], query["vestigingsnummer"]
        ):
            nummer = query["vestigingsnummer"]
            raise Fout(400, "IPD0006", f"Het vestigingsnummer {nummer} is niet valide.")
        if "rsin" in query and spec.parameter_fout(toegestaan["rsin"], query["rsin"]):
            raise Fout(400, "IPD0010", f"Het RSI-nummer {query['rsin']} is niet valide.")
        _check_parameters(query, toegestaan)
        if ("postcode" in query) != ("huisnummer" in query):
            raise Fout(
                400,
                "IPD1999",
                "De volgende opgegeven parameter(s) is(zijn) ongeldig: postcode, huisnummer "
                "(alleen samen te gebruiken).",
            )
        if query.get("type") and not set(query["type"].split(",")) <= set(ZOEKTYPES):
            raise Fout(400, "IPD5203", "Het opgegeven type is niet valide.")
        criteria = set(query) - {"type", "InclusiefInactieveRegistraties", "pagina", "aantal"}
        if not criteria:
            raise Fout(400, "IPD1998", "Algemene invoer parameter fout: geef een zoekvraag.")
        pagina, aantal = _getal(query, "pagina", 1, 1, 1000), _getal(query, "aantal", 10, 1, 100)
        hits = zoek(self.register, query)[:MAX_TOTAAL]
        if not hits:
            raise Fout(
                404,
                "IPD5200",
                "Er zijn geen gegevens gevonden die voldoen aan de opgegeven zoekparameters.",
            )
        bouwer = HalJson(root)
        begin = (pagina - 1) * aantal
        data: dict[str, Any] = {
            "pagina": pagina,
            "aantal": aantal,
            "totaal": len(hits),
            "resultaten": [bouwer.zoekresultaat(*hit) for hit in hits[begin : begin + aantal]],
        }
        if pagina > 1:
            data["vorige"] = f"{root}/v1/zoeken?{urlencode({**query, 'pagina': pagina - 1})}"
        if begin + aantal < len(hits):
            data["volgende"] = f"{root}/v1/zoeken?{urlencode({**query, 'pagina': pagina + 1})}"
        data["links"] = [hal_link("self", f"{root}/v1/zoeken?{urlencode(query)}")]
        return data


def _check_parameters(query: dict[str, str], toegestaan: dict[str, dict[str, Any]]) -> None:
    """IPD1999 naming every unknown parameter and every value that does not fit the spec."""
    ongeldig = [
        key
        for key, value in query.items()
        if key not in toegestaan or spec.parameter_fout(toegestaan[key], value)
    ]
    if ongeldig:
        raise Fout(
            400,
            "IPD1999",
            "De volgende opgegeven parameter(s) is(zijn) ongeldig: " + ", ".join(ongeldig) + ".",
        )


def _getal(query: dict[str, str], naam: str, standaard: int, laagste: int, hoogste: int) -> int:
    if naam not in query:
        return standaard
    waarde = float(query[naam])
    if waarde != int(waarde) or not laagste <= waarde <= hoogste:
        raise Fout(
            400,
            "IPD1999",
            f"De volgende opgegeven parameter(s) is(zijn) ongeldig: {naam} "
            f"(van {laagste} tot en met {hoogste}).",
        )
    return int(waarde)


# --- serving ---------------------------------------------------------------------------------

_DUBBEL = dubbel.Dubbel(
    maak=KvkDouble,
    naam="kvk-double",
    titel="KvK test double",
    base_path=BASE_PATH,
    demo_port=DEMO_PORT,
    api_key=DOUBLE_API_KEY,
    settings_prefix="KVK",
    beschrijving="KvK Zoeken/Basisprofiel test double",
    sleutel="apikey",
)
# serve_in_thread(host, port, *, app) -> (base URL, stop); start_demo_double(*, host, port,
# configure_settings) -> base URL; main(argv): see dubbel.Dubbel.
serve_in_thread = _DUBBEL.serve_in_thread
start_demo_double = _DUBBEL.start_demo_double
main = _DUBBEL.main


if __name__ == "__main__":
    main()
