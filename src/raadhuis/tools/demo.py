"""`raadhuis load-demo`: two organisations with realistic, obviously fictitious data.

Every party, case, status, role, task and document is written through the kernel services with
`Actor.system(organisatie)`, so the demo has a real audit trail and real outbox events. Only the
configuration (organisations, catalogue, teams, staff) is written directly; see
demo_catalogus.py. The data is reproducible (`random.Random(seed)`) and dated relative to today.

The loader is put together from parts: demo_basis.py (the random source, the tally, the texts),
demo_partijen.py (persons, organisations, representations) and demo_zaken.py (cases with their
roles, documents, tasks and statuses).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Medewerker, Organisatie
from raadhuis.kernel.parties.models import NatuurlijkPersoon
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.tools import fictitious as fx
from raadhuis.tools.demo_basis import (
    DEFAULT_SEED,
    OMSCHRIJVINGEN,
    TAKEN,
    ZAAKTYPE_GEWICHT,
    DemoResultaat,
    minimal_pdf,
)
from raadhuis.tools.demo_catalogus import (
    BE_RSIN,
    DEMO_PASSWORD,
    LOGINS,
    NL_RSIN,
    ORGANISATIES,
    catalogus_setup,
    logins_setup,
    organisatie_setup,
)
from raadhuis.tools.demo_partijen import PartijenDemo
from raadhuis.tools.demo_zaken import ZakenDemo

# What used to live here is importable from here still.
__all__ = [
    "DEFAULT_SEED",
    "OMSCHRIJVINGEN",
    "OMVANG",
    "TAKEN",
    "ZAAKTYPE_GEWICHT",
    "DemoAlAanwezig",
    "DemoLoader",
    "DemoResultaat",
    "demo_aanwezig",
    "logins_tabel",
    "minimal_pdf",
]


@dataclass(frozen=True)
class Omvang:
    """How much data per organisation: the totals are 200 persons, 50 organisations, 500
    cases over both organisations together."""

    personen: int
    organisaties: int
    zaken: int
    vertegenwoordigingen: int


OMVANG = {NL_RSIN: Omvang(160, 40, 400, 10), BE_RSIN: Omvang(40, 10, 100, 3)}


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


class DemoLoader(PartijenDemo, ZakenDemo):
    """Loads both demo organisations: configuration first, then parties and cases through
    the kernel services, then what the domain modules add."""

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
        kpi_demo_load(
            organisatie, opvolger=accountmanager, kcc_medewerker=medewerkers["medewerker"]
        )
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


def logins_tabel() -> list[tuple[str, str, str]]:
    """(username, password, what the login shows) for every demo login."""
    return [(spec.username, DEMO_PASSWORD, spec.uitleg) for spec in LOGINS]
