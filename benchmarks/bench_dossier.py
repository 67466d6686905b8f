"""Dossier ZIP benchmark (issue 4): the whole dossier of a case with 200 documents as one ZIP
with its index PDF, streamed: seconds for the index, seconds and MB/s for the whole ZIP, and
the peak Python memory while streaming (it stays far below the dossier's size: files are read
and written in pieces).

    python -m benchmarks.bench_dossier                 # 200 documents, 20 KB to 3 MB each
    python -m benchmarks.bench_dossier --aantal 20

`run(aantal)` is what `make bench` calls. When Django is not set up yet it uses a throwaway
SQLite database in a temporary folder (migrated first); otherwise the configured database, in
an organisation of its own. Documents are stored in a temporary media folder, removed
afterwards. Results: benchmarks/results/dossier.json.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import tracemalloc
import uuid
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
# Sizes of the documents, in turn: letters, scans and photos. Random bytes compress as badly
# as real PDFs and photos do.
GROOTTES = (20_000, 200_000, 1_000_000, 3_000_000)


def _django(tijdelijk: Path) -> None:
    from django.conf import settings

    if settings.configured:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.conf.settings")
    os.environ.setdefault("RAADHUIS_DATABASE_URL", f"sqlite:///{tijdelijk / 'bench.sqlite3'}")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _rsin() -> str:
    """A random RSIN that passes the elfproef."""
    while True:
        cijfers = [int(c) for c in f"{uuid.uuid4().int % 10**8:08d}"]
        som = sum(c * w for c, w in zip(cijfers, range(9, 1, -1), strict=True))
        laatste = som % 11
        if laatste < 10:
            return "".join(map(str, cijfers)) + str(laatste)


def _zaak(aantal: int) -> tuple[Any, Any, int]:
    """A case of a published case type with `aantal` documents; (actor, case, total bytes)."""
    from django.core.files.base import ContentFile

    from raadhuis.kernel.access.actor import Actor
    from raadhuis.kernel.cases.services import zaak_create
    from raadhuis.kernel.catalog.models import (
        Catalogus,
        InformatieObjectType,
        RolType,
        StatusType,
        ZaakType,
        ZaakTypeInformatieObjectType,
    )
    from raadhuis.kernel.documents.services import zaak_document_add
    from raadhuis.kernel.organisations.models import Organisatie

    rsin = _rsin()
    organisatie = Organisatie.objects.create(naam=f"Benchmark dossier {rsin}", rsin=rsin)
    catalogus = Catalogus.objects.create(
        organisatie=organisatie,
        naam="Benchmark",
        domein=f"B{rsin[:4]}",
        rsin=rsin,
        contactpersoon_beheer_naam="Benchmark",
    )
    zaaktype = ZaakType.objects.create(
        catalogus=catalogus,
        identificatie="SHV-BENCH",
        omschrijving="Schuldhulp (benchmark)",
        vertrouwelijkheidaanduiding="zaakvertrouwelijk",
        doorlooptijd="P8W",
        versiedatum=date(2024, 1, 1),
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    StatusType.objects.create(zaaktype=zaaktype, omschrijving="Aangemeld", volgnummer=1)
    RolType.objects.create(
        zaaktype=zaaktype, omschrijving="Initiator", omschrijving_generiek="initiator"
    )
    typen = []
    for omschrijving in ("Brief", "Bewijsstuk", "Correspondentie", "Beschikking"):
        iot = InformatieObjectType.objects.create(
            catalogus=catalogus,
            omschrijving=omschrijving,
            begin_geldigheid=date(2024, 1, 1),
            concept=False,
        )
        ZaakTypeInformatieObjectType.objects.create(zaaktype=zaaktype, informatieobjecttype=iot)
        typen.append(iot)
    actor = Actor.system(organisatie, weergave="Benchmark")
    zaak = zaak_create(actor=actor, zaaktype=zaaktype, omschrijving="Dossier met veel stukken")
    totaal = 0
    for nummer in range(aantal):
        grootte = GROOTTES[nummer % len(GROOTTES)]
        zaak_document_add(
            actor=actor,
            zaak=zaak,
            bestand=ContentFile(os.urandom(grootte), name=f"stuk-{nummer:03d}.pdf"),
            titel=f"Stuk {nummer:03d}",
            informatieobjecttype=typen[nummer % len(typen)],
        )
        totaal += grootte
    return actor, zaak, totaal


def run(aantal: int = 200) -> dict[str, Any]:
    """Build a case with `aantal` documents and stream its dossier ZIP to a file."""
    with tempfile.TemporaryDirectory(prefix="raadhuis-bench-dossier-") as map_:
        tijdelijk = Path(map_)
        _django(tijdelijk)
        from django.test.utils import override_settings

        from raadhuis.kernel.documents.dossier import dossier_zip

        with override_settings(MEDIA_ROOT=str(tijdelijk / "media")):
            t0 = time.perf_counter()
            actor, zaak, bestanden_bytes = _zaak(aantal)
            opbouw = time.perf_counter() - t0

            start = time.perf_counter()
            dossier = dossier_zip(actor=actor, zaak=zaak)
            index_klaar = time.perf_counter()
            tracemalloc.start()  # the streaming only: tracing WeasyPrint would slow it tenfold
            grootste_stuk = zip_bytes = 0
            doel = tijdelijk / "dossier.zip"
            with doel.open("wb") as fh:
                for stuk in dossier.chunks():
                    fh.write(stuk)
                    zip_bytes += len(stuk)
                    grootste_stuk = max(grootste_stuk, len(stuk))
            klaar = time.perf_counter()
            _huidig, piek = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            with zipfile.ZipFile(doel) as archief:
                assert len(archief.namelist()) == aantal + 1, "every document and the index"

    duur = klaar - start
    resultaat = {
        "gemeten_op": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "documenten": aantal,
        "bestanden_mb": round(bestanden_bytes / 1e6, 1),
        "zip_mb": round(zip_bytes / 1e6, 1),
        "seconden_opbouw_testdata": round(opbouw, 2),
        "seconden_index_pdf": round(index_klaar - start, 2),
        "seconden_zip_stromen": round(klaar - index_klaar, 2),
        "seconden_totaal": round(duur, 2),
        "mb_per_seconde_stromen": round(zip_bytes / 1e6 / max(klaar - index_klaar, 1e-6), 1),
        "piek_python_geheugen_mb": round(piek / 1e6, 1),
        "grootste_stuk_kb": round(grootste_stuk / 1e3, 1),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "dossier.json").write_text(json.dumps(resultaat, indent=2) + "\n")
    return resultaat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aantal", type=int, default=200, help="aantal documenten (200)")
    args = parser.parse_args()
    print(json.dumps(run(args.aantal), indent=2))


if __name__ == "__main__":
    main()
