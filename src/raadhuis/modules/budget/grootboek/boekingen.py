"""Booking one journal entry (`boeken`): amounts are checked, the client accounts locked lowest
id first, and an overdraft refused (`Roodstand`) unless a second person allowed it. Many simple
bookings at once are bulkboekingen.py's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.geld import euro
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, Rol
from raadhuis.modules.budget.catalogus import ZAAKTYPE_IDENTIFICATIE
from raadhuis.modules.budget.grootboek.rekeningen import (
    CENT,
    CLIENTGELD,
    NUL,
    Regels,
    rekening_naam,
    rekening_toegang_check,
)
from raadhuis.modules.budget.models import (
    BoekingSoort,
    Budgetrekening,
    Grootboekrekening,
    Journaalpost,
    Journaalregel,
)


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


def bedrag_check(bedrag: Any) -> Decimal:  # noqa: ANN401 - checks whatever it is given
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


def regels_check(
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
        checked.append((rekening, bedrag_check(bedrag)))
    totaal = sum((b for _r, b in checked), NUL)
    if totaal != 0:
        raise ValidationError(
            _("Debet en credit zijn niet gelijk: de regels tellen op tot %(totaal)s.")
            % {"totaal": euro(totaal)},
            code="niet_in_evenwicht",
        )
    return checked


def budgetrekeningen_vergrendelen(actor: Actor, ids: set[int]) -> dict[int, Budgetrekening]:
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
        rekening_toegang_check(actor, rekening)
        result[rekening.pk] = rekening
    return result


def roodstanden_na_boeking(
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
        # SQLite sums decimals as floats (-2.01 + 2.00 = -0.0099999...): round to cents first,
        # or a booking to exactly zero looks like an overdraft. PostgreSQL sums exactly.
        na = -(huidig.get(pk) or NUL).quantize(CENT) - netto[pk]
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


def journaalpost_boeken(
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
    checked = regels_check(organisatie, regels)
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
        vergrendeld = budgetrekeningen_vergrendelen(actor, ids)
        if budgetrekening is None and len(vergrendeld) == 1:
            budgetrekening = next(iter(vergrendeld.values()))
        elif budgetrekening is not None:
            budgetrekening = vergrendeld[budgetrekening.pk]
        if not vergrendeld:
            require_role(actor, Rol.MEDEWERKER)
        roodstanden = roodstanden_na_boeking(checked)
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
    return journaalpost_boeken(
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
