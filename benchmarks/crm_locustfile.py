"""Locust users for the CRM: staff who search the CRM and open relation pages.

Run by benchmarks/bench_crm.py (which generates the data, sets the password and writes the
data file); by hand, only ever against 127.0.0.1:

    python -m benchmarks.bench_crm --zonder-locust    # data, /tmp/raadhuis-bench-crm-data.json
    RAADHUIS_BENCH_DATA=/tmp/raadhuis-bench-crm-data.json RAADHUIS_BENCH_WAIT=between \\
        locust -f benchmarks/crm_locustfile.py --headless -u 200 -r 20 --run-time 6m \\
        --host http://127.0.0.1:8000

Each user logs in through the login form (with its CSRF token); half are contact-centre staff
(they see every relation), half work in a department. When every user is logged in the
statistics are reset and, RAADHUIS_BENCH_WARMUP seconds later, measured for
RAADHUIS_BENCH_MEASURE seconds; then the run stops. Users wait 2-5 s between actions
(RAADHUIS_BENCH_WAIT=none: no waiting, for saturation): search (weight 4), relation page (3),
a search narrowed to one type (1), a smart filter (1).
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from locust import HttpUser, between, constant, events, task

LOGIN_URL = "/login/"
ZOEK_URL = "/crm/zoeken/"
RELATIE_URL = "/crm/relaties/{uuid}/"
SOORTEN = ["relaties", "contactpersonen", "klantcontacten", "leads", "contracten", "klachten"]
SLIMME_FILTERS = [
    "relaties_zonder_accountmanager",
    "contracten_aflopend_90",
    "leads_zonder_contact_30",
    "klachten_over_termijn",
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

DATA = json.loads(Path(os.environ["RAADHUIS_BENCH_DATA"]).read_text())
WAIT = os.environ.get("RAADHUIS_BENCH_WAIT", "between")
MEASURE = float(os.environ.get("RAADHUIS_BENCH_MEASURE", "180"))
WARMUP = float(os.environ.get("RAADHUIS_BENCH_WARMUP", "15"))
_state = {"logged_in": 0, "measuring": False}


def _start_measuring(environment) -> None:  # noqa: ANN001
    """Every user is logged in: after WARMUP seconds the statistics count, for MEASURE s."""
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


class CrmMedewerker(HttpUser):
    wait_time = between(2, 5) if WAIT == "between" else constant(0)

    def on_start(self) -> None:
        self.rng = random.Random()
        try:
            page = self.client.get(LOGIN_URL, name="login (formulier)")
            token = CSRF.search(page.text or "")
            self.username = self.rng.choice(DATA["usernames"])
            # A department's staff open their own relations, the contact centre any relation.
            self.relaties = DATA.get("relatie_uuids_per_gebruiker", {}).get(
                self.username, DATA["relatie_uuids"]
            )
            fields = {
                "username": self.username,
                "password": DATA["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            }
            with self.client.post(
                LOGIN_URL, data=fields, name="login", allow_redirects=False, catch_response=True
            ) as response:
                if response.status_code != 302:
                    response.failure(f"login: HTTP {response.status_code}")
        finally:
            _state["logged_in"] += 1
            if _state["logged_in"] >= self.environment.parsed_options.num_users:
                _start_measuring(self.environment)

    @task(4)
    def zoeken(self) -> None:
        term = self.rng.choice(DATA["termen"])
        self.client.get(ZOEK_URL, params={"q": term}, name="crm zoeken")

    @task(3)
    def relatiepagina(self) -> None:
        uuid = self.rng.choice(self.relaties)
        self.client.get(RELATIE_URL.format(uuid=uuid), name="crm relatiepagina")

    @task(1)
    def zoeken_soort(self) -> None:
        params = {"q": self.rng.choice(DATA["termen"]), "soort": self.rng.choice(SOORTEN)}
        self.client.get(ZOEK_URL, params=params, name="crm zoeken per soort")

    @task(1)
    def slim_filter(self) -> None:
        slim = self.rng.choice(SLIMME_FILTERS)
        self.client.get(ZOEK_URL, params={"slim": slim}, name="crm slim filter")
