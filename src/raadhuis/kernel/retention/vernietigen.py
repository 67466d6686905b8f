"""The destruction of one case on an approved list, in its own transaction.

What goes:
- the case and everything under it that has a foreign key to it with CASCADE (statuses, roles,
  results, properties, objects, notes, tasks, a module's record such as the SHV dossier and its
  rows), its decisions (besluiten) and what hangs under those;
- its documents with every version, and their files in storage (removed once the transaction
  commits); a document that another case or decision still uses is only unlinked;
- every file in a FileField of any row that goes (found through Django's deletion collector,
  so a module's attachments go too without code here);
- the natural persons (natuurlijke personen) that were party to the case and that nothing else
  refers to any more: no other case, no module record, no representation of a person who
  stays. Organisations and branches stay: they are no personal data and are shared registers
  (creditors, suppliers).

What stays: the list item (the record: number, type, result, dates, rule, who, when), the
audit trail and the notifications (which name the case by its number and UUID only).

A case is skipped, with the reason on its list item, when it changed after the list was drawn
up and reviewed: reopened, a new archive action date or nomination, transferred, or it still
has sub-cases. A failure (for instance a module's row that PROTECTs the case) rolls the case
back and marks it failed; a next run tries again.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import date

from django.db import models, router, transaction
from django.db.models import ProtectedError, Q, QuerySet, RestrictedError
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.redactie import audit_anonimiseren
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.models import Besluit, Zaak
from raadhuis.kernel.cases.services import zaak_event_queue
from raadhuis.kernel.common import Archiefnominatie, Archiefstatus
from raadhuis.kernel.documents.bestanden import bestanden_verwijderen_na_commit
from raadhuis.kernel.documents.inkomende_post import inkomende_berichten_verwijderen
from raadhuis.kernel.documents.models import (
    BesluitInformatieObject,
    InformatieObject,
    ZaakInformatieObject,
)
from raadhuis.kernel.documents.versies import document_event_queue
from raadhuis.kernel.events.resources import resource_url
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.parties.models import NatuurlijkPersoon, Partij, Vertegenwoordiging
from raadhuis.kernel.retention.hooks import (
    VernietigingContext,
    VernietigingGeweigerd,
    vernietiging_hooks,
)
from raadhuis.kernel.retention.models import (
    TE_VERWERKEN,
    ItemStatus,
    Vernietigingslijst,
    VernietigingslijstItem,
)

logger = logging.getLogger(__name__)

# What may go when a person is erased: the person and their own addresses and representations.
PARTIJGEGEVENS = frozenset(
    {"parties.partij", "parties.natuurlijkpersoon", "parties.adres", "parties.vertegenwoordiging"}
)


def zaak_verwijzing(zaak: Zaak) -> Zaak:
    """An unsaved stand-in that names a case by its number only, for audit entries: the audit
    trail shows `str(obj)`, and a case's own str adds its description, which can hold a name."""
    return Zaak(uuid=zaak.uuid, identificatie=zaak.identificatie)


# --- one item -----------------------------------------------------------------------------------
def item_verwerken(
    *, actor: Actor, lijst: Vernietigingslijst, item_pk: int, peildatum: date
) -> str:
    """Destroy (or skip) the case of one list item; returns the item's new status."""
    try:
        with transaction.atomic():
            item = VernietigingslijstItem.objects.select_for_update().get(
                pk=item_pk, lijst_id=lijst.pk
            )
            if item.status not in TE_VERWERKEN:
                return item.status  # another run got here first
            zaak = (
                Zaak.objects.select_for_update(of=("self",))
                .select_related("zaaktype", "organisatie")
                .filter(uuid=item.zaak_uuid, organisatie_id=lijst.organisatie_id)
                .first()
            )
            reden = (
                _al_vernietigd(item)
                if zaak is None
                else reden_om_over_te_slaan(
                    item,
                    zaak,
                    peildatum,
                    heeft_deelzaken=Zaak.objects.filter(hoofdzaak=zaak).exists(),
                )
            )
            if reden:
                _item_afsluiten(actor, item, ItemStatus.OVERGESLAGEN, reden=reden)
                return item.status
            assert zaak is not None  # a missing case has a reason above
            aantallen = zaak_vernietigen(actor=actor, zaak=zaak, lijst=lijst)
            _item_afsluiten(actor, item, ItemStatus.VERNIETIGD, aantallen=aantallen)
            return item.status
    except Exception as error:  # noqa: BLE001  (one case's failure must not stop the list)
        # Only the kind of error: its text may quote data from the case.
        logger.warning("Vernietiging van lijstitem %s mislukt: %s", item_pk, type(error).__name__)
        with transaction.atomic():
            item = VernietigingslijstItem.objects.select_for_update().get(pk=item_pk)
            if item.status in TE_VERWERKEN:
                _item_afsluiten(actor, item, ItemStatus.MISLUKT, reden=_foutmelding(error))
            return item.status


