"""Destroying a budget-management case after its retention period (Archiefwet, AVG art. 17).

The kernel's destruction list (kernel/retention) deletes the case with everything that hangs
under it by CASCADE: the Budgetrekening with its plan, client statements, signals. What the
cascade cannot reach is the money: the ledger refuses change (Journaalpost/Journaalregel guard
delete() in Python, a PostgreSQL trigger refuses UPDATE/DELETE), and ledger rows, payment
orders, overdraft requests and bank entries PROTECT the account. This hook, registered with
`register_vernietiging_hook(budget_vernietigen)`, clears that path inside the case's own
destruction transaction:

1. it refuses (VernietigingGeweigerd, the case stays on the list as "mislukt") while the client
   still has money with us, a payment is still open, or a booking also touches another client:
   destroying would make money disappear from the books;
2. it deletes the client's journal entries (every entry on the client's own ledger accounts or
   about the account, the bank-only receipts of the client's bank entries, and their reversals)
   through a deliberate escape: `SET LOCAL raadhuis.budget_vernietiging = 'aan'` lets the
   trigger pass DELETE (never UPDATE) for this transaction only; it is switched off again right
   after;
3. it books one anonymous correction per beheerrekening with the net of the deleted lines on
   the bank, in-transit and to-match accounts, so the ledger of the beheerrekening keeps its
   balance and still reconciles with the bank (the client's own accounts were zero, so the
   correction sums to zero);
4. it blanks the client's transfers in the stored pain.001 files of the payment proposals they
   were in (creditor name, IBAN, bank, remittance text and end-to-end id become placeholders;
   the amounts stay, so the file's totals still match what the bank debited: ADR 0006), then
   deletes the client's payment orders and overdraft requests (and a payment proposal that
   held only this client's payments);
5. it keeps the bank entries (Bankmutatie): they are the organisation's record of its own bank
   account, needed for the statement totals, the daily reconciliation and duplicate detection on
   re-import. What identifies the client goes: the link to the account and the journal entry,
   the counterparty's name and IBAN, the remittance text and the end-to-end id.

Every step is counted for the list's record; the correction is audited without personal data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from django.db import connection, models
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.retention.hooks import (
    Bewaarregel,
    VernietigingContext,
    VernietigingGeweigerd,
    bewaarregel_register,
    register_vernietiging_hook,
)
from raadhuis.modules.budget.models import (
    Bankmutatie,
    Betaalopdracht,
    Betaalvoorstel,
    BoekingSoort,
    Budgetrekening,
    Grootboekrekening,
    GrootboekSoort,
    Journaalpost,
    Journaalregel,
    OpdrachtStatus,
    Roodstandverzoek,
)
from raadhuis.modules.budget.pain001 import pain001_schonen

VERNIETIGD = "[vernietigd]"
FLAG = "raadhuis.budget_vernietiging"
CLIENTSOORTEN = (GrootboekSoort.CLIENT, GrootboekSoort.RESERVERING)
OPEN_OPDRACHTEN = (
    OpdrachtStatus.VOORGESTELD,
    OpdrachtStatus.TEGENGEHOUDEN,
    OpdrachtStatus.ONDERWEG,
)


def _plain(model: type[models.Model]) -> models.QuerySet:
    """A plain queryset on the default database (the ledger's managers are ordinary ones; this
    makes explicit that the rows go through the deletion collector, never Model.delete())."""
    return models.QuerySet(model=model)


def _vernietiging_toestaan(aan: bool) -> None:
    """Open (or close again) the trigger's escape for DELETE on the ledger tables, for this
    transaction only. SQLite has no trigger: nothing to do."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {FLAG} = '{'aan' if aan else 'uit'}'")


# What the hook deletes or blanks, for the retention registry (kernel/retention/hooks.py).
BEHANDELT = ("budget.bankmutatie", "budget.betaalopdracht", "budget.betaalvoorstel")


def budget_vernietiging_register() -> None:
    """Called from the budget AppConfig.ready() instead of registering the hook alone: the hook
    with the models it handles, and the organisation's own bank account as no client data."""
    register_vernietiging_hook(budget_vernietigen, behandelt=BEHANDELT)
    bewaarregel_register(
        "budget.beheerrekening",
        Bewaarregel.GEEN_CLIENTGEGEVENS,
        "The organisation's own management bank account.",
    )


# --- what belongs to the client -----------------------------------------------------------------
def _clientrekeningen(rekening: Budgetrekening) -> list[int]:
    return list(
        Grootboekrekening.objects.filter(
            Q(budgetrekening=rekening) | Q(reservering__budgetrekening=rekening)
        ).values_list("pk", flat=True)
    )


