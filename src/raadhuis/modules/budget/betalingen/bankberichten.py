"""What the bank tells us about our payments: debited (ONDERWEG -> BANK) or returned (the
money back to the client, with the bank's reason in Dutch).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.geld import euro
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.betalingen.algemeen import signaal
from raadhuis.modules.budget.grootboek.boekingen import boeken
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening
from raadhuis.modules.budget.models import (
    Betaalopdracht,
    BoekingSoort,
    GrootboekSoort,
    MutatieStatus,
    OpdrachtStatus,
    SignaalSoort,
)

# The bank's return reasons (ISO 20022 ExternalReturnReason1Code) as a consultant reads them.
RETOURREDENEN = {
    "AC01": "Het rekeningnummer is onjuist.",
    "AC04": "De rekening is opgeheven.",
    "AC06": "De rekening is geblokkeerd.",
    "AC13": "Het soort rekening is ongeldig.",
    "AG01": "Deze betaling is op deze rekening niet toegestaan.",
    "AG02": "Ongeldige bankcode.",
    "AM04": "Onvoldoende saldo bij de bank.",
    "AM05": "Dubbele betaling.",
    "BE04": "Het adres van de ontvanger ontbreekt of is onjuist.",
    "CUST": "Geweigerd door de ontvanger.",
    "DUPL": "Dubbele betaling.",
    "ED05": "De afwikkeling is mislukt.",
    "FF01": "Ongeldig bestandsformaat.",
    "FOCR": "Teruggestort na een verzoek tot annulering.",
    "MD07": "De rekeninghouder is overleden.",
    "MS02": "Geweigerd door de ontvanger (reden niet opgegeven).",
    "MS03": "Reden niet opgegeven door de bank.",
    "RC01": "De BIC is onjuist.",
    "RR01": "Gegevens ontbreken die de regelgeving vereist.",
    "RR02": "Naam of adres van de betaler ontbreekt.",
    "RR03": "Naam of adres van de ontvanger ontbreekt.",
    "RR04": "Geweigerd om redenen van regelgeving.",
    "TM01": "Te laat aangeleverd (na de sluitingstijd).",
}


def _mutatie_koppelen(mutatie: Any, opdracht: Betaalopdracht, status: str, post: Any) -> None:  # noqa: ANN401
    """Record on the statement entry what it turned out to be. The bank import may pass an
    entry it has not saved yet; then only the instance is filled in and the import saves it."""
    if mutatie is None:
        return
    mutatie.status = status
    mutatie.budgetrekening = opdracht.budgetrekening
    mutatie.journaalpost = post
    mutatie.match_regel = "betaalopdracht"
    if mutatie.pk:
        mutatie.save(update_fields=["status", "budgetrekening", "journaalpost", "match_regel"])


def _boekdatum(actor: Actor, mutatie: Any) -> date:  # noqa: ANN401
    return getattr(mutatie, "boekdatum", None) or vandaag(actor.organisatie.tijdzone)


def _opdracht_vergrendelen(actor: Actor, opdracht: Betaalopdracht) -> Betaalopdracht:
    """The payment, locked while the bank's news about it is booked; another organisation's
    payment is not found."""
    o = (
        Betaalopdracht.objects.select_for_update(of=("self",))
        .select_related("budgetrekening__beheerrekening", "budgetrekening__zaak")
        .get(pk=opdracht.pk)
    )
    if o.organisatie_id != actor.organisatie.pk:
        raise NietGevonden(_("Betaling niet gevonden."))
    return o


def afschrijving_verwerken(
    actor: Actor,
    opdracht: Betaalopdracht,
    mutatie: Any = None,  # noqa: ANN401
) -> Betaalopdracht:
    """The statement shows the payment left the bank: ONDERWEG -> BANK, status AFGESCHREVEN.
    Idempotent: a payment already debited is left alone."""
    require_role(actor, Rol.MEDEWERKER)
    with transaction.atomic():
        o = _opdracht_vergrendelen(actor, opdracht)
        if o.status == OpdrachtStatus.AFGESCHREVEN:
            return o
        if o.status != OpdrachtStatus.ONDERWEG:
            raise ValidationError(
                _("Betaling %(id)s is niet verstuurd (status: %(status)s).")
                % {"id": o.end_to_end_id, "status": o.get_status_display().lower()},
                code="niet_onderweg",
            )
        beheer = o.budgetrekening.beheerrekening
        post = boeken(
            actor=actor,
            organisatie=beheer.organisatie,
            boekdatum=_boekdatum(actor, mutatie),
            soort=BoekingSoort.AFSCHRIJVING,
            omschrijving=_("Afgeschreven: %(naam)s %(omschrijving)s")
            % {"naam": o.begunstigde, "omschrijving": o.omschrijving},
            regels=[
                (grootboekrekening(GrootboekSoort.ONDERWEG, beheerrekening=beheer), o.bedrag),
                (grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheer), -o.bedrag),
            ],
            budgetrekening=o.budgetrekening,
        )
        o.status = OpdrachtStatus.AFGESCHREVEN
        o.save(update_fields=["status"])
        _mutatie_koppelen(mutatie, o, MutatieStatus.BETALING, post)
        audit_entry_record(
            actor=actor,
            actie="budget_betaling_afgeschreven",
            obj=o,
            zaak_uuid=o.budgetrekening.zaak.uuid,
            wijzigingen={"status": [OpdrachtStatus.ONDERWEG, OpdrachtStatus.AFGESCHREVEN]},
        )
    return o


def retourreden(code: str) -> str:
    code = (code or "").strip().upper()
    if not code:
        return _("De bank gaf geen reden op.")
    tekst = RETOURREDENEN.get(code)
    return (
        f"{code}: {_(tekst)}" if tekst else _("Code %(code)s (onbekende reden).") % {"code": code}
    )


def retour_verwerken(
    actor: Actor,
    opdracht: Betaalopdracht,
    mutatie: Any = None,  # noqa: ANN401
) -> Betaalopdracht:
    """The payment came back: the money goes back to the client (STORNO), status RETOUR with
    the bank's reason in Dutch, and the consultant gets a signal to fix the payee's details.

    After the debit (AFGESCHREVEN) the returned money is on the bank: BANK -> CLIENT. When the
    debit was never seen (still ONDERWEG) it never left: ONDERWEG -> CLIENT."""
    require_role(actor, Rol.MEDEWERKER)
    with transaction.atomic():
        o = _opdracht_vergrendelen(actor, opdracht)
        if o.status == OpdrachtStatus.RETOUR:
            return o
        if o.status not in (OpdrachtStatus.AFGESCHREVEN, OpdrachtStatus.ONDERWEG):
            raise ValidationError(
                _("Betaling %(id)s is niet verstuurd en kan dus niet terugkomen.")
                % {"id": o.end_to_end_id},
                code="niet_verstuurd",
            )
        beheer = o.budgetrekening.beheerrekening
        van_soort = (
            GrootboekSoort.BANK
            if o.status == OpdrachtStatus.AFGESCHREVEN
            else GrootboekSoort.ONDERWEG
        )
        reden = retourreden(getattr(mutatie, "retourcode", ""))
        post = boeken(
            actor=actor,
            organisatie=beheer.organisatie,
            boekdatum=_boekdatum(actor, mutatie),
            soort=BoekingSoort.STORNO,
            omschrijving=(
                _("Teruggekomen: %(naam)s %(omschrijving)s")
                % {"naam": o.begunstigde, "omschrijving": o.omschrijving}
            )[:200],
            regels=[
                (grootboekrekening(van_soort, beheerrekening=beheer), o.bedrag),
                (
                    grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=o.budgetrekening),
                    -o.bedrag,
                ),
            ],
            budgetrekening=o.budgetrekening,
            reden=reden,
        )
        vorige = o.status
        o.status = OpdrachtStatus.RETOUR
        o.reden = _("Teruggekomen van de bank. %(reden)s") % {"reden": reden}
        o.save(update_fields=["status", "reden"])
        _mutatie_koppelen(mutatie, o, MutatieStatus.RETOUR, post)
        signaal(
            organisatie=beheer.organisatie,
            rekening=o.budgetrekening,
            soort=SignaalSoort.BETALING_RETOUR,
            sleutel=f"retour:{o.uuid}",
            tekst=_("Betaling aan %(naam)s van %(bedrag)s is teruggekomen. %(reden)s")
            % {"naam": o.begunstigde, "bedrag": euro(o.bedrag), "reden": reden},
            datum=_boekdatum(actor, mutatie),
        )
        audit_entry_record(
            actor=actor,
            actie="budget_betaling_retour",
            obj=o,
            zaak_uuid=o.budgetrekening.zaak.uuid,
            wijzigingen={"status": [vorige, OpdrachtStatus.RETOUR]},
            toelichting=reden,
        )
    return o
