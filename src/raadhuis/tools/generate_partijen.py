"""Benchmark staff and parties, written in bulk (part of `raadhuis generate`; see
generate.py for what it keeps consistent and what it bypasses)."""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Max

from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.db.bulk import TableWriter, ids_allocate
from raadhuis.kernel.organisations.models import (
    Medewerker,
    Organisatie,
    OrganisatorischeEenheid,
)
from raadhuis.kernel.organisations.models import (
    Rol as MedewerkerRol,
)
from raadhuis.kernel.parties.models import (
    Adres,
    NatuurlijkPersoon,
    NietNatuurlijkPersoon,
    Partij,
    PartijSoort,
    Vestiging,
    normalise_for_search,
)
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.tools import fictitious as fx
from raadhuis.tools.generate_basis import (
    DEFAULT_BATCH,
    KVK_FIRST,
    KVK_LAST,
    VESTIGINGSNUMMER_FIRST,
    GenerateStats,
    Log,
    progress_log,
)


# --- staff ------------------------------------------------------------------------------------
def medewerkers_generate(
    *, organisatie: Organisatie, aantal: int, wachtwoord: str, prefix: str = "mw-bench"
) -> list[Medewerker]:
    """Benchmark staff: users `<prefix>-0001`… with role medewerker, granted every case type of
    the organisation up to vertrouwelijk, spread over its teams. Existing ones are kept."""
    user_model = get_user_model()
    hashed = make_password(wachtwoord)  # hash once; PBKDF2 per user would take minutes
    identificaties = sorted(
        set(
            ZaakType.objects.filter(catalogus__organisatie=organisatie).values_list(
                "identificatie", flat=True
            )
        )
    )
    teams = list(OrganisatorischeEenheid.objects.filter(organisatie=organisatie))
    result = []
    with transaction.atomic():
        for n in range(1, aantal + 1):
            username = f"{prefix}-{n:04d}"
            user, created = user_model.objects.get_or_create(
                username=username,
                defaults={
                    "password": hashed,
                    "first_name": "Bench",
                    "last_name": f"Medewerker {n:04d}",
                    "email": f"{username}@example.org",
                },
            )
            medewerker, created = Medewerker.objects.get_or_create(
                organisatie=organisatie,
                user=user,
                defaults={
                    "identificatie": f"B{n:05d}",
                    "voorletters": "B.",
                    "achternaam": f"Benchmedewerker {n:04d}",
                    "rollen": [MedewerkerRol.MEDEWERKER],
                },
            )
            if created:
                if teams:
                    medewerker.eenheden.add(teams[n % len(teams)])
                ZaakTypeAutorisatie.objects.bulk_create(
                    ZaakTypeAutorisatie(
                        medewerker=medewerker,
                        zaaktype_identificatie=identificatie,
                        max_vertrouwelijkheidaanduiding=Vertrouwelijkheid.VERTROUWELIJK,
                    )
                    for identificatie in identificaties
                )
            result.append(medewerker)
    return result


# --- parties ----------------------------------------------------------------------------------
def _next_after(values: list[str | None], first: int) -> int:
    numbers = [int(v) for v in values if v and v.isdigit()]
    return max([first - 1, *numbers]) + 1


