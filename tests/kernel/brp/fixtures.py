"""Fixtures for anything that talks to the BRP: the local test double on a free port.

`brp_double_server` (session) serves the double once; `brp_double` (per test) points Django's
BRP settings at it and yields its base URL, a str that also carries the running app, so a test
can read the register (`brp_double.register`) or simulate an outage
(`brp_double.app.storing = True`). Import both into a conftest.py or a test
module to use them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from raadhuis.kernel.integrations.brp.double import DOUBLE_API_KEY, BrpDouble, serve_in_thread
from raadhuis.kernel.integrations.brp.testdata import Register


class RunningDouble(str):
    """The base URL of the running double (a str, usable wherever a URL is), with the app
    behind it: `.app.storing = True` simulates an outage, `.register` holds the persons."""

    app: BrpDouble

    def __new__(cls, url: str, app: BrpDouble) -> RunningDouble:
        running = super().__new__(cls, url)
        running.app = app
        return running

    @property
    def url(self) -> str:
        return str(self)

    @property
    def register(self) -> Register:
        return self.app.register


@pytest.fixture(scope="session")
def brp_double_server() -> Iterator[RunningDouble]:
    app = BrpDouble()
    url, stop = serve_in_thread(app=app)
    yield RunningDouble(url, app)
    stop()


@pytest.fixture
def brp_double(brp_double_server: RunningDouble, settings) -> Iterator[RunningDouble]:  # noqa: ANN001
    settings.BRP_URL = str(brp_double_server)
    settings.BRP_API_KEY = DOUBLE_API_KEY
    settings.BRP_TIMEOUT_SECONDS = 5
    brp_double_server.app.storing = False
    brp_double_server.app.verzoeken.clear()
    yield brp_double_server
    brp_double_server.app.storing = False
