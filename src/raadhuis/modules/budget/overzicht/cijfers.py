"""The figures of a client statement: the bookings that changed the client's tegoed in a
period, with the balances and the reservations (see the package docstring)."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from raadhuis.modules.budget.models import (
    Budgetrekening,
    Grootboekrekening,
    GrootboekSoort,
    Journaalregel,
)

NUL = Decimal("0.00")
MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass(frozen=True)
class Regel:
    """One booking that changed the client's tegoed: positive is money in (bij)."""

    datum: date
    omschrijving: str
    soort: str
    bedrag: Decimal
    saldo: Decimal  # the tegoed after this line

    @property
    def bij(self) -> Decimal | None:
        return self.bedrag if self.bedrag > 0 else None

    @property
    def af(self) -> Decimal | None:
        return -self.bedrag if self.bedrag < 0 else None


@dataclass(frozen=True)
class ReserveringStand:
    omschrijving: str
    begin: Decimal
    gespaard: Decimal
    vrijgegeven: Decimal
    eind: Decimal


@dataclass(frozen=True)
class Overzichtcijfers:
    """Everything a statement shows, in natural signs (positive: the client has it)."""

    periode_begin: date
    periode_einde: date
    beginsaldo: Decimal
    eindsaldo: Decimal
    beschikbaar_begin: Decimal
    beschikbaar_eind: Decimal
    regels: list[Regel] = field(default_factory=list)
    reserveringen: list[ReserveringStand] = field(default_factory=list)

    @property
    def bij(self) -> Decimal:
        return sum((r.bedrag for r in self.regels if r.bedrag > 0), NUL)

    @property
    def af(self) -> Decimal:
        return sum((-r.bedrag for r in self.regels if r.bedrag < 0), NUL)

    @property
    def gereserveerd_begin(self) -> Decimal:
        return self.beginsaldo - self.beschikbaar_begin

    @property
    def gereserveerd_eind(self) -> Decimal:
        return self.eindsaldo - self.beschikbaar_eind

    @property
    def sluit(self) -> bool:
        """The statement adds up (a check printed nowhere, asserted in tests and on making)."""
        return self.beginsaldo + self.bij - self.af == self.eindsaldo


def maand_periode(jaar: int, maand: int) -> tuple[date, date]:
    """The first and last day of a month; a Dutch error for a month that does not exist."""
    if not (1 <= maand <= 12) or not (2000 <= jaar <= 2999):
        raise ValidationError({"maand": _("Kies een bestaande maand.")})
    return date(jaar, maand, 1), date(jaar, maand, calendar.monthrange(jaar, maand)[1])


def maand_naam(dag: date) -> str:
    """'november 2026'."""
    return f"{MAANDEN[dag.month - 1]} {dag.year}"


def client_rekeningen(budgetrekening: Budgetrekening) -> list[Grootboekrekening]:
    """The client's CLIENT account and reservation accounts."""
    return list(
        Grootboekrekening.objects.filter(
            Q(budgetrekening=budgetrekening) | Q(reservering__budgetrekening=budgetrekening),
            soort__in=[GrootboekSoort.CLIENT, GrootboekSoort.RESERVERING],
        ).select_related("reservering")
    )


def overzicht_cijfers(budgetrekening: Budgetrekening, begin: date, einde: date) -> Overzichtcijfers:
    """The statement's figures for the days `begin` up to and including `einde`."""
    rekeningen = {r.pk: r for r in client_rekeningen(budgetrekening)}
    client_ids = {pk for pk, r in rekeningen.items() if r.soort == GrootboekSoort.CLIENT}
    regels_qs = Journaalregel.objects.filter(grootboekrekening_id__in=list(rekeningen))

    # Ledger lines are debit-positive; the client's accounts are liabilities: natural = -sum.
    voor: dict[int, Decimal] = defaultdict(lambda: NUL)
    for rij in (
        regels_qs.filter(journaalpost__boekdatum__lt=begin)
        .values("grootboekrekening_id")
        .annotate(som=Sum("bedrag"))
    ):
        # SQLite sums decimals as floats: back to cents.
        voor[rij["grootboekrekening_id"]] = -(rij["som"] or NUL).quantize(NUL)

    posten: dict[int, dict] = {}
    for rij in (
        regels_qs.filter(journaalpost__boekdatum__gte=begin, journaalpost__boekdatum__lte=einde)
        .order_by("journaalpost__boekdatum", "journaalpost_id", "pk")
        .values(
            "journaalpost_id",
            "journaalpost__boekdatum",
            "journaalpost__omschrijving",
            "journaalpost__soort",
            "grootboekrekening_id",
            "bedrag",
        )
    ):
        post = posten.setdefault(
            rij["journaalpost_id"],
            {
                "datum": rij["journaalpost__boekdatum"],
                "omschrijving": rij["journaalpost__omschrijving"],
                "soort": rij["journaalpost__soort"],
                "per_rekening": defaultdict(lambda: NUL),
            },
        )
        post["per_rekening"][rij["grootboekrekening_id"]] -= rij["bedrag"]

    beginsaldo = sum(voor.values(), NUL)
    beschikbaar_begin = sum((voor[pk] for pk in client_ids), NUL)
    saldo = beginsaldo
    beschikbaar = beschikbaar_begin
    regels: list[Regel] = []
    gespaard: dict[int, Decimal] = defaultdict(lambda: NUL)
    vrijgegeven: dict[int, Decimal] = defaultdict(lambda: NUL)
    for post in posten.values():
        effect = sum(post["per_rekening"].values(), NUL)
        for pk, bedrag in post["per_rekening"].items():
            if pk in client_ids:
                beschikbaar += bedrag
            elif bedrag > 0:
                gespaard[pk] += bedrag
            else:
                vrijgegeven[pk] -= bedrag
        if effect:
            saldo += effect
            regels.append(
                Regel(
                    datum=post["datum"],
                    omschrijving=post["omschrijving"],
                    soort=post["soort"],
                    bedrag=effect,
                    saldo=saldo,
                )
            )
    reserveringen = [
        ReserveringStand(
            omschrijving=r.reservering.omschrijving if r.reservering else _("Reservering"),
            begin=voor[pk],
            gespaard=gespaard[pk],
            vrijgegeven=vrijgegeven[pk],
            eind=voor[pk] + gespaard[pk] - vrijgegeven[pk],
        )
        for pk, r in sorted(rekeningen.items())
        if pk not in client_ids
    ]
    return Overzichtcijfers(
        periode_begin=begin,
        periode_einde=einde,
        beginsaldo=beginsaldo,
        eindsaldo=saldo,
        beschikbaar_begin=beschikbaar_begin,
        beschikbaar_eind=beschikbaar,
        regels=regels,
        reserveringen=[r for r in reserveringen if r.begin or r.gespaard or r.eind],
    )
