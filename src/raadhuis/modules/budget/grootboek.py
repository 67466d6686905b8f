"""The budget ledger: every euro a client's budget account receives, holds and pays.

Double entry (see models.py): a `Journaalpost` has two or more `Journaalregel`s whose amounts sum
to zero; positive is debit, negative is credit. Client money is a liability of the municipality,
so a client's balance is minus the sum of its lines; the bank is an asset, its balance is plus
the sum. `saldo()` gives every account in that "natural" sign: positive means money the client
has, or money the bank holds.

Rules this module keeps (issue 5, item 2):
- amounts are `Decimal` with at most two decimals, never float, never zero;
- nothing booked is ever changed or deleted: a correction is a reversing entry (`tegenboeken`),
  and a reversal cannot itself be reversed, nor can an entry be reversed twice;
- a booking that takes a client's free balance (CLIENT) or a reservation (RESERVERING) below
  zero is refused (`Roodstand`) unless a second medewerker, not the one who books or asks,
  allows it; the allowance and its reason are in the audit trail;
- every booking on a client locks that client's budget account row first, so two bookings at
  the same moment cannot both spend the same euro.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role, require_zaak_access, zaak_filter
from raadhuis.kernel.audit.services import (
    AuditRegel,
    audit_entries_record,
    audit_entry_record,
    verwerkingen_record,
)
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.geld import euro
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget import models as budget_models
from raadhuis.modules.budget.catalogus import (
    ZAAKTYPE_IDENTIFICATIE,
    require_budget_toegang,
)
from raadhuis.modules.budget.models import (
    Beheerrekening,
    BoekingSoort,
    Budgetrekening,
    Grootboekrekening,
    GrootboekSoort,
    Journaalpost,
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


class Roodstand(ValidationError):
    """The booking would take a client's balance below zero without a valid second-person
    approval. `tekort` is how far below zero it would go."""

    def __init__(
        self,
        message: str,
        *,
        grootboekrekening: Grootboekrekening | None = None,
        nieuw_saldo: Decimal | None = None,
        code: str = "roodstand",
    ) -> None:
        super().__init__(message, code=code)
        self.grootboekrekening = grootboekrekening
        self.nieuw_saldo = nieuw_saldo
        self.tekort = -nieuw_saldo if nieuw_saldo is not None and nieuw_saldo < 0 else NUL


# --- access -----------------------------------------------------------------------------------


def _rekening_toegang_check(actor: Actor, budgetrekening: Budgetrekening) -> None:
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


def _natuurlijk(soort: str, som: Decimal | None) -> Decimal:
    som = som if som is not None else NUL
    return (som if soort in ACTIVA else -som).quantize(CENT)


def saldo(rekening: Grootboekrekening, *, tot_en_met: date | None = None) -> Decimal:
    """The balance in its natural sign (positive: money the client has / the bank holds),
    over the entries booked up to and including `tot_en_met` (all when None)."""
    regels = Journaalregel.objects.filter(grootboekrekening=rekening)
    if tot_en_met is not None:
        regels = regels.filter(journaalpost__boekdatum__lte=tot_en_met)
    return _natuurlijk(rekening.soort, regels.aggregate(som=Sum("bedrag"))["som"])


def _clientgeld_sommen(
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
        (r["grootboekrekening__budgetrekening_id"], r["grootboekrekening__soort"]): _natuurlijk(
            r["grootboekrekening__soort"], r["som"]
        )
        for r in rows.annotate(som=Sum("bedrag"))
    }


def beschikbaar_saldo(budgetrekening: Budgetrekening, *, tot_en_met: date | None = None) -> Decimal:
    """What the client has free to spend: the CLIENT account, reservations not included."""
    sommen = _clientgeld_sommen([budgetrekening.pk], tot_en_met=tot_en_met)
    return sommen.get((budgetrekening.pk, GrootboekSoort.CLIENT), NUL)


def gereserveerd_saldo(
    budgetrekening: Budgetrekening, *, tot_en_met: date | None = None
) -> Decimal:
    """The client's money set aside in reservations."""
    sommen = _clientgeld_sommen([budgetrekening.pk], tot_en_met=tot_en_met)
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
            "saldo": _natuurlijk(GrootboekSoort.RESERVERING, sommen.get(reservering.pk)),
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
    sommen = _clientgeld_sommen(r.pk for r in rekeningen)
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