def _item_afsluiten(
    actor: Actor,
    item: VernietigingslijstItem,
    status: str,
    *,
    reden: str = "",
    aantallen: dict[str, int] | None = None,
) -> None:
    item.status = status
    item.reden = reden
    item.verwerkt_op = timezone.now()
    item.aantallen = aantallen or {}
    item.save(update_fields=["status", "reden", "verwerkt_op", "aantallen"])
    actie = {
        ItemStatus.VERNIETIGD: "zaak_vernietigd",
        ItemStatus.OVERGESLAGEN: "zaak_vernietiging_overgeslagen",
        ItemStatus.MISLUKT: "zaak_vernietiging_mislukt",
    }[ItemStatus(status)]
    audit_entry_record(
        actor=actor,
        actie=actie,
        obj=item,
        wijzigingen=aantallen or {},
        toelichting=reden or _("Vernietigingslijst ‘%(lijst)s’") % {"lijst": item.lijst.naam},
        zaak_uuid=item.zaak_uuid,
    )


def _foutmelding(error: Exception) -> str:
    if isinstance(error, VernietigingGeweigerd):
        return str(error)  # written by the module for this list, without personal data
    if isinstance(error, ProtectedError | RestrictedError):
        soorten = sorted({str(o._meta.verbose_name_plural) for o in error.args[1]})
        return _(
            "Er verwijzen nog gegevens naar deze zaak die niet mee vernietigd mogen worden "
            "(%(soorten)s). De module die ze bijhoudt moet ze eerst opruimen."
        ) % {"soorten": ", ".join(soorten)}
    return _(
        "Technische fout (%(soort)s); probeer het opnieuw of neem contact op met de beheerder."
    ) % {"soort": type(error).__name__}


def _al_vernietigd(item: VernietigingslijstItem) -> str:
    """Why a case that is no longer there is skipped."""
    elders = (
        VernietigingslijstItem.objects.filter(
            zaak_uuid=item.zaak_uuid, status=ItemStatus.VERNIETIGD
        )
        .exclude(pk=item.pk)
        .select_related("lijst")
        .first()
    )
    if elders is not None:
        return _("De zaak is al vernietigd met de lijst ‘%(lijst)s’.") % {
            "lijst": elders.lijst.naam
        }
    return _("De zaak bestaat niet meer.")


def reden_om_over_te_slaan(
    item: VernietigingslijstItem, zaak: Zaak, peildatum: date, *, heeft_deelzaken: bool
) -> str:
    """Why this case may not be destroyed now (empty when it may): what the reviewer approved
    must still be true."""
    if zaak.einddatum is None:
        return _("De zaak is heropend nadat de lijst is opgesteld.")
    if zaak.einddatum != item.einddatum:
        return _("De zaak is heropend en opnieuw afgesloten (einddatum nu %(datum)s).") % {
            "datum": zaak.einddatum.isoformat()
        }
    if zaak.archiefnominatie != Archiefnominatie.VERNIETIGEN:
        return _("De archiefnominatie is gewijzigd in ‘%(nominatie)s’.") % {
            "nominatie": zaak.get_archiefnominatie_display() or "—"
        }
    if zaak.archiefactiedatum != item.archiefactiedatum:
        return _("De archiefactiedatum is gewijzigd van %(oud)s in %(nieuw)s.") % {
            "oud": item.archiefactiedatum.isoformat(),
            "nieuw": zaak.archiefactiedatum.isoformat() if zaak.archiefactiedatum else "—",
        }
    if zaak.archiefactiedatum is None or zaak.archiefactiedatum > peildatum:
        return _("De archiefactiedatum is nog niet verstreken.")
    if zaak.archiefstatus == Archiefstatus.OVERGEDRAGEN:
        return _("De zaak is overgedragen aan een archiefbewaarplaats.")
    if heeft_deelzaken:
        return _("De zaak heeft deelzaken die niet (mee) vernietigd zijn.")
    return ""


