"""The client's statement (cliëntoverzicht): what happened to their money in one month, or in
the last weeks when the budget account ends (eindoverzicht).

The client owns two kinds of ledger accounts: the CLIENT account (free to spend) and one
RESERVERING account per savings goal. The statement looks at both together, the client's
*tegoed*: a booking that only moves money between them (reserving, releasing) changes nothing
the client owns, so it is not a line of the statement but shows in the reservations table. Every
other booking (income, payments, returns, reversals) is one line with its effect on the tegoed:

    beginsaldo + bij - af = eindsaldo   (and eindsaldo = vrij besteedbaar + gereserveerd)

The statement is a PDF on the organisation's letterhead (the letter stylesheet of
kernel/messaging), stored as a document of the client's case, so it is in the dossier and, later,
in the client's portal. It is made once per month: asking again returns the same statement.
Only a month that is over can get a statement (the figures of a running month still change);
`overzicht_tussentijds_pdf` renders the running month for the counter without storing it.
"""

from __future__ import annotations

import calendar
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, Sum
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from raadhuis.kernel import geld
from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_zaak_toegang
from raadhuis.kernel.audit.services import audit_entry_record, verwerking_record
from raadhuis.kernel.documents.zaakdocumenten import zaak_document_add
from raadhuis.kernel.messaging.documenttype import briefdocumenttype_ensure
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.messaging.pdf import brief_render_pdf
from raadhuis.kernel.messaging.services import briefhoofd_voor
from raadhuis.kernel.messaging.sjablonen import logo_html
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.catalogus import DOCUMENTTYPE_CLIENTOVERZICHT, require_budget_toegang
from raadhuis.modules.budget.models import (
    Budgetrekening,
    Clientoverzicht,
    Grootboekrekening,
    GrootboekSoort,
    Journaalregel,
    RekeningStatus,
)

logger = logging.getLogger(__name__)

NUL = Decimal("0.00")
DOEL = "Budgetbeheer"
# The case type's document types for statements (catalogus.py); else the letter type.
DOCUMENTTYPE_EINDOVERZICHT = "Eindoverzicht budgetbeheer"
MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


# --- the figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Regel:
    """One booking that changed the client's tegoed: positive is money in (bij)."""

    datum: date
    omschrijving: str
    soort: str
    bedrag: Decimal
    saldo: Decimal  # the tegoed after this line

    @property
    def bij(self) -> Decimal | None:
        return self.bedrag if self.bedrag > 0 else None

    @property
    def af(self) -> Decimal | None:
        return -self.bedrag if self.bedrag < 0 else None


@dataclass(frozen=True)
class ReserveringStand:
    omschrijving: str
    begin: Decimal
    gespaard: Decimal
    vrijgegeven: Decimal
    eind: Decimal


@dataclass(frozen=True)
class Overzichtcijfers:
    """Everything a statement shows, in natural signs (positive: the client has it)."""

    periode_begin: date
    periode_einde: date
    beginsaldo: Decimal
    eindsaldo: Decimal
    beschikbaar_begin: Decimal
    beschikbaar_eind: Decimal
    regels: list[Regel] = field(default_factory=list)
    reserveringen: list[ReserveringStand] = field(default_factory=list)

    @property
    def bij(self) -> Decimal:
        return sum((r.bedrag for r in self.regels if r.bedrag > 0), NUL)

    @property
    def af(self) -> Decimal:
        return sum((-r.bedrag for r in self.regels if r.bedrag < 0), NUL)

    @property
    def gereserveerd_begin(self) -> Decimal:
        return self.beginsaldo - self.beschikbaar_begin

    @property
    def gereserveerd_eind(self) -> Decimal:
        return self.eindsaldo - self.beschikbaar_eind

    @property
    def sluit(self) -> bool:
        """The statement adds up (a check printed nowhere, asserted in tests and on making)."""
        return self.beginsaldo + self.bij - self.af == self.eindsaldo


def maand_periode(jaar: int, maand: int) -> tuple[date, date]:
    """The first and last day of a month; a Dutch error for a month that does not exist."""
    if not (1 <= maand <= 12) or not (2000 <= jaar <= 2999):
        raise ValidationError({"maand": _("Kies een bestaande maand.")})
    return date(jaar, maand, 1), date(jaar, maand, calendar.monthrange(jaar, maand)[1])


