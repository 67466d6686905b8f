"""One search box over the CRM: relations, contact persons, contact moments and whatever the
sub-apps register (leads, contracts, complaints).

The crm core never imports its sub-apps, so each sub-app registers a `Zoekbron` from its
AppConfig.ready() with `zoek_register(...)`: the rows the actor may see (its own selector with
the actor), the text fields to match, the path to the party, how to show a hit, and its smart
filters ("contracten die binnen 90 dagen aflopen"). The core registers its own three sources
the same way (zoekbronnen.py, from the crm AppConfig.ready()).

Speed on 200,000 relations and 2,000,000 contact moments (benchmarks/bench_crm.py; EXPLAIN
ANALYZE notes in the crm-zoeken handoff):

* a hit has every typed word in the party's name or in the row's own text. An OR across two
  tables is answered by no index (PostgreSQL then joins whole tables), so each group runs one
  bounded query per *way* of matching, each driven by one index on one table: the rarest word
  (fewest party names hold it) in the party's name (pg_trgm GIN on `zoeknaam`, parties 0002),
  the same word in the row's own text (GIN on `UPPER(col::text)`, the SQL of `icontains`,
  crm 0002/0003), and for a number-like term the row's own number or its party's register
  number exactly. The other words only filter the rows found. On PostgreSQL the ways are one
  `UNION ALL` of `(... ORDER BY ... LIMIT n + 1)` parts; the rows are merged and sorted here;
* every group is bounded (`limit + 1` rows per way, never a COUNT: the page says "meer dan
  8"), one type is paged by keyset (`na`: a signed token of the last hit's sort values), never
  by OFFSET; each group's order has a matching index (crm 0003), so a common word stops after
  a few index entries;
* the access filter stays in SQL (each part's own selector); the processing log for the
  residents found is written in one INSERT at the end.

On SQLite (development, tests) the same queries run as plain LIKE.
"""

from __future__ import annotations

