"""The demo's cases: every case type in every status, with roles, properties, documents
(with versions), tasks and dated status changes, all written through the kernel services
(part of `raadhuis load-demo`)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import (
    zaak_create,
    zaak_eigenschap_set,
    zaak_rol_add,
    zaak_status_set,
)
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.documents.services import document_versie_add, zaak_document_add
from raadhuis.kernel.organisations.models import (
    Medewerker,
    Organisatie,
    OrganisatorischeEenheid,
)
from raadhuis.kernel.parties.models import NatuurlijkPersoon, NietNatuurlijkPersoon, Partij
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.services import taak_complete, taak_create
from raadhuis.tools.demo_basis import (
    OMSCHRIJVINGEN,
    TAKEN,
    ZAAKTYPE_GEWICHT,
    DemoBasis,
    minimal_pdf,
    taak_termijn,
)
from raadhuis.tools.demo_catalogus import BE_TEAMS, ZAAKTYPEN


class ZakenDemo(DemoBasis):
    """Writes the cases of one organisation; the random draws keep the demo's order."""

    def _zaken(
        self,
        actor: Actor,
        medewerkers: dict[str, Medewerker],
        personen: list[NatuurlijkPersoon],
        bedrijven: list[NietNatuurlijkPersoon],
        vestigingen: list[Partij],
        aantal: int,
    ) -> None:
        rng = self.rng
        organisatie = actor.organisatie
        zaaktypen = {
            zt.identificatie: zt
            for zt in ZaakType.objects.filter(catalogus__organisatie=organisatie)
            .select_related("catalogus")
            .prefetch_related(
                "statustypen", "roltypen", "resultaattypen", "eigenschappen",
                "informatieobjecttypen",
            )
        }  # fmt: skip
        teams = {
            e.identificatie: e
            for e in OrganisatorischeEenheid.objects.filter(organisatie=organisatie)
        }
        behandelaars = [m for m in medewerkers.values() if "medewerker" in m.rollen]
        grants = {
            m.pk: {a.zaaktype_identificatie for a in m.zaaktype_autorisaties.all()}
            for m in behandelaars
        }
        per_zaaktype = {
            identificatie: [m for m in behandelaars if identificatie in grants[m.pk]]
            for identificatie in zaaktypen
        }
        identificaties = list(ZAAKTYPE_GEWICHT)
        gewichten = [ZAAKTYPE_GEWICHT[i] for i in identificaties]
        # Every case type gets cases in every status; the rest is drawn by weight.
        plan: list[tuple[str, int]] = []
        for spec in ZAAKTYPEN:
            for index in range(len(spec.statustypen)):
                plan.append((spec.identificatie, index))
        while len(plan) < aantal:
            identificatie = rng.choices(identificaties, gewichten)[0]
            n = len(zaaktypen[identificatie].statustypen.all())
            # About a third closed, the rest spread over the open statuses.
            index = n - 1 if rng.random() < 0.33 else rng.randrange(n - 1)
            plan.append((identificatie, index))
        rng.shuffle(plan)
        for identificatie, index in plan[:aantal]:
            self._zaak(
                actor,
                zaaktype=zaaktypen[identificatie],
                doel_index=index,
                medewerkers=medewerkers,
                behandelaars=per_zaaktype[identificatie] or behandelaars,
                teams=teams,
                personen=personen,
                bedrijven=bedrijven,
                vestigingen=vestigingen,
            )

    def _initiator(
        self,
        identificatie: str,
        personen: list[NatuurlijkPersoon],
        bedrijven: list[NietNatuurlijkPersoon],
        vestigingen: list[Partij],
    ) -> Partij:
        rng = self.rng
        if identificatie == "SUBSIDIE-VER":
            return rng.choice(bedrijven)
        if identificatie == "EVENEMENT":
            return rng.choice(bedrijven if rng.random() < 0.6 else vestigingen + personen)
        if identificatie == "KLACHT" and rng.random() < 0.15:
            return rng.choice(bedrijven)
        return rng.choice(personen)

    def _zaak(
        self,
        actor: Actor,
        *,
        zaaktype: ZaakType,
        doel_index: int,
        medewerkers: dict[str, Medewerker],
        behandelaars: list[Medewerker],
        teams: dict[str, OrganisatorischeEenheid],
        personen: list[NatuurlijkPersoon],
        bedrijven: list[NietNatuurlijkPersoon],
        vestigingen: list[Partij],
    ) -> Zaak:
        rng = self.rng
        organisatie = actor.organisatie
        tz = ZoneInfo(organisatie.tijdzone)
        today = vandaag(organisatie.tijdzone)
        identificatie = zaaktype.identificatie
        statustypen = sorted(zaaktype.statustypen.all(), key=lambda s: s.volgnummer)
        gesloten = doel_index == len(statustypen) - 1
        if gesloten:
            startdatum = today - timedelta(days=rng.randint(20, 700))
        else:
            # Some open cases are past their deadline, most are recent.
            startdatum = today - timedelta(days=rng.randint(0, 90 if rng.random() < 0.8 else 200))
        startdatum = max(startdatum, zaaktype.begin_geldigheid)

        if identificatie == "VERLOF":
            initiator_partij = None
            behandelaar = medewerkers.get("medewerker2") or rng.choice(behandelaars)
        else:
            initiator_partij = self._initiator(identificatie, personen, bedrijven, vestigingen)
            behandelaar = None
            if rng.random() < 0.9:
                behandelaar = rng.choice(behandelaars)
        omschrijving = rng.choice(OMSCHRIJVINGEN[identificatie])
        zaak = zaak_create(
            actor=actor,
            zaaktype=zaaktype,
            omschrijving=omschrijving,
            toelichting="Fictieve demozaak.",
            startdatum=startdatum,
            initiator=initiator_partij,
            behandelaar=behandelaar,
            communicatiekanaal=rng.choice(["e-mail", "telefoon", "balie", "webformulier"]),
        )
        self._write("zaak", zaak)
        roltypen = {r.omschrijving_generiek: r for r in zaaktype.roltypen.all()}
        if identificatie == "VERLOF":
            aanvrager = rng.choice(list(medewerkers.values()))
            self._write(
                "rol",
                zaak_rol_add(
                    actor=actor, zaak=zaak, roltype=roltypen["initiator"], medewerker=aanvrager
                ),
            )
            self._write(
                "rol",
                zaak_rol_add(
                    actor=actor, zaak=zaak, roltype=roltypen["behandelaar"], medewerker=behandelaar
                ),
            )
        elif rng.random() < 0.12:
            self._write(
                "rol",
                zaak_rol_add(
                    actor=actor,
                    zaak=zaak,
                    roltype=roltypen["belanghebbende"],
                    partij=rng.choice(personen),
                    roltoelichting="Buurtbewoner",
                ),
            )
        if behandelaar is None and identificatie != "VERLOF":
            team = teams.get(_team_voor(identificatie, organisatie))
            if team is not None:
                self._write(
                    "rol",
                    zaak_rol_add(
                        actor=actor, zaak=zaak, roltype=roltypen["behandelaar"], eenheid=team
                    ),
                )
        self._eigenschappen(actor, zaak, zaaktype, startdatum)

        # Moments of each status change: spread between the start and today (or the end).
        if gesloten:
            duur = max(2, int(_doorlooptijd_dagen(zaaktype) * rng.uniform(0.4, 1.3)))
            eind = min(startdatum + timedelta(days=duur), today)
        else:
            eind = today
        # Date the later statuses in the past only when the first status is dated at the
        # start of the case; otherwise the timeline would run backwards.
        eerste = zaak.status_actueel
        gedateerd = (
            eerste is not None
            and timezone.localtime(eerste.datum_status_gezet, tz).date() <= startdatum
        )
        momenten = _momenten(
            rng, eerste.datum_status_gezet if gedateerd else None, startdatum, eind, doel_index, tz
        )

        self._documenten(actor, zaak, zaaktype)
        open_status = statustypen[1 : len(statustypen) - 1 if gesloten else doel_index + 1]
        for n, statustype in enumerate(open_status, start=1):
            self._write(
                "status",
                zaak_status_set(
                    actor=actor,
                    zaak=zaak,
                    statustype=statustype,
                    datum=momenten[n] if gedateerd else None,
                ),
            )
        self._taken(actor, zaak, behandelaar, teams, gesloten)
        if gesloten and len(statustypen) > 1:
            resultaattype = rng.choice(list(zaaktype.resultaattypen.all()))
            self._write(
                "status",
                zaak_status_set(
                    actor=actor,
                    zaak=zaak,
                    statustype=statustypen[-1],
                    resultaattype=resultaattype,
                    resultaat_toelichting="Afgehandeld volgens de werkinstructie.",
                    datum=momenten[-1] if gedateerd else None,
                ),
            )
        return zaak

    def _eigenschappen(self, actor: Actor, zaak: Zaak, zaaktype: ZaakType, start: date) -> None:
        rng = self.rng
        for eigenschap in zaaktype.eigenschappen.all():
            if rng.random() < 0.4:
                continue
            if eigenschap.waardenverzameling:
                waarde = rng.choice(eigenschap.waardenverzameling)
            elif eigenschap.formaat == "datum":
                waarde = (start + timedelta(days=rng.randint(14, 120))).isoformat()
            elif eigenschap.naam == "totale_schuld":
                waarde = str(rng.randrange(1500, 60000, 50))
            elif eigenschap.naam == "gevraagd_bedrag":
                waarde = str(rng.randrange(250, 15000, 250))
            elif eigenschap.naam == "aantal_uren":
                waarde = str(rng.choice([4, 8, 16, 24, 40, 80]))
            else:
                waarde = str(rng.randint(2, 400))
            self._write(
                "eigenschap",
                zaak_eigenschap_set(actor=actor, zaak=zaak, eigenschap=eigenschap, waarde=waarde),
            )

    def _documenten(self, actor: Actor, zaak: Zaak, zaaktype: ZaakType) -> None:
        rng = self.rng
        typen = list(zaaktype.informatieobjecttypen.all())
        for iot in rng.sample(typen, min(len(typen), rng.choice([1, 1, 2, 2, 3]))):
            titel = f"{iot.omschrijving} {zaak.identificatie}"
            regels = [
                f"Gemeente/stad: {zaak.organisatie.naam}",
                f"Zaak: {zaak.identificatie} - {zaak.omschrijving}",
                f"Document: {iot.omschrijving}",
                "Dit is een fictief demodocument, gemaakt door raadhuis load-demo.",
            ]
            if rng.random() < 0.5:
                inhoud = ContentFile(minimal_pdf(regels), name=f"{_slug(iot.omschrijving)}.pdf")
            else:
                inhoud = ContentFile(
                    "\n".join(regels).encode(), name=f"{_slug(iot.omschrijving)}.txt"
                )
            zio = zaak_document_add(
                actor=actor,
                zaak=zaak,
                bestand=inhoud,
                titel=titel,
                informatieobjecttype=iot,
                auteur="Demogegevens",
            )
            self._write("document", zio)
            if rng.random() < 0.3:
                nieuwe = ContentFile(
                    "\n".join([*regels, "Versie 2: aangevuld na telefonisch contact."]).encode(),
                    name=f"{_slug(iot.omschrijving)}-v2.txt",
                )
                self._write(
                    "documentversie",
                    document_versie_add(
                        actor=actor,
                        informatieobject=zio.informatieobject,
                        bestand=nieuwe,
                        toelichting="Aangevulde versie",
                    ),
                )

    def _taken(
        self,
        actor: Actor,
        zaak: Zaak,
        behandelaar: Medewerker | None,
        teams: dict[str, OrganisatorischeEenheid],
        gesloten: bool,
    ) -> None:
        rng = self.rng
        organisatie = actor.organisatie
        today = vandaag(organisatie.tijdzone)
        titels = TAKEN[zaak.zaaktype.identificatie]
        team = teams.get(_team_voor(zaak.zaaktype.identificatie, organisatie))
        for titel in rng.sample(titels, rng.randint(1, 2)):
            toewijzing: dict[str, Any] = {}
            if behandelaar is not None and rng.random() < 0.8:
                toewijzing["toegewezen_aan"] = behandelaar
            elif team is not None:
                toewijzing["toegewezen_team"] = team
            else:
                continue
            termijn = taak_termijn(rng, today, organisatie.land, gesloten=gesloten)
            taak = taak_create(
                actor=actor,
                zaak=zaak,
                titel=titel,
                toelichting="Fictieve demotaak.",
                **toewijzing,
                **termijn,
            )
            self._write("taak", taak)
            if gesloten or rng.random() < 0.25:
                self._write("taak_afgerond", taak_complete(actor=actor, taak=taak))


