"""`raadhuis load-demo`: two organisations with realistic, obviously fictitious data.

Every party, case, status, role, task and document is written through the kernel services with
`Actor.system(organisatie)`, so the demo has a real audit trail and real outbox events. Only the
configuration (organisations, catalogue, teams, staff) is written directly; see
demo_catalogus.py. The data is reproducible (`random.Random(seed)`) and dated relative to today.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
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
from raadhuis.kernel.parties.models import (
    NatuurlijkPersoon,
    NietNatuurlijkPersoon,
    Partij,
    normalise_for_search,
)
from raadhuis.kernel.parties.services import (
    natuurlijk_persoon_create,
    niet_natuurlijk_persoon_create,
    vertegenwoordiging_create,
    vestiging_create,
)
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.services import taak_complete, taak_create
from raadhuis.tools import fictitious as fx
from raadhuis.tools.demo_catalogus import (
    BE_RSIN,
    BE_TEAMS,
    DEMO_PASSWORD,
    LOGINS,
    NL_RSIN,
    ORGANISATIES,
    ZAAKTYPEN,
    catalogus_setup,
    logins_setup,
    organisatie_setup,
)

DEFAULT_SEED = 2026


@dataclass(frozen=True)
class Omvang:
    """How much data per organisation: the totals are 200 persons, 50 organisations, 500
    cases over both organisations together."""

    personen: int
    organisaties: int
    zaken: int
    vertegenwoordigingen: int


OMVANG = {NL_RSIN: Omvang(160, 40, 400, 10), BE_RSIN: Omvang(40, 10, 100, 3)}

# Relative frequency of each case type in the demo.
ZAAKTYPE_GEWICHT = {"SHV": 3, "KLACHT": 4, "SUBSIDIE-VER": 2, "EVENEMENT": 2, "VERLOF": 2}

OMSCHRIJVINGEN: dict[str, list[str]] = {
    "SHV": [
        "Aanmelding schuldhulpverlening",
        "Hulpvraag betalingsachterstanden",
        "Aanvraag schuldregeling",
        "Crisisinterventie dreigende huisuitzetting",
        "Budgetbeheer na stabilisatie",
    ],
    "KLACHT": [
        "Klacht over bejegening aan de balie",
        "Klacht over afvalinzameling",
        "Klacht over late beantwoording brief",
        "Klacht over parkeerbeleid",
        "Klacht over onderhoud speeltuin",
        "Klacht over geluidsoverlast evenement",
    ],
    "SUBSIDIE-VER": [
        "Jaarsubsidie sportvereniging",
        "Projectsubsidie buurtfeest",
        "Subsidie jeugdactiviteiten",
        "Subsidie vrijwilligerswerk",
    ],
    "EVENEMENT": [
        "Zomerfestival Proefpark",
        "Braderie Voorbeeldstraat",
        "Koningsdagmarkt Demoplein",
        "Sportdag Oefenveld",
        "Kerstmarkt Testweg",
    ],
    "VERLOF": [
        "Aanvraag vakantieverlof",
        "Aanvraag bijzonder verlof",
        "Aanvraag ouderschapsverlof",
        "Aanvraag zorgverlof",
    ],
}

TAKEN: dict[str, list[str]] = {
    "SHV": ["Intakegesprek plannen", "Inkomsten en uitgaven opvragen", "Schuldeisers aanschrijven"],
    "KLACHT": ["Klager terugbellen", "Hoorgesprek plannen", "Reactie afdeling opvragen"],
    "SUBSIDIE-VER": ["Begroting controleren", "Aanvullende stukken opvragen", "Besluit opstellen"],
    "EVENEMENT": ["Advies brandweer opvragen", "Veiligheidsplan beoordelen", "Besluit opstellen"],
    "VERLOF": ["Verlofsaldo controleren", "Vervanging regelen"],
}

KLACHT_KANALEN = ["telefoon", "e-mail", "balie", "brief", "webformulier"]


@dataclass
class DemoResultaat:
    """What was created, per kind, and how many service calls it took."""

    aantallen: Counter = field(default_factory=Counter)
    service_calls: int = 0


def minimal_pdf(regels: list[str]) -> bytes:
    """A small but valid one-page PDF showing `regels` (ASCII), so downloads open."""
    safe = [r.encode("ascii", "replace").decode().replace("\\", "/") for r in regels]
    text = "".join(f"({r.replace('(', '[').replace(')', ']')}) Tj T* " for r in safe)
    stream = f"BT /F1 11 Tf 14 TL 56 780 Td {text}ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


class DemoAlAanwezig(Exception):
    """The demo data (or a demo login) already exists; loading it twice would duplicate it."""


def demo_aanwezig() -> str | None:
    """Why the demo cannot be loaded now (in Dutch), or None when it can."""
    bestaande = Organisatie.objects.filter(rsin__in=[NL_RSIN, BE_RSIN]).values_list(
        "naam", flat=True
    )
    if bestaande:
        return (
            f"De demogegevens zijn al geladen ({', '.join(bestaande)}). Begin met een lege "
            "database om ze opnieuw te laden, bijvoorbeeld door var/raadhuis.sqlite3 te "
            "verwijderen en `raadhuis migrate` te draaien."
        )
    namen = [spec.username for spec in LOGINS]
    bezet = list(
        get_user_model().objects.filter(username__in=namen).values_list("username", flat=True)
    )
    if bezet:
        return f"Deze gebruikersnamen bestaan al: {', '.join(sorted(bezet))}."
    return None


class DemoLoader:
    def __init__(self, *, seed: int = DEFAULT_SEED, log: Callable[[str], None] | None = None):
        self.rng = random.Random(seed)
        self.log = log or (lambda _msg: None)
        self.resultaat = DemoResultaat()
        self.bsns = fx.demo_bsns()
        self.kvk_index = 0
        self.kbo_index = 0
        self.vestiging_index = 0

    # -- bookkeeping ----------------------------------------------------------------------
    def _write(self, soort: str, value: Any) -> Any:
        self.resultaat.aantallen[soort] += 1
        self.resultaat.service_calls += 1
        return value

    # -- entry point ----------------------------------------------------------------------
    def run(self) -> DemoResultaat:
        reden = demo_aanwezig()
        if reden:
            raise DemoAlAanwezig(reden)
        with transaction.atomic():
            organisaties = {}
            for spec in ORGANISATIES:
                organisaties[spec.rsin] = organisatie_setup(spec)
                today = vandaag(spec.tijdzone)
                begin = date(today.year - 3, 1, 1)
                zaaktypen = catalogus_setup(organisaties[spec.rsin], begin=begin)
                self.log(f"{spec.naam}: catalogus met {len(zaaktypen)} zaaktypen")
            medewerkers = logins_setup(organisaties)
            self.log(f"{len(LOGINS)} demologins aangemaakt")
            for spec in ORGANISATIES:
                organisatie = organisaties[spec.rsin]
                eigen = {
                    username: next(m for m in mws if m.organisatie_id == organisatie.pk)
                    for username, mws in medewerkers.items()
                    if any(m.organisatie_id == organisatie.pk for m in mws)
                }
                self._organisatie_vullen(organisatie, eigen, OMVANG[spec.rsin])
        return self.resultaat

    def _organisatie_vullen(
        self, organisatie: Organisatie, medewerkers: dict[str, Medewerker], omvang: Omvang
    ) -> None:
        actor = Actor.system(organisatie, weergave="Demogegevens (load-demo)")
        personen = self._personen(actor, omvang.personen)
        bedrijven, vestigingen = self._bedrijven(actor, omvang.organisaties)
        self._vertegenwoordigingen(actor, personen, bedrijven, omvang.vertegenwoordigingen)
        self.log(
            f"{organisatie.naam}: {len(personen)} personen, {len(bedrijven)} organisaties, "
            f"{len(vestigingen)} vestigingen"
        )
        self._zaken(actor, medewerkers, personen, bedrijven, vestigingen, omvang.zaken)
        self.log(f"{organisatie.naam}: {omvang.zaken} zaken")
        if "consulent" in medewerkers:  # the Dutch demo gemeente: debt assistance and co.
            self._schuldhulp_vullen(organisatie, medewerkers, personen)
        if "accountmanager" in medewerkers:  # … and relation management
            self._crm_vullen(organisatie, medewerkers)

    def _crm_vullen(self, organisatie: Organisatie, medewerkers: dict[str, Medewerker]) -> None:
        """Relations of every kind with contact moments, complaints in every stage and
        contracts with their expiry signals: what the CRM story walks through."""
        from raadhuis.kernel.organisations.models import OrganisatorischeEenheid
        from raadhuis.modules.crm.contracten.demo import contracten_demo_load
        from raadhuis.modules.crm.demo import crm_demo_load
        from raadhuis.modules.crm.klachten.demo import klachten_demo_load
        from raadhuis.modules.crm.kpi.demo import kpi_demo_load
        from raadhuis.modules.crm.leads.demo import leads_demo_load
        from raadhuis.modules.crm.mailing.demo import mailing_demo_load
        from raadhuis.modules.crm.sjablonen.bibliotheek import crm_sjablonen_demo_load

        accountmanager = medewerkers["accountmanager"]
        relaties = crm_demo_load(
            organisatie, accountmanager=accountmanager, kcc_medewerker=medewerkers["medewerker"]
        )
        klachten = klachten_demo_load(organisatie)
        sjablonen = crm_sjablonen_demo_load(organisatie)
        leads = leads_demo_load(organisatie, eigenaar=accountmanager)
        mailing_demo_load(organisatie, medewerker=accountmanager, subsidie_zaaktype="SUBSIDIE-VER")
        kpi_demo_load(organisatie)
        contracten = contracten_demo_load(
            organisatie,
            afdeling=OrganisatorischeEenheid.objects.filter(
                organisatie=organisatie, identificatie="CRM-EZ"
            ).first(),
            eigenaar=accountmanager,
        )
        self.log(
            f"{organisatie.naam}: relatiebeheer {len(relaties)} relaties, "
            f"{len(klachten)} klachten, {len(leads)} leads, {len(contracten)} contracten, "
            f"{len(sjablonen)} sjablonen"
        )

    def _schuldhulp_vullen(
        self,
        organisatie: Organisatie,
        medewerkers: dict[str, Medewerker],
        personen: list[NatuurlijkPersoon],
    ) -> None:
        """Letters, processes, norms, debt dossiers with settlements, signals, incoming mail
        and a destruction list ready to be drawn up: what the Zevenaar story walks through."""
        from raadhuis.kernel.documents.demo import demo_load as post_demo_load
        from raadhuis.kernel.messaging.demo import demo_load as brieven_demo_load
        from raadhuis.kernel.retention.demo import demo_load as archief_demo_load
        from raadhuis.kernel.workflow.demo import processen_demo_laden
        from raadhuis.modules.budget.demo import budget_demo_compleet
        from raadhuis.modules.shv.demo import shv_demo_load
        from raadhuis.modules.shv.koppelingen.demo import koppelingen_demo_load
        from raadhuis.modules.shv.regeling.demo import regeling_demo_load
        from raadhuis.modules.shv.vtlb.demo import demo_load as vtlb_demo_load

        brieven_demo_load(organisatie, plaats=fx.WOONPLAATS_NL)
        processen_demo_laden(organisatie)
        vtlb_demo_load(organisatie)
        shv = shv_demo_load(
            organisatie, medewerkers["consulent"], collega=medewerkers.get("medewerker2")
        )
        regelingen = regeling_demo_load(organisatie, medewerkers["consulent"])
        budget = budget_demo_compleet(
            organisatie, medewerkers["consulent"], collega=medewerkers["medewerker2"]
        )
        signalen = koppelingen_demo_load(organisatie)
        post_demo_load(organisatie)
        te_vernietigen = archief_demo_load(
            organisatie, zaaktype_identificatie="SHV", aantal=4, initiatoren=personen[:4]
        )
        self.log(
            f"{organisatie.naam}: schuldhulp {shv.get('dossiers', 0)} dossiers, "
            f"{regelingen.get('regelingen', 0)} regelingen, {len(signalen)} signalen, "
            f"{len(te_vernietigen)} zaken klaar voor vernietiging, "
            f"budgetbeheer {budget.get('budgetrekeningen', 0)} rekeningen"
        )

    # -- parties --------------------------------------------------------------------------
    def _adres(self, organisatie: Organisatie, soort: str = "woonadres") -> dict[str, Any]:
        rng = self.rng
        if organisatie.land == "BE":
            return {
                "soort": soort,
                "straatnaam": rng.choice(fx.STRATEN_BE),
                "huisnummer": rng.randint(1, 180),
                "postcode": fx.postcode_be(rng),
                "woonplaats": fx.WOONPLAATS_BE,
                "land": "BE",
            }
        return {
            "soort": soort,
            "straatnaam": rng.choice(fx.STRATEN_NL),
            "huisnummer": rng.randint(1, 250),
            "huisletter": rng.choice(["", "", "", "", "A", "B"]),
            "postcode": fx.postcode_nl(rng),
            "woonplaats": fx.WOONPLAATS_NL,
            "land": "NL",
        }

    def _personen(self, actor: Actor, aantal: int) -> list[NatuurlijkPersoon]:
        rng = self.rng
        organisatie = actor.organisatie
        today = vandaag(organisatie.tijdzone)
        personen = []
        for _ in range(aantal):
            naam = fx.persoon_naam(rng)
            achternaam = normalise_for_search(naam["geslachtsnaam"]).replace(" ", "")
            voornaam = normalise_for_search(naam["voornamen"].split()[0])
            gegevens: dict[str, Any] = {
                **{k: v for k, v in naam.items() if k != "geslachtsnaam"},
                "geboortedatum": today - timedelta(days=rng.randint(18 * 365, 90 * 365)),
                "email": f"{voornaam}.{achternaam}@example.org" if rng.random() < 0.7 else "",
                "telefoonnummer": f"06-0{rng.randint(1000000, 9999999)}"
                if rng.random() < 0.6
                else "",
            }
            # Belgian residents have no BSN; their national number is not modelled (yet).
            if organisatie.land == "NL":
                gegevens["bsn"] = next(self.bsns)
            persoon = natuurlijk_persoon_create(
                actor=actor,
                geslachtsnaam=naam["geslachtsnaam"],
                adres=self._adres(organisatie),
                **gegevens,
            )
            self._write("natuurlijk_persoon", persoon)
            self.resultaat.aantallen["adres"] += 1
            personen.append(persoon)
        return personen

    def _bedrijven(
        self, actor: Actor, aantal: int
    ) -> tuple[list[NietNatuurlijkPersoon], list[Partij]]:
        rng = self.rng
        organisatie = actor.organisatie
        bedrijven: list[NietNatuurlijkPersoon] = []
        vestigingen: list[Partij] = []
        for _ in range(aantal):
            naam, rechtsvorm = fx.bedrijf_naam(rng, land=organisatie.land)
            gegevens: dict[str, Any] = {"rechtsvorm": rechtsvorm}
            if organisatie.land == "BE":
                self.kbo_index += 1
                gegevens["kbo_nummer"] = fx.kbo_nummer(self.kbo_index)
            else:
                self.kvk_index += 1
                gegevens["kvk_nummer"] = fx.kvk_nummer(self.kvk_index)
            if rng.random() < 0.6:
                slug = "".join(ch for ch in normalise_for_search(naam) if ch.isalnum())[:20]
                gegevens["email"] = f"info@{slug}.example.org"
            bedrijf = niet_natuurlijk_persoon_create(
                actor=actor,
                statutaire_naam=naam,
                adres=self._adres(organisatie, "bezoekadres"),
                **gegevens,
            )
            self._write("niet_natuurlijk_persoon", bedrijf)
            bedrijven.append(bedrijf)
            plaatsen = rng.sample(fx.VESTIGING_PLAATS, rng.randint(1, 3))
            for plaats in plaatsen:
                self.vestiging_index += 1
                nummer = f"99{self.vestiging_index:010d}"
                vestiging = vestiging_create(
                    actor=actor,
                    onderneming=bedrijf,
                    handelsnaam=f"{naam} {plaats}",
                    vestigingsnummer=nummer if organisatie.land == "NL" else "",
                    adres=self._adres(organisatie, "bezoekadres"),
                )
                self._write("vestiging", vestiging)
                vestigingen.append(vestiging)
        return bedrijven, vestigingen

    def _vertegenwoordigingen(
        self,
        actor: Actor,
        personen: list[NatuurlijkPersoon],
        bedrijven: list[NietNatuurlijkPersoon],
        aantal: int,
    ) -> None:
        rng = self.rng
        today = vandaag(actor.organisatie.tijdzone)
        for n in range(aantal):
            if n % 2 == 0:
                vertegenwoordiger, vertegenwoordigde = rng.choice(personen), rng.choice(bedrijven)
                omschrijving = "Bestuurder, tekenbevoegd"
            else:
                vertegenwoordiger, vertegenwoordigde = rng.sample(personen, 2)
                omschrijving = "Bewindvoerder (beschermingsbewind)"
            v = vertegenwoordiging_create(
                actor=actor,
                vertegenwoordiger=vertegenwoordiger,
                vertegenwoordigde=vertegenwoordigde,
                omschrijving=omschrijving,
                begindatum=today - timedelta(days=rng.randint(30, 1500)),
            )
            self._write("vertegenwoordiging", v)

    # -- cases ----------------------------------------------------------------------------
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
            soort = rng.random()
            if gesloten or soort < 0.3:
                termijn = {"vervaldatum": today - timedelta(days=rng.randint(1, 30))}  # overdue
            elif soort < 0.55:
                termijn = {"termijn_werkdagen": rng.randint(0, 2)}  # due soon
            else:
                termijn = {"termijn_werkdagen": rng.randint(5, 15)}
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


def logins_tabel() -> list[tuple[str, str, str]]:
    """(username, password, what the login shows) for every demo login."""
    return [(spec.username, DEMO_PASSWORD, spec.uitleg) for spec in LOGINS]