import json
import uuid as uuid_module
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core import signing
from django.db import connection
from django.db.models import F, Model, OrderBy, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.urls import get_script_prefix, get_urlconf, reverse

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import Ids, require_role
from raadhuis.kernel.audit.services import verwerkingen_buffer, verwerkingen_record
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.parties.models import Partij, PartijSoort, normalise_for_search
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.selectors import (
    DOEL,
    MAY_READ_RELATIES,
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
    # The relations a hit shows (with partij_veld): when declared, exactly these are joined.
    select_related: tuple[str, ...] = ()
    # The fields a hit shows (titel_van, omschrijving_van, url_van): when declared, only
    # these are read, with the sort fields and the party's uuid, name and kind (the
    # processing log). Each part of a search selected 30-190 columns (a complaint with its
    # whole case); compiling, sending and loading them was a third of a search's Python.
    # A field a hit uses but this leaves out costs a query per hit (the tests count them).
    velden: tuple[str, ...] = ()
    # Relations a hit shows but neither the match, the order nor the access filter needs
    # (prefetch_related lookups): read after the LIMIT, for the hits shown only. Joined in
    # the query, every matching row was joined before the LIMIT: a contact person's
    # organisation and its party, 16,000 buffers for "dam" at 40,000 contact persons.
    na_laden: tuple[Any, ...] = ()
    sortering: tuple[str, ...] = ("-pk",)
    slimme_filters: tuple[SlimFilter, ...] = ()
    doel: str = DOEL
    # True: the name way joins the party (the group is sorted by that name: relations);
    # False: it is a semi-join on the matching party ids (or their list, when few), so a big
    # table (contact moments) is read through its own party index.
    naam_via_join: bool = False
    # With naam_via_join: nearly every party is a row of this source (relations), so walking
    # the parties' name index in order finds the first hits soon. Not for contact persons:
    # few parties are one, and the walk would read the whole index.
    naam_in_volgorde: bool = False
    # With naam_via_join: the row holds its party's search name itself (`zoeknaam`, kept by
    # triggers), so the name is matched and sorted on the row's own table (contact persons).
    eigen_zoeknaam: bool = False
    # For a department user: narrows a list of party ids (a rare name's parties) to those
    # whose rows the actor may see, so the semi-join reads them party by party instead of
    # walking the date index past every other department's rows.
    zichtbare_partijen: Callable[[Actor, list[int]], list[int]] | None = None
    # Up to this many driving parties the rows are read per party and sorted (see
    # `_naam_drijvend`); a source with few rows per party (leads, contracts) may go higher:
    # 2,000 parties are then ~2,500 index entries, while the date-index walk past other
    # departments' rows read 18,000 buffers for a department user.
    per_partij_grens: int = 300


# A register number is one party per kind; a few more would be a data error, not a hit list.
MAX_PARTIJEN_PER_NUMMER = 20
# Counting how many party names hold a word stops here: enough to tell rare from common.
TEL_GRENS = 2000

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
    rijen: list[Any] = field(default_factory=list, repr=False)  # the objects shown
    # Keyset cursor of the last hit shown, when one type is paged through ("Volgende").
    volgende: str = ""


@dataclass
class Zoekresultaat:
    zoekterm: str
    groepen: list[Groep] = field(default_factory=list)
    slim: SlimFilter | None = None
    suggesties: list[tuple[Zoekbron, SlimFilter]] = field(default_factory=list)
    te_kort: bool = False
    na: str = ""  # the cursor this page starts after (empty: the first page)

    @property
    def aantal(self) -> int:
        return sum(len(g.treffers) for g in self.groepen)


# --- hit URLs -----------------------------------------------------------------------------

_URL_PLEK = uuid_module.UUID(int=0)  # stands in for the UUID when a pattern is reversed
_URL_PATRONEN: dict[tuple[str, str, Any], str] = {}


def uuid_url(naam: str, waarde: uuid_module.UUID) -> str:
    """`reverse(naam, args=[waarde])` for a URL whose only argument is a UUID (a hit's link):
    reversed once per URL name, script prefix and urlconf, then the UUID is put in. A search
    page links up to 50 hits: reverse() each time cost 1.2 ms, this 0.3 ms."""
    sleutel = (naam, get_script_prefix(), get_urlconf())
    patroon = _URL_PATRONEN.get(sleutel)
    if patroon is None:
        patroon = _URL_PATRONEN[sleutel] = reverse(naam, args=[_URL_PLEK])
    return patroon.replace(str(_URL_PLEK), str(waarde))


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


def _naam_pad(bron: Zoekbron) -> str:
    """Where `_naam_q` finds the row's search name: its own column or its party's."""
    return "" if bron.eigen_zoeknaam else bron.partij_veld


class _Partijen:
    """Per search: the organisation's parties matched by name (a subquery, so the database
    joins it) or by register number (a short list, looked up once)."""

    def __init__(self, organisatie_id: int, actor: Actor | None = None) -> None:
        self.organisatie_id = organisatie_id
        self.actor = actor
        self._zichtbaar: dict[tuple[str, tuple[int, ...]], list[int]] = {}
        self._nummers: dict[str, list[int]] = {}
        self._zeldzaamste: int | None = None
        self._ids: dict[str, list[int]] = {}
        self._in_elke_naam: dict[tuple[str, ...], list[int] | None] = {}

    def met_naam(self, woorden: list[str]) -> QuerySet:
        q = Q(organisatie_id=self.organisatie_id)
        for woord in woorden:
            q &= _naam_q("", woord)
        return Partij.objects.filter(q).order_by().values("pk")

    def zeldzaamste(self, woorden: list[str], een_tellen: bool = True) -> int:
        """The index of the word fewest party names hold (their ids fetched up to a bound,
        once per search): it drives every group's queries, so they read the fewest rows.

        One word is counted too (one query per search, 1-3 ms of PostgreSQL CPU): a rare
        name is then read party by party in every group, instead of a walk of the name or
        date index that the department filter makes long (a department user's "Groeker":
        75,000 index entries for the relations, 10,000 contact moments). A word too short for
        the trigram index (< KORT) is not counted alone: that count would scan every name;
        nor is a word for a source that would not use its ids (`een_tellen`)."""
        if len(woorden) < 2 and (
            not een_tellen or not woorden or len(normalise_for_search(woorden[0])) < KORT
        ):
            return 0
        if self._zeldzaamste is None:
            for woord in woorden:
                self._ids[woord] = list(
                    Partij.objects.filter(_naam_q("", woord), organisatie_id=self.organisatie_id)
                    .order_by()
                    .values_list("pk", flat=True)[: TEL_GRENS + 1]
                )
            # Equally common (both past the bound): the longer word, as a rule the rarer text.
            self._zeldzaamste = min(
                range(len(woorden)), key=lambda i: (len(self._ids[woorden[i]]), -len(woorden[i]))
            )
        return self._zeldzaamste

    def drijvend(self, woord: str) -> list[int] | QuerySet:
        """The parties whose name holds the word, to drive a query: the ids themselves when
        they were counted and few (the planner then looks rows up by party instead of walking
        the whole table in date order), else the subquery."""
        ids = self._ids.get(woord)
        if ids is not None and len(ids) <= TEL_GRENS:
            return ids
        return self.met_naam([woord])

    def zichtbaar(self, bron: Zoekbron, ids: list[int]) -> list[int]:
        """`ids` narrowed by the source's `zichtbare_partijen` (once per source and list)."""
        if bron.zichtbare_partijen is None or self.actor is None or not ids:
            return ids
        sleutel = (bron.naam, tuple(ids))
        if sleutel not in self._zichtbaar:
            self._zichtbaar[sleutel] = bron.zichtbare_partijen(self.actor, ids)
        return self._zichtbaar[sleutel]

    def in_geen_naam(self, woord: str) -> bool:
        """The word was counted and no party name holds it: a name way would find nothing
        (a KvK or reference number, a subject word), so it is left out of the UNION."""
        return self._ids.get(woord) == []

    def verdeeld(self, woorden: list[str], sleutel: int) -> tuple[list[int], list[int]] | None:
        """For two or more words: the parties whose name holds the rarest word, split into
        those whose name holds every word and the others (ids, once per search); None when
        either list is too long to hand to the database as ids."""
        if len(woorden) < 2:
            return None
        drijvend = self._ids.get(woorden[sleutel])
        if drijvend is None or len(drijvend) > TEL_GRENS:
            return None
        sleutel_woorden = tuple(woorden)
        if sleutel_woorden not in self._in_elke_naam:
            # Every word's trigrams at once: the GIN index ANDs them, so this reads only the
            # names that hold all the words.
            ids = list(self.met_naam(woorden).values_list("pk", flat=True)[: TEL_GRENS + 1])
            self._in_elke_naam[sleutel_woorden] = ids if len(ids) <= TEL_GRENS else None
        in_elke = self._in_elke_naam[sleutel_woorden]
        if in_elke is None:
            return None
        alle = set(in_elke)
        return sorted(alle), [pk for pk in drijvend if pk not in alle]

    def met_nummer(self, nummer: str) -> list[int]:
        if nummer not in self._nummers:
            self._nummers[nummer] = list(
                Partij.objects.filter(organisatie_id=self.organisatie_id, identificatie=nummer)
                .order_by()
                .values_list("pk", flat=True)[:MAX_PARTIJEN_PER_NUMMER]
            )
        return self._nummers[nummer]


def _tekst_q(bron: Zoekbron, woord: str) -> Q:
    """The word in one of the source's own text fields (a short word: at the start)."""
    q = Q(pk__in=[])
    lookup = "istartswith" if len(woord) < KORT else "icontains"
    for veld in bron.tekstvelden:
        q |= Q(**{f"{veld}__{lookup}": woord})
    return q


def _partij_in(bron: Zoekbron, ids: list[int] | QuerySet) -> Q:
    """The row's party is one of `ids` (a list, or a subquery of party ids)."""
    return veld_in(f"{bron.partij_veld}_id", ids)


def veld_in(veld: str, ids: list[int] | QuerySet) -> Q:
    """`veld` (a foreign key) is one of `ids`: a list goes to PostgreSQL as one array parameter
    (the kernel's `ids_in` lookup), so 800 ids in six groups are not compiled and adapted one
    by one, and the SQL text stays the same for any number of ids (a prepared statement is
    reused); a subquery stays a subquery."""
    if isinstance(ids, list):
        return Q(**{f"{veld}__ids_in": Ids(ids)})
    return Q(**{f"{veld}__in": ids})


def _naam_drijvend(bron: Zoekbron, woord: str, partijen: _Partijen) -> Manier:
    """The word in the party's name, as the condition that drives the query: through the join
    (relations, contact persons: sorted by that name) or as a semi-join on the party ids.

    A short list of party ids is read party by party (the (organisatie, partij, date) index)
    and sorted, not found by walking the whole table in date order: with skewed data (a few
    relations with thousands of contact moments) that walk read 22,000 rows for 9 hits."""
    ids = partijen.drijvend(woord)
    if isinstance(ids, list):
        ids = partijen.zichtbaar(bron, ids)
    if bron.naam_in_volgorde and isinstance(ids, list) and len(ids) <= bron.per_partij_grens:
        # A counted, rare word: look the relations up by party and sort them, instead of
        # walking the name index until enough visible ones turn up. (Not for contact persons:
        # most parties are none, the planner expects one per id and hash-joins every
        # relation; their name way below reads 2,500 buffers for the same word.)
        return Manier(_partij_in(bron, ids), per_partij=True)
    if bron.naam_via_join:
        q = _naam_q(_naam_pad(bron), woord)
        if bron.naam_in_volgorde:
            # The party's own tenant too (the same as the row's): then the (organisatie_id,
            # zoeknaam) index gives the parties in name order, and a common word stops after
            # a few hundred index entries instead of a scan of every party's name.
            q &= Q(**{f"{bron.partij_veld}__organisatie_id": partijen.organisatie_id})
        return Manier(q)
    per_partij = isinstance(ids, list) and len(ids) <= bron.per_partij_grens
    return Manier(_partij_in(bron, ids), per_partij=per_partij)


def _ergens_q(bron: Zoekbron, woord: str) -> Q:
    """The word in the party's name or in the source's own text: only a filter on the rows
    the driving condition found (an OR across two tables no index answers)."""
    q = _tekst_q(bron, woord)
    if bron.partij_veld:
        q |= _naam_q(_naam_pad(bron), woord)
    return q


def _is_kenmerk(zoekterm: str) -> bool:
    """A number-like term (KvK number, BSN, contract or complaint number) matches exactly."""
    compact = zoekterm.replace(".", "").replace(" ", "")
    return any(ch.isdigit() for ch in compact) and len(compact.split()) == 1


def _kenmerk_manieren(bron: Zoekbron, zoekterm: str, partijen: _Partijen) -> list[Manier]:
    """A number-like term: exactly a number of the row (contract number), or of its party
    (KvK number). Two ways, each driven by its own index: as one OR, PostgreSQL walked the
    newest-first index of 2,000,000 contact moments (24,000 rows for 9 hits of one party)."""
    if not _is_kenmerk(zoekterm):
        return []
    compact = zoekterm.replace(".", "").replace(" ", "")
    manieren = []
    if bron.kenmerk_velden:
        q = Q(pk__in=[])
        for veld in bron.kenmerk_velden:
            q |= Q(**{f"{veld}__iexact": compact})
        manieren.append(Manier(q))
    if bron.partij_veld and (ids := partijen.met_nummer(compact)):
        # Read party by party and sorted: the planner walked the newest-first index to find
        # a busy party's rows (24,000 rows for 9 hits).
        manieren.append(Manier(_partij_in(bron, ids), per_partij=True))
    return manieren


@dataclass(frozen=True)
class Manier:
    """One way of matching: its condition, and whether its rows are sorted after reading
    them per party (see `_naam_drijvend`) instead of read in the order's index."""

    q: Q
    per_partij: bool = False


def _filters(bron: Zoekbron, zoekterm: str, partijen: _Partijen) -> list[Manier]:
    """The ways a row can match "every word is in the party's name or in the row's text",
    each driven by an index on one table; the search runs one bounded query per way and
    merges them.

    One word (the rarest in party names) drives: a hit has it in the party's name
    (first way) or in its own text (second way); the other words only filter the rows found.
    A number-like term also matches the row's own number or its party's register number
    exactly (third and fourth way)."""
    woorden = _woorden(zoekterm)
    # One word's party ids drive relations (in name order) and the semi-join sources; the
    # contact persons' name way joins the names itself, so it does not count them alone.
    sleutel = partijen.zeldzaamste(woorden, bron.naam_in_volgorde or not bron.naam_via_join)
    rest = Q()
    for i, woord in enumerate(woorden):
        if i != sleutel:
            rest &= _ergens_q(bron, woord)
    filters = []
    verdeeld = None if bron.naam_via_join else partijen.verdeeld(woorden, sleutel)
    if bron.partij_veld and verdeeld is not None:
        filters.extend(_naam_verdeeld(bron, woorden, sleutel, verdeeld, rest, partijen))
    elif bron.partij_veld and not partijen.in_geen_naam(woorden[sleutel]):
        naam = _naam_drijvend(bron, woorden[sleutel], partijen)
        filters.append(Manier(naam.q & rest, per_partij=naam.per_partij))
    if bron.tekstvelden:
        filters.append(Manier(_tekst_q(bron, woorden[sleutel]) & rest))
    filters.extend(_kenmerk_manieren(bron, zoekterm, partijen))
    return filters


def _naam_verdeeld(
    bron: Zoekbron,
    woorden: list[str],
    sleutel: int,
    verdeeld: tuple[list[int], list[int]],
    rest: Q,
    partijen: _Partijen,
) -> list[Manier]:
    """The name way of a semi-join source (contact moments, leads ...) for two or more words,
    as two ways that each read few rows:

    * parties whose name holds every word: all their rows match (read per party);
    * parties whose name holds the rarest word but not every other one: a row matches only
      with a missing word in its own text, so one of the other words in the text (the text
      index) drives, and the party list filters.

    One way over all parties of the rarest word walked the newest-first index: "Smikamp
    horeca" read 32,000 buffers (0.7 s) at 2,000,000 contact moments for 9 hits."""
    in_elke, andere = verdeeld
    in_elke, andere = partijen.zichtbaar(bron, in_elke), partijen.zichtbaar(bron, andere)
    manieren = []
    if in_elke:
        per_partij = len(in_elke) <= bron.per_partij_grens
        manieren.append(Manier(_partij_in(bron, in_elke), per_partij=per_partij))
    if andere and bron.tekstvelden:
        ergens_in_tekst = Q(pk__in=[])
        for i, woord in enumerate(woorden):
            if i != sleutel:
                ergens_in_tekst |= _tekst_q(bron, woord)
        manieren.append(Manier(_partij_in(bron, andere) & ergens_in_tekst & rest))
    return manieren


def _sorteer(bron: Zoekbron, rijen: list[Model]) -> list[Model]:
    """Rows from several queries in the source's order (stable sorts, last key first)."""

    def waarde(rij: Model, pad: str) -> Any:
        obj: Any = rij
        for stap in pad.split("__"):
            obj = getattr(obj, stap, None)
        return (obj is None, obj)

    uniek = list({rij.pk: rij for rij in rijen}.values())
    for veld in reversed(bron.sortering):
        pad = veld.lstrip("-")
        uniek.sort(key=lambda rij, pad=pad: waarde(rij, pad), reverse=veld.startswith("-"))
    return uniek


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
    """The source's rows with the relations a hit shows. A declared `select_related` is the
    whole list (the basis selector's own joins are dropped): every join in each UNION part
    costs Django's compiler and PostgreSQL's planner time on every search (a complaint part
    joined 5 tables: 14 ms of planning per search at 200,000 relations, now 3 ms). Without a
    declaration the basis selector's joins stay."""
    qs = bron.basis(actor)
    related = list(bron.select_related)
    if bron.partij_veld and bron.partij_veld not in related:
        related.append(bron.partij_veld)
    if bron.select_related:
        qs = qs.select_related(None)
    qs = qs.select_related(*related)
    if bron.velden:
        qs = qs.only(*_te_lezen(bron))
    return qs


def _te_lezen(bron: Zoekbron) -> list[str]:
    """The fields of a hit: its own (`velden`), the sort fields and what the processing log
    and `_personen` read of the party."""
    velden = list(bron.velden)
    velden += [veld.lstrip("-") for veld in bron.sortering if veld.lstrip("-") != "pk"]
    if bron.partij_veld:
        velden += [f"{bron.partij_veld}__{veld}" for veld in ("uuid", "weergavenaam", "soort")]
    return list(dict.fromkeys(velden))


# --- keyset paging -----------------------------------------------------------------------
# One type can be paged through: the next page starts after the last hit's sort values (a
# signed token), never with OFFSET (which reads and skips every earlier row).

_CURSOR_SALT = "raadhuis.crm.zoeken.na"


def _sorteerwaarde(rij: Model, veld: str) -> Any:
    obj: Any = rij
    for stap in veld.lstrip("-").split("__"):
        obj = getattr(obj, stap, None)
    return obj


def cursor_maken(bron: Zoekbron, rij: Model) -> str:
    """The token for "the hits after this row" in the source's order."""
    waarden = [_sorteerwaarde(rij, veld) for veld in bron.sortering]
    return signing.dumps([bron.naam, waarden], salt=_CURSOR_SALT, serializer=_CursorSerializer)


def _na_q(bron: Zoekbron, na: str) -> Q | None:
    """Q for the rows after the cursor (a keyset condition over every sort field); None for
    a token that is not valid for this source (tampered, or of another type): page 1."""
    try:
        naam, waarden = signing.loads(na, salt=_CURSOR_SALT, serializer=_CursorSerializer)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if naam != bron.naam or len(waarden) != len(bron.sortering) or None in waarden:
        return None
    q = Q(pk__in=[])
    gelijk = Q()
    for veld, waarde in zip(bron.sortering, waarden, strict=True):
        pad = veld.lstrip("-")
        voorbij = "lt" if veld.startswith("-") else "gt"
        q |= gelijk & Q(**{f"{pad}__{voorbij}": waarde})
        gelijk &= Q(**{pad: waarde})
    return q


class _CursorSerializer:
    """JSON with dates and times as full-precision ISO text (the ORM parses them back for the
    lookup; DjangoJSONEncoder would cut microseconds, and the keyset needs them exact)."""

    def dumps(self, obj: Any) -> bytes:
        def tekst(waarde: Any) -> str:
            if isinstance(waarde, date | datetime):
                return waarde.isoformat()
            return str(waarde)  # Decimal, UUID

        return json.dumps(obj, default=tekst, separators=(",", ":")).encode("latin-1")

    def loads(self, data: bytes) -> Any:
        return json.loads(data.decode("latin-1"))


def _groep(
    bron: Zoekbron,
    actor: Actor,
    zoekterm: str,
    slim: SlimFilter | None,
    limit: int,
    partijen: _Partijen,
    na: str = "",
) -> Groep | None:
    na_q = _na_q(bron, na) if na else None
    try:
        if slim is not None and slim.rijen is not None:
            rijen = list(slim.rijen(actor, vandaag(actor.organisatie.tijdzone), limit + 1))
        else:
            qs = _queryset(bron, actor)
            if slim is not None and slim.filter is not None:
                qs = slim.filter(actor, qs, vandaag(actor.organisatie.tijdzone))
            qs = qs.order_by(*bron.sortering)
            if bron.naam_in_volgorde and not zoekterm:
                # A smart filter without a term ("relaties zonder accountmanager"): the
                # party's tenant lets the (organisatie_id, zoeknaam) index give the name
                # order, so the first 51 come after a few hundred parties instead of a sort
                # of every matching relation (60 -> 2 ms of PostgreSQL CPU at 200,000).
                qs = qs.filter(**{f"{bron.partij_veld}__organisatie_id": partijen.organisatie_id})
            if na_q is not None:
                qs = qs.filter(na_q)
            if zoekterm:
                manieren = _filters(bron, zoekterm, partijen)
                rijen = _sorteer(bron, _per_manier(qs, manieren, limit, bron.sortering))
            else:
                rijen = list(qs[: limit + 1])
    except (ToegangGeweigerd, NietGevonden):
        return None  # this part is not for the actor's role: leave the group out
    getoond = rijen[:limit]
    if bron.na_laden:
        prefetch_related_objects(getoond, *bron.na_laden)
    treffers = [
        Treffer(bron.titel_van(r), bron.omschrijving_van(r), bron.url_van(r)) for r in getoond
    ]
    meer = len(rijen) > limit
    # Only rows in the source's order can be paged (a smart filter's own rows cannot).
    kan_bladeren = meer and (slim is None or slim.rijen is None)
    return Groep(
        bron=bron,
        treffers=treffers,
        meer=meer,
        rijen=getoond,
        volgende=cursor_maken(bron, getoond[-1]) if kan_bladeren else "",
    )


def _zonder_index(sortering: tuple[str, ...]) -> list[OrderBy]:
    """The same order as an expression no index provides (COALESCE(x, x) is x), so the
    planner reads the rows through the driving condition's index and sorts them."""
    return [
        OrderBy(Coalesce(F(veld.lstrip("-")), F(veld.lstrip("-"))), descending=veld[0] == "-")
        for veld in sortering
    ]


def _per_manier(
    qs: QuerySet, filters: list[Manier], limit: int, sortering: tuple[str, ...] = ()
) -> list[Model]:
    """limit + 1 rows per way of matching (enough to fill the group and to know there is
    more): one UNION ALL where the database allows a LIMIT per part (PostgreSQL), else one
    query per way (SQLite)."""
    delen = []
    for manier in filters:
        deel = qs.filter(manier.q)
        if manier.per_partij and sortering:
            deel = deel.order_by(*_zonder_index(sortering))
        delen.append(deel[: limit + 1])
    if not delen:
        return []
    if len(delen) > 1 and connection.features.supports_slicing_ordering_in_compound:
        return list(delen[0].union(*delen[1:], all=True))
    return [rij for deel in delen for rij in deel]


def _verwerkingen(actor: Actor, groepen: list[Groep]) -> None:
    """The processing log for the residents among the hits, with each group's purpose, in one
    INSERT (kernel/audit's `verwerkingen_buffer`), without a transaction around it: that was
    an empty BEGIN/COMMIT once the request's own buffer took the rows."""
    per_groep = [(g, _personen(g.bron, g.rijen)) for g in groepen]
    if not any(personen for _g, personen in per_groep):
        return
    with verwerkingen_buffer():
        for groep, personen in per_groep:
            if personen:
                verwerkingen_record(
                    actor=actor,
                    handeling=f"Gevonden bij zoeken in het CRM ({groep.bron.naam})",
                    doel=groep.bron.doel,
                    partijen=personen,
                )


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
    na: str = "",
) -> Zoekresultaat:
    """Search every registered source the actor may read, grouped per type.

    `soorten` narrows to those sources (names as registered); `slim` applies one smart filter
    (and so one source); `limit` bounds each group (at most MAX_LIMIET). With one source,
    `na` (a group's `volgende` token) gives the next page of it."""
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
    partijen = _Partijen(actor.organisatie.pk, actor)
    resultaat.na = na if len(bronnen) == 1 else ""
    for bron in bronnen:
        groep = _groep(bron, actor, zoekterm, resultaat.slim, limit, partijen, resultaat.na)
        if groep is not None:
            resultaat.groepen.append(groep)
    _verwerkingen(actor, resultaat.groepen)
    return resultaat
