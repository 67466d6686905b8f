"""Every write on contracts: register and change a contract, give notice, record Social Return
realisations and MVOI indicators, and the daily signal check.

Each write checks the role and whether the actor may see the contract (selectors.py), validates
with Dutch errors per field, writes in one transaction and records an audit entry.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.numbering import identificatie_next
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid, Rol
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.contracten.models import (
    Contract,
    MvoiIndicator,
    SocialReturnRealisatie,
    TermijnEenheid,
    Verlenging,
)
from raadhuis.modules.crm.contracten.selectors import mag_contract_zien

MAY_WRITE_CONTRACTEN = (Rol.MEDEWERKER,)
CONTRACT_VELDEN = [
    "kenmerk",
    "onderwerp",
    "omschrijving",
    "waarde",
    "startdatum",
    "einddatum",
    "opzegtermijn",
    "opzegtermijn_eenheid",
    "verlenging",
    "verlengingsperiode_maanden",
    "eigenaar",
    "afdeling",
    "signaal_dagen_voor_einde",
    "signaal_dagen_voor_opzegging",
    "sr_uren_toegezegd",
    "sr_bedrag_toegezegd",
    "sr_omschrijving",
]
MAX_BEDRAG = Decimal("999999999999.99")


def _decimal(waarde: Any, veld: str, errors: dict[str, str], *, leeg_mag: bool) -> Decimal | None:
    if waarde in (None, ""):
        if not leeg_mag:
            errors[veld] = _("Vul een bedrag in.")
        return None
    try:
        getal = Decimal(str(waarde).replace(",", "."))
    except InvalidOperation:
        errors[veld] = _("Vul een getal in, bijvoorbeeld 12500,00.")
        return None
    if not getal.is_finite() or getal < 0 or getal > MAX_BEDRAG:
        errors[veld] = _("Vul een getal van 0 of meer in.")
        return None
    return getal


def _check_contract(actor: Actor, contract: Contract) -> None:
    """The invariants of a contract, with Dutch errors per field."""
    errors: dict[str, str] = {}
    if not contract.onderwerp.strip():
        errors["onderwerp"] = _("Vul het onderwerp van het contract in.")
    contract.waarde = _decimal(contract.waarde, "waarde", errors, leeg_mag=False)  # type: ignore[assignment]
    for veld in ("sr_uren_toegezegd", "sr_bedrag_toegezegd"):
        setattr(contract, veld, _decimal(getattr(contract, veld), veld, errors, leeg_mag=True))
    if contract.startdatum is None:
        errors["startdatum"] = _("Vul de startdatum in.")
    elif contract.einddatum is not None and contract.einddatum < contract.startdatum:
        errors["einddatum"] = _("De einddatum ligt voor de startdatum.")
    if contract.opzegtermijn_eenheid not in TermijnEenheid.values:
        errors["opzegtermijn_eenheid"] = _("Kies dagen of maanden.")
    if contract.verlenging not in Verlenging.values:
        errors["verlenging"] = _("Kies een manier van verlengen.")
    elif contract.verlenging == Verlenging.AUTOMATISCH:
        if contract.einddatum is None:
            errors["einddatum"] = _(
                "Een contract dat automatisch verlengd wordt, heeft een einddatum van de "
                "eerste looptijd."
            )
        if not contract.verlengingsperiode_maanden:
            errors["verlengingsperiode_maanden"] = _("Vul de verlengingsperiode in maanden in.")
    if contract.eigenaar is not None and (
        contract.eigenaar.organisatie_id != actor.organisatie.pk or not contract.eigenaar.actief
    ):
        errors["eigenaar"] = _("Kies een actieve medewerker.")
    if contract.afdeling is not None and contract.afdeling.organisatie_id != actor.organisatie.pk:
        errors["afdeling"] = _("Kies een afdeling van je eigen organisatie.")
    if contract.eigenaar is None and contract.afdeling is None:
        errors["eigenaar"] = _("Kies een contracteigenaar of een afdeling.")
    if contract.partij_id and contract.partij.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Partij niet gevonden.")
    if errors:
        raise ValidationError(errors)
    if not mag_contract_zien(actor, contract):
        raise ValidationError(
            {
                "afdeling": _(
                    "Je zou dit contract zelf niet meer zien: kies een afdeling waar je bij hoort "
                    "of maak jezelf contracteigenaar."
                )
            }
        )


def _kenmerk(actor: Actor, startdatum: date) -> str:
    def bezet(kandidaat: str) -> bool:
        return Contract.objects.filter(organisatie=actor.organisatie, kenmerk=kandidaat).exists()

    return identificatie_next(
        organisatie=actor.organisatie,
        soort="crm_contract",
        prefix="CON",
        jaar=startdatum.year,
        bezet=bezet,
    )


def _kenmerk_uniek(actor: Actor, contract: Contract) -> None:
    clash = Contract.objects.filter(organisatie=actor.organisatie, kenmerk=contract.kenmerk)
    if clash.exclude(pk=contract.pk).exists():
        raise ValidationError({"kenmerk": _("Er is al een contract met dit contractnummer.")})


def contract_create(
    *,
    actor: Actor,
    partij: Partij,
    onderwerp: str,
    waarde: Decimal | str,
    startdatum: date,
    eigenaar: Medewerker | None = None,
    afdeling: OrganisatorischeEenheid | None = None,
    toelichting: str = "",
    **velden: Any,
) -> Contract:
    """Register a contract with a relation. `velden` are further CONTRACT_VELDEN; without a
    `kenmerk` the next contract number (CON-2026-0000001) is given. `toelichting` goes with the
    audit entry (the migration import names the file's row there)."""
    require_role(actor, *MAY_WRITE_CONTRACTEN)
    onbekend = set(velden) - set(CONTRACT_VELDEN)
    if onbekend:
        raise ValueError(f"unknown contract fields: {sorted(onbekend)}")
    contract = Contract(
        organisatie=actor.organisatie,
        partij=partij,
        onderwerp=(onderwerp or "").strip(),
        waarde=waarde,
        startdatum=startdatum,
        eigenaar=eigenaar,
        afdeling=afdeling,
        **velden,
    )
    contract.kenmerk = (contract.kenmerk or "").strip()
    _check_contract(actor, contract)
    with transaction.atomic():
        if contract.kenmerk:
            _kenmerk_uniek(actor, contract)
        else:
            contract.kenmerk = _kenmerk(actor, startdatum)
        contract.save()
        audit_entry_record(
            actor=actor,
            actie="contract_aangemaakt",
            obj=contract,
            wijzigingen=diff({}, snapshot(contract, ["partij", *CONTRACT_VELDEN])),
            toelichting=toelichting,
        )
    return contract


def _locked(actor: Actor, contract: Contract) -> Contract:
    require_role(actor, *MAY_WRITE_CONTRACTEN)
    if not mag_contract_zien(actor, contract):
        raise NietGevonden("Contract niet gevonden.")
    return Contract.objects.select_for_update().select_related("partij").get(pk=contract.pk)


def contract_update(
    *, actor: Actor, contract: Contract, toelichting: str = "", **velden: Any
) -> Contract:
    """Change a contract's fields (CONTRACT_VELDEN); the audit entry keeps old and new values."""
    onbekend = set(velden) - set(CONTRACT_VELDEN)
    if onbekend:
        raise ValueError(f"unknown contract fields: {sorted(onbekend)}")
    with transaction.atomic():
        contract = _locked(actor, contract)
        voor = snapshot(contract, CONTRACT_VELDEN)
        for naam, waarde in velden.items():
            setattr(contract, naam, waarde.strip() if isinstance(waarde, str) else waarde)
        if not contract.kenmerk:
            raise ValidationError({"kenmerk": _("Vul het contractnummer in.")})
        _check_contract(actor, contract)
        _kenmerk_uniek(actor, contract)
        wijzigingen = diff(voor, snapshot(contract, CONTRACT_VELDEN))
        if not wijzigingen:
            return contract
        contract.save()
        audit_entry_record(
            actor=actor,
            actie="contract_gewijzigd",
            obj=contract,
            wijzigingen=wijzigingen,
            toelichting=toelichting,
        )
    return contract


def contract_opzeggen(
    *, actor: Actor, contract: Contract, datum: date | None = None, toelichting: str = ""
) -> Contract:
    """Record that notice was given on `datum` (today by default): the contract ends at the end
    of its current term (or the next one, when the notice came after the deadline)."""
    with transaction.atomic():
        contract = _locked(actor, contract)
        datum = datum or vandaag(actor.organisatie.tijdzone)
        if contract.opgezegd_op is not None:
            raise ValidationError({"datum": _("Dit contract is al opgezegd.")})
        if datum < contract.startdatum:
            raise ValidationError({"datum": _("De opzegdatum ligt voor de startdatum.")})
        contract.opgezegd_op = datum
        contract.save(update_fields=["opgezegd_op", "gewijzigd_op"])
        audit_entry_record(
            actor=actor,
            actie="contract_opgezegd",
            obj=contract,
            wijzigingen={"opgezegd_op": [None, datum.isoformat()]},
            toelichting=toelichting,
        )
    return contract


# --- Social Return and MVOI ------------------------------------------------------------------


def realisatie_add(
    *,
    actor: Actor,
    contract: Contract,
    datum: date,
    omschrijving: str,
    uren: Decimal | str | None = None,
    bedrag: Decimal | str | None = None,
) -> SocialReturnRealisatie:
    """Record what the supplier realised of its Social Return obligation (hours and/or an
    amount)."""
    errors: dict[str, str] = {}
    uren_ = _decimal(uren, "uren", errors, leeg_mag=True) or Decimal("0")
    bedrag_ = _decimal(bedrag, "bedrag", errors, leeg_mag=True) or Decimal("0")
    if not errors and uren_ == 0 and bedrag_ == 0:
        errors["uren"] = _("Vul uren of een bedrag in.")
    if not (omschrijving or "").strip():
        errors["omschrijving"] = _("Beschrijf wat er is gerealiseerd.")
    if datum is None:
        errors["datum"] = _("Vul de datum in.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        contract = _locked(actor, contract)
        realisatie = SocialReturnRealisatie.objects.create(
            organisatie=contract.organisatie,
            contract=contract,
            datum=datum,
            uren=uren_,
            bedrag=bedrag_,
            omschrijving=omschrijving.strip()[:300],
            vastgelegd_door=actor.weergave[:200],
        )
        audit_entry_record(
            actor=actor,
            actie="social_return_gerealiseerd",
            obj=contract,
            wijzigingen={"realisatie": [None, f"{datum}: {uren_} uur, € {bedrag_}"]},
            toelichting=realisatie.omschrijving,
        )
    return realisatie


def realisatie_remove(*, actor: Actor, realisatie: SocialReturnRealisatie) -> None:
    with transaction.atomic():
        contract = _locked(actor, realisatie.contract)
        omschrijving = f"{realisatie.datum}: {realisatie.uren} uur, € {realisatie.bedrag}"
        realisatie.delete()
        audit_entry_record(
            actor=actor,
            actie="social_return_verwijderd",
            obj=contract,
            wijzigingen={"realisatie": [omschrijving, None]},
        )


def indicator_add(
    *,
    actor: Actor,
    contract: Contract,
    naam: str,
    doel: str = "",
    gerealiseerd: str = "",
    toelichting: str = "",
) -> MvoiIndicator:
    """Add a free MVOI indicator (name, target, reached) to a contract."""
    if not (naam or "").strip():
        raise ValidationError({"naam": _("Geef de indicator een naam.")})
    with transaction.atomic():
        contract = _locked(actor, contract)
        indicator = MvoiIndicator.objects.create(
            organisatie=contract.organisatie,
            contract=contract,
            naam=naam.strip()[:200],
            doel=(doel or "").strip()[:200],
            gerealiseerd=(gerealiseerd or "").strip()[:200],
            toelichting=toelichting or "",
        )
        audit_entry_record(
            actor=actor,
            actie="mvoi_indicator_toegevoegd",
            obj=contract,
            wijzigingen={"indicator": [None, f"{indicator.naam}: {indicator.doel}"]},
        )
    return indicator


def indicator_update(
    *, actor: Actor, indicator: MvoiIndicator, gerealiseerd: str, toelichting: str | None = None
) -> MvoiIndicator:
    with transaction.atomic():
        contract = _locked(actor, indicator.contract)
        indicator = MvoiIndicator.objects.select_for_update().get(pk=indicator.pk)
        voor = indicator.gerealiseerd
        indicator.gerealiseerd = (gerealiseerd or "").strip()[:200]
        velden = ["gerealiseerd"]
        if toelichting is not None:
            indicator.toelichting = toelichting
            velden.append("toelichting")
        indicator.save(update_fields=velden)
        audit_entry_record(
            actor=actor,
            actie="mvoi_indicator_gewijzigd",
            obj=contract,
            wijzigingen={f"indicator {indicator.naam}": [voor, indicator.gerealiseerd]},
        )
    return indicator


def indicator_remove(*, actor: Actor, indicator: MvoiIndicator) -> None:
    with transaction.atomic():
        contract = _locked(actor, indicator.contract)
        naam = indicator.naam
        indicator.delete()
        audit_entry_record(
            actor=actor,
            actie="mvoi_indicator_verwijderd",
            obj=contract,
            wijzigingen={"indicator": [naam, None]},
        )