def _journaalposten(rekening: Budgetrekening, clientrekeningen: list[int]) -> set[int]:
    """Every journal entry about this client, closed under reversals (both ways)."""
    posten = set(Journaalpost.objects.filter(budgetrekening=rekening).values_list("pk", flat=True))
    posten |= set(
        Journaalregel.objects.filter(grootboekrekening_id__in=clientrekeningen).values_list(
            "journaalpost_id", flat=True
        )
    )
    for model in (Bankmutatie, Betaalopdracht, Roodstandverzoek):
        posten |= set(
            model.objects.filter(budgetrekening=rekening, journaalpost__isnull=False).values_list(
                "journaalpost_id", flat=True
            )
        )
    while True:
        erbij = set(
            Journaalpost.objects.filter(
                Q(tegenboeking_van_id__in=posten) | Q(tegenboeking__in=posten)
            ).values_list("pk", flat=True)
        )
        if erbij <= posten:
            return posten
        posten |= erbij


def _weigeren_als_nodig(
    rekening: Budgetrekening, clientrekeningen: list[int], posten: set[int]
) -> None:
    """Refuse when destroying would make money, an open payment or another client's booking
    disappear from the books. Messages name no person: they end up on the list."""
    saldi = (
        Journaalregel.objects.filter(grootboekrekening_id__in=clientrekeningen)
        .values("grootboekrekening_id")
        .annotate(som=Sum("bedrag"))
    )
    if any(s["som"] for s in saldi):
        raise VernietigingGeweigerd(
            _(
                "De budgetrekening heeft nog een tegoed of reservering (%(kenmerk)s). Beëindig "
                "het budgetbeheer en betaal het tegoed uit voordat de zaak vernietigd wordt."
            )
            % {"kenmerk": rekening.kenmerk}
        )
    if Betaalopdracht.objects.filter(budgetrekening=rekening, status__in=OPEN_OPDRACHTEN).exists():
        raise VernietigingGeweigerd(
            _(
                "Er staat nog een betaling open voor budgetrekening %(kenmerk)s. Wacht tot de "
                "bank haar heeft afgeschreven of schrap haar."
            )
            % {"kenmerk": rekening.kenmerk}
        )
    anderen = (
        Journaalregel.objects.filter(journaalpost_id__in=posten)
        .exclude(grootboekrekening_id__in=clientrekeningen)
        .filter(grootboekrekening__soort__in=CLIENTSOORTEN)
    )
    if anderen.exists():
        raise VernietigingGeweigerd(
            _(
                "Een boeking van budgetrekening %(kenmerk)s raakt ook de rekening van een andere "
                "cliënt. Boek die eerst recht (correctie) en probeer het daarna opnieuw."
            )
            % {"kenmerk": rekening.kenmerk}
        )


# --- the hook ----------------------------------------------------------------------------------
def budget_vernietigen(context: VernietigingContext) -> dict[str, int] | None:
    """Kernel retention hook: clear the ledger, payments and bank links of the case's budget
    account so the case can be destroyed. Does nothing for a case without one."""
    rekening = (
        Budgetrekening.objects.select_for_update()
        .filter(zaak_id=context.zaak.pk)
        .select_related("beheerrekening")
        .first()
    )
    if rekening is None:
        return None
    clientrekeningen = _clientrekeningen(rekening)
    posten = _journaalposten(rekening, clientrekeningen)
    _weigeren_als_nodig(rekening, clientrekeningen, posten)
    context.partij_erbij(rekening.client)

    aantallen: Counter[str] = Counter()
    aantallen["budget.bankmutatie_ontkoppeld"] = _bankmutaties_ontkoppelen(rekening, posten)
    aantallen["budget.betaalbestand_overboeking_geschoond"] = _betaalbestanden_schonen(rekening)
    voorstellen = set(
        Betaalopdracht.objects.filter(budgetrekening=rekening, voorstel__isnull=False).values_list(
            "voorstel_id", flat=True
        )
    )
    _tellen(aantallen, _plain(Roodstandverzoek).filter(budgetrekening=rekening).delete())
    _tellen(aantallen, _plain(Betaalopdracht).filter(budgetrekening=rekening).delete())
    # A proposal that held only this client's payments is nothing but this client's data.
    _tellen(
        aantallen,
        _plain(Betaalvoorstel).filter(pk__in=voorstellen, opdrachten__isnull=True).delete(),
    )
    correctie = _grootboek_wissen(context, rekening, clientrekeningen, posten, aantallen)
    if correctie is not None:
        aantallen["budget.correctie_geboekt"] = 1
    return dict(aantallen)


def _tellen(aantallen: Counter[str], uitkomst: tuple[int, dict[str, int]]) -> None:
    aantallen.update({label.lower(): n for label, n in uitkomst[1].items() if n})