# --- booking ----------------------------------------------------------------------------------


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


def _bedrag_check(bedrag: Any) -> Decimal:  # noqa: ANN401 - checks whatever it is given
    if isinstance(bedrag, float | bool) or not isinstance(bedrag, Decimal | int):
        raise ValidationError(
            _("Een bedrag moet een Decimal zijn, geen %(type)s.") % {"type": type(bedrag).__name__},
            code="bedrag",
        )
    try:
        bedrag = Decimal(bedrag)
        if not bedrag.is_finite() or bedrag != bedrag.quantize(CENT):
            raise InvalidOperation
    except InvalidOperation as error:
        raise ValidationError(
            _("Een bedrag heeft hoogstens twee decimalen."), code="bedrag"
        ) from error
    if bedrag == 0:
        raise ValidationError(_("Een boekingsregel van nul euro heeft geen betekenis."), code="nul")
    if abs(bedrag) >= Decimal("1e12"):
        raise ValidationError(_("Dit bedrag is te groot."), code="bedrag")
    return bedrag.quantize(CENT)


def _regels_check(
    organisatie: Organisatie, regels: Regels
) -> list[tuple[Grootboekrekening, Decimal]]:
    """The lines, checked: at least two, each a non-zero Decimal in cents, on accounts of this
    organisation, summing to exactly zero."""
    regels = list(regels)
    if len(regels) < 2:
        raise ValidationError(_("Een boeking heeft minstens twee regels."), code="regels")
    checked = []
    for rekening, bedrag in regels:
        if not isinstance(rekening, Grootboekrekening) or rekening.organisatie_id != organisatie.pk:
            raise ValidationError(
                _("Een regel staat op een grootboekrekening van een andere organisatie."),
                code="organisatie",
            )
        checked.append((rekening, _bedrag_check(bedrag)))
    totaal = sum((b for _r, b in checked), NUL)
    if totaal != 0:
        raise ValidationError(
            _("Debet en credit zijn niet gelijk: de regels tellen op tot %(totaal)s.")
            % {"totaal": euro(totaal)},
            code="niet_in_evenwicht",
        )
    return checked


