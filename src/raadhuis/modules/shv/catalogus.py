"""The debt-assistance catalogue: one published case type per track, made through the kernel
catalogue services so it has an audit trail and can be versioned by a functional administrator.

`shv_catalogus_ensure(organisatie)` is idempotent: it creates what is missing and leaves every
published case type alone (a change after that is a new version, made in the admin).

Each status type carries the dossier phase (`Fase`) in `omschrijving_generiek`, so moving a
dossier to a phase and setting the kernel status are one step (services.dossier_fase_set).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from raadhuis.kernel.catalog.inrichting import (
    CatalogusSpec,
    DocumenttypeSpec,
    ResultaattypeSpec,
    RoltypeSpec,
    ZaaktypeSpec,
    catalogus_inrichten,
    statustypen_met_informeren,
)
from raadhuis.kernel.catalog.models import Catalogus, RolOmschrijving, ZaakType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.messaging.services import sjablonen_standaard_ensure
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.models import Procesdefinitie
from raadhuis.kernel.workflow.uitwisseling import proces_importeren
from raadhuis.modules.shv.brieven import sjablonen_ensure
from raadhuis.modules.shv.models import Fase

CATALOGUS_NAAM = "Schuldhulpverlening"
CATALOGUS_DOMEIN = "SHV"
# Case numbers of every track read SHV-2026-0000042 (services.shv_aanmelding_create).
ZAAKNUMMER_PREFIX = "SHV"
# Valid from before any case a migration brings in, so old start dates are accepted.
GELDIG_VANAF = date(2020, 1, 1)
PROCESSEN_MAP = Path(__file__).resolve().parent / "processen"

# Issue 4 (Archiefwet): destroy 7 years after closing. The Selectielijst gemeenten 2020
# class is left for the functional administrator to link (resultaattype.selectielijstklasse).
BEWAARTERMIJN = "P7Y"


# (omschrijving, richting, categorie), as the kernel spec has it.
Documenttype = DocumenttypeSpec


DOCUMENTTYPEN = (
    Documenttype("Brief", "uitgaand", "Brief"),
    Documenttype("Verzoek tot opgave", "uitgaand", "Brief"),
    Documenttype("Schuldenoverzicht", "intern", "Overzicht"),
    Documenttype("Aanbod", "uitgaand", "Brief"),
    Documenttype("Beschikking", "uitgaand", "Besluit"),
    Documenttype("Inkomende post", "inkomend", "Brief"),
    Documenttype("VTLB-berekening", "intern", "Berekening"),
    Documenttype("Verzoekschrift", "uitgaand", "Verzoekschrift"),
    Documenttype("Plan van aanpak", "uitgaand", "Plan"),
)
ALLE_DOCUMENTEN = tuple(d.omschrijving for d in DOCUMENTTYPEN)


STANDAARD_RESULTATEN = ("Afgerond", "Afgewezen", "Ingetrokken", "Voortijdig beëindigd")


@dataclass(frozen=True)
class Traject:
    """One track: a case type with its phases, results and standard process."""

    identificatie: str
    omschrijving: str
    fasen: tuple[tuple[str, str], ...]  # (status type name, Fase code), in order
    doorlooptijd: str
    servicenorm: str
    doel: str
    resultaten: tuple[str, ...] = STANDAARD_RESULTATEN
    # The Wgs art. 4 terms apply to a request for help (hulpvraag), not to outreach or to
    # after-care that follows an earlier track.
    wgs_termijnen: bool = True
    documenttypen: tuple[str, ...] = ALLE_DOCUMENTEN
    proces: str = ""  # file name in processen/

    @property
    def fase_codes(self) -> tuple[str, ...]:
        return tuple(code for _naam, code in self.fasen)


F = Fase
# The phases most tracks share, as (status type name, Fase code).
AANMELDING = ("Aanmelding ontvangen", F.AANMELDING)
INTAKE = ("Intake", F.INTAKE)
STABILISATIE = ("Stabilisatie", F.STABILISATIE)
INVENTARISATIE = ("Inventarisatie schulden", F.INVENTARISATIE)
NAZORG = ("Nazorg", F.NAZORG)
AFGESLOTEN = ("Afgesloten", F.AFGESLOTEN)

TRAJECTEN = (
    Traject(
        identificatie="SHV-MSR",
        omschrijving="Minnelijke schuldregeling",
        fasen=(
            AANMELDING,
            INTAKE,
            STABILISATIE,
            INVENTARISATIE,
            ("Schuldregeling aangeboden", F.REGELING),
            ("Looptijd regeling", F.LOOPTIJD),
            NAZORG,
            AFGESLOTEN,
        ),
        resultaten=(*STANDAARD_RESULTATEN, "Doorverwezen naar Wsnp"),
        # 18 months of repayment after stabilisation, inventory and the settlement phase.
        doorlooptijd="P3Y",
        servicenorm="P30M",
        doel="Een schuldenvrije toekomst via een minnelijke schuldregeling met alle schuldeisers.",
        proces="minnelijke_schuldregeling.json",
    ),
    Traject(
        identificatie="SHV-BETALINGSREGELING",
        omschrijving="Niet-problematische schuldregeling (betalingsregeling)",
        fasen=(
            AANMELDING,
            INTAKE,
            INVENTARISATIE,
            ("Betalingsregeling treffen", F.REGELING),
            ("Looptijd betalingsregeling", F.LOOPTIJD),
            AFGESLOTEN,
        ),
        doorlooptijd="P2Y",
        servicenorm="P18M",
        doel="Schulden aflossen met betalingsregelingen, zonder dat er sprake is van "
        "problematische schulden.",
        proces="betalingsregeling.json",
    ),
    Traject(
        identificatie="SHV-BEGELEIDING",
        omschrijving="Begeleidingstraject (18 maanden)",
        fasen=(
            AANMELDING,
            INTAKE,
            STABILISATIE,
            ("Begeleiding", F.UITVOERING),
            NAZORG,
            AFGESLOTEN,
        ),
        doorlooptijd="P2Y",
        servicenorm="P18M",
        doel="Achttien maanden begeleiding naar financiële zelfredzaamheid.",
        proces="begeleidingstraject.json",
    ),
    Traject(
        identificatie="SHV-DFD",
        omschrijving="Duurzame financiële dienstverlening (DFD)",
        fasen=(
            AANMELDING,
            INTAKE,
            STABILISATIE,
            ("Duurzame financiële dienstverlening", F.UITVOERING),
            AFGESLOTEN,
        ),
        doorlooptijd="P5Y",
        servicenorm="P3Y",
        doel="Langdurige ondersteuning voor inwoners die hun financiën niet zelfstandig "
        "kunnen regelen.",
        proces="dfd.json",
    ),
    Traject(
        identificatie="SHV-NAZORG",
        omschrijving="Nazorg schuldhulpverlening",
        fasen=(
            AANMELDING,
            NAZORG,
            AFGESLOTEN,
        ),
        resultaten=("Afgerond", "Ingetrokken", "Voortijdig beëindigd"),
        doorlooptijd="P1Y",
        servicenorm="P6M",
        doel="Terugval voorkomen na een afgerond schuldhulpverleningstraject.",
        wgs_termijnen=False,
        proces="nazorg.json",
    ),
    Traject(
        identificatie="SHV-ADVIES",
        omschrijving="Advies en informatie",
        fasen=(
            AANMELDING,
            ("Adviesgesprek", F.INTAKE),
            ("Advies uitgebracht", F.UITVOERING),
            AFGESLOTEN,
        ),
        resultaten=("Afgerond", "Afgewezen", "Ingetrokken"),
        doorlooptijd="P3M",
        servicenorm="P6W",
        doel="Een inwoner met een financiële vraag adviseren en zo nodig doorverwijzen.",
        documenttypen=("Brief", "Inkomende post", "Beschikking", "VTLB-berekening"),
        proces="advies.json",
    ),
    Traject(
        identificatie="SHV-PREVENTIE",
        omschrijving="Preventie",
        fasen=(
            AANMELDING,
            ("Kennismaking", F.INTAKE),
            ("Preventieactiviteit", F.UITVOERING),
            AFGESLOTEN,
        ),
        resultaten=("Afgerond", "Ingetrokken"),
        doorlooptijd="P6M",
        servicenorm="P3M",
        doel="Schulden voorkomen met voorlichting, training en financiële coaching.",
        wgs_termijnen=False,
        documenttypen=("Brief", "Inkomende post"),
        proces="preventie.json",
    ),
    Traject(
        identificatie="SHV-VROEGSIGNALERING",
        omschrijving="Vroegsignalering (outreach)",
        fasen=(
            ("Signaal ontvangen", F.AANMELDING),
            ("Contact met inwoner", F.INTAKE),
            ("Doorverwijzing", F.UITVOERING),
            AFGESLOTEN,
        ),
        resultaten=("Doorverwezen", "Geen hulpvraag", "Geen contact"),
        # Wgs art. 3 / Besluit Wgs art. 2-6: a signal is followed up quickly; a service norm.
        doorlooptijd="P3M",
        servicenorm="P4W",
        doel="Na een signaal van betalingsachterstand (huur, energie, water, zorgverzekering) "
        "contact zoeken met de inwoner en hulp aanbieden.",
        wgs_termijnen=False,
        documenttypen=("Brief", "Inkomende post"),
        proces="vroegsignalering.json",
    ),
)
TRAJECT_BY_ID = {t.identificatie: t for t in TRAJECTEN}
SHV_ZAAKTYPEN = tuple(t.identificatie for t in TRAJECTEN)

ROLTYPEN = (
    ("Aanvrager", RolOmschrijving.INITIATOR),
    ("Consulent schuldhulpverlening", RolOmschrijving.BEHANDELAAR),
    ("Partner", RolOmschrijving.MEDE_INITIATOR),
    ("Schuldeiser", RolOmschrijving.BELANGHEBBENDE),
)


def traject_van(zaaktype: ZaakType) -> Traject | None:
    """The track of a case type (any version), or None when it is not a debt track."""
    return TRAJECT_BY_ID.get(zaaktype.identificatie)


def zaaktype_spec(traject: Traject) -> ZaaktypeSpec:
    """The case type of a track as the kernel catalogue set-up takes it."""
    return ZaaktypeSpec(
        identificatie=traject.identificatie,
        omschrijving=traject.omschrijving,
        fields={
            "omschrijving_generiek": "Schuldhulpverlening",
            "vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK,
            "doel": traject.doel,
            "aanleiding": "Een inwoner vraagt om hulp bij (dreigende) schulden.",
            "indicatie_intern_of_extern": "extern",
            "onderwerp": traject.omschrijving[:80],
            "doorlooptijd": traject.doorlooptijd,
            "servicenorm": traject.servicenorm,
            "trefwoorden": ["schulden", "Wgs"],
            "referentieproces_naam": "NVVK-moduleschema schuldhulpverlening",
        },
        statustypen=statustypen_met_informeren(
            traject.fasen, "Uw aanvraag heeft de status '{naam}'."
        ),
        roltypen=tuple(RoltypeSpec(*rol) for rol in ROLTYPEN),
        resultaattypen=tuple(
            ResultaattypeSpec(
                omschrijving, BEWAARTERMIJN, "Vernietigen 7 jaar na afhandeling van het dossier."
            )
            for omschrijving in traject.resultaten
        ),
        documenttypen=traject.documenttypen,
    )


SHV_CATALOGUS = CatalogusSpec(
    naam=CATALOGUS_NAAM,
    domein=CATALOGUS_DOMEIN,
    contactpersoon_beheer_naam="Functioneel beheer SHV",
    geldig_vanaf=GELDIG_VANAF,
    documenttypen=DOCUMENTTYPEN,
    zaaktypen=tuple(zaaktype_spec(traject) for traject in TRAJECTEN),
)


def shv_catalogus_ensure(organisatie: Organisatie) -> Catalogus:
    """Create the published catalogue "Schuldhulpverlening" with a case type per track, when
    missing; import the standard process of each track when the workflow engine offers it.
    Safe to call again: what exists is left as it is."""
    with transaction.atomic():
        catalogus = catalogus_inrichten(
            organisatie, SHV_CATALOGUS, weergave="Schuldhulpverlening (inrichting)"
        )
        processen_importeren(organisatie)
    return catalogus


def proces_data(traject: Traject) -> dict | None:
    """The standard process of a track as shipped in processen/, or None."""
    if not traject.proces:
        return None
    pad = PROCESSEN_MAP / traject.proces
    if not pad.exists():
        return None
    return json.loads(pad.read_text(encoding="utf-8"))


def processen_importeren(organisatie: Organisatie) -> int:
    """Import the standard process of every track into the workflow engine (kernel/workflow
    `proces_importeren`, format raadhuis-proces/1), when the organisation has no process with
    that code yet: a process a functional administrator changed is never touched. The letter
    templates the processes name are made first. Returns how many were imported."""
    sjablonen_standaard_ensure(organisatie)
    sjablonen_ensure(organisatie)
    aantal = 0
    for traject in TRAJECTEN:
        data = proces_data(traject)
        if data is None:
            continue
        if Procesdefinitie.objects.filter(organisatie=organisatie, code=data["code"]).exists():
            continue
        proces_importeren(None, organisatie, data)
        aantal += 1
    return aantal
