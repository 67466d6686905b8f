"""The daily reconciliation (aansluiting): does the bank hold exactly the money the ledger says
it holds for the clients? (issue 5, item 6)

Every journal entry sums to zero, so at any date, for one beheerrekening, in natural signs:

    ledger BANK = client balances + reservations + payments on their way (ONDERWEG)
                  + receipts not yet matched (TE_MATCHEN)

Payments on their way are still on the bank: they were approved and sent in a pain.001 file but
the bank has not debited them yet, so they count on the bank's side. The reconciliation
compares the bank's own figure, the closing balance of the last statement up to the day, with
the right-hand side on that statement's date; any difference is a signal for the finance
department (docs/budget/financien.md explains the usual causes).

`budget_dagelijks(organisatie, datum)` is the daily job: signals, then the reconciliation of
every active beheerrekening.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.geld import euro
from raadhuis.kernel.organisations.models import Organisatie, Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.catalogus import require_budget_toegang
from raadhuis.modules.budget.grootboek.rekeningen import NUL, natuurlijk_saldo
from raadhuis.modules.budget.models import (
    Aansluiting,
    Bankafschrift,
    Beheerrekening,
    GrootboekSoort,
    Journaalregel,
    SignaalSoort,
)
from raadhuis.modules.budget.signalen import signaal_geven, signalen_controleren


@dataclass(frozen=True)
class Grootboekstand:
    """The ledger of one beheerrekening on one date, in natural signs."""

    bank: Decimal
    client: Decimal
    reservering: Decimal
    onderweg: Decimal
    te_matchen: Decimal

    @property
    def clientgeld(self) -> Decimal:
        return self.client + self.reservering

    @property
    def verwacht_banksaldo(self) -> Decimal:
        """What the bank should hold by the ledger's own obligations."""
        return self.clientgeld + self.onderweg + self.te_matchen

    @property
    def in_evenwicht(self) -> bool:
        """The ledger agrees with itself (always, unless an entry crossed beheerrekeningen)."""
        return self.bank == self.verwacht_banksaldo


def grootboekstand(beheerrekening: Beheerrekening, *, tot_en_met: date) -> Grootboekstand:
    """All ledger balances that belong to this beheerrekening, up to and including a date."""
    regels = Journaalregel.objects.filter(journaalpost__boekdatum__lte=tot_en_met).filter(
        Q(grootboekrekening__beheerrekening=beheerrekening)
        | Q(grootboekrekening__budgetrekening__beheerrekening=beheerrekening)
    )
    sommen = {
        soort: natuurlijk_saldo(soort, som)
        for soort, som in regels.values_list("grootboekrekening__soort").annotate(som=Sum("bedrag"))
    }
    return Grootboekstand(
        bank=sommen.get(GrootboekSoort.BANK, NUL),
        client=sommen.get(GrootboekSoort.CLIENT, NUL),
        reservering=sommen.get(GrootboekSoort.RESERVERING, NUL),
        onderweg=sommen.get(GrootboekSoort.ONDERWEG, NUL),
        te_matchen=sommen.get(GrootboekSoort.TE_MATCHEN, NUL),
    )


def laatste_afschrift(beheerrekening: Beheerrekening, datum: date) -> Bankafschrift | None:
    return (
        Bankafschrift.objects.filter(beheerrekening=beheerrekening, datum__lte=datum)
        .order_by("-datum", "-geimporteerd_op", "-pk")
        .first()
    )


