"""Every write of the budget plan: opening a client's budget account and changing its plan
(income, payments, the living allowance, reservations).

Each function checks the actor may work on budget accounts and on the case, writes in one
transaction, and records an audit entry on the case so it shows in the case's history.
The ledger (grootboek.py), bank import, payments and statements have services of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.models import AardRelatie, Zaak, ZaakNummerTeller
from raadhuis.kernel.cases.numbering import identificatie_next
from raadhuis.kernel.cases.services import zaak_create, zaak_lock_for_change, zaak_status_set
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
from raadhuis.modules.budget.grootboek import grootboekrekening
from raadhuis.modules.budget.models import (
    Beheerrekening,
    Betaalpost,
    BetaalSoort,
    Budgetrekening,
    Frequentie,
    Grootboekrekening,
    GrootboekSoort,
    Inkomstenpost,
    RekeningStatus,
    Reservering,
)

KENMERK_PREFIX = "BB"
KENMERK_CIJFERS = 7
KENMERK_TELLER = "bb-kenmerk"  # ZaakNummerTeller.soort of the payment reference counter

INKOMSTEN_VELDEN = (
    "soort",
    "bron",
    "iban_betaler",
    "kenmerk",
    "bedrag",
    "frequentie",
    "dag",
    "startdatum",
    "einddatum",
)
BETAALPOST_VELDEN = (
    "soort",
    "begunstigde",
    "iban",
    "betalingskenmerk",
    "omschrijving",
    "bedrag",
    "frequentie",
    "dag",
    "startdatum",
    "einddatum",
    "actief",
)
RESERVERING_VELDEN = ("omschrijving", "bedrag_per_maand", "doelbedrag", "dag", "actief")


# --- helpers ----------------------------------------------------------------------------------


def _audit(
    actor: Actor,
    actie: str,
    obj: models.Model,
    zaak: Zaak,
    wijzigingen: dict[str, Any] | None = None,
    toelichting: str = "",
) -> None:
    audit_entry_record(
        actor=actor,
        actie=actie,
        obj=obj,
        wijzigingen=wijzigingen or {},
        toelichting=toelichting,
        zaak_uuid=zaak.uuid,
    )


def budgetrekening_lock_for_change(actor: Actor, budgetrekening: Budgetrekening) -> Budgetrekening:
    """Re-read the account under a row lock after the kernel checked the actor may change its
    case. Call inside a transaction."""
    require_budget_toegang(actor)
    zaak = zaak_lock_for_change(actor, budgetrekening.zaak)
    locked = (
        Budgetrekening.objects.select_for_update(of=("self",))
        .select_related("client", "beheerrekening")
        .get(pk=budgetrekening.pk)
    )
    locked.zaak = zaak
    return locked


def _actief_check(budgetrekening: Budgetrekening) -> None:
    if budgetrekening.status != RekeningStatus.ACTIEF:
        raise ValidationError(
            _("Deze budgetrekening is beëindigd; het plan kan niet meer wijzigen.")
        )


def _iban(errors: dict[str, Any], veld: str, waarde: str, *, verplicht: bool) -> str:
    try:
        iban = iban_normaliseren(waarde)
    except ValidationError as error:
        errors[veld] = error.messages
        return waarde
    if verplicht and not iban:
        errors[veld] = _("Vul een IBAN in.")
    return iban


def _periode_check(errors: dict[str, Any], startdatum: date | None, einddatum: date | None) -> None:
    if startdatum is None:
        errors["startdatum"] = _("Vul de datum in waarop deze post ingaat.")
    elif einddatum is not None and einddatum < startdatum:
        errors["einddatum"] = _("De einddatum ligt vóór de startdatum.")


def _bedrag_check(errors: dict[str, Any], veld: str, bedrag: Any, *, nul_mag: bool = False) -> None:
    if bedrag is None or bedrag == "":
        errors[veld] = _("Vul een bedrag in.")
        return
    try:
        bedrag = Decimal(str(bedrag))
    except ArithmeticError:
        errors[veld] = _("Vul een bedrag in euro's in, bijvoorbeeld 725,00.")
        return
    if not bedrag.is_finite():
        errors[veld] = _("Vul een bedrag in euro's in, bijvoorbeeld 725,00.")
        return
    if bedrag < 0 or (bedrag == 0 and not nul_mag):
        errors[veld] = _("Het bedrag moet groter zijn dan € 0,00.")
    elif bedrag != bedrag.quantize(Decimal("0.01")):
        errors[veld] = _("Een bedrag heeft hoogstens twee cijfers achter de komma.")
    elif bedrag >= Decimal("1000000"):
        errors[veld] = _("Dit bedrag is te hoog voor een budgetplan.")


def _dag_check(errors: dict[str, Any], frequentie: str, dag: Any) -> None:
    if frequentie not in Frequentie.values:
        errors["frequentie"] = _("Kies een frequentie.")
        return
    if dag is None or dag == "":
        errors["dag"] = _("Vul de dag in.")
        return
    try:
        dag = int(dag)
    except (TypeError, ValueError):
        errors["dag"] = _("Vul de dag in als getal.")
        return
    if frequentie == Frequentie.WEEK and not 1 <= dag <= 7:
        errors["dag"] = _("Kies bij een wekelijkse post een weekdag: 1 (maandag) tot 7 (zondag).")
    elif not 1 <= dag <= 31:
        errors["dag"] = _("Kies een dag van de maand van 1 tot en met 31.")


def _raise(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)


def _velden(gegevens: dict[str, Any], toegestaan: tuple[str, ...], functie: str) -> dict[str, Any]:
    onbekend = set(gegevens) - set(toegestaan)
    if onbekend:
        raise ValueError(f"{functie} cannot set {sorted(onbekend)}")
    return gegevens


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
    client_iban = _iban(errors, "client_iban", client_iban, verplicht=True)
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
        _bedrag_check(errors, "saldo_drempel", saldo_drempel, nul_mag=True)
    behandelaar = behandelaar or actor.medewerker
    if behandelaar is not None and behandelaar.organisatie_id != organisatie.pk:
        errors["behandelaar"] = _("Kies een consulent van deze organisatie.")
    _raise(errors)
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
        _audit(
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
        startdatum=min(startdatum, _vandaag(actor)),
        initiator=client,
        behandelaar=behandelaar,
        identificatie=_zaaknummer(actor.organisatie, startdatum.year),
        relevante_andere_zaken=relaties,
    )
    return Zaak.objects.select_related("zaaktype", "organisatie").get(pk=nieuw.pk)


def _vandaag(actor: Actor) -> date:
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
        velden["client_iban"] = _iban(errors, "client_iban", client_iban, verplicht=True)
    if client_tenaamstelling is not None:
        if not client_tenaamstelling.strip() or len(client_tenaamstelling.strip()) > 70:
            errors["client_tenaamstelling"] = _(
                "Vul een tenaamstelling in van hoogstens 70 tekens."
            )
        velden["client_tenaamstelling"] = client_tenaamstelling.strip()
    if saldo_drempel is not None:
        _bedrag_check(errors, "saldo_drempel", saldo_drempel, nul_mag=True)
        velden["saldo_drempel"] = saldo_drempel
    _raise(errors)
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, budgetrekening)
        _actief_check(rekening)
        voor = snapshot(rekening, list(velden))
        for veld, waarde in velden.items():
            setattr(rekening, veld, waarde)
        rekening.save(update_fields=list(velden))
        wijzigingen = diff(voor, snapshot(rekening, list(velden)))
        if wijzigingen:
            _audit(
                actor, "budgetrekening_gewijzigd", rekening, rekening.zaak, wijzigingen, toelichting
            )
            rekening.betaalposten.filter(soort=BetaalSoort.LEEFGELD).update(
                iban=rekening.client_iban, begunstigde=rekening.client_tenaamstelling
            )
    return rekening


# --- income -----------------------------------------------------------------------------------


def _inkomsten_check(gegevens: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    from raadhuis.modules.budget.models import InkomstenSoort

    if gegevens.get("soort") not in InkomstenSoort.values:
        errors["soort"] = _("Kies de soort inkomsten.")
    if not (gegevens.get("bron") or "").strip():
        errors["bron"] = _("Vul in wie het inkomen betaalt.")
    gegevens["iban_betaler"] = _iban(
        errors, "iban_betaler", gegevens.get("iban_betaler", ""), verplicht=False
    )
    _bedrag_check(errors, "bedrag", gegevens.get("bedrag"))
    _dag_check(errors, gegevens.get("frequentie", Frequentie.MAAND), gegevens.get("dag"))
    _periode_check(errors, gegevens.get("startdatum"), gegevens.get("einddatum"))
    _raise(errors)
    return gegevens


M = TypeVar("M", Inkomstenpost, Betaalpost, Reservering)


def _plan_post_toevoegen(
    actor: Actor,
    budgetrekening: Budgetrekening,
    model: type[M],
    gegevens: dict[str, Any],
    velden: Sequence[str],
    actie: str,
) -> M:
    """Add a checked income post, payment post or reservation to an active plan, audited."""
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, budgetrekening)
        _actief_check(rekening)
        item = model.objects.create(
            organisatie=rekening.organisatie, budgetrekening=rekening, **gegevens
        )
        _audit(actor, actie, item, rekening.zaak, diff({}, snapshot(item, velden)))
    return item


def inkomstenpost_create(
    *, actor: Actor, budgetrekening: Budgetrekening, **gegevens: Any
) -> Inkomstenpost:
    """Add expected income to the plan: soort, bron, bedrag, frequentie, dag, startdatum and
    optionally iban_betaler, kenmerk, einddatum."""
    gegevens = _velden(gegevens, INKOMSTEN_VELDEN, "inkomstenpost_create")
    gegevens.setdefault("frequentie", Frequentie.MAAND)
    gegevens.setdefault("startdatum", budgetrekening.startdatum)
    gegevens = _inkomsten_check(gegevens)
    return _plan_post_toevoegen(
        actor, budgetrekening, Inkomstenpost, gegevens, INKOMSTEN_VELDEN, "inkomstenpost_toegevoegd"
    )


def inkomstenpost_update(*, actor: Actor, post: Inkomstenpost, **gegevens: Any) -> Inkomstenpost:
    gegevens = _velden(gegevens, INKOMSTEN_VELDEN, "inkomstenpost_update")
    volledig = {**snapshot_raw(post, INKOMSTEN_VELDEN), **gegevens}
    volledig = _inkomsten_check(volledig)
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, post.budgetrekening)
        _actief_check(rekening)
        post = Inkomstenpost.objects.select_for_update().get(pk=post.pk)
        return _wijzig(actor, post, volledig, INKOMSTEN_VELDEN, rekening, "inkomstenpost_gewijzigd")


def inkomstenpost_delete(*, actor: Actor, post: Inkomstenpost, toelichting: str = "") -> None:
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, post.budgetrekening)
        _actief_check(rekening)
        _audit(
            actor,
            "inkomstenpost_verwijderd",
            post,
            rekening.zaak,
            diff(snapshot(post, INKOMSTEN_VELDEN), {}),
            toelichting,
        )
        post.delete()


# --- payments and the living allowance --------------------------------------------------------


def _betaalpost_check(gegevens: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if gegevens.get("soort") not in BetaalSoort.values:
        errors["soort"] = _("Kies de soort betaling.")
    begunstigde = (gegevens.get("begunstigde") or "").strip()
    if not begunstigde:
        errors["begunstigde"] = _("Vul de naam van de begunstigde in.")
    elif len(begunstigde) > 70:
        errors["begunstigde"] = _("De naam van de begunstigde is maximaal 70 tekens (SEPA).")
    gegevens["iban"] = _iban(errors, "iban", gegevens.get("iban", ""), verplicht=True)
    kenmerk = (gegevens.get("betalingskenmerk") or "").strip()
    omschrijving = (gegevens.get("omschrijving") or "").strip()
    if kenmerk and omschrijving:
        errors["omschrijving"] = _(
            "Vul een betalingskenmerk óf een omschrijving in, niet allebei (SEPA)."
        )
    elif not kenmerk and not omschrijving:
        errors["betalingskenmerk"] = _(
            "Vul het betalingskenmerk van de begunstigde of een omschrijving in."
        )
    elif len(kenmerk) > 35:
        errors["betalingskenmerk"] = _("Een betalingskenmerk is maximaal 35 tekens.")
    gegevens["betalingskenmerk"] = kenmerk
    gegevens["omschrijving"] = omschrijving
    _bedrag_check(errors, "bedrag", gegevens.get("bedrag"))
    _dag_check(errors, gegevens.get("frequentie", Frequentie.MAAND), gegevens.get("dag"))
    _periode_check(errors, gegevens.get("startdatum"), gegevens.get("einddatum"))
    _raise(errors)
    return gegevens


def betaalpost_create(
    *, actor: Actor, budgetrekening: Budgetrekening, **gegevens: Any
) -> Betaalpost:
    """Add a payment to the plan: soort, begunstigde, iban, betalingskenmerk or omschrijving,
    bedrag, frequentie, dag, startdatum and optionally einddatum. For the living allowance use
    leefgeld_instellen (it pays to the client's own account)."""
    gegevens = _velden(gegevens, BETAALPOST_VELDEN, "betaalpost_create")
    gegevens.setdefault("frequentie", Frequentie.MAAND)
    gegevens.setdefault("startdatum", budgetrekening.startdatum)
    if gegevens.get("soort") == BetaalSoort.LEEFGELD:
        gegevens.setdefault("iban", budgetrekening.client_iban)
        gegevens.setdefault("begunstigde", budgetrekening.client_tenaamstelling)
        if not gegevens.get("betalingskenmerk"):
            gegevens.setdefault("omschrijving", f"Leefgeld {budgetrekening.kenmerk}")
    gegevens = _betaalpost_check(gegevens)
    return _plan_post_toevoegen(
        actor, budgetrekening, Betaalpost, gegevens, BETAALPOST_VELDEN, "betaalpost_toegevoegd"
    )


def betaalpost_update(*, actor: Actor, post: Betaalpost, **gegevens: Any) -> Betaalpost:
    gegevens = _velden(gegevens, BETAALPOST_VELDEN, "betaalpost_update")
    volledig = _betaalpost_check({**snapshot_raw(post, BETAALPOST_VELDEN), **gegevens})
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, post.budgetrekening)
        _actief_check(rekening)
        post = Betaalpost.objects.select_for_update().get(pk=post.pk)
        return _wijzig(actor, post, volledig, BETAALPOST_VELDEN, rekening, "betaalpost_gewijzigd")


