"""The OpenAPI documents of the ZGW APIs: generated from our code, committed as
`src/raadhuis/apis/<api>/openapi.yaml`, served at `<base>schema/openapi.yaml`, with a
human-readable reference at `<base>schema/` (server-rendered, no CDN).

`generate_openapi("catalogi")` regenerates a document (tests compare it with the committed
file; `.venv/bin/python -c "from raadhuis.apis.common.schema import write_openapi;
write_openapi('catalogi')"` rewrites it).
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.http import Http404, HttpRequest, HttpResponse
from django.template import engines
from django.urls import URLPattern, URLResolver, path, re_path
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from rest_framework import exceptions as drf_exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from raadhuis.apis.common import errors

APIS_DIR = Path(__file__).resolve().parent.parent
SCHEMA_CONTENT_TYPE = "application/vnd.oai.openapi"


@dataclass(frozen=True)
class ApiInfo:
    name: str  # package under raadhuis.apis, and the first segment of the base path
    title: str
    version: str
    component: str  # ZGW component code used in autorisaties (ztc, zrc, drc, brc, ac, nrc)
    description: str = ""

    @property
    def base_path(self) -> str:
        return f"/{self.name}/api/v1/"

    @property
    def spec_file(self) -> Path:
        return APIS_DIR / self.name / "openapi.yaml"


ZGW_APIS: dict[str, ApiInfo] = {
    info.name: info
    for info in (
        ApiInfo("zaken", "Zaken API", "1.7.0", "zrc"),
        ApiInfo("catalogi", "Catalogi API", "1.3.3", "ztc"),
        ApiInfo("documenten", "Documenten API", "1.7.0", "drc"),
        ApiInfo("besluiten", "Besluiten API", "1.1.0", "brc"),
        ApiInfo("autorisaties", "Autorisaties API", "1.1.0", "ac"),
        ApiInfo("notificaties", "Notificaties API", "1.0.1", "nrc"),
    )
}


# --- generation -----------------------------------------------------------------------------
def api_patterns(api: str) -> list[URLPattern | URLResolver]:
    """The API's resource routes (without schema and reference pages)."""
    module = importlib.import_module(f"raadhuis.apis.{api}.urls")
    return list(getattr(module, "resource_urlpatterns", module.urlpatterns))


def generate_openapi_dict(api: str) -> dict[str, Any]:
    info = ZGW_APIS[api]
    generator = SchemaGenerator(
        title=info.title,
        version=info.version,
        description=info.description,
        patterns=api_patterns(api),
    )
    document = generator.get_schema(request=None, public=True)
    document["info"] = {
        "title": info.title,
        "version": info.version,
        "description": info.description or f"{info.title} volgens de ZGW-standaard.",
        "contact": {
            "email": "standaarden.ondersteuning@vng.nl",
            "url": "https://vng-realisatie.github.io/gemma-zaken",
        },
        "license": {"name": "EUPL 1.2", "url": "https://opensource.org/licenses/EUPL-1.2"},
    }
    document["servers"] = [{"url": info.base_path.rstrip("/")}]
    return document


def generate_openapi(api: str) -> str:
    """The API's OpenAPI document as YAML, generated from our viewsets and serializers."""
    rendered = OpenApiYamlRenderer().render(generate_openapi_dict(api), renderer_context={})
    return rendered.decode()


def write_openapi(api: str) -> Path:
    """Regenerate the committed document of `api`."""
    target = ZGW_APIS[api].spec_file
    target.write_text(generate_openapi(api), encoding="utf-8")
    return target


@functools.cache
def committed_openapi(api: str) -> str:
    return ZGW_APIS[api].spec_file.read_text(encoding="utf-8")


@functools.cache
def committed_openapi_dict(api: str) -> dict[str, Any]:
    return yaml.safe_load(committed_openapi(api))


# --- serving --------------------------------------------------------------------------------
def schema_yaml_view(request: HttpRequest, api: str) -> HttpResponse:
    try:
        body = committed_openapi(api)
    except FileNotFoundError as error:
        raise Http404 from error
    return HttpResponse(body, content_type=f"{SCHEMA_CONTENT_TYPE}; charset=utf-8")


HTTP_METHODS = ("get", "head", "post", "put", "patch", "delete")

REFERENCE_TEMPLATE = """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>{{ info.title }} {{ info.version }}</title></head>
<body>
<header>
  <h1>{{ info.title }} {{ info.version }}</h1>
  <p>Basis-URL: <code>{{ base_url }}</code> &middot;
     <a href="openapi.yaml">OpenAPI-specificatie (YAML)</a></p>
</header>
<nav aria-label="Resources"><ul>
{% for tag in tags %}<li><a href="#{{ tag.name }}">{{ tag.name }}</a></li>{% endfor %}
</ul></nav>
<main>
{% for tag in tags %}
<section id="{{ tag.name }}">
<h2>{{ tag.name }}</h2>
{% for op in tag.operations %}
<article id="{{ op.operation_id }}">
  <h3><code>{{ op.method }} {{ op.path }}</code> &mdash; {{ op.summary }}</h3>
  {% if op.description %}<p>{{ op.description|linebreaksbr }}</p>{% endif %}
  {% if op.scopes %}<p>Scopes: <code>{{ op.scopes|join:", " }}</code></p>{% endif %}
  {% if op.parameters %}
  <table>
    <caption>Parameters</caption>
    <thead><tr><th scope="col">Naam</th><th scope="col">In</th><th scope="col">Type</th>
    <th scope="col">Verplicht</th><th scope="col">Omschrijving</th></tr></thead>
    <tbody>{% for p in op.parameters %}
    <tr><td><code>{{ p.name }}</code></td><td>{{ p.in }}</td><td>{{ p.type }}</td>
    <td>{{ p.required|yesno:"ja,nee" }}</td><td>{{ p.description }}</td></tr>
    {% endfor %}</tbody>
  </table>
  {% endif %}
  {% if op.request_body %}<p>Request body: <code>{{ op.request_body }}</code></p>{% endif %}
  <p>Antwoorden: {% for r in op.responses %}<code>{{ r }}</code>{% if not forloop.last %},
  {% endif %}{% endfor %}</p>
</article>
{% endfor %}
</section>
{% endfor %}
</main>
</body>
</html>
"""


