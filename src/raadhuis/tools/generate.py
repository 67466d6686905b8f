"""`raadhuis generate`: fill a database with many parties and cases, fast, for benchmarks.

This generator deliberately BYPASSES the kernel services: no permission checks, no audit
trail, no outbox events. It writes rows in bulk (COPY on PostgreSQL) so that a million cases
take minutes, not hours. Use it for load and scale tests only, never for real data; the demo
(`raadhuis load-demo`) goes through the services instead.

What it keeps consistent, as the services would: every case has its statuses with
`status_actueel` pointing at the latest one, deadlines from the case type, an initiator role,
a behandelaar (role and denormalised column), for closed cases a result with einddatum,
archiefnominatie and archiefactiedatum; case numbers are unique per organisation and year and
the number counter (ZaakNummerTeller) is advanced, so `zaak_create` continues after them.
Parties get their search columns (weergavenaam, zoeknaam, identificatie) and an address, with
BSNs valid by the 11-check.

With `zaaktypen=N` the cases are spread evenly over N published case types: the organisation's
own, plus copies of them (`<identificatie>-BENCH-001`…, with the same status, role and result
types) until there are N. Those copies are configuration, so they are published through the
catalogue service like the demo's case types.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Max

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.cases.dates import zaak_termijnen_bepalen
from raadhuis.kernel.cases.models import (
    BetrokkeneType,
    Resultaat,
    Rol,
    Status,
    Zaak,
    ZaakNummerTeller,
)
from raadhuis.kernel.cases.numbering import identificatie_format
from raadhuis.kernel.cases.tellingen import zaaktellingen_samenvoegen
from raadhuis.kernel.catalog.models import ResultaatType, ZaakType
from raadhuis.kernel.catalog.services import zaaktype_publish
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
from raadhuis.kernel.retention.rules import archiefactiedatum_bepalen, brondatum_bepalen
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.tools import fictitious as fx
from raadhuis.tools.demo import OMSCHRIJVINGEN, TAKEN, ZAAKTYPE_GEWICHT

DEFAULT_BATCH = 10_000
# Generated KvK numbers (90000000-98999999) and vestigingsnummers stay clear of the demo's.
KVK_FIRST, KVK_LAST = 90_000_000, 98_999_999
VESTIGINGSNUMMER_FIRST = 980_000_000_000
# Generated copies of a case type: <identificatie of the original>-BENCH-<n>.
KOPIE_MARKER = "-BENCH-"


@dataclass
class GenerateStats:
    aantallen: dict[str, int] = field(default_factory=dict)
    seconden: dict[str, float] = field(default_factory=dict)

    def add(self, soort: str, aantal: int) -> None:
        self.aantallen[soort] = self.aantallen.get(soort, 0) + aantal


Log = Callable[[str], None]


def _session_tune() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Losing the last batches on a crash is fine for generated data; it is not
            # unsafe (no corruption), and it makes bulk loading much faster.
            cursor.execute("SET synchronous_commit TO OFF")


def _progress(log: Log, soort: str, gedaan: int, totaal: int, start: float) -> None:
    duur = time.monotonic() - start
    tempo = gedaan / duur if duur else 0
    log(f"{soort}: {gedaan:,}/{totaal:,} ({tempo:,.0f}/s)".replace(",", "."))


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
        _progress(log, "partijen", gedaan, aantal, start)
    stats.seconden["partijen"] = time.monotonic() - start


# --- case types -------------------------------------------------------------------------------
def _bruikbare_zaaktypen(organisatie: Organisatie) -> list[ZaakType]:
    """The newest published version of each case type that cases can be generated for: with
    status types, result types and the roles initiator and behandelaar."""
    zaaktypen = (
        ZaakType.objects.filter(catalogus__organisatie=organisatie, concept=False)
        .prefetch_related("statustypen", "roltypen", "resultaattypen")
        .order_by("identificatie", "-versiedatum")
    )
    result, gezien = [], set()
    for zt in zaaktypen:
        if zt.identificatie in gezien:
            continue
        gezien.add(zt.identificatie)
        generiek = {r.omschrijving_generiek for r in zt.roltypen.all()}
        if (
            zt.statustypen.all()
            and zt.resultaattypen.all()
            and {"initiator", "behandelaar"} <= generiek
        ):
            result.append(zt)
    return result


def _copy(obj: Any, **waarden: Any) -> Any:
    """A new row with the concrete field values of `obj`, except its keys and `waarden`."""
    velden = {
        f.attname: getattr(obj, f.attname)
        for f in type(obj)._meta.concrete_fields
        if not f.primary_key and f.name != "uuid"
    }
    velden.update(waarden)
    return type(obj).objects.create(**velden)


def zaaktype_kopie_create(*, actor: Actor, origineel: ZaakType, nummer: int) -> ZaakType:
    """A published copy of a case type with its status, role and result types."""
    kopie = _copy(
        origineel,
        identificatie=f"{origineel.identificatie}{KOPIE_MARKER}{nummer:03d}",
        omschrijving=f"{origineel.omschrijving} ({nummer:03d})"[:80],
        concept=True,
    )
    for statustype in origineel.statustypen.all():
        _copy(statustype, zaaktype_id=kopie.pk, zaakobjecttype_id=None)
    for roltype in origineel.roltypen.all():
        _copy(roltype, zaaktype_id=kopie.pk)
    for resultaattype in origineel.resultaattypen.all():
        _copy(resultaattype, zaaktype_id=kopie.pk, zaakobjecttype_id=None)
    return zaaktype_publish(actor=actor, zaaktype=kopie)


def zaaktypen_generate(
    *, organisatie: Organisatie, aantal: int, log: Log = lambda _m: None
) -> list[ZaakType]:
    """Make sure the organisation has `aantal` usable published case types, by copying its
    existing ones in turn; returns the first `aantal` of them (the cases go to these)."""
    bestaand = _bruikbare_zaaktypen(organisatie)
    if not bestaand:
        raise ValueError(
            f"{organisatie.naam} heeft geen gepubliceerde zaaktypen met statustypen, "
            "resultaattypen en roltypen initiator en behandelaar om te kopiëren."
        )
    originelen = [zt for zt in bestaand if KOPIE_MARKER not in zt.identificatie] or bestaand
    identificaties = {zt.identificatie for zt in bestaand}
    actor = Actor.system(organisatie, weergave="Benchmarkgegevens (generate)")
    nummer = 0
    with transaction.atomic():
        while len(bestaand) < aantal:
            nummer += 1
            origineel = originelen[(nummer - 1) % len(originelen)]
            if f"{origineel.identificatie}{KOPIE_MARKER}{nummer:03d}" in identificaties:
                continue
            bestaand.append(zaaktype_kopie_create(actor=actor, origineel=origineel, nummer=nummer))
    log(f"zaaktypen: {min(len(bestaand), aantal)} gepubliceerd")
    return bestaand[:aantal]


# --- cases ------------------------------------------------------------------------------------
@dataclass
class _ZaakTypeInfo:
    zaaktype: ZaakType
    statustypen: list[int]
    initiator_roltype: int
    behandelaar_roltype: int
    resultaattypen: list[ResultaatType]
    omschrijvingen: list[str]
    taken: list[str]
    intern: bool
    behandelaars: list[int]
    gewicht: int


def _zaaktypen_laden(
    organisatie: Organisatie, zaaktypen: list[ZaakType] | None = None
) -> list[_ZaakTypeInfo]:
    """What the generator needs of each case type; `zaaktypen` narrows the choice and spreads
    the cases evenly over them (otherwise the demo's weights apply)."""
    medewerkers = list(
        Medewerker.objects.filter(organisatie=organisatie, actief=True).prefetch_related(
            "zaaktype_autorisaties"
        )
    )
    gekozen = {zt.pk for zt in zaaktypen} if zaaktypen is not None else None
    infos = []
    for zt in _bruikbare_zaaktypen(organisatie):
        if gekozen is not None and zt.pk not in gekozen:
            continue
        statustypen = [s.pk for s in sorted(zt.statustypen.all(), key=lambda s: s.volgnummer)]
        roltypen = {r.omschrijving_generiek: r.pk for r in zt.roltypen.all()}
        behandelaars = [
            m.pk
            for m in medewerkers
            if MedewerkerRol.MEDEWERKER in m.rollen
            and any(
                a.zaaktype_identificatie == zt.identificatie
                and zt.vertrouwelijkheidaanduiding
                in Vertrouwelijkheid.up_to(a.max_vertrouwelijkheidaanduiding)
                for a in m.zaaktype_autorisaties.all()
            )
        ]
        # A generated copy writes the texts of the case type it was copied from.
        basis = zt.identificatie.partition(KOPIE_MARKER)[0]
        infos.append(
            _ZaakTypeInfo(
                zaaktype=zt,
                statustypen=statustypen,
                initiator_roltype=roltypen["initiator"],
                behandelaar_roltype=roltypen["behandelaar"],
                resultaattypen=list(zt.resultaattypen.all()),
                omschrijvingen=OMSCHRIJVINGEN.get(basis, [zt.omschrijving]),
                taken=TAKEN.get(basis, ["Dossier beoordelen", "Besluit opstellen"]),
                intern=zt.indicatie_intern_of_extern == "intern",
                behandelaars=behandelaars,
                gewicht=1 if gekozen is not None else ZAAKTYPE_GEWICHT.get(zt.identificatie, 2),
            )
        )
    return infos


_BETROKKENE = {
    PartijSoort.NATUURLIJK_PERSOON: BetrokkeneType.NATUURLIJK_PERSOON,
    PartijSoort.NIET_NATUURLIJK_PERSOON: BetrokkeneType.NIET_NATUURLIJK_PERSOON,
    PartijSoort.VESTIGING: BetrokkeneType.VESTIGING,
}


def zaken_generate(
    *,
    organisatie: Organisatie,
    aantal: int,
    rng: random.Random,
    stats: GenerateStats,
    batch: int = DEFAULT_BATCH,
    jaren: int = 3,
    zaaktypen: list[ZaakType] | None = None,
    log: Log = lambda _m: None,
) -> None:
    """`aantal` cases over the last `jaren` years, spread over the published case types (or
    evenly over `zaaktypen`)."""
    if aantal <= 0:
        return
    start_tijd = time.monotonic()
    infos = _zaaktypen_laden(organisatie, zaaktypen)
    if not infos:
        raise ValueError(
            f"{organisatie.naam} heeft geen gepubliceerde zaaktypen met statustypen, "
            "resultaattypen en roltypen initiator en behandelaar."
        )
    partijen = list(
        Partij.objects.filter(
            organisatie=organisatie,
            soort__in=[PartijSoort.NATUURLIJK_PERSOON, PartijSoort.NIET_NATUURLIJK_PERSOON],
        ).values_list("id", "soort")
    )
    if not partijen:
        raise ValueError(f"{organisatie.naam} heeft nog geen partijen; genereer die eerst.")
    alle_medewerkers = list(
        Medewerker.objects.filter(organisatie=organisatie).values_list("id", flat=True)
    )
    teams = list(
        OrganisatorischeEenheid.objects.filter(organisatie=organisatie).values_list("id", flat=True)
    )
    tz = ZoneInfo(organisatie.tijdzone)
    today = vandaag(organisatie.tijdzone)
    now = datetime.now(tz)
    gewichten = [i.gewicht for i in infos]
    termijnen: dict[tuple[int, date], tuple[date | None, date | None]] = {}
    archief: dict[tuple[int, date], date | None] = {}
    tellers = {
        t.jaar: t.laatste
        for t in ZaakNummerTeller.objects.filter(organisatie=organisatie, soort="zaak")
    }
    hoogste_dag = jaren * 365

    zaak_w = TableWriter(Zaak)
    status_w = TableWriter(Status)
    rol_w = TableWriter(Rol, with_pk=False)
    resultaat_w = TableWriter(Resultaat, with_pk=False)
    taak_w = TableWriter(Taak, with_pk=False)

    def moment(dag: date) -> datetime:
        return datetime(
            dag.year, dag.month, dag.day, rng.randint(8, 16), rng.randint(0, 59), tzinfo=tz
        )

    gedaan = 0
    while gedaan < aantal:
        n = min(batch, aantal - gedaan)
        with transaction.atomic():
            zaak_ids = ids_allocate(Zaak, n)
            # Plan each case first, to know how many status ids the batch needs.
            plannen = []
            for _ in range(n):
                info = rng.choices(infos, gewichten)[0]
                dagen_terug = rng.randint(0, hoogste_dag)
                aantal_st = len(info.statustypen)
                kans_gesloten = 0.95 if dagen_terug > 180 else 0.5 if dagen_terug > 60 else 0.1
                gesloten = aantal_st == 1 or rng.random() < kans_gesloten
                doel = aantal_st - 1 if gesloten else rng.randrange(aantal_st - 1)
                plannen.append((info, dagen_terug, gesloten, doel))
            status_ids = iter(ids_allocate(Status, sum(p[3] + 1 for p in plannen)))
            zaken, statussen, rollen, resultaten, taken = [], [], [], [], []
            for zaak_id, (info, dagen_terug, gesloten, doel) in zip(zaak_ids, plannen, strict=True):
                zt = info.zaaktype
                startdatum = max(today - timedelta(days=dagen_terug), zt.begin_geldigheid)
                sleutel = (zt.pk, startdatum)
                if sleutel not in termijnen:
                    termijnen[sleutel] = zaak_termijnen_bepalen(
                        zaaktype=zt, startdatum=startdatum, land=organisatie.land
                    )
                gepland, uiterlijk = termijnen[sleutel]
                behandelaar = rng.choice(info.behandelaars) if info.behandelaars else None
                if behandelaar is not None and not gesloten and rng.random() < 0.08:
                    behandelaar = None  # waiting in the team queue
                # Status moments: from the start to the end (closed) or to today (open).
                looptijd = (today - startdatum).days
                if gesloten:
                    norm = ((uiterlijk or startdatum + timedelta(days=42)) - startdatum).days
                    looptijd = min(looptijd, max(1, int(norm * rng.uniform(0.3, 1.3))))
                offsets = sorted(rng.randint(0, looptijd) for _ in range(doel))
                momenten = [min(moment(startdatum), now)]
                for offset in offsets:
                    m = moment(startdatum + timedelta(days=offset))
                    if m <= momenten[-1]:
                        m = momenten[-1] + timedelta(minutes=rng.randint(5, 120))
                    momenten.append(min(m, now))
                laatste_status = None
                for statustype_id, m in zip(info.statustypen[: doel + 1], momenten, strict=True):
                    laatste_status = next(status_ids)
                    statussen.append(
                        {
                            "id": laatste_status,
                            "zaak_id": zaak_id,
                            "statustype_id": statustype_id,
                            "datum_status_gezet": m,
                            "statustoelichting": "",
                            "gezetdoor_id": behandelaar,
                        }
                    )
                einddatum = archiefnominatie = archiefactiedatum = None
                if gesloten:
                    einddatum = momenten[-1].astimezone(tz).date()
                    rt = rng.choice(info.resultaattypen)
                    sleutel_a = (rt.pk, einddatum)
                    if sleutel_a not in archief:
                        archief[sleutel_a] = archiefactiedatum_bepalen(
                            resultaattype=rt,
                            brondatum=brondatum_bepalen(resultaattype=rt, einddatum=einddatum),
                        )
                    archiefnominatie = rt.archiefnominatie
                    archiefactiedatum = archief[sleutel_a]
                    resultaten.append(
                        {"zaak_id": zaak_id, "resultaattype_id": rt.pk, "toelichting": ""}
                    )
                jaar = startdatum.year
                tellers[jaar] = tellers.get(jaar, 0) + 1
                zaken.append(
                    {
                        "id": zaak_id,
                        "organisatie_id": organisatie.pk,
                        "identificatie": identificatie_format(
                            prefix=organisatie.zaak_prefix, jaar=jaar, nummer=tellers[jaar]
                        ),
                        "bronorganisatie": organisatie.rsin,
                        "verantwoordelijke_organisatie": organisatie.rsin,
                        "zaaktype_id": zt.pk,
                        "omschrijving": rng.choice(info.omschrijvingen),
                        "registratiedatum": startdatum,
                        "startdatum": startdatum,
                        "einddatum_gepland": gepland,
                        "uiterlijke_einddatum_afdoening": uiterlijk,
                        "einddatum": einddatum,
                        "vertrouwelijkheidaanduiding": zt.vertrouwelijkheidaanduiding,
                        "communicatiekanaal": "",
                        "archiefnominatie": archiefnominatie or "",
                        "archiefactiedatum": archiefactiedatum,
                        "status_actueel_id": laatste_status,
                        "behandelaar_id": behandelaar,
                        "aangemaakt_op": momenten[0],
                    }
                )
                if info.intern and alle_medewerkers:
                    rollen.append(
                        {
                            "zaak_id": zaak_id,
                            "roltype_id": info.initiator_roltype,
                            "betrokkene_type": BetrokkeneType.MEDEWERKER,
                            "medewerker_id": rng.choice(alle_medewerkers),
                            "registratiedatum": momenten[0],
                        }
                    )
                else:
                    partij_id, soort = rng.choice(partijen)
                    rollen.append(
                        {
                            "zaak_id": zaak_id,
                            "roltype_id": info.initiator_roltype,
                            "betrokkene_type": _BETROKKENE[soort],
                            "partij_id": partij_id,
                            "registratiedatum": momenten[0],
                        }
                    )
                if behandelaar is not None:
                    rollen.append(
                        {
                            "zaak_id": zaak_id,
                            "roltype_id": info.behandelaar_roltype,
                            "betrokkene_type": BetrokkeneType.MEDEWERKER,
                            "medewerker_id": behandelaar,
                            "registratiedatum": momenten[0],
                        }
                    )
                if not gesloten and (behandelaar or teams) and rng.random() < 0.6:
                    soort_termijn = rng.random()
                    if soort_termijn < 0.3:
                        vervaldatum = today - timedelta(days=rng.randint(1, 30))
                    elif soort_termijn < 0.6:
                        vervaldatum = today + timedelta(days=rng.randint(0, 3))
                    else:
                        vervaldatum = today + timedelta(days=rng.randint(4, 30))
                    taken.append(
                        {
                            "organisatie_id": organisatie.pk,
                            "zaak_id": zaak_id,
                            "titel": rng.choice(info.taken),
                            "toegewezen_aan_id": behandelaar,
                            "toegewezen_team_id": None if behandelaar else rng.choice(teams),
                            "vervaldatum": vervaldatum,
                            "status": TaakStatus.OPEN,
                            "aangemaakt_op": momenten[-1],
                        }
                    )
                elif gesloten and behandelaar and rng.random() < 0.15:
                    taken.append(
                        {
                            "organisatie_id": organisatie.pk,
                            "zaak_id": zaak_id,
                            "titel": rng.choice(info.taken),
                            "toegewezen_aan_id": behandelaar,
                            "vervaldatum": einddatum,
                            "status": TaakStatus.AFGEROND,
                            "aangemaakt_op": momenten[0],
                            "afgerond_op": momenten[-1],
                            "afgerond_door_id": behandelaar,
                        }
                    )
            # Cases point at their latest status and statuses at their case: the foreign
            # keys are checked at commit (deferred), so the order within the batch is free.
            zaak_w.write(zaken)
            status_w.write(statussen)
            rol_w.write(rollen)
            resultaat_w.write(resultaten)
            taak_w.write(taken)
            _tellers_opslaan(organisatie, tellers)
        stats.add("zaak", len(zaken))
        stats.add("status", len(statussen))
        stats.add("rol", len(rollen))
        stats.add("resultaat", len(resultaten))
        stats.add("taak", len(taken))
        gedaan += n
        _progress(log, "zaken", gedaan, aantal, start_tijd)
    stats.seconden["zaken"] = time.monotonic() - start_tijd


def _tellers_opslaan(organisatie: Organisatie, tellers: dict[int, int]) -> None:
    """Advance the case-number counters, so zaak_create continues after generated numbers."""
    for jaar, laatste in tellers.items():
        teller, _ = ZaakNummerTeller.objects.select_for_update().get_or_create(
            organisatie=organisatie, soort="zaak", jaar=jaar
        )
        if teller.laatste < laatste:
            teller.laatste = laatste
            teller.save(update_fields=["laatste"])


def analyse() -> None:
    """Fold the case counts and refresh the planner statistics after a bulk load
    (PostgreSQL: VACUUM ANALYZE)."""
    zaaktellingen_samenvoegen()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # VACUUM cannot run inside a transaction (a test, a surrounding atomic block).
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def generate(
    *,
    organisatie: Organisatie,
    partijen: int,
    zaken: int,
    medewerkers: int = 0,
    wachtwoord: str = "",
    seed: int = 1,
    batch: int = DEFAULT_BATCH,
    zaaktypen: int = 0,
    log: Log = lambda _m: None,
) -> GenerateStats:
    """`zaaktypen` > 0: spread the cases evenly over that many case types, copying the
    organisation's own until there are enough (before the staff, who get rights on them)."""
    rng = random.Random(seed)
    stats = GenerateStats()
    _session_tune()
    gekozen = None
    if zaaktypen:
        start = time.monotonic()
        aantal_voor = ZaakType.objects.filter(catalogus__organisatie=organisatie).count()
        gekozen = zaaktypen_generate(organisatie=organisatie, aantal=zaaktypen, log=log)
        stats.add(
            "zaaktype",
            ZaakType.objects.filter(catalogus__organisatie=organisatie).count() - aantal_voor,
        )
        stats.seconden["zaaktypen"] = time.monotonic() - start
    if medewerkers:
        start = time.monotonic()
        medewerkers_generate(organisatie=organisatie, aantal=medewerkers, wachtwoord=wachtwoord)
        stats.add("medewerker", medewerkers)
        stats.seconden["medewerkers"] = time.monotonic() - start
    parties_generate(
        organisatie=organisatie, aantal=partijen, rng=rng, stats=stats, batch=batch, log=log
    )
    zaken_generate(
        organisatie=organisatie,
        aantal=zaken,
        rng=rng,
        stats=stats,
        batch=batch,
        zaaktypen=gekozen,
        log=log,
    )
    return stats