def betaalpost_delete(*, actor: Actor, post: Betaalpost, toelichting: str = "") -> None:
    """Remove a payment from the plan. One that was already paid (it has payment orders) is
    kept for the history and stopped instead: inactive, ending today."""
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, post.budgetrekening)
        _actief_check(rekening)
        post = Betaalpost.objects.select_for_update().get(pk=post.pk)
        if post.opdrachten.exists():
            voor = snapshot(post, ["actief", "einddatum"])
            post.actief = False
            post.einddatum = max(_vandaag(actor), post.startdatum)
            post.save(update_fields=["actief", "einddatum"])
            _audit(
                actor,
                "betaalpost_gestopt",
                post,
                rekening.zaak,
                diff(voor, snapshot(post, ["actief", "einddatum"])),
                toelichting,
            )
            return
        _audit(
            actor,
            "betaalpost_verwijderd",
            post,
            rekening.zaak,
            diff(snapshot(post, BETAALPOST_VELDEN), {}),
            toelichting,
        )
        post.delete()


def leefgeld_instellen(
    *,
    actor: Actor,
    budgetrekening: Budgetrekening,
    bedrag: Decimal,
    frequentie: str = Frequentie.WEEK,
    dag: int = 1,
    startdatum: date | None = None,
) -> Betaalpost:
    """Set the living allowance: weekly (dag = ISO weekday, 1 is Monday) or monthly (dag of the
    month), always to the client's own account. Replaces the active allowance, if any."""
    errors: dict[str, Any] = {}
    if frequentie not in (Frequentie.WEEK, Frequentie.MAAND):
        errors["frequentie"] = _("Leefgeld gaat per week of per maand.")
    _raise(errors)
    bestaand = budgetrekening.betaalposten.filter(soort=BetaalSoort.LEEFGELD, actief=True).first()
    gegevens = {
        "bedrag": bedrag,
        "frequentie": frequentie,
        "dag": dag,
        "iban": budgetrekening.client_iban,
        "begunstigde": budgetrekening.client_tenaamstelling,
    }
    if bestaand is None:
        return betaalpost_create(
            actor=actor,
            budgetrekening=budgetrekening,
            soort=BetaalSoort.LEEFGELD,
            omschrijving=f"Leefgeld {budgetrekening.kenmerk}",
            startdatum=startdatum or budgetrekening.startdatum,
            **gegevens,
        )
    if startdatum is not None:
        gegevens["startdatum"] = startdatum
    return betaalpost_update(actor=actor, post=bestaand, **gegevens)