def _budgetrekeningen_vergrendelen(actor: Actor, ids: set[int]) -> dict[int, Budgetrekening]:
    """Lock every client account the booking touches, lowest id first (no deadlock between two
    bookings on the same pair), and check the actor may work on each one's case."""
    if not ids:
        return {}
    locked = (
        Budgetrekening.objects.select_for_update(of=("self",))
        .select_related("zaak")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    result = {}
    for rekening in locked:
        _rekening_toegang_check(actor, rekening)
        result[rekening.pk] = rekening
    return result


def _roodstanden(
    regels: list[tuple[Grootboekrekening, Decimal]],
) -> list[tuple[Grootboekrekening, Decimal]]:
    """(account, balance after) for each client-money account this booking lowers to below
    zero. Crediting an account that is already negative is always allowed: it only helps."""
    netto: dict[int, Decimal] = {}
    rekeningen: dict[int, Grootboekrekening] = {}
    for rekening, bedrag in regels:
        if rekening.soort in CLIENTGELD:
            netto[rekening.pk] = netto.get(rekening.pk, NUL) + bedrag
            rekeningen[rekening.pk] = rekening
    verlaagd = [pk for pk, bedrag in netto.items() if bedrag > 0]  # debit lowers a liability
    if not verlaagd:
        return []
    huidig = dict(
        Journaalregel.objects.filter(grootboekrekening_id__in=verlaagd)
        .values_list("grootboekrekening_id")
        .annotate(som=Sum("bedrag"))
    )
    result = []
    for pk in verlaagd:
        na = -(huidig.get(pk) or NUL) - netto[pk]
        if na < 0:
            result.append((rekeningen[pk], na.quantize(CENT)))
    return result


def _roodstand_toestemming_check(
    *,
    organisatie: Organisatie,
    roodstanden: list[tuple[Grootboekrekening, Decimal]],
    toegestaan_door: Medewerker | None,
    vrager: Medewerker | None,
    reden: str,
) -> None:
    rekening, na = roodstanden[0]
    if toegestaan_door is None:
        raise Roodstand(
            _(
                "Deze boeking brengt %(rekening)s op %(saldo)s. Dat mag alleen als een tweede "
                "medewerker de roodstand toestaat."
            )
            % {"rekening": rekening_naam(rekening), "saldo": euro(na)},
            grootboekrekening=rekening,
            nieuw_saldo=na,
        )
    if vrager is not None and toegestaan_door.pk == vrager.pk:
        raise Roodstand(
            _("Een roodstand staat een ándere medewerker toe dan wie boekt of erom vraagt."),
            grootboekrekening=rekening,
            nieuw_saldo=na,
            code="vier_ogen",
        )
    bevoegd = (
        toegestaan_door.organisatie_id == organisatie.pk
        and toegestaan_door.actief
        and Rol.MEDEWERKER in (toegestaan_door.rollen or [])
        and toegestaan_door.zaaktype_autorisaties.filter(
            zaaktype_identificatie=ZAAKTYPE_IDENTIFICATIE
        ).exists()
    )
    if not bevoegd:
        raise Roodstand(
            _("%(naam)s mag geen roodstand toestaan bij budgetbeheer.")
            % {"naam": toegestaan_door.naam},
            grootboekrekening=rekening,
            nieuw_saldo=na,
            code="niet_bevoegd",
        )
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden voor de roodstand.")}, code="reden")


def _boeken(
    *,
    actor: Actor,
    organisatie: Organisatie,
    boekdatum: date,
    soort: str,
    omschrijving: str,
    regels: Regels,
    budgetrekening: Budgetrekening | None,
    reden: str,
    roodstand_toegestaan_door: Medewerker | None,
    roodstand_gevraagd_door: Medewerker | None,
    tegenboeking_van: Journaalpost | None = None,
    geboekt_door: Medewerker | None = None,
    geboekt_door_weergave: str = "",
) -> Journaalpost:
    if actor.organisatie.pk != organisatie.pk:
        raise ToegangGeweigerd(_("Je werkt niet voor deze organisatie."))
    checked = _regels_check(organisatie, regels)
    errors: dict[str, str] = {}
    if soort not in BoekingSoort.values:
        errors["soort"] = _("Kies een geldige soort boeking.")
    if not isinstance(boekdatum, date):
        errors["boekdatum"] = _("Vul een geldige boekdatum in.")
    omschrijving = (omschrijving or "").strip()
    if not omschrijving:
        errors["omschrijving"] = _("Vul een omschrijving in.")
    elif len(omschrijving) > 200:
        errors["omschrijving"] = _("Een omschrijving is hoogstens 200 tekens.")
    reden = (reden or "").strip()
    if soort in (BoekingSoort.CORRECTIE, BoekingSoort.TEGENBOEKING) and not reden:
        errors["reden"] = _("Een correctie of tegenboeking heeft altijd een reden.")
    if budgetrekening is not None and budgetrekening.organisatie_id != organisatie.pk:
        errors["budgetrekening"] = _("Deze budgetrekening hoort bij een andere organisatie.")
    if errors:
        raise ValidationError(errors)
    if geboekt_door is None:
        geboekt_door = actor.medewerker
        geboekt_door_weergave = actor.weergave
    vrager = roodstand_gevraagd_door or geboekt_door
    with transaction.atomic():
        ids = {r.budgetrekening_id for r, _b in checked if r.budgetrekening_id}
        if budgetrekening is not None:
            ids.add(budgetrekening.pk)
        vergrendeld = _budgetrekeningen_vergrendelen(actor, ids)
        if budgetrekening is None and len(vergrendeld) == 1:
            budgetrekening = next(iter(vergrendeld.values()))
        elif budgetrekening is not None:
            budgetrekening = vergrendeld[budgetrekening.pk]
        if not vergrendeld:
            require_role(actor, Rol.MEDEWERKER)
        roodstanden = _roodstanden(checked)
        if roodstanden:
            _roodstand_toestemming_check(
                organisatie=organisatie,
                roodstanden=roodstanden,
                toegestaan_door=roodstand_toegestaan_door,
                vrager=vrager,
                reden=reden,
            )
        post = Journaalpost.objects.create(
            organisatie=organisatie,
            boekdatum=boekdatum,
            soort=soort,
            omschrijving=omschrijving,
            budgetrekening=budgetrekening,
            tegenboeking_van=tegenboeking_van,
            reden=reden,
            geboekt_door=geboekt_door,
            geboekt_door_weergave=(geboekt_door_weergave or "")[:200],
            # Recorded only when it was needed: it is the four-eyes evidence, not a courtesy.
            roodstand_toegestaan_door=roodstand_toegestaan_door if roodstanden else None,
        )
        Journaalregel.objects.bulk_create(
            Journaalregel(journaalpost=post, grootboekrekening=rekening, bedrag=bedrag)
            for rekening, bedrag in checked
        )
        zaak_uuid = budgetrekening.zaak.uuid if budgetrekening is not None else None
        audit_entry_record(
            actor=actor,
            actie="budget_boeking",
            obj=post,
            wijzigingen={
                "soort": [None, soort],
                "boekdatum": [None, boekdatum.isoformat()],
                "regels": [None, [[rekening_naam(r), str(b)] for r, b in checked]],
            },
            toelichting=reden or omschrijving,
            zaak_uuid=zaak_uuid,
        )
        if roodstanden:
            audit_entry_record(
                actor=actor,
                actie="budget_roodstand_toegestaan",
                obj=post,
                wijzigingen={
                    "toegestaan_door": [None, roodstand_toegestaan_door.naam],
                    "gevraagd_door": [None, vrager.naam if vrager else actor.weergave],
                    "saldo_na": [None, [[rekening_naam(r), str(s)] for r, s in roodstanden]],
                },
                toelichting=reden,
                zaak_uuid=zaak_uuid,
            )
    return post


def boeken(
    *,
    actor: Actor,
    organisatie: Organisatie,
    boekdatum: date,
    soort: str,
    omschrijving: str,
    regels: Regels,
    budgetrekening: Budgetrekening | None = None,
    reden: str = "",
    roodstand_toegestaan_door: Medewerker | None = None,
    roodstand_gevraagd_door: Medewerker | None = None,
) -> Journaalpost:
    """Book one journal entry: `regels` are (account, amount) with debit positive and credit
    negative, summing to zero. Raises `Roodstand` when a client or reservation balance would go
    below zero and no valid second person allowed it; ValidationError (Dutch, per field) for
    anything else wrong.

    Four eyes: `roodstand_toegestaan_door` must be another medewerker than the one who asked.
    That is `roodstand_gevraagd_door` when given (e.g. the consultant who asked for an overdraft
    on a payment that someone else now approves), else the booking actor's own medewerker."""
    if soort == BoekingSoort.TEGENBOEKING:
        raise ValidationError(
            {"soort": _("Een tegenboeking maak je met 'Tegenboeken' bij de boeking zelf.")}
        )
    return _boeken(
        actor=actor,
        organisatie=organisatie,
        boekdatum=boekdatum,
        soort=soort,
        omschrijving=omschrijving,
        regels=regels,
        budgetrekening=budgetrekening,
        reden=reden,
        roodstand_toegestaan_door=roodstand_toegestaan_door,
        roodstand_gevraagd_door=roodstand_gevraagd_door,
    )


def _tegenboeking_check(journaalpost: Journaalpost) -> None:
    if journaalpost.tegenboeking_van_id is not None:
        raise ValidationError(
            _("Dit is zelf een tegenboeking; die kan niet worden tegengeboekt. Boek opnieuw."),
            code="tegenboeking_van_tegenboeking",
        )
    if Journaalpost.objects.filter(tegenboeking_van=journaalpost).exists():
        raise ValidationError(_("Deze boeking is al tegengeboekt."), code="al_tegengeboekt")


def tegenboeken(
    *,
    actor: Actor,
    journaalpost: Journaalpost,
    reden: str,
    boekdatum: date | None = None,
    roodstand_toegestaan_door: Medewerker | None = None,
    roodstand_gevraagd_door: Medewerker | None = None,
    _geboekt_door: Medewerker | None = None,
    _geboekt_door_weergave: str = "",
) -> Journaalpost:
    """Undo an entry with its mirror image (every line with the opposite sign), linked to it
    by `tegenboeking_van`. The original stays as it was. An entry is reversed at most once and
    a reversal is never reversed; a reversal that takes a client below zero needs a second
    person like any booking. `boekdatum` defaults to today."""
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden van de tegenboeking.")})
    organisatie = actor.organisatie
    if journaalpost.organisatie_id != organisatie.pk:
        raise NietGevonden(_("Boeking niet gevonden."))
    with transaction.atomic():
        # The lock makes a second click wait, then see the reversal and refuse.
        origineel = Journaalpost.objects.select_for_update().get(pk=journaalpost.pk)
        _tegenboeking_check(origineel)
        regels = [
            (regel.grootboekrekening, -regel.bedrag)
            for regel in origineel.regels.select_related("grootboekrekening").order_by("pk")
        ]
        try:
            with transaction.atomic():
                return _boeken(
                    actor=actor,
                    organisatie=organisatie,
                    boekdatum=boekdatum or vandaag(organisatie.tijdzone),
                    soort=BoekingSoort.TEGENBOEKING,
                    omschrijving=(
                        _("Tegenboeking: %(omschrijving)s")
                        % {"omschrijving": origineel.omschrijving}
                    )[:200],
                    regels=regels,
                    budgetrekening=origineel.budgetrekening,
                    reden=reden,
                    roodstand_toegestaan_door=roodstand_toegestaan_door,
                    roodstand_gevraagd_door=roodstand_gevraagd_door,
                    tegenboeking_van=origineel,
                    geboekt_door=_geboekt_door,
                    geboekt_door_weergave=_geboekt_door_weergave,
                )
        except IntegrityError as error:  # the one-to-one link: reversed at the same moment
            raise ValidationError(
                _("Deze boeking is al tegengeboekt."), code="al_tegengeboekt"
            ) from error


# --- manual corrections -----------------------------------------------------------------------


class Richting:
    """Which way a manual correction moves money, seen from the client."""

    BIJ = "bij"  # the client's free balance goes up
    AF = "af"  # the client's free balance goes down


def tegenrekening_keuzes(budgetrekening: Budgetrekening) -> list[tuple[str, str]]:
    """The accounts a consultant may correct a client's balance against: the queue of unmatched
    receipts (a wrong match, money that was not the client's) and the client's reservations."""
    keuzes = [(GrootboekSoort.TE_MATCHEN.value, str(GrootboekSoort.TE_MATCHEN.label))]
    for reservering in budgetrekening.reserveringen.order_by("omschrijving", "pk"):
        keuzes.append(
            (
                f"reservering:{reservering.uuid}",
                _("Reservering %(o)s") % {"o": reservering.omschrijving},
            )
        )
    return keuzes


def correctie_regels(
    budgetrekening: Budgetrekening, *, richting: str, bedrag: Decimal, tegenrekening: str
) -> tuple[str, list[tuple[Grootboekrekening, Decimal]]]:
    """(soort, regels) of a manual correction on the client's free balance against one of
    `tegenrekening_keuzes`. Moving money into a reservation is RESERVEREN, out of it VRIJVAL."""
    bedrag = _bedrag_check(bedrag)
    if bedrag < 0:
        raise ValidationError({"bedrag": _("Vul een positief bedrag in; kies bij of af.")})
    if richting not in (Richting.BIJ, Richting.AF):
        raise ValidationError({"richting": _("Kies bij of af.")})
    client = grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=budgetrekening)
    if tegenrekening == GrootboekSoort.TE_MATCHEN:
        tegen = grootboekrekening(
            GrootboekSoort.TE_MATCHEN, beheerrekening=budgetrekening.beheerrekening
        )
        soort = BoekingSoort.CORRECTIE
    elif tegenrekening.startswith("reservering:"):
        try:
            reservering = budgetrekening.reserveringen.get(
                uuid=uuid_module.UUID(tegenrekening.split(":", 1)[1])
            )
        except (Reservering.DoesNotExist, ValueError) as error:
            raise ValidationError(
                {"tegenrekening": _("Kies een reservering van deze cliënt.")}
            ) from error
        tegen = grootboekrekening(GrootboekSoort.RESERVERING, reservering=reservering)
        soort = BoekingSoort.VRIJVAL if richting == Richting.BIJ else BoekingSoort.RESERVEREN
    else:
        raise ValidationError({"tegenrekening": _("Kies een tegenrekening.")})
    if richting == Richting.BIJ:  # credit the client (liability up), debit the other account
        return soort, [(tegen, bedrag), (client, -bedrag)]
    return soort, [(client, bedrag), (tegen, -bedrag)]


