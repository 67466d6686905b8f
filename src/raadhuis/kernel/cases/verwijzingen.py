"""What a Zaken API ZAAK lists of its related rows, loaded for a whole page at once.

A ZAAK names its deelzaken, eigenschappen, rollen, documents and objects by uuid, and its
relevante andere zaken and kenmerken as small tuples. zaak_verwijzingen_laden puts those lists
on `<relation>_refs` of every case of a page (a Zaak, or any row with a `pk`): on PostgreSQL in
one statement, elsewhere in one values query per relation. prefetch_related would build a model
instance per row and a related manager and queryset per case and relation, which was most of
the cost of a page of 100 cases.
"""

from __future__ import annotations

import uuid as uuid_module
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Model

from raadhuis.kernel.cases.models import (
    RelevanteZaak,
    Rol,
    Zaak,
    ZaakEigenschap,
    ZaakKenmerk,
    ZaakObject,
)
from raadhuis.kernel.documents.models import ZaakInformatieObject


class ZaakRef(NamedTuple):
    uuid: uuid_module.UUID


class RelevanteZaakRef(NamedTuple):
    andere_zaak: ZaakRef
    aard_relatie: str


class KenmerkRef(NamedTuple):
    kenmerk: str
    bron: str


# The lists of plain uuids: (attribute `<name>_refs`, model, foreign key to the case).
UUID_LIJSTEN: tuple[tuple[str, type[Model], str], ...] = (
    ("deelzaken", Zaak, "hoofdzaak_id"),
    ("eigenschappen", ZaakEigenschap, "zaak_id"),
    ("rollen", Rol, "zaak_id"),
    ("documenten", ZaakInformatieObject, "zaak_id"),
    ("zaakobjecten", ZaakObject, "zaak_id"),
)
LIJSTEN = ("relevante_andere_zaken", "kenmerken", *(naam for naam, _m, _fk in UUID_LIJSTEN))


def zaak_verwijzingen_laden(zaken: Sequence[Any]) -> None:
    """Put every `<relation>_refs` list on the cases of a page, each list in row-id order."""
    if not zaken:
        return
    if connection.vendor == "postgresql":
        _in_een_query(zaken)
    else:
        _per_relatie(zaken)


def _per_relatie(zaken: Sequence[Any]) -> None:
    """One values query per relation, the page's ids as parameters."""
    ids = [zaak.pk for zaak in zaken]
    relevant: dict[int, list[RelevanteZaakRef]] = defaultdict(list)
    for zaak_id, andere, aard in (
        RelevanteZaak.objects.filter(zaak_id__in=ids)
        .order_by("id")
        .values_list("zaak_id", "andere_zaak__uuid", "aard_relatie")
    ):
        relevant[zaak_id].append(RelevanteZaakRef(ZaakRef(andere), aard))
    kenmerken: dict[int, list[KenmerkRef]] = defaultdict(list)
    for zaak_id, kenmerk, bron in (
        ZaakKenmerk.objects.filter(zaak_id__in=ids)
        .order_by("id")
        .values_list("zaak_id", "kenmerk", "bron")
    ):
        kenmerken[zaak_id].append(KenmerkRef(kenmerk, bron))
    for zaak in zaken:
        zaak.relevante_andere_zaken_refs = relevant.get(zaak.pk, [])
        zaak.kenmerken_refs = kenmerken.get(zaak.pk, [])
    for relation, model, fk in UUID_LIJSTEN:
        per_zaak: dict[int, list[uuid_module.UUID]] = defaultdict(list)
        rows = (
            model._default_manager.filter(**{f"{fk}__in": ids})
            .order_by("id")
            .values_list(fk, "uuid")
        )
        for zaak_id, ref in rows:
            per_zaak[zaak_id].append(ref)
        for zaak in zaken:
            setattr(zaak, f"{relation}_refs", per_zaak.get(zaak.pk, []))


# The page's ids, given once (a repeated parameter would be sent once per use).
_IN_PAGINA = "(SELECT ids FROM pagina)::bigint[]"


def _tabel(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@lru_cache(maxsize=1)
def _verwijzingen_sql() -> str:
    """One statement for every list of a page, on PostgreSQL: the page's case ids go in once, as
    one array parameter, and each part matches `= ANY(...)` on it (an index scan). A query per
    relation with the ids spelled out as 100 parameters each spent half a page's CPU on
    preparing them."""
    delen = [
        f"SELECT 0 AS soort, r.zaak_id, a.uuid, r.aard_relatie AS tekst, NULL AS bron, r.id "
        f"FROM {_tabel(RelevanteZaak)} r JOIN {_tabel(Zaak)} a ON a.id = r.andere_zaak_id "
        f"WHERE r.zaak_id = ANY({_IN_PAGINA})",
        f"SELECT 1, zaak_id, NULL, kenmerk, bron, id FROM {_tabel(ZaakKenmerk)} "
        f"WHERE zaak_id = ANY({_IN_PAGINA})",
    ]
    delen += [
        f"SELECT {soort}, {fk}, uuid, NULL, NULL, id FROM {_tabel(model)} "
        f"WHERE {fk} = ANY({_IN_PAGINA})"
        for soort, (_naam, model, fk) in enumerate(UUID_LIJSTEN, start=2)
    ]
    pagina = "WITH pagina AS (SELECT %(ids)s::bigint[] AS ids)"
    return f"{pagina} {' UNION ALL '.join(delen)} ORDER BY 1, 6"


def _in_een_query(zaken: Sequence[Any]) -> None:
    per_lijst: list[dict[int, list[Any]]] = [defaultdict(list) for _ in LIJSTEN]
    with connection.cursor() as cursor:
        cursor.execute(_verwijzingen_sql(), {"ids": [zaak.pk for zaak in zaken]})
        for soort, zaak_id, ref, tekst, bron, _id in cursor.fetchall():
            if soort == 0:
                waarde: Any = RelevanteZaakRef(ZaakRef(ref), tekst)
            elif soort == 1:
                waarde = KenmerkRef(tekst, bron)
            else:
                waarde = ref
            per_lijst[soort][zaak_id].append(waarde)
    for naam, per_zaak in zip(LIJSTEN, per_lijst, strict=True):
        for zaak in zaken:
            setattr(zaak, f"{naam}_refs", per_zaak.get(zaak.pk, []))