# --- one case -----------------------------------------------------------------------------------
def zaak_vernietigen(*, actor: Actor, zaak: Zaak, lijst: Vernietigingslijst) -> dict[str, int]:
    """Remove a (locked) case with its documents, decisions, module data and files, and erase
    its natural persons that nothing else refers to. Returns what went, as counts."""
    context = VernietigingContext(
        zaak=zaak,
        actor=actor,
        lijst_naam=lijst.naam,
        partij_ids=set(
            zaak.rollen.filter(partij__isnull=False).values_list("partij_id", flat=True)
        ),
    )
    aantallen: Counter[str] = Counter()
    for hook in vernietiging_hooks():
        extra = hook(context)
        if extra:
            aantallen.update({str(k): int(v) for k, v in extra.items()})

    besluiten = list(Besluit.objects.filter(zaak=zaak).select_related("besluittype", "organisatie"))
    eigen, gedeeld = _documenten(zaak, besluiten)
    documenten = list(
        InformatieObject.objects.filter(pk__in=eigen).select_related(
            "informatieobjecttype", "organisatie"
        )
    )
    # Notifications first: they read the rows that are about to go.
    zaak_event_queue(zaak, resource="zaak", actie="destroy")
    for besluit in besluiten:
        _besluit_event(besluit)
    for io in documenten:
        document_event_queue(
            io, resource="enkelvoudiginformatieobject", actie="destroy", resource_uuid=io.uuid
        )

    # Filed incoming e-mails keep their own .eml file; remove them with the case.
    inkomende_berichten_verwijderen(actor=actor, zaak=zaak)
    bestanden: list[str] = []
    if besluiten:
        _verwijderen(Besluit.objects.filter(pk__in=[b.pk for b in besluiten]), aantallen, bestanden)
    Zaak.objects.filter(pk=zaak.pk).update(status_actueel=None)
    _verwijderen(Zaak.objects.filter(pk=zaak.pk), aantallen, bestanden)
    if documenten:
        InformatieObject.objects.filter(pk__in=eigen).update(laatste_versie=None)
        _verwijderen(InformatieObject.objects.filter(pk__in=eigen), aantallen, bestanden)
    gewiste_partijen: list[uuid.UUID] = []
    gewist = partijen_wissen(
        actor=actor,
        partij_ids=context.partij_ids,
        organisatie_id=zaak.organisatie_id,
        toelichting=_("Zaak %(zaak)s, vernietigingslijst ‘%(lijst)s’")
        % {"zaak": zaak.identificatie, "lijst": lijst.naam},
        aantallen=aantallen,
        bestanden=bestanden,
        gewiste_uuids=gewiste_partijen,
    )
    # What the history said about the case and the erased persons goes with them.
    audit_anonimiseren(
        zaak_uuid=zaak.uuid, partij_uuids=gewiste_partijen, behalve_acties=("partij_gewist",)
    )
    unieke_bestanden = sorted(set(bestanden))
    bestanden_verwijderen_na_commit(unieke_bestanden)
    aantallen["bestanden"] = len(unieke_bestanden)
    aantallen["partijen_gewist"] = gewist
    aantallen["partijen_bewaard"] = len(context.partij_ids) - gewist
    aantallen["documenten_bewaard"] = len(gedeeld)
    return {k: v for k, v in sorted(aantallen.items())}


def _documenten(zaak: Zaak, besluiten: list[Besluit]) -> tuple[set[int], set[int]]:
    """(documents that go with the case, documents another case or decision still uses)."""
    besluit_ids = [b.pk for b in besluiten]
    alle = set(
        ZaakInformatieObject.objects.filter(zaak=zaak).values_list("informatieobject_id", flat=True)
    ) | set(
        BesluitInformatieObject.objects.filter(besluit_id__in=besluit_ids).values_list(
            "informatieobject_id", flat=True
        )
    )
    gedeeld = set(
        ZaakInformatieObject.objects.filter(informatieobject_id__in=alle)
        .exclude(zaak=zaak)
        .values_list("informatieobject_id", flat=True)
    ) | set(
        BesluitInformatieObject.objects.filter(informatieobject_id__in=alle)
        .exclude(besluit_id__in=besluit_ids)
        .values_list("informatieobject_id", flat=True)
    )
    return alle - gedeeld, gedeeld


def _besluit_event(besluit: Besluit) -> None:
    event_queue(
        organisatie=besluit.organisatie,
        kanaal="besluiten",
        resource="besluit",
        actie="destroy",
        resource_uuid=besluit.uuid,
        hoofd_object_uuid=besluit.uuid,
        kenmerken={
            "verantwoordelijke_organisatie": besluit.verantwoordelijke_organisatie,
            "besluittype": resource_url(
                "besluittype", besluit.besluittype.uuid, besluit.besluittype.uuid
            ),
        },
    )


# --- deleting with the collector -----------------------------------------------------------------
def _collector(qs: QuerySet) -> Collector:
    collector = Collector(using=router.db_for_write(qs.model), origin=qs)
    # A QuerySet, as Model.delete() passes it itself (the stubs ask for a list).
    collector.collect(qs)  # type: ignore[arg-type]
    return collector


