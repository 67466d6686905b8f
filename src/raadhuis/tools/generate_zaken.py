"""Benchmark cases with their statuses, roles, results and tasks, written in bulk (part of
`raadhuis generate`; see generate.py for what it keeps consistent and what it bypasses)."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

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
from raadhuis.kernel.catalog.models import ResultaatType, ZaakType
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
    Partij,
    PartijSoort,
)
from raadhuis.kernel.retention.rules import archiefactiedatum_bepalen, brondatum_bepalen
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.tools.demo_basis import OMSCHRIJVINGEN, TAKEN, ZAAKTYPE_GEWICHT
from raadhuis.tools.generate_basis import (
    DEFAULT_BATCH,
    KOPIE_MARKER,
    GenerateStats,
    Log,
    progress_log,
)
from raadhuis.tools.generate_zaaktypen import bruikbare_zaaktypen


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
    for zt in bruikbare_zaaktypen(organisatie):
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
        progress_log(log, "zaken", gedaan, aantal, start_tijd)
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