def maand_naam(dag: date) -> str:
    """'november 2026'."""
    return f"{MAANDEN[dag.month - 1]} {dag.year}"


def _client_rekeningen(budgetrekening: Budgetrekening) -> list[Grootboekrekening]:
    """The client's CLIENT account and reservation accounts."""
    return list(
        Grootboekrekening.objects.filter(
            Q(budgetrekening=budgetrekening) | Q(reservering__budgetrekening=budgetrekening),
            soort__in=[GrootboekSoort.CLIENT, GrootboekSoort.RESERVERING],
        ).select_related("reservering")
    )


def overzicht_cijfers(budgetrekening: Budgetrekening, begin: date, einde: date) -> Overzichtcijfers:
    """The statement's figures for the days `begin` up to and including `einde`."""
    rekeningen = {r.pk: r for r in _client_rekeningen(budgetrekening)}
    client_ids = {pk for pk, r in rekeningen.items() if r.soort == GrootboekSoort.CLIENT}
    regels_qs = Journaalregel.objects.filter(grootboekrekening_id__in=list(rekeningen))

    # Ledger lines are debit-positive; the client's accounts are liabilities: natural = -sum.
    voor: dict[int, Decimal] = defaultdict(lambda: NUL)
    for rij in (
        regels_qs.filter(journaalpost__boekdatum__lt=begin)
        .values("grootboekrekening_id")
        .annotate(som=Sum("bedrag"))
    ):
        # SQLite sums decimals as floats: back to cents.
        voor[rij["grootboekrekening_id"]] = -(rij["som"] or NUL).quantize(NUL)

    posten: dict[int, dict] = {}
    for rij in (
        regels_qs.filter(journaalpost__boekdatum__gte=begin, journaalpost__boekdatum__lte=einde)
        .order_by("journaalpost__boekdatum", "journaalpost_id", "pk")
        .values(
            "journaalpost_id",
            "journaalpost__boekdatum",
            "journaalpost__omschrijving",
            "journaalpost__soort",
            "grootboekrekening_id",
            "bedrag",
        )
    ):
        post = posten.setdefault(
            rij["journaalpost_id"],
            {
                "datum": rij["journaalpost__boekdatum"],
                "omschrijving": rij["journaalpost__omschrijving"],
                "soort": rij["journaalpost__soort"],
                "per_rekening": defaultdict(lambda: NUL),
            },
        )
        post["per_rekening"][rij["grootboekrekening_id"]] -= rij["bedrag"]

    beginsaldo = sum(voor.values(), NUL)
    beschikbaar_begin = sum((voor[pk] for pk in client_ids), NUL)
    saldo = beginsaldo
    beschikbaar = beschikbaar_begin
    regels: list[Regel] = []
    gespaard: dict[int, Decimal] = defaultdict(lambda: NUL)
    vrijgegeven: dict[int, Decimal] = defaultdict(lambda: NUL)
    for post in posten.values():
        effect = sum(post["per_rekening"].values(), NUL)
        for pk, bedrag in post["per_rekening"].items():
            if pk in client_ids:
                beschikbaar += bedrag
            elif bedrag > 0:
                gespaard[pk] += bedrag
            else:
                vrijgegeven[pk] -= bedrag
        if effect:
            saldo += effect
            regels.append(
                Regel(
                    datum=post["datum"],
                    omschrijving=post["omschrijving"],
                    soort=post["soort"],
                    bedrag=effect,
                    saldo=saldo,
                )
            )
    reserveringen = [
        ReserveringStand(
            omschrijving=r.reservering.omschrijving if r.reservering else _("Reservering"),
            begin=voor[pk],
            gespaard=gespaard[pk],
            vrijgegeven=vrijgegeven[pk],
            eind=voor[pk] + gespaard[pk] - vrijgegeven[pk],
        )
        for pk, r in sorted(rekeningen.items())
        if pk not in client_ids
    ]
    return Overzichtcijfers(
        periode_begin=begin,
        periode_einde=einde,
        beginsaldo=beginsaldo,
        eindsaldo=saldo,
        beschikbaar_begin=beschikbaar_begin,
        beschikbaar_eind=beschikbaar,
        regels=regels,
        reserveringen=[r for r in reserveringen if r.begin or r.gespaard or r.eind],
    )


