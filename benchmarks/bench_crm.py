"""CRM benchmark (issue 6): the search box and the 360° relation page on a large CRM.

    python -m benchmarks.bench_crm                                   # 200,000 / 2,000,000
    python -m benchmarks.bench_crm --relaties 2000 --contactmomenten 20000 --verzoeken 20 \\
        --zonder-locust                                              # a quick try

Three steps, on the database of RAADHUIS_DATABASE_URL (PostgreSQL in `make bench`; migrated):

1. **Data.** Fictitious relations in bulk (COPY on PostgreSQL, raadhuis.kernel.db.bulk): companies
   with KvK numbers, associations, partners and residents (valid-checksum test BSNs, a recorded
   lawful basis), each a kernel party with its address and a CRM profile spread over six
   departments (one a contact centre that sees every relation), tags, account managers,
   contact persons; contact moments (skewed: a few relations have thousands), leads, contracts
   and complaints. Generation is skipped for what the benchmark organisation already holds, so
   a second run measures at once.
2. **One user, in-process** (Django's test client, no network): p50/p95/max per action and the
   SQL statements per request: search per term kind (a name word, a common word, two words,
   three letters, a KvK number, a contact reference), each type filter, each smart filter, and
   the relation page (a typical relation and one with thousands of contact moments). A search
   is asked as the page's htmx form asks it (the results alone), a smart filter and a
   relation page as whole pages.
3. **200 users and saturation** against `raadhuis serve` (gunicorn, 2 x cores + 1 workers) on
   127.0.0.1 with locust (benchmarks/crm_locustfile.py): 200 users who log in through the form
   and wait 2-5 s between actions, then users who do not wait (throughput). Only when the
   database is PostgreSQL; `--zonder-locust` skips it.

Results: benchmarks/results/crm.json (`doel_p95_ms`: the issue's 150 ms). `run(...)` is what
benchmarks/run.py (`--scenarios crm`) calls.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
LOCUSTFILE = ROOT / "benchmarks" / "crm_locustfile.py"
ORGANISATIE = "Gemeente Benchmark CRM"
RSIN = "009999905"
WACHTWOORD = "Raadhuis-demo-2026"
BATCH = 10_000
CONTACT_BATCH = 50_000
DOEL_P95_MS = 150
# A search is asked as the search page's form asks it in a browser (htmx, the results alone);
# the same headers as crm_locustfile.py's.
HTMX_ZOEKEN = {"HX-Request": "true", "HX-Target": "crm-zoekresultaten"}
# What the locust users need (logins, relations, terms); outside the repository.
DATA_FILE = Path(tempfile.gettempdir()) / "raadhuis-bench-crm-data.json"

# (code, name, sees every relation). The contact centre is the widest (slowest) scope.
AFDELINGEN = [
    ("KCC", "Klantcontactcentrum", True),
    ("EZ", "Economische Zaken", False),
    ("SPORT", "Sport en Cultuur", False),
    ("WONEN", "Wonen en Leefomgeving", False),
    ("WELZIJN", "Welzijn", False),
    ("VERGUNNINGEN", "Vergunningen", False),
]
MEDEWERKERS_PER_AFDELING = 3

# Names: ~300 surnames (each in ~700 of 200,000 names) and 18 trade words (~11,000 each), so
# the search terms range from selective to very common.
_STAM = [
    "Bak", "Vis", "Smi", "Mul", "Bos", "Jan", "Dek", "Hen", "Pet", "Meij", "Wit", "Groe",
    "Lee", "Ber", "Kui", "Dam", "Hoek", "Brink", "Kamp", "Veld",
]  # fmt: skip
_UITGANG = [
    "ker", "ser", "tink", "der", "ma", "sen", "stra", "ens", "man", "ink", "hof", "berg",
    "huis", "dijk", "kamp",
]  # fmt: skip
ACHTERNAMEN = [f"{s}{u}" for s in _STAM for u in _UITGANG]
WOORDEN = [
    "bakkerij", "installatie", "bouw", "zorg", "advies", "transport", "schilders", "kinderopvang",
    "sport", "muziek", "tuin", "techniek", "media", "horeca", "fiets", "energie", "groen", "data",
]  # fmt: skip
VORMEN = [("B.V.", "besloten_vennootschap"), ("V.O.F.", "vennootschap_onder_firma"),
          ("Holding B.V.", "besloten_vennootschap"), ("& Zn.", "eenmanszaak")]  # fmt: skip
VERENIGINGEN = [("Vereniging", "vereniging"), ("Stichting", "stichting")]
VOORNAMEN = ["Anna", "Daan", "Emma", "Sem", "Julia", "Lucas", "Mila", "Finn", "Sophie", "Noah"]
ONDERWERPEN = [
    "Vraag over vergunning", "Terugbelverzoek", "Subsidieaanvraag", "Melding openbare ruimte",
    "Afspraak accountmanager", "Informatie evenement", "Vraag over factuur", "Parkeervergunning",
]  # fmt: skip
LEAD_TITELS = ["Vestiging", "Uitbreiding", "Evenement", "Sponsoring", "Samenwerking", "Pilot"]
CONTRACT_ONDERWERPEN = ["Levering", "Onderhoud", "Schoonmaak", "Huur", "Subsidie", "Advies"]
KANALEN = ["telefoon", "email", "balie", "brief", "portaal", "social_media"]
KANAAL_GEWICHT = [40, 30, 12, 6, 10, 2]


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.conf.settings")
    import django

    django.setup()


def log(message: str) -> None:
    print(f"[bench-crm {datetime.now(UTC):%H:%M:%S}Z] {message}", flush=True)


def percentiel(waarden: list[float], p: float) -> float:
    """The nearest-rank percentile (p in 0..100) of a non-empty list."""
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(round(p / 100 * (len(geordend) - 1))))]


def bsn_voor(index: int) -> str:
    """A valid-checksum (11-proef) BSN from the generator's test range, unique per index
    below 1,000,000 (a prefix without a valid check digit moves up a million)."""
    from raadhuis.tools.fictitious import elfproef_complete

    for stap in range(9):
        bsn = elfproef_complete(90_000_000 + stap * 1_000_000 + index)
        if bsn is not None:
            return bsn
    raise ValueError(f"no BSN for index {index}")


# --- 1. data --------------------------------------------------------------------------------
def basis_maken() -> dict[str, Any]:
    """The organisation, its departments (the contact centre sees every relation), staff per
    department, tags and the lead pipelines; made once, found again on a second run."""
    from django.contrib.auth import get_user_model

    from raadhuis.kernel.organisations.models import (
        Medewerker,
        Organisatie,
        OrganisatorischeEenheid,
        Rol,
    )
    from raadhuis.modules.crm.leads.services import leads_pipelines_ensure
    from raadhuis.modules.crm.models import EenheidInstelling, Tag

    org, _ = Organisatie.objects.get_or_create(naam=ORGANISATIE, defaults={"rsin": RSIN})
    eenheden, medewerkers, per_afdeling = {}, [], {}
    for code, naam, alles in AFDELINGEN:
        eenheid, _ = OrganisatorischeEenheid.objects.get_or_create(
            organisatie=org, identificatie=f"BENCH-{code}", defaults={"naam": naam}
        )
        EenheidInstelling.objects.get_or_create(
            organisatie=org, eenheid=eenheid, defaults={"ziet_alle_relaties": alles}
        )
        eenheden[code] = eenheid
        for n in range(1, MEDEWERKERS_PER_AFDELING + 1):
            username = f"bench-crm-{code.lower()}" + (f"-{n}" if n > 1 else "")
            user, _ = get_user_model().objects.get_or_create(username=username)
            medewerker, _ = Medewerker.objects.get_or_create(
                organisatie=org,
                user=user,
                defaults={
                    "identificatie": username.upper(),
                    "achternaam": f"Benchmark {code} {n}",
                    "voorletters": "B.",
                    "rollen": [Rol.MEDEWERKER],
                },
            )
            medewerker.eenheden.add(eenheid)
            medewerkers.append(medewerker)
            per_afdeling.setdefault(code, []).append(medewerker)
    tags = [
        Tag.objects.get_or_create(organisatie=org, naam=naam)[0]
        for naam in ("evenementen", "subsidie 2026", "ondernemersvereniging", "sportclub", "zorg")
    ]
    return {
        "organisatie": org,
        "eenheden": eenheden,
        "medewerkers": medewerkers,
        "per_afdeling": per_afdeling,
        "tags": tags,
        "pipelines": leads_pipelines_ensure(org),
    }


def _soort(index: int) -> str:
    """55 % companies, 15 % associations, 25 % residents, 5 % partners."""
    rest = index % 20
    if rest < 11:
        return "bedrijf"
    if rest < 14:
        return "vereniging"
    if rest < 19:
        return "inwoner"
    return "partner"


def relaties_maken(basis: dict[str, Any], aantal: int, rng: random.Random) -> dict[str, Any]:
    """Parties (with their NatuurlijkPersoon/NietNatuurlijkPersoon row and an address), CRM
    relations, tags and contact persons, up to `aantal` relations in the organisation."""
    from django.db import transaction

    from raadhuis.kernel.db.bulk import TableWriter, ids_allocate
    from raadhuis.kernel.parties.models import (
        Adres,
        NatuurlijkPersoon,
        NietNatuurlijkPersoon,
        Partij,
        normalise_for_search,
    )
    from raadhuis.modules.crm.models import Contactpersoon, Relatie

    org = basis["organisatie"]
    al = Relatie.objects.filter(organisatie=org).count()
    start = time.perf_counter()
    w = {
        "partij": TableWriter(Partij),
        "np": TableWriter(NatuurlijkPersoon),
        "nnp": TableWriter(NietNatuurlijkPersoon),
        "adres": TableWriter(Adres, with_pk=False),
        "relatie": TableWriter(Relatie),
        "tags": TableWriter(Relatie.tags.through, with_pk=False),
        "contactpersoon": TableWriter(Contactpersoon, with_pk=False),
    }
    afdelingen = [e for code, e in basis["eenheden"].items() if code != "KCC"]
    medewerkers = basis["medewerkers"]
    nu = datetime.now(UTC)
    for begin in range(al, aantal, BATCH):
        eind = min(aantal, begin + BATCH)
        rijen: dict[str, list[dict]] = {k: [] for k in w}
        with transaction.atomic():
            partij_ids = iter(ids_allocate(Partij, (eind - begin) * 2))
            relatie_ids = iter(ids_allocate(Relatie, eind - begin))
            for i in range(begin, eind):
                soort = _soort(i)
                pid = next(partij_ids)
                achternaam = rng.choice(ACHTERNAMEN)
                if soort == "inwoner":
                    voornaam = rng.choice(VOORNAMEN)
                    naam = f"{voornaam} {achternaam}"
                    ident = bsn_voor(i)
                    rijen["np"].append(
                        {
                            "partij_ptr_id": pid,
                            "bsn": ident,
                            "voornamen": voornaam,
                            "voorletters": f"{voornaam[0]}.",
                            "geslachtsnaam": achternaam,
                            "geboortedatum": date(1940, 1, 1)
                            + timedelta(days=rng.randint(0, 25000)),
                        }
                    )
                else:
                    woord = rng.choice(WOORDEN).title()
                    vorm, rechtsvorm = rng.choice(VERENIGINGEN if soort == "vereniging" else VORMEN)
                    if soort == "vereniging":
                        naam = f"{vorm} {woord} {achternaam}"
                    else:
                        naam = f"{achternaam} {woord} {vorm}"
                    ident = f"{90_000_000 + i:08d}"
                    rijen["nnp"].append(
                        {
                            "partij_ptr_id": pid,
                            "statutaire_naam": naam,
                            "kvk_nummer": ident,
                            "rechtsvorm": rechtsvorm,
                        }
                    )
                rijen["partij"].append(
                    {
                        "id": pid,
                        "organisatie_id": org.pk,
                        "soort": "natuurlijk_persoon" if soort == "inwoner" else
                        "niet_natuurlijk_persoon",
                        "weergavenaam": naam,
                        "zoeknaam": normalise_for_search(naam),
                        "identificatie": ident,
                        "aangemaakt_op": nu,
                        "gewijzigd_op": nu,
                    }
                )  # fmt: skip
                rijen["adres"].append(
                    {
                        "partij_id": pid,
                        "soort": "woonadres" if soort == "inwoner" else "bezoekadres",
                        "straatnaam": f"{rng.choice(ACHTERNAMEN)}straat",
                        "huisnummer": rng.randint(1, 300),
                        "postcode": f"{rng.randint(1000, 9999)}{rng.choice('ABCDEFGH')}A",
                        "woonplaats": "Voorbeeldstad",
                    }
                )
                rid = next(relatie_ids)
                rijen["relatie"].append(
                    {
                        "id": rid,
                        "organisatie_id": org.pk,
                        "partij_id": pid,
                        "soort": soort,
                        "bron": "brp" if soort == "inwoner" else "kvk",
                        "eenheid_id": afdelingen[i % len(afdelingen)].pk,
                        # A third without account manager: the smart filter has work to do.
                        "accountmanager_id": medewerkers[i % len(medewerkers)].pk
                        if i % 3
                        else None,
                        "grondslag": "publieke_taak" if soort == "inwoner" else "",
                        "lokale_naam": f"{rng.choice(WOORDEN)} {achternaam}" if i % 20 == 7 else "",
                        "actief": i % 50 != 0,
                        "aangemaakt_op": nu,
                        "gewijzigd_op": nu,
                    }
                )
                if i % 3 == 0:
                    rijen["tags"].append(
                        {"relatie_id": rid, "tag_id": rng.choice(basis["tags"]).pk}
                    )
                if soort != "inwoner" and i % 4 == 0:
                    cid = next(partij_ids)
                    voornaam, achter = rng.choice(VOORNAMEN), rng.choice(ACHTERNAMEN)
                    cnaam = f"{voornaam} {achter}"
                    rijen["partij"].append(
                        {
                            "id": cid,
                            "organisatie_id": org.pk,
                            "soort": "natuurlijk_persoon",
                            "weergavenaam": cnaam,
                            "zoeknaam": normalise_for_search(cnaam),
                            "aangemaakt_op": nu,
                            "gewijzigd_op": nu,
                        }
                    )
                    rijen["np"].append(
                        {
                            "partij_ptr_id": cid,
                            "voornamen": voornaam,
                            "voorletters": f"{voornaam[0]}.",
                            "geslachtsnaam": achter,
                        }
                    )
                    rijen["contactpersoon"].append(
                        {
                            "organisatie_id": org.pk,
                            "relatie_id": rid,
                            "persoon_id": cid,
                            "rol": rng.choice(["directeur", "secretaris", "inkoper", "voorzitter"]),
                            "email": f"{voornaam.lower()}.{achter.lower()}@voorbeeld.nl",
                            "primair": True,
                        }
                    )
            for naam in ("partij", "np", "nnp", "adres", "relatie", "tags", "contactpersoon"):
                w[naam].write(rijen[naam])
        if (eind // BATCH) % 5 == 0 or eind == aantal:
            log(f"relaties: {eind:,}/{aantal:,} ({time.perf_counter() - start:.0f} s)")
    return {"seconden": round(time.perf_counter() - start, 1), "nieuw": max(0, aantal - al)}


def contacten_maken(basis: dict[str, Any], aantal: int, rng: random.Random) -> dict[str, Any]:
    """Contact moments over three years, skewed: a few relations have thousands, most a few."""
    from django.db import transaction

    from raadhuis.kernel.db.bulk import TableWriter
    from raadhuis.modules.crm.models import Klantcontact, Relatie

    org = basis["organisatie"]
    al = Klantcontact.objects.filter(organisatie=org).count()
    if al >= aantal:
        return {"seconden": 0.0, "nieuw": 0}
    partij_ids = list(
        Relatie.objects.filter(organisatie=org).order_by("pk").values_list("partij_id", flat=True)
    )
    afdelingen = list(basis["eenheden"].values())
    medewerkers = basis["medewerkers"]
    writer = TableWriter(Klantcontact, with_pk=False)
    nu = datetime.now(UTC)
    drie_jaar = 3 * 365 * 24 * 3600
    start = time.perf_counter()
    n = len(partij_ids)
    for begin in range(al, aantal, CONTACT_BATCH):
        eind = min(aantal, begin + CONTACT_BATCH)
        kanalen = rng.choices(KANALEN, KANAAL_GEWICHT, k=eind - begin)
        rijen = []
        for k, i in enumerate(range(begin, eind)):
            mw = medewerkers[i % len(medewerkers)]
            rijen.append(
                {
                    "uuid": uuid.uuid4(),
                    "organisatie_id": org.pk,
                    "referentienummer": f"B{i:09d}",
                    # rnd² skews towards the first relations (big customers).
                    "partij_id": partij_ids[int(n * rng.random() ** 2)],
                    "kanaal": kanalen[k],
                    "onderwerp": f"{rng.choice(ONDERWERPEN)} {rng.choice(WOORDEN)}",
                    "inhoud": "Gegenereerd contactmoment voor de benchmark.",
                    "uitkomst": "beantwoord",
                    "vertrouwelijk": i % 40 == 0,
                    "plaatsgevonden_op": nu - timedelta(seconds=rng.randrange(drie_jaar)),
                    "medewerker_id": mw.pk,
                    "eenheid_id": afdelingen[i % len(afdelingen)].pk,
                    "aangemaakt_op": nu,
                }
            )
        with transaction.atomic():
            writer.write(rijen)
        log(f"contactmomenten: {eind:,}/{aantal:,} ({time.perf_counter() - start:.0f} s)")
    return {"seconden": round(time.perf_counter() - start, 1), "nieuw": aantal - al}


def leads_contracten_maken(
    basis: dict[str, Any], leads: int, contracten: int, rng: random.Random
) -> dict[str, Any]:
    """Leads over the pipelines' stages and contracts (a share ending within 90 days)."""
    from django.db import transaction

    from raadhuis.kernel.db.bulk import TableWriter
    from raadhuis.modules.crm.contracten.models import Contract
    from raadhuis.modules.crm.leads.models import Lead
    from raadhuis.modules.crm.models import Relatie

    org = basis["organisatie"]
    start = time.perf_counter()
    relaties = list(
        Relatie.objects.filter(organisatie=org)
        .exclude(soort="inwoner")
        .order_by("pk")
        .values_list("partij_id", "eenheid_id")[: max(leads, contracten) * 2]
    )
    medewerkers = basis["medewerkers"]
    nu = datetime.now(UTC)
    vandaag = nu.date()
    fasen = [(p.pk, f.pk) for p in basis["pipelines"] for f in p.fasen.all()]
    al_leads = Lead.objects.filter(organisatie=org).count()
    al_contracten = Contract.objects.filter(organisatie=org).count()
    with transaction.atomic():
        TableWriter(Lead, with_pk=False).write(
            {
                "organisatie_id": org.pk,
                "kenmerk": f"LEAD-B{i:07d}",
                "partij_id": relaties[(i * 7) % len(relaties)][0],
                "titel": f"{rng.choice(LEAD_TITELS)} {rng.choice(WOORDEN)}",
                "pipeline_id": fasen[i % len(fasen)][0],
                "fase_id": fasen[i % len(fasen)][1],
                "waarde": Decimal(rng.randrange(1000, 250_000)),
                "verwachte_sluitdatum": vandaag + timedelta(days=rng.randint(-60, 300)),
                "eigenaar_id": medewerkers[i % len(medewerkers)].pk,
                "afdeling_id": relaties[(i * 7) % len(relaties)][1],
                "bron": rng.choice(["website", "evenement", "kcc", "campagne", "overig"]),
                "aangemaakt_op": nu - timedelta(days=rng.randint(0, 700)),
                "gewijzigd_op": nu,
            }
            for i in range(al_leads, leads)
        )
        TableWriter(Contract, with_pk=False).write(
            _contract(i, org.pk, relaties, medewerkers, vandaag, nu, rng)
            for i in range(al_contracten, contracten)
        )
    return {"seconden": round(time.perf_counter() - start, 1)}


