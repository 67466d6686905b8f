"""Import relations, contact persons, contact moments (history) and contracts from an XLSX or
CSV export (Exact, Perfect View, a spreadsheet): read, map columns, detect duplicates, merge,
report.

One flat sheet: every row is a relation, and may carry a contact person, a contact moment
and a contract of that relation. A row that is a duplicate (same KvK number, same e-mail, or
a similar name at the same postcode) of an existing relation or of an earlier row is merged
into it: its contact person, contact moment and contract are added there and its local
fields follow the merge choices.

The run, in four steps that each stay O(rows):
  lezen.py       stream the file (openpyxl read_only / csv) and apply the column mapping;
  waarden.py     check and parse every row's values, errors per row in Dutch;
  dubbelen.py    + plan.py: match rows against the organisation's relations, loaded once into
                 dictionaries (the name comparison blocked per postcode), and plan per row;
  vastleggen.py  + bijlagen.py: write the plan with bulk inserts (kernel db.bulk: COPY), audit
                 entries and outbox events included, in one transaction.
A dry run stops after planning: its report is what the import would do. Any row with an error
means nothing is written (all or nothing). Further kinds in the same row (contracts, from
crm.contracten, a sibling app) plug in through the registry in soorten.py.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.organisations.models import OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij
from raadhuis.modules.crm.migratie.bijlagen import vastleggen
from raadhuis.modules.crm.migratie.dubbelen import (  # noqa: F401 - the module's API
    NAAM_GELIJKENIS,
    SAMENVOEG_VELDEN,
    Dubbelen,
    naam_vergelijkbaar,
)
from raadhuis.modules.crm.migratie.lezen import (  # noqa: F401 - the module's API
    VELDEN,
    VERPLICHT,
    Onleesbaar,
    Tabel,
    bestand_lezen,
    kolomnaam,
    koppen_lezen,
    mapping_fouten,
    mapping_voorstellen,
    rijen_met_mapping,
)
from raadhuis.modules.crm.migratie.plan import Plan
from raadhuis.modules.crm.migratie.soorten import importsoorten
from raadhuis.modules.crm.migratie.verslag import Rij, Verslag
from raadhuis.modules.crm.migratie.waarden import gegevens
from raadhuis.modules.crm.selectors import relatie_bereik
from raadhuis.modules.crm.services import MAY_WRITE_RELATIES

logger = logging.getLogger(__name__)


def _afdeling_fout(actor: Actor, afdeling: OrganisatorischeEenheid) -> str:
    bereik = relatie_bereik(actor)
    if afdeling.organisatie_id != actor.organisatie.pk or not (
        bereik.alles or afdeling.pk in bereik.eenheid_ids
    ):
        return _("Kies een afdeling waar je zelf bij hoort.")
    return ""


def _plannen(verslag: Verslag, plan: Plan, rijen: Iterator[tuple[int, dict[str, str]]]) -> None:
    """Check and plan every row; a file that breaks off halfway is a general error."""
    try:
        for nummer, ruw in rijen:
            rij = Rij(nummer=nummer, naam=ruw.get("naam", ""))
            verslag.rijen.append(rij)
            if plan.delen:
                _rij_plannen_met_delen(plan, rij, ruw)
                continue
            data = gegevens(rij, ruw)
            if data is not None:
                plan.rij_plannen(rij, data)
    except Exception as error:  # noqa: BLE001 - csv and openpyxl raise many kinds midway
        logger.warning("crm import: file unreadable after %s rows: %r", len(verslag.rijen), error)
        verslag.algemene_fouten.append(
            _("Het bestand is na rij %(n)s niet verder te lezen.")
            % {"n": verslag.rijen[-1].nummer if verslag.rijen else 1}
        )
        return
    plan.bijlagen_plannen()
    if not verslag.rijen:
        verslag.algemene_fouten.append(_("Het bestand bevat geen rijen."))


def _rij_plannen_met_delen(plan: Plan, rij: Rij, ruw: dict[str, str]) -> None:
    """A row of a run that also reads registered kinds (contracts): each kind checks its part
    (all errors of the row are reported together) and its values travel in the row's data."""
    soorten = [(soort, deel) for soort, deel in plan.delen if soort.in_rij(ruw)]
    naam_nodig = not (
        any(soort.zonder_naam for soort, _deel in soorten)
        and (ruw.get("kvk_nummer") or ruw.get("email"))
    )
    data = gegevens(rij, ruw, naam_nodig=naam_nodig)
    waarden = {soort.naam: deel.controleren(rij, ruw) for soort, deel in soorten}
    if data is not None and not rij.fouten:
        data.update(waarden)
        plan.rij_plannen(rij, data)


def _inwoners_gelezen(plan: Plan) -> None:
    """Residents' relations the report names (a row matched one): processing log."""
    if plan.inwoners:
        verwerkingen_record(
            actor=plan.actor,
            handeling="crm_migratie_dubbelcontrole",
            doel=_("Migratie: dubbele relaties herkennen"),
            partijen=[Partij(uuid=k.uuid, weergavenaam=k.naam) for k in plan.inwoners],
        )