# --- the PDF ----------------------------------------------------------------------------------


def euro(bedrag: Decimal | None) -> str:
    """The statement is a Dutch document: amounts in Dutch notation whatever the UI language."""
    return geld.euro(bedrag, leeg="", taal="nl")


def _titel(cijfers: Overzichtcijfers, eindoverzicht: bool) -> str:
    if eindoverzicht:
        return _("Eindoverzicht budgetbeheer")
    return _("Overzicht budgetbeheer %(maand)s") % {"maand": maand_naam(cijfers.periode_begin)}


def overzicht_html(
    budgetrekening: Budgetrekening,
    cijfers: Overzichtcijfers,
    *,
    eindoverzicht: bool = False,
    tussentijds: bool = False,
    datum: date | None = None,
) -> str:
    """The statement as an HTML document in the letter layout (letterhead, address window,
    reference lines, footer; no signature, like a bank statement), ready for WeasyPrint."""
    organisatie = budgetrekening.organisatie
    briefhoofd = briefhoofd_voor(organisatie)
    ontvanger = Ontvanger.van_partij(budgetrekening.client)
    with override("nl"):
        return render_to_string(
            "budget/overzicht/pdf.html",
            {
                "titel": _titel(cijfers, eindoverzicht),
                "tussentijds": tussentijds,
                "eindoverzicht": eindoverzicht,
                "rekening": budgetrekening,
                "zaak": budgetrekening.zaak,
                "c": cijfers,
                "regels": [
                    {
                        "datum": r.datum,
                        "omschrijving": r.omschrijving,
                        "bij": euro(r.bij),
                        "af": euro(r.af),
                        "saldo": euro(r.saldo),
                    }
                    for r in cijfers.regels
                ],
                "reserveringen": [
                    {
                        "omschrijving": r.omschrijving,
                        "begin": euro(r.begin),
                        "gespaard": euro(r.gespaard),
                        "vrijgegeven": euro(r.vrijgegeven),
                        "eind": euro(r.eind),
                    }
                    for r in cijfers.reserveringen
                ],
                "bedragen": {
                    "beginsaldo": euro(cijfers.beginsaldo),
                    "bij": euro(cijfers.bij),
                    "af": euro(cijfers.af),
                    "eindsaldo": euro(cijfers.eindsaldo),
                    "gereserveerd": euro(cijfers.gereserveerd_eind),
                    "beschikbaar": euro(cijfers.beschikbaar_eind),
                },
                "ontvanger": ontvanger,
                "datum": datum or vandaag(organisatie.tijdzone),
                "organisatie": organisatie,
                "briefhoofd": briefhoofd,
                "logo": logo_html(briefhoofd, organisatie),
                "afzender": (briefhoofd.afzender or "").splitlines(),
            },
        )


def _bestandsnaam(budgetrekening: Budgetrekening, cijfers: Overzichtcijfers, eind: bool) -> str:
    if eind:
        return f"eindoverzicht-{budgetrekening.kenmerk}-{cijfers.periode_einde.isoformat()}.pdf"
    return f"budgetoverzicht-{budgetrekening.kenmerk}-{cijfers.periode_begin:%Y-%m}.pdf"


# --- making and storing -----------------------------------------------------------------------


def _toegang_check(actor: Actor, budgetrekening: Budgetrekening) -> None:
    require_budget_toegang(actor)
    zaak = budgetrekening.zaak
    require_zaak_toegang(actor, zaak)