# --- reservations -----------------------------------------------------------------------------


def _reservering_check(gegevens: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if not (gegevens.get("omschrijving") or "").strip():
        errors["omschrijving"] = _("Vul in waarvoor gereserveerd wordt.")
    _bedrag_check(errors, "bedrag_per_maand", gegevens.get("bedrag_per_maand"))
    if gegevens.get("doelbedrag") not in (None, ""):
        _bedrag_check(errors, "doelbedrag", gegevens["doelbedrag"])
    else:
        gegevens["doelbedrag"] = None
    _dag_check(errors, Frequentie.MAAND, gegevens.get("dag", 1))
    _raise(errors)
    return gegevens


def reservering_create(
    *, actor: Actor, budgetrekening: Budgetrekening, **gegevens: Any
) -> Reservering:
    """Save monthly for a bill that comes once: omschrijving, bedrag_per_maand, optionally
    doelbedrag and dag. The reservation gets its own RESERVERING ledger account when the ledger
    books on it (grootboek.grootboekrekening)."""
    gegevens = _velden(gegevens, RESERVERING_VELDEN, "reservering_create")
    gegevens.setdefault("dag", 1)
    gegevens = _reservering_check(gegevens)
    return _plan_post_toevoegen(
        actor, budgetrekening, Reservering, gegevens, RESERVERING_VELDEN, "reservering_toegevoegd"
    )


def reservering_update(*, actor: Actor, reservering: Reservering, **gegevens: Any) -> Reservering:
    gegevens = _velden(gegevens, RESERVERING_VELDEN, "reservering_update")
    volledig = _reservering_check({**snapshot_raw(reservering, RESERVERING_VELDEN), **gegevens})
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, reservering.budgetrekening)
        _actief_check(rekening)
        reservering = Reservering.objects.select_for_update().get(pk=reservering.pk)
        return _wijzig(
            actor, reservering, volledig, RESERVERING_VELDEN, rekening, "reservering_gewijzigd"
        )