def _schema_name(schema: dict[str, Any] | None) -> str:
    if not schema:
        return ""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"{_schema_name(schema.get('items'))}[]"
    return str(schema.get("type", ""))


def reference_operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per tag, with its operations and their parameters, for the reference page."""
    shared = document.get("components", {}).get("parameters", {})
    by_tag: dict[str, list[dict[str, Any]]] = {}
    for op_path, item in document.get("paths", {}).items():
        common = item.get("parameters", [])
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not operation:
                continue
            parameters = []
            for parameter in [*common, *operation.get("parameters", [])]:
                if "$ref" in parameter:
                    parameter = shared.get(parameter["$ref"].rsplit("/", 1)[-1], {})
                parameters.append(
                    {
                        "name": parameter.get("name", ""),
                        "in": parameter.get("in", ""),
                        "type": _schema_name(parameter.get("schema")),
                        "required": bool(parameter.get("required")),
                        "description": parameter.get("description", ""),
                    }
                )
            content = operation.get("requestBody", {}).get("content", {})
            body_schema = next(iter(content.values()), {}).get("schema") if content else None
            scopes = [
                scope
                for requirement in operation.get("security", [])
                for scopes_of in requirement.values()
                for scope in scopes_of
            ]
            tag = (operation.get("tags") or ["overig"])[0]
            by_tag.setdefault(tag, []).append(
                {
                    "method": method.upper(),
                    "path": op_path,
                    "operation_id": operation.get("operationId", f"{method}-{op_path}"),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                    "request_body": _schema_name(body_schema),
                    "responses": list(operation.get("responses", {})),
                    "scopes": scopes,
                }
            )
    return [{"name": tag, "operations": ops} for tag, ops in sorted(by_tag.items())]


def schema_reference_view(request: HttpRequest, api: str) -> HttpResponse:
    try:
        document = committed_openapi_dict(api)
    except FileNotFoundError as error:
        raise Http404 from error
    template = engines["django"].from_string(REFERENCE_TEMPLATE)
    html = template.render(
        {
            "info": ZGW_APIS[api],
            "base_url": request.build_absolute_uri(ZGW_APIS[api].base_path),
            "tags": reference_operations(document),
        }
    )
    return HttpResponse(html)


ERROR_TEMPLATE = """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>Fout: {{ name }}</title></head>
<body><main>
<h1>{{ name }}</h1>
<dl>
<dt>HTTP-status</dt><dd>{{ status_code }}</dd>
<dt>code</dt><dd><code>{{ code }}</code></dd>
<dt>title</dt><dd>{{ title }}</dd>
</dl>
</main></body></html>
"""


def error_reference_view(request: HttpRequest, api: str, name: str) -> HttpResponse:
    """The page a Fout's `type` URI points at."""
    exception_class = getattr(errors, name, None) or getattr(drf_exceptions, name, None)
    if not (
        isinstance(exception_class, type)
        and issubclass(exception_class, drf_exceptions.APIException)
    ):
        raise Http404
    template = engines["django"].from_string(ERROR_TEMPLATE)
    html = template.render(
        {
            "name": name,
            "status_code": exception_class.status_code,
            "code": exception_class.default_code,
            "title": exception_class.default_detail,
        }
    )
    return HttpResponse(html)


class NotFoundView(APIView):
    """Any other path under an API's base: a 404 Fout rather than the HTML 404 page."""

    authentication_classes = ()
    permission_classes = ()
    api_version = ""

    def get_exception_handler(self) -> Any:
        return errors.exception_handler

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.api_version:
            response["API-version"] = self.api_version
        return response

    def dispatch_404(self) -> Response:
        raise drf_exceptions.NotFound()

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.dispatch_404()

    post = put = patch = delete = get


def api_urlpatterns(
    api: str, resource_urlpatterns: list[URLPattern | URLResolver]
) -> list[URLPattern | URLResolver]:
    """An API's full urlpatterns: its resources, `schema/openapi.yaml`, `schema/`, the error
    reference pages, and a 404 Fout for anything else under its base path."""
    info = ZGW_APIS[api]
    return [
        *resource_urlpatterns,
        path("schema/openapi.yaml", schema_yaml_view, {"api": api}, name="schema"),
        path("schema/", schema_reference_view, {"api": api}, name="schema-reference"),
        path("ref/fouten/<str:name>/", error_reference_view, {"api": api}, name="error-detail"),
        re_path(r"^.*$", NotFoundView.as_view(api_version=info.version), name="not-found"),
    ]


__all__ = [
    "ZGW_APIS",
    "ApiInfo",
    "api_urlpatterns",
    "generate_openapi",
    "write_openapi",
]