def _opslaan(
    *,
    actor: Actor,
    budgetrekening: Budgetrekening,
    cijfers: Overzichtcijfers,
    eindoverzicht: bool,
) -> Clientoverzicht:
    """Render, store as a case document and record: once per period (a second call returns
    the first statement). Runs inside the caller's transaction when there is one."""
    if not cijfers.sluit:  # pragma: no cover - a broken ledger; never print a wrong statement
        raise ValidationError(_("Het overzicht sluit niet; neem contact op met de beheerder."))
    bestaand = Clientoverzicht.objects.filter(
        budgetrekening=budgetrekening,
        periode_begin=cijfers.periode_begin,
        eindoverzicht=eindoverzicht,
    ).first()
    if bestaand is not None:
        return bestaand
    zaak = budgetrekening.zaak
    titel = _titel(cijfers, eindoverzicht)
    pdf = brief_render_pdf(overzicht_html(budgetrekening, cijfers, eindoverzicht=eindoverzicht))
    iotype = briefdocumenttype_ensure(
        zaak.zaaktype,
        voorkeur=DOCUMENTTYPE_EINDOVERZICHT if eindoverzicht else DOCUMENTTYPE_CLIENTOVERZICHT,
    )
    with transaction.atomic():
        # The account's row lock makes two simultaneous requests for the same month wait for
        # each other; the second then finds the first's statement.
        Budgetrekening.objects.select_for_update().get(pk=budgetrekening.pk)
        bestaand = Clientoverzicht.objects.filter(
            budgetrekening=budgetrekening,
            periode_begin=cijfers.periode_begin,
            eindoverzicht=eindoverzicht,
        ).first()
        if bestaand is not None:
            return bestaand
        zio = zaak_document_add(
            actor=actor,
            zaak=zaak,
            bestand=ContentFile(pdf, name=_bestandsnaam(budgetrekening, cijfers, eindoverzicht)),
            titel=titel[:200],
            informatieobjecttype=iotype,
            beschrijving=_("Overzicht van het budgetbeheer van %(van)s tot en met %(tot)s")
            % {
                "van": cijfers.periode_begin.strftime("%d-%m-%Y"),
                "tot": cijfers.periode_einde.strftime("%d-%m-%Y"),
            },
        )
        overzicht = Clientoverzicht.objects.create(
            organisatie=budgetrekening.organisatie,
            budgetrekening=budgetrekening,
            periode_begin=cijfers.periode_begin,
            periode_einde=cijfers.periode_einde,
            beginsaldo=cijfers.beginsaldo,
            eindsaldo=cijfers.eindsaldo,
            eindoverzicht=eindoverzicht,
            document=zio.informatieobject,
        )
        audit_entry_record(
            actor=actor,
            actie="budget_eindoverzicht_gemaakt" if eindoverzicht else "budget_overzicht_gemaakt",
            obj=budgetrekening,
            wijzigingen={
                "periode": [None, f"{cijfers.periode_begin} – {cijfers.periode_einde}"],
                "beginsaldo": [None, str(cijfers.beginsaldo)],
                "eindsaldo": [None, str(cijfers.eindsaldo)],
                "document": [None, zio.informatieobject.identificatie],
            },
            zaak_uuid=zaak.uuid,
        )
    return overzicht


def clientoverzicht_maken(
    *, actor: Actor, budgetrekening: Budgetrekening, jaar: int, maand: int
) -> Clientoverzicht:
    """The monthly statement of `budgetrekening` for `maand`/`jaar`: made, stored as a PDF
    document of the case and audited the first time; the same statement every time after.

    Refused (ValidationError, Dutch) for a month that is not over yet, a month before the
    account started, or a month after the account ended."""
    _toegang_check(actor, budgetrekening)
    begin, einde = maand_periode(jaar, maand)
    bestaand = Clientoverzicht.objects.filter(
        budgetrekening=budgetrekening, periode_begin=begin, eindoverzicht=False
    ).first()
    if bestaand is not None:
        return bestaand
    vandaag_ = vandaag(budgetrekening.organisatie.tijdzone)
    if einde >= vandaag_:
        raise ValidationError(
            {"maand": _("Een maandoverzicht kan pas gemaakt worden als de maand voorbij is.")}
        )
    if einde < budgetrekening.startdatum:
        raise ValidationError({"maand": _("In deze maand was het budgetbeheer nog niet begonnen.")})
    if budgetrekening.einddatum and begin > budgetrekening.einddatum:
        raise ValidationError({"maand": _("In deze maand was het budgetbeheer al beëindigd.")})
    if Clientoverzicht.objects.filter(
        budgetrekening=budgetrekening, eindoverzicht=True, periode_begin__lte=einde
    ).exists():
        raise ValidationError({"maand": _("Deze maand staat al in het eindoverzicht.")})
    cijfers = overzicht_cijfers(budgetrekening, begin, einde)
    return _opslaan(
        actor=actor, budgetrekening=budgetrekening, cijfers=cijfers, eindoverzicht=False
    )


