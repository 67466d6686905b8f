"""Locust clients of the Zaken API 1.7 (ZGW): an application with a JWT, as Open Zaak measured.

Run by benchmarks/run.py (scenarios zgw-saturation and zgw-realistic); by hand, only ever
against 127.0.0.1:

    RAADHUIS_BENCH_DATA=/tmp/zgw-data.json RAADHUIS_BENCH_ZGW_TASKS=lijst,detail \
        RAADHUIS_BENCH_WAIT=none locust -f benchmarks/zgw_locustfile.py --headless -u 16 -r 16 \
        --run-time 1m --host http://127.0.0.1:8000

RAADHUIS_BENCH_ZGW_TASKS picks the requests (comma-separated keys of TASKS below, each with its
weight in a mix). Once every user has started, the statistics are reset after
RAADHUIS_BENCH_WARMUP seconds and the run stops RAADHUIS_BENCH_MEASURE seconds later. Every
answer outside 2xx counts as a failure.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import jwt
from locust import FastHttpUser, events

# The shared helpers also refuse any host but this machine (a test_start listener).
from locust_common import DATA, start_measuring, think_time

# --- configuration ------------------------------------------------------------------------------
ZAKEN_URL = "/zaken/api/v1/zaken"
ZAAK_URL = "/zaken/api/v1/zaken/{uuid}"
ZAAKTYPE_URL = "{host}/catalogi/api/v1/zaaktypen/{uuid}"
PAGE_SIZE = 100  # the API's default page (Open Zaak measured pages of 100)
DEEPEST_PAGE = 100  # "a deeper page": 2 .. 100, limited by the number of cases
STARTDATUM_DAYS_BACK = 365  # startdatum__gte: up to a year back
TOKEN_LIFETIME = 1800  # seconds before a user signs a fresh JWT (the server accepts 3600)

SELECTED = [
    t.strip() for t in os.environ.get("RAADHUIS_BENCH_ZGW_TASKS", "").split(",") if t.strip()
]
TZ = ZoneInfo(DATA.get("tijdzone", "Europe/Amsterdam"))
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}

_state: dict[str, Any] = {"environment": None}


def _today() -> date:
    return datetime.now(TZ).date()


def _token() -> str:
    claims = {
        "iss": DATA["client_id"],
        "client_id": DATA["client_id"],
        "iat": int(time.time()),
        "user_id": "bench",
        "user_representation": "Bench",
    }
    return jwt.encode(claims, DATA["secret"], algorithm="HS256")


@events.init.add_listener
def _remember(environment, **_kwargs) -> None:  # noqa: ANN001
    _state["environment"] = environment


@events.spawning_complete.add_listener
def _start_measuring(**_kwargs) -> None:
    """API clients need no login: measuring starts once every user runs."""
    if _state["environment"] is not None:
        start_measuring(_state["environment"])


# --- the requests -------------------------------------------------------------------------------
def _check(response: Any, expected: int) -> None:
    if response.status_code != expected:
        try:
            text = (response.text or "")[:200]
        except Exception:  # noqa: BLE001 - a connection error has no body
            text = ""
        response.failure(f"HTTP {response.status_code} (expected {expected}): {text}")


class ZgwClientBase(FastHttpUser):
    """An application calling the Zaken API with every scope (as Open Zaak's superuser run)."""

    abstract = True
    wait_time = think_time()

    def on_start(self) -> None:
        self.rng = random.Random()
        self._token_at = 0.0
        self._auth = ""
        zaken = int(DATA["counts"]["zaken"])
        self.deepest_page = max(2, min(DEEPEST_PAGE, zaken // PAGE_SIZE))

    def headers(self) -> dict[str, str]:
        if not self._auth or time.monotonic() - self._token_at > TOKEN_LIFETIME:
            self._auth = f"Bearer {_token()}"
            self._token_at = time.monotonic()
        return {"Authorization": self._auth, **CRS}

    def zaaktype_url(self) -> str:
        return ZAAKTYPE_URL.format(host=self.host, uuid=self.rng.choice(DATA["zaaktype_uuids"]))

    def get(self, path: str, name: str, params: dict[str, Any] | None = None) -> None:
        url = f"{path}?{urlencode(params)}" if params else path
        with self.client.get(
            url, headers=self.headers(), name=name, catch_response=True
        ) as response:
            _check(response, 200)

    def zaken_lijst(self) -> None:
        self.get(ZAKEN_URL, "GET /zaken")

    def zaken_lijst_filters(self) -> None:
        vanaf = _today() - timedelta(days=self.rng.randint(0, STARTDATUM_DAYS_BACK))
        params = {"zaaktype": self.zaaktype_url(), "startdatum__gte": vanaf.isoformat()}
        self.get(ZAKEN_URL, "GET /zaken?zaaktype&startdatum__gte", params)

    def zaken_lijst_pagina(self) -> None:
        page = self.rng.randint(2, self.deepest_page)
        self.get(ZAKEN_URL, "GET /zaken?page=N", {"page": page})

    def zaak_detail(self) -> None:
        uuid = self.rng.choice(DATA["zaak_uuids"])
        self.get(ZAAK_URL.format(uuid=uuid), "GET /zaken/{uuid}")

    def zaak_aanmaken(self) -> None:
        body = {
            "bronorganisatie": DATA["rsin"],
            "verantwoordelijkeOrganisatie": DATA["rsin"],
            "zaaktype": self.zaaktype_url(),
            "startdatum": _today().isoformat(),
            "omschrijving": "Benchmarkzaak (ZGW)",
            "toelichting": "Aangemaakt door de belastingtest van de Zaken API.",
            "vertrouwelijkheidaanduiding": "openbaar",
        }
        with self.client.post(
            ZAKEN_URL, json=body, headers=self.headers(), name="POST /zaken", catch_response=True
        ) as response:
            _check(response, 201)


# key -> (method, weight in a mix); the realistic run uses them all
TASKS: dict[str, tuple[Callable[[ZgwClientBase], None], int]] = {
    "lijst": (ZgwClientBase.zaken_lijst, 3),
    "lijst-filters": (ZgwClientBase.zaken_lijst_filters, 3),
    "lijst-pagina": (ZgwClientBase.zaken_lijst_pagina, 1),
    "detail": (ZgwClientBase.zaak_detail, 6),
    "aanmaken": (ZgwClientBase.zaak_aanmaken, 2),
}
_unknown = set(SELECTED) - set(TASKS)
if _unknown:
    raise SystemExit(f"Unknown RAADHUIS_BENCH_ZGW_TASKS: {sorted(_unknown)}")


class ZgwClient(ZgwClientBase):
    """The selected requests (all of them, weighted, when none are selected)."""

    tasks = {TASKS[key][0]: TASKS[key][1] for key in (SELECTED or list(TASKS))}
