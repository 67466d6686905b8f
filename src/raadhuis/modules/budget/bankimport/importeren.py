"""Importing a statement: all or nothing per file, skip what was imported before, match every
new entry and book it (incoming money in bulk, our own payments through betalingen).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.budget.bankimport.afschrift import (
    CHUNK,
    BestandOngeldig,
    GelezenAfschrift,
    GelezenMutatie,
    ImportRapport,
    Regeluitkomst,
)
from raadhuis.modules.budget.bankimport.lezen import afschrift_lezen
from raadhuis.modules.budget.betalingen.bankberichten import (
    afschrijving_verwerken,
    retour_verwerken,
)
from raadhuis.modules.budget.catalogus import require_budget_toegang
from raadhuis.modules.budget.grootboek.bulkboekingen import Bulkboeking, boeken_bulk
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening, rekening_naam
from raadhuis.modules.budget.matching import Match, Matcher, MatchSoort
from raadhuis.modules.budget.models import (
    Bankafschrift,
    Bankmutatie,
    Beheerrekening,
    BoekingSoort,
    Grootboekrekening,
    GrootboekSoort,
    Journaalpost,
    MutatieStatus,
)


def afschrift_importeren(
    *, actor: Actor, organisatie: Organisatie, inhoud: bytes, bestandsnaam: str = ""
) -> ImportRapport:
    """Import one camt.053 or MT940 file, all or nothing; see the module docstring. A file
    that cannot be imported gives a report with `fouten` (and writes nothing)."""
    require_budget_toegang(actor)
    if actor.organisatie.pk != organisatie.pk:
        raise ToegangGeweigerd(_("Je werkt niet voor deze organisatie."))
    rapport = ImportRapport(bestandsnaam=bestandsnaam[:255])
    try:
        rapport.formaat, afschriften = afschrift_lezen(inhoud)
        beheerrekeningen = _beheerrekeningen(organisatie, afschriften)
        with transaction.atomic():
            for afschrift in afschriften:
                _afschrift_verwerken(
                    actor, rapport, beheerrekeningen[afschrift.iban], afschrift, bestandsnaam
                )
    except ValidationError as error:
        rapport.fouten = list(error.messages)
        rapport.statements = rapport.entries = rapport.matched = rapport.unmatched = 0
        rapport.skipped_duplicates = 0
        rapport.regels = []
        rapport.afschrift_uuids = []
    return rapport


def _beheerrekeningen(
    organisatie: Organisatie, afschriften: list[GelezenAfschrift]
) -> dict[str, Beheerrekening]:
    ibans = {a.iban for a in afschriften}
    gevonden = {
        "".join(b.iban.split()).upper(): b
        for b in Beheerrekening.objects.filter(organisatie=organisatie)
    }
    onbekend = sorted(ibans - set(gevonden))
    if onbekend:
        raise BestandOngeldig(
            [
                _(
                    "Rekening %(iban)s is geen beheerrekening van %(organisatie)s: dit afschrift "
                    "hoort niet bij budgetbeheer."
                )
                % {"iban": iban, "organisatie": organisatie.naam}
                for iban in onbekend
            ],
            code="rekening",
        )
    return {iban: gevonden[iban] for iban in ibans}


def _bestaande_mutatie_ids(beheerrekening: Beheerrekening, ids: list[str]) -> set[str]:
    bestaand: set[str] = set()
    for i in range(0, len(ids), CHUNK):
        bestaand.update(
            Bankmutatie.objects.filter(
                beheerrekening=beheerrekening, mutatie_id__in=ids[i : i + CHUNK]
            ).values_list("mutatie_id", flat=True)
        )
    return bestaand


def _regeluitkomst(
    afschrift: GelezenAfschrift, m: GelezenMutatie, uitkomst: str, toelichting: str = ""
) -> Regeluitkomst:
    return Regeluitkomst(
        afschrift_id=afschrift.afschrift_id,
        volgnummer=m.volgnummer,
        mutatie_id=m.mutatie_id,
        boekdatum=m.boekdatum,
        bedrag=m.bedrag,
        tegenpartij=m.tegenrekening_naam or m.tegenrekening_iban,
        uitkomst=uitkomst,
        toelichting=toelichting,
    )


def _afschrift_verwerken(
    actor: Actor,
    rapport: ImportRapport,
    beheerrekening: Beheerrekening,
    afschrift: GelezenAfschrift,
    bestandsnaam: str,
) -> None:
    if Bankafschrift.objects.filter(
        beheerrekening=beheerrekening, afschrift_id=afschrift.afschrift_id
    ).exists():
        rapport.skipped_duplicates += len(afschrift.mutaties)
        rapport.regels.extend(
            _regeluitkomst(afschrift, m, "dubbel", _("Afschrift is al ingelezen."))
            for m in afschrift.mutaties
        )
        return
    bestaand = _bestaande_mutatie_ids(beheerrekening, [m.mutatie_id for m in afschrift.mutaties])
    nieuw: list[GelezenMutatie] = []
    for m in afschrift.mutaties:
        if m.mutatie_id in bestaand:
            rapport.skipped_duplicates += 1
            rapport.regels.append(_regeluitkomst(afschrift, m, "dubbel", _("Al ingelezen.")))
            continue
        bestaand.add(m.mutatie_id)  # the same id twice in one file counts once
        nieuw.append(m)
    bankafschrift = Bankafschrift.objects.create(
        organisatie=beheerrekening.organisatie,
        beheerrekening=beheerrekening,
        formaat=rapport.formaat,
        afschrift_id=afschrift.afschrift_id,
        datum=afschrift.datum,
        beginsaldo=afschrift.beginsaldo,
        eindsaldo=afschrift.eindsaldo,
        bestandsnaam=bestandsnaam[:255],
        geimporteerd_door=actor.medewerker,
    )
    rapport.statements += 1
    rapport.afschrift_uuids.append(str(bankafschrift.uuid))
    matcher = Matcher(beheerrekening, (m.end_to_end_id for m in nieuw))
    matches = [
        matcher.match(
            bedrag=m.bedrag,
            tegenrekening_iban=m.tegenrekening_iban,
            omschrijving=m.omschrijving,
            end_to_end_id=m.end_to_end_id,
            storno=m.storno,
        )
        for m in nieuw
    ]
    posten = _ontvangsten_boeken(actor, beheerrekening, matcher, nieuw, matches)
    rijen = [
        _mutatie_rij(bankafschrift, m, match, posten.get(i))
        for i, (m, match) in enumerate(zip(nieuw, matches, strict=True))
    ]
    Bankmutatie.objects.bulk_create(rijen, batch_size=CHUNK)
    _eigen_betalingen_verwerken(actor, rijen, matches)
    for m, match in zip(nieuw, matches, strict=True):
        uitkomst = {
            MatchSoort.ONTVANGST: "gematcht",
            MatchSoort.AFSCHRIJVING: "betaling",
            MatchSoort.RETOUR: "retour",
        }.get(match.soort, "wachtrij")
        rapport.regels.append(_regeluitkomst(afschrift, m, uitkomst, match.toelichting))
        if match.soort == MatchSoort.WACHTRIJ:
            rapport.unmatched += 1
        else:
            rapport.matched += 1
    rapport.entries += len(nieuw)
    audit_entry_record(
        actor=actor,
        actie="budget_afschrift_geimporteerd",
        obj=bankafschrift,
        wijzigingen={
            "afschrift_id": [None, afschrift.afschrift_id],
            "mutaties": [None, len(nieuw)],
            "dubbel": [None, len(afschrift.mutaties) - len(nieuw)],
        },
        toelichting=bestandsnaam,
    )


def _mutatie_rij(
    afschrift: Bankafschrift, m: GelezenMutatie, match: Match, post: Journaalpost | None
) -> Bankmutatie:
    status = {
        MatchSoort.ONTVANGST: MutatieStatus.GEMATCHT,
        # Set for real by betalingen when it has booked the payment (below).
        MatchSoort.AFSCHRIJVING: MutatieStatus.TE_MATCHEN,
        MatchSoort.RETOUR: MutatieStatus.TE_MATCHEN,
    }.get(match.soort, MutatieStatus.TE_MATCHEN)
    return Bankmutatie(
        organisatie_id=afschrift.organisatie_id,
        afschrift=afschrift,
        mutatie_id=m.mutatie_id,
        beheerrekening_id=afschrift.beheerrekening_id,
        boekdatum=m.boekdatum,
        bedrag=m.bedrag,
        tegenrekening_iban=m.tegenrekening_iban,
        tegenrekening_naam=m.tegenrekening_naam,
        omschrijving=m.omschrijving,
        end_to_end_id=m.end_to_end_id,
        retourcode=m.retourcode,
        status=status,
        budgetrekening_id=match.budgetrekening_id if match.soort == MatchSoort.ONTVANGST else None,
        match_regel=match.regel if match.soort == MatchSoort.ONTVANGST else "",
        journaalpost=post,
    )


def _ontvangsten_boeken(
    actor: Actor,
    beheerrekening: Beheerrekening,
    matcher: Matcher,
    mutaties: list[GelezenMutatie],
    matches: list[Match],
) -> dict[int, Journaalpost]:
    """Bulk-book incoming money for clients (BANK -> CLIENT) and everything for the queue
    (BANK <-> TE_MATCHEN). Returns the journal entry per position in `mutaties`."""
    te_boeken = [
        i
        for i, match in enumerate(matches)
        if match.soort in (MatchSoort.ONTVANGST, MatchSoort.WACHTRIJ)
    ]
    if not te_boeken:
        return {}
    bank = grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheerrekening)
    te_matchen = grootboekrekening(GrootboekSoort.TE_MATCHEN, beheerrekening=beheerrekening)
    clients = _clientrekeningen(
        {matches[i].budgetrekening_id for i in te_boeken if matches[i].soort == "ontvangst"}
    )
    boekingen: list[Bulkboeking] = []
    namen = {bank.pk: rekening_naam(bank)}
    for i in te_boeken:
        m, match = mutaties[i], matches[i]
        naam = (m.tegenrekening_naam or m.tegenrekening_iban or _("onbekend"))[:120]
        if match.soort == MatchSoort.ONTVANGST:
            tegen = clients[match.budgetrekening_id]
            omschrijving = _("Ontvangen van %(naam)s") % {"naam": naam}
            budgetrekening_id = match.budgetrekening_id
            # The client's name in the audit entry without a query per client.
            namen[tegen.pk] = _("Tegoed cliënt %(kenmerk)s") % {
                "kenmerk": matcher.kenmerk_van.get(budgetrekening_id, "")
            }
        else:
            tegen = te_matchen
            omschrijving = (
                _("Nog toe te wijzen: %(naam)s") if m.bedrag > 0 else _("Afschrijving: %(naam)s")
            ) % {"naam": naam}
            budgetrekening_id = None
        boekingen.append(
            Bulkboeking(
                boekdatum=m.boekdatum,
                soort=BoekingSoort.ONTVANGST,
                omschrijving=omschrijving,
                debet=bank,
                credit=tegen,
                bedrag=m.bedrag,
                budgetrekening_id=budgetrekening_id,
                zaak_uuid=matcher.zaak_uuid.get(budgetrekening_id),
            )
        )
    posten = boeken_bulk(
        actor=actor,
        organisatie=beheerrekening.organisatie,
        boekingen=boekingen,
        namen=namen,
        batch_size=CHUNK,
    )
    return dict(zip(te_boeken, posten, strict=True))


def _clientrekeningen(budgetrekening_ids: set[int]) -> dict[int, Grootboekrekening]:
    from raadhuis.modules.budget.models import Budgetrekening

    gevonden: dict[int, Grootboekrekening] = {}
    lijst = sorted(i for i in budgetrekening_ids if i is not None)
    for i in range(0, len(lijst), CHUNK):
        for rekening in Grootboekrekening.objects.filter(
            soort=GrootboekSoort.CLIENT, budgetrekening_id__in=lijst[i : i + CHUNK]
        ):
            gevonden[rekening.budgetrekening_id] = rekening
    for ontbrekend in Budgetrekening.objects.filter(pk__in=set(lijst) - set(gevonden)):
        gevonden[ontbrekend.pk] = grootboekrekening(
            GrootboekSoort.CLIENT, budgetrekening=ontbrekend
        )
    return gevonden


def _eigen_betalingen_verwerken(
    actor: Actor, rijen: list[Bankmutatie], matches: list[Match]
) -> None:
    """Our own payment orders seen on the statement: betalingen books them and records the
    outcome on the (saved) entry."""
    for rij, match in zip(rijen, matches, strict=True):
        if match.soort == MatchSoort.AFSCHRIJVING:
            afschrijving_verwerken(actor=actor, opdracht=match.opdracht, mutatie=rij)
        elif match.soort == MatchSoort.RETOUR:
            retour_verwerken(actor=actor, opdracht=match.opdracht, mutatie=rij)
