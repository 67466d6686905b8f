"""The organisation's bank account and a client's budget account: opening it (with its case
and payment reference) and changing its details.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.models import AardRelatie, Zaak, ZaakNummerTeller
from raadhuis.kernel.cases.numbering import identificatie_next
from raadhuis.kernel.cases.services import (
    zaak_audit_record,
    zaak_create,
    zaak_lock_for_change,
    zaak_status_set,
)
from raadhuis.kernel.iban import iban_normaliseren
from raadhuis.kernel.organisations.models import Medewerker, Organisatie
from raadhuis.kernel.parties.models import Partij
from raadhuis.modules.budget.catalogus import (
    ZAAKNUMMER_PREFIX,
    ZAAKTYPE_IDENTIFICATIE,
    StatusCode,
    budget_catalogus_ensure,
    budget_zaaktype,
    require_budget_toegang,
)
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening
from raadhuis.modules.budget.models import (
    Beheerrekening,
    BetaalSoort,
    Budgetrekening,
    GrootboekSoort,
    RekeningStatus,
)
from raadhuis.modules.budget.services.algemeen import (
    actief_check,
    bedrag_check,
    budgetrekening_lock_for_change,
    fouten_melden,
    iban_check,
)

KENMERK_PREFIX = "BB"
KENMERK_CIJFERS = 7
KENMERK_TELLER = "bb-kenmerk"  # ZaakNummerTeller.soort of the payment reference counter


# --- the organisation's bank account ----------------------------------------------------------


def beheerrekening_ensure(
    organisatie: Organisatie,
    iban: str,
    naam: str,
    *,
    bic: str = "",
    actor: Actor | None = None,
) -> Beheerrekening:
    """The organisation's budget management bank account with this IBAN, created when missing
    (with its BANK, ONDERWEG and TE_MATCHEN ledger accounts). Idempotent."""
    iban = iban_normaliseren(iban)
    actor = actor or Actor.system(organisatie, weergave="Budgetbeheer (inrichting)")
    if len(naam) > 70:
        raise ValidationError({"naam": _("De naam is maximaal 70 tekens (SEPA).")})
    with transaction.atomic():
        rekening, nieuw = Beheerrekening.objects.get_or_create(
            organisatie=organisatie, iban=iban, defaults={"naam": naam, "bic": bic}
        )
        if nieuw:
            audit_entry_record(
                actor=actor,
                actie="beheerrekening_aangemaakt",
                obj=rekening,
                wijzigingen={"iban": [None, iban], "naam": [None, naam]},
            )
        for soort in (GrootboekSoort.BANK, GrootboekSoort.ONDERWEG, GrootboekSoort.TE_MATCHEN):
            grootboekrekening(soort, beheerrekening=rekening)
    return rekening


# --- opening a budget account -----------------------------------------------------------------


def kenmerk_next(organisatie: Organisatie) -> str:
    """The next payment reference, "BB" + 7 digits (BB0000001), unique per organisation.
    Call inside a transaction: the counter row is locked."""
    ZaakNummerTeller.objects.get_or_create(organisatie=organisatie, soort=KENMERK_TELLER, jaar=0)
    teller = ZaakNummerTeller.objects.select_for_update().get(
        organisatie=organisatie, soort=KENMERK_TELLER, jaar=0
    )
    while True:
        teller.laatste += 1
        kandidaat = f"{KENMERK_PREFIX}{teller.laatste:0{KENMERK_CIJFERS}d}"
        if not Budgetrekening.objects.filter(organisatie=organisatie, kenmerk=kandidaat).exists():
            break
    teller.save(update_fields=["laatste"])
    return kandidaat


def _zaaknummer(organisatie: Organisatie, jaar: int) -> str:
    """BB-2026-0000042: a counter of its own, so budget cases are recognisable by number."""
    return identificatie_next(
        organisatie=organisatie,
        soort="bb",
        prefix=ZAAKNUMMER_PREFIX,
        jaar=jaar,
        bezet=lambda kandidaat: Zaak.objects.filter(
            bronorganisatie=organisatie.rsin, identificatie=kandidaat
        ).exists(),
    )


def budgetrekening_openen(
    *,
    actor: Actor,
    client: Partij,
    beheerrekening: Beheerrekening,
    client_iban: str,
    client_tenaamstelling: str,
    startdatum: date,
    zaak: Zaak | None = None,
    saldo_drempel: Decimal | None = None,
    behandelaar: Medewerker | None = None,
    toelichting: str = "",
) -> Budgetrekening:
    """Open a client's budget account.

    `zaak` may be a case of type "Budgetbeheer" that has no account yet (it is used), or any
    other case of the client, such as a debt-assistance track (a new "Budgetbeheer" case is
    made and linked to it as its follow-up). Without `zaak` a new case is made. The case gets
    the client as Cliënt and the consultant as behandelaar and moves to "Budgetbeheer actief".
    The account gets its payment reference and its CLIENT ledger account."""
    require_budget_toegang(actor)
    organisatie = actor.organisatie
    errors: dict[str, Any] = {}
    client_iban = iban_check(errors, "client_iban", client_iban, verplicht=True)
    client_tenaamstelling = (client_tenaamstelling or "").strip()
    if not client_tenaamstelling:
        errors["client_tenaamstelling"] = _("Vul de tenaamstelling van de rekening in.")
    elif len(client_tenaamstelling) > 70:
        errors["client_tenaamstelling"] = _("De tenaamstelling is maximaal 70 tekens (SEPA).")
    if client.organisatie_id != organisatie.pk:
        errors["client"] = _("Kies een cliënt van deze organisatie.")
    if beheerrekening.organisatie_id != organisatie.pk or not beheerrekening.actief:
        errors["beheerrekening"] = _("Kies een actieve beheerrekening van deze organisatie.")
    if startdatum is None:
        errors["startdatum"] = _("Vul de startdatum in.")
    if saldo_drempel is not None:
        bedrag_check(errors, "saldo_drempel", saldo_drempel, nul_mag=True)
    behandelaar = behandelaar or actor.medewerker
    if behandelaar is not None and behandelaar.organisatie_id != organisatie.pk:
        errors["behandelaar"] = _("Kies een consulent van deze organisatie.")
    fouten_melden(errors)
    if budget_zaaktype(organisatie) is None:
        budget_catalogus_ensure(organisatie)
    zaaktype = budget_zaaktype(organisatie)
    with transaction.atomic():
        # One running budget account per client: two would split (and double-pay) the plan.
        lopend = (
            Budgetrekening.objects.select_for_update()
            .filter(organisatie=organisatie, client=client, status=RekeningStatus.ACTIEF)
            .first()
        )
        if lopend is not None:
            raise ValidationError(
                {
                    "client": _("Deze cliënt heeft al een lopende budgetrekening (%(kenmerk)s).")
                    % {"kenmerk": lopend.kenmerk}
                }
            )
        bb_zaak = _budgetzaak(
            actor=actor,
            zaak=zaak,
            zaaktype=zaaktype,
            client=client,
            behandelaar=behandelaar,
            startdatum=startdatum,
            toelichting=toelichting,
        )
        rekening = Budgetrekening.objects.create(
            organisatie=organisatie,
            zaak=bb_zaak,
            client=client,
            beheerrekening=beheerrekening,
            kenmerk=kenmerk_next(organisatie),
            client_iban=client_iban,
            client_tenaamstelling=client_tenaamstelling,
            startdatum=startdatum,
            **({"saldo_drempel": saldo_drempel} if saldo_drempel is not None else {}),
        )
        grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=rekening)
        zaak_audit_record(
            actor,
            "budgetrekening_geopend",
            rekening,
            bb_zaak,
            wijzigingen=diff(
                {},
                snapshot(
                    rekening,
                    ["kenmerk", "client", "beheerrekening", "client_iban", "startdatum"],
                ),
            ),
            toelichting=toelichting,
        )
        _status_naar(actor, bb_zaak, StatusCode.ACTIEF)
    return rekening


def _budgetzaak(
    *,
    actor: Actor,
    zaak: Zaak | None,
    zaaktype: Any,
    client: Partij,
    behandelaar: Medewerker | None,
    startdatum: date,
    toelichting: str,
) -> Zaak:
    if zaak is not None and zaak.zaaktype.identificatie == ZAAKTYPE_IDENTIFICATIE:
        locked = zaak_lock_for_change(actor, zaak)
        if Budgetrekening.objects.filter(zaak=locked).exists():
            raise ValidationError({"zaak": _("Deze zaak heeft al een budgetrekening.")})
        return locked
    relaties = []
    if zaak is not None:
        # The debt case must be visible to the actor; the lock checks access.
        relaties.append((zaak_lock_for_change(actor, zaak), AardRelatie.VERVOLG))
    nieuw = zaak_create(
        actor=actor,
        zaaktype=zaaktype,
        omschrijving=f"Budgetbeheer {client.weergavenaam}"[:80],
        toelichting=toelichting,
        startdatum=min(startdatum, vandaag_van(actor)),
        initiator=client,
        behandelaar=behandelaar,
        identificatie=_zaaknummer(actor.organisatie, startdatum.year),
        relevante_andere_zaken=relaties,
    )
    return Zaak.objects.select_related("zaaktype", "organisatie").get(pk=nieuw.pk)


def vandaag_van(actor: Actor) -> date:
    from raadhuis.kernel.workflow.calendar import vandaag

    return vandaag(actor.organisatie.tijdzone)


def _status_naar(actor: Actor, zaak: Zaak, code: str) -> None:
    """Move the case forward to the status type with this code (never backwards)."""
    statustype = zaak.zaaktype.statustypen.filter(omschrijving_generiek=code).first()
    huidig = zaak.status_actueel.statustype.volgnummer if zaak.status_actueel_id else 0
    if statustype is not None and statustype.volgnummer > huidig:
        zaak_status_set(actor=actor, zaak=zaak, statustype=statustype)


def budgetrekening_update(
    *,
    actor: Actor,
    budgetrekening: Budgetrekening,
    client_iban: str | None = None,
    client_tenaamstelling: str | None = None,
    saldo_drempel: Decimal | None = None,
    toelichting: str = "",
) -> Budgetrekening:
    """Change the client's own account (where the living allowance goes) or the balance
    threshold. The living allowance post follows the client's new account."""
    errors: dict[str, Any] = {}
    velden: dict[str, Any] = {}
    if client_iban is not None:
        velden["client_iban"] = iban_check(errors, "client_iban", client_iban, verplicht=True)
    if client_tenaamstelling is not None:
        if not client_tenaamstelling.strip() or len(client_tenaamstelling.strip()) > 70:
            errors["client_tenaamstelling"] = _(
                "Vul een tenaamstelling in van hoogstens 70 tekens."
            )
        velden["client_tenaamstelling"] = client_tenaamstelling.strip()
    if saldo_drempel is not None:
        bedrag_check(errors, "saldo_drempel", saldo_drempel, nul_mag=True)
        velden["saldo_drempel"] = saldo_drempel
    fouten_melden(errors)
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, budgetrekening)
        actief_check(rekening)
        voor = snapshot(rekening, list(velden))
        for veld, waarde in velden.items():
            setattr(rekening, veld, waarde)
        rekening.save(update_fields=list(velden))
        wijzigingen = diff(voor, snapshot(rekening, list(velden)))
        if wijzigingen:
            zaak_audit_record(
                actor, "budgetrekening_gewijzigd", rekening, rekening.zaak, wijzigingen, toelichting
            )
            rekening.betaalposten.filter(soort=BetaalSoort.LEEFGELD).update(
                iban=rekening.client_iban, begunstigde=rekening.client_tenaamstelling
            )
    return rekening