# --- overdraft requests: asked by one, allowed by another --------------------------------------


def _verzoek_model() -> Any:  # noqa: ANN401 - the model class
    model = getattr(budget_models, "Roodstandverzoek", None)
    if model is None:
        raise ValidationError(_("Roodstandverzoeken zijn nog niet beschikbaar."))
    return model


def roodstand_vragen(
    *,
    actor: Actor,
    budgetrekening: Budgetrekening,
    boekdatum: date,
    soort: str,
    omschrijving: str,
    reden: str,
    regels: Regels = (),
    tegenboeking_van: Journaalpost | None = None,
) -> Any:  # noqa: ANN401 - Roodstandverzoek
    """Ask a second person to allow a booking that would take the client below zero: either
    the given `regels`, or the reversal of `tegenboeking_van`. Only when it really would
    (otherwise just book it); the request is audited on the case."""
    verzoek_model = _verzoek_model()
    if actor.medewerker is None:
        raise ToegangGeweigerd(_("Alleen een medewerker kan om een roodstand vragen."))
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden waarom de roodstand nodig is.")})
    if tegenboeking_van is not None:
        _tegenboeking_check(tegenboeking_van)
        checked = [
            (r.grootboekrekening, -r.bedrag)
            for r in tegenboeking_van.regels.select_related("grootboekrekening")
        ]
        soort = BoekingSoort.TEGENBOEKING
    else:
        checked = _regels_check(actor.organisatie, regels)
    with transaction.atomic():
        rekening = _budgetrekeningen_vergrendelen(actor, {budgetrekening.pk})[budgetrekening.pk]
        if not _roodstanden(checked):
            raise ValidationError(
                _("Deze boeking brengt niemand onder nul; boek haar gewoon."), code="geen_roodstand"
            )
        verzoek = verzoek_model.objects.create(
            organisatie=actor.organisatie,
            budgetrekening=rekening,
            boekdatum=boekdatum,
            soort=soort,
            omschrijving=(omschrijving or "").strip()[:200] or str(BoekingSoort(soort).label),
            reden=reden.strip(),
            regels=[] if tegenboeking_van else [[r.pk, str(b)] for r, b in checked],
            tegenboeking_van=tegenboeking_van,
            gevraagd_door=actor.medewerker,
            gevraagd_door_weergave=actor.weergave[:200],
        )
        audit_entry_record(
            actor=actor,
            actie="budget_roodstand_gevraagd",
            obj=rekening,
            wijzigingen={"regels": [None, [[r.pk, str(b)] for r, b in checked]]},
            toelichting=reden.strip(),
            zaak_uuid=rekening.zaak.uuid,
        )
    return verzoek