def _contract(
    i: int,
    org_id: int,
    relaties: list,
    medewerkers: list,
    vandaag: date,
    nu: datetime,
    rng: random.Random,
) -> dict[str, Any]:
    startdatum = vandaag - timedelta(days=rng.randint(30, 1500))
    # One in ten ends within 90 days: the smart filter's answer.
    einde = rng.randint(1, 90) if i % 10 == 0 else rng.randint(91, 1500)
    return {
        "organisatie_id": org_id,
        "partij_id": relaties[(i * 3) % len(relaties)][0],
        "kenmerk": f"CONTR-B{i:06d}",
        "onderwerp": f"{rng.choice(CONTRACT_ONDERWERPEN)} {rng.choice(WOORDEN)}",
        "waarde": Decimal(rng.randrange(5000, 2_000_000)),
        "startdatum": startdatum,
        "einddatum": vandaag + timedelta(days=einde) if i % 7 else None,
        "opzegtermijn": 3,
        "eigenaar_id": medewerkers[i % len(medewerkers)].pk,
        "afdeling_id": relaties[(i * 3) % len(relaties)][1],
        "aangemaakt_op": nu,
        "gewijzigd_op": nu,
    }


def klachten_maken(basis: dict[str, Any], aantal: int, rng: random.Random) -> dict[str, Any]:
    """Complaints through the complaint service (each is a case with its deadline task), so
    they are few: a complaint is rare next to a contact moment."""
    from raadhuis.kernel.access.actor import Actor
    from raadhuis.kernel.access.models import ZaakTypeAutorisatie
    from raadhuis.kernel.common import Vertrouwelijkheid
    from raadhuis.modules.crm.klachten.catalogus import klacht_catalogus_ensure
    from raadhuis.modules.crm.klachten.models import Klacht
    from raadhuis.modules.crm.klachten.services import klacht_create
    from raadhuis.modules.crm.models import Relatie

    org = basis["organisatie"]
    al = Klacht.objects.filter(organisatie=org).count()
    if al >= aantal:
        return {"seconden": 0.0}
    zaaktype = klacht_catalogus_ensure(org)
    for medewerker in basis["medewerkers"]:
        ZaakTypeAutorisatie.objects.get_or_create(
            medewerker=medewerker,
            zaaktype_identificatie=zaaktype.identificatie,
            defaults={"max_vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK},
        )
    kcc = basis["per_afdeling"]["KCC"][0]
    actor = Actor.for_medewerker(kcc)
    klagers = list(
        Relatie.objects.filter(organisatie=org)
        .select_related("partij")
        .order_by("pk")[: aantal * 50 : 50]
    )
    start = time.perf_counter()
    vandaag = datetime.now(UTC).date()
    afdelingen = [e for code, e in basis["eenheden"].items() if code != "KCC"]
    for i in range(al, min(aantal, len(klagers))):
        code = AFDELINGEN[1 + i % (len(AFDELINGEN) - 1)][0]
        klacht_create(
            actor=actor,
            klager=klagers[i].partij,
            kanaal=rng.choice(["telefoon", "email", "brief"]),
            ontvangen_op=vandaag - timedelta(days=rng.randint(0, 120)),
            categorie=rng.choice(["bejegening", "dienstverlening", "overig"]),
            onderwerp=f"Klacht over {rng.choice(ONDERWERPEN).lower()}",
            omschrijving="Gegenereerde klacht voor de benchmark.",
            afdeling=afdelingen[i % len(afdelingen)],
            behandelaar=basis["per_afdeling"][code][0],
        )
    return {"seconden": round(time.perf_counter() - start, 1)}


def data_maken(
    basis: dict[str, Any],
    *,
    relaties: int,
    contactmomenten: int,
    leads: int,
    contracten: int,
    klachten: int,
) -> dict[str, Any]:
    """Everything the benchmark needs, then ANALYZE so the planner knows the sizes."""
    from django.db import connection

    rng = random.Random(6)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Generated data: losing the last batch on a crash is fine, and bulk loading is
            # much faster without waiting for each commit's flush.
            cursor.execute("SET synchronous_commit TO OFF")
    generatie = {
        "relaties": relaties_maken(basis, relaties, rng),
        "contactmomenten": contacten_maken(basis, contactmomenten, rng),
        "leads_en_contracten": leads_contracten_maken(basis, leads, contracten, rng),
    }
    try:
        generatie["klachten"] = klachten_maken(basis, klachten, rng)
    except Exception as fout:  # noqa: BLE001 - measure the rest, and say why complaints lack
        log(f"klachten: niet gemaakt ({fout!r})")
        generatie["klachten"] = {"fout": repr(fout)[:300]}
    if connection.vendor == "postgresql":
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for tabel in (
                "parties_partij", "parties_natuurlijkpersoon", "parties_nietnatuurlijkpersoon",
                "parties_adres", "crm_relatie", "crm_relatie_tags", "crm_contactpersoon",
                "crm_klantcontact", "crm_leads_lead", "crm_contracten_contract",
                "crm_klachten_klacht",
                # Small tables too: autovacuum analyses a table only after 50 changes, and a
                # table without statistics (12 lead stages) misleads the planner's join order.
                "crm_leads_pipeline", "crm_leads_fase", "crm_eenheidinstelling",
                "organisations_organisatorischeeenheid", "organisations_medewerker",
            ):  # fmt: skip
                cursor.execute(f"VACUUM ANALYZE {tabel}")
        generatie["vacuum_analyze_s"] = round(time.perf_counter() - start, 1)
    return generatie


# --- 2. one user, in-process ----------------------------------------------------------------
def zoektermen(rng: random.Random, aantal: int, org_id: int) -> dict[str, list[str]]:
    """Search terms per kind, as people type them."""
    from raadhuis.modules.crm.models import Klantcontact, Relatie

    kvk = list(
        Relatie.objects.filter(organisatie_id=org_id)
        .exclude(soort="inwoner")
        .order_by("pk")
        .values_list("partij__identificatie", flat=True)[:5000]
    )
    referenties = list(
        Klantcontact.objects.filter(organisatie_id=org_id)
        .order_by("pk")
        .values_list("referentienummer", flat=True)[:5000]
    )
    return {
        "naam": [rng.choice(ACHTERNAMEN) for _ in range(aantal)],
        "woord": [rng.choice(WOORDEN) for _ in range(aantal)],
        "naam_en_woord": [
            f"{rng.choice(ACHTERNAMEN)} {rng.choice(WOORDEN)}" for _ in range(aantal)
        ],
        "drie_letters": [rng.choice(ACHTERNAMEN)[:3].lower() for _ in range(aantal)],
        "kvk_nummer": [rng.choice(kvk) for _ in range(aantal)] if kvk else [],
        "referentie": [rng.choice(referenties) for _ in range(aantal)] if referenties else [],
    }


def meten(client: Any, urls: list[str], headers: dict[str, str] | None = None) -> dict[str, Any]:
    """p50/p95/max in ms and the SQL statements per request (max) over these GETs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tijden, queries, fouten = [], [], 0
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url, headers=headers)
            tijden.append((time.perf_counter() - start) * 1000)
        queries.append(len(ctx.captured_queries))
        fouten += response.status_code != 200
    if not tijden:
        return {"verzoeken": 0}
    return {
        "verzoeken": len(urls),
        "fouten": fouten,
        "p50_ms": round(statistics.median(tijden), 1),
        "p95_ms": round(percentiel(tijden, 95), 1),
        "max_ms": round(max(tijden), 1),
        "queries_max": max(queries),
    }


def _relatie_uuids(org_id: int, aantal: int) -> dict[str, list[str]]:
    """A random sample of relations, and the few with the most contact moments."""
    from django.db import connection
    from django.db.models import Count

    from raadhuis.modules.crm.models import Klantcontact, Relatie

    volgorde = "?" if connection.vendor == "postgresql" or aantal < 10_000 else "pk"
    gewoon = [
        str(u)
        for u in Relatie.objects.filter(organisatie_id=org_id, actief=True)
        .order_by(volgorde)
        .values_list("partij__uuid", flat=True)[:aantal]
    ]
    eerste = list(
        Relatie.objects.filter(organisatie_id=org_id)
        .order_by("pk")
        .values_list("partij_id", flat=True)[:20]
    )
    drukste = (
        Klantcontact.objects.filter(organisatie_id=org_id, partij_id__in=eerste)
        .values("partij__uuid")
        .annotate(n=Count("id"))
        .order_by("-n")[:5]
    )
    return {"gewoon": gewoon, "druk": [str(r["partij__uuid"]) for r in drukste]}


def single_user(basis: dict[str, Any], verzoeken: int) -> dict[str, Any]:
    """Every action on its own, one request at a time, as the contact centre (sees every
    relation) and as a department member (the access filter does work)."""
    from urllib.parse import urlencode

    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from raadhuis.modules.crm.zoeken import slimme_filters, zoekbronnen

    try:
        setup_test_environment()  # the test client's host 'testserver' is allowed
    except RuntimeError:
        pass  # already set up (under pytest)
    rng = random.Random(7)
    org_id = basis["organisatie"].pk
    backend = "django.contrib.auth.backends.ModelBackend"
    kcc, ez = Client(), Client()
    kcc.force_login(basis["per_afdeling"]["KCC"][0].user, backend=backend)
    ez.force_login(basis["per_afdeling"]["EZ"][0].user, backend=backend)
    zoek = reverse("crm:zoeken")

    def url(**params: str) -> str:
        return f"{zoek}?{urlencode(params)}"

    termen = zoektermen(rng, verzoeken, org_id)
    uitkomst: dict[str, Any] = {"zoeken": {}, "zoeken_afdeling": {}, "soort": {}, "slim": {}}
    for soort, lijst in termen.items():
        log(f"  zoeken: {soort}")
        uitkomst["zoeken"][soort] = meten(kcc, [url(q=t) for t in lijst], HTMX_ZOEKEN)
    for soort in ("naam", "woord"):
        urls = [url(q=t) for t in termen[soort]]
        uitkomst["zoeken_afdeling"][soort] = meten(ez, urls, HTMX_ZOEKEN)
    for bron in zoekbronnen():
        log(f"  zoeken, alleen {bron.naam}")
        urls = [url(q=t, soort=bron.naam) for t in termen["woord"]]
        uitkomst["soort"][bron.naam] = meten(kcc, urls, HTMX_ZOEKEN)
    for _bron, slim in slimme_filters():
        log(f"  slim filter {slim.sleutel}")
        uitkomst["slim"][slim.sleutel] = meten(kcc, [url(slim=slim.sleutel)] * verzoeken)
    uuids = _relatie_uuids(org_id, verzoeken)
    log("  relatiepagina")
    uitkomst["relatiepagina"] = meten(
        kcc, [reverse("crm:relatie", args=[u]) for u in uuids["gewoon"]]
    )
    druk = [reverse("crm:relatie", args=[u]) for u in uuids["druk"]]
    uitkomst["relatiepagina_drukste"] = meten(kcc, (druk * verzoeken)[:verzoeken])
    alle = [
        v["p95_ms"]
        for groep in ("zoeken", "soort", "slim")
        for v in uitkomst[groep].values()
        if v.get("verzoeken")
    ]
    uitkomst["zoeken_p95_max_ms"] = max(alle) if alle else None
    return uitkomst


# --- 3. 200 users and saturation, served --------------------------------------------------
def locust_data(basis: dict[str, Any], pad: Path, wachtwoord: str) -> dict[str, Any]:
    """Set the benchmark staff's password and write what the locust users need."""
    from django.contrib.auth.hashers import make_password

    from raadhuis.modules.crm.models import Relatie

    org_id = basis["organisatie"].pk
    gehasht = make_password(wachtwoord)
    for medewerker in basis["medewerkers"]:
        medewerker.user.password = gehasht
        medewerker.user.save(update_fields=["password"])
    rng = random.Random(8)
    termen = zoektermen(rng, 400, org_id)
    uuids = _relatie_uuids(org_id, 5000)
    kcc = [m.user.username for m in basis["per_afdeling"]["KCC"]]
    afdelingen = [m.user.username for m in basis["medewerkers"] if m.user.username not in kcc]
    # A department's staff open their own department's relations (others are a 404 to them).
    eigen = {}
    for code, medewerkers in basis["per_afdeling"].items():
        if code == "KCC":
            continue
        relaties = [
            str(u)
            for u in Relatie.objects.filter(
                organisatie_id=org_id, eenheid=basis["eenheden"][code], actief=True
            )
            .order_by("?")
            .values_list("partij__uuid", flat=True)[:1000]
        ]
        for medewerker in medewerkers:
            eigen[medewerker.user.username] = relaties
    data = {
        # Half the users work in the contact centre (every relation), half in a department.
        "usernames": kcc * (len(afdelingen) // len(kcc)) + afdelingen,
        "password": wachtwoord,
        "relatie_uuids": uuids["gewoon"] + uuids["druk"],
        "relatie_uuids_per_gebruiker": eigen,
        "termen": [t for lijst in termen.values() for t in lijst],
        "relaties": Relatie.objects.filter(organisatie_id=org_id).count(),
    }
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(json.dumps(data))
    return data


def served(
    *, data_file: Path, users: int, run_time: float, saturation_users: list[int],
    saturation_time: float, workers: int,
) -> dict[str, Any]:  # fmt: skip
    """`raadhuis serve` on 127.0.0.1 and the locust runs (benchmarks/run.py's helpers)."""
    from benchmarks.pg import free_port
    from benchmarks.run import Server, postmaster_pid, run_locust

    workdir = Path(tempfile.mkdtemp(prefix="raadhuis-bench-crm-"))
    env = dict(os.environ)
    env.setdefault("RAADHUIS_DEBUG", "0")
    env.setdefault("RAADHUIS_LOG_LEVEL", "WARNING")
    env.setdefault("RAADHUIS_DB_CONN_MAX_AGE", "600")
    env.setdefault("RAADHUIS_SECRET_KEY", "benchmark-only-secret-key-not-for-production")
    env["RAADHUIS_DEBUG"] = "0"
    port = free_port(8790)
    log(f"raadhuis serve: {workers} workers on 127.0.0.1:{port}")
    server = Server(env, port=port, workers=workers, logfile=workdir / "server.log")
    roots = [os.getpid(), *filter(None, [postmaster_pid(os.environ["RAADHUIS_DATABASE_URL"])])]
    uitkomst: dict[str, Any] = {"workers": workers}
    try:
        gemeen = {
            "host": server.url, "data_file": data_file, "workdir": workdir,
            "cpu_roots": roots, "locustfile": LOCUSTFILE,
        }  # fmt: skip
        if users:
            uitkomst["realistisch"] = run_locust(
                users=users, spawn_rate=20, wait="between", measure=run_time,
                name="crm-realistisch", **gemeen,
            )  # fmt: skip
        niveaus = []
        for n in saturation_users:
            niveaus.append(
                run_locust(
                    users=n,
                    spawn_rate=max(n / 2, 1),
                    wait="none",
                    measure=saturation_time,
                    name=f"crm-verzadiging-{n}",
                    warmup=10,
                    **gemeen,
                )  # fmt: skip
            )
        uitkomst["verzadiging"] = niveaus
    finally:
        server.stop()
        uitkomst["server"] = server.errors()
    return uitkomst


def samenvatting(single: dict[str, Any], locust: dict[str, Any] | None) -> dict[str, Any]:
    """The figures the issue asks for, next to its target."""
    samen: dict[str, Any] = {
        "een_gebruiker_zoeken_p95_max_ms": single.get("zoeken_p95_max_ms"),
        "een_gebruiker_relatiepagina_p95_ms": single["relatiepagina"].get("p95_ms"),
    }
    if locust and locust.get("realistisch"):
        eind = locust["realistisch"]["endpoints"]
        samen["gebruikers_200_p95_ms"] = {
            naam: s["p95_ms"] for naam, s in eind.items() if not naam.startswith("login")
        }
        samen["gebruikers_200_fouten"] = (locust["realistisch"]["aggregated"] or {}).get("errors")
        samen["gebruikers_200_doel_gehaald"] = all(
            (p or 0) < DOEL_P95_MS for p in samen["gebruikers_200_p95_ms"].values()
        )
    if locust and locust.get("verzadiging"):
        samen["verzadiging"] = [
            {
                "gebruikers": lv["users"],
                "req_s": (lv["aggregated"] or {}).get("throughput_rps"),
                "p95_ms": (lv["aggregated"] or {}).get("p95_ms"),
                "fouten": (lv["aggregated"] or {}).get("errors"),
            }
            for lv in locust["verzadiging"]
        ]
        samen["verzadiging_max_req_s"] = max((lv["req_s"] or 0) for lv in samen["verzadiging"])
    return samen


def run(
    relaties: int = 200_000,
    contactmomenten: int = 2_000_000,
    verzoeken: int = 40,
    *,
    leads: int | None = None,
    contracten: int | None = None,
    klachten: int | None = None,
    locust: bool = True,
    users: int = 200,
    run_time: float = 180,
    saturation_users: tuple[int, ...] = (1, 16),
    saturation_time: float = 60,
    workers: int | None = None,
    wachtwoord: str = WACHTWOORD,
    results: Path = RESULTS,
    data_file: Path = DATA_FILE,
    migreren: bool = True,
) -> dict[str, Any]:
    """Generate (what is missing), measure one user, then 200 users and saturation (on
    PostgreSQL); writes and returns benchmarks/results/crm.json."""
    _django()
    from django.core.management import call_command
    from django.db import connection

    from raadhuis.modules.crm.models import Klantcontact, Relatie

    if migreren:
        call_command("migrate", interactive=False, verbosity=0)
    basis = basis_maken()
    log(f"data: {relaties:,} relaties, {contactmomenten:,} contactmomenten")
    generatie = data_maken(
        basis,
        relaties=relaties,
        contactmomenten=contactmomenten,
        leads=relaties // 10 if leads is None else leads,
        contracten=relaties // 20 if contracten is None else contracten,
        klachten=min(500, relaties // 100) if klachten is None else klachten,
    )
    log("one user, in-process")
    single = single_user(basis, verzoeken)
    org = basis["organisatie"]
    resultaat: dict[str, Any] = {
        "benchmark": "crm",
        "gemeten_op": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "cpu_cores": os.cpu_count(),
        "relaties": Relatie.objects.filter(organisatie=org).count(),
        "contactmomenten": Klantcontact.objects.filter(organisatie=org).count(),
        "generatie": generatie,
        "een_gebruiker": single,
        "doel_p95_ms": DOEL_P95_MS,
    }
    locust_data(basis, data_file, wachtwoord)
    uitkomst = None
    if locust and connection.vendor == "postgresql":
        connection.close()  # the server's workers get the connections
        uitkomst = served(
            data_file=data_file,
            users=users,
            run_time=run_time,
            saturation_users=list(saturation_users),
            saturation_time=saturation_time,
            workers=workers or 2 * (os.cpu_count() or 1) + 1,
        )
        resultaat["locust"] = uitkomst
    resultaat["samenvatting"] = samenvatting(single, uitkomst)
    results.mkdir(parents=True, exist_ok=True)
    (results / "crm.json").write_text(json.dumps(resultaat, indent=2, ensure_ascii=False) + "\n")
    return resultaat


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--relaties", type=int, default=200_000)
    parser.add_argument("--contactmomenten", type=int, default=2_000_000)
    parser.add_argument("--verzoeken", type=int, default=40, help="requests per action, 1 user")
    parser.add_argument("--zonder-locust", action="store_true", help="only the 1-user figures")
    parser.add_argument("--users", type=int, default=200, help="realistic run (0: skip it)")
    parser.add_argument("--run-time", type=float, default=180, help="measured seconds")
    parser.add_argument("--saturation-users", default="1,16")
    parser.add_argument("--saturation-time", type=float, default=60)
    parser.add_argument("--workers", type=int, help="gunicorn workers (2 x cores + 1)")
    parser.add_argument("--wachtwoord", default=WACHTWOORD, help="the benchmark staff's")
    args = parser.parse_args(argv)
    resultaat = run(
        args.relaties,
        args.contactmomenten,
        args.verzoeken,
        locust=not args.zonder_locust,
        users=args.users,
        run_time=args.run_time,
        saturation_users=tuple(int(u) for u in args.saturation_users.split(",") if u.strip()),
        saturation_time=args.saturation_time,
        workers=args.workers,
        wachtwoord=args.wachtwoord,
    )
    print(json.dumps(resultaat["samenvatting"], indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