def aansluiting_maken(
    organisatie: Organisatie, beheerrekening: Beheerrekening, datum: date
) -> Aansluiting:
    """Reconcile one beheerrekening for `datum` (one record per day; running it again the same
    day brings that record up to date). The ledger is taken on the date of the last statement
    up to `datum`, so both sides describe the same moment. A difference raises a signal."""
    if beheerrekening.organisatie_id != organisatie.pk:
        raise ValueError("beheerrekening of another organisation")
    afschrift = laatste_afschrift(beheerrekening, datum)
    peildatum = afschrift.datum if afschrift else datum
    banksaldo = afschrift.eindsaldo if afschrift else NUL
    stand = grootboekstand(beheerrekening, tot_en_met=peildatum)
    verschil = banksaldo - stand.verwacht_banksaldo
    with transaction.atomic():
        aansluiting, _nieuw = Aansluiting.objects.update_or_create(
            beheerrekening=beheerrekening,
            datum=datum,
            defaults={
                "organisatie": organisatie,
                "banksaldo": banksaldo,
                "som_clienttegoeden": stand.clientgeld,
                "onderweg": stand.onderweg,
                "te_matchen": stand.te_matchen,
                "verschil": verschil,
            },
        )
        if verschil:
            signaal_geven(
                organisatie=organisatie,
                budgetrekening=None,
                soort=SignaalSoort.AANSLUITVERSCHIL,
                sleutel=f"{beheerrekening.uuid}:{datum.isoformat()}",
                tekst=_(
                    "%(rekening)s: de bank heeft %(bank)s, de administratie %(boek)s "
                    "(verschil %(verschil)s)."
                )
                % {
                    "rekening": beheerrekening.iban,
                    "bank": euro(banksaldo),
                    "boek": euro(stand.verwacht_banksaldo),
                    "verschil": euro(verschil),
                },
                datum=datum,
            )
    return aansluiting


def budget_dagelijks(organisatie: Organisatie, datum: date) -> dict[str, int]:
    """The daily run for one organisation: signals (late income, low balances), then the
    reconciliation of every active beheerrekening. Idempotent: run it hourly if you like."""
    signalen = signalen_controleren(organisatie, datum)
    aansluitingen = [
        aansluiting_maken(organisatie, beheerrekening, datum)
        for beheerrekening in Beheerrekening.objects.filter(organisatie=organisatie, actief=True)
    ]
    return {
        "signalen": len(signalen),
        "aansluitingen": len(aansluitingen),
        "verschillen": sum(1 for a in aansluitingen if a.verschil),
    }


def budget_dagelijks_alle() -> int:
    """For the background worker: `budget_dagelijks` for every organisation with an active
    beheerrekening, on today's date in its own time zone. Returns the number of signals."""
    totaal = 0
    for organisatie in Organisatie.objects.filter(
        pk__in=Beheerrekening.objects.filter(actief=True).values("organisatie_id")
    ):
        totaal += budget_dagelijks(organisatie, vandaag(organisatie.tijdzone))["signalen"]
    return totaal


# --- the reconciliation page ----------------------------------------------------------------------


@dataclass(frozen=True)
class Aansluitregel:
    beheerrekening: Beheerrekening
    afschrift: Bankafschrift | None
    stand: Grootboekstand
    laatste: Aansluiting | None
    historie: list[Aansluiting]

    @property
    def verschil(self) -> Decimal:
        banksaldo = self.afschrift.eindsaldo if self.afschrift else NUL
        return banksaldo - self.stand.verwacht_banksaldo


def aansluiting_overzicht(*, actor: Actor, datum: date) -> list[Aansluitregel]:
    """Per beheerrekening of the actor's organisation: the reconciliation as it stands now and
    the last 30 daily records. Totals only, no client data: team leaders may see it too."""
    if not actor.heeft_rol(Rol.TEAMLEIDER):
        require_budget_toegang(actor)
    regels = []
    for beheerrekening in Beheerrekening.objects.filter(organisatie=actor.organisatie).order_by(
        "-actief", "naam"
    ):
        afschrift = laatste_afschrift(beheerrekening, datum)
        historie = list(beheerrekening.aansluitingen.order_by("-datum")[:30])
        regels.append(
            Aansluitregel(
                beheerrekening=beheerrekening,
                afschrift=afschrift,
                stand=grootboekstand(
                    beheerrekening, tot_en_met=afschrift.datum if afschrift else datum
                ),
                laatste=historie[0] if historie else None,
                historie=historie,
            )
        )
    return regels


def aansluiten_nu(*, actor: Actor, datum: date) -> list[Aansluiting]:
    """The 'reconcile now' button: today's record for every active beheerrekening."""
    require_budget_toegang(actor)
    aansluitingen = [
        aansluiting_maken(actor.organisatie, beheerrekening, datum)
        for beheerrekening in Beheerrekening.objects.filter(
            organisatie=actor.organisatie, actief=True
        )
    ]
    for aansluiting in aansluitingen:
        audit_entry_record(
            actor=actor,
            actie="budget_aansluiting_gemaakt",
            obj=aansluiting.beheerrekening,
            wijzigingen={"verschil": [None, str(aansluiting.verschil)]},
        )
    return aansluitingen