def _verzoek_vergrendelen(actor: Actor, verzoek: Any) -> Any:  # noqa: ANN401
    locked = (
        _verzoek_model()
        .objects.select_for_update(of=("self",))
        .select_related("budgetrekening__zaak", "gevraagd_door", "tegenboeking_van")
        .get(pk=verzoek.pk)
    )
    if locked.organisatie_id != actor.organisatie.pk:
        raise NietGevonden(_("Verzoek niet gevonden."))
    _rekening_toegang_check(actor, locked.budgetrekening)
    if locked.status != "gevraagd":
        raise ValidationError(_("Over dit verzoek is al besloten."), code="al_besloten")
    if actor.medewerker is None or actor.medewerker.pk == locked.gevraagd_door_id:
        raise ValidationError(
            _("Een tweede medewerker beslist over de roodstand, niet wie erom vroeg."),
            code="vier_ogen",
        )
    return locked


def roodstand_goedkeuren(*, actor: Actor, verzoek: Any) -> Journaalpost:  # noqa: ANN401
    """The second person allows the overdraft: the booking is made as asked (booked by the
    one who asked, allowed by `actor`), and the request records the entry."""
    with transaction.atomic():
        verzoek = _verzoek_vergrendelen(actor, verzoek)
        vrager = verzoek.gevraagd_door
        if verzoek.tegenboeking_van_id:
            post = tegenboeken(
                actor=actor,
                journaalpost=verzoek.tegenboeking_van,
                reden=verzoek.reden,
                boekdatum=verzoek.boekdatum,
                roodstand_toegestaan_door=actor.medewerker,
                roodstand_gevraagd_door=vrager,
                _geboekt_door=vrager,
                _geboekt_door_weergave=verzoek.gevraagd_door_weergave,
            )
        else:
            rekeningen = Grootboekrekening.objects.in_bulk([pk for pk, _b in verzoek.regels])
            post = _boeken(
                actor=actor,
                organisatie=actor.organisatie,
                boekdatum=verzoek.boekdatum,
                soort=verzoek.soort,
                omschrijving=verzoek.omschrijving,
                regels=[(rekeningen[pk], Decimal(b)) for pk, b in verzoek.regels],
                budgetrekening=verzoek.budgetrekening,
                reden=verzoek.reden,
                roodstand_toegestaan_door=actor.medewerker,
                roodstand_gevraagd_door=vrager,
                geboekt_door=vrager,
                geboekt_door_weergave=verzoek.gevraagd_door_weergave,
            )
        verzoek.status = "toegestaan"
        verzoek.beoordeeld_door = actor.medewerker
        verzoek.beoordeeld_op = timezone.now()
        verzoek.journaalpost = post
        verzoek.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "journaalpost"])
    return post


