"""CRM migration import benchmark: rows per second of `raadhuis crm import` on an XLSX export.

    python -m benchmarks.bench_crm_import --rijen 100000
    python -m benchmarks.bench_crm_import --rijen 2000 --bestaand 200   (a quick check)

Generates a fictitious Exact-like export (companies with a contact person and a contact moment
per row; about 1% duplicates: same KvK number, same e-mail, a similar name at the same
postcode, within the file and against relations already in the CRM) and measures, on the
database of RAADHUIS_DATABASE_URL (PostgreSQL in `make bench`; it must be migrated), in one
process, through `import_uitvoeren` (what the command and the screens call):

  proef         the dry run of the file with some bad rows (every row checked and reported)
  afgebroken    the real import of that file: refused as a whole (all or nothing)
  import        the real import of the same file without the bad rows
  opnieuw       the same file imported again: every row a duplicate, nothing added twice

Each in rows per second, with the phases (laden/controleren/vastleggen) and what was written.
A fresh organisation per run, with `--bestaand` relations made first (by a small import).
Results: benchmarks/results/crm_import.json. `run(...)` is what benchmarks/run.py calls.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
KOPPEN = [
    "Relatienummer", "Bedrijfsnaam", "Soort", "KvK", "E-mail", "Telefoon", "Straat",
    "Huisnummer", "Postcode", "Plaats", "Tags", "Contactpersoon", "Voornaam", "Functie",
    "Contactdatum", "Kanaal", "Onderwerp", "Verslag",
]  # fmt: skip
WOORDEN = [
    "bakkerij", "installatie", "bouw", "zorg", "advies", "transport", "schilders", "kinderopvang",
    "sport", "muziek", "tuin", "techniek", "media", "horeca", "fiets", "energie", "groen", "data",
]  # fmt: skip
ACHTERNAMEN = [
    "de vries", "jansen", "van dijk", "bakker", "visser", "smit", "meijer", "de boer", "mulder",
    "de groot", "bos", "vos", "peters", "hendriks", "van leeuwen", "dekker", "brouwer", "de wit",
]  # fmt: skip
VOORNAMEN = ["Anna", "Piet", "Fatima", "Jeroen", "Sanne", "Mohamed", "Lotte", "Kees", "Eva"]
VORMEN = ["B.V.", "V.O.F.", "Holding", "& Zn.", ""]
SOORTEN = ["bedrijf"] * 8 + ["vereniging", "partner"]
KANALEN = ["telefoon", "e-mail", "balie", "brief", "portaal"]
TAGS = ["", "", "evenementen", "subsidie 2026", "ondernemersfonds", "evenementen;horeca"]
STRATEN = ["Markt", "Kerkstraat", "Stationsweg", "Industrieweg", "Havenkade", "Dorpsstraat"]
PLAATSEN = ["'s-Hertogenbosch", "Rosmalen", "Hasselt", "Vught", "Oss"]
ONDERWERPEN = ["Kennismaking", "Vergunning evenement", "Subsidieaanvraag", "Klacht", "Factuur"]


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.conf.settings")
    import django

    django.setup()


def _postcode(i: int) -> str:
    """A distinct postcode per company number (the blocking key of the name comparison)."""
    n = (i * 7919) % (9000 * 676)
    letters = chr(65 + n // 9000 % 26) + chr(65 + n // 234000 % 26)
    return f"{1000 + n % 9000:04d}{letters}"


def _bedrijf(i: int, rnd: random.Random, kvk_basis: int) -> list[Any]:
    naam = f"{rnd.choice(ACHTERNAMEN).title()} {rnd.choice(WOORDEN).title()} {i}"
    return [
        f"R{i:07d}", f"{naam} {rnd.choice(VORMEN)}".strip(), rnd.choice(SOORTEN),
        f"{kvk_basis + i:08d}", f"info@bedrijf{kvk_basis + i}.example",
        f"06-{rnd.randrange(10**7, 10**8)}", rnd.choice(STRATEN), rnd.randrange(1, 300),
        _postcode(kvk_basis + i), rnd.choice(PLAATSEN), rnd.choice(TAGS),
        rnd.choice(ACHTERNAMEN).title(), rnd.choice(VOORNAMEN), "directeur",
        date(2024 + i % 2, 1 + i % 12, 1 + i % 28), rnd.choice(KANALEN),
        rnd.choice(ONDERWERPEN), f"Gesprek {i} over de dienstverlening van de gemeente.",
    ]  # fmt: skip


def _dubbel(origineel: list[Any], soort: int, rnd: random.Random) -> list[Any]:
    """An earlier company again: by KvK (another contact person), by e-mail (no KvK), or a
    similar name at the same postcode (no KvK, no e-mail)."""
    rij = list(origineel)
    rij[11] = rnd.choice(ACHTERNAMEN).title() + "-Smits"
    rij[13] = "secretaris"
    rij[16] = "Vervolggesprek"
    if soort >= 1:
        rij[3] = ""
    if soort == 2:
        rij[4] = ""
        rij[1] = str(rij[1]).replace(" B.V.", "").replace("Bakkerij", "Bakkerij ") + " BV"
    return rij


def bestand_maken(
    rijen: int, *, fouten: int, bestaand: int, seed: int = 11
) -> tuple[bytes, dict[str, int]]:
    """The export as XLSX bytes and what was planted in it."""
    from openpyxl import Workbook

    rnd = random.Random(seed)
    boek = Workbook(write_only=True)
    blad = boek.create_sheet("Relaties")
    blad.append(KOPPEN)
    geplant = {"dubbel_in_bestand": 0, "dubbel_bestaand": 0, "fout": 0}
    eerdere: list[list[Any]] = []
    for i in range(1, rijen + 1):
        if i % 100 == 50 and eerdere:  # 1% duplicates of an earlier row
            blad.append(_dubbel(rnd.choice(eerdere), i // 100 % 3, rnd))
            geplant["dubbel_in_bestand"] += 1
        elif i % 500 == 125 and bestaand:  # 0.2% duplicates of relations in the CRM
            blad.append(_dubbel(_bedrijf(rnd.randrange(1, bestaand + 1), rnd, 70000000), 0, rnd))
            geplant["dubbel_bestaand"] += 1
        elif fouten and i % (rijen // fouten or 1) == 7 and geplant["fout"] < fouten:
            rij = _bedrijf(i, rnd, 80000000)
            rij[8 if geplant["fout"] % 2 else 4] = "12345" if geplant["fout"] % 2 else "geen-mail"
            blad.append(rij)
            geplant["fout"] += 1
        else:
            rij = _bedrijf(i, rnd, 80000000)
            eerdere.append(rij) if len(eerdere) < 5000 else None
            blad.append(rij)
    uit = io.BytesIO()
    boek.save(uit)
    return _met_dimensie(uit.getvalue(), len(KOPPEN)), geplant


def _met_dimensie(inhoud: bytes, kolommen: int) -> bytes:
    """The workbook with a <dimension> element, as Excel writes it (openpyxl's write-only
    mode leaves it out, and a reader then has to scan the whole sheet once to find the size)."""
    import zipfile

    bron = zipfile.ZipFile(io.BytesIO(inhoud))
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for naam in bron.namelist():
            data = bron.read(naam)
            if naam == "xl/worksheets/sheet1.xml":
                rijen = data.count(b"<row ")
                laatste = chr(64 + kolommen)
                dimensie = f'<dimension ref="A1:{laatste}{rijen}" />'.encode()
                data = data.replace(b"<sheetViews>", dimensie + b"<sheetViews>", 1)
            doel.writestr(naam, data)
    return uit.getvalue()


def _basis(naam: str) -> dict[str, Any]:
    from raadhuis.kernel.access.actor import Actor
    from raadhuis.kernel.organisations.models import Organisatie, OrganisatorischeEenheid

    # rsin is unique: a fresh one per run (the validator is not run on create).
    rsin = f"{time.time_ns() // 1000 % 10**9:09d}"
    org = Organisatie.objects.create(naam=naam, rsin=rsin)
    afdeling = OrganisatorischeEenheid.objects.create(
        organisatie=org, identificatie="BENCH-IMPORT", naam="Economische Zaken"
    )
    return {"actor": Actor.system(org, weergave="Benchmark (crm import)"), "afdeling": afdeling}


def _meten(basis: dict[str, Any], inhoud: bytes, *, proef: bool) -> dict[str, Any]:
    from raadhuis.modules.crm.migratie.importeren import import_uitvoeren

    last_voor = os.getloadavg()[0]
    begin = time.perf_counter()
    cpu = time.process_time()
    verslag = import_uitvoeren(
        actor=basis["actor"],
        inhoud=inhoud,
        bestandsnaam="export.xlsx",
        afdeling=basis["afdeling"],
        proef=proef,
    )
    duur = time.perf_counter() - begin
    cpu = time.process_time() - cpu
    rapport = io.StringIO()
    verslag.json_schrijven(rapport)
    return {
        "rijen": len(verslag.rijen),
        "seconden": round(duur, 2),
        "rijen_per_seconde": round(len(verslag.rijen) / duur) if duur else None,
        # CPU seconds of this process (the database server's are not in it): on a shared
        # machine the wall clock also counts waiting for a core.
        "cpu_s": round(cpu, 2),
        "rijen_per_cpu_seconde": round(len(verslag.rijen) / cpu) if cpu else None,
        # The machine's 1-minute load average before and after (2 cores: above 2 the wall
        # clock includes waiting for a core).
        "load_voor_na": [round(last_voor, 1), round(os.getloadavg()[0], 1)],
        "fasen_s": verslag.duur,
        "uitgevoerd": verslag.uitgevoerd,
        "aantallen": verslag.aantallen(),
        "algemene_fouten": verslag.algemene_fouten,
        "verslag_json_mb": round(len(rapport.getvalue().encode()) / 1e6, 1),
    }


def _tellingen(organisatie: Any) -> dict[str, int]:  # noqa: ANN401
    from raadhuis.kernel.audit.models import AuditEntry
    from raadhuis.kernel.events.models import OutboxEvent
    from raadhuis.kernel.parties.models import Partij
    from raadhuis.modules.crm.models import Contactpersoon, Klantcontact, Relatie

    return {
        "relaties": Relatie.objects.filter(organisatie=organisatie).count(),
        "partijen": Partij.objects.filter(organisatie=organisatie).count(),
        "contactpersonen": Contactpersoon.objects.filter(organisatie=organisatie).count(),
        "contactmomenten": Klantcontact.objects.filter(organisatie=organisatie).count(),
        "auditregels": AuditEntry.objects.filter(organisatie=organisatie).count(),
        "outbox_events": OutboxEvent.objects.filter(organisatie=organisatie).count(),
    }


def run(
    rijen: int = 100_000, bestaand: int = 2_000, fouten: int = 20, opnieuw: bool = True
) -> dict:
    """Generate, measure, write benchmarks/results/crm_import.json; returns the figures."""
    _django()
    from django.db import connection

    begin = time.perf_counter()
    met_fouten, geplant = bestand_maken(rijen, fouten=fouten, bestaand=bestaand)
    schoon, _ = bestand_maken(rijen, fouten=0, bestaand=bestaand)
    generatie_s = round(time.perf_counter() - begin, 1)
    basis = _basis(f"Gemeente Benchmark Import {datetime.now(UTC):%Y%m%d%H%M%S%f}")
    if bestaand:
        _meten(basis, _bestaande(bestaand), proef=False)
    resultaat: dict[str, Any] = {
        "benchmark": "crm_import",
        "gemeten_op": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "rijen": rijen,
        "bestaande_relaties": bestaand,
        "bestand_mb": round(len(schoon) / 1e6, 1),
        "geplant": geplant,
        "generatie_s": generatie_s,
        "proef": _meten(basis, met_fouten, proef=True),
        "afgebroken": _meten(basis, met_fouten, proef=False),
        "import": _meten(basis, schoon, proef=False),
    }
    resultaat["na_import"] = _tellingen(basis["actor"].organisatie)
    if opnieuw:
        resultaat["opnieuw"] = _meten(basis, schoon, proef=False)
        resultaat["na_opnieuw"] = _tellingen(basis["actor"].organisatie)
    resultaat["doel_rijen_per_seconde"] = 1000
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "crm_import.json").write_text(json.dumps(resultaat, indent=2) + "\n")
    return resultaat


def _bestaande(aantal: int) -> bytes:
    """The relations already in the CRM: companies 1..aantal with KvK numbers 7xxxxxxx."""
    from openpyxl import Workbook

    rnd = random.Random(11)
    boek = Workbook(write_only=True)
    blad = boek.create_sheet("Relaties")
    blad.append(KOPPEN)
    for i in range(1, aantal + 1):
        blad.append(_bedrijf(i, rnd, 70000000))
    uit = io.BytesIO()
    boek.save(uit)
    return _met_dimensie(uit.getvalue(), len(KOPPEN))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rijen", type=int, default=100_000)
    parser.add_argument("--bestaand", type=int, default=2_000)
    parser.add_argument("--fouten", type=int, default=20)
    parser.add_argument("--zonder-opnieuw", action="store_true", help="skip the re-import")
    args = parser.parse_args()
    resultaat = run(args.rijen, args.bestaand, args.fouten, not args.zonder_opnieuw)
    print(json.dumps(resultaat, indent=2))  # noqa: T201


if __name__ == "__main__":
    main()