def import_uitvoeren(
    *,
    actor: Actor,
    inhoud: bytes,
    bestandsnaam: str,
    afdeling: OrganisatorischeEenheid,
    mapping: dict[str, str] | None = None,
    keuzes: dict[str, dict[str, str]] | None = None,
    proef: bool = True,
) -> Verslag:
    """Import an export file (all or nothing); with `proef` (the default) only the report.

    `actor` needs the medewerker role (a medewerker, or the system actor of `migratie_actor`);
    `afdeling` owns the new relations and must be one of the actor's; `mapping` is target
    field -> header (default: the suggestion); `keuzes` per row number:
    {"_actie": "samenvoegen"|"apart"|"overslaan", "<veld>": "import"|"bestaand"}."""
    require_role(actor, *MAY_WRITE_RELATIES)
    verslag = Verslag(proef=proef)
    begin = time.perf_counter()
    try:
        tabel = bestand_lezen(inhoud, bestandsnaam)
    except Onleesbaar as error:
        verslag.algemene_fouten.append(str(error))
        return verslag
    mapping = mapping if mapping is not None else mapping_voorstellen(tabel.koppen)
    verslag.algemene_fouten.extend(mapping_fouten(mapping, tabel.koppen))
    if fout := _afdeling_fout(actor, afdeling):
        verslag.algemene_fouten.append(fout)
    if verslag.algemene_fouten:
        return verslag
    plan = Plan(actor=actor, afdeling=afdeling, keuzes=keuzes or {}, dubbelen=Dubbelen.laden(actor))
    plan.delen = [(s, s.starten(actor, afdeling)) for s in importsoorten() if s.in_mapping(mapping)]
    verslag.duur["laden"] = round(time.perf_counter() - begin, 3)
    _plannen(verslag, plan, rijen_met_mapping(tabel, mapping))
    _inwoners_gelezen(plan)
    verslag.duur["controleren"] = round(time.perf_counter() - begin, 3) - verslag.duur["laden"]
    if verslag.heeft_fouten or proef:
        return verslag
    schrijven = time.perf_counter()
    try:
        with transaction.atomic():
            vastleggen(plan)
            for _soort, deel in plan.delen:
                deel.vastleggen(plan)
    except ValidationError as error:
        # A kind's service refused a row after all (e.g. a number taken meanwhile).
        logger.warning("crm import: a service refused the plan, rolled back: %s", error)
        verslag.algemene_fouten.append(
            _("Het opslaan is mislukt: %(f)s Er is niets ingelezen.")
            % {"f": " ".join(error.messages)}
        )
        return verslag
    except DatabaseError:
        logger.exception("crm import: writing failed, rolled back")
        verslag.algemene_fouten.append(
            _("Het opslaan is mislukt (de database weigerde een gegeven); er is niets ingelezen.")
        )
        return verslag
    verslag.duur["vastleggen"] = round(time.perf_counter() - schrijven, 3)
    verslag.uitgevoerd = True
    return verslag


def migratie_actor(actor: Actor) -> Actor:
    """The system actor an import runs as, named after the person who started it (audit)."""
    return Actor.system(actor.organisatie, weergave=f"Migratie ({actor.weergave})")


# --- a test file ----------------------------------------------------------------------------

TESTKOPPEN = [
    "Relatienummer",
    "Bedrijfsnaam",
    "KvK",
    "E-mail",
    "Telefoon",
    "Straat",
    "Huisnummer",
    "Postcode",
    "Plaats",
    "Contactpersoon",
    "Voornaam",
    "Functie",
    "Contactdatum",
    "Kanaal",
    "Onderwerp",
]


def testbestand_rij(i: int) -> list[Any]:
    """Company i of an Exact-like export; every company has its own postcode."""
    return [
        f"R{i:06d}",
        f"Testbedrijf {i} B.V.",
        f"{90000000 + i:08d}",
        f"info{i}@bedrijf{i}.example",
        "073-6155555",
        "Markt",
        i % 200 + 1,
        f"{1000 + i % 9000:04d}{chr(65 + i // 9000 % 26)}{chr(65 + i // 234000 % 26)}",
        "'s-Hertogenbosch",
        f"Jansen{i}",
        "Piet",
        "directeur",
        date(2025, 1 + i % 12, 1 + i % 28),
        "telefoon",
        "Kennismaking",
    ]


def testbestand_xlsx(rijen: int, *, extra: list[list[Any]] | None = None) -> bytes:
    """An Exact-like export of `rijen` distinct companies (plus `extra` rows), as XLSX bytes:
    for tests and the import benchmark."""
    from openpyxl import Workbook

    boek = Workbook(write_only=True)
    blad = boek.create_sheet("Relaties")
    blad.append(TESTKOPPEN)
    for i in range(1, rijen + 1):
        blad.append(testbestand_rij(i))
    for regel in extra or []:
        blad.append(regel)
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
