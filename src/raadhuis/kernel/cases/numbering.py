"""Identifications per organisation and year: ZAAK-2026-0000042, DOC-2026-0000007."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, models

from raadhuis.kernel.cases.models import ZaakNummerTeller
from raadhuis.kernel.organisations.models import Organisatie


def identificatie_format(*, prefix: str, jaar: int, nummer: int) -> str:
    """The one format of generated numbers: ZAAK-2026-0000042."""
    return f"{prefix}-{jaar}-{nummer:07d}"


def identificatie_next(
    *,
    organisatie: Organisatie,
    soort: str,
    prefix: str,
    jaar: int,
    bezet: Callable[[str], bool] = lambda kandidaat: False,
) -> str:
    """Issue the next number; call inside a transaction (the counter row stays locked until
    it ends). `bezet` tells whether a candidate number is already in use."""
    while True:
        # Skip numbers already taken by hand (a migrated case keeps its old number).
        kandidaat = identificatie_format(
            prefix=prefix, jaar=jaar, nummer=_teller_ophogen(organisatie, soort, jaar)
        )
        if not bezet(kandidaat):
            return kandidaat


def _teller_ophogen(organisatie: Organisatie, soort: str, jaar: int) -> int:
    """Add one to the counter and return it: one UPDATE … RETURNING, which also locks the row
    (instead of SELECT … FOR UPDATE and an UPDATE). The first number of a year makes the row."""
    nummer = _ophogen(organisatie.pk, soort, jaar)
    if nummer is None:
        ZaakNummerTeller.objects.get_or_create(organisatie=organisatie, soort=soort, jaar=jaar)
        nummer = _ophogen(organisatie.pk, soort, jaar)
    if nummer is None:  # not reached: the row exists now
        raise ZaakNummerTeller.DoesNotExist(f"{soort} {jaar}")
    return nummer


def _kolom(naam: str) -> str:
    veld = ZaakNummerTeller._meta.get_field(naam)
    assert isinstance(veld, models.Field) and veld.column
    return connection.ops.quote_name(veld.column)


def _ophogen(organisatie_id: int, soort: str, jaar: int) -> int | None:
    tabel = connection.ops.quote_name(ZaakNummerTeller._meta.db_table)
    laatste = _kolom("laatste")
    sql = (
        f"UPDATE {tabel} SET {laatste} = {laatste} + 1 "
        f"WHERE {_kolom('organisatie')} = %s AND {_kolom('soort')} = %s "
        f"AND {_kolom('jaar')} = %s RETURNING {laatste}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [organisatie_id, soort, jaar])
        rij = cursor.fetchone()
    return None if rij is None else int(rij[0])