def eindoverzicht_begin(budgetrekening: Budgetrekening) -> date:
    """Where the final statement starts: the day after the last monthly statement, else the
    start of the budget account, so no period is ever left out of the client's statements."""
    laatste = (
        Clientoverzicht.objects.filter(budgetrekening=budgetrekening, eindoverzicht=False)
        .order_by("-periode_einde")
        .first()
    )
    if laatste is None:
        return budgetrekening.startdatum
    return max(laatste.periode_einde + timedelta(days=1), budgetrekening.startdatum)


def eindoverzicht_maken(
    *, actor: Actor, budgetrekening: Budgetrekening, einde: date | None = None
) -> Clientoverzicht:
    """The final statement of an ended account, once its tegoed has been paid out (it then
    shows the payout and a closing balance of zero). Idempotent; beeindigen.py calls it."""
    _toegang_check(actor, budgetrekening)
    if budgetrekening.status != RekeningStatus.BEEINDIGD:
        raise ValidationError(_("Een eindoverzicht hoort bij een beëindigde budgetrekening."))
    begin = eindoverzicht_begin(budgetrekening)
    bestaand = Clientoverzicht.objects.filter(
        budgetrekening=budgetrekening, eindoverzicht=True
    ).first()
    if bestaand is not None:
        return bestaand
    # An approved payout is booked on its execution date, which may be the next working day.
    laatste = (
        Journaalregel.objects.filter(grootboekrekening__in=_client_rekeningen(budgetrekening))
        .order_by("-journaalpost__boekdatum")
        .values_list("journaalpost__boekdatum", flat=True)
        .first()
    )
    einde = max(einde or vandaag(budgetrekening.organisatie.tijdzone), laatste or begin, begin)
    cijfers = overzicht_cijfers(budgetrekening, begin, einde)
    if cijfers.eindsaldo != 0:
        raise ValidationError(
            _(
                "Het eindoverzicht kan pas gemaakt worden als het tegoed van %(bedrag)s is "
                "uitbetaald."
            )
            % {"bedrag": euro(cijfers.eindsaldo)}
        )
    return _opslaan(actor=actor, budgetrekening=budgetrekening, cijfers=cijfers, eindoverzicht=True)


def overzicht_tussentijds_pdf(*, actor: Actor, budgetrekening: Budgetrekening) -> bytes:
    """The running month up to today as a PDF, for the counter: not stored (the month is not
    over). Payments approved today for the next working day are already booked on that day:
    they are included when it is in this month. The read of the client's money is logged."""
    _toegang_check(actor, budgetrekening)
    vandaag_ = vandaag(budgetrekening.organisatie.tijdzone)
    begin = max(vandaag_.replace(day=1), budgetrekening.startdatum)
    laatste = (
        Journaalregel.objects.filter(
            grootboekrekening__in=_client_rekeningen(budgetrekening),
            journaalpost__boekdatum__gt=vandaag_,
            journaalpost__boekdatum__lte=maand_periode(vandaag_.year, vandaag_.month)[1],
        )
        .order_by("-journaalpost__boekdatum")
        .values_list("journaalpost__boekdatum", flat=True)
        .first()
    )
    cijfers = overzicht_cijfers(budgetrekening, begin, laatste or vandaag_)
    verwerking_record(
        actor=actor,
        handeling="Tussentijds budgetoverzicht gedownload",
        doel=DOEL,
        partij=budgetrekening.client,
        zaak=budgetrekening.zaak,
    )
    return brief_render_pdf(overzicht_html(budgetrekening, cijfers, tussentijds=True))


# --- the monthly run --------------------------------------------------------------------------


@dataclass
class OverzichtenRapport:
    gemaakt: int = 0
    al_gemaakt: int = 0
    fouten: dict[str, str] = field(default_factory=dict)  # kenmerk -> Dutch message