def roodstand_afwijzen(*, actor: Actor, verzoek: Any, reden: str) -> Any:  # noqa: ANN401
    """The second person refuses; nothing is booked."""
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden van de afwijzing.")})
    with transaction.atomic():
        verzoek = _verzoek_vergrendelen(actor, verzoek)
        verzoek.status = "afgewezen"
        verzoek.beoordeeld_door = actor.medewerker
        verzoek.beoordeeld_op = timezone.now()
        verzoek.afwijzingsreden = reden.strip()
        verzoek.save(
            update_fields=["status", "beoordeeld_door", "beoordeeld_op", "afwijzingsreden"]
        )
        audit_entry_record(
            actor=actor,
            actie="budget_roodstand_afgewezen",
            obj=verzoek.budgetrekening,
            toelichting=reden.strip(),
            zaak_uuid=verzoek.budgetrekening.zaak.uuid,
        )
    return verzoek


def roodstandverzoeken_open(budgetrekening: Budgetrekening) -> list[Any]:
    model = getattr(budget_models, "Roodstandverzoek", None)
    if model is None:
        return []
    return list(
        model.objects.filter(budgetrekening=budgetrekening, status="gevraagd")
        .select_related("gevraagd_door", "tegenboeking_van")
        .order_by("gevraagd_op")
    )


# --- the ledger of one client, for the screen ---------------------------------------------------


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
    _rekening_toegang_check(actor, budgetrekening)
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
    sommen = _clientgeld_sommen([budgetrekening.pk])
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