def _team_voor(identificatie: str, organisatie: Organisatie) -> str:
    team = next(spec.team for spec in ZAAKTYPEN if spec.identificatie == identificatie)
    return BE_TEAMS[team] if organisatie.land == "BE" else team


def _doorlooptijd_dagen(zaaktype: ZaakType) -> int:
    from raadhuis.kernel.catalog.durations import add_duration

    start = date(2026, 1, 1)
    return (add_duration(start, zaaktype.doorlooptijd) - start).days or 14


def _momenten(
    rng: random.Random,
    eerste: datetime | None,
    start: date,
    eind: date,
    stappen: int,
    tz: ZoneInfo,
) -> list[datetime | None]:
    """stappen + 1 increasing office-hour moments from `start` to `eind`, the first being
    `eerste` when given. A moment that would lie in the future is None: "now", which the
    services fill in, so the timeline never runs backwards."""
    dagen = max((eind - start).days, 0)
    offsets = sorted(rng.randint(0, dagen) for _ in range(stappen))
    if stappen:
        offsets[-1] = dagen
    grens = timezone.now() - timedelta(minutes=5)
    moments: list[datetime | None] = []
    for offset in [0, *offsets]:
        if moments and moments[-1] is None:
            moments.append(None)  # once "now", the rest is "now" too
            continue
        if not moments and eerste is not None:
            moment = eerste
        else:
            moment = datetime.combine(
                start + timedelta(days=offset), time(rng.randint(8, 16), rng.randint(0, 59)), tz
            )
            vorige = moments[-1] if moments else None
            if vorige is not None and moment <= vorige:
                moment = vorige + timedelta(minutes=rng.randint(5, 90))
        moments.append(None if moment > grens else moment)
    return moments


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")
