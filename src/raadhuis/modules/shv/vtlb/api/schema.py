"""The OpenAPI document of the VTLB API: generated from the views and serializers, committed as
`api/openapi.yaml` next to this file, served at `/api/shv/v1/schema/vtlb/openapi.yaml`.

Regenerate after a change (a test compares the committed file with the generated one):

    .venv/bin/python -c "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', \
'raadhuis.conf.settings'); django.setup(); \
from raadhuis.modules.shv.vtlb.api.schema import write_openapi; write_openapi()"
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.renderers import OpenApiYamlRenderer

from raadhuis.apis.common.openapi import ERROR_DESCRIPTIONS, ERROR_SCHEMAS

SPEC_FILE = Path(__file__).resolve().parent / "openapi.yaml"
BASE_PATH = "/api/shv/v1"
TITLE = "Schuldhulpverlening VTLB API"
VERSION = "1.0.0"
DESCRIPTION = (
    "Berekening van het vrij te laten bedrag (vtlb) volgens de Recofa-methode en de "
    "pondspondsgewijze verdeling van een schuldregeling. Bedragen zijn tekst met twee decimalen "
    '("1234.50"). Toegang met een medewerkerssessie (met CSRF-token) of met de ZGW-JWT van '
    "een applicatie met ten minste één autorisatie. De methode en haar bronnen: "
    "docs/shv/vtlb-methode.md."
)
SESSION_SCHEME = "Sessie"
JWT_SCHEME = "JWT-Claims"


def _fout(code: str) -> dict[str, Any]:
    schema = "ValidatieFout" if code == "400" else "Fout"
    return {
        "description": ERROR_DESCRIPTIONS[code],
        "content": {
            "application/problem+json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
        },
    }


class VtlbAutoSchema(AutoSchema):
    """drf-spectacular's schema, described by the view's `openapi` dict per method (not by
    extend_schema, whose method decorator would switch to the ZGW schema class), with the
    error answers each operation can give."""

    def _spec(self) -> dict[str, Any]:
        return getattr(self.view, "openapi", {}).get(self.method.lower(), {})

    def get_operation_id(self) -> str:
        return self._spec().get("operation_id") or super().get_operation_id()

    def get_summary(self) -> str | None:
        return self._spec().get("summary")

    def get_description(self) -> str:
        return self._spec().get("description", "")

    def get_tags(self) -> list[str]:
        return self._spec().get("tags") or super().get_tags()

    def _get_format_parameters(self) -> list[dict[str, Any]]:
        return []  # the PDF view's renderers would add a `format` parameter nobody needs

    def get_request_serializer(self) -> Any:
        return self._spec().get("request")

    def get_response_serializers(self) -> Any:
        return self._spec().get("responses")

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)  # type: ignore[arg-type]
        codes = ["401", "403", "406", "500"]
        if self.method == "POST":
            codes += ["400", "415"]
        if "{uuid}" in self.path:
            codes.append("404")
        for code in sorted(codes):
            responses.setdefault(code, _fout(code))
        return responses

    def get_auth(self) -> list[dict[str, Any]]:
        return [{JWT_SCHEME: []}, {SESSION_SCHEME: []}]


def _patterns() -> list[Any]:
    from raadhuis.modules.shv.vtlb.api.urls import resource_urlpatterns

    return list(resource_urlpatterns)


def generate_openapi_dict() -> dict[str, Any]:
    generator = SchemaGenerator(
        title=TITLE, version=VERSION, description=DESCRIPTION, patterns=_patterns()
    )
    document = generator.get_schema(request=None, public=True)
    document["info"] = {
        "title": TITLE,
        "version": VERSION,
        "description": DESCRIPTION,
        "license": {"name": "EUPL 1.2", "url": "https://opensource.org/licenses/EUPL-1.2"},
    }
    document["servers"] = [{"url": BASE_PATH}]
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name, schema in ERROR_SCHEMAS.items():
        schemas.setdefault(name, copy.deepcopy(schema))
    components["securitySchemes"] = {
        JWT_SCHEME: {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
        SESSION_SCHEME: {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }
    return document


def generate_openapi() -> str:
    rendered = OpenApiYamlRenderer().render(generate_openapi_dict(), renderer_context={})
    return rendered.decode()


def write_openapi() -> Path:
    SPEC_FILE.write_text(generate_openapi(), encoding="utf-8")
    return SPEC_FILE


@functools.cache
def committed_openapi() -> str:
    return SPEC_FILE.read_text(encoding="utf-8")


def schema_yaml_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        committed_openapi(), content_type="application/vnd.oai.openapi; charset=utf-8"
    )
