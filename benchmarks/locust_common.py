"""What the staff-UI locustfiles (locustfile.py, crm_locustfile.py) share: the run's settings
from the environment, think time, reading a form as a browser sends it, logging in through the
login form, measuring only once every user is logged in, and refusing any host but this machine.

No User classes here: locust runs every User class it finds in the locustfile, imported ones
included. While locust imports a locustfile, the locustfile's folder is first on sys.path, so
the locustfiles import this module as `locust_common` (the repository root is not on the path:
benchmarks/run.py starts locust in its results folder).

Environment: RAADHUIS_BENCH_DATA (the JSON data file: usernames, password, ...),
RAADHUIS_BENCH_WAIT ("between": 2-5 s between actions, as a person; "none": saturation),
RAADHUIS_BENCH_MEASURE (seconds measured) and RAADHUIS_BENCH_WARMUP (seconds after the last
login before measuring starts, so every server worker has seen every page).
"""

from __future__ import annotations

import json
import os
import random
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import gevent
from locust import User, between, constant, events

DATA: dict[str, Any] = json.loads(Path(os.environ["RAADHUIS_BENCH_DATA"]).read_text())
WAIT = os.environ.get("RAADHUIS_BENCH_WAIT", "between")
MEASURE = float(os.environ.get("RAADHUIS_BENCH_MEASURE", "180"))
WARMUP = float(os.environ.get("RAADHUIS_BENCH_WARMUP", "15"))

LOGIN_URL = "/login/"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

_state = {"logged_in": 0, "measuring": False}


def think_time() -> Any:
    """A User's wait_time: 2-5 s between actions, or none at all for saturation."""
    return between(2, 5) if WAIT == "between" else constant(0)


def user_rng() -> random.Random:
    """Each user's own random source for what it picks (terms, cases, relations)."""
    return random.Random()


class FormParser(HTMLParser):
    """The fields of the first form that has a field named `marker`, as a browser sends them."""

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "fields": {}, "options": {}}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form["fields"][a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._form["fields"].setdefault(self._select, "")
            self._form["options"][self._select] = []
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if value:
                self._form["options"][self._select].append(value)
            if "selected" in a:
                self._form["fields"][self._select] = value
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form["fields"][self._textarea] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self._form is not None:
            self._form["fields"][self._textarea] += data

    def form(self) -> dict | None:
        return next((f for f in self.forms if self.marker in f["fields"]), None)


def parse_form(html: str, marker: str) -> dict | None:
    """{"action", "fields", "options"} of the first form with a field `marker`, or None."""
    parser = FormParser(marker)
    parser.feed(html)
    return parser.form()


def login(user: User, username: str) -> None:
    """Log `user` (an HttpUser or a FastHttpUser) in as `username` through the login form (with
    its CSRF token), as a browser does. A failed login is reported as a failure of the "login"
    request. Logged in or not, the user counts as started: when the last one has, measuring
    begins (see _start_measuring)."""
    try:
        page = user.client.get(LOGIN_URL, name="login (formulier)")
        form = parse_form(page.text or "", "username") or {"fields": {}}
        fields = {**form["fields"], "username": username, "password": DATA["password"]}
        with user.client.post(
            LOGIN_URL, data=fields, name="login", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"login as {username}: HTTP {response.status_code}")
    finally:
        _state["logged_in"] += 1
        if _state["logged_in"] >= user.environment.parsed_options.num_users:
            start_measuring(user.environment)


def start_measuring(environment) -> None:  # noqa: ANN001
    """Every user runs (is logged in): after WARMUP seconds the statistics count, for MEASURE
    seconds; then the run stops. Only the first call counts."""
    if _state["measuring"]:
        return
    _state["measuring"] = True

    def measure() -> None:
        environment.runner.stats.reset_all()
        gevent.spawn_later(MEASURE, environment.runner.quit)

    gevent.spawn_later(WARMUP, measure)


@events.test_start.add_listener
def _refuse_remote_hosts(environment, **_kwargs) -> None:  # noqa: ANN001
    host = urlsplit(environment.host or "").hostname
    if host not in LOCAL_HOSTS:
        raise SystemExit(f"The benchmark only targets this machine, not {host!r}.")
