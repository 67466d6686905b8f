"""Many simple bookings at once (`boeken_bulk`), for the bank import and the daily payment
run: a few inserts instead of one booking at a time, with the same audit entry per booking.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import AuditRegel, audit_entries_record
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.budget.grootboek.rekeningen import rekening_naam
from raadhuis.modules.budget.models import Grootboekrekening, Journaalpost, Journaalregel


@dataclass(frozen=True)
class Bulkboeking:
    """One two-line booking for `boeken_bulk`: `bedrag` debit on `debet`, credit on `credit`."""

    boekdatum: date
    soort: str
    omschrijving: str
    debet: Grootboekrekening
    credit: Grootboekrekening
    bedrag: Decimal
    budgetrekening_id: int | None = None
    zaak_uuid: uuid_module.UUID | None = None


def boeken_bulk(
    *,
    actor: Actor,
    organisatie: Organisatie,
    boekingen: Sequence[Bulkboeking],
    namen: dict[int, str] | None = None,
    batch_size: int = 1000,
) -> list[Journaalpost]:
    """Many simple bookings in a few inserts, with the audit entry `boeken` writes for each.

    For the bank import (money coming in) and the daily payment run (payments and reservations
    that fit the balance). No overdraft check: the caller either only raises client balances or
    checked them itself under the lock of the client accounts; a booking that needs an allowed
    overdraft goes through `boeken`. `namen` are account names the caller already knows (by
    pk), to save a query per account in the audit entry."""
    if not boekingen:
        return []
    posten = [
        Journaalpost(
            organisatie=organisatie,
            boekdatum=b.boekdatum,
            soort=b.soort,
            omschrijving=b.omschrijving[:200],
            budgetrekening_id=b.budgetrekening_id,
            geboekt_door=actor.medewerker,
            geboekt_door_weergave=actor.weergave[:200],
        )
        for b in boekingen
    ]
    Journaalpost.objects.bulk_create(posten, batch_size=batch_size)
    Journaalregel.objects.bulk_create(
        (
            Journaalregel(journaalpost=post, grootboekrekening=rekening, bedrag=bedrag)
            for post, b in zip(posten, boekingen, strict=True)
            for rekening, bedrag in ((b.debet, b.bedrag), (b.credit, -b.bedrag))
        ),
        batch_size=batch_size,
    )
    namen = dict(namen or {})

    def naam(rekening: Grootboekrekening) -> str:
        if rekening.pk not in namen:
            namen[rekening.pk] = rekening_naam(rekening)
        return namen[rekening.pk]

    audit_entries_record(
        actor=actor,
        actie="budget_boeking",
        regels=(
            AuditRegel(
                obj=post,
                zaak_uuid=b.zaak_uuid,
                toelichting=post.omschrijving,
                wijzigingen={
                    "soort": [None, post.soort],
                    "boekdatum": [None, post.boekdatum.isoformat()],
                    "regels": [
                        None,
                        [[naam(b.debet), str(b.bedrag)], [naam(b.credit), str(-b.bedrag)]],
                    ],
                },
            )
            for post, b in zip(posten, boekingen, strict=True)
        ),
        batch_size=batch_size,
    )
    return posten
