"""A local VISH (Verwijsindex Schuldhulpverlening) for the tests and the demo: a WSGI app with
an in-memory register, served on localhost in a thread. `storing = True` answers 503."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

DOUBLE_API_KEY = "vish-double-sleutel"
BASE_PATH = "/api/v1"


@dataclass
class VishDouble:
    registraties: dict[str, dict[str, Any]] = field(default_factory=dict)
    storing: bool = False
    verzoeken: list[tuple[str, str]] = field(default_factory=list)

    def actief(self, bsn: str) -> list[dict[str, Any]]:
        return [r for r in self.registraties.values() if r["bsn"] == bsn and not r["einddatum"]]

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        methode = environ["REQUEST_METHOD"]
        pad = environ.get("PATH_INFO", "").removeprefix(BASE_PATH)
        self.verzoeken.append((methode, pad))
        if self.storing:
            return self._json(start_response, 503, {"fout": "storing"})
        if environ.get("HTTP_X_API_KEY") != DOUBLE_API_KEY:
            return self._json(start_response, 401, {"fout": "sleutel"})
        try:
            lengte = int(environ.get("CONTENT_LENGTH") or 0)
            data = json.loads(environ["wsgi.input"].read(lengte) or b"{}")
        except (ValueError, json.JSONDecodeError):
            return self._json(start_response, 400, {"fout": "geen JSON"})
        delen = [d for d in pad.split("/") if d]
        if methode == "POST" and delen == ["registraties"]:
            if not (str(data.get("bsn", "")).isdigit() and len(str(data["bsn"])) == 9):
                return self._json(start_response, 400, {"fout": "bsn ongeldig"})
            vish_id = str(uuid.uuid4())
            self.registraties[vish_id] = {
                "id": vish_id,
                "bsn": data["bsn"],
                "organisatie_oin": data.get("organisatie_oin", ""),
                "zaak": data.get("zaak", ""),
                "startdatum": data.get("startdatum"),
                "einddatum": None,
            }
            return self._json(start_response, 201, {"id": vish_id})
        if methode == "POST" and len(delen) == 3 and delen[::2] == ["registraties", "afmelding"]:
            registratie = self.registraties.get(delen[1])
            if registratie is None:
                return self._json(start_response, 404, {"fout": "onbekend"})
            registratie["einddatum"] = data.get("einddatum")
            return self._json(start_response, 200, registratie)
        return self._json(start_response, 404, {"fout": "onbekend pad"})

    @staticmethod
    def _json(start_response: Callable, status: int, data: dict) -> list[bytes]:
        tekst = {
            200: "OK",
            201: "Created",
            400: "Bad Request",
            401: "Unauthorized",
            404: "Not Found",
            503: "Service Unavailable",
        }[status]
        start_response(f"{status} {tekst}", [("Content-Type", "application/json")])
        return [json.dumps(data).encode()]


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _StilleHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """No access log: BSNs stay out of the console."""


def serve_in_thread(
    app: VishDouble | None = None, host: str = "127.0.0.1", port: int = 0
) -> tuple[str, VishDouble, Callable[[], None]]:
    """Serve the double; returns its base URL, the app, and a function that stops it."""
    app = app or VishDouble()
    server = make_server(host, port, app, server_class=_Server, handler_class=_StilleHandler)
    thread = threading.Thread(target=server.serve_forever, name="vish-double", daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

    return f"http://{host}:{server.server_port}{BASE_PATH}", app, stop
