"""The CRM's part in destroying a case after its retention period (Archiefwet, AVG art. 17).

The kernel's destruction list (kernel/retention) deletes the case with everything that hangs
under it by CASCADE, including a complaint (Klacht, one-to-one with its case) and its letters.
What the cascade cannot reach are CRM rows that merely *point at* the case and would survive
with the client's words in them:

- contact moments (Klantcontact) about the case (`zaak`), and the follow-up contact moments
  whose task lives on the case (`taak.zaak`), which is how a CRM-OPVOLGING case ("Opvolging
  klantcontact") ties to its contact moment;
- satisfaction surveys (crm_kpi Tevredenheidsmeting) about the case or about one of those
  contact moments: the client's score and free-text remark.

This hook, registered with `register_vernietiging_hook(crm_vernietigen)` from the crm app's
ready(), deletes them inside the case's own destruction transaction, announces each contact
moment's destruction to subscribers (kanaal klantcontacten), blanks what the audit trail said
about them with the kernel's own redaction (audit_anonimiseren, as for the case itself), and
names their parties as candidates for erasure: a person who was only known through this case
goes with it; one who is still a relation, or on another case, stays (the kernel decides).

It deletes rather than blanks (docs/decisions/0005): a contact moment's party may not be empty,
and its date, channel and department alone still tie a person to the case. The KPI figures of
past months are reported monthly and are not recomputed from destroyed cases.

The crm core imports no sub-app: the survey model is looked up through the app registry and
skipped when crm_kpi is not installed.
"""

from __future__ import annotations

from collections import Counter

from django.apps import apps
from django.db import models
from django.db.models import Q

from raadhuis.kernel.audit.redactie import audit_anonimiseren
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.retention.hooks import (
    Bewaarregel,
    VernietigingContext,
    bewaarregel_register,
    register_vernietiging_hook,
)
from raadhuis.modules.crm.models import Klantcontact

# What the hook takes care of, for the retention registry (kernel/retention/hooks.py).
BEHANDELT = ("crm.klantcontact", "crm_kpi.tevredenheidsmeting")
# CRM registers that outlive a case on purpose, each with its own retention: they keep their
# party from being erased with a case (the kernel erases only persons nothing refers to).
EIGEN_REGISTERS = {
    "crm.relatie": "The relation's CRM profile; ends with the relation (grondslag), not a case.",
    "crm.contactpersoon": "A relation's contact person, kept while the relation is.",
    "crm_contracten.contract": "A contract: the contract register's own (fiscal) retention.",
    "crm_leads.lead": "A sales lead of a company relation; the leads register's own retention.",
    "crm_mailing.mailingontvanger": "Who received a mailing; the mailing's own retention.",
    "crm_mailing.afmelding": "An opt-out must be kept to be honoured (AVG art. 21).",
    "crm_migratie.factuurregel": "Invoice lines from the ERP: fiscal retention (AWR art. 52).",
}


def crm_vernietiging_register() -> None:
    """Called from the crm AppConfig.ready(): the destruction hook and the CRM's retention rules.
    Safe to call more than once."""
    register_vernietiging_hook(crm_vernietigen, behandelt=BEHANDELT)
    for label, reden in EIGEN_REGISTERS.items():
        bewaarregel_register(label, Bewaarregel.EIGEN_REGISTER, reden)


def _metingen_model() -> type[models.Model] | None:
    try:
        return apps.get_model("crm_kpi", "Tevredenheidsmeting")
    except LookupError:  # the KPI sub-app is not installed
        return None


def crm_vernietigen(context: VernietigingContext) -> dict[str, int] | None:
    """Kernel retention hook: delete the contact moments and surveys of the case being
    destroyed, and what the audit trail said about them. Safe to run twice."""
    zaak = context.zaak
    contacten = list(
        Klantcontact.objects.filter(Q(zaak_id=zaak.pk) | Q(taak__zaak_id=zaak.pk))
        .select_related("organisatie")
        .order_by("pk")
    )
    aantallen: Counter[str] = Counter()
    metingen = _metingen_model()
    if metingen is not None:
        about = Q(zaak_id=zaak.pk) | Q(klantcontact_id__in=[c.pk for c in contacten])
        rijen = metingen._default_manager.filter(about)
        meting_uuids = list(rijen.values_list("uuid", flat=True))
        for partij_id in rijen.values_list("partij_id", flat=True):
            context.partij_ids.add(partij_id)
        _tellen(aantallen, rijen.delete())
    else:
        meting_uuids = []
    if not contacten and not meting_uuids:
        return dict(aantallen) or None
    for contact in contacten:
        context.partij_ids.add(contact.partij_id)
        if contact.contactpersoon_id is not None:
            context.partij_ids.add(contact.contactpersoon_id)
        # Subscribers (a Klantinteracties register) drop their copy; no text in the event.
        event_queue(
            organisatie=contact.organisatie,
            kanaal="klantcontacten",
            resource="klantcontact",
            actie="destroy",
            resource_uuid=contact.uuid,
            hoofd_object_uuid=contact.uuid,
            kenmerken={"kanaal": contact.kanaal},
        )
    _tellen(aantallen, Klantcontact.objects.filter(pk__in=[c.pk for c in contacten]).delete())
    # Entries about these rows that do not carry the case's uuid (a follow-up contact moment
    # is recorded before its case exists): the kernel blanks the case's own entries itself.
    # audit_anonimiseren matches `partij_uuids` on an entry's object uuid, which is what we need.
    audit_anonimiseren(partij_uuids=[c.uuid for c in contacten] + meting_uuids)
    return dict(aantallen)


def _tellen(aantallen: Counter[str], uitkomst: tuple[int, dict[str, int]]) -> None:
    aantallen.update({label.lower(): n for label, n in uitkomst[1].items() if n})
