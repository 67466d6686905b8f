"""Letters benchmark: 1,000 letters rendered with their merge fields to HTML and then to an A4
PDF with the letterhead (WeasyPrint), in one process: letters per second and the time per
letter (p50/p95).

    python -m benchmarks.bench_brieven            # 1,000 letters
    python -m benchmarks.bench_brieven --aantal 50

`run(aantal)` is what `make bench` calls. It needs no database and no network: the letters use
the standard receipt letter, a letterhead with an SVG logo and a different fictitious client
per letter. Results: benchmarks/results/brieven.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="180" height="48" viewBox="0 0 180 48">'
    '<rect width="48" height="48" fill="#c8102e"/>'
    '<text x="58" y="32" font-size="20" fill="#16325c">Zevenaar</text></svg>'
)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.conf.settings")
    import django

    django.setup()


def _percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(round(p / 100 * (len(geordend) - 1))))]


def _context(nummer: int) -> dict[str, Any]:
    from raadhuis.kernel.messaging.samenvoegvelden import merge_field_groups

    context: dict[str, Any] = {}
    for groep in merge_field_groups():
        waarden = {k: f"«{v}»" for k, v in groep.beschrijving.items()}
        waarden.update(groep.voorbeeld)
        context[groep.naam] = waarden
    naam = f"J. de Vries-{nummer}"
    context["ontvanger"] = {
        **context.get("ontvanger", {}),
        "naam": naam,
        "adresregels": [f"Stationsstraat {nummer % 200 + 1}", "6901 AB  ZEVENAAR"],
    }
    context["zaak"] = {**context.get("zaak", {}), "identificatie": f"ZAAK-2026-{nummer:07d}"}
    context["datum"] = {"vandaag": date(2026, 3, 2)}
    return context


def run(aantal: int = 1000) -> dict[str, Any]:
    """Render `aantal` letters to HTML and PDF; figures per step and in total."""
    _django()
    from raadhuis.kernel.messaging.models import Briefhoofd
    from raadhuis.kernel.messaging.pdf import brief_render_pdf
    from raadhuis.kernel.messaging.services import brief_render_html
    from raadhuis.kernel.messaging.sjablonen import SjabloonTekst
    from raadhuis.kernel.messaging.standaard import STANDAARD_SJABLONEN
    from raadhuis.kernel.organisations.models import Organisatie

    organisatie = Organisatie(naam="Gemeente Zevenaar", rsin="001234567")
    briefhoofd = Briefhoofd(
        organisatie=organisatie,
        logo_svg=LOGO,
        afzender="Gemeente Zevenaar\nPostbus 10\n6900 AA  ZEVENAAR",
        plaats="Zevenaar",
        ondertekening="Met vriendelijke groet,\n\nTeam Schuldhulpverlening",
        voettekst="Gemeente Zevenaar · Postbus 10 · 6900 AA Zevenaar",
    )
    spec = next(s for s in STANDAARD_SJABLONEN if s["code"] == "ontvangstbevestiging")
    tekst = SjabloonTekst(onderwerp=spec["onderwerp"], inhoud=spec["html"], naam=spec["naam"])

    brief_render_pdf(
        brief_render_html(tekst, _context(0), organisatie=organisatie, briefhoofd=briefhoofd)
    )  # warm-up: fonts and stylesheet are parsed once per process
    html_ms: list[float] = []
    pdf_ms: list[float] = []
    omvang = 0
    start = time.perf_counter()
    for nummer in range(1, aantal + 1):
        t0 = time.perf_counter()
        html = brief_render_html(
            tekst, _context(nummer), organisatie=organisatie, briefhoofd=briefhoofd
        )
        t1 = time.perf_counter()
        pdf = brief_render_pdf(html)
        t2 = time.perf_counter()
        html_ms.append((t1 - t0) * 1000)
        pdf_ms.append((t2 - t1) * 1000)
        omvang += len(pdf)
    duur = time.perf_counter() - start
    resultaat = {
        "gemeten_op": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "brieven": aantal,
        "seconden": round(duur, 2),
        "brieven_per_seconde": round(aantal / duur, 1),
        "html_ms": {
            "p50": round(statistics.median(html_ms), 2),
            "p95": round(_percentiel(html_ms, 95), 2),
        },
        "pdf_ms": {
            "p50": round(statistics.median(pdf_ms), 2),
            "p95": round(_percentiel(pdf_ms, 95), 2),
        },
        "gemiddelde_pdf_bytes": round(omvang / aantal),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "brieven.json").write_text(json.dumps(resultaat, indent=2) + "\n")
    return resultaat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aantal", type=int, default=1000, help="aantal brieven (1000)")
    args = parser.parse_args()
    print(json.dumps(run(args.aantal), indent=2))


if __name__ == "__main__":
    main()
