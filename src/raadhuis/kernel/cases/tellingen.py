"""Exact case counts without COUNT(*) over the whole table (PostgreSQL).

The zaak table's triggers (migration cases 0005) write a delta row per statement and group
(organisation, case type, confidentiality). The count of every case an actor may see is then
the sum of a few hundred rows, filtered by the same access rule as the cases themselves. On
SQLite, the embedded demo database, there are no triggers and the caller counts directly.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import Sum

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import zaak_filter
from raadhuis.kernel.cases.models import ZaakTelling


def tellingen_beschikbaar() -> bool:
    return connection.vendor == "postgresql"


def zaken_aantal(*, actor: Actor) -> int | None:
    """How many cases `actor` may see, or None where the database keeps no counts."""
    if not tellingen_beschikbaar():
        return None
    totaal = ZaakTelling.objects.filter(zaak_filter(actor)).aggregate(n=Sum("aantal"))["n"]
    return int(totaal or 0)


FOLD = """
WITH weg AS (
    DELETE FROM cases_zaaktelling
    RETURNING organisatie_id, zaaktype_id, vertrouwelijkheidaanduiding, aantal
)
INSERT INTO cases_zaaktelling (organisatie_id, zaaktype_id, vertrouwelijkheidaanduiding, aantal)
SELECT organisatie_id, zaaktype_id, vertrouwelijkheidaanduiding, sum(aantal)
FROM weg GROUP BY 1, 2, 3 HAVING sum(aantal) <> 0
"""


def zaaktellingen_samenvoegen() -> int:
    """Fold the delta rows into one row per group; returns the number of rows left.

    Safe next to writers and another fold: the DELETE takes only the rows its snapshot saw,
    and deltas inserted meanwhile stay as they are."""
    if not tellingen_beschikbaar():
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(FOLD)
        return cursor.rowcount