def _verwijderen(qs: QuerySet, aantallen: Counter[str], bestanden: list[str]) -> None:
    """Delete `qs` with everything that cascades from it; note the files of every row that
    goes, and count the rows per model."""
    collector = _collector(qs)
    bestanden.extend(_bestandsnamen(collector))
    _totaal, per_model = collector.delete()
    aantallen.update({label.lower(): n for label, n in per_model.items() if n})


def _bestandsvelden(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _bestandsnamen(collector: Collector) -> list[str]:
    """The stored file names of every row the collector is about to delete."""
    namen: list[str] = []
    for model, objecten in collector.data.items():
        velden = _bestandsvelden(model)
        for obj in objecten:
            for veld in velden:
                naam = getattr(obj, veld.attname)
                if naam:
                    namen.append(str(naam))
    for qs in collector.fast_deletes:
        for veld in _bestandsvelden(qs.model):
            namen.extend(str(n) for n in qs.values_list(veld.attname, flat=True) if n)
    return namen


# --- erasing persons ---------------------------------------------------------------------------
def partijen_wissen(
    *,
    actor: Actor,
    partij_ids: Iterable[int],
    organisatie_id: int,
    toelichting: str,
    aantallen: Counter[str],
    bestanden: list[str],
    gewiste_uuids: list[uuid.UUID] | None = None,
) -> int:
    """Erase the natural persons among `partij_ids` that nothing outside their own data refers
    to any more. Returns how many were erased; their uuids are added to `gewiste_uuids`."""
    kandidaten = set(
        NatuurlijkPersoon.objects.filter(
            pk__in=list(partij_ids), organisatie_id=organisatie_id
        ).values_list("pk", flat=True)
    )
    kandidaten = _zonder_vertegenwoordiging_naar_buiten(kandidaten)
    gewist = 0
    for persoon in NatuurlijkPersoon.objects.filter(pk__in=kandidaten).order_by("pk"):
        try:
            collector = _collector(NatuurlijkPersoon.objects.filter(pk=persoon.pk))
        except (ProtectedError, RestrictedError):
            continue  # another case, a module record or a register still uses this person
        if not _alleen_partijgegevens(collector):
            continue
        event_queue(
            organisatie=persoon.organisatie,
            kanaal="partijen",
            resource="partij",
            actie="destroy",
            resource_uuid=persoon.uuid,
            hoofd_object_uuid=persoon.uuid,
            kenmerken={"soortPartij": persoon.soort},
        )
        bestanden.extend(_bestandsnamen(collector))
        _totaal, per_model = collector.delete()
        aantallen.update({label.lower(): n for label, n in per_model.items() if n})
        gewist += 1
        if gewiste_uuids is not None:
            gewiste_uuids.append(persoon.uuid)
        audit_entry_record(
            actor=actor,
            actie="partij_gewist",
            # Named by nothing but its UUID: the person's name is what is being erased.
            obj=Partij(uuid=persoon.uuid, weergavenaam=_("Gewiste partij")),
            toelichting=toelichting,
        )
    return gewist


def _zonder_vertegenwoordiging_naar_buiten(kandidaten: set[int]) -> set[int]:
    """Drop candidates that represent, or are represented by, someone who stays (repeat until
    no candidate links outside the set)."""
    while kandidaten:
        paren = list(
            Vertegenwoordiging.objects.filter(
                Q(vertegenwoordiger_id__in=kandidaten) | Q(vertegenwoordigde_id__in=kandidaten)
            ).values_list("vertegenwoordiger_id", "vertegenwoordigde_id")
        )
        naar_buiten = {a for a, b in paren if a in kandidaten and b not in kandidaten} | {
            b for a, b in paren if b in kandidaten and a not in kandidaten
        }
        if not naar_buiten:
            break
        kandidaten = kandidaten - naar_buiten
    return kandidaten


def _alleen_partijgegevens(collector: Collector) -> bool:
    """Would deleting this person take only their own party data with it? Anything else that
    cascades (a module's row about them) means something still refers to them: keep them."""
    for model in collector.data:
        if model._meta.label_lower not in PARTIJGEGEVENS:
            return False
    for qs in collector.fast_deletes:
        if qs.model._meta.label_lower not in PARTIJGEGEVENS and qs.exists():
            return False
    # A reference that would be emptied (SET_NULL), such as a letter on another case addressed
    # to this person, is a reference too.
    for (veld, _waarde), reeksen in collector.field_updates.items():
        if veld.model._meta.label_lower in PARTIJGEGEVENS:
            continue
        for objecten in reeksen:
            if isinstance(objecten, QuerySet) and not objecten.exists():
                continue
            if objecten:
                return False
    return True
