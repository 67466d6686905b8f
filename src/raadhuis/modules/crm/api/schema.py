"""The OpenAPI 3.0 document of the read-only CRM API, written out here (two list operations
with a row shape that differs per KPI are clearer by hand than generated), served at
/api/crm/v1/schema/openapi.yaml. Error answers are the project's Fout / ValidatieFout."""

from __future__ import annotations

import copy
import functools
from typing import Any

import yaml
from django.http import HttpRequest, HttpResponse

from raadhuis.apis.common.openapi import ERROR_DESCRIPTIONS, ERROR_SCHEMAS
from raadhuis.modules.crm.kpi.selectors import KPIS

BASE_PATH = "/api/crm/v1"
JWT_SCHEME = "JWT-Claims"
SESSION_SCHEME = "Sessie"


def _fout(code: str) -> dict[str, Any]:
    schema = "ValidatieFout" if code == "400" else "Fout"
    return {
        "description": ERROR_DESCRIPTIONS[code],
        "content": {
            "application/problem+json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
        },
    }


def _param(naam: str, schema: dict[str, Any], beschrijving: str) -> dict[str, Any]:
    return {
        "name": naam,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": beschrijving,
    }


_PERIODE = [
    _param(
        "van",
        {"type": "string", "format": "date"},
        "Eerste dag van de periode (standaard: 364 dagen voor vandaag).",
    ),
    _param(
        "tot",
        {"type": "string", "format": "date"},
        "Laatste dag van de periode, inclusief (standaard: vandaag). Ten hoogste drie jaar na "
        "`van`.",
    ),
    _param(
        "afdeling",
        {"type": "string", "maxLength": 24},
        "Identificatie van een organisatorische eenheid: alleen die afdeling.",
    ),
    _param("page", {"type": "integer", "minimum": 1}, "Een pagina binnen de resultaten."),
    _param(
        "pageSize",
        {"type": "integer", "minimum": 1, "maximum": 500},
        "Aantal resultaten per pagina (standaard 100, maximaal 500).",
    ),
]


def _lijst(items: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["count", "results"],
        "properties": {
            "count": {"type": "integer"},
            "next": {"type": "string", "format": "uri", "nullable": True},
            "previous": {"type": "string", "format": "uri", "nullable": True},
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{items}"}},
        },
    }


_WAARDE = {"type": "string", "nullable": True}
_CIJFER = {
    "type": "object",
    "required": ["kpi", "titel", "eenheid", "van", "tot", "waarde", "aantalRijen", "rijen"],
    "properties": {
        "kpi": {"type": "string", "enum": sorted(KPIS)},
        "titel": {"type": "string"},
        "eenheid": {"type": "string", "enum": ["werkdagen", "%", "score", "aantal"]},
        "afdeling": {
            "type": "string",
            "nullable": True,
            "description": "Identificatie van de afdeling; null voor het totaal.",
        },
        "afdelingNaam": {"type": "string", "nullable": True},
        "van": {"type": "string", "format": "date"},
        "tot": {"type": "string", "format": "date"},
        "waarde": {
            **_WAARDE,
            "description": 'Het cijfer als decimale tekst ("83", "2.5"); null zonder rijen.',
        },
        "aantalRijen": {"type": "integer", "minimum": 0},
        "rijen": {
            "type": "string",
            "format": "uri",
            "description": "De rijen waaruit dit cijfer is berekend.",
        },
    },
}
_RIJ = {
    "type": "object",
    "description": "Eén rij achter een cijfer. De velden verschillen per KPI (zie "
    "docs/crm/api.md); datums als ISO-8601, bedragen en uren als decimale tekst. Nooit een "
    "naam of BSN.",
    "required": ["afdeling"],
    "properties": {
        "referentie": {"type": "string"},
        "afdeling": {"type": "string", "nullable": True},
        "afdelingNaam": {"type": "string", "nullable": True},
    },
    "additionalProperties": True,
}

_FOUTEN = {code: _fout(code) for code in ("400", "401", "403", "404", "406", "500")}


def openapi_dict() -> dict[str, Any]:
    schemas = {"KpiCijfer": _CIJFER, "KpiRij": _RIJ}
    schemas["KpiCijferLijst"] = _lijst("KpiCijfer")
    schemas["KpiRijLijst"] = _lijst("KpiRij")
    for naam, schema in ERROR_SCHEMAS.items():
        schemas[naam] = copy.deepcopy(schema)
    kpi_param = _param("kpi", {"type": "string", "enum": sorted(KPIS)}, "Alleen deze KPI.")
    code_param = {
        "name": "code",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "enum": sorted(KPIS)},
        "description": "De code van de KPI.",
    }
    beveiliging = [{JWT_SCHEME: []}, {SESSION_SCHEME: []}]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "CRM-rapportage API",
            "version": "1.0.0",
            "description": "Alleen-lezen: de KPI's van het CRM (reactietijd, termijnen, "
            "tevredenheid, leadconversie, contracten, Social Return) per afdeling, en de rijen "
            "achter elk cijfer, voor Power BI. Gepagineerd zoals de ZGW-lijsten.",
            "license": {"name": "EUPL 1.2", "url": "https://opensource.org/licenses/EUPL-1.2"},
        },
        "servers": [{"url": BASE_PATH}],
        "security": beveiliging,
        "paths": {
            "/kpis": {
                "get": {
                    "operationId": "kpi_list",
                    "summary": "De KPI-cijfers, totaal en per afdeling",
                    "tags": ["kpis"],
                    "parameters": [*_PERIODE, kpi_param],
                    "responses": {
                        "200": {
                            "description": "OK",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/KpiCijferLijst"}
                                }
                            },
                        },
                        **_FOUTEN,
                    },
                }
            },
            "/kpis/{code}/rijen": {
                "get": {
                    "operationId": "kpi_rijen_list",
                    "summary": "De rijen achter één KPI",
                    "tags": ["kpis"],
                    "parameters": [code_param, *_PERIODE],
                    "responses": {
                        "200": {
                            "description": "OK",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/KpiRijLijst"}
                                }
                            },
                        },
                        **_FOUTEN,
                    },
                }
            },
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                JWT_SCHEME: {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                SESSION_SCHEME: {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            },
        },
    }


@functools.cache
def openapi_yaml() -> str:
    return yaml.safe_dump(openapi_dict(), sort_keys=False, allow_unicode=True)


def schema_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(openapi_yaml(), content_type="application/vnd.oai.openapi; charset=utf-8")
