"""Making and storing client statements: one a month (or a final one when the account ends),
a PDF in the case's documents; the monthly run and the daily job that call it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_zaak_toegang
from raadhuis.kernel.audit.services import audit_entry_record, verwerking_record
from raadhuis.kernel.documents.zaakdocumenten import zaak_document_add
from raadhuis.kernel.messaging.documenttype import briefdocumenttype_ensure
from raadhuis.kernel.messaging.pdf import brief_render_pdf
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.catalogus import DOCUMENTTYPE_CLIENTOVERZICHT, require_budget_toegang
from raadhuis.modules.budget.models import (
    Budgetrekening,
    Clientoverzicht,
    Journaalregel,
    RekeningStatus,
)
from raadhuis.modules.budget.overzicht.cijfers import (
    Overzichtcijfers,
    client_rekeningen,
    maand_periode,
    overzicht_cijfers,
)
from raadhuis.modules.budget.overzicht.pdf import (
    euro,
    overzicht_bestandsnaam,
    overzicht_html,
    overzicht_titel,
)

# The name the statements logged under before the package split.
logger = logging.getLogger("raadhuis.modules.budget.overzicht")

DOEL = "Budgetbeheer"
# The case type's document types for statements (catalogus.py); else the letter type.
DOCUMENTTYPE_EINDOVERZICHT = "Eindoverzicht budgetbeheer"


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
    titel = overzicht_titel(cijfers, eindoverzicht)
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
            bestand=ContentFile(
                pdf, name=overzicht_bestandsnaam(budgetrekening, cijfers, eindoverzicht)
            ),
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
        Journaalregel.objects.filter(grootboekrekening__in=client_rekeningen(budgetrekening))
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
            grootboekrekening__in=client_rekeningen(budgetrekening),
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