def _betaalbestanden_schonen(rekening: Budgetrekening) -> int:
    """Blank the client's transfers in the stored pain.001 files of the proposals they were in
    (names, IBANs, texts; amounts stay so the file still matches what the bank debited).
    Runs before the payment orders go: their end-to-end ids say which transfers are hers.
    A proposal is not part of the ledger, so no trigger escape is needed. Returns how many
    transfers were blanked."""
    per_voorstel: dict[int, set[str]] = defaultdict(set)
    for voorstel_id, e2e in Betaalopdracht.objects.filter(
        budgetrekening=rekening, voorstel__isnull=False
    ).values_list("voorstel_id", "end_to_end_id"):
        per_voorstel[voorstel_id].add(e2e)
    geschoond = 0
    voorstellen = (
        Betaalvoorstel.objects.select_for_update()
        .filter(pk__in=list(per_voorstel), pain001__isnull=False)
        .order_by("pk")
    )
    for voorstel in voorstellen:
        nieuw, aantal = pain001_schonen(bytes(voorstel.pain001), per_voorstel[voorstel.pk])
        if aantal:
            _plain(Betaalvoorstel).filter(pk=voorstel.pk).update(pain001=nieuw)
            geschoond += aantal
    return geschoond


def _bankmutaties_ontkoppelen(rekening: Budgetrekening, posten: set[int]) -> int:
    """Keep the organisation's bank entries; remove what ties them to the client."""
    return (
        _plain(Bankmutatie)
        .filter(Q(budgetrekening=rekening) | Q(journaalpost_id__in=posten))
        .update(
            budgetrekening=None,
            journaalpost=None,
            tegenrekening_iban="",
            tegenrekening_naam=VERNIETIGD,
            omschrijving=VERNIETIGD,
            end_to_end_id="",
        )
    )


def _grootboek_wissen(
    context: VernietigingContext,
    rekening: Budgetrekening,
    clientrekeningen: list[int],
    posten: set[int],
    aantallen: Counter[str],
) -> Journaalpost | None:
    """Delete the client's entries and ledger accounts; book the net of the deleted lines on
    the organisation's own accounts back, so their balances stay as the bank shows them."""
    regels = Journaalregel.objects.filter(journaalpost_id__in=posten)
    netto: dict[int, Decimal] = defaultdict(Decimal)
    for rij in (
        regels.exclude(grootboekrekening_id__in=clientrekeningen)
        .values("grootboekrekening_id")
        .annotate(som=Sum("bedrag"))
    ):
        if rij["som"]:
            netto[rij["grootboekrekening_id"]] = rij["som"]
    laatste = Journaalpost.objects.filter(pk__in=posten).aggregate(m=models.Max("boekdatum"))["m"]
    _vernietiging_toestaan(True)
    try:
        _tellen(aantallen, _plain(Journaalregel).filter(journaalpost_id__in=posten).delete())
        # Reversals first: a reversal PROTECTs the entry it reverses.
        _tellen(
            aantallen,
            _plain(Journaalpost).filter(pk__in=posten, tegenboeking_van__isnull=False).delete(),
        )
        _tellen(aantallen, _plain(Journaalpost).filter(pk__in=posten).delete())
    finally:
        _vernietiging_toestaan(False)
    _tellen(aantallen, _plain(Grootboekrekening).filter(pk__in=clientrekeningen).delete())
    if not netto:
        return None
    assert laatste is not None  # there were lines, so there were entries
    return _correctie_boeken(context, rekening, netto, laatste, len(posten))


def _correctie_boeken(
    context: VernietigingContext,
    rekening: Budgetrekening,
    netto: dict[int, Decimal],
    boekdatum: object,
    verwijderd: int,
) -> Journaalpost:
    """One anonymous entry that restores the organisation's accounts (bank, in transit, to
    match). The client's accounts were zero, so these amounts sum to zero."""
    if sum(netto.values(), Decimal("0")) != 0:  # pragma: no cover - guarded by the zero check
        raise VernietigingGeweigerd(_("Het grootboek zou na vernietiging niet sluiten."))
    actor = context.actor
    post = Journaalpost.objects.create(
        organisatie_id=rekening.organisatie_id,
        boekdatum=boekdatum,
        soort=BoekingSoort.CORRECTIE,
        omschrijving=_("Saldo van vernietigde boekingen (zaak %(zaak)s)")
        % {"zaak": context.zaak.identificatie},
        reden=_(
            "Archiefwet: de zaak is vernietigd met vernietigingslijst ‘%(lijst)s’. Deze boeking "
            "vervangt het saldo van %(aantal)s verwijderde boekingen op de eigen rekeningen van "
            "de organisatie, zodat de bank en het grootboek blijven aansluiten."
        )
        % {"lijst": context.lijst_naam, "aantal": verwijderd},
        geboekt_door=actor.medewerker,
        geboekt_door_weergave=(actor.weergave or "")[:200],
    )
    Journaalregel.objects.bulk_create(
        Journaalregel(journaalpost=post, grootboekrekening_id=pk, bedrag=-bedrag)
        for pk, bedrag in sorted(netto.items())
    )
    audit_entry_record(
        actor=actor,
        actie="budget_vernietiging_correctie",
        obj=post,
        wijzigingen={
            "verwijderde_boekingen": [verwijderd, 0],
            "regels": [None, [[pk, str(-bedrag)] for pk, bedrag in sorted(netto.items())]],
        },
        toelichting=post.reden,
    )
    return post