def reservering_delete(*, actor: Actor, reservering: Reservering, toelichting: str = "") -> None:
    """Remove a reservation. One with a ledger account is stopped instead (inactive): its money
    stays booked until it is released."""
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, reservering.budgetrekening)
        _actief_check(rekening)
        reservering = Reservering.objects.select_for_update().get(pk=reservering.pk)
        if Grootboekrekening.objects.filter(reservering=reservering).exists():
            reservering.actief = False
            reservering.save(update_fields=["actief"])
            _audit(
                actor,
                "reservering_gestopt",
                reservering,
                rekening.zaak,
                {"actief": [True, False]},
                toelichting,
            )
            return
        _audit(
            actor,
            "reservering_verwijderd",
            reservering,
            rekening.zaak,
            diff(snapshot(reservering, RESERVERING_VELDEN), {}),
            toelichting,
        )
        reservering.delete()


# --- shared update ----------------------------------------------------------------------------


def snapshot_raw(obj: models.Model, velden: tuple[str, ...]) -> dict[str, Any]:
    """The current values as Python objects (not JSON), to merge a partial update into."""
    return {veld: getattr(obj, veld) for veld in velden}


def _wijzig(
    actor: Actor,
    obj: models.Model,
    gegevens: dict[str, Any],
    velden: tuple[str, ...],
    rekening: Budgetrekening,
    actie: str,
) -> Any:
    voor = snapshot(obj, velden)
    for veld, waarde in gegevens.items():
        setattr(obj, veld, waarde)
    obj.save(update_fields=list(gegevens))
    wijzigingen = diff(voor, snapshot(obj, velden))
    if wijzigingen:
        _audit(actor, actie, obj, rekening.zaak, wijzigingen)
    return obj