def parties_generate(
    *,
    organisatie: Organisatie,
    aantal: int,
    rng: random.Random,
    stats: GenerateStats,
    batch: int = DEFAULT_BATCH,
    log: Log = lambda _m: None,
) -> None:
    """`aantal` parties: 90% natural persons, 10% organisations each with one branch."""
    if aantal <= 0:
        return
    start = time.monotonic()
    land = organisatie.land
    today = vandaag(organisatie.tijdzone)
    now = datetime.now(ZoneInfo(organisatie.tijdzone))
    # Continue after numbers generated earlier, so identifiers stay unique per organisation.
    hoogste_bsn = NatuurlijkPersoon.objects.filter(
        bsn__gte=f"{fx.GENERATOR_BSN_PREFIX_FIRST}0", bsn__lt=f"{fx.DEMO_BSN_PREFIX_FIRST}0"
    ).aggregate(m=Max("bsn"))["m"]
    bsns = fx.elfproef_numbers(
        int(hoogste_bsn[:8]) + 1 if hoogste_bsn else fx.GENERATOR_BSN_PREFIX_FIRST,
        fx.GENERATOR_BSN_PREFIX_LAST,
    )
    kvk = _next_after(
        [
            NietNatuurlijkPersoon.objects.filter(
                kvk_nummer__gte=str(KVK_FIRST), kvk_nummer__lte=str(KVK_LAST)
            ).aggregate(m=Max("kvk_nummer"))["m"]
        ],
        KVK_FIRST,
    )
    vestigingsnummer = _next_after(
        [
            Vestiging.objects.filter(vestigingsnummer__gte=str(VESTIGINGSNUMMER_FIRST)).aggregate(
                m=Max("vestigingsnummer")
            )["m"]
        ],
        VESTIGINGSNUMMER_FIRST,
    )
    kbo_base = 9_000_000 + kvk - KVK_FIRST  # BE: 09xxxxxx + mod-97 check
    partij_w = TableWriter(Partij)
    np_w = TableWriter(NatuurlijkPersoon)
    nnp_w = TableWriter(NietNatuurlijkPersoon)
    vestiging_w = TableWriter(Vestiging)
    adres_w = TableWriter(Adres, with_pk=False)
    straten = fx.STRATEN_BE if land == "BE" else fx.STRATEN_NL
    woonplaats = fx.WOONPLAATS_BE if land == "BE" else fx.WOONPLAATS_NL
    samengestelde_naam = NatuurlijkPersoon.samengestelde_naam

    def adres(partij_id: int, soort: str) -> dict:
        if land == "BE":
            postcode = fx.postcode_be(rng)
        else:
            postcode = fx.postcode_nl(rng, demo=False).replace(" ", "")
        return {
            "partij_id": partij_id,
            "soort": soort,
            "straatnaam": rng.choice(straten),
            "huisnummer": rng.randint(1, 300),
            "postcode": postcode,
            "woonplaats": woonplaats,
            "land": land,
        }

    gedaan = 0
    while gedaan < aantal:
        n = min(batch, aantal - gedaan)
        n_nnp = sum(1 for _ in range(n) if rng.random() < 0.10)
        n_np = n - n_nnp
        with transaction.atomic():
            ids = ids_allocate(Partij, n + n_nnp)  # each organisation gets one branch
            partijen, personen, bedrijven, vestigingen, adressen = [], [], [], [], []
            for partij_id in ids[:n_np]:
                naam = fx.persoon_naam(rng)
                bsn = next(bsns) if land == "NL" else ""
                weergave = samengestelde_naam(SimpleNamespace(**naam))
                partijen.append(
                    {
                        "id": partij_id,
                        "organisatie_id": organisatie.pk,
                        "soort": PartijSoort.NATUURLIJK_PERSOON,
                        "weergavenaam": weergave,
                        "zoeknaam": normalise_for_search(weergave),
                        "identificatie": bsn,
                        "aangemaakt_op": now,
                        "gewijzigd_op": now,
                    }
                )
                personen.append(
                    {
                        "partij_ptr_id": partij_id,
                        "bsn": bsn,
                        "geboortedatum": today - timedelta(days=rng.randint(18 * 365, 95 * 365)),
                        **naam,
                    }
                )
                adressen.append(adres(partij_id, "woonadres"))
            bedrijf_ids = ids[n_np:n]
            for partij_id, vestiging_id in zip(bedrijf_ids, ids[n:], strict=True):
                statutaire_naam, rechtsvorm = fx.bedrijf_naam(rng, land=land)
                kvk_nummer = kbo_nummer = ""
                if land == "BE":
                    first8 = f"{kbo_base:08d}"
                    kbo_nummer = f"{first8}{97 - int(first8) % 97:02d}"
                    kbo_base += 1
                    identificatie = kbo_nummer
                else:
                    kvk_nummer = str(kvk)
                    identificatie = kvk_nummer
                kvk += 1
                for pid, soort, naam, ident in (
                    (
                        partij_id,
                        PartijSoort.NIET_NATUURLIJK_PERSOON,
                        statutaire_naam,
                        identificatie,
                    ),
                    (
                        vestiging_id,
                        PartijSoort.VESTIGING,
                        f"{statutaire_naam} {rng.choice(fx.VESTIGING_PLAATS)}",
                        str(vestigingsnummer) if land == "NL" else "",
                    ),
                ):
                    partijen.append(
                        {
                            "id": pid,
                            "organisatie_id": organisatie.pk,
                            "soort": soort,
                            "weergavenaam": naam,
                            "zoeknaam": normalise_for_search(naam),
                            "identificatie": ident,
                            "aangemaakt_op": now,
                            "gewijzigd_op": now,
                        }
                    )
                    adressen.append(adres(pid, "bezoekadres"))
                bedrijven.append(
                    {
                        "partij_ptr_id": partij_id,
                        "statutaire_naam": statutaire_naam,
                        "kvk_nummer": kvk_nummer,
                        "kbo_nummer": kbo_nummer,
                        "rechtsvorm": rechtsvorm,
                    }
                )
                vestigingen.append(
                    {
                        "partij_ptr_id": vestiging_id,
                        "vestigingsnummer": str(vestigingsnummer) if land == "NL" else "",
                        "handelsnaam": partijen[-1]["weergavenaam"],
                        "onderneming_id": partij_id,
                    }
                )
                vestigingsnummer += 1
            partij_w.write(partijen)
            np_w.write(personen)
            nnp_w.write(bedrijven)
            vestiging_w.write(vestigingen)
            adres_w.write(adressen)
        stats.add("natuurlijk_persoon", len(personen))
        stats.add("niet_natuurlijk_persoon", len(bedrijven))
        stats.add("vestiging", len(vestigingen))
        stats.add("adres", len(adressen))
        gedaan += n
        progress_log(log, "partijen", gedaan, aantal, start)
    stats.seconden["partijen"] = time.monotonic() - start
