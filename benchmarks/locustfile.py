"""Locust users for the Raadhuis staff UI: a case worker's day, or no-wait saturation.

Run by benchmarks/run.py; by hand (only ever against 127.0.0.1):

    RAADHUIS_BENCH_DATA=benchmarks/results/.data.json RAADHUIS_BENCH_WAIT=between \
        locust -f benchmarks/locustfile.py --headless -u 20 -r 5 --run-time 2m \
        --host http://127.0.0.1:8000

Every user logs in through the login form first (with its CSRF token). When all users are
logged in, the statistics are reset, so the figures cover only the work itself, and the run
stops RAADHUIS_BENCH_MEASURE seconds later. Pages and parameters are configuration below; the
login, think time and measuring are benchmarks/locust_common.py's.
"""

from __future__ import annotations

import re

from locust import FastHttpUser, task
from locust_common import DATA, login, parse_form, think_time, user_rng

# --- configuration: the pages and their parameters ----------------------------------------------
WERKVOORRAAD_URL = "/"
ZAKEN_URL = "/zaken/"
ZAAK_DETAIL_URL = "/zaken/{uuid}/"
ZAAK_NIEUW_URL = "/zaken/nieuw/"
PARTIJEN_URL = "/partijen/"
ZAKEN_ZOEK_PARAM = "zoek"
PARTIJEN_ZOEK_PARAM = "q"
PAGE_SIZE = 25
ZAAK_LINK = re.compile(r'href="/zaken/([0-9a-f-]{36})/"')


class CaseWorker(FastHttpUser):
    """A case worker: work queue, case list with filters, a case, a party search, a new case.

    FastHttpUser (geventhttpclient) costs the load generator a fraction of the CPU that
    python-requests does; on two shared cores that CPU is taken from the server under test."""

    wait_time = think_time()

    def on_start(self) -> None:
        self.rng = user_rng()
        self.zaak_uuids = list(DATA["zaak_uuids"])
        login(self, self.rng.choice(DATA["usernames"]))

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
            params[ZAKEN_ZOEK_PARAM] = self.zoekterm()
        response = self.client.get(ZAKEN_URL, params=params, name="zaken lijst")
        found = ZAAK_LINK.findall(response.text or "")
        if found:
            self.zaak_uuids[self.rng.randrange(len(self.zaak_uuids))] = self.rng.choice(found)

    def zoekterm(self) -> str:
        """What a case worker types in the search box: a case number from a letter or the
        phone, the number without its last two digits, or a word of the description."""
        keuze = self.rng.random()
        if keuze < 0.25 and DATA.get("zaak_woorden"):
            return self.rng.choice(DATA["zaak_woorden"])
        nummer = self.rng.choice(DATA.get("zaak_nummers") or [f"{DATA['zaak_prefix']}-2025-00"])
        return nummer[:-2] if keuze < 0.5 else nummer

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
