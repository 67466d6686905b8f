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
a search narrowed to one type (1), a smart filter (1). The login, think time and measuring are
benchmarks/locust_common.py's.

A search is asked as the search page's form asks it in a browser: htmx sends the form when the
user types or ticks a type (`hx-get`, HX-Request and HX-Target headers) and swaps in the
results alone, not a whole page. A smart filter is a link and a relation page a page: both
whole pages.
"""

from __future__ import annotations

from locust import FastHttpUser, task
from locust_common import DATA, login, think_time, user_rng

ZOEK_URL = "/crm/zoeken/"
RELATIE_URL = "/crm/relaties/{uuid}/"
SOORTEN = ["relaties", "contactpersonen", "klantcontacten", "leads", "contracten", "klachten"]
# What htmx adds to the search form's GET (crm/zoeken/zoeken.html: hx-target).
HTMX_ZOEKEN = {"HX-Request": "true", "HX-Target": "crm-zoekresultaten"}
SLIMME_FILTERS = [
    "relaties_zonder_accountmanager",
    "contracten_aflopend_90",
    "leads_zonder_contact_30",
    "klachten_over_termijn",
]


class CrmMedewerker(FastHttpUser):
    """A CRM staff member. FastHttpUser (geventhttpclient) costs the load generator a fraction
    of the CPU python-requests does; on two shared cores that CPU is the server's."""

    wait_time = think_time()

    def on_start(self) -> None:
        self.rng = user_rng()
        self.username = self.rng.choice(DATA["usernames"])
        # A department's staff open their own relations, the contact centre any relation.
        self.relaties = DATA.get("relatie_uuids_per_gebruiker", {}).get(
            self.username, DATA["relatie_uuids"]
        )
        login(self, self.username)

    @task(4)
    def zoeken(self) -> None:
        term = self.rng.choice(DATA["termen"])
        self.client.get(ZOEK_URL, params={"q": term}, headers=HTMX_ZOEKEN, name="crm zoeken")

    @task(3)
    def relatiepagina(self) -> None:
        uuid = self.rng.choice(self.relaties)
        self.client.get(RELATIE_URL.format(uuid=uuid), name="crm relatiepagina")

    @task(1)
    def zoeken_soort(self) -> None:
        params = {"q": self.rng.choice(DATA["termen"]), "soort": self.rng.choice(SOORTEN)}
        self.client.get(ZOEK_URL, params=params, headers=HTMX_ZOEKEN, name="crm zoeken per soort")

    @task(1)
    def slim_filter(self) -> None:
        slim = self.rng.choice(SLIMME_FILTERS)
        self.client.get(ZOEK_URL, params={"slim": slim}, name="crm slim filter")
