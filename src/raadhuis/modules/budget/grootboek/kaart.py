"""The ledger of one client for the screens: the ledger card and one entry."""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.modules.budget.grootboek.rekeningen import (
    DOEL,
    NUL,
    clientgeld_sommen,
    rekening_toegang_check,
    reserveringssaldi,
    saldo,
)
from raadhuis.modules.budget.models import (
    Budgetrekening,
    Grootboekrekening,
    GrootboekSoort,
    Journaalpost,
    Journaalregel,
)


@dataclass(frozen=True)
class Boekingsregel:
    """One entry as the client's ledger shows it: what it did to the free balance."""

    journaalpost: Journaalpost
    bedrag: Decimal  # + money in for the client, - money out
    saldo: Decimal  # free balance after this entry
    tegengeboekt: bool

    @property
    def absoluut(self) -> Decimal:
        return abs(self.bedrag)


@dataclass(frozen=True)
class Grootboekkaart:
    budgetrekening: Budgetrekening
    van: date | None
    tot: date | None
    beginsaldo: Decimal
    eindsaldo: Decimal
    regels: list[Boekingsregel]
    beschikbaar: Decimal
    gereserveerd: Decimal
    reserveringen: list[dict[str, Any]]


def grootboekkaart(
    *,
    actor: Actor,
    budgetrekening: Budgetrekening,
    van: date | None = None,
    tot: date | None = None,
) -> Grootboekkaart:
    """The client's free balance entry by entry in the period, with the running balance, and
    the reservations. Logs the read of the client's financial data."""
    rekening_toegang_check(actor, budgetrekening)
    client = Grootboekrekening.objects.filter(
        soort=GrootboekSoort.CLIENT, budgetrekening=budgetrekening
    ).first()
    beginsaldo = NUL
    regels: list[Boekingsregel] = []
    if client is not None:
        if van is not None:
            beginsaldo = saldo(client, tot_en_met=van - timedelta(days=1))
        qs = Journaalregel.objects.filter(grootboekrekening=client)
        if van is not None:
            qs = qs.filter(journaalpost__boekdatum__gte=van)
        if tot is not None:
            qs = qs.filter(journaalpost__boekdatum__lte=tot)
        per_post: dict[int, Decimal] = {}
        posts: dict[int, Journaalpost] = {}
        for regel in qs.select_related(
            "journaalpost__geboekt_door", "journaalpost__roodstand_toegestaan_door"
        ).order_by("journaalpost__boekdatum", "journaalpost_id", "pk"):
            per_post[regel.journaalpost_id] = (
                per_post.get(regel.journaalpost_id, NUL) - regel.bedrag
            )
            posts[regel.journaalpost_id] = regel.journaalpost
        tegengeboekt = set(
            Journaalpost.objects.filter(tegenboeking_van_id__in=list(posts)).values_list(
                "tegenboeking_van_id", flat=True
            )
        )
        lopend = beginsaldo
        for pk, bedrag in per_post.items():
            lopend += bedrag
            regels.append(Boekingsregel(posts[pk], bedrag, lopend, pk in tegengeboekt))
    eindsaldo = regels[-1].saldo if regels else beginsaldo
    verwerkingen_record(
        actor=actor,
        handeling="Boekingen budgetrekening ingezien",
        doel=DOEL,
        partijen=[budgetrekening.client],
        zaak=budgetrekening.zaak,
    )
    sommen = clientgeld_sommen([budgetrekening.pk])
    return Grootboekkaart(
        budgetrekening=budgetrekening,
        van=van,
        tot=tot,
        beginsaldo=beginsaldo,
        eindsaldo=eindsaldo,
        regels=regels,
        beschikbaar=sommen.get((budgetrekening.pk, GrootboekSoort.CLIENT), NUL),
        gereserveerd=sommen.get((budgetrekening.pk, GrootboekSoort.RESERVERING), NUL),
        reserveringen=reserveringssaldi(budgetrekening),
    )


def journaalpost_van_rekening(
    budgetrekening: Budgetrekening, uuid: uuid_module.UUID | str
) -> Journaalpost:
    """An entry of this client account, for the reversal button."""
    try:
        return (
            Journaalpost.objects.filter(
                Q(budgetrekening=budgetrekening)
                | Q(regels__grootboekrekening__budgetrekening=budgetrekening)
            )
            .distinct()
            .get(uuid=uuid_module.UUID(str(uuid)))
        )
    except (Journaalpost.DoesNotExist, Journaalpost.MultipleObjectsReturned, ValueError) as error:
        raise NietGevonden(_("Boeking niet gevonden.")) from error