def _rekeningen_voor_maand(organisatie: Organisatie, begin: date, einde: date):  # noqa: ANN202
    return (
        Budgetrekening.objects.filter(organisatie=organisatie, startdatum__lte=einde)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=begin))
        .select_related("zaak__zaaktype", "zaak__organisatie", "client", "organisatie")
        .order_by("kenmerk")
    )


def overzichten_maken(organisatie: Organisatie, jaar: int, maand: int) -> OverzichtenRapport:
    """The monthly run (by the worker, on the first working days of a month): a statement for
    every account that ran in that month. One account's problem does not stop the others; it
    is reported by kenmerk. Running it again makes only what is missing."""
    begin, einde = maand_periode(jaar, maand)
    systeem = Actor.system(organisatie, weergave="Maandoverzichten budgetbeheer")
    rapport = OverzichtenRapport()
    # Made already: this month's statement, or a final statement that covers (part of) it.
    al_gemaakt = set(
        Clientoverzicht.objects.filter(organisatie=organisatie)
        .filter(
            Q(periode_begin=begin, eindoverzicht=False)
            | Q(eindoverzicht=True, periode_begin__lte=einde)
        )
        .values_list("budgetrekening_id", flat=True)
    )
    for rekening in _rekeningen_voor_maand(organisatie, begin, einde):
        if rekening.pk in al_gemaakt:
            rapport.al_gemaakt += 1
            continue
        try:
            clientoverzicht_maken(actor=systeem, budgetrekening=rekening, jaar=jaar, maand=maand)
        except ValidationError as fout:
            rapport.fouten[rekening.kenmerk] = " ".join(fout.messages)
        except Exception as fout:  # noqa: BLE001 - one account must not stop the run
            logger.exception("Maandoverzicht %s mislukt", rekening.kenmerk)
            rapport.fouten[rekening.kenmerk] = str(fout)
        else:
            rapport.gemaakt += 1
    return rapport


def eindoverzichten_bijwerken(organisatie: Organisatie) -> OverzichtenRapport:
    """The final statements that could not be made when the account ended, because the payout
    still had to be approved: made now for every ended account whose tegoed is zero."""
    systeem = Actor.system(organisatie, weergave="Eindoverzichten budgetbeheer")
    rapport = OverzichtenRapport()
    rekeningen = (
        Budgetrekening.objects.filter(organisatie=organisatie, status=RekeningStatus.BEEINDIGD)
        .exclude(overzichten__eindoverzicht=True)
        .select_related("zaak__zaaktype", "zaak__organisatie", "client", "organisatie")
        .order_by("kenmerk")
    )
    for rekening in rekeningen:
        try:
            eindoverzicht_maken(actor=systeem, budgetrekening=rekening)
        except ValidationError:
            continue  # the payout is not booked yet: tomorrow again
        except Exception as fout:  # noqa: BLE001 - one account must not stop the run
            logger.exception("Eindoverzicht %s mislukt", rekening.kenmerk)
            rapport.fouten[rekening.kenmerk] = str(fout)
        else:
            rapport.gemaakt += 1
    return rapport


def overzichten_dagelijks(organisatie: Organisatie, datum: date) -> OverzichtenRapport:
    """The worker's daily job: the final statements that became possible, and in the first
    week of a month the statements of the month before (again each day, which makes only
    what is still missing, e.g. after a failure)."""
    rapport = eindoverzichten_bijwerken(organisatie)
    if datum.day <= 7:
        vorige = datum.replace(day=1) - timedelta(days=1)
        maand = overzichten_maken(organisatie, vorige.year, vorige.month)
        rapport.gemaakt += maand.gemaakt
        rapport.al_gemaakt += maand.al_gemaakt
        rapport.fouten.update(maand.fouten)
    return rapport


def overzicht_demo_load(organisatie: Organisatie, datum: date | None = None) -> OverzichtenRapport:
    """For `make demo`, after the other budget demo loaders booked some money: last month's
    statements of every account, so the consultant finds them in the dossier."""
    dag = datum or vandaag(organisatie.tijdzone)
    vorige = dag.replace(day=1) - timedelta(days=1)
    return overzichten_maken(organisatie, vorige.year, vorige.month)
