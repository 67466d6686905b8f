"""Locust users for the Raadhuis staff UI: a case worker's day, or no-wait saturation.

Run by benchmarks/run.py; by hand (only ever against 127.0.0.1):

    RAADHUIS_BENCH_DATA=benchmarks/results/.data.json RAADHUIS_BENCH_WAIT=between \
        locust -f benchmarks/locustfile.py --headless -u 20 -r 5 --run-time 2m \
        --host http://127.0.0.1:8000

Every user logs in through the login form first (with its CSRF token). When all users are
logged in, the statistics are reset, so the figures cover only the work itself, and the run
stops RAADHUIS_BENCH_MEASURE seconds later. Pages and parameters are configuration below.
"""

from __future__ import annotations

import json
import os
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from locust import HttpUser, between, constant, events, task

# --- configuration: the pages and their parameters ----------------------------------------------
LOGIN_URL = "/login/"
WERKVOORRAAD_URL = "/"
ZAKEN_URL = "/zaken/"
ZAAK_DETAIL_URL = "/zaken/{uuid}/"
ZAAK_NIEUW_URL = "/zaken/nieuw/"
PARTIJEN_URL = "/partijen/"
ZAKEN_ZOEK_PARAM = "zoek"
PARTIJEN_ZOEK_PARAM = "q"
PAGE_SIZE = 25
ZAAK_LINK = re.compile(r'href="/zaken/([0-9a-f-]{36})/"')

DATA = json.loads(Path(os.environ["RAADHUIS_BENCH_DATA"]).read_text())
WAIT = os.environ.get("RAADHUIS_BENCH_WAIT", "between")  # "between" (2-5 s) or "none"
MEASURE = float(os.environ.get("RAADHUIS_BENCH_MEASURE", "180"))
# After the last login, let every server worker see every page before measuring.
WARMUP = float(os.environ.get("RAADHUIS_BENCH_WARMUP", "15"))

_state = {"logged_in": 0, "measuring": False}


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
    parser = FormParser(marker)
    parser.feed(html)
    return parser.form()


def _start_measuring(environment) -> None:  # noqa: ANN001
    """All users are logged in: after WARMUP seconds the statistics count, for MEASURE s."""
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
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"The benchmark only targets this machine, not {host!r}.")


class CaseWorker(HttpUser):
    """A case worker: work queue, case list with filters, a case, a party search, a new case."""

    wait_time = between(2, 5) if WAIT == "between" else constant(0)

    def on_start(self) -> None:
        self.rng = random.Random()
        self.zaak_uuids = list(DATA["zaak_uuids"])
        username = DATA["usernames"][self.rng.randrange(len(DATA["usernames"]))]
        try:
            page = self.client.get(LOGIN_URL, name="login (formulier)")
            form = parse_form(page.text, "csrfmiddlewaretoken") or {"fields": {}}
            fields = {**form["fields"], "username": username, "password": DATA["password"]}
            with self.client.post(
                LOGIN_URL, data=fields, name="login", allow_redirects=False, catch_response=True
            ) as response:
                if response.status_code != 302:
                    response.failure(f"login as {username}: HTTP {response.status_code}")
        finally:
            _state["logged_in"] += 1
            if _state["logged_in"] >= self.environment.parsed_options.num_users:
                _start_measuring(self.environment)

    # --- the work -------------------------------------------------------------------------
    @task(3)
    def werkvoorraad(self) -> None:
        self.client.get(WERKVOORRAAD_URL, name="werkvoorraad")

    @task(4)
    def zaken_lijst(self) -> None:
        params = {"page_size": PAGE_SIZE}
        keuze = self.rng.random()
        if keuze < 0.7:
            params["zaaktype"] = self.rng.choice(DATA["zaaktype_uuids"])
            params["status"] = self.rng.choice(["open", "open", "gesloten"])
        elif keuze < 0.85:
            params[ZAKEN_ZOEK_PARAM] = f"{DATA['zaak_prefix']}-{self.rng.randint(2024, 2026)}-00"
        response = self.client.get(ZAKEN_URL, params=params, name="zaken lijst")
        found = ZAAK_LINK.findall(response.text or "")
        if found:
            self.zaak_uuids[self.rng.randrange(len(self.zaak_uuids))] = self.rng.choice(found)

    @task(4)
    def zaak_detail(self) -> None:
        uuid = self.rng.choice(self.zaak_uuids)
        self.client.get(ZAAK_DETAIL_URL.format(uuid=uuid), name="zaak detail")

    @task(3)
    def partij_zoeken(self) -> None:
        soort = self.rng.random()
        if soort < 0.4:
            term = self.rng.choice(DATA["namen"])
        elif soort < 0.7:
            term = self.rng.choice(DATA["bsns"])
        else:
            term = self.rng.choice(DATA["postcodes"])
        self.client.get(PARTIJEN_URL, params={PARTIJEN_ZOEK_PARAM: term}, name="partij zoeken")

    @task(1)
    def zaak_aanmaken(self) -> None:
        page = self.client.get(ZAAK_NIEUW_URL, name="zaak aanmaken (formulier)")
        form = parse_form(page.text or "", "omschrijving")
        if form is None:
            return
        fields = dict(form["fields"])
        fields.pop("actie", None)
        zaaktypen = form["options"].get("zaaktype") or []
        if zaaktypen:
            fields["zaaktype"] = self.rng.choice(zaaktypen)
        fields["omschrijving"] = "Benchmarkzaak"
        fields["toelichting"] = "Aangemaakt door de belastingtest."
        if "initiator_identificatie" in fields and DATA["bsns"]:
            fields["initiator_identificatie"] = self.rng.choice(DATA["bsns"])
        with self.client.post(
            form["action"] or ZAAK_NIEUW_URL,
            data=fields,
            name="zaak aanmaken (opslaan)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or "/zaken/" not in location:
                response.failure(f"zaak aanmaken: HTTP {response.status_code}")
            else:
                uuid = location.rstrip("/").rsplit("/", 1)[-1]
                self.zaak_uuids[self.rng.randrange(len(self.zaak_uuids))] = uuid
