"""VTLB benchmarks: the calculation itself, the distribution, and VTLB API calls per second.

    python -m benchmarks.bench_vtlb                      # in-process only (calculator, verdeel)
    python -m benchmarks.bench_vtlb --url http://127.0.0.1:8000 --client-id ID --secret S

`run_api(base_url, token)` is what `make bench` calls once gunicorn and an application with a
JWT exist (benchmarks/run.py, benchmarks/zgw.py). Every run is bounded (number of requests and
seconds) and only ever targets 127.0.0.1/localhost. Results: benchmarks/results/vtlb.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
API_PATH = "/api/shv/v1/vtlb-berekeningen"

# A single parent with two children and local taxes: every step of the method runs.
AANVRAAG: dict[str, Any] = {
    "peildatum": "2025-09-01",
    "leefsituatie": "alleenstaande_ouder",
    "netto_inkomen": "1750.00",
    "woonlasten": "720.00",
    "zorgpremie": "152.00",
    "toeslagen": {"huurtoeslag": "210.00", "zorgtoeslag": "95.00", "kindgebonden_budget": "380"},
    "kinderen": [4, 9],
    "aantal_werkenden": 1,
    "correcties": [{"soort": "lokale_lasten", "bedrag": "25.00"}],
}


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.conf.settings")
    import django

    django.setup()


def _percentiel(waarden: list[float], p: float) -> float:
    if not waarden:
        return 0.0
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(round(p / 100 * (len(geordend) - 1))))]


def bench_rekenen(aantal: int = 5000) -> dict[str, Any]:
    """Calculations per second of the pure calculator (no database)."""
    _django()
    from raadhuis.modules.shv.vtlb.normen import GEPUBLICEERDE_NORMEN
    from raadhuis.modules.shv.vtlb.rekenen import NormSet, NormWaarde, vtlb_berekenen
    from raadhuis.modules.shv.vtlb.weergave import invoer_uit_data, uitkomst_json

    versie = GEPUBLICEERDE_NORMEN[3]  # July 2025: every maximum is published
    normen = NormSet(
        versie.geldig_vanaf,
        versie.omschrijving,
        {k: NormWaarde(b.bedrag, b.bron) for k, b in versie.bedragen.items()},
    )
    invoer = invoer_uit_data({**AANVRAAG, "peildatum": date(2025, 9, 1)})
    start = time.perf_counter()
    for _ in range(aantal):
        uitkomst_json(vtlb_berekenen(invoer, normen))
    duur = time.perf_counter() - start
    return {"berekeningen": aantal, "seconden": round(duur, 3), "per_seconde": round(aantal / duur)}


def bench_verdelen(schulden: int = 200, aantal: int = 500) -> dict[str, Any]:
    """Distributions per second over `schulden` creditors."""
    _django()
    from raadhuis.modules.shv.vtlb.verdeling import Schuld, verdeel

    lijst = [
        Schuld(f"s{i}", Decimal(100 + (i * 7919) % 5000) + Decimal("0.37"), i % 9 == 0)
        for i in range(schulden)
    ]
    totaal = (sum(s.bedrag for s in lijst) * Decimal("0.23")).quantize(Decimal("0.01"))
    start = time.perf_counter()
    for _ in range(aantal):
        verdeel(totaal, lijst, Decimal("2"))
    duur = time.perf_counter() - start
    return {
        "schulden": schulden,
        "verdelingen": aantal,
        "seconden": round(duur, 3),
        "per_seconde": round(aantal / duur),
    }


def run_api(
    base_url: str,
    token: str,
    *,
    requests: int = 500,
    clients: int = 4,
    max_seconds: float = 60.0,
) -> dict[str, Any]:
    """POST /api/shv/v1/vtlb-berekeningen `requests` times with `clients` threads, stopping
    after `max_seconds` at the latest. Each call stores a snapshot (as in production)."""
    host = urlsplit(base_url).hostname or ""
    if host not in LOCAL_HOSTS:
        raise ValueError(f"The VTLB benchmark only targets localhost, not {host!r}.")
    url = base_url.rstrip("/") + API_PATH
    body = json.dumps(AANVRAAG).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    duren: list[float] = []
    fouten: list[str] = []
    lock = threading.Lock()
    teller = iter(range(requests))
    einde = time.monotonic() + max_seconds

    def werker() -> None:
        while time.monotonic() < einde:
            with lock:
                if next(teller, None) is None:
                    return
            verzoek = urllib.request.Request(url, data=body, headers=headers, method="POST")
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
                    antwoord.read()
                    status = antwoord.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError as error:
                with lock:
                    fouten.append(str(error))
                continue
            duur = time.perf_counter() - start
            with lock:
                if status == 201:
                    duren.append(duur)
                else:
                    fouten.append(f"HTTP {status}")

    start = time.perf_counter()
    threads = [threading.Thread(target=werker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    totaal = time.perf_counter() - start
    ms = [d * 1000 for d in duren]
    return {
        "url": url,
        "clients": clients,
        "geslaagd": len(duren),
        "fouten": len(fouten),
        "eerste_fouten": fouten[:5],
        "seconden": round(totaal, 2),
        "per_seconde": round(len(duren) / totaal, 1) if totaal else 0.0,
        "p50_ms": round(statistics.median(ms), 1) if ms else 0.0,
        "p95_ms": round(_percentiel(ms, 95), 1),
    }


def _token(client_id: str, secret: str) -> str:
    import jwt

    return jwt.encode(
        {"iss": client_id, "client_id": client_id, "iat": int(time.time())},
        secret,
        algorithm="HS256",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="Base URL of a running Raadhuis on localhost.")
    parser.add_argument("--client-id", help="client_id of an application (for --url).")
    parser.add_argument("--secret", help="Its secret.")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=60.0)
    args = parser.parse_args()
    resultaat: dict[str, Any] = {
        "tijdstip": datetime.now(UTC).isoformat(timespec="seconds"),
        "rekenen": bench_rekenen(),
        "verdelen": bench_verdelen(),
    }
    if args.url:
        if not (args.client_id and args.secret):
            parser.error("--url needs --client-id and --secret")
        resultaat["api"] = run_api(
            args.url,
            _token(args.client_id, args.secret),
            requests=args.requests,
            clients=args.clients,
            max_seconds=args.max_seconds,
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "vtlb.json").write_text(json.dumps(resultaat, indent=2), encoding="utf-8")
    print(json.dumps(resultaat, indent=2))


if __name__ == "__main__":
    main()
