"""Who may see a client's ledger, the ledger accounts, and their balances in the natural sign
(positive: money the client has, or money the bank holds).
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_zaak_access, zaak_filter
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.budget.catalogus import require_budget_toegang
from raadhuis.modules.budget.models import (
    Beheerrekening,
    Budgetrekening,
    Grootboekrekening,
    GrootboekSoort,
    Journaalregel,
    Reservering,
)

DOEL = "Budgetbeheer"
CENT = Decimal("0.01")
NUL = Decimal("0.00")
# Client money: these balances may not go below zero without a second person's approval.
CLIENTGELD = (GrootboekSoort.CLIENT, GrootboekSoort.RESERVERING)
# The asset side; every other account is money the municipality holds for someone.
ACTIVA = (GrootboekSoort.BANK,)
# Accounts that belong to the organisation's bank account, not to one client.
BEHEER_SOORTEN = (GrootboekSoort.BANK, GrootboekSoort.ONDERWEG, GrootboekSoort.TE_MATCHEN)

Regels = Sequence[tuple[Grootboekrekening, Decimal]]


# --- access -----------------------------------------------------------------------------------


def rekening_toegang_check(actor: Actor, budgetrekening: Budgetrekening) -> None:
    zaak = budgetrekening.zaak
    require_zaak_access(
        actor,
        organisatie_id=budgetrekening.organisatie_id,
        zaaktype_id=zaak.zaaktype_id,
        vertrouwelijkheid=zaak.vertrouwelijkheidaanduiding,
        zaak_id=zaak.pk,
    )


def budgetrekeningen_zichtbaar(actor: Actor) -> QuerySet[Budgetrekening]:
    """The budget accounts whose case the actor may see (nothing personal is read here)."""
    require_budget_toegang(actor)
    return Budgetrekening.objects.filter(zaak_filter(actor, prefix="zaak__"))


def budgetrekening_voor_grootboek(actor: Actor, uuid: uuid_module.UUID | str) -> Budgetrekening:
    """One budget account for the ledger screens; not found and not allowed look the same."""
    try:
        return (
            budgetrekeningen_zichtbaar(actor)
            .select_related("zaak", "client", "beheerrekening")
            .get(uuid=uuid_module.UUID(str(uuid)))
        )
    except (Budgetrekening.DoesNotExist, ValueError) as error:
        raise NietGevonden(_("Budgetrekening niet gevonden.")) from error


# --- accounts and balances --------------------------------------------------------------------


def grootboekrekening(
    soort: str,
    *,
    beheerrekening: Beheerrekening | None = None,
    budgetrekening: Budgetrekening | None = None,
    reservering: Reservering | None = None,
) -> Grootboekrekening:
    """The ledger account of this kind, made the first time it is asked for.

    BANK, ONDERWEG and TE_MATCHEN belong to a beheerrekening; CLIENT to a budgetrekening;
    RESERVERING to one reservation (and also records that reservation's budget account, so a
    client's accounts are found in one query)."""
    if soort in BEHEER_SOORTEN:
        if beheerrekening is None:
            raise ValueError(f"{soort} needs a beheerrekening")
        lookup = {"soort": soort, "beheerrekening": beheerrekening}
        defaults = {"organisatie_id": beheerrekening.organisatie_id}
    elif soort == GrootboekSoort.CLIENT:
        if budgetrekening is None:
            raise ValueError("client needs a budgetrekening")
        lookup = {"soort": soort, "budgetrekening": budgetrekening}
        defaults = {"organisatie_id": budgetrekening.organisatie_id}
    elif soort == GrootboekSoort.RESERVERING:
        if reservering is None:
            raise ValueError("reservering needs a reservering")
        lookup = {"reservering": reservering}
        defaults = {
            "soort": soort,
            "organisatie_id": reservering.organisatie_id,
            "budgetrekening_id": reservering.budgetrekening_id,
        }
    else:
        raise ValueError(f"unknown soort {soort!r}")
    rekening, _created = Grootboekrekening.objects.get_or_create(**lookup, defaults=defaults)
    return rekening


def natuurlijk_saldo(soort: str, som: Decimal | None) -> Decimal:
    som = som if som is not None else NUL
    return (som if soort in ACTIVA else -som).quantize(CENT)


def saldo(rekening: Grootboekrekening, *, tot_en_met: date | None = None) -> Decimal:
    """The balance in its natural sign (positive: money the client has / the bank holds),
    over the entries booked up to and including `tot_en_met` (all when None)."""
    regels = Journaalregel.objects.filter(grootboekrekening=rekening)
    if tot_en_met is not None:
        regels = regels.filter(journaalpost__boekdatum__lte=tot_en_met)
    return natuurlijk_saldo(rekening.soort, regels.aggregate(som=Sum("bedrag"))["som"])


def clientgeld_sommen(
    budgetrekening_ids: Iterable[int], *, tot_en_met: date | None = None
) -> dict[tuple[int, str], Decimal]:
    """{(budgetrekening_id, soort): natural balance} for CLIENT and RESERVERING, one query."""
    regels = Journaalregel.objects.filter(
        grootboekrekening__budgetrekening_id__in=list(budgetrekening_ids),
        grootboekrekening__soort__in=CLIENTGELD,
    )
    if tot_en_met is not None:
        regels = regels.filter(journaalpost__boekdatum__lte=tot_en_met)
    rows = regels.values("grootboekrekening__budgetrekening_id", "grootboekrekening__soort")
    return {
        (
            r["grootboekrekening__budgetrekening_id"],
            r["grootboekrekening__soort"],
        ): natuurlijk_saldo(r["grootboekrekening__soort"], r["som"])
        for r in rows.annotate(som=Sum("bedrag"))
    }


def beschikbaar_saldo(budgetrekening: Budgetrekening, *, tot_en_met: date | None = None) -> Decimal:
    """What the client has free to spend: the CLIENT account, reservations not included."""
    sommen = clientgeld_sommen([budgetrekening.pk], tot_en_met=tot_en_met)
    return sommen.get((budgetrekening.pk, GrootboekSoort.CLIENT), NUL)


def gereserveerd_saldo(
    budgetrekening: Budgetrekening, *, tot_en_met: date | None = None
) -> Decimal:
    """The client's money set aside in reservations."""
    sommen = clientgeld_sommen([budgetrekening.pk], tot_en_met=tot_en_met)
    return sommen.get((budgetrekening.pk, GrootboekSoort.RESERVERING), NUL)


def reserveringssaldi(budgetrekening: Budgetrekening) -> list[dict[str, Any]]:
    """Each reservation of the account with what has been put aside for it."""
    sommen = dict(
        Journaalregel.objects.filter(grootboekrekening__reservering__budgetrekening=budgetrekening)
        .values_list("grootboekrekening__reservering_id")
        .annotate(som=Sum("bedrag"))
    )
    return [
        {
            "reservering": reservering,
            "saldo": natuurlijk_saldo(GrootboekSoort.RESERVERING, sommen.get(reservering.pk)),
        }
        for reservering in budgetrekening.reserveringen.all().order_by("omschrijving", "pk")
    ]


def saldi(organisatie: Organisatie) -> list[dict[str, Any]]:
    """Every budget account of the organisation with its balances, in kenmerk order:
    kenmerk, client (name), status, beschikbaar, gereserveerd, totaal. For the CLI and the
    finance department; callers showing it to a person log that read themselves."""
    rekeningen = list(
        Budgetrekening.objects.filter(organisatie=organisatie)
        .select_related("client")
        .order_by("kenmerk")
    )
    sommen = clientgeld_sommen(r.pk for r in rekeningen)
    result = []
    for rekening in rekeningen:
        beschikbaar = sommen.get((rekening.pk, GrootboekSoort.CLIENT), NUL)
        gereserveerd = sommen.get((rekening.pk, GrootboekSoort.RESERVERING), NUL)
        result.append(
            {
                "uuid": rekening.uuid,
                "kenmerk": rekening.kenmerk,
                "client": rekening.client.weergavenaam,
                "status": rekening.status,
                "beschikbaar": beschikbaar,
                "gereserveerd": gereserveerd,
                "totaal": beschikbaar + gereserveerd,
            }
        )
    return result


def saldi_json(organisatie: Organisatie) -> list[dict[str, Any]]:
    """`saldi()` ready for `json.dumps`: amounts as strings with two decimals ("1234.50"), so
    no float ever rounds a cent; for `raadhuis budget saldi --json`."""
    return [
        {
            **{k: v for k, v in regel.items() if k != "uuid"},
            "uuid": str(regel["uuid"]),
            "beschikbaar": str(regel["beschikbaar"]),
            "gereserveerd": str(regel["gereserveerd"]),
            "totaal": str(regel["totaal"]),
        }
        for regel in saldi(organisatie)
    ]


def rekening_naam(rekening: Grootboekrekening) -> str:
    """A ledger account as a person reads it: 'Tegoed cliënt BB0000123', 'Bank NL91…'."""
    if rekening.soort == GrootboekSoort.RESERVERING and rekening.reservering_id:
        return _("Reservering %(omschrijving)s") % {
            "omschrijving": rekening.reservering.omschrijving
        }
    if rekening.soort == GrootboekSoort.CLIENT and rekening.budgetrekening_id:
        return _("Tegoed cliënt %(kenmerk)s") % {"kenmerk": rekening.budgetrekening.kenmerk}
    label = str(GrootboekSoort(rekening.soort).label)
    if rekening.beheerrekening_id:
        return f"{label} {rekening.beheerrekening.iban}"
    return label
