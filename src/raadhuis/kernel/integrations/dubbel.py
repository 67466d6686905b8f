"""Serving a test double of an external register (BRP, KvK…) on localhost.

Each double is a WSGI app that answers the register's official API with fictitious data. This
module runs one: in a daemon thread for tests and `raadhuis demo`, or in the foreground from the
command line. It never listens beyond the address it is given (127.0.0.1 by default).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """No access log on stderr: what was asked (a BSN, a KvK number) stays off the console."""


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
