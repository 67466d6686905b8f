"""CRM benchmark: the search box and the relation page on a large CRM, in one process.

    python -m benchmarks.bench_crm --relaties 200000 --contactmomenten 2000000
    python -m benchmarks.bench_crm --relaties 200 --contactmomenten 1000 --verzoeken 20

Generates fictitious relations (companies and associations, with their kernel parties) and
contact moments in bulk on the database of RAADHUIS_DATABASE_URL (PostgreSQL in `make bench`;
the database must be migrated), then measures with Django's test client, in-process:

  zoeken        GET /crm/zoeken/?q=<a name word>  (every group: relations, contact persons,
                contact moments, leads, contracts, complaints)
  relatiepagina GET /crm/relaties/<uuid>/          (the 360° page)

as a member of the customer contact centre (sees every relation: the widest, slowest scope),
p50/p95/max in ms over `--verzoeken` requests each. Generation is skipped when the benchmark
organisation already holds enough rows, so a second run measures at once. Results:
benchmarks/results/crm.json. `run(...)` is what benchmarks/run.py calls.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
ORGANISATIE = "Gemeente Benchmark CRM"
BATCH = 5000

WOORDEN = [
    "bakkerij", "installatie", "bouw", "zorg", "advies", "transport", "schilders", "kinderopvang",
    "sport", "muziek", "tuin", "techniek", "media", "horeca", "fiets", "energie", "groen", "data",
]  # fmt: skip
ACHTERNAMEN = [
    "de vries", "jansen", "van dijk", "bakker", "visser", "smit", "meijer", "de boer", "mulder",
    "de groot", "bos", "vos", "peters", "hendriks", "van leeuwen", "dekker", "brouwer", "de wit",
]  # fmt: skip
VORMEN = ["B.V.", "V.O.F.", "Holding", "Stichting", "Vereniging", "& Zn."]
ONDERWERPEN = [
    "Vraag over vergunning", "Terugbelverzoek", "Subsidieaanvraag", "Klacht over afval",
    "Afspraak accountmanager", "Informatie evenement", "Factuur", "Parkeervergunning",
]  # fmt: skip


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.conf.settings")
    import django

    django.setup()


def _percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(round(p / 100 * (len(geordend) - 1))))]


def _naam(i: int, rnd: random.Random) -> str:
    titel = f"{rnd.choice(ACHTERNAMEN).title()} {rnd.choice(WOORDEN).title()}"
    return f"{titel} {rnd.choice(VORMEN)} {i}"


def _basis() -> dict[str, Any]:
    """The organisation, two departments (one a contact centre that sees every relation) and
    a medewerker in each; made once."""
    from django.contrib.auth import get_user_model

    from raadhuis.kernel.organisations.models import (
        Medewerker,
        Organisatie,
        OrganisatorischeEenheid,
        Rol,
    )
    from raadhuis.modules.crm.models import EenheidInstelling

    org, _ = Organisatie.objects.get_or_create(naam=ORGANISATIE, defaults={"rsin": "009999990"})
    ez, _ = OrganisatorischeEenheid.objects.get_or_create(
        organisatie=org, identificatie="BENCH-EZ", defaults={"naam": "Economische Zaken"}
    )
    kcc, _ = OrganisatorischeEenheid.objects.get_or_create(
        organisatie=org, identificatie="BENCH-KCC", defaults={"naam": "Klantcontactcentrum"}
    )
    EenheidInstelling.objects.get_or_create(
        organisatie=org, eenheid=kcc, defaults={"ziet_alle_relaties": True}
    )
    medewerkers = {}
    for sleutel, eenheid in (("ez", ez), ("kcc", kcc)):
        user, _ = get_user_model().objects.get_or_create(username=f"bench-crm-{sleutel}")
        medewerker, _ = Medewerker.objects.get_or_create(
            organisatie=org,
            user=user,
            defaults={
                "identificatie": f"BENCH-CRM-{sleutel.upper()}",
                "achternaam": f"Benchmark {sleutel.upper()}",
                "voorletters": "B.",
                "rollen": [Rol.MEDEWERKER],
            },
        )
        medewerker.eenheden.add(eenheid)
        medewerkers[f"{sleutel}_mw"] = medewerker
    return {"organisatie": org, "ez": ez, "kcc": kcc, **medewerkers}


def _relaties_maken(basis: dict[str, Any], aantal: int, rnd: random.Random) -> float:
    """Bulk insert parties + relations up to `aantal`; seconds taken."""
    from raadhuis.kernel.parties.models import Partij, PartijSoort, normalise_for_search
    from raadhuis.modules.crm.models import Relatie, RelatieSoort

    org = basis["organisatie"]
    al = Relatie.objects.filter(organisatie=org).count()
    start = time.perf_counter()
    for begin in range(al, aantal, BATCH):
        eind = min(aantal, begin + BATCH)
        partijen = []
        for i in range(begin, eind):
            naam = _naam(i, rnd)
            partijen.append(
                Partij(
                    organisatie=org,
                    soort=PartijSoort.NIET_NATUURLIJK_PERSOON,
                    weergavenaam=naam,
                    zoeknaam=normalise_for_search(naam),
                    identificatie=f"{90000000 + i:08d}",
                )
            )
        partijen = Partij.objects.bulk_create(partijen)
        if partijen[0].pk is None:  # backends that do not return ids
            partijen = list(
                Partij.objects.filter(
                    organisatie=org, identificatie__in=[p.identificatie for p in partijen]
                )
            )
        Relatie.objects.bulk_create(
            Relatie(
                organisatie=org,
                partij=p,
                soort=RelatieSoort.BEDRIJF if n % 5 else RelatieSoort.VERENIGING,
                eenheid=basis["ez"] if n % 2 else basis["kcc"],
                # A third without account manager: the smart filter has work to do.
                accountmanager=basis["ez_mw"] if n % 3 else None,
            )
            for n, p in enumerate(partijen, start=begin)
        )
    return time.perf_counter() - start


def _contacten_maken(basis: dict[str, Any], aantal: int, rnd: random.Random) -> float:
    from raadhuis.modules.crm.models import Kanaal, Klantcontact, Relatie

    org = basis["organisatie"]
    al = Klantcontact.objects.filter(organisatie=org).count()
    if al >= aantal:
        return 0.0
    partij_ids = list(
        Relatie.objects.filter(organisatie=org).order_by("pk").values_list("partij_id", flat=True)
    )
    kanalen = [k.value for k in Kanaal]
    nu = datetime.now(UTC)
    start = time.perf_counter()
    for begin in range(al, aantal, BATCH):
        eind = min(aantal, begin + BATCH)
        Klantcontact.objects.bulk_create(
            Klantcontact(
                organisatie=org,
                referentienummer=f"B{i:09d}",
                partij_id=partij_ids[i % len(partij_ids)],
                kanaal=kanalen[i % len(kanalen)],
                onderwerp=f"{rnd.choice(ONDERWERPEN)} {rnd.choice(WOORDEN)}",
                plaatsgevonden_op=nu - timedelta(minutes=i % 500_000),
                medewerker=basis["kcc_mw"],
                eenheid=basis["kcc"],
            )
            for i in range(begin, eind)
        )
    return time.perf_counter() - start


def _meten(client: Any, urls: list[str]) -> dict[str, Any]:
    tijden = []
    fouten = 0
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        tijden.append((time.perf_counter() - start) * 1000)
        fouten += response.status_code != 200
    return {
        "verzoeken": len(urls),
        "fouten": fouten,
        "p50_ms": round(statistics.median(tijden), 1),
        "p95_ms": round(_percentiel(tijden, 95), 1),
        "max_ms": round(max(tijden), 1),
    }


def run(
    relaties: int = 200_000,
    contactmomenten: int = 2_000_000,
    verzoeken: int = 200,
    wachtwoord: str | None = None,
) -> dict:
    """Generate (when needed) and measure; returns and writes the figures. With `wachtwoord`,
    the two benchmark users get it and benchmarks/results/.crm-data.json is written for the
    locust scenario (benchmarks/crm_locustfile.py)."""
    _django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from raadhuis.modules.crm.models import Relatie

    setup_test_environment()  # the test client's host 'testserver' is allowed
    rnd = random.Random(6)
    basis = _basis()
    generatie = {
        "relaties_s": round(_relaties_maken(basis, relaties, rnd), 1),
        "contactmomenten_s": round(_contacten_maken(basis, contactmomenten, rnd), 1),
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE parties_partij; ANALYZE crm_relatie; ANALYZE crm_klantcontact")
    client = Client()
    client.force_login(basis["kcc_mw"].user, backend="django.contrib.auth.backends.ModelBackend")
    zoek_url = reverse("crm:zoeken")
    termen = [rnd.choice(ACHTERNAMEN + WOORDEN) for _ in range(verzoeken)]
    zoeken = _meten(client, [f"{zoek_url}?q={t.replace(' ', '+')}" for t in termen])
    uuids = list(
        Relatie.objects.filter(organisatie=basis["organisatie"])
        .order_by("?" if relaties <= 10_000 else "pk")
        .values_list("partij__uuid", flat=True)[: max(verzoeken * 20, 1)]
    )
    gekozen = [uuids[rnd.randrange(len(uuids))] for _ in range(verzoeken)] if uuids else []
    pagina = _meten(client, [reverse("crm:relatie", args=[u]) for u in gekozen])
    if wachtwoord:
        _locust_data(basis, wachtwoord, uuids)
    resultaat = {
        "benchmark": "crm",
        "gemeten_op": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "relaties": Relatie.objects.filter(organisatie=basis["organisatie"]).count(),
        "contactmomenten_gevraagd": contactmomenten,
        "generatie": generatie,
        "zoeken": zoeken,
        "relatiepagina": pagina,
        "doel_p95_ms": 150,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "crm.json").write_text(json.dumps(resultaat, indent=2) + "\n")
    return resultaat


def _locust_data(basis: dict[str, Any], wachtwoord: str, uuids: list) -> None:
    for sleutel in ("ez_mw", "kcc_mw"):
        user = basis[sleutel].user
        user.set_password(wachtwoord)
        user.save(update_fields=["password"])
    data = {
        "usernames": [basis["ez_mw"].user.username, basis["kcc_mw"].user.username],
        "password": wachtwoord,
        "relatie_uuids": [str(u) for u in uuids[:5000]],
        "termen": ACHTERNAMEN + WOORDEN,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / ".crm-data.json").write_text(json.dumps(data))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--relaties", type=int, default=200_000)
    parser.add_argument("--contactmomenten", type=int, default=2_000_000)
    parser.add_argument("--verzoeken", type=int, default=200)
    parser.add_argument("--wachtwoord", help="also prepare the locust scenario's data")
    args = parser.parse_args()
    resultaat = run(args.relaties, args.contactmomenten, args.verzoeken, args.wachtwoord)
    print(json.dumps(resultaat, indent=2))


if __name__ == "__main__":
    main()
