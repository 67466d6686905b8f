"""How early-warning signals (vroegsignalering) follow the retention rules (Archiefwet, AVG
art. 5 lid 1 e and art. 17).

A signal holds a resident's address and often a name and BSN. It is kept only as long as it
serves its purpose:

- **A signal turned into an outreach case** belongs to that case: when the kernel destroys the
  case after its retention period, `signalen_vernietigen` (a destruction hook) deletes the
  case's signals in the same transaction and blanks what the audit trail and the processing log
  said about them. The link from signal to dossier is SET_NULL, so without this hook the signal
  (and its BSN) would outlive the case.
- **A signal closed without a case** (afgewezen, geen contact) has no case to follow: the purge
  job `signalen_opschonen` (`raadhuis signalen-opschonen`, from cron) deletes it a fixed number
  of months after it was closed, and also any converted signal whose case is already gone.
  Signals still being worked on (nieuw, in behandeling) are never purged.

The default period (BEWAARTERMIJN_MAANDEN) is the organisation's choice, not a legal figure:
the Wgs and the Besluit gemeentelijke schuldhulpverlening name none for signals that led to no
help, so the municipality sets it in its privacy policy and passes it to the command.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.redactie import audit_anonimiseren
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.retention.hooks import VernietigingContext, register_vernietiging_hook
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.shv.koppelingen.models import Signaal, SignaalStatus

SIGNAAL = "shv_koppelingen.signaal"
# Months after closing (afgehandeld_op) before a signal without a case is purged.
BEWAARTERMIJN_MAANDEN = 12
AFGESLOTEN_ZONDER_ZAAK = (SignaalStatus.AFGEWEZEN, SignaalStatus.GEEN_CONTACT)


def signalen_bewaren_register() -> None:
    """Called from the links' AppConfig.ready(): the destruction hook and its retention rule.
    Safe to call more than once."""
    register_vernietiging_hook(signalen_vernietigen, behandelt=(SIGNAAL,))


def _verwijderen(signalen: QuerySet[Signaal]) -> int:
    """Delete the signals and blank the audit entries and processing-log rows about them
    (both name the signal's uuid). Returns how many signals went."""
    uuids = list(signalen.values_list("uuid", flat=True))
    if not uuids:
        return 0
    aantal, _per_model = Signaal.objects.filter(uuid__in=uuids).delete()
    audit_anonimiseren(partij_uuids=uuids)
    return aantal


def signalen_vernietigen(context: VernietigingContext) -> dict[str, int] | None:
    """Kernel retention hook: delete the signals that were turned into the destroyed case.
    Runs in the case's destruction transaction; safe to run twice."""
    aantal = _verwijderen(Signaal.objects.filter(dossier__zaak_id=context.zaak.pk))
    return {SIGNAAL: aantal} if aantal else None


def signalen_te_verwijderen(
    *, organisatie: Organisatie, peildatum: date, maanden: int = BEWAARTERMIJN_MAANDEN
) -> QuerySet[Signaal]:
    """The signals of `organisatie` whose retention has ended on `peildatum`: closed without a
    case at least `maanden` months ago, or converted into a case that no longer exists."""
    if maanden < 0:
        raise ValueError("a retention period cannot be negative")
    grens = peildatum - relativedelta(months=maanden)
    zonder_zaak = Q(status__in=AFGESLOTEN_ZONDER_ZAAK, afgehandeld_op__lte=grens)
    zaak_weg = Q(status=SignaalStatus.OMGEZET, dossier__isnull=True)
    return Signaal.objects.filter(zonder_zaak | zaak_weg, organisatie=organisatie)


def signalen_opschonen(
    *,
    actor: Actor,
    peildatum: date | None = None,
    maanden: int = BEWAARTERMIJN_MAANDEN,
) -> int:
    """Purge the actor's organisation's signals whose retention has ended (see the module
    docstring). Records one audit entry with the count only (no personal data). Returns how
    many signals were deleted."""
    organisatie = actor.organisatie
    peildatum = peildatum or vandaag(organisatie.tijdzone)
    with transaction.atomic():
        aantal = _verwijderen(
            signalen_te_verwijderen(organisatie=organisatie, peildatum=peildatum, maanden=maanden)
        )
        if aantal:
            audit_entry_record(
                actor=actor,
                actie="signalen_opgeschoond",
                obj=organisatie,
                wijzigingen={"aantal": [None, aantal]},
                toelichting=f"Bewaartermijn {maanden} maanden na afsluiten, peildatum "
                f"{peildatum.isoformat()}",
            )
    return aantal


def signalen_opschonen_alle() -> int:
    """The worker's daily job: `signalen_opschonen` with the default period for every
    organisation that holds signals. An organisation with another period in its privacy
    policy runs `raadhuis signalen-opschonen --maanden N` instead (a shorter period purges
    more; the daily default never purges what the command keeps longer)."""
    organisaties = Organisatie.objects.filter(
        pk__in=Signaal.objects.values("organisatie_id").distinct()
    )
    return sum(
        signalen_opschonen(actor=Actor.system(organisatie, weergave="Systeem (signalen opschonen)"))
        for organisatie in organisaties
    )
