"""`audit_entries_record` (COPY on PostgreSQL, bulk_create elsewhere) writes exactly the entries
`audit_entry_record` writes one by one: the same who, what, on which object, why and which
changes, for every kind of actor and value; inside the caller's transaction."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from raadhuis.kernel.audit.context import request_id_var
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.audit.services import AuditRegel, audit_entries_record, audit_entry_record
from raadhuis.kernel.organisations.models import OrganisatorischeEenheid

pytestmark = pytest.mark.django_db

INHOUD = [f.attname for f in AuditEntry._meta.concrete_fields if f.name not in ("id", "tijdstip")]


class Stand:
    """An object as an import passes it: type, uuid and name without a model instance."""

    def __init__(self, naam: str, obj_uuid: object) -> None:
        self._meta = OrganisatorischeEenheid._meta
        self.uuid = obj_uuid
        self._naam = naam

    def __str__(self) -> str:
        return self._naam


def _regels(org) -> list[AuditRegel]:
    return [
        AuditRegel(obj=org, wijzigingen={"naam": [None, org.naam]}),
        AuditRegel(
            obj=Stand('Bakkerij \u00c9\u00e9n; tab\there \\ "quote"\nnewline', uuid.uuid4()),
            wijzigingen={
                "naam": ["Oud", "Nieuw \u20ac 5,00"],
                "lijst": [[1, 2.5, True, None], {"genest": "\u2603"}],
                "leeg": [None, ""],
            },
            toelichting="Migratie, rij 7\nmet een tweede regel",
            zaak_uuid=uuid.uuid4(),
        ),
        AuditRegel(obj=Stand("x" * 400, str(uuid.uuid4()))),  # name cut at 300, uuid as text
        AuditRegel(obj=Stand("zonder uuid", None), wijzigingen={}),
    ]


def _inhoud(ids: list[int]) -> list[dict]:
    return list(AuditEntry.objects.filter(pk__in=ids).order_by("id").values(*INHOUD))


def _geschreven(org, doe) -> list[int]:  # noqa: ANN001
    voor = set(AuditEntry.objects.filter(organisatie=org).values_list("id", flat=True))
    doe()
    return sorted(
        set(AuditEntry.objects.filter(organisatie=org).values_list("id", flat=True)) - voor
    )


@pytest.mark.parametrize("soort", ["medewerker", "applicatie", "systeem"])
def test_bulk_schrijft_dezelfde_regels_als_een_voor_een(org, actor, soort):
    if soort == "applicatie":
        actor = dataclasses.replace(
            actor,
            type="applicatie",
            weergave="W" * 250,  # cut at 200, as the single path does
            applicatie_uuid=uuid.uuid4(),
            applicatie_weergave="Zaaksysteem " * 30,
            gebruiker_id="u" * 300,
        )
    elif soort == "systeem":
        actor = dataclasses.replace(actor, type="systeem", user_id=None, medewerker=None)
    regels = _regels(org)
    token = request_id_var.set("req-42")
    try:
        los = _geschreven(
            org,
            lambda: [
                audit_entry_record(
                    actor=actor,
                    actie="test_actie",
                    obj=r.obj,
                    wijzigingen=r.wijzigingen,
                    toelichting=r.toelichting,
                    zaak_uuid=r.zaak_uuid,
                )
                for r in regels
            ],
        )
        bulk = _geschreven(
            org,
            lambda: audit_entries_record(actor=actor, actie="test_actie", regels=iter(regels)),
        )
    finally:
        request_id_var.reset(token)
    assert len(los) == len(bulk) == len(regels)
    verwacht, gekregen = _inhoud(los), _inhoud(bulk)
    assert gekregen == verwacht
    assert gekregen[1]["wijzigingen"]["lijst"] == [[1, 2.5, True, None], {"genest": "\u2603"}]
    assert len(gekregen[2]["object_weergave"]) == 300
    assert all(r["request_id"] == "req-42" for r in gekregen)


def test_tijdstip_en_volgorde(org, actor):
    begin = timezone.now()
    audit_entries_record(actor=actor, actie="eerst", regels=[AuditRegel(obj=Stand("a", None))] * 3)
    entries = list(AuditEntry.objects.filter(organisatie=org))  # ordering: -tijdstip, -id
    assert [e.actie for e in entries] == ["eerst"] * 3
    assert [e.id for e in entries] == sorted((e.id for e in entries), reverse=True)
    assert all(begin <= e.tijdstip <= timezone.now() + timedelta(seconds=1) for e in entries)


def test_teruggedraaid_met_de_transactie_en_niets_zonder_regels(org, actor):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_entries_record(
            actor=actor,
            actie="weg",
            regels=(AuditRegel(obj=Stand(str(i), None)) for i in range(50)),
        )
        raise RuntimeError("rollback")
    audit_entries_record(actor=actor, actie="niets", regels=[])
    assert not AuditEntry.objects.filter(organisatie=org).exists()


class Lui:
    """An object whose name needs a query, as a lazy caller's row does (a ledger account's
    name through its client): made while the bulk write is under way."""

    def __init__(self, pk: int) -> None:
        self._meta = OrganisatorischeEenheid._meta
        self.uuid = None
        self.pk = pk

    def __str__(self) -> str:
        return OrganisatorischeEenheid.objects.get(pk=self.pk).naam


def test_rows_that_need_a_query_while_they_are_made(org, actor):
    """A generator whose rows read the database: on PostgreSQL no statement can run while a
    COPY is open, so the writer must make each block of rows before it starts copying (this
    hung the bank import)."""
    eenheid = OrganisatorischeEenheid.objects.create(
        organisatie=org, identificatie="TB", naam="Team Budget"
    )
    audit_entries_record(
        actor=actor, actie="lui", regels=(AuditRegel(obj=Lui(eenheid.pk)) for _ in range(3))
    )
    namen = AuditEntry.objects.filter(actie="lui").values_list("object_weergave", flat=True)
    assert list(namen) == ["Team Budget"] * 3
