"""Budget management benchmark (issue 5): import one camt.053 file and build the day's payment
proposal, on whatever database RAADHUIS_DATABASE_URL points at.

    python -m benchmarks.bench_budget --entries 50000 --clients 2000

1. a fresh organisation with `--clients` budget accounts and their plans (bulk inserts: the
   set-up is not what is measured);
2. one camt.053.001.02 statement with `--entries` incoming payments, matched by every rule
   (40 % by the client's kenmerk, 30 % by payer IBAN + amount, 20 % by the client's own IBAN,
   10 % unknown for the queue), imported through `bankimport.afschrift_importeren`
   (entries per second);
3. `betalingen.dagvoorstel_maken` for all clients on the same day (seconds).

Results: benchmarks/results/budget.json. Every run makes a new organisation, so runs never
see each other's data.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
UWV_IBAN = "NL89INGB0000096000"
# A Friday: the month's income arrives, and the proposal pays what is due up to Monday
# (rent, energy and insurance on 1 March).
IMPORTDATUM = date(2026, 2, 27)
VOORSTELDATUM = date(2026, 2, 27)
CHUNK = 2000


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.conf.settings")
    import django

    django.setup()


def _rsin(seed: int) -> str:
    """A 9-digit number that passes the 11-check, different per run."""
    n = seed
    while True:
        body = f"{n % 10**8:08d}"
        rest = sum(int(d) * w for d, w in zip(body, range(9, 1, -1), strict=True)) % 11
        if rest < 10:
            return body + str(rest)
        n += 1


def _iban(bank: str, nummer: int) -> str:
    from schwifty import IBAN

    return IBAN.generate("NL", bank_code=bank, account_code=f"{nummer:010d}").compact


def _medewerker(org: Any, naam: str) -> Any:  # noqa: ANN401
    from django.contrib.auth import get_user_model

    from raadhuis.kernel.access.models import ZaakTypeAutorisatie
    from raadhuis.kernel.common import Vertrouwelijkheid
    from raadhuis.kernel.organisations.models import Medewerker, Rol

    user = get_user_model().objects.create_user(username=f"{naam}-{org.rsin}")
    medewerker = Medewerker.objects.create(
        organisatie=org,
        user=user,
        identificatie=naam[:24],
        achternaam=naam,
        rollen=[Rol.MEDEWERKER],
    )
    ZaakTypeAutorisatie.objects.create(
        medewerker=medewerker,
        zaaktype_identificatie="BB",
        max_vertrouwelijkheidaanduiding=Vertrouwelijkheid.VERTROUWELIJK,
    )
    return medewerker


def clients_maken(clients: int) -> dict[str, Any]:
    """A new organisation with `clients` budget accounts and their plans, in bulk."""
    from raadhuis.kernel.cases.models import Zaak
    from raadhuis.kernel.common import Vertrouwelijkheid
    from raadhuis.kernel.organisations.models import Organisatie
    from raadhuis.kernel.parties.models import Partij, PartijSoort
    from raadhuis.modules.budget.catalogus import budget_catalogus_ensure, budget_zaaktype
    from raadhuis.modules.budget.models import (
        Betaalpost,
        BetaalSoort,
        Budgetrekening,
        Frequentie,
        Grootboekrekening,
        GrootboekSoort,
        Inkomstenpost,
        InkomstenSoort,
    )
    from raadhuis.modules.budget.services import beheerrekening_ensure

    stempel = int(time.time())
    org = Organisatie.objects.create(
        naam=f"Gemeente Benchmark budget {stempel}", rsin=_rsin(stempel), zaak_prefix="BB"
    )
    budget_catalogus_ensure(org)
    zaaktype = budget_zaaktype(org)
    beheer_iban = _iban("BNGH", 285000000 + stempel % 100000)
    beheer = beheerrekening_ensure(org, beheer_iban, "Gemeente Benchmark Budgetbeheer")
    consulent, fiatteur = _medewerker(org, "consulent"), _medewerker(org, "fiatteur")
    start = date(2026, 1, 1)
    partijen = Partij.objects.bulk_create(
        (
            Partij(
                organisatie=org,
                soort=PartijSoort.NATUURLIJK_PERSOON,
                weergavenaam=f"Cliënt {i:05d}",
                zoeknaam=f"client {i:05d}",
            )
            for i in range(clients)
        ),
        batch_size=CHUNK,
    )
    zaken = Zaak.objects.bulk_create(
        (
            Zaak(
                organisatie=org,
                identificatie=f"BB-2026-{i:07d}",
                bronorganisatie=org.rsin,
                verantwoordelijke_organisatie=org.rsin,
                zaaktype=zaaktype,
                omschrijving="Budgetbeheer",
                registratiedatum=start,
                startdatum=start,
                vertrouwelijkheidaanduiding=Vertrouwelijkheid.VERTROUWELIJK,
                behandelaar=consulent,
            )
            for i in range(clients)
        ),
        batch_size=CHUNK,
    )
    client_ibans = [_iban("INGB", 7000000 + i) for i in range(clients)]
    rekeningen = Budgetrekening.objects.bulk_create(
        (
            Budgetrekening(
                organisatie=org,
                zaak=zaak,
                client=partij,
                beheerrekening=beheer,
                kenmerk=f"BB{i:07d}",
                client_iban=client_ibans[i],
                client_tenaamstelling=f"Cliënt {i:05d}",
                startdatum=start,
            )
            for i, (zaak, partij) in enumerate(zip(zaken, partijen, strict=True))
        ),
        batch_size=CHUNK,
    )
    Grootboekrekening.objects.bulk_create(
        (
            Grootboekrekening(organisatie=org, soort=GrootboekSoort.CLIENT, budgetrekening=r)
            for r in rekeningen
        ),
        batch_size=CHUNK,
    )
    # Each client: a benefit from UWV (amounts differ per client), rent, energy, insurance.
    uitkeringen = [Decimal("1150.00") + Decimal(i) / 100 for i in range(clients)]
    Inkomstenpost.objects.bulk_create(
        (
            Inkomstenpost(
                organisatie=org,
                budgetrekening=r,
                soort=InkomstenSoort.UITKERING,
                bron="UWV",
                iban_betaler=UWV_IBAN,
                bedrag=uitkeringen[i],
                dag=27,
                startdatum=start,
            )
            for i, r in enumerate(rekeningen)
        ),
        batch_size=CHUNK,
    )
    vaste_lasten = (
        (BetaalSoort.HUUR, "Woonstichting De Liemers", _iban("RABO", 3000001), "625.00"),
        (BetaalSoort.ENERGIE, "Energie Gelderland", _iban("ABNA", 4000001), "120.00"),
        (BetaalSoort.ZORGVERZEKERING, "Zorgverzekeraar Oost", _iban("INGB", 5000001), "140.00"),
    )
    Betaalpost.objects.bulk_create(
        (
            Betaalpost(
                organisatie=org,
                budgetrekening=r,
                soort=soort,
                begunstigde=naam,
                iban=iban,
                omschrijving=f"{r.kenmerk} {soort}",
                bedrag=Decimal(bedrag),
                frequentie=Frequentie.MAAND,
                dag=1,
                startdatum=start,
            )
            for r in rekeningen
            for soort, naam, iban, bedrag in vaste_lasten
        ),
        batch_size=CHUNK,
    )
    return {
        "organisatie": org,
        "beheer_iban": beheer_iban,
        "consulent": consulent,
        "fiatteur": fiatteur,
        "kenmerken": [r.kenmerk for r in rekeningen],
        "client_ibans": client_ibans,
        "uitkeringen": uitkeringen,
    }


def afschrift_maken(data: dict[str, Any], entries: int) -> bytes:
    """`entries` incoming payments spread over the clients, hitting every matching rule."""
    from raadhuis.modules.budget.testbestanden import Regel, camt053_maken

    kans = random.Random(2026)
    clients = len(data["kenmerken"])
    regels = []
    for n in range(entries):
        i = n % clients
        soort = n % 10
        if soort < 4:
            regels.append(
                Regel(
                    Decimal(kans.randint(500, 9999)) / 100,
                    _iban("ABNA", 100000 + kans.randint(0, 899999)),
                    f"Gever {n}",
                    f"Bijdrage {data['kenmerken'][i]} maand februari",
                )
            )
        elif soort < 7:
            regels.append(
                Regel(data["uitkeringen"][i], UWV_IBAN, "UWV", f"Uitkering februari {n:08d}")
            )
        elif soort < 9:
            regels.append(
                Regel(Decimal("25.00"), data["client_ibans"][i], f"Cliënt {i:05d}", "Storting")
            )
        else:
            regels.append(
                Regel(Decimal("3.21"), _iban("SNSB", 900000 + n), f"Onbekend {n}", "Betaling")
            )
    return camt053_maken(
        iban=data["beheer_iban"],
        regels=regels,
        datum=IMPORTDATUM,
        naam="Gemeente Benchmark",
    )


def run(entries: int, clients: int) -> dict[str, Any]:
    _django()
    from django.db import connection

    from raadhuis.kernel.access.actor import Actor
    from raadhuis.kernel.organisations.models import Medewerker
    from raadhuis.modules.budget import betalingen
    from raadhuis.modules.budget.bankimport import afschrift_importeren
    from raadhuis.modules.budget.models import Betaalopdracht, OpdrachtStatus

    t0 = time.perf_counter()
    data = clients_maken(clients)
    opzet = time.perf_counter() - t0
    t0 = time.perf_counter()
    inhoud = afschrift_maken(data, entries)
    genereren = time.perf_counter() - t0

    org = data["organisatie"]
    actor = Actor.for_medewerker(
        Medewerker.objects.prefetch_related("zaaktype_autorisaties").get(pk=data["consulent"].pk)
    )
    t0 = time.perf_counter()
    rapport = afschrift_importeren(
        actor=actor, organisatie=org, inhoud=inhoud, bestandsnaam="bench.xml"
    )
    importeren = time.perf_counter() - t0
    if rapport.fouten:
        raise SystemExit("import failed: " + "; ".join(rapport.fouten[:5]))

    t0 = time.perf_counter()
    voorstel = betalingen.dagvoorstel_maken(actor=actor, organisatie=org, datum=VOORSTELDATUM)
    voorstel_duur = time.perf_counter() - t0
    opdrachten = Betaalopdracht.objects.filter(voorstel=voorstel) if voorstel else None
    resultaat = {
        "gemeten_op": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "clients": clients,
        "opzet_seconden": round(opzet, 2),
        "import": {
            "entries": entries,
            "bestand_mb": round(len(inhoud) / 1_000_000, 1),
            "genereren_seconden": round(genereren, 2),
            "seconden": round(importeren, 2),
            "entries_per_seconde": round(entries / importeren) if importeren else None,
            "rapport": rapport.as_json(),
        },
        "dagvoorstel": {
            "clients": clients,
            "seconden": round(voorstel_duur, 2),
            "opdrachten": opdrachten.count() if opdrachten is not None else 0,
            "tegengehouden": (
                opdrachten.filter(status=OpdrachtStatus.TEGENGEHOUDEN).count()
                if opdrachten is not None
                else 0
            ),
        },
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "budget.json").write_text(json.dumps(resultaat, indent=2) + "\n")
    return resultaat


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--clients", type=int, default=2_000)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.entries, args.clients), indent=2))  # noqa: T201


if __name__ == "__main__":
    main()
