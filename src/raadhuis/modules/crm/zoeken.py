"""One search box over the CRM: relations, contact persons, contact moments and whatever the
sub-apps register (leads, contracts, complaints).

The crm core never imports its sub-apps, so each sub-app registers a `Zoekbron` from its
AppConfig.ready() with `zoek_register(...)`: the rows the actor may see (its own selector with
the actor), the text fields to match, the path to the party, how to show a hit, and its smart
filters ("contracten die binnen 90 dagen aflopen"). The core registers its own three sources
below.

Speed on 200,000 relations and 2,000,000 contact moments:

* every group is bounded (`limit + 1` rows fetched, never a COUNT over the table);
* names match on the party's normalised `zoeknaam` (lower case, no accents) with `contains`,
  which PostgreSQL answers from a pg_trgm GIN index (crm migration 0002); text fields use
  `icontains`, answered from GIN indexes on `UPPER(col::text)` (the SQL Django emits); terms of
  one or two characters match only the start of a name or word (no index helps an infix there);
* a group is one query with `select_related`, the processing log one insert per group.

On SQLite (development, tests) the same queries run as plain LIKE.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.parties.models import Partij, PartijSoort, normalise_for_search
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.models import Contactpersoon, Klantcontact, Relatie
from raadhuis.modules.crm.selectors import (
    DOEL,
    MAY_READ_RELATIES,
    relatie_bereik,
    relatie_filter,
)

MIN_TEKENS = 2
MAX_WOORDEN = 5
KORT = 3  # terms shorter than this match only the start of a name or word
STANDAARD_LIMIET = 8
MAX_LIMIET = 50


@dataclass(frozen=True)
class SlimFilter:
    """A named, ready-made question ("leads zonder contact in 30 dagen").

    Either `filter(actor, qs, vandaag)` narrows the source's rows in the database, or `rijen(
    actor, vandaag, limit)` returns the rows itself (for a rule its owner computes in Python,
    such as a contract's current term)."""

    sleutel: str
    titel: Any  # str or lazy translation
    filter: Callable[[Actor, QuerySet, date], QuerySet] | None = None
    rijen: Callable[[Actor, date, int], list[Any]] | None = None


@dataclass(frozen=True)
class Zoekbron:
    """One kind of thing the search box finds.

    basis: the rows the actor may see, from the owning part's selector (may raise
        ToegangGeweigerd: the group is then left out).
    tekstvelden: fields matched with icontains (onderwerp, titel).
    partij_veld: the path to the kernel Partij the row is about; its zoeknaam is matched and
        natural persons among the hits go into the processing log.
    kenmerk_velden: fields matched exactly on a number-like term (contract number, KvK).
    titel_van / omschrijving_van / url_van: how a hit is shown.
    """

    naam: str
    titel: Any
    volgorde: int
    basis: Callable[[Actor], QuerySet]
    url_van: Callable[[Any], str]
    titel_van: Callable[[Any], str]
    omschrijving_van: Callable[[Any], str] = lambda obj: ""
    tekstvelden: tuple[str, ...] = ()
    partij_veld: str = ""
    kenmerk_velden: tuple[str, ...] = ()
    select_related: tuple[str, ...] = ()
    sortering: tuple[str, ...] = ("-pk",)
    slimme_filters: tuple[SlimFilter, ...] = ()
    doel: str = DOEL
    # True: match the party's name through a join (few rows, sorted by name: relations);
    # False: through a bounded list of matching party ids, so a big table (contact moments)
    # is searched as `partij_id IN (...) OR UPPER(onderwerp) LIKE ...`, two index scans.
    naam_via_join: bool = False


MAX_PARTIJEN_PER_WOORD = 500

_BRONNEN: dict[str, Zoekbron] = {}


def zoek_register(bron: Zoekbron) -> None:
    """Register (or replace, on a second ready()) a search source."""
    _BRONNEN[bron.naam] = bron


def zoekbronnen() -> list[Zoekbron]:
    return sorted(_BRONNEN.values(), key=lambda b: (b.volgorde, b.naam))


def slimme_filters() -> list[tuple[Zoekbron, SlimFilter]]:
    return [(bron, slim) for bron in zoekbronnen() for slim in bron.slimme_filters]


def slim_filter_get(sleutel: str) -> tuple[Zoekbron, SlimFilter] | None:
    for bron, slim in slimme_filters():
        if slim.sleutel == sleutel:
            return bron, slim
    return None


@dataclass(frozen=True)
class Treffer:
    titel: str
    omschrijving: str
    url: str


@dataclass(frozen=True)
class Groep:
    bron: Zoekbron
    treffers: list[Treffer]
    meer: bool  # more hits than shown: narrow the search or filter on this type


@dataclass
class Zoekresultaat:
    zoekterm: str
    groepen: list[Groep] = field(default_factory=list)
    slim: SlimFilter | None = None
    suggesties: list[tuple[Zoekbron, SlimFilter]] = field(default_factory=list)
    te_kort: bool = False

    @property
    def aantal(self) -> int:
        return sum(len(g.treffers) for g in self.groepen)


# --- matching -----------------------------------------------------------------------------


def _woorden(zoekterm: str) -> list[str]:
    return [w for w in zoekterm.split() if w][:MAX_WOORDEN]


def _naam_q(pad: str, woord: str) -> Q:
    """The party's normalised name contains the word; a short word only at a word start."""
    naam = normalise_for_search(woord)
    if not naam:
        return Q(pk__in=[])
    veld = f"{pad}__zoeknaam" if pad else "zoeknaam"
    if len(naam) < KORT:
        return Q(**{f"{veld}__startswith": naam}) | Q(**{f"{veld}__contains": f" {naam}"})
    return Q(**{f"{veld}__contains": naam})


class _PartijIds:
    """Per search: the ids of the parties whose name holds a word, looked up once per word."""

    def __init__(self, organisatie_id: int) -> None:
        self.organisatie_id = organisatie_id
        self._cache: dict[str, list[int]] = {}

    def voor(self, woord: str) -> list[int]:
        if woord not in self._cache:
            self._cache[woord] = list(
                Partij.objects.filter(_naam_q("", woord), organisatie_id=self.organisatie_id)
                .order_by()
                .values_list("pk", flat=True)[:MAX_PARTIJEN_PER_WOORD]
            )
        return self._cache[woord]


def _woord_q(bron: Zoekbron, woord: str, partij_ids: _PartijIds) -> Q:
    q = Q(pk__in=[])
    if bron.partij_veld and bron.naam_via_join:
        q |= _naam_q(bron.partij_veld, woord)
    elif bron.partij_veld:
        q |= Q(**{f"{bron.partij_veld}_id__in": partij_ids.voor(woord)})
    for veld in bron.tekstvelden:
        if len(woord) < KORT:
            q |= Q(**{f"{veld}__istartswith": woord})
        else:
            q |= Q(**{f"{veld}__icontains": woord})
    return q


def _is_kenmerk(zoekterm: str) -> bool:
    """A number-like term (KvK number, BSN, contract or complaint number) matches exactly."""
    compact = zoekterm.replace(".", "").replace(" ", "")
    return any(ch.isdigit() for ch in compact) and len(compact.split()) == 1


def _term_q(bron: Zoekbron, zoekterm: str, partij_ids: _PartijIds) -> Q:
    compact = zoekterm.replace(".", "").replace(" ", "")
    q = Q()
    for woord in _woorden(zoekterm):
        q &= _woord_q(bron, woord, partij_ids)
    if _is_kenmerk(zoekterm):
        exact = Q(pk__in=[])
        for veld in bron.kenmerk_velden:
            exact |= Q(**{f"{veld}__iexact": compact})
        if bron.partij_veld:
            exact |= Q(**{f"{bron.partij_veld}__identificatie": compact})
        q = q | exact
    return q


# --- the search ---------------------------------------------------------------------------


def _personen(bron: Zoekbron, rijen: Iterable[Model]) -> list[Partij]:
    if not bron.partij_veld:
        return []
    personen = []
    for rij in rijen:
        partij: Any = rij
        for stap in bron.partij_veld.split("__"):
            partij = getattr(partij, stap, None)
        if isinstance(partij, Partij) and partij.soort == PartijSoort.NATUURLIJK_PERSOON:
            personen.append(partij)
    return personen


def _queryset(bron: Zoekbron, actor: Actor) -> QuerySet:
    qs = bron.basis(actor)
    related = list(bron.select_related)
    if bron.partij_veld and bron.partij_veld not in related:
        related.append(bron.partij_veld)
    return qs.select_related(*related)


def _groep(
    bron: Zoekbron,
    actor: Actor,
    zoekterm: str,
    slim: SlimFilter | None,
    limit: int,
    partij_ids: _PartijIds,
) -> Groep | None:
    try:
        if slim is not None and slim.rijen is not None:
            rijen = list(slim.rijen(actor, vandaag(actor.organisatie.tijdzone), limit + 1))
        else:
            qs = _queryset(bron, actor)
            if zoekterm:
                qs = qs.filter(_term_q(bron, zoekterm, partij_ids))
            if slim is not None and slim.filter is not None:
                qs = slim.filter(actor, qs, vandaag(actor.organisatie.tijdzone))
            rijen = list(qs.order_by(*bron.sortering)[: limit + 1])
    except (ToegangGeweigerd, NietGevonden):
        return None  # this part is not for the actor's role: leave the group out
    getoond = rijen[:limit]
    personen = _personen(bron, getoond)
    if personen:
        verwerkingen_record(
            actor=actor,
            handeling=f"Gevonden bij zoeken in het CRM ({bron.naam})",
            doel=bron.doel,
            partijen=personen,
        )
    treffers = [
        Treffer(bron.titel_van(r), bron.omschrijving_van(r), bron.url_van(r)) for r in getoond
    ]
    return Groep(bron=bron, treffers=treffers, meer=len(rijen) > limit)


def slim_suggesties(zoekterm: str) -> list[tuple[Zoekbron, SlimFilter]]:
    """Smart filters whose title holds every typed word ('aflopen' -> contracts ending soon)."""
    woorden = [normalise_for_search(w) for w in _woorden(zoekterm)]
    if not woorden or any(len(w) < KORT for w in woorden):
        return []
    return [
        (bron, slim)
        for bron, slim in slimme_filters()
        if all(w in normalise_for_search(str(slim.titel)) for w in woorden)
    ]


def crm_zoeken(
    *,
    actor: Actor,
    zoekterm: str = "",
    soorten: Iterable[str] = (),
    slim: str = "",
    limit: int = STANDAARD_LIMIET,
) -> Zoekresultaat:
    """Search every registered source the actor may read, grouped per type.

    `soorten` narrows to those sources (names as registered); `slim` applies one smart filter
    (and so one source); `limit` bounds each group (at most MAX_LIMIET)."""
    require_role(actor, *MAY_READ_RELATIES)
    zoekterm = " ".join(zoekterm.split())[:200]
    limit = max(1, min(limit, MAX_LIMIET))
    resultaat = Zoekresultaat(zoekterm=zoekterm)
    gekozen = slim_filter_get(slim) if slim else None
    if gekozen is None and len(zoekterm) < MIN_TEKENS:
        resultaat.te_kort = bool(zoekterm)
        return resultaat
    resultaat.suggesties = slim_suggesties(zoekterm) if gekozen is None else []
    if gekozen is not None:
        bronnen = [gekozen[0]]
        resultaat.slim = gekozen[1]
    else:
        wanted = set(soorten)
        bronnen = [b for b in zoekbronnen() if not wanted or b.naam in wanted]
    partij_ids = _PartijIds(actor.organisatie.pk)
    for bron in bronnen:
        groep = _groep(bron, actor, zoekterm, resultaat.slim, limit, partij_ids)
        if groep is not None:
            resultaat.groepen.append(groep)
    return resultaat


# --- the core's own sources ---------------------------------------------------------------


def _relaties(actor: Actor) -> QuerySet:
    require_role(actor, *MAY_READ_RELATIES)
    return Relatie.objects.filter(relatie_filter(actor), actief=True)


def _relatie_url(relatie: Relatie) -> str:
    return reverse("crm:relatie", args=[relatie.partij.uuid])


def _relatie_omschrijving(relatie: Relatie) -> str:
    delen = [str(relatie.get_soort_display())]
    if relatie.partij.identificatie and relatie.partij.soort != PartijSoort.NATUURLIJK_PERSOON:
        delen.append(str(_("KvK %(nummer)s")) % {"nummer": relatie.partij.identificatie})
    if relatie.lokale_naam:
        delen.append(relatie.lokale_naam)
    return " · ".join(delen)


def _zonder_accountmanager(actor: Actor, qs: QuerySet, op: date) -> QuerySet:
    return qs.filter(accountmanager__isnull=True)


def _contactpersonen(actor: Actor) -> QuerySet:
    require_role(actor, *MAY_READ_RELATIES)
    return Contactpersoon.objects.filter(relatie_filter(actor, prefix="relatie__"), einddatum=None)


def _klantcontacten(actor: Actor) -> QuerySet:
    """Contact moments with a relation the actor sees; a confidential one only for its author
    and its department (its subject is content too)."""
    require_role(actor, *MAY_READ_RELATIES)
    qs = Klantcontact.objects.filter(organisatie_id=actor.organisatie.pk)
    if actor.type == "systeem":
        return qs
    bereik = relatie_bereik(actor)
    if not bereik.alles:
        # Only when the actor does not see every relation: for a contact centre the
        # semi-join over millions of contact moments would cost time and filter nothing.
        zichtbaar = Relatie.objects.filter(relatie_filter(actor), partij_id=OuterRef("partij_id"))
        qs = qs.filter(Exists(zichtbaar))
    return qs.filter(
        Q(vertrouwelijk=False)
        | Q(medewerker_id=bereik.medewerker_id)
        | Q(eenheid_id__in=sorted(bereik.eenheid_ids))
    )


def _klantcontact_omschrijving(contact: Klantcontact) -> str:
    moment = contact.plaatsgevonden_op.strftime("%d-%m-%Y")
    return f"{contact.partij} · {contact.get_kanaal_display()} · {moment}"


zoek_register(
    Zoekbron(
        naam="relaties",
        titel=_("Relaties"),
        volgorde=10,
        basis=_relaties,
        partij_veld="partij",
        naam_via_join=True,
        tekstvelden=("lokale_naam",),
        select_related=("partij",),
        sortering=("partij__zoeknaam", "pk"),
        url_van=_relatie_url,
        titel_van=lambda r: r.partij.weergavenaam,
        omschrijving_van=_relatie_omschrijving,
        slimme_filters=(
            SlimFilter(
                "relaties_zonder_accountmanager",
                _("Relaties zonder accountmanager"),
                filter=_zonder_accountmanager,
            ),
        ),
    )
)
zoek_register(
    Zoekbron(
        naam="contactpersonen",
        titel=_("Contactpersonen"),
        volgorde=20,
        basis=_contactpersonen,
        partij_veld="persoon",
        naam_via_join=True,
        tekstvelden=("email", "rol"),
        select_related=("relatie__partij",),
        sortering=("persoon__zoeknaam", "pk"),
        url_van=lambda c: reverse("crm:relatie", args=[c.relatie.partij.uuid]),
        titel_van=lambda c: str(c.persoon),
        omschrijving_van=lambda c: f"{c.rol} · {c.relatie.partij}",
    )
)
zoek_register(
    Zoekbron(
        naam="klantcontacten",
        titel=_("Contactmomenten"),
        volgorde=30,
        basis=_klantcontacten,
        partij_veld="partij",
        tekstvelden=("onderwerp",),
        kenmerk_velden=("referentienummer",),
        sortering=("-plaatsgevonden_op", "-pk"),
        url_van=lambda c: reverse("crm:relatie", args=[c.partij.uuid]) + "#kop-klantcontacten",
        titel_van=lambda c: f"{c.referentienummer} {c.onderwerp}",
        omschrijving_van=_klantcontact_omschrijving,
    )
)
