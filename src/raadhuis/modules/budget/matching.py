"""Which client does a bank entry belong to?

Incoming money is matched by rules from strong to weak (issue 5, item 3):

1. `kenmerk`: the client's budget account reference (`Budgetrekening.kenmerk`, e.g. "BB0000123")
   appears in the remittance text; or the payer's own reference of an expected income
   (`Inkomstenpost.kenmerk`, e.g. a benefit number) does;
2. `iban+bedrag`: the payer's IBAN and the exact amount of one expected income;
3. `iban`: the payer's IBAN belongs to exactly one client (an income's payer or the client's own
   account). A payer who pays many clients (UWV, a housing association) never matches on IBAN
   alone: that is what the amount or the reference is for.

Anything ambiguous or unknown goes to the queue (status TE_MATCHEN) for a person to assign
(`mutatie_handmatig_matchen`) or set aside (`mutatie_negeren`). Outgoing entries and returned
payments are matched to our own payment orders by end-to-end id.

`Matcher` loads everything it needs in three queries, so matching 50,000 entries costs no more
queries than matching one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import zaak_filter
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.modules.budget.catalogus import require_budget_toegang
from raadhuis.modules.budget.grootboek.boekingen import boeken
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening
from raadhuis.modules.budget.models import (
    Bankmutatie,
    Beheerrekening,
    Betaalopdracht,
    BoekingSoort,
    Budgetrekening,
    GrootboekSoort,
    Inkomstenpost,
    MutatieStatus,
    OpdrachtStatus,
    RekeningStatus,
)

# References shorter than this are too likely to occur in any text by chance.
KORTSTE_KENMERK = 4
# Payment orders a statement line can still confirm (debit) or return.
OPENSTAANDE_OPDRACHTEN = (OpdrachtStatus.ONDERWEG, OpdrachtStatus.AFGESCHREVEN)
CHUNK = 2000


class MatchSoort:
    ONTVANGST = "ontvangst"  # incoming money for a client
    AFSCHRIJVING = "afschrijving"  # our payment order left the bank
    RETOUR = "retour"  # our payment order came back
    WACHTRIJ = "wachtrij"  # a person must decide


@dataclass(frozen=True)
class Match:
    soort: str
    budgetrekening_id: int | None = None
    regel: str = ""  # Bankmutatie.match_regel
    opdracht: Betaalopdracht | None = None
    toelichting: str = ""


def kenmerk_normaliseren(waarde: str) -> str:
    """'bb-000 0123' -> 'BB0000123': payers type references with spaces and dashes."""
    return re.sub(r"[^A-Z0-9]", "", (waarde or "").upper())


def tekst_kandidaten(tekst: str) -> set[str]:
    """Every word of a remittance text, and every run of two or three adjacent words glued
    together, normalised: a reference typed as "BB 0000 123" is still found."""
    woorden = re.findall(r"[A-Z0-9]+", (tekst or "").upper())
    kandidaten = set(woorden)
    for lengte in (2, 3):
        for i in range(len(woorden) - lengte + 1):
            kandidaten.add("".join(woorden[i : i + lengte]))
    return kandidaten


def _iban(waarde: str) -> str:
    return "".join((waarde or "").split()).upper()


class Matcher:
    """The matching rules over one beheerrekening's clients, loaded once."""

    def __init__(self, beheerrekening: Beheerrekening, end_to_end_ids: Iterable[str] = ()) -> None:
        self.beheerrekening = beheerrekening
        self.kenmerken: dict[str, int] = {}
        self.kenmerk_van: dict[int, str] = {}
        self.actief: set[int] = set()
        self.zaak_uuid: dict[int, object] = {}
        rekeningen = Budgetrekening.objects.filter(
            organisatie_id=beheerrekening.organisatie_id, beheerrekening=beheerrekening
        ).values_list("pk", "kenmerk", "client_iban", "status", "zaak__uuid")
        per_iban: dict[str, set[int]] = defaultdict(set)
        for pk, kenmerk, client_iban, status, zaak_uuid in rekeningen:
            self.kenmerken[kenmerk_normaliseren(kenmerk)] = pk
            self.kenmerk_van[pk] = kenmerk
            self.zaak_uuid[pk] = zaak_uuid
            if status == RekeningStatus.ACTIEF:
                self.actief.add(pk)
            if client_iban:
                per_iban[_iban(client_iban)].add(pk)
        self.inkomen_kenmerken: dict[str, set[int]] = defaultdict(set)
        self.per_iban_bedrag: dict[tuple[str, Decimal], set[int]] = defaultdict(set)
        posten = Inkomstenpost.objects.filter(
            budgetrekening__beheerrekening=beheerrekening
        ).values_list("budgetrekening_id", "iban_betaler", "bedrag", "kenmerk")
        for pk, iban_betaler, bedrag, kenmerk in posten:
            if iban_betaler:
                per_iban[_iban(iban_betaler)].add(pk)
                self.per_iban_bedrag[(_iban(iban_betaler), Decimal(bedrag))].add(pk)
            genormaliseerd = kenmerk_normaliseren(kenmerk)
            if len(genormaliseerd) >= KORTSTE_KENMERK:
                self.inkomen_kenmerken[genormaliseerd].add(pk)
        self.per_iban = dict(per_iban)
        self.opdrachten = self._opdrachten(set(filter(None, end_to_end_ids)))

    def _opdrachten(self, ids: set[str]) -> dict[str, Betaalopdracht]:
        gevonden: dict[str, Betaalopdracht] = {}
        lijst = sorted(ids)
        for i in range(0, len(lijst), CHUNK):
            for opdracht in Betaalopdracht.objects.filter(
                organisatie_id=self.beheerrekening.organisatie_id,
                budgetrekening__beheerrekening=self.beheerrekening,
                end_to_end_id__in=lijst[i : i + CHUNK],
            ):
                gevonden[opdracht.end_to_end_id] = opdracht
        return gevonden

    # --- the rules ----------------------------------------------------------------------------

    def match(
        self,
        *,
        bedrag: Decimal,
        tegenrekening_iban: str,
        omschrijving: str,
        end_to_end_id: str,
        storno: bool,
    ) -> Match:
        opdracht = self.opdrachten.get(end_to_end_id) if end_to_end_id else None
        if storno or (bedrag > 0 and opdracht is not None):
            return self._retour(bedrag, opdracht)
        if bedrag < 0:
            return self._afschrijving(bedrag, opdracht)
        return self._ontvangst(bedrag, _iban(tegenrekening_iban), omschrijving)

    def _retour(self, bedrag: Decimal, opdracht: Betaalopdracht | None) -> Match:
        if opdracht is None:
            return Match(
                MatchSoort.WACHTRIJ, toelichting=_("Terugboeking zonder bekende betaling.")
            )
        if opdracht.status not in OPENSTAANDE_OPDRACHTEN or abs(bedrag) != opdracht.bedrag:
            return Match(
                MatchSoort.WACHTRIJ,
                budgetrekening_id=opdracht.budgetrekening_id,
                toelichting=_("Terugboeking past niet bij betaling %(id)s.")
                % {"id": opdracht.end_to_end_id},
            )
        return Match(
            MatchSoort.RETOUR,
            budgetrekening_id=opdracht.budgetrekening_id,
            regel="betaalopdracht",
            opdracht=opdracht,
        )

    def _afschrijving(self, bedrag: Decimal, opdracht: Betaalopdracht | None) -> Match:
        if opdracht is None:
            return Match(MatchSoort.WACHTRIJ, toelichting=_("Afschrijving zonder eigen betaling."))
        if opdracht.status != OpdrachtStatus.ONDERWEG or -bedrag != opdracht.bedrag:
            return Match(
                MatchSoort.WACHTRIJ,
                budgetrekening_id=opdracht.budgetrekening_id,
                toelichting=_("Afschrijving past niet bij betaling %(id)s.")
                % {"id": opdracht.end_to_end_id},
            )
        return Match(
            MatchSoort.AFSCHRIJVING,
            budgetrekening_id=opdracht.budgetrekening_id,
            regel="betaalopdracht",
            opdracht=opdracht,
        )

    def _ontvangst(self, bedrag: Decimal, iban: str, omschrijving: str) -> Match:
        kandidaten = tekst_kandidaten(omschrijving)
        via_kenmerk = {self.kenmerken[k] for k in kandidaten if k in self.kenmerken}
        if len(via_kenmerk) == 1:
            return self._naar_client(via_kenmerk.pop(), "kenmerk")
        if len(via_kenmerk) > 1:
            return Match(
                MatchSoort.WACHTRIJ, toelichting=_("Meerdere kenmerken in de omschrijving.")
            )
        via_inkomen = set().union(
            *(self.inkomen_kenmerken[k] for k in kandidaten if k in self.inkomen_kenmerken)
        )
        if iban and via_inkomen:
            # The income's reference only counts together with a payer who pays that client.
            via_inkomen &= self.per_iban.get(iban, via_inkomen)
        if len(via_inkomen) == 1:
            return self._naar_client(via_inkomen.pop(), "kenmerk")
        if iban:
            via_bedrag = self.per_iban_bedrag.get((iban, bedrag), set())
            if len(via_bedrag) == 1:
                return self._naar_client(next(iter(via_bedrag)), "iban+bedrag")
            via_iban = self.per_iban.get(iban, set())
            if len(via_iban) == 1:
                return self._naar_client(next(iter(via_iban)), "iban")
            if via_iban:
                return Match(
                    MatchSoort.WACHTRIJ,
                    toelichting=_("Deze betaler betaalt meerdere cliënten; kenmerk ontbreekt."),
                )
        return Match(MatchSoort.WACHTRIJ, toelichting=_("Geen cliënt gevonden."))

    def _naar_client(self, budgetrekening_id: int, regel: str) -> Match:
        if budgetrekening_id not in self.actief:
            return Match(
                MatchSoort.WACHTRIJ,
                budgetrekening_id=budgetrekening_id,
                toelichting=_("De budgetrekening van deze cliënt is beëindigd."),
            )
        return Match(MatchSoort.ONTVANGST, budgetrekening_id=budgetrekening_id, regel=regel)


