"""Locust users for the CRM: 200 staff who search the CRM and open relation pages.

Prepare the data with the CRM benchmark (it sets the password and writes the data file):

    python -m benchmarks.bench_crm --relaties 200000 --contactmomenten 2000000 \\
        --wachtwoord Raadhuis-demo-2026
    RAADHUIS_BENCH_DATA=benchmarks/results/.crm-data.json RAADHUIS_BENCH_WAIT=between \\
        locust -f benchmarks/crm_locustfile.py --headless -u 200 -r 20 --run-time 3m \\
        --host http://127.0.0.1:8000

Only ever against 127.0.0.1. Each user logs in through the login form (with its CSRF token),
then waits 2-5 s between actions (RAADHUIS_BENCH_WAIT=none: no waiting, for saturation):
search (weight 3), relation page (2), a search with a smart filter (1).
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, constant, task

LOGIN_URL = "/login/"
ZOEK_URL = "/crm/zoeken/"
RELATIE_URL = "/crm/relaties/{uuid}/"
SLIMME_FILTERS = [
    "relaties_zonder_accountmanager",
    "contracten_aflopend_90",
    "leads_zonder_contact_30",
    "klachten_over_termijn",
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

DATA = json.loads(Path(os.environ["RAADHUIS_BENCH_DATA"]).read_text())
WAIT = os.environ.get("RAADHUIS_BENCH_WAIT", "between")


class CrmMedewerker(HttpUser):
    wait_time = between(2, 5) if WAIT == "between" else constant(0)

    def on_start(self) -> None:
        self.rng = random.Random()
        page = self.client.get(LOGIN_URL, name="login (formulier)")
        token = CSRF.search(page.text)
        fields = {
            "username": self.rng.choice(DATA["usernames"]),
            "password": DATA["password"],
            "csrfmiddlewaretoken": token.group(1) if token else "",
        }
        with self.client.post(
            LOGIN_URL, data=fields, name="login", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"login: HTTP {response.status_code}")

    @task(3)
    def zoeken(self) -> None:
        term = self.rng.choice(DATA["termen"])
        self.client.get(ZOEK_URL, params={"q": term}, name="crm zoeken")

    @task(2)
    def relatiepagina(self) -> None:
        uuid = self.rng.choice(DATA["relatie_uuids"])
        self.client.get(RELATIE_URL.format(uuid=uuid), name="crm relatiepagina")

    @task(1)
    def slim_filter(self) -> None:
        slim = self.rng.choice(SLIMME_FILTERS)
        self.client.get(ZOEK_URL, params={"slim": slim}, name="crm slim filter")
