"""Serving a test double of an external register (BRP, KvK…) on localhost.

Each double is a WSGI app that answers the register's official API with fictitious data. This
module runs one: in a daemon thread for tests and `raadhuis demo`, or in the foreground from the
command line. It never listens beyond the address it is given (127.0.0.1 by default).
"""

from __future__ import annotations

import argparse
import threading
from collections.abc import Callable
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

# The status lines the doubles answer with (a code not here reads "Error").
REASON_PHRASES = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    415: "Unsupported Media Type",
    503: "Service Unavailable",
}


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """No access log on stderr: what was asked (a BSN, a KvK number) stays off the console."""


def wsgi_answer(
    start_response: StartResponse, status: int, content_type: str, body: bytes
) -> list[bytes]:
    """Send a double's answer: the status line, its content type and length, the body."""
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
    start_response(f"{status} {REASON_PHRASES.get(status, 'Error')}", headers)
    return [body]


def _server(app: Callable[..., Any], host: str, port: int) -> WSGIServer:
    return make_server(
        host, port, app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler
    )


def serve_in_thread(
    app: Callable[..., Any], *, host: str, port: int, base_path: str, naam: str
) -> tuple[str, Callable[[], None]]:
    """Serve `app` on host:port (0: any free port) in a daemon thread; returns the base URL
    (the server's address + `base_path`) and a function that stops the server."""
    server = _server(app, host, port)
    thread = threading.Thread(target=server.serve_forever, name=naam, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

    return f"http://{host}:{server.server_port}{base_path}", stop


def start_demo(
    serve: Callable[[str, int], tuple[str, Callable[[], None]]],
    *,
    host: str,
    port: int,
    settings_url: str,
    settings_key: str,
    api_key: str,
    configure_settings: bool,
) -> str:
    """Start a double for `raadhuis demo` (it lives as long as the process) and return its base
    URL; on `port`, or any free port when that one is taken (a second demo). With
    `configure_settings`, Django's `settings_url`/`settings_key` point at it unless the operator
    configured the real register."""
    try:
        base_url, _stop = serve(host, port)
    except OSError:
        base_url, _stop = serve(host, 0)
    if configure_settings:
        from django.conf import settings

        if not getattr(settings, settings_url, ""):
            setattr(settings, settings_url, base_url)
            setattr(settings, settings_key, api_key)
    return base_url


def serve_forever(
    app: Callable[..., Any], *, host: str, port: int, base_path: str, uitleg: str
) -> None:
    """The double in the foreground (`python -m …double --port N`), until Ctrl+C."""
    server = _server(app, host, port)
    url = f"http://{host}:{server.server_port}{base_path}"
    print(uitleg.format(url=url))  # noqa: T201
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


@dataclass(frozen=True)
class Dubbel:
    """How one double is served: in a test, for `raadhuis demo` and from the command line.

    `maak(api_key=...)` builds the WSGI app; `settings_prefix` names Django's settings the demo
    points at it (`BRP` -> BRP_URL and BRP_API_KEY); `sleutel` is the header or parameter that
    carries the API key, for the command line's help."""

    maak: Callable[..., Callable[..., Any]]
    naam: str  # of the server thread
    titel: str  # for the console
    base_path: str
    demo_port: int
    api_key: str
    settings_prefix: str
    beschrijving: str
    sleutel: str

    def serve_in_thread(
        self, host: str = "127.0.0.1", port: int = 0, *, app: Callable[..., Any] | None = None
    ) -> tuple[str, Callable[[], None]]:
        """Serve the double (or `app`) on host:port (0: any free port) in a daemon thread.

        Returns the base URL (for RAADHUIS_<prefix>_URL) and a function that stops the server."""
        return serve_in_thread(
            app or self.maak(), host=host, port=port, base_path=self.base_path, naam=self.naam
        )

    def start_demo_double(
        self, *, host: str = "127.0.0.1", port: int | None = None, configure_settings: bool = True
    ) -> str:
        """Start the double for `raadhuis demo` (on its demo port unless given) and return its
        base URL; Django's <prefix>_URL and <prefix>_API_KEY point at it unless the operator
        configured the register (RAADHUIS_<prefix>_URL)."""
        return start_demo(
            lambda h, p: self.serve_in_thread(h, p),
            host=host,
            port=self.demo_port if port is None else port,
            settings_url=f"{self.settings_prefix}_URL",
            settings_key=f"{self.settings_prefix}_API_KEY",
            api_key=self.api_key,
            configure_settings=configure_settings,
        )

    def main(self, argv: list[str] | None = None) -> None:
        """`python -m …double [--host H] [--port N] [--api-key K]`: the double in the
        foreground."""
        parser = argparse.ArgumentParser(description=self.beschrijving)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=self.demo_port)
        parser.add_argument("--api-key", default=self.api_key)
        args = parser.parse_args(argv)
        serve_forever(
            self.maak(api_key=args.api_key),
            host=args.host,
            port=args.port,
            base_path=self.base_path,
            uitleg=f"{self.titel} on {{url}} ({self.sleutel}: {args.api_key}); stop with Ctrl+C.",
        )
