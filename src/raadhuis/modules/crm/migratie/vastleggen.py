"""Writing a planned import (plan.py) in bulk, inside the caller's transaction: parties,
addresses, relations, tags and merges, their audit entries (kernel `audit_entries_record`) and
outbox events, in batches of BATCH rows (the kernel's bulk writer, kernel/db/bulk.py: COPY);
contact persons and contact moments follow in bijlagen.py, with the helpers defined here.

What the crm core services check per relation (roles, department, fields) is checked once for
the run (importeren.py) or per row before this point (waarden.py, plan.py). The rows written
are the ones those services write: same columns, same audit actions, same events."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.audit.services import AuditRegel, audit_entries_record
from raadhuis.kernel.db.bulk import ids_allocate, rows_insert
from raadhuis.kernel.events.models import OutboxEvent
from raadhuis.kernel.parties.models import (
    Adres,
    NietNatuurlijkPersoon,
    Partij,
    PartijSoort,
    Rechtsvorm,
    normalise_for_search,
)
from raadhuis.modules.crm.migratie.plan import NieuweRelatie, Plan
from raadhuis.modules.crm.models import (
    Relatie,
    RelatieBron,
    Tag,
)

BATCH = 5000
T = TypeVar("T")
MAX_REFERENTIE = 999_999  # KC + year + six digits: the Klantinteracties maximum of 10


class Object:
    """What the audit trail records of an object (its type, uuid and name), for rows written
    without a model instance."""

    __slots__ = ("_meta", "_naam", "uuid")

    def __init__(self, model: type[models.Model], obj_uuid: Any, naam: str) -> None:  # noqa: ANN401
        self._meta = model._meta
        self.uuid = obj_uuid
        self._naam = naam

    def __str__(self) -> str:
        return self._naam


def delen(items: list[T]) -> Iterator[list[T]]:
    for begin in range(0, len(items), BATCH):
        yield items[begin : begin + BATCH]


def audit(plan: Plan, actie: str, regels: Iterable[AuditRegel]) -> None:
    audit_entries_record(actor=plan.actor, actie=actie, regels=regels, batch_size=BATCH)


def events(plan: Plan, resource: str, actie: str, items: Iterable[tuple[Any, dict]]) -> None:
    """Outbox events as `event_queue` queues them (kanaal, resource, actie, uuids, kenmerken)."""
    kanaal = {"partij": "partijen", "klantcontact": "klantcontacten"}[resource]
    organisatie_id = plan.actor.organisatie.pk
    rows_insert(
        OutboxEvent,
        [
            {
                "organisatie_id": organisatie_id,
                "kanaal": kanaal,
                "resource": resource,
                "actie": actie,
                "resource_uuid": obj_uuid,
                "hoofd_object_uuid": obj_uuid,
                "kenmerken": kenmerken,
            }
            for obj_uuid, kenmerken in items
        ],
    )


def als_nieuw(waarden: dict[str, Any]) -> dict[str, list[Any]]:
    """The audit form of a created object: every field [None, value], as diff({}, ...) gives."""
    return {veld: [None, waarde] for veld, waarde in waarden.items()}


def tags_ensure(plan: Plan) -> dict[str, int]:
    """Tag name -> id of the tags the new relations get, the missing ones made (audited)."""
    namen = {naam for nieuw in plan.nieuw for naam in nieuw.tags}
    if not namen:
        return {}
    organisatie = plan.actor.organisatie
    bestaand = set(Tag.objects.filter(organisatie=organisatie, naam__in=namen).values_list("naam"))
    ontbrekend = [
        Tag(organisatie=organisatie, naam=n) for n in sorted(namen - {b[0] for b in bestaand})
    ]
    Tag.objects.bulk_create(ontbrekend)
    tags = dict(
        Tag.objects.filter(organisatie=organisatie, naam__in=namen).values_list("naam", "pk")
    )
    audit(
        plan,
        "tag_aangemaakt",
        (
            AuditRegel(obj=Object(Tag, None, t.naam), wijzigingen={"naam": [None, t.naam]})
            for t in ontbrekend
        ),
    )
    return tags


def partijen_schrijven(plan: Plan, soort: str, rijen: list[dict[str, Any]]) -> list[int]:
    """Party rows (kernel Partij) with ids reserved first; returns the ids."""
    ids = ids_allocate(Partij, len(rijen))
    nu = timezone.now()
    organisatie_id = plan.actor.organisatie.pk
    for pk, rij in zip(ids, rijen, strict=True):
        rij.update(
            id=pk,
            organisatie_id=organisatie_id,
            soort=soort,
            zoeknaam=normalise_for_search(rij["weergavenaam"]),
            aangemaakt_op=nu,
            gewijzigd_op=nu,
        )
    rows_insert(Partij, rijen)
    return ids


def relaties_aanmaken(plan: Plan, tags: dict[str, int]) -> None:
    """Per batch: organisation parties, their addresses, the relations and their tags."""
    for deel in delen(plan.nieuw):
        partij_ids = partijen_schrijven(
            plan,
            PartijSoort.NIET_NATUURLIJK_PERSOON,
            [
                {
                    "uuid": n.partij_uuid,
                    "weergavenaam": n.naam,
                    "identificatie": n.kvk_nummer,
                    "email": n.email,
                    "telefoonnummer": n.telefoonnummer,
                }
                for n in deel
            ],
        )
        rows_insert(
            NietNatuurlijkPersoon,
            [
                {"partij_ptr_id": pk, "statutaire_naam": n.naam, "kvk_nummer": n.kvk_nummer}
                for pk, n in zip(partij_ids, deel, strict=True)
            ],
        )
        rows_insert(
            Adres,
            [
                {"partij_id": pk, **n.adres}
                for pk, n in zip(partij_ids, deel, strict=True)
                if n.adres
            ],
        )
        relatie_ids = ids_allocate(Relatie, len(deel))
        for n, partij_id, relatie_id in zip(deel, partij_ids, relatie_ids, strict=True):
            n.kandidaat.partij_pk = partij_id
            n.kandidaat.relatie_pk = relatie_id
            n.kandidaat.relatie_uuid = str(uuid.uuid4())
        rows_insert(Relatie, [_relatie_rij(plan, n) for n in deel])
        rows_insert(
            Relatie.tags.through,
            [
                {"relatie_id": n.kandidaat.relatie_pk, "tag_id": tags[naam]}
                for n in deel
                for naam in n.tags
            ],
        )
        _relaties_auditen(plan, deel)


def _relatie_rij(plan: Plan, nieuw: NieuweRelatie) -> dict[str, Any]:
    return {
        "id": nieuw.kandidaat.relatie_pk,
        "uuid": nieuw.kandidaat.relatie_uuid,
        "organisatie_id": plan.actor.organisatie.pk,
        "partij_id": nieuw.kandidaat.partij_pk,
        "soort": nieuw.soort,
        "bron": RelatieBron.HANDMATIG,
        "eenheid_id": plan.afdeling.pk,
        **nieuw.kandidaat.lokaal,
    }


def _relaties_auditen(plan: Plan, deel: list[NieuweRelatie]) -> None:
    toelichting = _("Migratie, rij %(n)s")  # translated once, not per row

    def partij_regel(n: NieuweRelatie) -> AuditRegel:
        velden = {
            "statutaire_naam": n.naam,
            "kvk_nummer": n.kvk_nummer,
            "rechtsvorm": Rechtsvorm.OVERIG,
            "email": n.email,
            "telefoonnummer": n.telefoonnummer,
        }
        if n.adres:
            velden["adres"] = str(Adres(**n.adres))
        return AuditRegel(obj=Object(Partij, n.partij_uuid, n.naam), wijzigingen=als_nieuw(velden))

    def relatie_regel(n: NieuweRelatie) -> AuditRegel:
        velden = {"soort": n.soort, "bron": RelatieBron.HANDMATIG, "eenheid": str(plan.afdeling)}
        velden.update({k: v for k, v in n.kandidaat.lokaal.items() if v})
        if n.tags:
            velden["tags"] = ", ".join(n.tags)
        return AuditRegel(
            obj=Object(Relatie, n.kandidaat.relatie_uuid, n.naam),
            wijzigingen=als_nieuw(velden),
            toelichting=toelichting % {"n": n.rij},
        )

    audit(plan, "partij_aangemaakt", (partij_regel(n) for n in deel))
    audit(plan, "relatie_aangemaakt", (relatie_regel(n) for n in deel))
    soort = {"soortPartij": PartijSoort.NIET_NATUURLIJK_PERSOON}
    events(plan, "partij", "create", ((n.partij_uuid, soort) for n in deel))


def samenvoegingen_opslaan(plan: Plan) -> None:
    """The local fields merged rows changed on existing relations (register data untouched)."""
    gewijzigd = [k for k in plan.samengevoegd if k.lokaal != k.lokaal_voor]
    nu = timezone.now()
    for deel in delen(gewijzigd):
        relaties = [Relatie(pk=k.relatie_pk, gewijzigd_op=nu, **k.lokaal) for k in deel]
        Relatie.objects.bulk_update(relaties, [*deel[0].lokaal.keys(), "gewijzigd_op"])
        audit(
            plan,
            "relatie_gewijzigd",
            (
                AuditRegel(
                    obj=Object(Relatie, k.relatie_uuid, k.naam),
                    wijzigingen={
                        veld: [k.lokaal_voor.get(veld), waarde]
                        for veld, waarde in k.lokaal.items()
                        if k.lokaal_voor.get(veld) != waarde
                    },
                    toelichting=_("Samengevoegd bij migratie (rij %(n)s)")
                    % {"n": ", ".join(str(n) for n in plan.samengevoegd[k])},
                )
                for k in deel
            ),
        )
    # An event for every existing relation the run changed: local fields or something added.
    aangevuld = {b.kandidaat for b in (*plan.contactpersonen, *plan.contactmomenten)}
    veranderd = [k for k in plan.samengevoegd if k in aangevuld or k.lokaal != k.lokaal_voor]
    for deel in delen(veranderd):
        events(
            plan,
            "partij",
            "partial_update",
            ((k.uuid, {"soortPartij": k.partij_soort}) for k in deel),
        )
