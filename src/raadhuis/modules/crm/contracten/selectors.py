"""Every read of contracts, with the CRM's access rule and the processing log.

Who sees a contract (the CRM's rule, modules/crm/selectors.py, applied to the contract's own
department): a medewerker of the contract's department (or a department above it), the
contract owner, a medewerker of a department that "sees all relations", and the system. A team
leader, auditor or administrator reads no contracts (they carry a relation's name).

Reading a contract of a natural person (a resident as contract party) writes the processing log.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import NOTHING, require_role
from raadhuis.kernel.audit.services import verwerking_record, verwerkingen_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import Partij, PartijSoort, normalise_for_search
from raadhuis.modules.crm.contracten.models import Contract, Verlenging
from raadhuis.modules.crm.contracten.termijnen import (
    ContractStatus,
    Looptijd,
    contract_status,
    huidige_einddatum,
    uiterste_opzegdatum,
    uiterste_opzegdatum_voor,
)
from raadhuis.modules.crm.selectors import relatie_bereik

MAY_READ_CONTRACTEN = (Rol.MEDEWERKER,)
DOEL = "Contractbeheer"
NUL = Decimal("0")


def contract_filter(actor: Actor, prefix: str = "") -> Q:
    tenant = Q(**{f"{prefix}organisatie_id": actor.organisatie.pk})
    bereik = relatie_bereik(actor)
    if bereik.alles:
        return tenant
    if bereik.medewerker_id is None:
        return NOTHING
    return tenant & (
        Q(**{f"{prefix}afdeling_id__in": sorted(bereik.eenheid_ids)})
        | Q(**{f"{prefix}eigenaar_id": bereik.medewerker_id})
    )


def mag_contract_zien(actor: Actor, contract: Contract) -> bool:
    """The in-Python twin of contract_filter for one loaded contract."""
    if contract.organisatie_id != actor.organisatie.pk:
        return False
    bereik = relatie_bereik(actor)
    return bereik.alles or (
        bereik.medewerker_id is not None
        and (
            contract.afdeling_id in bereik.eenheid_ids
            or contract.eigenaar_id == bereik.medewerker_id
        )
    )


def contracten_zichtbaar(actor: Actor) -> QuerySet[Contract]:
    """The contracts the actor may see, with their party (what a search hit shows): the search
    box plans this query on every search, and each further join adds planning time."""
    require_role(actor, *MAY_READ_CONTRACTEN)
    return Contract.objects.filter(contract_filter(actor)).select_related("partij")


def contracten_met_details(actor: Actor) -> QuerySet[Contract]:
    """contracten_zichtbaar with the owner and department (overview, a contract's page)."""
    return contracten_zichtbaar(actor).select_related("eigenaar", "afdeling")


def looptijd(contract: Contract) -> Looptijd:
    return Looptijd(
        startdatum=contract.startdatum,
        einddatum=contract.einddatum,
        automatisch_verlengen=contract.verlenging == Verlenging.AUTOMATISCH,
        verlengingsperiode_maanden=contract.verlengingsperiode_maanden,
        opzegtermijn=contract.opzegtermijn,
        opzegtermijn_eenheid=contract.opzegtermijn_eenheid,
        opgezegd_op=contract.opgezegd_op,
    )


@dataclass(frozen=True)
class SocialReturnStand:
    uren_toegezegd: Decimal | None
    uren_gerealiseerd: Decimal
    bedrag_toegezegd: Decimal | None
    bedrag_gerealiseerd: Decimal

    @staticmethod
    def _procent(gerealiseerd: Decimal, toegezegd: Decimal | None) -> int | None:
        if not toegezegd:
            return None
        return int((gerealiseerd * 100 / toegezegd).to_integral_value())

    @property
    def uren_procent(self) -> int | None:
        return self._procent(self.uren_gerealiseerd, self.uren_toegezegd)

    @property
    def bedrag_procent(self) -> int | None:
        return self._procent(self.bedrag_gerealiseerd, self.bedrag_toegezegd)

    @property
    def heeft_verplichting(self) -> bool:
        return bool(self.uren_toegezegd) or bool(self.bedrag_toegezegd)


@dataclass(frozen=True)
class Contractregel:
    """A contract with what the overview shows of it on a given day."""

    contract: Contract
    status: str
    einde: date | None
    opzegdatum: date | None
    social_return: SocialReturnStand = field(compare=False)

    @property
    def status_label(self) -> str:
        return str(ContractStatus(self.status).label)

    @property
    def dagen_tot_einde(self) -> int | None:
        return None if self.einde is None else (self.einde - self._op).days

    _op: date = field(default=date.min, compare=False)


def _regel(
    contract: Contract, op: date, sommen: dict[int, tuple[Decimal, Decimal]]
) -> Contractregel:
    tijd = looptijd(contract)
    uren, bedrag = sommen.get(contract.pk, (NUL, NUL))
    return Contractregel(
        contract=contract,
        status=contract_status(tijd, op),
        einde=huidige_einddatum(tijd, op),
        opzegdatum=uiterste_opzegdatum(tijd, op),
        social_return=SocialReturnStand(
            contract.sr_uren_toegezegd, uren, contract.sr_bedrag_toegezegd, bedrag
        ),
        _op=op,
    )


def _sr_sommen(contract_ids: list[int]) -> dict[int, tuple[Decimal, Decimal]]:
    if not contract_ids:
        return {}
    rijen = (
        Contract.objects.filter(pk__in=contract_ids)
        .annotate(u=Sum("realisaties__uren"), b=Sum("realisaties__bedrag"))
        .values_list("pk", "u", "b")
    )
    return {pk: (u or NUL, b or NUL) for pk, u, b in rijen}


def _log_natuurlijke_personen(actor: Actor, contracten: list[Contract], handeling: str) -> None:
    personen = {
        c.partij.pk: c.partij
        for c in contracten
        if c.partij.soort == PartijSoort.NATUURLIJK_PERSOON
    }
    if personen:
        verwerkingen_record(
            actor=actor, handeling=handeling, doel=DOEL, partijen=list(personen.values())
        )


@dataclass(frozen=True)
class Contractfilter:
    zoekterm: str = ""
    status: str = ""
    eindigt_binnen_dagen: int | None = None  # current term ends (or notice is due) within N days
    afdeling_id: int | None = None
    alleen_eigen: bool = False
    met_social_return: bool = False


def contracten_overzicht(
    *, actor: Actor, filters: Contractfilter | None = None, op: date
) -> list[Contractregel]:
    """The status overview: every visible contract with its status on `op`, current end,
    notice deadline and Social Return position, narrowed by `filters`; soonest end first.

    'Ending within N days' takes the end of the current term for a contract that ends, and the
    notice deadline for one that renews automatically (that is the date to act on)."""
    filters = filters or Contractfilter()
    contracten = contracten_met_details(actor)
    if filters.zoekterm.strip():
        term = normalise_for_search(filters.zoekterm)
        contracten = contracten.filter(
            Q(partij__zoeknaam__contains=term)
            | Q(kenmerk__icontains=filters.zoekterm.strip())
            | Q(onderwerp__icontains=filters.zoekterm.strip())
        )
    if filters.afdeling_id:
        contracten = contracten.filter(afdeling_id=filters.afdeling_id)
    if filters.alleen_eigen and actor.medewerker is not None:
        contracten = contracten.filter(eigenaar_id=actor.medewerker.pk)
    if filters.met_social_return:
        contracten = contracten.filter(Q(sr_uren_toegezegd__gt=0) | Q(sr_bedrag_toegezegd__gt=0))
    if filters.eindigt_binnen_dagen is not None:
        contracten = contracten.filter(
            pk__in=_actie_binnen(contracten, op, op + timedelta(days=filters.eindigt_binnen_dagen))
        )
    lijst = list(contracten[:5000])
    sommen = _sr_sommen([c.pk for c in lijst])
    regels = [_regel(c, op, sommen) for c in lijst]
    if filters.status:
        regels = [r for r in regels if r.status == filters.status]
    if filters.eindigt_binnen_dagen is not None:
        grens = op + timedelta(days=filters.eindigt_binnen_dagen)
        regels = [r for r in regels if _actiedatum(r) is not None and op <= _actiedatum(r) <= grens]
    regels.sort(key=lambda r: (r.einde is None, r.einde or date.max, r.contract.kenmerk))
    _log_natuurlijke_personen(actor, [r.contract for r in regels], "Contractenoverzicht bekeken")
    return regels


def _actiedatum(regel: Contractregel) -> date | None:
    """The date a contract needs a decision by: the notice deadline of a contract that renews
    by itself, otherwise the end of its term."""
    renews = (
        regel.contract.verlenging == Verlenging.AUTOMATISCH and regel.contract.opgezegd_op is None
    )
    return regel.opzegdatum if renews else regel.einde


def _actiedatum_looptijd(tijd: Looptijd, op: date) -> date | None:
    """`_actiedatum` from the plain dates alone (no Contractregel, no Social Return sums)."""
    einde = huidige_einddatum(tijd, op)
    if einde is None:
        return None
    if tijd.automatisch_verlengen and tijd.opgezegd_op is None:
        return uiterste_opzegdatum_voor(tijd, einde)
    return einde


_LOOPTIJD_VELDEN = (
    "startdatum",
    "einddatum",
    "verlenging",
    "verlengingsperiode_maanden",
    "opzegtermijn",
    "opzegtermijn_eenheid",
    "opgezegd_op",
)


def _actie_binnen(contracten: QuerySet[Contract], van: date, tot: date) -> list[int]:
    """The ids of the contracts whose action date (`_actiedatum`) lies in [van, tot]."""
    return [pk for pk, _waarden, _tijd in _in_venster(contracten, van, tot)]


def _in_venster(
    contracten: QuerySet[Contract], van: date, tot: date, *velden: str
) -> Iterator[tuple[int, tuple[Any, ...], Looptijd]]:
    """(id, the values of `velden`, its Looptijd) of each contract whose action date lies in
    [van, tot].

    The database narrows first: a contract that does not renew by itself ends on its
    `einddatum` (so that date must lie in the window: an index-friendly range); one that
    renews by itself may have its current term far from its first `einddatum`, so it stays a
    candidate. Only the candidates' plain dates are read, and the rule of `termijnen` runs on
    them here; full rows are loaded for the hits only."""
    kandidaten = (
        contracten.filter(einddatum__isnull=False)
        .filter(Q(einddatum__gte=van, einddatum__lte=tot) | Q(verlenging=Verlenging.AUTOMATISCH))
        .order_by()
        .values_list("pk", *velden, *_LOOPTIJD_VELDEN)
    )
    for pk, *rest in kandidaten:
        start, eind, verlenging, periode, termijn, eenheid, opgezegd = rest[len(velden) :]
        tijd = Looptijd(
            startdatum=start,
            einddatum=eind,
            automatisch_verlengen=verlenging == Verlenging.AUTOMATISCH,
            verlengingsperiode_maanden=periode,
            opzegtermijn=termijn,
            opzegtermijn_eenheid=eenheid,
            opgezegd_op=opgezegd,
        )
        actie = _actiedatum_looptijd(tijd, van)
        if actie is not None and van <= actie <= tot:
            yield pk, tuple(rest[: len(velden)]), tijd


def contracten_aflopend(*, actor: Actor, op: date, dagen: int, limit: int) -> list[Contract]:
    """The first `limit` contracts of the overview's "ending within `dagen` days"
    (`contracten_overzicht` with `eindigt_binnen_dagen`: soonest current end first, then the
    contract number), for the search box's smart filter.

    The overview builds every hit in full (860 contracts, 4 objects and a Social Return sum
    each: 60 ms at 10,000 contracts) to show 51; here the window and the order come from the
    candidates' plain dates, and full rows are read for the shown contracts only. The search
    box logs the residents it shows."""
    tot = op + timedelta(days=dagen)
    # A hit has an action date, so it has a current end (the overview's sort key).
    sleutels = [
        (huidige_einddatum(tijd, op), kenmerk, pk)
        for pk, (kenmerk,), tijd in _in_venster(contracten_zichtbaar(actor), op, tot, "kenmerk")
    ]
    getoond = [pk for _einde, _kenmerk, pk in sorted(sleutels)[: max(limit, 0)]]
    rijen = contracten_zichtbaar(actor).in_bulk(getoond)
    return [rijen[pk] for pk in getoond]


def contract_get(*, actor: Actor, uuid: uuid_module.UUID | str, op: date) -> Contractregel:
    """One contract the actor may see, with its status; NietGevonden otherwise."""
    try:
        contract = contracten_met_details(actor).get(uuid=uuid)
    except (Contract.DoesNotExist, ValueError, TypeError) as error:
        raise NietGevonden("Contract niet gevonden.") from error
    if contract.partij.soort == PartijSoort.NATUURLIJK_PERSOON:
        verwerking_record(
            actor=actor, handeling="Contract bekeken", doel=DOEL, partij=contract.partij
        )
    return _regel(contract, op, _sr_sommen([contract.pk]))


# What the relation page's block shows of a contract and needs for its status and end date
# (looptijd): no owner, department or party joined (the party is the page's own).
RELATIEBLOK_VELDEN = (
    "uuid",
    "organisatie_id",
    "partij_id",
    "kenmerk",
    "onderwerp",
    "waarde",
    "startdatum",
    "einddatum",
    "opzegtermijn",
    "opzegtermijn_eenheid",
    "verlenging",
    "verlengingsperiode_maanden",
    "opgezegd_op",
    "sr_uren_toegezegd",
    "sr_bedrag_toegezegd",
)


def contracten_van_partij(*, actor: Actor, partij: Partij, op: date) -> list[Contractregel]:
    """The contracts of one relation the actor may see (for the relation page), with the
    columns of RELATIEBLOK_VELDEN and `partij` as their party."""
    require_role(actor, *MAY_READ_CONTRACTEN)
    contracten = list(
        Contract.objects.filter(contract_filter(actor), partij_id=partij.pk)
        .only(*RELATIEBLOK_VELDEN)
        .annotate(sr_uren=Sum("realisaties__uren"), sr_bedrag=Sum("realisaties__bedrag"))
        .order_by("-startdatum")
    )
    for contract in contracten:
        contract.partij = partij
    # The Social Return sums come with the contracts (one query for the block, not two).
    sommen = {c.pk: (c.sr_uren or NUL, c.sr_bedrag or NUL) for c in contracten}
    _log_natuurlijke_personen(actor, contracten, "Contracten van relatie bekeken")
    return [_regel(c, op, sommen) for c in contracten]