# --- the queue: a person decides ---------------------------------------------------------------


def _mutatie_vergrendelen(actor: Actor, mutatie: Bankmutatie) -> Bankmutatie:
    require_budget_toegang(actor)
    try:
        vergrendeld = Bankmutatie.objects.select_for_update().get(
            pk=mutatie.pk, organisatie=actor.organisatie
        )
    except Bankmutatie.DoesNotExist as error:
        raise NietGevonden(_("Bankmutatie niet gevonden.")) from error
    if vergrendeld.status != MutatieStatus.TE_MATCHEN:
        raise ValidationError(
            _("Deze bankmutatie is al verwerkt (%(status)s).")
            % {"status": vergrendeld.get_status_display().lower()},
            code="al_verwerkt",
        )
    return vergrendeld


def _zichtbare_rekening(actor: Actor, budgetrekening: Budgetrekening) -> Budgetrekening:
    try:
        return (
            Budgetrekening.objects.filter(zaak_filter(actor, prefix="zaak__"))
            .select_related("zaak", "beheerrekening")
            .get(pk=budgetrekening.pk)
        )
    except Budgetrekening.DoesNotExist as error:
        raise NietGevonden(_("Budgetrekening niet gevonden.")) from error


def mutatie_handmatig_matchen(
    *, actor: Actor, mutatie: Bankmutatie, budgetrekening: Budgetrekening, toelichting: str = ""
) -> Bankmutatie:
    """Assign a queued entry to a client: incoming money moves from "nog toe te wijzen" to the
    client (TOEWIJZING); an unknown debit is charged to the client (CORRECTIE, which may not
    overdraw the client without a second person: grootboek raises `Roodstand`)."""
    with transaction.atomic():
        mutatie = _mutatie_vergrendelen(actor, mutatie)
        rekening = _zichtbare_rekening(actor, budgetrekening)
        if rekening.beheerrekening_id != mutatie.beheerrekening_id:
            raise ValidationError(
                {"budgetrekening": _("Deze cliënt heeft een andere beheerrekening.")}
            )
        if rekening.status != RekeningStatus.ACTIEF:
            raise ValidationError({"budgetrekening": _("Deze budgetrekening is beëindigd.")})
        te_matchen = grootboekrekening(
            GrootboekSoort.TE_MATCHEN, beheerrekening=rekening.beheerrekening
        )
        client = grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=rekening)
        binnen = mutatie.bedrag > 0
        bedrag = abs(mutatie.bedrag)
        naam = mutatie.tegenrekening_naam or mutatie.tegenrekening_iban or _("onbekend")
        post = boeken(
            actor=actor,
            organisatie=actor.organisatie,
            boekdatum=mutatie.boekdatum,
            soort=BoekingSoort.TOEWIJZING if binnen else BoekingSoort.CORRECTIE,
            omschrijving=(
                _("Ontvangst van %(naam)s toegewezen") if binnen else _("Afschrijving aan %(naam)s")
            )
            % {"naam": naam[:150]},
            regels=[(te_matchen, bedrag), (client, -bedrag)]
            if binnen
            else [(client, bedrag), (te_matchen, -bedrag)],
            budgetrekening=rekening,
            reden=toelichting
            or ("" if binnen else _("Afschrijving van de bank handmatig toegewezen.")),
        )
        mutatie.status = MutatieStatus.GEMATCHT
        mutatie.budgetrekening = rekening
        mutatie.match_regel = "handmatig"
        mutatie.gematcht_door = actor.medewerker
        mutatie.save(update_fields=["status", "budgetrekening", "match_regel", "gematcht_door"])
        audit_entry_record(
            actor=actor,
            actie="budget_mutatie_gematcht",
            obj=mutatie,
            wijzigingen={
                "status": [MutatieStatus.TE_MATCHEN, MutatieStatus.GEMATCHT],
                "budgetrekening": [None, rekening.kenmerk],
                "journaalpost": [None, str(post.uuid)],
            },
            toelichting=toelichting,
            zaak_uuid=rekening.zaak.uuid,
        )
    return mutatie


def mutatie_negeren(*, actor: Actor, mutatie: Bankmutatie, reden: str) -> Bankmutatie:
    """Set a queued entry aside as not client money (bank interest or costs, a payment that
    is sent back by hand). The money stays on "nog toe te wijzen", so the daily reconciliation
    keeps showing it until finance clears it; the reason is in the audit trail."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": _("Geef een reden op.")})
    with transaction.atomic():
        mutatie = _mutatie_vergrendelen(actor, mutatie)
        if actor.medewerker is None and actor.type != "systeem":
            raise ToegangGeweigerd(_("Alleen een medewerker kan een bankmutatie negeren."))
        mutatie.status = MutatieStatus.GENEGEERD
        mutatie.gematcht_door = actor.medewerker
        mutatie.match_regel = "genegeerd"
        mutatie.save(update_fields=["status", "gematcht_door", "match_regel"])
        audit_entry_record(
            actor=actor,
            actie="budget_mutatie_genegeerd",
            obj=mutatie,
            wijzigingen={"status": [MutatieStatus.TE_MATCHEN, MutatieStatus.GENEGEERD]},
            toelichting=reden,
        )
    return mutatie
